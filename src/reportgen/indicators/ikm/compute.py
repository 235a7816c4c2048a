"""Turn answers to the nine-element service survey into the community satisfaction index (IKM).

The method is PermenPANRB 14/2017: the mean score (NRR) of each element over the respondents who
answered it, their equally weighted mean (1/9 each), times 25. Arithmetic is exact (fractions) so
that the two-decimal rounding the regulation grades is never tipped across a band edge by binary
floating point. With the population size, the minimum sample is that of the Krejcie-Morgan table
the regulation refers to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from reportgen import fmt
from reportgen.csvdata import ColumnSpec
from reportgen.indicators import survey
from reportgen.indicators.ikm import ELEMENTS, Options

SCALE = 25  # a mean answer of 1..4 times 25 is a value of 25..100


# Krejcie and Morgan (1970): chi-square of 1 degree of freedom at 95%, proportion, margin of error.
CHI_SQUARE, PROPORTION, MARGIN = Fraction("3.841"), Fraction(1, 2), Fraction("0.05")


@dataclass(frozen=True)
class Grade:
    """A service quality grade: letter and performance label."""

    letter: str
    label: str


# Lowest two-decimal value of each grade, best first (PermenPANRB 14/2017, appendix).
GRADES = (
    (Fraction("88.31"), Grade("A", "Sangat Baik")),
    (Fraction("76.61"), Grade("B", "Baik")),
    (Fraction("65.00"), Grade("C", "Kurang Baik")),
    (Fraction(0), Grade("D", "Tidak Baik")),
)


@dataclass(frozen=True)
class ElementScore:
    """One service element: its answers, mean answer, converted value (two decimals) and grade."""

    code: str
    name: str
    answers: int
    nrr: float | None
    value: float | None
    grade: Grade | None


@dataclass(frozen=True)
class IkmResult:
    """The index, its grade, the nine elements, the breakdowns by attribute, sample and period."""

    elements: tuple[ElementScore, ...]
    weighted_nrr: float | None
    index: float | None  # rounded half-up to two decimals: the value the regulation grades
    grade: Grade | None
    respondents: int
    breakdowns: tuple[survey.Breakdown, ...]
    population: int | None = None
    minimum_sample: int | None = None  # Krejcie-Morgan, when the population is known
    period: tuple[dt.date, dt.date] | None = None  # first and last answer date

    @property
    def blanks(self) -> bool:
        """Whether some element was left blank by some respondent."""
        return any(e.answers < self.respondents for e in self.elements)


def columns(options: Options) -> list[ColumnSpec]:
    """Nine answer columns of integers 1-4 (a blank is a question not answered), optional attributes and date."""
    answers = [ColumnSpec(name, "bulat", blanks=True, minimum=1, maximum=4) for name in options.kolom_unsur]
    attributes = [ColumnSpec(name, "teks", required=False) for name in options.atribut]
    return [*answers, *attributes, ColumnSpec(options.kolom_tanggal, "tanggal", required=False)]


def compute(frame: pd.DataFrame, options: Options) -> IkmResult:
    """The IKM of the answers in `frame`, one respondent per row."""
    answers = survey.answers(frame, options.kolom_unsur)
    nrrs = survey.means(answers)
    index = _index(nrrs)
    counts = [int(frame[name].notna().sum()) for name in options.kolom_unsur]
    elements = tuple(
        _element(i, name, count, nrr)
        for i, (name, count, nrr) in enumerate(zip(ELEMENTS, counts, nrrs, strict=True), start=1)
    )
    weighted = None if index is None else float(index / SCALE)
    breakdowns = tuple(
        survey.breakdown(frame, answers, name, _group_index) for name in options.atribut if name in frame.columns
    )
    return IkmResult(
        elements,
        weighted,
        _float(_round2(index)),
        _grade_or_none(index),
        len(frame),
        breakdowns,
        options.populasi,
        None if options.populasi is None else minimum_sample(options.populasi),
        _period(frame, options.kolom_tanggal),
    )


def minimum_sample(population: int) -> int:
    """Krejcie and Morgan's sample size s = X²NP(1−P) / (d²(N−1) + X²P(1−P)), to the nearest whole respondent.

    Their table (and the regulation's) rounds to the nearest: N = 500 gives 217.47, listed as 217.
    """
    spread = CHI_SQUARE * PROPORTION * (1 - PROPORTION)
    exact = spread * population / (MARGIN**2 * (population - 1) + spread)
    return int(fmt.round_half_up(exact, 0))


def grade(value: float | Fraction) -> Grade:
    """The grade of an index or converted value, once rounded half-up to two decimals."""
    rounded = Fraction(fmt.round_half_up(value, 2))
    return next(g for lowest, g in GRADES if rounded >= lowest)


def _index(nrrs: list[Fraction | None]) -> Fraction | None:
    """The exact index: the mean of the nine NRR (weight 1/9 each) times 25."""
    if any(nrr is None for nrr in nrrs):
        return None
    return sum(nrrs, Fraction(0)) / len(nrrs) * SCALE


def _element(number: int, name: str, answers: int, nrr: Fraction | None) -> ElementScore:
    """Element `number`: its answers, NRR, converted value NRR x 25 (two decimals) and grade."""
    if nrr is None:
        return ElementScore(f"U{number}", name, answers, None, None, None)
    value = float(_round2(nrr * SCALE))
    return ElementScore(f"U{number}", name, answers, float(nrr), value, grade(nrr * SCALE))


def _group_index(answers: np.ndarray) -> float | None:
    """The index of some respondents' answers, as printed: two decimals."""
    return _float(_round2(_index(survey.means(answers))))


def _round2(value: Fraction | None) -> Fraction | None:
    """`value` rounded half-up to two decimals, exactly: the value printed and graded."""
    return None if value is None else Fraction(fmt.round_half_up(value, 2))


def _grade_or_none(value: Fraction | None) -> Grade | None:
    return None if value is None else grade(value)


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _period(frame: pd.DataFrame, column: str) -> tuple[dt.date, dt.date] | None:
    """The first and last date answers were given, when the survey has a date column."""
    if column not in frame.columns:
        return None
    dates = [d for d in frame[column] if d is not None]
    return (min(dates), max(dates)) if dates else None
