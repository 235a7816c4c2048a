"""Turn one job into the report's files and summary (the pipeline, in a worker); never raise.

This runs in a worker process. What can be reused between reports of one project (the validated
settings, the Jinja environment with its compiled templates, the assets) is built once per process
and kept while the shared inputs stay the same.

The job's inputs were digested when the build was planned, possibly minutes earlier. The unit
digests them again just before and just after rendering: the result is keyed by what it was
actually made from, and a result whose inputs changed while it was made is not trusted.
"""

from __future__ import annotations

import functools
import resource
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from reportgen import pipeline
from reportgen.engine import plan
from reportgen.engine.plan import Job
from reportgen.errors import InputError, Problem
from reportgen.summary import Summary

if TYPE_CHECKING:
    import jinja2

    from reportgen.load import Project


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
        built = pipeline.run(context.project, job.slug, context.env, job.formats)
        after = plan.current_inputs(job, context.settings)
    except Exception as err:  # anything but the author's problems is kept whole for the log
        failure = pipeline.failure(err, pipeline.report_file(job.root, job.slug))
        return Failed(job.slug, job.key, failure.problems, time.perf_counter() - start, failure.traceback)
    seconds = time.perf_counter() - start
    if before != after:
        message = "berkas masukan berubah selama laporan dibangun; jalankan build sekali lagi"
        return Failed(job.slug, job.key, (report_problem(job, message),), seconds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    key = plan.job_key(before, job.formats)
    files = {**context.assets, **built.files}  # a kept page keeps its assets
    as_planned = before == job.inputs
    pdf_seconds = built.seconds.get("pdf", 0.0)  # WeasyPrint's, which the build's figures set apart
    return Rendered(job.slug, key, files, built.summary, seconds, pdf_seconds, peak, as_planned=as_planned)


def report_problem(job: Job, message: str) -> Problem:
    """A problem of the whole report, located at its file."""
    return pipeline.problem(pipeline.report_file(job.root, job.slug), message)


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
