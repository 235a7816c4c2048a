"""Turn validated reports into HTML strings: the web page, the print page and the index."""

from __future__ import annotations

import dataclasses
import datetime as dt
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
from reportgen.schema import Print, Report, SiteConfig, print_settings


@dataclass(frozen=True)
class Numbered:
    """A numbered table or figure as lists and cross-references show it: 'Tabel 2  Caption'."""

    label: str
    number: int
    name: str
    caption: str

    @property
    def id(self) -> str:
        """Its anchor id."""
        return f"{self.label.lower()}-{self.number}"

    def __str__(self) -> str:
        return f"{self.label} {self.number}"


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
    print: Print
    sections: tuple[SectionView, ...]
    tables: tuple[Numbered, ...] = ()
    charts: tuple[Numbered, ...] = ()

    @property
    def short_title(self) -> str:
        """The running head of PDF pages."""
        return self.report.judul_singkat or self.report.judul

    @property
    def approval_place(self) -> str:
        """Where the approval is signed: its own place, else the region."""
        approval = self.report.pengesahan
        return (approval and approval.tempat) or self.report.wilayah

    @property
    def approval_date(self) -> dt.date:
        """When the approval is signed: its own date, else the report's."""
        approval = self.report.pengesahan
        return (approval and approval.tanggal) or self.report.tanggal

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
    env.filters["css_string"] = css_string
    env.filters["page_number_css"] = page_number_css
    return env


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string, safe inside a <style> element."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-()/" else f"\\{ord(c):06x}" for c in text)
    return Markup(f'"{escaped}"')


def page_number_css(pattern: str) -> Markup:
    """CSS `content` for a footer pattern such as 'Halaman {halaman} dari {jumlah}'."""
    parts = re.split(r"(\{halaman\}|\{jumlah\})", pattern)
    tokens = {"{halaman}": "counter(page)", "{jumlah}": "target-counter(url(#akhir-dokumen), page)"}
    return Markup(" ".join(tokens.get(part) or css_string(part) for part in parts if part))


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
    return ReportView(loaded.slug, report, agency, print_settings(config, report), tuple(sections))


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
