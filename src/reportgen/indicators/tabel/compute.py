"""Turn any CSV file into a plain table of the columns an author lists, and optionally a chart."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from reportgen.csvdata import ColumnSpec
from reportgen.indicators.tabel import Options


@dataclass(frozen=True)
class TableResult:
    """The rows of the listed columns as plain Python values, None for an empty cell."""

    rows: tuple[Mapping[str, object], ...]


def columns(options: Options) -> list[ColumnSpec]:
    """Each listed column, of the kind its format needs."""
    return [ColumnSpec(c.nama, c.kind, required=c.wajib) for c in options.kolom]


def compute(frame: pd.DataFrame, options: Options) -> TableResult:
    """The listed columns of `frame`, row by row; percents become fractions."""
    rows = tuple(
        {c.nama: _cell(record.get(c.nama), c.format) for c in options.kolom}
        for record in frame.to_dict(orient="records")
    )
    return TableResult(rows)


def _cell(value: object, spec: str) -> object:
    """A cell as a plain Python value (str, int, float or None) for a column of format `spec`."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if spec == "teks":
        return str(value)
    if spec == "bulat":
        return int(value)
    number = float(value)
    return number / 100 if spec.startswith("persen") else number
