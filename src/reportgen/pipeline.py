"""Turn one report of a project into its view, its files and its summary: load, compute, view, each format.

The engine's unit of work runs this in a worker, around it the digests of the inputs; `check` runs
it with no format, so it draws and prints nothing. A failure is told the same way by both
(`failure`): the author's problems as they are, any other exception as one line with its traceback.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen import names, outputs
from reportgen.errors import InputError, Problem, ReportgenError, internal_error
from reportgen.summary import Download, Summary

if TYPE_CHECKING:
    import jinja2

    from reportgen.load import Project
    from reportgen.render import ReportView


@dataclass(frozen=True)
class Built:
    """One report run through the pipeline: its view, its files by site path, its summary, what each format took."""

    view: ReportView
    files: Mapping[str, bytes]
    summary: Summary
    seconds: Mapping[str, float]  # by format name


@dataclass(frozen=True)
class Failure:
    """Why a report could not be built: the problems to show, and the traceback of an internal error."""

    problems: tuple[Problem, ...]
    traceback: str | None = None


def run(project: Project, slug: str, env: jinja2.Environment | None = None, formats: Sequence[str] = ()) -> Built:
    """Load, compute and view report `slug`, then make each of `formats` (outputs/); raises on failure.

    With no format (a check) nothing is drawn or printed: the view holds tables and charts as values.
    """
    from reportgen import load, render
    from reportgen.data import compute_results

    loaded = load.load_report(project, slug)
    view = render.report_view(loaded, project.config, compute_results(loaded))
    files: dict[str, bytes] = {}
    downloads: list[Download] = []
    seconds: dict[str, float] = {}
    for output in outputs.in_order(formats):  # the downloads first: the page links them
        context = outputs.Context(env, project.config, loaded, project.root, tuple(downloads))  # type: ignore[arg-type]
        started = time.perf_counter()
        made = output.make(view, context)
        seconds[output.name] = time.perf_counter() - started
        files.update(made)
        if output.extension is not None:
            name = f"{slug}.{output.extension}"
            downloads.append(Download(output.name, name, len(made[f"{slug}/{name}"])))
    return Built(view, files, _summary(view, tuple(downloads)), seconds)


def failure(err: Exception, report: Path) -> Failure:
    """What `err` raised while building the report whose file is `report` tells its author.

    Call it while `err` is handled: an internal error keeps the traceback for the log.
    """
    if isinstance(err, InputError):
        return Failure(err.problems)
    if isinstance(err, ReportgenError):
        return Failure((problem(report, str(err)),))
    return Failure((problem(report, internal_error(err)),), traceback.format_exc())


def problem(report: Path, message: str) -> Problem:
    """A problem of the whole report, located at its file."""
    return Problem(report.resolve(), message)


def report_file(root: Path, slug: str) -> Path:
    """The file of report `slug` in the project at `root`."""
    return root / "content" / slug / names.REPORT_FILE


def _summary(view: ReportView, downloads: tuple[Download, ...]) -> Summary:
    report = view.report
    return Summary(
        slug=view.slug,
        judul=report.judul,
        wilayah=report.wilayah,
        program=report.program,
        jenis_program=report.jenis_program,
        tahun=report.tahun,
        tanggal=report.tanggal,
        status=report.status,
        data_contoh=report.data_contoh,
        agency=view.agency,
        key_figures=view.key_figures,
        downloads=downloads,
    )
