"""The typed values computation hands to rendering: figures, tables and chart specifications."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from reportgen import fmt


@dataclass(frozen=True, order=True)
class Figure:
    """A computed number that prints itself in Indonesian: str(Figure(78.889, 'angka:2')) == '78,89'.

    `format` is one of: 'angka' (as is), 'angka:N' (N decimals), 'bulat' (integer),
    'persen' / 'persen:N' (a fraction shown as percent), 'rupiah'.
    """

    value: float | int | None
    format: str = "angka"

    def __str__(self) -> str:
        return format_value(self.value, self.format)

    def __html__(self) -> str:
        return str(self)

    def __float__(self) -> float:
        return float(self.value) if self.value is not None else float("nan")


def format_value(value: object, spec: str) -> str:
    """`value` formatted by a column or figure format spec (see Figure)."""
    if isinstance(value, Figure):
        value = value.value
    kind, _, digits = spec.partition(":")
    if kind == "teks" or isinstance(value, str):
        return "" if value is None else str(value)
    if kind == "bulat":
        return fmt.angka(value, 0)
    if kind == "angka":
        return fmt.angka(value, int(digits) if digits else None)
    if kind == "persen":
        return fmt.persen(value, int(digits) if digits else 1)
    if kind == "rupiah":
        return fmt.rupiah(value)
    raise ValueError(f"unknown format {spec!r}")


@dataclass(frozen=True)
class Column:
    """A table column: the key of its cells in each row, its header and its format."""

    key: str
    label: str
    format: str = "teks"

    @property
    def numeric(self) -> bool:
        """Whether cells are numbers (right-aligned)."""
        return self.format != "teks"


@dataclass(frozen=True)
class Table:
    """A numbered table: caption above, rows of raw values, optional total row, notes and source below."""

    name: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Mapping[str, object], ...]
    source: str = ""
    total: Mapping[str, object] | None = None
    notes: tuple[str, ...] = ()  # lines printed under the table, each a sentence or two


@dataclass(frozen=True)
class ChartSpec:
    """What a chart shows, as numbers: drawn later, in the render stage, by `charts.draw`.

    `kind` is 'batang' (bars: one series, or several grouped per category) or 'garis' (a line).
    `series` pairs each series' name ('' for a single unnamed series) with one value per label;
    a value may be None (shown as a dash). `reference` draws a dashed line across the bars.
    """

    kind: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    value_label: str
    value_format: str = "angka:2"
    reference: float | None = None
    reference_label: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("batang", "garis"):
            raise ValueError(f"unknown chart kind {self.kind!r}")
        if not self.labels:
            raise ValueError("a chart needs at least one category")
        for name, values in self.series:
            if len(values) != len(self.labels):
                raise ValueError(f"series {name!r} has {len(values)} values for {len(self.labels)} labels")

    @classmethod
    def bars(cls, labels, values, **options) -> ChartSpec:
        """One series of bars."""
        return cls("batang", tuple(map(str, labels)), (("", _numbers(values)),), **options)

    @classmethod
    def grouped(cls, labels, series: Mapping[str, object], **options) -> ChartSpec:
        """Several series of bars, grouped per category."""
        pairs = tuple((str(name), _numbers(values)) for name, values in series.items())
        return cls("batang", tuple(map(str, labels)), pairs, **options)

    @classmethod
    def line(cls, labels, values, **options) -> ChartSpec:
        """A line through one series."""
        return cls("garis", tuple(map(str, labels)), (("", _numbers(values)),), **options)

    def digest(self) -> str:
        """A stable digest of what the chart shows: equal specifications draw equal SVG."""
        text = json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True, allow_nan=True)
        return hashlib.sha256(text.encode()).hexdigest()


def _numbers(values) -> tuple[float | None, ...]:
    return tuple(None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v) for v in values)


@dataclass(frozen=True)
class Chart:
    """A numbered figure: what to draw, its caption (below), its text alternative and its source (under the caption)."""

    name: str
    caption: str
    alt: str
    spec: ChartSpec
    source: str = ""


@dataclass(frozen=True)
class Result:
    """What one indicator gives a report: named figures, tables and charts."""

    figures: Mapping[str, object] = field(default_factory=dict)
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    kind: str = ""
