"""The typed values computation hands to rendering: figures, tables and charts."""

from __future__ import annotations

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
        return fmt.angka(value if value is None else round(value), 0)
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
    """A numbered table: caption above, rows of raw values, optional total row, source below."""

    name: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Mapping[str, object], ...]
    source: str = ""
    total: Mapping[str, object] | None = None


@dataclass(frozen=True)
class Chart:
    """A numbered figure: an SVG picture, its caption (below) and its text alternative."""

    name: str
    caption: str
    alt: str
    svg: str


@dataclass(frozen=True)
class Result:
    """What one indicator gives a report: named figures, tables and charts."""

    figures: Mapping[str, object] = field(default_factory=dict)
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    kind: str = ""
