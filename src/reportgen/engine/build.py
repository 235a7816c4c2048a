"""Turn a project folder into output/site/: every report as HTML and PDF, and the pages around them.

The build reads and plans everything first, takes from the cache what an identical earlier job
made, renders the rest in worker processes, and only then assembles the new site and swaps it in.
A report that fails keeps its last good pages in the site; the others are always built.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen import names, outputs
from reportgen.engine import DEFAULT_TIMEOUT, crashpoint, plan, publish, schedule, shard, state, untrusted
from reportgen.engine.cache import Cache, Stored
from reportgen.engine.clock import Clock
from reportgen.engine.outcome import BUILT, CACHED, FAILED, KEPT, MISSING, Outcome, Progress, ReportOutcome, Silent
from reportgen.engine.plan import Job
from reportgen.engine.publish import Chosen
from reportgen.engine.unit import Failed, Rendered
from reportgen.errors import InputError, Problem, ReportgenError

if TYPE_CHECKING:
    from reportgen.load import Project

CACHE_DIR = Path(".cache") / "reportgen"  # below the project folder unless told otherwise
LOG_DIR = "log"  # below the output folder: one file per report that failed with an internal error


@dataclass(frozen=True)
class Options:
    """How to build: which reports, how many workers, which formats, with or without the cache."""

    only: Sequence[str] = ()
    workers: int | None = None  # None: one per core
    formats: tuple[str, ...] = outputs.ALL  # output formats (outputs/); --tanpa-pdf: outputs.without("pdf")
    fresh: bool = False  # ignore what the cache holds (it is still filled)
    timeout: float | None = DEFAULT_TIMEOUT
    cache: Path | None = None  # None: PROJECT/.cache/reportgen
    shard: shard.Shard | None = None  # build only this shard's reports, into a shard output (engine/shard.py)
    pool: schedule.Workers | None = None  # workers kept warm between builds (the live preview's)
    key: bytes | None = None  # the MAC key of cache entries and shard outputs (engine/untrusted.py)
    progress: Progress = field(default_factory=Silent)


def build(root: Path, output: Path, options: Options = Options()) -> Outcome:
    """Build the project at `root` into `output/site`; see the module docstring."""
    try:
        with publish.lock(output):
            if options.shard is not None:
                return _build_shard(root, output, options, options.shard)
            return _build(root, output, options)
    finally:
        if options.pool is None:  # processes kept for the next build are their owner's to end
            schedule.stop()


def _build(root: Path, output: Path, options: Options) -> Outcome:
    clock = Clock()
    if (output / shard.MANIFEST).is_file():  # its site/ is one shard's part, not a site
        raise ReportgenError(f"{output} adalah keluaran shard; pilih folder lain untuk situs")
    site, previous = output / "site", state.read(output)
    publish.remove_leftovers(output)
    unchanged, scanned = _unchanged(root, site, previous, options)
    if unchanged:
        reports = tuple(ReportOutcome(s, CACHED) for s in previous.reports)
        warnings = unlisted(root, previous.reports)
        return Outcome(reports, clock.total(), unchanged=True, phases=dict(clock.lap("periksa")), warnings=warnings)
    from reportgen import load, render  # after the no-op check, which must stay light (no pydantic)

    project = load.load_project(root)
    selected = set(select_reports(project, options.only))
    schedule.warm_up()  # its imports overlap the planning below
    render.check_templates(root / "templates")
    # Every input is digested once, before anything is rendered: an input edited during the build
    # makes the next build see a changed fingerprint, never a site that looks current but is not.
    config = (root / names.CONFIG_FILE).read_bytes()
    scanned = plan.scan(root, project.config.laporan, scanned)
    fingerprint = plan.fingerprint(root, config, scanned, formats=options.formats)
    made = _make(project, scanned, selected, output, options, clock)
    jobs, rendering = made.jobs, made.rendering
    published = _published(jobs, made.stored, previous, made.cache, site)
    reports = tuple(_final(made.outcomes.get(job.slug), job.slug, published) for job in jobs)
    missing = tuple(job.slug for job in jobs if job.slug not in published)
    complete = not missing and not rendering.unplanned and all(r.status in (BUILT, CACHED) for r in reports)
    record = state.State(0, fingerprint, complete, {slug: entry for slug, (entry, _) in published.items()})
    publish.publish_site(project, site, output, published, record, clock)
    pdf_seconds = sum(r.pdf_seconds for r in reports)
    warnings = unlisted(root, project.config.laporan)
    return Outcome(reports, clock.total(), pdf_seconds, False, missing, dict(clock.phases), warnings)


def _build_shard(root: Path, output: Path, options: Options, part: shard.Shard) -> Outcome:
    """Build the reports of shard `part` into the shard output folder `output` (see engine/shard.py)."""
    from reportgen import load, render

    clock = Clock()
    if state.read(output) is not None:  # its site/ would be replaced by this shard's part
        raise ReportgenError(f"{output} berisi situs hasil build; pilih folder lain untuk keluaran shard")
    publish.remove_leftovers(output)
    project = load.load_project(root)
    own = shard.select(project.config.laporan, part)
    schedule.warm_up()
    render.check_templates(root / "templates")
    made = _make(project, plan.scan(root, own), set(own), output, options, clock)
    reports = tuple(made.outcomes[slug] for slug in own)
    settings = project.config.model_dump(mode="json", exclude={"laporan"})
    manifest = shard.Manifest(
        part,
        dict(plan.site_inputs(root, settings, formats=options.formats)),
        tuple(project.config.laporan),
        {slug: state.Published(e.key, e.files, e.summary) for slug in own if (e := made.stored.get(slug))},
        {r.slug: r.problems[0].relative_to(root).render().splitlines()[0] for r in reports if r.status == FAILED},
    )
    sources = {path: made.cache.blob(ref.sha256) for e in made.stored.values() for path, ref in e.files.items()}
    shard.write(output, manifest, sources, options.key)
    clock.lap("tulis shard")
    return Outcome(reports, clock.total(), sum(r.pdf_seconds for r in reports), phases=dict(clock.phases))


@dataclass(frozen=True)
class _Made:
    """What planning and rendering gave: the jobs, the results by report (cached or new), each outcome."""

    jobs: tuple[Job, ...]
    cache: Cache
    stored: Mapping[str, Stored]
    outcomes: Mapping[str, ReportOutcome]
    rendering: _Rendering


def _make(
    project: Project,
    scanned: Mapping[str, plan.Files],
    selected: set[str],
    output: Path,
    options: Options,
    clock: Clock,
) -> _Made:
    """Plan a job per scanned report, take what the cache has, render the selected rest."""
    root = project.root.absolute()  # workers may run in another folder
    settings = project.config.model_dump(mode="json", exclude={"laporan"})
    jobs = plan.plan(root, scanned, plan.shared_inputs(root, settings), formats=options.formats)
    cache = Cache(options.cache or root / CACHE_DIR, options.key)
    found = {} if options.fresh else {job.slug: s for job in jobs if (s := _lookup(cache, job))}
    todo = [job for job in jobs if job.slug in selected and job.slug not in found]
    clock.lap("rencana")
    options.progress.planned(len(jobs), len(todo), len(found))
    for job in jobs:
        if job.slug in found:
            options.progress.finished(ReportOutcome(job.slug, CACHED))
    rendering = _render(todo, cache, output, options)
    clock.lap("render")
    outcomes = {**{slug: ReportOutcome(slug, CACHED) for slug in found}, **rendering.outcomes}
    return _Made(jobs, cache, {**found, **rendering.stored}, outcomes, rendering)


def unlisted(root: Path, listed: Sequence[str]) -> tuple[Problem, ...]:
    """A warning for each report folder that reports.yaml does not list, with the line to add there."""
    config = root / names.CONFIG_FILE
    item = re.search(r"^laporan:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*([ \t]*-[ \t]*)", _text(config), re.MULTILINE)
    prefix = item[1] if item else "  - "
    return tuple(
        Problem(
            (root / "content" / slug / names.REPORT_FILE).resolve(),
            f"folder 'content/{slug}' tidak tercantum di {names.CONFIG_FILE}, jadi tidak diperiksa dan tidak "
            f"dibangun. Untuk menerbitkannya, tambahkan baris ini di bawah 'laporan:' di {names.CONFIG_FILE}:\n"
            f"{prefix}{slug}",
        )
        for slug in plan.unlisted(root, listed)
    )


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _unchanged(
    root: Path, site: Path, previous: state.State | None, options: Options
) -> tuple[bool, Mapping[str, plan.Files]]:
    """Whether the published site is already what this build would make, checked without parsing anything.

    Also returns the report files digested on the way, for the build to reuse.
    """
    if options.only or options.fresh or previous is None or not previous.complete:
        return False, {}
    if not state.describes(previous, site) or not (root / names.CONFIG_FILE).is_file():
        return False, {}
    config = (root / names.CONFIG_FILE).read_bytes()
    scanned = plan.scan(root, list(previous.reports))
    return plan.fingerprint(root, config, scanned, formats=options.formats) == previous.fingerprint, scanned


def _lookup(cache: Cache, job: Job) -> Stored | None:
    """The cached result of `job`; a build of fewer formats takes a full build's result when there is one."""
    if job.formats != outputs.ALL:
        full = cache.get(plan.job_key(job.inputs, outputs.ALL), job.slug)
        if full is not None:
            return full
    return cache.get(job.key, job.slug)


@dataclass(frozen=True)
class _Rendering:
    """What the render phase did: each report's outcome, the results it stored, whether inputs moved."""

    outcomes: Mapping[str, ReportOutcome]
    stored: Mapping[str, Stored]
    unplanned: bool  # some report was made from inputs that changed after the build was planned


def _render(todo: list[Job], cache: Cache, output: Path, options: Options) -> _Rendering:
    """Render `todo` in worker processes: store each success in the cache, log each internal error."""
    outcomes: dict[str, ReportOutcome] = {}
    stored: dict[str, Stored] = {}
    unplanned = []

    def finished(result: Rendered | Failed) -> None:
        if isinstance(result, Rendered):
            stored[result.slug] = cache.put(result.key, result.slug, result.files, result.summary, result.seconds)
            crashpoint.reached("cached")
            outcome = ReportOutcome(
                result.slug, BUILT, result.seconds, memory_mib=result.memory_mib, pdf_seconds=result.pdf_seconds
            )
            unplanned.extend([] if result.as_planned else [result.slug])
            (output / LOG_DIR / f"{result.slug}.log").unlink(missing_ok=True)  # an old failure's log
        else:
            log = write_log(output, result.slug, result.traceback) if result.traceback else None
            outcome = ReportOutcome(result.slug, FAILED, result.seconds, result.problems, log)
        outcomes[result.slug] = outcome
        options.progress.finished(outcome)

    def started(job: Job) -> None:
        crashpoint.reached("rendering")
        options.progress.started(job.slug)

    if todo:
        schedule.run(
            todo,
            options.pool or options.workers or schedule.default_workers(),
            timeout=options.timeout,
            started=started,
            finished=finished,
        )
    return _Rendering(outcomes, stored, bool(unplanned))


def _published(
    jobs: Sequence[Job], stored: Mapping[str, Stored], previous: state.State | None, cache: Cache, site: Path
) -> Chosen:
    """Each listed report's published version and where its files are: new, cached, or kept from before."""
    chosen = {}
    for job in jobs:
        entry = stored.get(job.slug)
        if entry is not None:
            sources = {path: cache.blob(ref.sha256) for path, ref in entry.files.items()}
            chosen[job.slug] = (state.Published(entry.key, entry.files, entry.summary), sources)
            continue
        earlier = previous.reports.get(job.slug) if previous else None
        sources = _sources(earlier, cache, site) if earlier else None
        if sources is not None:
            chosen[job.slug] = (earlier, sources)
            continue
        last = cache.last(job.slug)  # no record of the published site (deleted, or never written)
        if last is not None:
            sources = {path: cache.blob(ref.sha256) for path, ref in last.files.items()}
            chosen[job.slug] = (state.Published(last.key, last.files, last.summary), sources)
    return chosen


def _sources(entry: state.Published, cache: Cache, site: Path) -> dict[str, Path] | None:
    """Where the files of a published report still are, whole: the cache, else the site itself."""
    sources, published = {}, untrusted.Folder(site)
    for path, ref in entry.files.items():
        if cache.verify(ref):
            sources[path] = cache.blob(ref.sha256)
        elif published.matches(path, ref.sha256, ref.size):
            sources[path] = site / path
        else:
            return None
    return sources


def _final(outcome: ReportOutcome | None, slug: str, published: Chosen) -> ReportOutcome:
    """What happened to `slug`, knowing whether the site still shows a version of it."""
    if outcome is None:  # neither selected nor cached
        return ReportOutcome(slug, KEPT if slug in published else MISSING)
    if outcome.status == FAILED:
        return dataclasses.replace(outcome, kept=slug in published)
    return outcome


def write_log(output: Path, slug: str, trace: str) -> Path:
    """Write the traceback of an internal error; returns the log's path."""
    from reportgen.write import write_atomic

    path = output / LOG_DIR / f"{slug}.log"
    write_atomic(path, f"laporan: {slug}\n\n{trace}")
    return path


def select_reports(project: Project, only: Sequence[str]) -> list[str]:
    unknown = [s for s in only if s not in project.config.laporan]
    if unknown:
        raise InputError(
            [Problem(Path(names.CONFIG_FILE), f"laporan '{s}' tidak terdaftar di bagian 'laporan'") for s in unknown]
        )
    return [s for s in project.config.laporan if not only or s in only]
