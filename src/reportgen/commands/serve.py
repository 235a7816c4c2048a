"""Turn a project being edited into a live preview: workers kept warm, a build on every save, a line on each."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from reportgen import outputs
from reportgen.engine import DEFAULT_TIMEOUT
from reportgen.engine.outcome import BUILT, CACHED, FAILED, Outcome
from reportgen.errors import ReportgenError

if TYPE_CHECKING:
    from reportgen.engine.schedule import Workers
    from reportgen.engine.state import State
    from reportgen.serve import Preview


@dataclass(frozen=True)
class Options:
    """What `reportgen serve` was asked: the project, where to build, where to listen, how many workers."""

    root: Path
    output: Path | None = None  # None: ROOT/output
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int | None = None  # None: one per core


class Terminal(Protocol):
    """Where the preview's lines go; the CLI prints them and words the problems."""

    stderr: TextIO  # a request that fails for another reason than the request says one line here

    def say(self, line: str) -> None:
        """A line for the user: the address, what each build changed, the end."""

    def explain(self, failure: ReportgenError | OSError | Outcome, output: Path) -> str:
        """What went wrong as the terminal words it (nothing when nothing did)."""

    def warn(self, text: str) -> None:
        """Problems for the user, as `explain` worded them."""


@dataclass(frozen=True)
class Stopped:
    """The preview ended (Ctrl-C): how many builds it ran."""

    builds: int


def run(options: Options, terminal: Terminal) -> Stopped:
    """Build the pages, serve them, build the PDFs, then rebuild on every save until interrupted."""
    from reportgen import serve
    from reportgen.engine import schedule

    output = options.output or options.root / "output"
    preview = serve.Preview()
    pool = server = builder = None
    try:  # a Ctrl-C while the workers start still ends them and the fork server
        # Workers kept between builds: a report rebuilt after a save finds its libraries and settings loaded.
        pool = schedule.Workers(options.workers or schedule.default_workers(), timeout=DEFAULT_TIMEOUT)
        builder = _Builder(options.root, output, pool, terminal, preview)
        preview.finished(builder.build(False))
        server = serve.start_server(output / "site", preview, options.host, options.port, terminal.stderr)
        host, port = server.server_address[:2]
        preview.started()  # the PDFs, built next
        address = f"[{host}]" if ":" in host else host
        terminal.say(f"Pratinjau: http://{address}:{port}/  (Ctrl-C untuk berhenti)")
        serve.run(options.root, builder.build, preview)
    except KeyboardInterrupt:
        pass
    finally:
        if pool is not None:
            pool.close()
        schedule.stop()
        if server is not None:
            server.shutdown()
            server.server_close()
    terminal.say("Pratinjau dihentikan.")
    return Stopped(builder.builds if builder is not None else 0)


class _Builder:
    """One preview build after another, each remembering what the one before failed on."""

    def __init__(self, root: Path, output: Path, pool: Workers, terminal: Terminal, preview: Preview):
        self.root, self.output, self.pool, self.terminal, self.preview = root, output, pool, terminal, preview
        self.failing: set[str] = set()  # what the last build failed on: report slugs, or '' for the whole project
        self.builds = 0

    def build(self, everything: bool) -> str:
        """Build the pages, or `everything` (every format); tell the terminal what changed, return the problems."""
        from reportgen.engine import build, state, untrusted
        from reportgen.progress import seconds_text

        self.preview.started()
        self.builds += 1
        before, failed = state.read(self.output), {""}
        formats = outputs.ALL if everything else outputs.PAGES
        options = build.Options(formats=formats, pool=self.pool, key=untrusted.key_from(os.environ))
        try:
            outcome = build.build(self.root, self.output, options)
        except (ReportgenError, OSError) as error:  # a disk or folder problem too: the next save tries again
            shown = self.terminal.explain(error, self.output)
        else:
            failed = {report.slug for report in outcome.failures}
            shown = self.terminal.explain(outcome, self.output)
            what = " dan ".join(["halaman", *(outputs.FORMATS[f].label for f in formats if f not in outputs.PAGES)])
            done = changes(outcome, before, state.read(self.output), self.failing - failed)
            self.terminal.say(f"[{what}] {done} ({seconds_text(outcome.seconds)})")
        self.failing = failed
        self.terminal.warn(shown)
        return shown


def changes(outcome: Outcome, before: State | None, after: State | None, fixed: set[str]) -> str:
    """What a preview build changed on the site, in words: built, restored from the cache, removed, failed, fixed.

    `before` and `after` are the site records around the build (engine/state.py): a report taken
    from the cache changed the page only when the record names another result for it.
    """
    old = {slug: entry.key for slug, entry in (before.reports if before is not None else {}).items()}
    new = {slug: entry.key for slug, entry in after.reports.items()} if after is not None else old
    restored = [r for r in outcome.reports if r.status == CACHED and old.get(r.slug) != new.get(r.slug)]
    counts = [
        (outcome.count(BUILT), "dibangun"),
        (len(restored), "diperbarui dari tembolok"),
        (len(old.keys() - new.keys()), "dihapus dari situs"),
        (outcome.count(FAILED), "gagal"),
    ]
    parts = [f"{count} laporan {word}" for count, word in counts if count]
    if fixed:
        named = ", ".join(f"'{slug}'" for slug in sorted(fixed - {""}))
        parts.append(f"galat laporan {named} diperbaiki" if named else "galat diperbaiki")
    return ", ".join(parts) or "tidak ada yang berubah"
