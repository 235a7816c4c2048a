"""Turn one report of a project into its view, its files and its summary: load, compute, view, each format.

The engine's unit of work runs this in a worker, around it the digests of the inputs; `check` runs
it with no format, so it draws and prints nothing. A failure is told the same way by both
(`failure`): the author's problems as they are, any other exception as one line with its traceback.
"""

from __future__ import annotations

import datetime as dt
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen import names
from reportgen.errors import InputError, Problem, ReportgenError, display_path, internal_error
from reportgen.summary import Summary

if TYPE_CHECKING:
    import jinja2

    from reportgen.load import LoadedReport, Project
    from reportgen.render import ReportView


@dataclass(frozen=True)
class Built:
    """One report run through the pipeline: its view, its files by site path, its summary, what printing took."""

    view: ReportView
    files: Mapping[str, bytes]
    summary: Summary
    pdf_seconds: float = 0.0


@dataclass(frozen=True)
class Failure:
    """Why a report could not be built: the problems to show, and the traceback of an internal error."""

    problems: tuple[Problem, ...]
    traceback: str | None = None


def run(project: Project, slug: str, env: jinja2.Environment | None = None, *, with_pdf: bool = False) -> Built:
    """Load, compute and view report `slug`; with `env`, its page and, `with_pdf`, its PDF. Raises on failure.

    Without `env` (a check) nothing is drawn or printed: the view holds tables and charts as values.
    """
    from reportgen import load, render
    from reportgen.data import compute_results

    loaded = load.load_report(project, slug)
    view = render.report_view(loaded, project.config, compute_results(loaded))
    files: dict[str, bytes] = {}
    pdf_seconds, pdf_size = 0.0, None
    if env is None:
        return Built(view, files, _summary(view, pdf_size))
    if with_pdf:
        started = time.perf_counter()
        pdf = _print(project, env, loaded, view)
        pdf_seconds = time.perf_counter() - started
        files[f"{slug}/{view.pdf_name}"] = pdf
        pdf_size = len(pdf)
    web = render.render_page(env, "report.html", project.config, r=view, root="../", path=f"{slug}/", pdf_size=pdf_size)
    files[f"{slug}/index.html"] = web.encode("utf-8")
    return Built(view, files, _summary(view, pdf_size), pdf_seconds)


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
    return Problem(display_path(report), message)


def report_file(root: Path, slug: str) -> Path:
    """The file of report `slug` in the project at `root`."""
    return root / "content" / slug / names.REPORT_FILE


def _print(project: Project, env: jinja2.Environment, loaded: LoadedReport, view: ReportView) -> bytes:
    from reportgen import load, render
    from reportgen.pdf import render_pdf

    settings = view.print
    sources = [loaded.folder / load.REPORT_FILE] + [loaded.folder / spec.berkas for spec in loaded.report.data]
    # The print stylesheet is rendered apart and handed over parsed: reports with the same print
    # settings share one parsed stylesheet in this worker instead of parsing it for every report.
    stylesheet = render.render_page(env, "print.css", project.config, r=view)
    return render_pdf(
        render.render_page(env, "print.html", project.config, r=view, stylesheet_given=True),
        loaded.folder,
        project.root,
        stylesheet=stylesheet,
        variant=settings.varian_pdf,
        tagged=settings.tag_pdf,
        attachments=sources if settings.lampirkan_data else (),
        stamp=dt.datetime.combine(loaded.report.tanggal, dt.time(), dt.timezone(dt.timedelta(hours=7))),
    )


def _summary(view: ReportView, pdf_size: int | None) -> Summary:
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
        pdf_name=view.pdf_name if pdf_size is not None else None,
        pdf_size=pdf_size,
    )
