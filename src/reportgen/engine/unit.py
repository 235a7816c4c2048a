"""Turn one job into the report's files and summary: load, compute, render, print; never raise.

This runs in a worker process. What can be reused between reports of one project (the validated
settings, the Jinja environment with its compiled templates, the asset names) is built once per
process and kept while the shared inputs stay the same.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from reportgen.engine.plan import Job
from reportgen.errors import InputError, Problem, ReportgenError
from reportgen.summary import Summary


@dataclass(frozen=True)
class Rendered:
    """A report built: its files by path in the site, its summary, and what it cost."""

    slug: str
    key: str
    files: dict[str, bytes]
    summary: Summary
    seconds: float
    pdf_seconds: float = 0.0
    memory_mib: float = 0.0  # the worker's peak resident memory so far


@dataclass(frozen=True)
class Failed:
    """A report that could not be built: the author's problems, or an internal error's traceback."""

    slug: str
    key: str
    problems: tuple[Problem, ...]
    seconds: float = 0.0
    traceback: str | None = None


def run(job: Job, cwd: Path | None = None) -> Rendered | Failed:
    """Build `job`; every failure comes back as a value (messages are relative to `cwd`)."""
    if cwd is not None and Path.cwd() != cwd:
        os.chdir(cwd)  # a worker outlives the folder its pool was started from
    start = time.perf_counter()
    try:
        files, summary, pdf_seconds = _build(job)
    except InputError as err:
        return Failed(job.slug, job.key, err.problems, time.perf_counter() - start)
    except ReportgenError as err:
        return Failed(job.slug, job.key, (_report_problem(job, str(err)),), time.perf_counter() - start)
    except Exception as err:  # anything else is our bug or the environment's: kept whole for the log
        problem = _report_problem(job, f"kesalahan internal ({type(err).__name__}: {err})")
        return Failed(job.slug, job.key, (problem,), time.perf_counter() - start, traceback.format_exc())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return Rendered(job.slug, job.key, files, summary, time.perf_counter() - start, pdf_seconds, peak)


def _build(job: Job) -> tuple[dict[str, bytes], Summary, float]:
    from reportgen import load, render
    from reportgen.data import compute_results

    context = _context(job)
    loaded = load.load_report(context.project, job.slug)
    view = render.report_view(loaded, context.project.config, context.env, compute_results(loaded))
    files, pdf_seconds, pdf_size = {}, 0.0, None
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


def _print(context: _Context, loaded, view) -> bytes:
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


def _summary(view, pdf_size: int | None) -> Summary:
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


def _report_problem(job: Job, message: str) -> Problem:
    from reportgen.load import REPORT_FILE

    return Problem(Path("content") / job.slug / REPORT_FILE, message)


@dataclass(frozen=True)
class _Context:
    project: object
    env: object


_CONTEXTS: dict[tuple[Path, str], _Context] = {}


def _context(job: Job) -> _Context:
    """The project settings and page environment for `job`, built once per process and shared inputs."""
    from reportgen import load, render, site

    shared = tuple(item for item in job.inputs if not item[0].startswith(f"content/{job.slug}/"))
    key = (job.root, repr(shared))
    if key not in _CONTEXTS:
        _CONTEXTS.clear()
        project = load.load_project(job.root)
        env = render.page_environment(job.root / "templates")
        env.globals["assets"] = {name: path for name, (path, _) in site.assets(job.root / "templates").items()}
        _CONTEXTS[key] = _Context(project, env)
    return _CONTEXTS[key]
