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
from pydantic import Field, field_validator

from reportgen import fmt
from reportgen.csvdata import ColumnSpec
from reportgen.results import Chart, ChartSpec, Column, Figure, Result, Table
from reportgen.schema import DataSpec, Model, Text

KIND = "ikm"
DEFAULT_TITLE = "Indeks Kepuasan Masyarakat"

ELEMENTS = (
    "Persyaratan",
    "Sistem, Mekanisme, dan Prosedur",
    "Waktu Penyelesaian",
    "Biaya/Tarif",
    "Produk Spesifikasi Jenis Pelayanan",
    "Kompetensi Pelaksana",
    "Perilaku Pelaksana",
    "Penanganan Pengaduan, Saran dan Masukan",
    "Sarana dan Prasarana",
)
SCALE = 25  # a mean answer of 1..4 times 25 is a value of 25..100
NO_ANSWER = "Tidak diisi"
KIRKPATRICK = "level 1 (reaksi)"
WEIGHT_NOTE = "Bobot setiap unsur sama, 1/9 (0,111); IKM = rata-rata NRR sembilan unsur × 25."

# Krejcie and Morgan (1970): chi-square of 1 degree of freedom at 95%, proportion, margin of error.
CHI_SQUARE, PROPORTION, MARGIN = Fraction("3.841"), Fraction(1, 2), Fraction("0.05")

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


class Options(Model):
    """Settings of an IKM data file, under `opsi:`."""

    kolom_unsur: list[str] = Field(
        [f"U{i}" for i in range(1, 10)],
        description="Sembilan nama kolom jawaban, berurutan dari U1 (Persyaratan) sampai U9 (Sarana dan Prasarana).",
    )
    atribut: list[str] = Field(
        ["jenis_kelamin", "pendidikan"],
        description="Kolom karakteristik responden yang dirinci per kategori; kolom yang tidak ada di CSV dilewati.",
    )
    populasi: int | None = Field(
        None,
        ge=1,
        description="Jumlah populasi penerima layanan; bila diisi, jumlah responden dibandingkan dengan sampel "
        "minimum tabel Krejcie dan Morgan.",
    )
    kolom_tanggal: Text = Field(
        "tanggal", description="Kolom tanggal pengisian (boleh tidak ada); periode survei diambil darinya."
    )

    @field_validator("kolom_unsur")
    @classmethod
    def _nine_distinct(cls, names: list[str]) -> list[str]:
        if len(names) != len(ELEMENTS):
            raise ValueError(f"diharapkan tepat 9 nama kolom (U1 sampai U9); ditemukan {len(names)}")
        if len(set(names)) != len(names):
            raise ValueError("nama kolom unsur tidak boleh sama")
        return names


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
class Group:
    """The respondents of one category of an attribute, and their own index."""

    category: str
    respondents: int
    share: float
    index: float | None


@dataclass(frozen=True)
class Breakdown:
    """Respondents by the categories of one attribute column."""

    attribute: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class IkmResult:
    """The index, its grade, the nine elements, the breakdowns by attribute, sample and period."""

    elements: tuple[ElementScore, ...]
    weighted_nrr: float | None
    index: float | None  # rounded half-up to two decimals: the value the regulation grades
    grade: Grade | None
    respondents: int
    breakdowns: tuple[Breakdown, ...]
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
    answers = _answers(frame, options.kolom_unsur)
    nrrs = _nrrs(answers)
    index = _index(nrrs)
    counts = [int(frame[name].notna().sum()) for name in options.kolom_unsur]
    elements = tuple(
        _element(i, name, count, nrr)
        for i, (name, count, nrr) in enumerate(zip(ELEMENTS, counts, nrrs, strict=True), start=1)
    )
    weighted = None if index is None else float(index / SCALE)
    breakdowns = tuple(_breakdown(frame, answers, name) for name in options.atribut if name in frame.columns)
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


def education_rank(category: str) -> int | None:
    """The place of an education level in EDUCATION ('S1', 'D-III', 'SMK' ...), None for other values."""
    key = category.upper().replace(" ", "").replace("-", "").replace(".", "")
    key = _EDUCATION_ALIASES.get(key, key)
    return EDUCATION.index(key) if key in EDUCATION else None


def grade(value: float | Fraction) -> Grade:
    """The grade of an index or converted value, once rounded half-up to two decimals."""
    rounded = Fraction(fmt.round_half_up(value, 2))
    return next(g for lowest, g in GRADES if rounded >= lowest)


def present(result: IkmResult, spec: DataSpec, options: Options) -> Result:
    """Figures, the element table, a table per attribute and the element chart."""
    title = spec.judul or DEFAULT_TITLE
    figures = {
        "nilai": Figure(result.index, "angka:2"),
        "mutu": result.grade.letter if result.grade else fmt.angka(None),
        "kinerja": result.grade.label if result.grade else fmt.angka(None),
        "responden": Figure(result.respondents, "bulat"),
        "nrr_tertimbang": Figure(result.weighted_nrr, "angka:3"),
        "populasi": Figure(result.population, "bulat"),
        "sampel_minimum": Figure(result.minimum_sample, "bulat"),
        "kecukupan_sampel": sample_note(result),
        "periode": period_text(result.period),
        "level_kirkpatrick": KIRKPATRICK,
    }
    breakdowns = (_breakdown_table(b, result, spec, title) for b in result.breakdowns)
    tables = (_element_table(result, spec, title), *breakdowns, _interpretation_table(spec, title))
    chart = () if result.index is None else (_element_chart(result, spec, title),)
    return Result(figures, tables, chart)


def sample_note(result: IkmResult) -> str:
    """Whether the respondents are enough for the population, in a sentence."""
    n = fmt.angka(result.respondents, 0)
    if result.population is None:
        return "Kecukupan jumlah responden tidak diperiksa karena jumlah populasi tidak disebutkan."
    table = f"sampel minimum {fmt.angka(result.minimum_sample, 0)} untuk populasi {fmt.angka(result.population, 0)}"
    if result.respondents >= result.minimum_sample:
        return f"Jumlah responden ({n}) memenuhi {table} (tabel Krejcie dan Morgan)."
    return f"Jumlah responden ({n}) kurang dari {table} (tabel Krejcie dan Morgan); IKM ini belum mewakili populasi."


def period_text(period: tuple[dt.date, dt.date] | None) -> str:
    """'3 Maret 2026 s.d. 28 April 2026', one date when they are equal, a dash when unknown."""
    if period is None:
        return fmt.angka(None)
    first, last = period
    return fmt.tanggal(first) if first == last else f"{fmt.tanggal(first)} s.d. {fmt.tanggal(last)}"


# --- computation --------------------------------------------------------------------------


def _answers(frame: pd.DataFrame, names: list[str]) -> np.ndarray:
    """The answer columns as one array of floats (NaN for a blank): whole numbers 1-4, summed exactly."""
    return frame[names].to_numpy(dtype="float64", na_value=np.nan)


def _nrrs(answers: np.ndarray) -> list[Fraction | None]:
    """The exact mean answer of each element column; None when nobody answered."""
    counts = (~np.isnan(answers)).sum(axis=0)
    sums = np.nansum(answers, axis=0)
    return [Fraction(int(total), int(count)) if count else None for total, count in zip(sums, counts, strict=True)]


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


def _category_order(category: str) -> tuple[int, int, str]:
    """Education levels lowest first, then other values alphabetically, then the blank ones."""
    rank = education_rank(category)
    if rank is not None:
        return (0, rank, category)
    return (2 if category == NO_ANSWER else 1, 0, category)


def _breakdown(frame: pd.DataFrame, answers: np.ndarray, attribute: str) -> Breakdown:
    """The respondents of each category of `attribute`, in `_category_order`."""
    labels = frame[attribute].fillna("").astype(str).str.strip().replace("", NO_ANSWER).to_numpy()
    groups = []
    for category in sorted(set(labels), key=_category_order):
        part = answers[labels == category]
        index = _round2(_index(_nrrs(part)))
        groups.append(Group(category, len(part), len(part) / len(frame), _float(index)))
    return Breakdown(attribute, tuple(groups))


# --- presentation -------------------------------------------------------------------------


def _element_table(result: IkmResult, spec: DataSpec, title: str) -> Table:
    answers = (Column("jawaban", "Jumlah Jawaban", "bulat"),) if result.blanks else ()
    columns = (
        Column("no", "No", "bulat"),
        Column("unsur", "Unsur Pelayanan"),
        *answers,
        Column("nrr", "NRR", "angka:2"),
        Column("konversi", "Nilai Konversi", "angka:2"),
        Column("mutu", "Mutu"),
    )
    rows = tuple(
        {
            "no": i,
            "unsur": e.name,
            "jawaban": e.answers,
            "nrr": e.nrr,
            "konversi": e.value,
            "mutu": _grade_text(e.grade),
        }
        for i, e in enumerate(result.elements, start=1)
    )
    total = {
        "no": "",
        "unsur": "Indeks Kepuasan Masyarakat (IKM)",
        "jawaban": "",
        "nrr": result.weighted_nrr,
        "konversi": result.index,
        "mutu": _grade_text(result.grade),
    }
    caption = f"{title}: Nilai per Unsur Pelayanan"
    return Table(f"{spec.nama}.unsur", caption, columns, rows, spec.sumber or "", total, _element_notes(result))


def _element_notes(result: IkmResult) -> tuple[str, ...]:
    blanks = (
        f"Jumlah responden {fmt.angka(result.respondents, 0)}; NRR setiap unsur dihitung dari responden yang "
        "menjawab unsur itu.",
    )
    period = () if result.period is None else (f"Periode survei: {period_text(result.period)}.",)
    return (
        WEIGHT_NOTE,
        *(blanks if result.blanks else ()),
        sample_note(result),
        *period,
        f"Tingkat evaluasi Kirkpatrick: {KIRKPATRICK}.",
    )


def _interpretation_table(spec: DataSpec, title: str) -> Table:
    """The regulation's table of index intervals, grades and performance labels, best last."""
    columns = (
        Column("persepsi", "Nilai Persepsi"),
        Column("ni", "Nilai Interval (NI)"),
        Column("nik", "Nilai Interval Konversi (NIK)"),
        Column("mutu", "Mutu Pelayanan"),
        Column("kinerja", "Kinerja Unit Pelayanan"),
    )
    lows = [lowest for lowest, _ in reversed(GRADES)]
    highs = [low - Fraction(1, 100) for low in lows[1:]] + [Fraction(SCALE * 4)]
    lows[0] = Fraction(SCALE)
    rows = tuple(
        {
            "persepsi": str(i),
            "ni": f"{_interval_number(low / SCALE)} – {_interval_number(high / SCALE)}",
            "nik": f"{fmt.angka(low, 2)} – {fmt.angka(high, 2)}",
            "mutu": g.letter,
            "kinerja": g.label,
        }
        for i, (low, high, (_, g)) in enumerate(zip(lows, highs, reversed(GRADES), strict=True), start=1)
    )
    caption = f"{title}: Nilai Persepsi, Interval IKM, Interval Konversi IKM, Mutu dan Kinerja Unit Pelayanan"
    source = "Peraturan Menteri PANRB Nomor 14 Tahun 2017"
    return Table(f"{spec.nama}.interpretasi", caption, columns, rows, source)


def _interval_number(value: Fraction) -> str:
    """An interval bound as the regulation writes it: two decimals at least, four at most, exact ('3,0644')."""
    digits = next(d for d in range(2, 5) if value * 10**d == int(value * 10**d))
    return fmt.angka(value, digits)


def _breakdown_table(breakdown: Breakdown, result: IkmResult, spec: DataSpec, title: str) -> Table:
    label = breakdown.attribute.replace("_", " ").strip()
    columns = (
        Column("kategori", label.title()),
        Column("jumlah", "Jumlah Responden", "bulat"),
        Column("porsi", "Persentase", "persen"),
        Column("ikm", "IKM", "angka:2"),
    )
    rows = tuple(
        {"kategori": g.category, "jumlah": g.respondents, "porsi": g.share, "ikm": g.index} for g in breakdown.groups
    )
    total = {"kategori": "Jumlah", "jumlah": result.respondents, "porsi": 1.0, "ikm": result.index}
    caption = f"{title}: Responden dan IKM menurut {label.lower()}"
    return Table(f"{spec.nama}.{breakdown.attribute}", caption, columns, rows, spec.sumber or "", total)


def _element_chart(result: IkmResult, spec: DataSpec, title: str) -> Chart:
    labels = [f"{e.code} {e.name}" for e in result.elements]
    values = [e.value for e in result.elements]
    index = fmt.angka(result.index, 2)
    chart_spec = ChartSpec.bars(
        labels,
        values,
        value_label="Nilai konversi",
        value_format="angka:2",
        reference=result.index,
        reference_label=f"IKM {index}",
    )
    extremes = _extremes(result.elements)
    alt = f"Diagram batang nilai konversi sembilan unsur pelayanan. {extremes} Garis acuan menunjukkan IKM {index}."
    return Chart(
        f"{spec.nama}.unsur", f"{title}: Nilai Konversi per Unsur Pelayanan", alt, chart_spec, spec.sumber or ""
    )


def _extremes(elements: tuple[ElementScore, ...]) -> str:
    """The highest and lowest element, in words."""
    high, low = max(elements, key=lambda e: e.value), min(elements, key=lambda e: e.value)
    if high.value == low.value:
        return f"Semua unsur bernilai {fmt.angka(high.value, 2)}."
    return (
        f"Tertinggi {high.code} {high.name} ({fmt.angka(high.value, 2)}), "
        f"terendah {low.code} {low.name} ({fmt.angka(low.value, 2)})."
    )


def _grade_text(value: Grade | None) -> str:
    return fmt.angka(None) if value is None else f"{value.letter} ({value.label})"
