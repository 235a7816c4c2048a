"""Turn the budget ceiling (pagu) and spending (realisasi) of each activity into budget realization."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from reportgen import fmt
from reportgen.csvdata import ColumnSpec
from reportgen.indicators.anggaran import Options


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
