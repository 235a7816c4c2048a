"""Turn a build's progress into what its user reads: a progress bar on a terminal, one line a report elsewhere."""

from __future__ import annotations

from typing import TextIO

from reportgen.engine.outcome import BUILT, CACHED, FAILED, Progress, ReportOutcome, Silent
from reportgen.fmt import angka

MARKS = {BUILT: "✓", CACHED: "=", FAILED: "✗"}
WORDS = {BUILT: "dibangun", CACHED: "dari tembolok", FAILED: "gagal"}


def for_stream(stream: TextIO, quiet: bool) -> Progress:
    """A progress bar when `stream` is a terminal, plain lines when not, nothing when `quiet`."""
    if quiet:
        return Silent()
    if stream.isatty():
        return BarProgress(stream)
    return LineProgress(stream)


class LineProgress(Progress):
    """For logs: the plan in one line, then one line per report rendered: '  ✓ slug (1,2 dtk)'."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def planned(self, total: int, to_render: int, cached: int) -> None:
        parts = [f"{to_render} akan dibangun"]
        parts += [f"{cached} dari tembolok"] if cached else []
        parts += [f"{total - to_render - cached} tidak dipilih"] if total - to_render - cached else []
        print(f"{total} laporan: {', '.join(parts)}.", file=self.stream, flush=True)

    def finished(self, report: ReportOutcome) -> None:
        if report.status == CACHED:  # counted once above, not a line each
            return
        seconds = f" ({seconds_text(report.seconds)})" if report.status == BUILT else ""
        word = "" if report.status == BUILT else f" ({WORDS.get(report.status, report.status)})"
        print(f"  {MARKS.get(report.status, '·')} {report.slug}{seconds}{word}", file=self.stream, flush=True)


class BarProgress(Progress):
    """A rich progress bar: count, the report being built, elapsed time and an estimate of the rest."""

    def __init__(self, stream: TextIO):
        from rich.console import Console

        self.console = Console(file=stream)
        self.bar = None
        self.running: list[str] = []

    def planned(self, total: int, to_render: int, cached: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        if not to_render:
            return
        self.bar = _Bar(
            TextColumn("Membangun"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("sisa"),
            TimeRemainingColumn(),
            TextColumn("{task.description}"),
            console=self.console,
            transient=True,
            refresh_per_second=4,  # its drawing thread is safe: workers fork from the fork server, not from here
        )
        self.task = self.bar.add_task("", total=to_render)
        self.bar.start()

    def started(self, slug: str) -> None:
        self.running.append(slug)
        self._show()

    def finished(self, report: ReportOutcome) -> None:
        if self.bar is None or report.status == CACHED:
            return
        if report.slug in self.running:
            self.running.remove(report.slug)
        if report.status == FAILED:
            self.bar.console.print(f"  ✗ {report.slug} gagal")
        self.bar.advance(self.task)
        self._show()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()  # also shows the cursor again after Ctrl-C
            self.bar = None

    def _show(self) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=", ".join(self.running))


def _Bar(*columns, **options):  # noqa: N802 (a class, imported late)
    from rich.progress import Progress as RichProgress

    return RichProgress(*columns, **options)


def seconds_text(seconds: float) -> str:
    """'1,2 dtk'."""
    return f"{angka(seconds, 1)} dtk"
