"""Turn validated reports into HTML strings: the web page, the print page and the index."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from reportgen import fmt, markup
from reportgen.errors import InputError, Problem
from reportgen.load import LoadedReport
from reportgen.schema import Report, SiteConfig


@dataclass(frozen=True)
class SectionView:
    """A section ready for templates: anchor id, heading and sanitized HTML body."""

    id: str
    kind: str
    heading: str
    html: Markup


@dataclass(frozen=True)
class ReportView:
    """Everything templates need of one report."""

    slug: str
    report: Report
    agency: str
    paper: str
    sections: tuple[SectionView, ...]

    @property
    def pdf_name(self) -> str:
        """File name of the report's PDF, beside its page."""
        return f"{self.slug}.pdf"


def page_environment(templates: Path) -> jinja2.Environment:
    """The environment of our own templates: autoescape, missing names fail, Indonesian filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(fmt.FILTERS)
    return env


def report_view(loaded: LoadedReport, config: SiteConfig, context: dict[str, object] | None = None) -> ReportView:
    """The view of `loaded`: author text expanded in the sandbox and turned into safe HTML."""
    author_env = markup.author_environment()
    report, problems, sections, ids = loaded.report, [], [], set()
    for i, section in enumerate(report.bagian):
        try:
            text = markup.expand(author_env, section.teks, context or {})
        except markup.AuthorTextError as err:
            problems.append(_text_problem(loaded, i, err))
            continue
        anchor = _unique_id(slugify(section.heading), ids)
        sections.append(SectionView(anchor, section.jenis, section.heading, Markup(markup.to_html(text))))
    if problems:
        raise InputError(problems)
    agency = report.instansi or config.situs.instansi
    return ReportView(loaded.slug, report, agency, config.bawaan.kertas, tuple(sections))


def render_page(env: jinja2.Environment, template: str, config: SiteConfig, **values: object) -> str:
    """One template rendered with the site settings and `values`."""
    return env.get_template(template).render(site=config.situs, **values)


def render_index(env: jinja2.Environment, config: SiteConfig, views: Sequence[ReportView]) -> str:
    """The site's index page listing `views`."""
    return render_page(env, "index.html", config, reports=views, root="")


def slugify(text: str) -> str:
    """An ASCII anchor id: 'Tujuan Program Pembinaan' -> 'tujuan-program-pembinaan'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "bagian"


def _unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _text_problem(loaded: LoadedReport, index: int, err: markup.AuthorTextError) -> Problem:
    """The problem at the author's line: the text's first line plus the template's line."""
    loc = ("bagian", index, "teks")
    problem, mark = loaded.source.problem(loc, err.message), loaded.source.mark(loc)
    if mark is None or err.line is None:
        return problem
    line = mark.text_line + err.line - 1
    text = loaded.source.lines[line - 1] if line <= len(loaded.source.lines) else None
    column = text.find(err.needle) + 1 if text and err.needle and err.needle in text else None
    return dataclasses.replace(problem, line=line, column=column, source_line=text)
