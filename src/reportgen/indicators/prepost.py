"""Turn pre-test and post-test scores into learning gains (Kirkpatrick level 2) and paired tests.

The normalized gain of a participant is Hake's g = (post - pre) / (max - pre); it does not exist
when the pre-test score is already the maximum, so such participants are counted, not averaged.
Gains are categorized once rounded half-up to two decimals, the precision the report shows.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
from pydantic import Field

from reportgen import fmt
from reportgen.csvdata import ColumnSpec
from reportgen.results import Chart, ChartSpec, Column, Figure, Result, Table
from reportgen.schema import DataSpec, Model, Text

KIND = "prepost"
DEFAULT_TITLE = "Hasil Pre-test dan Post-test"

# Category names and the rule each stands for, from high to low (Hake 1998).
CATEGORIES = (("tinggi", "g > 0,7"), ("sedang", "0,3 < g ≤ 0,7"), ("rendah", "g ≤ 0,3"))
P_FLOOR = 0.001  # smaller p-values are written "< 0,001"
_DECIMALS = 9  # scores carry few decimals; rounding differences here removes binary noise


class Options(Model):
    """Settings of a pre/post test data file, under `opsi:`."""

    nilai_maks: float = Field(100, gt=0, description="Nilai tertinggi yang mungkin pada tes, mis. 100.")
    kolom_id: Text = Field("nip", description="Kolom pengenal peserta, mis. NIP.")
    kolom_nama: Text = Field("nama", description="Kolom nama peserta (boleh tidak ada).")
    kolom_pre: Text = Field("pre", description="Kolom nilai pre-test.")
    kolom_post: Text = Field("post", description="Kolom nilai post-test.")


@dataclass(frozen=True)
class Summary:
    """Mean, sample standard deviation, lowest and highest of a set of scores."""

    mean: float | None
    sd: float | None
    minimum: float | None
    maximum: float | None


@dataclass(frozen=True)
class TestResult:
    """A paired significance test: pairs used, statistic and p-value, or a note why it has none."""

    name: str
    n: int
    statistic: float | None = None
    p: float | None = None
    note: str = ""


@dataclass(frozen=True)
class PrePostResult:
    """Scores before and after, the gains and the paired tests."""

    n: int
    pre: Summary
    post: Summary
    difference: Summary
    improved: int
    gains: tuple[float | None, ...]  # one per participant; None where the pre-test was the maximum
    mean_gain: float | None  # rounded half-up to two decimals
    category: str | None
    counts: tuple[tuple[str, int], ...]  # (category, participants), as CATEGORIES
    t_test: TestResult
    wilcoxon: TestResult

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
    pre = frame[options.kolom_pre].to_numpy(dtype=float)
    post = frame[options.kolom_post].to_numpy(dtype=float)
    differences = np.round(post - pre, _DECIMALS)
    gains = tuple(gain(a, b, options.nilai_maks) for a, b in zip(pre, post, strict=True))
    defined = [g for g in gains if g is not None]
    mean_gain = _round2(math.fsum(defined) / len(defined)) if defined else None
    counts = tuple((name, sum(category(g) == name for g in defined)) for name, _ in CATEGORIES)
    return PrePostResult(
        n=len(frame),
        pre=_summary(pre),
        post=_summary(post),
        difference=_summary(differences),
        improved=int((post > pre).sum()),
        gains=gains,
        mean_gain=mean_gain,
        category=None if mean_gain is None else category(mean_gain),
        counts=counts,
        t_test=_t_test(pre, post, differences),
        wilcoxon=_wilcoxon(differences),
    )


def gain(pre: float, post: float, maximum: float) -> float | None:
    """Hake's normalized gain of one participant; None when `pre` is already `maximum`."""
    return None if pre >= maximum else float((post - pre) / (maximum - pre))


def category(g: float) -> str:
    """'tinggi', 'sedang' or 'rendah' for a gain, judged on its two-decimal value."""
    rounded = _round2(g)
    return "tinggi" if rounded > 0.7 else "sedang" if rounded > 0.3 else "rendah"


def present(result: PrePostResult, spec: DataSpec, options: Options) -> Result:
    """Figures, the summary, test and category tables, and the two charts."""
    title = spec.judul or DEFAULT_TITLE
    notes = " ".join(t.note for t in (result.t_test, result.wilcoxon) if t.note)
    figures = {
        "n": Figure(result.n, "bulat"),
        "rata_pre": Figure(result.pre.mean, "angka:2"),
        "rata_post": Figure(result.post.mean, "angka:2"),
        "selisih": Figure(result.difference.mean, "angka:2"),
        "naik": Figure(result.improved, "bulat"),
        "persen_naik": Figure(result.share_improved, "persen"),
        "ngain": Figure(result.mean_gain, "angka:2"),
        "kategori_ngain": result.category or fmt.angka(None),
        "tanpa_ngain": Figure(result.undefined_gains, "bulat"),
        "t": Figure(result.t_test.statistic, "angka:3"),
        "p_t": p_value(result.t_test.p),
        "p_wilcoxon": p_value(result.wilcoxon.p),
        "catatan_uji": notes,
    }
    tables = (
        _summary_table(result, spec, title),
        _test_table(result, spec, title),
        _category_table(result, spec, title, options.nilai_maks),
    )
    charts_ = (_score_chart(result, spec, title), _gain_chart(result, spec, title)) if result.n else ()
    return Result(figures, tables, tuple(c for c in charts_ if c is not None))


def p_value(p: float | None) -> Figure | str:
    """A p-value to print: three decimals, '< 0,001' below that, a dash when there is none."""
    if p is not None and p < P_FLOOR:
        return f"< {fmt.angka(P_FLOOR, 3)}"
    return Figure(p, "angka:3")


# --- computation --------------------------------------------------------------------------


def _round2(value: float) -> float:
    """`value` rounded half-up to two decimals, as it is written in decimal."""
    return float(Decimal(str(float(value))).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _summary(values: np.ndarray) -> Summary:
    if not len(values):
        return Summary(None, None, None, None)
    sd = float(np.std(values, ddof=1)) if len(values) > 1 else None
    return Summary(float(np.mean(values)), sd, float(np.min(values)), float(np.max(values)))


def _degenerate(name: str, differences: np.ndarray) -> TestResult | None:
    """The test result with a note when the data cannot support a paired test, else None."""
    n = len(differences)
    if n < 2:
        return TestResult(name, n, note=f"{name} tidak dapat dihitung: diperlukan paling sedikit 2 peserta, ada {n}.")
    if not differences.any():
        return TestResult(
            name, n, note=f"{name} tidak dapat dihitung: nilai pre-test dan post-test semua peserta sama."
        )
    return None


def _t_test(pre: np.ndarray, post: np.ndarray, differences: np.ndarray) -> TestResult:
    name = "Uji t berpasangan"
    if found := _degenerate(name, differences):
        return found
    if np.ptp(differences) == 0:
        note = f"{name} tidak dapat dihitung: selisih nilai semua peserta sama sehingga simpangan bakunya nol."
        return TestResult(name, len(differences), note=note)
    from scipy import stats  # costly (0,7 s): only reports with a pre/post test pay for it

    return _run(name, len(differences), lambda: stats.ttest_rel(post, pre))


def _wilcoxon(differences: np.ndarray) -> TestResult:
    name = "Uji peringkat bertanda Wilcoxon"
    if found := _degenerate(name, differences):
        return found
    nonzero = differences[differences != 0]
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


# --- presentation -------------------------------------------------------------------------


def _summary_table(result: PrePostResult, spec: DataSpec, title: str) -> Table:
    columns = (
        Column("tahap", "Tahap"),
        Column("rata", "Rata-rata", "angka:2"),
        Column("sd", "Simpangan Baku", "angka:2"),
        Column("min", "Terendah", "angka:2"),
        Column("maks", "Tertinggi", "angka:2"),
    )
    stages = (("Pre-test", result.pre), ("Post-test", result.post), ("Selisih (post − pre)", result.difference))
    rows = tuple(
        {"tahap": label, "rata": s.mean, "sd": s.sd, "min": s.minimum, "maks": s.maximum} for label, s in stages
    )
    caption = f"{title}: Ringkasan Nilai ({result.n} peserta)"
    return Table(f"{spec.nama}.ringkasan", caption, columns, rows, spec.sumber or "")


def _test_table(result: PrePostResult, spec: DataSpec, title: str) -> Table:
    columns = (
        Column("uji", "Uji"),
        Column("n", "n", "bulat"),
        Column("statistik", "Statistik", "angka:3"),
        Column("p", "Nilai p", "angka:3"),
        Column("keterangan", "Keterangan"),
    )
    rows = tuple(
        {"uji": t.name, "n": t.n, "statistik": t.statistic, "p": p_value(t.p), "keterangan": t.note}
        for t in (result.t_test, result.wilcoxon)
    )
    return Table(f"{spec.nama}.uji", f"{title}: Uji Beda Berpasangan", columns, rows, spec.sumber or "")


def _category_table(result: PrePostResult, spec: DataSpec, title: str, maximum: float) -> Table:
    columns = (
        Column("kategori", "Kategori N-gain"),
        Column("kriteria", "Kriteria"),
        Column("jumlah", "Jumlah Peserta", "bulat"),
        Column("porsi", "Persentase", "persen"),
    )
    share = (lambda count: count / result.n) if result.n else (lambda count: None)
    rows = [
        {"kategori": name.capitalize(), "kriteria": rule, "jumlah": count, "porsi": share(count)}
        for (name, rule), (_, count) in zip(CATEGORIES, result.counts, strict=True)
    ]
    if result.undefined_gains:
        count, rule = result.undefined_gains, f"pre-test = nilai maksimum ({fmt.angka(maximum)})"
        rows.append({"kategori": "Tidak dihitung", "kriteria": rule, "jumlah": count, "porsi": share(count)})
    total = {"kategori": "Jumlah", "kriteria": "", "jumlah": result.n, "porsi": share(result.n)}
    caption = f"{title}: Sebaran Peserta menurut Kategori N-gain"
    return Table(f"{spec.nama}.kategori", caption, columns, tuple(rows), spec.sumber or "", total)


def _score_chart(result: PrePostResult, spec: DataSpec, title: str) -> Chart:
    labels = ["Terendah", "Rata-rata", "Tertinggi"]
    series = {
        "Pre-test": [result.pre.minimum, result.pre.mean, result.pre.maximum],
        "Post-test": [result.post.minimum, result.post.mean, result.post.maximum],
    }
    chart_spec = ChartSpec.grouped(labels, series, value_label="Nilai", value_format="angka:1")
    pre, post = result.pre, result.post
    alt = (
        f"Diagram batang nilai pre-test dan post-test {result.n} peserta. "
        f"Rata-rata pre-test {fmt.angka(pre.mean, 2)} dan post-test {fmt.angka(post.mean, 2)}; "
        f"terendah pre-test {fmt.angka(pre.minimum, 1)} dan post-test {fmt.angka(post.minimum, 1)}; "
        f"tertinggi pre-test {fmt.angka(pre.maximum, 1)} dan post-test {fmt.angka(post.maximum, 1)}."
    )
    return Chart(f"{spec.nama}.nilai", f"{title}: Nilai Pre-test dan Post-test", alt, chart_spec)


def _gain_chart(result: PrePostResult, spec: DataSpec, title: str) -> Chart | None:
    if result.mean_gain is None:
        return None
    labels = [name.capitalize() for name, _ in CATEGORIES]
    counts = [count for _, count in result.counts]
    chart_spec = ChartSpec.bars(labels, counts, value_label="Jumlah peserta", value_format="bulat")
    parts = ", ".join(f"{label.lower()} {count} peserta" for label, count in zip(labels, counts, strict=True))
    alt = f"Diagram batang jumlah peserta per kategori N-gain: {parts}."
    return Chart(f"{spec.nama}.ngain", f"{title}: Jumlah Peserta per Kategori N-gain", alt, chart_spec)
