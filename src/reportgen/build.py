"""Turn a project folder into output/site/: every report as HTML and PDF, and the index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import load, render, site, write
from reportgen.data import compute_results
from reportgen.errors import InputError, Problem, ReportgenError
from reportgen.pdf import render_pdf

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Failure:
    """A report that could not be built, and why."""

    slug: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Outcome:
    """What a build or a check did: the reports that succeeded and those that failed."""

    done: tuple[str, ...] = ()
    failures: tuple[Failure, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures


def check(root: Path, only: Sequence[str] = ()) -> Outcome:
    """Validate reports.yaml and every selected report without rendering anything."""
    project = load.load_project(root)
    env = render.page_environment(root / "templates")
    done, failures = [], []
    for slug in _selected(project, only):
        try:
            loaded = load.load_report(project, slug)
            render.report_view(loaded, project.config, env, compute_results(loaded))
            done.append(slug)
        except InputError as err:
            failures.append(Failure(slug, err.problems))
    return Outcome(tuple(done), tuple(failures))


def build(root: Path, output: Path, only: Sequence[str] = (), progress: Progress = lambda _: None) -> Outcome:
    """Build the selected reports into `output/site`; a failing report is named, the others built."""
    project = load.load_project(root)
    env = render.page_environment(root / "templates")
    assets = site.assets(root / "templates")
    env.globals["assets"] = {name: path for name, (path, _) in assets.items()}
    out = output / "site"
    views, failures = [], []
    for slug in _selected(project, only):
        try:
            view, files = _build_report(project, env, slug, out)
        except ReportgenError as err:
            failures.append(Failure(slug, _problems(err, project, slug)))
            write.remove_tree(out / slug)
            continue
        write.write_tree(files)
        views.append(view)
        progress(slug)
    if not only:
        pages = site.site_pages(env, project.config, views, site.comparison_charts(views))
        files = {out / path: text for path, text in pages.items()}
        files.update({out / path: data for path, data in assets.values()})
        write.write_tree(files)
        site.index_search(out)
    return Outcome(tuple(v.slug for v in views), tuple(failures))


def _build_report(project: load.Project, env, slug: str, out: Path):
    """One report's view and its files, all rendered in memory before anything is written."""
    loaded = load.load_report(project, slug)
    view = render.report_view(loaded, project.config, env, compute_results(loaded))
    printed = render.render_page(env, "print.html", project.config, r=view)
    settings = view.print
    pdf = render_pdf(
        printed,
        loaded.folder,
        project.root,
        variant=settings.varian_pdf,
        tagged=settings.tag_pdf,
        attachments=_sources(loaded) if settings.lampirkan_data else (),
        stamp=dt.datetime.combine(loaded.report.tanggal, dt.time(), dt.timezone(dt.timedelta(hours=7))),
    )
    web = render.render_page(env, "report.html", project.config, r=view, root="../", path=f"{slug}/", pdf_size=len(pdf))
    return view, {out / slug / "index.html": web, out / slug / view.pdf_name: pdf}


def _sources(loaded: load.LoadedReport) -> list[Path]:
    """The report's own input files, to attach to an archival PDF."""
    return [loaded.folder / load.REPORT_FILE] + [loaded.folder / spec.berkas for spec in loaded.report.data]


def _selected(project: load.Project, only: Sequence[str]) -> list[str]:
    unknown = [s for s in only if s not in project.config.laporan]
    if unknown:
        raise InputError(
            [Problem(Path(load.CONFIG_FILE), f"laporan '{s}' tidak terdaftar di bagian 'laporan'") for s in unknown]
        )
    return [s for s in project.config.laporan if not only or s in only]


def _problems(err: ReportgenError, project: load.Project, slug: str) -> tuple[Problem, ...]:
    if isinstance(err, InputError):
        return err.problems
    return (Problem(Path("content") / slug / load.REPORT_FILE, str(err)),)
