"""Turn the answers of a Likert-scale survey into exact means and breakdowns by respondent category.

What IKM and the next surveys share: the answer columns as one array (NaN for a question not
answered), each question's mean over those who answered it as an exact fraction (answers are
whole numbers, so their sums in float64 are exact), and the respondents grouped by a category
column in a fixed order: education levels lowest first, other values alphabetically, blanks last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

NO_ANSWER = "Tidak diisi"

# Education levels, lowest first; a breakdown lists them in this order, other values after them.
EDUCATION = ("SD", "SMP", "SMA/SMK", "D1", "D2", "D3", "D4", "S1", "S2", "S3")
_EDUCATION_ALIASES = {
    "SLTP": "SMP",
    "SMA": "SMA/SMK",
    "SMK": "SMA/SMK",
    "SMU": "SMA/SMK",
    "SLTA": "SMA/SMK",
    "MA": "SMA/SMK",
    "DI": "D1",
    "DII": "D2",
    "DIII": "D3",
    "DIV": "D4",
}


@dataclass(frozen=True)
class Group:
    """The respondents of one category of an attribute, and the survey's score among them."""

    category: str
    respondents: int
    share: float
    score: float | None


@dataclass(frozen=True)
class Breakdown:
    """Respondents by the categories of one attribute column."""

    attribute: str
    groups: tuple[Group, ...]


def answers(frame: pd.DataFrame, names: list[str]) -> np.ndarray:
    """The answer columns as one array of floats (NaN for a blank): whole numbers, summed exactly."""
    return frame[names].to_numpy(dtype="float64", na_value=np.nan)


def means(answers: np.ndarray) -> list[Fraction | None]:
    """The exact mean answer of each question (column); None when nobody answered it."""
    counts = (~np.isnan(answers)).sum(axis=0)
    sums = np.nansum(answers, axis=0)
    return [Fraction(int(total), int(count)) if count else None for total, count in zip(sums, counts, strict=True)]


def education_rank(category: str) -> int | None:
    """The place of an education level in EDUCATION ('S1', 'D-III', 'SMK' ...), None for other values."""
    key = category.upper().replace(" ", "").replace("-", "").replace(".", "")
    key = _EDUCATION_ALIASES.get(key, key)
    return EDUCATION.index(key) if key in EDUCATION else None


def category_order(category: str) -> tuple[int, int, str]:
    """Education levels lowest first, then other values alphabetically, then the blank ones."""
    rank = education_rank(category)
    if rank is not None:
        return (0, rank, category)
    return (2 if category == NO_ANSWER else 1, 0, category)


def breakdown(
    frame: pd.DataFrame, answers: np.ndarray, attribute: str, score: Callable[[np.ndarray], float | None]
) -> Breakdown:
    """The respondents of each category of `attribute`, in `category_order`, each with `score` of their answers."""
    labels = frame[attribute].fillna("").astype(str).str.strip().replace("", NO_ANSWER).to_numpy()
    groups = []
    for category in sorted(set(labels), key=category_order):
        part = answers[labels == category]
        groups.append(Group(category, len(part), len(part) / len(frame), score(part)))
    return Breakdown(attribute, tuple(groups))
