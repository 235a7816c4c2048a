"""Turn pre-test and post-test scores into learning gains (Kirkpatrick level 2) and paired tests.

The normalized gain of a participant is Hake's g = (post - pre) / (max - pre); it does not exist
when the pre-test score is already the maximum, so such participants are counted, not averaged.
Scores are decimals as written in the CSV, so means, differences and gains are computed exactly
(fractions) and rounded only when printed. Gains are categorized on their exact value with the
bounds of Hake (1999) that Indonesian evaluations use: g > 0,7 high, g <= 0,3 low.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from reportgen import fmt
from reportgen.csvdata import ColumnSpec
from reportgen.indicators.prepost import Options

# Category names and the rule each stands for, from high to low (Hake 1999).
CATEGORIES = (("tinggi", "g > 0,7"), ("sedang", "0,3 < g ≤ 0,7"), ("rendah", "g ≤ 0,3"))


HIGH, LOW = Fraction(7, 10), Fraction(3, 10)


ALPHA = 0.05


P_FLOOR = 0.001  # smaller p-values are written "< 0,001"


# Cohen's conventional labels of an effect size, by the lowest absolute value of each.
EFFECTS = ((Fraction(8, 10), "besar"), (Fraction(5, 10), "sedang"), (Fraction(2, 10), "kecil"), (0, "sangat kecil"))


@dataclass(frozen=True)
class Summary:
    """Mean, sample standard deviation, lowest and highest of a set of values."""

    mean: float | None
    sd: float | None
    minimum: float | None
    maximum: float | None


@dataclass(frozen=True)
class TestResult:
    """A paired significance test: pairs used, degrees of freedom, statistic and p-value, or a note why it has none."""

    name: str
    n: int
    statistic: float | None = None
    p: float | None = None
    note: str = ""
    df: int | None = None

    @property
    def verdict(self) -> str | None:
        """'berbeda signifikan' or 'tidak berbeda signifikan' at ALPHA; None without a test."""
        if self.p is None:
            return None
        return "berbeda signifikan" if self.p < ALPHA else "tidak berbeda signifikan"


@dataclass(frozen=True)
class PrePostResult:
    """Scores before and after, the gains and the paired tests."""

    n: int
    pre: Summary
    post: Summary
    difference: Summary
    improved: int
    gains: tuple[Fraction | None, ...]  # exact, one per participant; None where the pre-test was the maximum
    individual_gain: Summary  # of the defined gains
    class_gain: float | None  # the gain of the means
    basis: str  # which of the two `mean_gain` is: a key of GAIN_BASES
    counts: tuple[tuple[str, int], ...]  # (category, participants), as CATEGORIES
    t_test: TestResult
    wilcoxon: TestResult
    effect: float | None  # Cohen's d_z: mean difference / sd of the differences

    @property
    def mean_gain(self) -> float | None:
        """The N-gain the report names and categorizes, as `basis` says."""
        return self.individual_gain.mean if self.basis == "rata_individu" else self.class_gain

    @property
    def category(self) -> str | None:
        """The category of `mean_gain`."""
        return None if self.mean_gain is None else category(self.mean_gain)

    @property
    def effect_label(self) -> str | None:
        """Cohen's label of the effect size."""
        return None if self.effect is None else effect_label(self.effect)

    @property
    def undefined_gains(self) -> int:
        """Participants whose pre-test score was already the maximum."""
        return sum(g is None for g in self.gains)

    @property
    def share_improved(self) -> float | None:
        """Share of participants whose post-test is above their pre-test."""
        return self.improved / self.n if self.n else None


def columns(options: Options) -> list[ColumnSpec]:
    """Participant id and optional name as text, the two scores between 0 and the maximum."""
    return [
        ColumnSpec(options.kolom_id, "teks"),
        ColumnSpec(options.kolom_nama, "teks", required=False),
        ColumnSpec(options.kolom_pre, "angka", minimum=0, maximum=options.nilai_maks),
        ColumnSpec(options.kolom_post, "angka", minimum=0, maximum=options.nilai_maks),
    ]


def compute(frame: pd.DataFrame, options: Options) -> PrePostResult:
    """Means, gains, categories and paired tests of the scores in `frame`, one participant per row."""
    pre, post = _exact(frame[options.kolom_pre]), _exact(frame[options.kolom_post])
    maximum = fmt.exact_decimal(options.nilai_maks)
    differences = [b - a for a, b in zip(pre, post, strict=True)]
    gains = tuple(gain(a, b, maximum) for a, b in zip(pre, post, strict=True))
    defined = [g for g in gains if g is not None]
    pre_mean = _mean(pre)
    return PrePostResult(
        n=len(frame),
        pre=_summary(pre),
        post=_summary(post),
        difference=_summary(differences),
        improved=sum(d > 0 for d in differences),
        gains=gains,
        individual_gain=_summary(defined),
        class_gain=None if pre_mean is None else _float(gain(pre_mean, _mean(post), maximum)),
        basis=options.jenis_ngain,
        counts=tuple((name, sum(category(g) == name for g in defined)) for name, _ in CATEGORIES),
        t_test=_t_test(differences),
        wilcoxon=_wilcoxon(differences),
        effect=_effect(differences),
    )


def gain(pre: Fraction | float, post: Fraction | float, maximum: Fraction | float) -> Fraction | None:
    """Hake's normalized gain of one participant, exactly; None when `pre` is already `maximum`."""
    pre, post, maximum = (fmt.exact_decimal(v) for v in (pre, post, maximum))
    return None if pre >= maximum else (post - pre) / (maximum - pre)


def category(g: Fraction | float) -> str:
    """'tinggi', 'sedang' or 'rendah' for a gain, judged on its exact, unrounded value."""
    exact = fmt.exact_decimal(g)
    return "tinggi" if exact > HIGH else "sedang" if exact > LOW else "rendah"


def effect_label(d: float) -> str:
    """Cohen's label of an effect size, judged on its absolute value as printed (two decimals, half up)."""
    shown = abs(fmt.round_half_up(d, 2))
    return next(label for lowest, label in EFFECTS if shown >= lowest)


def _exact(column: pd.Series) -> list[Fraction]:
    """Each score as the exact decimal the CSV wrote."""
    return [fmt.exact_decimal(float(v)) for v in column]


def _mean(values: Sequence[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def _variance(values: Sequence[Fraction]) -> Fraction | None:
    """The exact sample variance; None for fewer than two values."""
    if len(values) < 2:
        return None
    mean = _mean(values)
    return sum(((v - mean) ** 2 for v in values), Fraction(0)) / (len(values) - 1)


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _summary(values: Sequence[Fraction]) -> Summary:
    if not values:
        return Summary(None, None, None, None)
    variance = _variance(values)
    sd = None if variance is None else math.sqrt(variance)
    return Summary(_float(_mean(values)), sd, float(min(values)), float(max(values)))


def _effect(differences: Sequence[Fraction]) -> float | None:
    """Cohen's d_z of paired data; None when the differences do not vary or are too few."""
    variance = _variance(differences)
    if not variance or sum(d != 0 for d in differences) < 2:
        return None
    return float(_mean(differences)) / math.sqrt(variance)


def _degenerate(name: str, differences: Sequence[Fraction]) -> TestResult | None:
    """The test result with a note when the data cannot support a paired test, else None."""
    n, nonzero = len(differences), sum(d != 0 for d in differences)
    if n < 2:
        return TestResult(name, n, note=f"{name} tidak dapat dihitung: diperlukan paling sedikit 2 peserta, ada {n}.")
    if not nonzero:
        return TestResult(
            name, n, note=f"{name} tidak dapat dihitung: nilai pre-test dan post-test semua peserta sama."
        )
    if nonzero < 2:
        note = f"{name} tidak dapat dihitung: diperlukan paling sedikit 2 peserta yang nilainya berubah, ada 1."
        return TestResult(name, n, note=note)
    return None


def _t_test(differences: Sequence[Fraction]) -> TestResult:
    """Student's paired t on the exact differences: t = mean / (sd / sqrt(n)), n - 1 degrees of freedom."""
    name = "Uji t berpasangan"
    if found := _degenerate(name, differences):
        return found
    n, variance = len(differences), _variance(differences)
    if not variance:
        note = f"{name} tidak dapat dihitung: selisih nilai semua peserta sama sehingga simpangan bakunya nol."
        return TestResult(name, n, note=note)
    from scipy import stats  # costly (0,7 s): only reports with a pre/post test pay for it

    t = float(_mean(differences)) / math.sqrt(variance / n)
    return TestResult(name, n, t, float(2 * stats.t.sf(abs(t), n - 1)), df=n - 1)


def _wilcoxon(differences: Sequence[Fraction]) -> TestResult:
    name = "Uji peringkat bertanda Wilcoxon"
    if found := _degenerate(name, differences):
        return found
    nonzero = [float(d) for d in differences if d != 0]
    zeros = len(differences) - len(nonzero)
    note = f"{zeros} peserta dengan selisih nol tidak diikutkan dalam uji Wilcoxon." if zeros else ""
    from scipy import stats

    result = _run(name, len(nonzero), lambda: stats.wilcoxon(nonzero))
    return TestResult(name, result.n, result.statistic, result.p, " ".join(filter(None, (note, result.note))))


def _run(name: str, n: int, test) -> TestResult:
    """Run a scipy test; a numerical warning becomes a note instead of a dubious p-value."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        try:
            outcome = test()
        except (RuntimeWarning, ValueError):
            return TestResult(name, n, note=f"{name} tidak dapat dihitung: data terlalu seragam.")
    return TestResult(name, n, float(outcome.statistic), float(outcome.pvalue))
