"""Turn validated reports into their format-neutral view, and templates into HTML strings.

A report's view holds no finished HTML of its own making: each section is a sequence of blocks,
text (sanitized HTML from the author's Markdown) and the tables and charts placed in it with their
numbers and values. An output places them itself: the HTML pages through their partials, another
format through whatever it writes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import re
import unicodedata
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import ClassVar

import jinja2
from markupsafe import Markup

from reportgen import fmt, markup, names, sandbox, textwidth
from reportgen.errors import InputError, Problem
from reportgen.load import LoadedReport
from reportgen.results import Chart, ChartSpec, Result, Table, format_value
from reportgen.schema import APPENDIX, FOREWORD, PAPER_MM, Print, Report, Section, Signer, SiteConfig, print_settings
from reportgen.summary import KeyFigure, key_figures
from reportgen.validate import suggest


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
class Subheading:
    """An author's Markdown subheading (<h3>) of a section, anchored for the contents."""

    id: str
    text: str


@dataclass(frozen=True)
class TextBlock:
    """Author text between placed tables and charts: sanitized HTML from Markdown, references numbered.

    A table or chart placed inside a list item or a table cell splits the text there, so the blocks
    on either side are not balanced HTML on their own; placed on its own line, as the guide shows, it
    splits between paragraphs.
    """

    html: Markup
    kind: ClassVar[str] = "teks"


@dataclass(frozen=True)
class TableBlock:
    """A table placed in a section, with its number."""

    table: Table
    number: Numbered
    kind: ClassVar[str] = "tabel"


@dataclass(frozen=True)
class ChartBlock:
    """A chart placed in a section, with its number; drawn by the output that shows it."""

    chart: Chart
    number: Numbered
    kind: ClassVar[str] = "gambar"


Block = TextBlock | TableBlock | ChartBlock


@dataclass(frozen=True)
class SectionView:
    """A section ready for any output: anchor id, heading, its blocks in order and its subheadings."""

    id: str
    kind: str
    heading: str
    blocks: tuple[Block, ...]
    label: str | None = None  # "Lampiran 2": the number an appendix carries in every format
    subheadings: tuple[Subheading, ...] = ()

    @property
    def title(self) -> str:
        """The heading with its label: 'Lampiran 2. Daftar Peserta'."""
        return f"{self.label}. {self.heading}" if self.label else self.heading


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
    key_figures: tuple[KeyFigure, ...] = ()

    @property
    def foreword(self) -> SectionView | None:
        """The Kata Pengantar, printed before the contents."""
        return next((s for s in self.sections if s.kind == FOREWORD), None)

    @property
    def chapters(self) -> tuple[SectionView, ...]:
        """The body's sections, numbered BAB I, BAB II ... when the print settings ask."""
        return tuple(s for s in self.sections if s.kind not in (FOREWORD, APPENDIX))

    @property
    def appendices(self) -> tuple[SectionView, ...]:
        """The Lampiran, after the last chapter."""
        return tuple(s for s in self.sections if s.kind == APPENDIX)

    @property
    def foreword_signer(self) -> Signer | None:
        """Who signs the Kata Pengantar: the name it gives, else the approving official."""
        section = next((s for s in self.report.bagian if s.jenis == FOREWORD), None)
        return section and (section.penanda_tangan or self.report.pengesahan)

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
    def footer_text(self) -> str:
        """The left of every body page's footer: the agency, and the sample-data mark."""
        return self.agency + (" · Data contoh (ilustratif)" if self.report.data_contoh else "")

    @property
    def footer_size(self) -> float:
        """The footer's font size in points, so that it and the page number share one line."""
        return footer_size(self.footer_text, self.print)


FOOTER_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0)


def footer_size(text: str, settings: Print) -> float:
    """The largest of FOOTER_SIZES at which `text` and the widest page number fit the text width.

    Measured in Liberation Sans, which runs wider than the footer's Liberation Serif, so a size
    chosen here fits; a text too long even at the smallest size wraps rather than shrinking further.
    """
    paper_width = PAPER_MM[settings.kertas][0]
    available = (paper_width - (settings.margin.kiri + settings.margin.kanan) * 10) / 25.4 * 72
    number = settings.nomor_halaman.replace("{halaman}", "888").replace("{jumlah}", "888")
    gap = 12.0  # points between the two margin boxes
    fits = (s for s in FOOTER_SIZES if textwidth.width(text, s) + textwidth.width(number, s) + gap <= available)
    return next(fits, FOOTER_SIZES[-1])


def check_templates(templates: Path) -> None:
    """Every template there and compiling, every template they include there; InputError lists what is not."""
    from jinja2 import meta

    if not templates.is_dir():
        message = f"folder templat {templates.name}/ tidak ditemukan; salin folder templates/ contoh"
        raise InputError([Problem(templates.resolve(), message)])
    env = page_environment(templates)
    problems = [
        Problem((templates / name).resolve(), f"templat '{name}' tidak ditemukan di folder {templates.name}/")
        for name in (*names.REPORT_TEMPLATES, *names.SITE_TEMPLATES, *names.ASSETS)
        if not (templates / name).is_file()
    ]
    for path in sorted(p for p in templates.rglob("*") if p.suffix in (".html", ".css", ".xml") and p.is_file()):
        name = path.relative_to(templates).as_posix()
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            line = err.object.count(b"\n", 0, err.start) + 1  # the bytes read_text could not decode
            message = f"templat bukan UTF-8: byte 0x{err.object[err.start]:02x} tidak valid; simpan ulang sebagai UTF-8"
            problems.append(Problem(path.resolve(), message, line))
            continue
        try:
            tree = env.parse(source, name, str(path))
            referenced = meta.find_referenced_templates(tree)
            env.compile(tree, name, str(path))  # an unknown filter or test fails here, not in the build
        except jinja2.TemplateSyntaxError as err:
            line = source.splitlines()[err.lineno - 1] if 0 < err.lineno <= source.count("\n") + 1 else None
            message = sandbox.explain(err)
            problems.append(Problem(path.resolve(), message, err.lineno, source_line=line))
            continue
        lines = source.splitlines()
        for other in referenced:
            if other is None or (templates / other).is_file():
                continue
            line = next((i for i, text in enumerate(lines, 1) if f'"{other}"' in text or f"'{other}'" in text), None)
            shown = lines[line - 1] if line else None
            message = f"templat '{other}' yang dipakai di sini tidak ditemukan di folder {templates.name}/"
            problems.append(Problem(path.resolve(), message, line, source_line=shown))
    if problems:
        raise InputError(problems)


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
    env.filters["nilai"] = format_value
    env.filters["url_segment"] = url_segment
    env.filters["data_attribute"] = data_attribute
    env.filters["svg"] = draw_chart
    return env


def url_segment(text: object) -> str:
    """`text` as one segment of a relative URL path: percent-encoded, so it never names a scheme or another folder.

    A slug reaches links and the sitemap through this, so 'javascript:x' becomes 'javascript%3Ax', a
    folder of that name. '', '.' and '..' would mean this folder or the one above (browsers read
    '%2e' as '.' too), so they become '_', a folder no report has.
    """
    segment = urllib.parse.quote(str(text), safe="")
    return segment if segment.strip(".") else "_"


def data_attribute(name: object) -> Markup:
    """'data-<name>', `name` in the alphabet of attribute names that cannot end the name early: a-z, 0-9, '-'.

    Any other run of characters becomes one '-': a key holding spaces or '=' stays one attribute.
    """
    safe = re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-")
    return Markup(f"data-{safe or 'x'}")


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string, safe inside a <style> element."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-()/" else f"\\{ord(c):06x}" for c in text)
    return Markup(f'"{escaped}"')


def page_number_css(pattern: str) -> Markup:
    """CSS `content` for a footer pattern such as 'Halaman {halaman} dari {jumlah}'."""
    parts = re.split(r"(\{halaman\}|\{jumlah\})", pattern)
    tokens = {"{halaman}": "counter(page)", "{jumlah}": "target-counter(url(#akhir-dokumen), page)"}
    return Markup(" ".join(tokens.get(part) or css_string(part) for part in parts if part))


def report_view(loaded: LoadedReport, config: SiteConfig, results: Mapping[str, Result] | None = None) -> ReportView:
    """The view of `loaded`: author text expanded in the sandbox, tables and charts placed and numbered, not drawn."""
    results = results or {}
    report = loaded.report
    placer, drafts = _expand(loaded, results)
    ids: set[str] = set()
    appendix_numbers = _appendix_labels([s for s, _ in drafts])
    sections = tuple(
        _section_view(s, placer.number(html), placer, _unique_id(slugify(s.heading), ids), label)
        for (s, html), label in zip(drafts, appendix_numbers, strict=True)
    )
    agency = report.instansi or config.situs.instansi
    return ReportView(
        loaded.slug,
        report,
        agency,
        print_settings(config, report),
        sections,
        placer.numbered("Tabel"),
        placer.numbered("Gambar"),
        key_figures(results),
    )


def _appendix_labels(sections: list[Section]) -> list[str | None]:
    """'Lampiran 1', 'Lampiran 2' ... for the appendices in order; None for every other section."""
    numbers = itertools.count(1)
    return [f"Lampiran {next(numbers)}" if s.jenis == APPENDIX else None for s in sections]


def _section_view(section: Section, html: str, placer: _Placer, anchor: str, label: str | None) -> SectionView:
    """A section's view: its <h3> subheadings given anchors the contents can point at, split into blocks."""
    subheadings: list[Subheading] = []

    def anchored(match: re.Match) -> str:
        # '--' is in no slug, so the id is no section's
        sub = Subheading(f"{anchor}--{len(subheadings) + 1}", _plain_text(match[1]))
        subheadings.append(sub)
        return f'<h3 id="{sub.id}">{match[1]}</h3>'

    html = re.sub(r"<h3>(.*?)</h3>", anchored, html, flags=re.S)
    return SectionView(anchor, section.jenis, section.heading, placer.blocks(html), label, tuple(subheadings))


def _plain_text(html: str) -> str:
    """The text of sanitized inline HTML, tags dropped and entities read."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def _expand(loaded: LoadedReport, results: Mapping[str, Result]) -> tuple[_Placer, list[tuple[Section, str]]]:
    """Every section's author text run in the sandbox and turned into HTML, with placement tokens left in."""
    report, placer = loaded.report, _Placer(results)
    context = {**base_context(report), **markup.figure_names(results), **placer.functions()}
    author_env = sandbox.environment()
    problems, drafts = [], []
    for i, section in enumerate(report.bagian):
        placer.section = i
        try:
            text = sandbox.expand(author_env, section.teks, context)
        except sandbox.AuthorTextError as err:
            problems += [_text_problem(loaded, i, mistake) for mistake in err.mistakes]
            continue
        mistakes: list[sandbox.Mistake] = []
        # Markdown's parser is quadratic on some inputs ('[' x 10 000): it runs under the same bounds.
        with sandbox.bounded(mistakes, "mengubah Markdown bagian ini menjadi HTML berjalan"):
            html = markup.to_html(text)
        if mistakes:
            problems += [_text_problem(loaded, i, mistake) for mistake in mistakes]
            continue
        drafts.append((section, html))
    if not problems:  # a section that failed may hold the placement its references wait for
        problems = [_text_problem(loaded, section, mistake) for section, mistake in placer.dangling()]
    if problems:
        raise InputError(problems)
    return placer, drafts


def base_context(report: Report) -> dict[str, object]:
    """The names every report's text may use."""
    return {"wilayah": report.wilayah, "program": report.program, "tahun": report.tahun}


class _Placer:
    """Hands author text the table and chart functions; numbers what is placed, in order of placement."""

    def __init__(self, results: Mapping[str, Result]):
        self.tables = {t.name: t for r in results.values() for t in r.tables}
        self.charts = {c.name: c for r in results.values() for c in r.charts}
        self.placed: list[tuple[str, str]] = []  # (label, name), in order of appearance
        self.refs: list[tuple[str, str]] = []
        self.ref_places: list[tuple[int, int | None]] = []  # (section, line in its text) of each reference
        self.section = 0  # the section whose text runs now

    def functions(self) -> dict[str, object]:
        return {
            "tabel": lambda name: self._place("Tabel", name),
            "gambar": lambda name: self._place("Gambar", name),
            "nomor_tabel": lambda name: self._ref("Tabel", name),
            "nomor_gambar": lambda name: self._ref("Gambar", name),
        }

    def _known(self, label: str) -> Mapping[str, object]:
        return self.tables if label == "Tabel" else self.charts

    def _check(self, label: str, name: object) -> str | None:
        """`name` as a known table or chart; an unknown one is noted as the author's mistake."""
        known = self._known(label)
        if name in known:
            return str(name)
        listing = ", ".join(sorted(known)) or "tidak ada"
        hint = suggest(str(name), known) if isinstance(name, str) else ""
        kind = label.lower()
        sandbox.note(f"{kind} '{name}' tidak ada.{hint} Nama {kind} yang ada: {listing}", str(name))
        return None

    def _place(self, label: str, name: object) -> str:
        name = self._check(label, name)
        if name is None:
            return ""
        if (label, name) in self.placed:
            sandbox.note(f"{label.lower()} '{name}' sudah ditampilkan sebelumnya", name)
            return ""
        self.placed.append((label, name))
        return f"\n\n⟦rg-p-{len(self.placed) - 1}⟧\n\n"

    def _ref(self, label: str, name: object) -> str:
        name = self._check(label, name)
        if name is None:
            return ""
        self.refs.append((label, name))
        self.ref_places.append((self.section, sandbox.running_line()))
        return f"⟦rg-r-{len(self.refs) - 1}⟧"

    def dangling(self) -> list[tuple[int, sandbox.Mistake]]:
        """Each reference to a table or chart the text never places, at its first reference."""
        found = {}
        for (label, name), (section, line) in zip(self.refs, self.ref_places, strict=True):
            if (label, name) in self.placed or (label, name) in found:
                continue
            kind = label.lower()
            message = (
                f"{kind} '{name}' dirujuk dengan nomor_{kind}, tetapi tidak pernah ditampilkan dengan {kind}('{name}')"
            )
            found[(label, name)] = (section, sandbox.Mistake(message, line, name))
        return list(found.values())

    def numbered(self, label: str) -> tuple[Numbered, ...]:
        """Tables or charts as numbered in order of placement."""
        names = [name for lab, name in self.placed if lab == label]
        known = self._known(label)
        return tuple(Numbered(label, n, name, known[name].caption) for n, name in enumerate(names, 1))

    def number(self, html: str) -> str:
        """`html` with each reference token replaced by the number of what it refers to ('Tabel 2')."""
        numbers = self._numbers()
        return re.sub(r"⟦rg-r-(\d+)⟧", lambda m: str(numbers[self.refs[int(m[1])]]), html)

    def blocks(self, html: str) -> tuple[Block, ...]:
        """`html` split at its placement tokens: text blocks and, between them, the tables and charts placed."""
        numbers, found = self._numbers(), []
        # A token on its own is a paragraph of its own; one inside a list item or a cell stands alone.
        parts = re.split(r"<p>⟦rg-p-(\d+)⟧</p>|⟦rg-p-(\d+)⟧", html)
        for i, part in enumerate(parts):
            if i % 3 == 0:
                found.extend([TextBlock(Markup(part))] if part else [])
            elif part is not None:
                label, name = self.placed[int(part)]
                number = numbers[(label, name)]
                placed = TableBlock(self.tables[name], number) if label == "Tabel" else None
                found.append(placed or ChartBlock(self.charts[name], number))
        return tuple(found)

    def _numbers(self) -> dict[tuple[str, str], Numbered]:
        return {(n.label, n.name): n for label in ("Tabel", "Gambar") for n in self.numbered(label)}


@functools.lru_cache(maxsize=256)
def draw_chart(spec: ChartSpec) -> str:
    """The SVG of `spec`, drawn once per specification for the web page and the print page alike."""
    from reportgen import charts

    return charts.draw(spec)


def render_page(env: jinja2.Environment, template: str, config: SiteConfig, **values: object) -> str:
    """One template rendered with the site settings and `values`."""
    return render_template(env, template, site=config.situs, **values)


def render_template(env: jinja2.Environment, template: str, **values: object) -> str:
    """One of our templates rendered; a mistake in a template is an InputError at its file and line."""
    try:
        return env.get_template(template).render(**values)
    except Exception as err:
        problem = template_problem(err, Path(env.loader.searchpath[0]))  # type: ignore[union-attr]
        if problem is None:
            raise
        raise InputError([problem]) from None


def template_problem(err: BaseException, templates: Path) -> Problem | None:
    """`err` as a problem of the template it arose in, if it arose in one of `templates` (else None).

    Only errors raised by the template's own code count: an error raised inside Python code a template
    called (a filter, a figure) is ours, not the template's, and stays an internal error.
    """
    folder, frames = templates.resolve(), []
    tb = err.__traceback__
    while tb is not None:
        frames.append(tb)
        tb = tb.tb_next
    if not frames:
        return None
    innermost = frames[-1]
    if isinstance(err, jinja2.UndefinedError):  # raised by Jinja's runtime on the template's behalf
        innermost = next((f for f in reversed(frames) if _inside(f.tb_frame.f_code.co_filename, folder)), innermost)
    path = innermost.tb_frame.f_code.co_filename
    if not _inside(path, folder):
        return None
    line = innermost.tb_lineno
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    shown = lines[line - 1] if 0 < line <= len(lines) else None
    message = f"templat gagal dijalankan: {sandbox.explain(err)}"
    return Problem(Path(path).resolve(), message, line, source_line=shown)


def _inside(filename: str, folder: Path) -> bool:
    return not filename.startswith("<") and Path(filename).resolve().is_relative_to(folder)


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


def _text_problem(loaded: LoadedReport, index: int, err: sandbox.Mistake) -> Problem:
    """The problem at the author's line: the text's first line plus the template's line."""
    loc = ("bagian", index, "teks")
    problem, mark = loaded.source.problem(loc, err.message), loaded.source.mark(loc)
    if mark is None:
        return problem
    if err.line is None:  # somewhere in the text (a bound reached outside its own code): its first line
        text = loaded.source.lines[mark.text_line - 1] if mark.text_line <= len(loaded.source.lines) else None
        return dataclasses.replace(problem, line=mark.text_line, column=None, source_line=text)
    line = mark.text_line + err.line - 1
    text = loaded.source.lines[line - 1] if line <= len(loaded.source.lines) else None
    column = text.find(err.needle) + 1 if text and err.needle and err.needle in text else None
    return dataclasses.replace(problem, line=line, column=column, source_line=text)
