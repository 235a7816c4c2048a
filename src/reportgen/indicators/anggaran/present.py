"""Turn a budget realization result into its figures, the realization table and the budget chart."""

from __future__ import annotations

from reportgen import fmt
from reportgen.indicators.anggaran import INDICATOR, Options
from reportgen.indicators.anggaran.compute import BudgetResult, Line
from reportgen.results import Chart, ChartSpec, Column, Figure, Result, Table
from reportgen.schema import DataSpec

MILLION = 1_000_000  # the chart shows millions of rupiah so its labels stay short


def present(result: BudgetResult, spec: DataSpec, options: Options) -> Result:
    """Figures, the realization table with its total row, and the budget chart."""
    title = spec.judul or INDICATOR.title
    total = result.total
    figures = {
        "kegiatan": Figure(len(result.lines), "bulat"),
        "total_pagu": Figure(total.budget, "rupiah"),
        "total_realisasi": Figure(total.spent, "rupiah"),
        "total_sisa": Figure(total.remaining, "rupiah"),
        "persen_realisasi": Figure(total.share, "persen:2"),
    }
    chart = (_chart(result, spec, title),) if result.lines else ()
    return Result(figures, (_table(result, spec, title),), chart)


def _row(number: int | str, line: Line) -> dict[str, object]:
    return {
        "no": number,
        "kegiatan": line.name,
        "pagu": line.budget,
        "realisasi": line.spent,
        "sisa": line.remaining,
        "persen": line.share,
    }


def _table(result: BudgetResult, spec: DataSpec, title: str) -> Table:
    columns = (
        Column("no", "No", "bulat"),
        Column("kegiatan", "Kegiatan"),
        Column("pagu", "Pagu", "rupiah"),
        Column("realisasi", "Realisasi", "rupiah"),
        Column("sisa", "Sisa Anggaran", "rupiah"),
        Column("persen", "Persentase Realisasi", "persen:2"),
    )
    rows = tuple(_row(i, line) for i, line in enumerate(result.lines, start=1))
    caption = f"{title}: Pagu dan Realisasi per Kegiatan"
    return Table(f"{spec.nama}.realisasi", caption, columns, rows, spec.sumber or "", _row("", result.total))


def _chart(result: BudgetResult, spec: DataSpec, title: str) -> Chart:
    labels = [line.name for line in result.lines]
    series = {
        "Pagu": [line.budget / MILLION for line in result.lines],
        "Realisasi": [line.spent / MILLION for line in result.lines],
    }
    chart_spec = ChartSpec.grouped(labels, series, value_label="Juta rupiah", value_format="angka:1")
    total = result.total
    alt = (
        f"Diagram batang pagu dan realisasi {len(result.lines)} kegiatan, dalam juta rupiah. "
        f"Jumlah pagu {fmt.rupiah(total.budget)}, realisasi {fmt.rupiah(total.spent)} "
        f"({fmt.persen(total.share, 2)})."
    )
    return Chart(
        f"{spec.nama}.realisasi",
        f"{title}: Pagu dan Realisasi per Kegiatan (juta rupiah)",
        alt,
        chart_spec,
        spec.sumber or "",
    )
