"""Turn any CSV file into a plain table of the columns an author lists, and optionally a chart."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from pydantic import Field, field_validator, model_validator

from reportgen.csvdata import ColumnSpec
from reportgen.results import Chart, ChartSpec, Column, Figure, Result, Table, format_value
from reportgen.schema import DataSpec, Model, Text

KIND = "tabel"
DEFAULT_TITLE = "Tabel Data"
FORMATS = "teks, angka, angka:N (N = jumlah desimal), bulat, persen, persen:N atau rupiah"
_FORMAT = re.compile(r"teks|angka(:\d)?|bulat|persen(:\d)?|rupiah")


class TableColumn(Model):
    """One column of the table: its CSV header, its label and its format."""

    nama: Text = Field(description="Judul kolom di berkas CSV.")
    label: Text | None = Field(None, description="Judul kolom di tabel laporan; bila kosong dipakai 'nama'.")
    format: str = Field(
        "teks", description=f"Format angka: {FORMATS}. Nilai persen ditulis di CSV sebagai persen (45,3 atau 45,3%)."
    )
    wajib: bool = Field(True, description="false bila kolom ini boleh tidak ada atau selnya boleh kosong.")

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if not _FORMAT.fullmatch(value):
            raise ValueError(f"format tidak dikenal '{value}'; diharapkan salah satu dari: {FORMATS}")
        return value

    @property
    def heading(self) -> str:
        """The label shown above the column."""
        return self.label or self.nama

    @property
    def kind(self) -> str:
        """The CSV column kind its format needs."""
        return "teks" if self.format == "teks" else "bulat" if self.format == "bulat" else "angka"


class Graph(Model):
    """A chart of one numeric column against another column."""

    jenis: Literal["garis", "batang"] = Field("batang", description="Jenis grafik: garis atau batang.")
    x: Text = Field(description="Kolom label sumbu mendatar (salah satu 'nama' di 'kolom').")
    y: Text = Field(description="Kolom nilai (salah satu 'nama' di 'kolom', berformat angka).")


class Options(Model):
    """Settings of a plain table, under `opsi:`."""

    kolom: list[TableColumn] = Field(min_length=1, description="Kolom yang ditampilkan, berurutan.")
    grafik: Graph | None = Field(None, description="Grafik dari dua kolom tabel; bila kosong tidak ada grafik.")

    @model_validator(mode="after")
    def _consistent(self) -> Options:
        names = [c.nama for c in self.kolom]
        doubled = sorted({n for n in names if names.count(n) > 1})
        if doubled:
            raise ValueError(f"kolom disebut lebih dari sekali: {', '.join(doubled)}")
        if self.grafik is not None:
            for axis in ("x", "y"):
                name = getattr(self.grafik, axis)
                if name not in names:
                    listing = ", ".join(names)
                    raise ValueError(
                        f"grafik.{axis}: kolom '{name}' tidak ada di 'kolom'; diharapkan salah satu dari: {listing}"
                    )
            if self.column(self.grafik.y).format == "teks":
                raise ValueError(f"grafik.y: kolom '{self.grafik.y}' berformat teks; diharapkan kolom berformat angka")
        return self

    def column(self, name: str) -> TableColumn:
        """The listed column named `name`."""
        return next(c for c in self.kolom if c.nama == name)


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


def present(result: TableResult, spec: DataSpec, options: Options) -> Result:
    """The table, and its chart when `grafik` is set."""
    title = spec.judul or DEFAULT_TITLE
    columns = tuple(Column(c.nama, c.heading, c.format) for c in options.kolom)
    table = Table(f"{spec.nama}.tabel", title, columns, result.rows, spec.sumber or "")
    chart = () if options.grafik is None or not result.rows else (_chart(result, spec, options, title),)
    return Result({"baris": Figure(len(result.rows), "bulat")}, (table,), chart)


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


def _chart(result: TableResult, spec: DataSpec, options: Options, title: str) -> Chart:
    graph = options.grafik
    x, y = options.column(graph.x), options.column(graph.y)
    points = [(format_value(row[x.nama], x.format), row[y.nama]) for row in result.rows if row[y.nama] is not None]
    labels, values = [p[0] for p in points], [p[1] for p in points]
    make = ChartSpec.line if graph.jenis == "garis" else ChartSpec.bars
    chart_spec = make(labels, values, value_label=y.heading, value_format=y.format)
    kind = "garis" if graph.jenis == "garis" else "batang"
    listing = "; ".join(f"{label}: {format_value(value, y.format)}" for label, value in points)
    alt = f"Grafik {kind} {y.heading.lower()} menurut {x.heading.lower()}. {listing}."
    return Chart(f"{spec.nama}.grafik", title, alt, chart_spec, spec.sumber or "")
