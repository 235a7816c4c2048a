"""Turn a plain table's rows into the table and, when `grafik` says so, its chart."""

from __future__ import annotations

from reportgen.indicators.tabel import INDICATOR, Options
from reportgen.indicators.tabel.compute import TableResult
from reportgen.results import Chart, ChartSpec, Column, Figure, Result, Table, format_value
from reportgen.schema import DataSpec


def present(result: TableResult, spec: DataSpec, options: Options) -> Result:
    """The table, and its chart when `grafik` is set."""
    title = spec.judul or INDICATOR.title
    columns = tuple(Column(c.nama, c.heading, c.format) for c in options.kolom)
    table = Table(f"{spec.nama}.tabel", title, columns, result.rows, spec.sumber or "")
    chart = () if options.grafik is None or not result.rows else (_chart(result, spec, options, title),)
    return Result({"baris": Figure(len(result.rows), "bulat")}, (table,), chart)


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
