"""Turn one job into the report's files and summary: load, compute, render, print; never raise.

This runs in a worker process. What can be reused between reports of one project (the validated
settings, the Jinja environment with its compiled templates, the assets) is built once per process
and kept while the shared inputs stay the same.

The job's inputs were digested when the build was planned, possibly minutes earlier. The unit
digests them again just before and just after rendering: the result is keyed by what it was
actually made from, and a result whose inputs changed while it was made is not trusted.
"""

from __future__ import annotations

import datetime as dt
import functools
import resource
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from reportgen import names
from reportgen.engine import plan
from reportgen.engine.plan import Job
from reportgen.errors import InputError, Problem, ReportgenError, internal_error
from reportgen.summary import Summary

if TYPE_CHECKING:
    import jinja2

    from reportgen.load import LoadedReport, Project
    from reportgen.render import ReportView


@dataclass(frozen=True)
class Rendered:
    """A report built: its files by path in the site (its assets included), its summary, what it cost."""

    slug: str
    key: str  # the digest of the inputs it was made from
    files: Mapping[str, bytes]
    summary: Summary
    seconds: float
    pdf_seconds: float = 0.0
    memory_mib: float = 0.0  # the worker's peak resident memory so far
    as_planned: bool = True  # made from the inputs the build planned with


@dataclass(frozen=True)
class Failed:
    """A report that could not be built: the author's problems, or an internal error's traceback."""

    slug: str
    key: str
    problems: tuple[Problem, ...]
    seconds: float = 0.0
    traceback: str | None = None


def run(job: Job) -> Rendered | Failed:
    """Build `job`; every failure comes back as a value (problems name files by their absolute paths)."""
    start = time.perf_counter()
    try:
        context = _context(job.root, _shared(job))
        before = plan.current_inputs(job, context.settings)
        if unreadable := plan.unreadable(job.root, before):  # a named pipe, a device, a file without access
            raise InputError(list(unreadable))
        files, summary, pdf_seconds = _build(job, context)
        after = plan.current_inputs(job, context.settings)
    except InputError as err:
        return Failed(job.slug, job.key, err.problems, time.perf_counter() - start)
    except ReportgenError as err:
        return Failed(job.slug, job.key, (report_problem(job, str(err)),), time.perf_counter() - start)
    except Exception as err:  # anything else is our bug or the environment's: kept whole for the log
        problem = report_problem(job, internal_error(err))
        return Failed(job.slug, job.key, (problem,), time.perf_counter() - start, traceback.format_exc())
    seconds = time.perf_counter() - start
    if before != after:
        message = "berkas masukan berubah selama laporan dibangun; jalankan build sekali lagi"
        return Failed(job.slug, job.key, (report_problem(job, message),), seconds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    key = plan.job_key(before, job.with_pdf)
    return Rendered(job.slug, key, files, summary, seconds, pdf_seconds, peak, as_planned=before == job.inputs)


def report_problem(job: Job, message: str) -> Problem:
    """A problem of the whole report, located at its file."""
    return Problem((job.root / "content" / job.slug / names.REPORT_FILE).resolve(), message)


def _build(job: Job, context: _Context) -> tuple[Mapping[str, bytes], Summary, float]:
    from reportgen import load, render
    from reportgen.data import compute_results

    loaded = load.load_report(context.project, job.slug)
    view = render.report_view(loaded, context.project.config, context.env, compute_results(loaded))
    files, pdf_seconds, pdf_size = dict(context.assets), 0.0, None  # a kept page keeps its assets
    if job.with_pdf:
        started = time.perf_counter()
        pdf = _print(context, loaded, view)
        pdf_seconds = time.perf_counter() - started
        files[f"{job.slug}/{view.pdf_name}"] = pdf
        pdf_size = len(pdf)
    web = render.render_page(
        context.env, "report.html", context.project.config, r=view, root="../", path=f"{job.slug}/", pdf_size=pdf_size
    )
    files[f"{job.slug}/index.html"] = web.encode("utf-8")
    return files, _summary(view, pdf_size), pdf_seconds


def _print(context: _Context, loaded: LoadedReport, view: ReportView) -> bytes:
    from reportgen import load, render
    from reportgen.pdf import render_pdf

    settings = view.print
    sources = [loaded.folder / load.REPORT_FILE] + [loaded.folder / spec.berkas for spec in loaded.report.data]
    # The print stylesheet is rendered apart and handed over parsed: reports with the same print
    # settings share one parsed stylesheet in this worker instead of parsing it for every report.
    stylesheet = render.render_page(context.env, "print.css", context.project.config, r=view)
    return render_pdf(
        render.render_page(context.env, "print.html", context.project.config, r=view, stylesheet_given=True),
        loaded.folder,
        context.project.root,
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


@dataclass(frozen=True)
class _Context:
    project: Project
    settings: Mapping[str, object]  # what of reports.yaml applies to every report
    env: jinja2.Environment
    assets: Mapping[str, bytes]  # fingerprinted site path -> bytes


def _shared(job: Job) -> tuple[tuple[str, str], ...]:
    return tuple(item for item in job.inputs if not item[0].startswith(f"content/{job.slug}/"))


@functools.lru_cache(maxsize=1)
def _context(root: Path, shared: tuple[tuple[str, str], ...]) -> _Context:
    """The project settings, page environment and assets, built once per process and set of shared inputs."""
    from reportgen import load, render, site

    project = load.load_project(root)
    found = site.assets(root / "templates")
    env = render.page_environment(root / "templates")
    env.globals["assets"] = {name: path for name, (path, _) in found.items()}
    settings = project.config.model_dump(mode="json", exclude={"laporan"})
    return _Context(project, settings, env, MappingProxyType(dict(found.values())))
