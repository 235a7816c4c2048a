"""Turn a built report into what the shared pages show of it: its key figures and its summary.

A summary also comes back from the cache and from shard outputs, which other writers can make, so
the model checks itself whenever it is made: the slug and figure keys by their patterns, every
field's type, text without control characters and of bounded length. What a build makes passes;
a forged summary is refused before any page sees it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from reportgen.indicators import HEADLINES, REGISTRY
from reportgen.indicators.contract import Headline
from reportgen.names import PROGRAM_KINDS, SITE_FOLDERS, SLUG_PATTERN
from reportgen.outputs import FORMATS
from reportgen.results import Result


@dataclass(frozen=True)
class KeyFigure:
    """One headline figure: its value for sorting and charts, its text for reading ('81,39 (B)'), its format."""

    key: str
    label: str
    value: float | None
    text: str
    format: str = "angka"  # how a chart writes the value (see results.Figure)

    def __post_init__(self) -> None:
        labels = {h.key: h.label for h in HEADLINES}
        _require(self.key in labels and self.label == labels[self.key], "key/label", self.key)
        number = isinstance(self.value, (int, float)) and not isinstance(self.value, bool)
        _require(self.value is None or (number and self.value == self.value), "value", self.value)  # NaN is None
        _text("text", self.text, 200)
        _require(isinstance(self.format, str) and _FORMAT.fullmatch(self.format) is not None, "format", self.format)


def key_figures(results: Mapping[str, Result]) -> tuple[KeyFigure, ...]:
    """The headline figures found in `results`, the first indicator of each kind, in registry order."""
    found = []
    for kind, indicator in REGISTRY.items():
        result = next((r for r in results.values() if r.kind == kind), None)
        if result is not None:
            found.extend(_key_figure(h, result) for h in indicator.headlines if h.figure in result.figures)
    return tuple(found)


def _key_figure(headline: Headline, result: Result) -> KeyFigure:
    figure = result.figures[headline.figure]
    qualifier = headline.qualifier
    text = str(figure) + (f" ({result.figures[qualifier]})" if qualifier in result.figures else "")
    value = float(figure)
    shape = getattr(figure, "format", "angka")
    return KeyFigure(headline.key, headline.label, None if value != value else value, text, shape)


@dataclass(frozen=True)
class Download:
    """A file a report offers beside its page: its format, its name (`<slug>.<extension>`), its size in bytes."""

    format: str
    name: str
    size: int

    def __post_init__(self) -> None:
        known = isinstance(self.format, str) and FORMATS.get(self.format)
        _require(bool(known) and known.extension is not None, "downloads.format", self.format)
        _require(type(self.size) is int and self.size >= 0, "downloads.size", self.size)

    @property
    def label(self) -> str:
        """How readers see its format named: 'PDF'."""
        return FORMATS[self.format].label

    @property
    def extension(self) -> str:
        """The end of its name, after the slug."""
        return str(FORMATS[self.format].extension)


@dataclass(frozen=True)
class Summary:
    """What the shared pages (index, Rekapitulasi, sitemap) need of one built report; plain JSON data."""

    slug: str
    judul: str
    wilayah: str
    program: str
    jenis_program: str
    tahun: int
    tanggal: dt.date
    status: str
    data_contoh: bool
    agency: str
    key_figures: tuple[KeyFigure, ...] = ()
    downloads: tuple[Download, ...] = ()  # in registry order; none without PDFs (a preview)

    def __post_init__(self) -> None:
        _require(isinstance(self.slug, str) and _SLUG.fullmatch(self.slug) is not None, "slug", self.slug)
        _require(self.slug not in SITE_FOLDERS, "slug", self.slug)
        for name in ("judul", "wilayah", "program", "agency"):
            _text(name, getattr(self, name), MAX_TEXT)
        _require(self.jenis_program in PROGRAM_KINDS, "jenis_program", self.jenis_program)
        _require(type(self.tahun) is int and 2000 <= self.tahun <= 2100, "tahun", self.tahun)
        _require(type(self.tanggal) is dt.date, "tanggal", self.tanggal)
        _require(self.status in ("final", "konsep"), "status", self.status)
        _require(type(self.data_contoh) is bool, "data_contoh", self.data_contoh)
        figures = self.key_figures
        _require(isinstance(figures, tuple) and all(isinstance(k, KeyFigure) for k in figures), "key_figures", figures)
        _require(len({k.key for k in figures}) == len(figures), "key_figures", [k.key for k in figures])
        downloads = self.downloads
        listed = isinstance(downloads, tuple) and all(isinstance(d, Download) for d in downloads)
        _require(listed, "downloads", downloads)
        _require(len({d.format for d in downloads}) == len(downloads), "downloads", [d.format for d in downloads])
        for download in downloads:
            _require(download.name == f"{self.slug}.{download.extension}", "downloads.name", download.name)

    def to_json(self) -> dict[str, object]:
        """The summary as JSON-ready data."""
        data = dataclasses.asdict(self)
        data["tanggal"] = self.tanggal.isoformat()
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Summary:
        """The summary `to_json` gave; KeyError or TypeError when `data` is not one."""
        values = dict(data)
        values["tanggal"] = dt.date.fromisoformat(values["tanggal"])
        values["key_figures"] = tuple(KeyFigure(**k) for k in values["key_figures"])
        values["downloads"] = tuple(Download(**d) for d in values["downloads"])
        return cls(**values)


# Characters of a title, region, program or agency: as many as a report file may hold (yamlsource.MAX_BYTES),
# so that no text a real report can have fails here; the bound is for what a forged summary may carry.
MAX_TEXT = 4 * 1024 * 1024
_SLUG = re.compile(SLUG_PATTERN)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_FORMAT = re.compile(r"(?:angka|persen)(?::\d{1,2})?|bulat|rupiah")


def _require(condition: bool, field: str, value: object) -> None:
    if not condition:
        raise ValueError(f"ringkasan tidak sah: {field} = {str(value)[:80]!r}")


def _text(field: str, value: object, longest: int) -> None:
    """Text of 1..`longest` characters, tabs and line breaks the only control characters."""
    plain = isinstance(value, str) and 0 < len(value) <= longest
    _require(plain and _CONTROL.search(value) is None, field, value)
