"""Turn a built report into what the shared pages show of it: its key figures and its summary."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from reportgen.indicators import REGISTRY
from reportgen.indicators.contract import Headline
from reportgen.results import Result


@dataclass(frozen=True)
class KeyFigure:
    """One headline figure: its value for sorting and charts, its text for reading ('81,39 (B)'), its format."""

    key: str
    label: str
    value: float | None
    text: str
    format: str = "angka"  # how a chart writes the value (see results.Figure)


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
    pdf_name: str | None = None  # None: the PDF was not built (a build without PDFs)
    pdf_size: int | None = None

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
        return cls(**values)
