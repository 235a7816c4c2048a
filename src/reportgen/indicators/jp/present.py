"""Turn a 20-JP result into its figures, the distribution and unit tables, and the distribution chart."""

from __future__ import annotations

from reportgen import fmt
from reportgen.indicators.jp import INDICATOR, Options
from reportgen.indicators.jp.compute import JpResult, Unit
from reportgen.results import Chart, ChartSpec, Column, Figure, Result, Table
from reportgen.schema import DataSpec


def present(result: JpResult, spec: DataSpec, options: Options) -> Result:
    """Figures, the distribution and unit tables, and the distribution chart."""
    title = spec.judul or INDICATOR.title
    total = result.total
    figures = {
        "pegawai": Figure(total.employees, "bulat"),
        "target": Figure(result.target, "bulat"),
        "peserta": Figure(total.trained, "bulat"),
        "persen_peserta": Figure(result.share_trained, "persen"),
        "memenuhi": Figure(total.meeting, "bulat"),
        "persen_memenuhi": Figure(result.share_meeting, "persen"),
        "belum_memenuhi": Figure(max(result.target - total.meeting, 0), "bulat"),
        "rata_jp": Figure(total.mean_jp, "angka:1"),
        "batas_jp": Figure(result.threshold, "angka"),
    }
    tables = (_bin_table(result, spec, title), _unit_table(result, spec, title))
    chart = (_bin_chart(result, spec, title),) if total.employees else ()
    return Result(figures, tables, chart)


def _bin_table(result: JpResult, spec: DataSpec, title: str) -> Table:
    columns = (
        Column("rentang", "Jumlah JP"),
        Column("jumlah", "Jumlah Pegawai", "bulat"),
        Column("porsi", "Persentase", "persen"),
    )
    employees = result.total.employees
    rows = tuple(
        {"rentang": b.label, "jumlah": b.count, "porsi": b.count / employees if employees else None}
        for b in result.bins
    )
    total = {"rentang": "Jumlah", "jumlah": employees, "porsi": 1.0 if employees else None}
    caption = f"{title}: Sebaran Pegawai menurut Jumlah JP"
    return Table(f"{spec.nama}.sebaran", caption, columns, rows, spec.sumber or "", total)


def _unit_table(result: JpResult, spec: DataSpec, title: str) -> Table:
    threshold = fmt.angka(result.threshold)
    columns = (
        Column("unit", "Unit Kerja"),
        Column("pegawai", "Jumlah Pegawai", "bulat"),
        Column("peserta", "Mengikuti Pelatihan", "bulat"),
        Column("memenuhi", f"Memenuhi ≥ {threshold} JP", "bulat"),
        Column("persen", "Persentase Memenuhi", "persen"),
        Column("rata", "Rata-rata JP", "angka:1"),
    )
    rows = tuple(_unit_row(u) for u in result.units)
    caption = f"{title}: Pemenuhan {threshold} JP per Unit Kerja"
    return Table(f"{spec.nama}.unit", caption, columns, rows, spec.sumber or "", _unit_row(result.total))


def _unit_row(unit: Unit) -> dict[str, object]:
    return {
        "unit": unit.name,
        "pegawai": unit.employees,
        "peserta": unit.trained,
        "memenuhi": unit.meeting,
        "persen": unit.share_meeting,
        "rata": unit.mean_jp,
    }


def _bin_chart(result: JpResult, spec: DataSpec, title: str) -> Chart:
    labels = [b.label for b in result.bins]
    counts = [b.count for b in result.bins]
    chart_spec = ChartSpec.bars(labels, counts, value_label="Jumlah pegawai", value_format="bulat")
    parts = "; ".join(f"{b.label}: {b.count} pegawai" for b in result.bins)
    alt = f"Diagram batang jumlah pegawai menurut jumlah JP dalam setahun. {parts}."
    return Chart(
        f"{spec.nama}.sebaran", f"{title}: Sebaran Pegawai menurut Jumlah JP", alt, chart_spec, spec.sumber or ""
    )
