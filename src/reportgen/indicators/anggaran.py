"""Turn the budget ceiling (pagu) and spending (realisasi) of each activity into budget realization."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd
from pydantic import Field

from reportgen import fmt
from reportgen.csvdata import ColumnSpec
from reportgen.results import Chart, ChartSpec, Column, Figure, Result, Table
from reportgen.schema import DataSpec, Model, Text

KIND = "anggaran"
DEFAULT_TITLE = "Realisasi Anggaran"
MILLION = 1_000_000  # the chart shows millions of rupiah so its labels stay short


class Options(Model):
    """Settings of a budget data file, under `opsi:`."""

    kolom_kegiatan: Text = Field("kegiatan", description="Kolom nama kegiatan.")
    kolom_pagu: Text = Field("pagu", description="Kolom pagu anggaran (rupiah).")
    kolom_realisasi: Text = Field("realisasi", description="Kolom realisasi anggaran (rupiah).")


@dataclass(frozen=True)
class Line:
    """One activity's budget and spending, or their totals."""

    name: str
    budget: float
    spent: float

    @property
    def remaining(self) -> float:
        """Budget not spent, in decimal; negative when spending exceeds the budget."""
        return float(fmt.exact_decimal(self.budget) - fmt.exact_decimal(self.spent))

    @property
    def share(self) -> float | None:
        """Spending as a share of the budget, in decimal; None when the budget is zero."""
        return float(fmt.exact_decimal(self.spent) / fmt.exact_decimal(self.budget)) if self.budget else None


@dataclass(frozen=True)
class BudgetResult:
    """Every activity, in the order of the file, and the totals."""

    lines: tuple[Line, ...]
    total: Line


def columns(options: Options) -> list[ColumnSpec]:
    """Activity name as text; budget and spending as numbers of at least 0."""
    return [
        ColumnSpec(options.kolom_kegiatan, "teks"),
        ColumnSpec(options.kolom_pagu, "angka", minimum=0),
        ColumnSpec(options.kolom_realisasi, "angka", minimum=0),
    ]


def compute(frame: pd.DataFrame, options: Options) -> BudgetResult:
    """Each activity's realization and the totals."""
    lines = tuple(
        Line(str(name), float(budget), float(spent))
        for name, budget, spent in zip(
            frame[options.kolom_kegiatan], frame[options.kolom_pagu], frame[options.kolom_realisasi], strict=True
        )
    )
    total = Line("Jumlah", _exact_sum(line.budget for line in lines), _exact_sum(line.spent for line in lines))
    return BudgetResult(lines, total)


def _exact_sum(amounts) -> float:
    """The sum of decimal amounts as a person adds them, not in binary."""
    return float(sum(map(fmt.exact_decimal, amounts), Fraction(0)))


def present(result: BudgetResult, spec: DataSpec, options: Options) -> Result:
    """Figures, the realization table with its total row, and the budget chart."""
    title = spec.judul or DEFAULT_TITLE
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
