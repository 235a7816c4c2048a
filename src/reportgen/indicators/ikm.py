"""Turn answers to the nine-element service survey into the community satisfaction index (IKM).

The method is PermenPANRB 14/2017: the mean score (NRR) of each element, their equally weighted
mean, times 25. Arithmetic is exact (fractions) so that the two-decimal rounding the regulation
grades is never tipped across a band edge by binary floating point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd
from pydantic import Field, field_validator

from reportgen import fmt
from reportgen.csvdata import ColumnSpec
from reportgen.results import Chart, ChartSpec, Column, Figure, Result, Table
from reportgen.schema import DataSpec, Model

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
    """One service element: its mean answer, converted value (two decimals) and grade."""

    code: str
    name: str
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
    """The index, its grade, the nine elements and the breakdowns by attribute."""

    elements: tuple[ElementScore, ...]
    weighted_nrr: float | None
    index: float | None  # rounded half-up to two decimals: the value the regulation grades
    grade: Grade | None
    respondents: int
    breakdowns: tuple[Breakdown, ...]


def columns(options: Options) -> list[ColumnSpec]:
    """Nine answer columns of integers 1-4, and the optional attribute columns."""
    answers = [ColumnSpec(name, "bulat", minimum=1, maximum=4) for name in options.kolom_unsur]
    return answers + [ColumnSpec(name, "teks", required=False) for name in options.atribut]


def compute(frame: pd.DataFrame, options: Options) -> IkmResult:
    """The IKM of the answers in `frame`, one respondent per row."""
    nrrs = _nrrs(frame, options.kolom_unsur)
    index = _index(nrrs)
    elements = tuple(_element(i, name, nrr) for i, (name, nrr) in enumerate(zip(ELEMENTS, nrrs, strict=True), start=1))
    weighted = None if index is None else float(index / SCALE)
    breakdowns = tuple(_breakdown(frame, name, options) for name in options.atribut if name in frame.columns)
    return IkmResult(elements, weighted, _float(_round2(index)), _grade_or_none(index), len(frame), breakdowns)


def grade(value: float | Fraction) -> Grade:
    """The grade of an index or converted value, once rounded half-up to two decimals."""
    exact = value if isinstance(value, Fraction) else Fraction(str(float(value)))
    rounded = _round2(exact)
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
    }
    breakdowns = (_breakdown_table(b, result, spec, title) for b in result.breakdowns)
    tables = (_element_table(result, spec, title), *breakdowns)
    chart = () if result.index is None else (_element_chart(result, spec, title),)
    return Result(figures, tables, chart)


# --- computation --------------------------------------------------------------------------


def _nrrs(frame: pd.DataFrame, names: list[str]) -> list[Fraction | None]:
    """The exact mean answer of each element column; None when nobody answered."""
    out = []
    for name in names:
        answers = frame[name].dropna()
        out.append(Fraction(int(answers.sum()), len(answers)) if len(answers) else None)
    return out


def _index(nrrs: list[Fraction | None]) -> Fraction | None:
    """The exact index: the mean of the nine NRR (weight 1/9 each) times 25."""
    if any(nrr is None for nrr in nrrs):
        return None
    return sum(nrrs, Fraction(0)) / len(nrrs) * SCALE


def _element(number: int, name: str, nrr: Fraction | None) -> ElementScore:
    """Element `number`: its NRR, converted value NRR x 25 (two decimals) and grade."""
    if nrr is None:
        return ElementScore(f"U{number}", name, None, None, None)
    return ElementScore(f"U{number}", name, float(nrr), float(_round2(nrr * SCALE)), grade(nrr * SCALE))


def _round2(value: Fraction | None) -> Fraction | None:
    """`value` rounded half-up to two decimals, exactly."""
    return None if value is None else Fraction(math.floor(value * 100 + Fraction(1, 2)), 100)


def _grade_or_none(value: Fraction | None) -> Grade | None:
    return None if value is None else grade(value)


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _breakdown(frame: pd.DataFrame, attribute: str, options: Options) -> Breakdown:
    """The respondents of each category of `attribute`, sorted by category."""
    labels = frame[attribute].fillna("").astype(str).str.strip().replace("", NO_ANSWER)
    groups = []
    for category in sorted(labels.unique()):
        part = frame[labels == category]
        index = _round2(_index(_nrrs(part, options.kolom_unsur)))
        groups.append(Group(category, len(part), len(part) / len(frame), _float(index)))
    return Breakdown(attribute, tuple(groups))


# --- presentation -------------------------------------------------------------------------


def _element_table(result: IkmResult, spec: DataSpec, title: str) -> Table:
    columns = (
        Column("no", "No", "bulat"),
        Column("unsur", "Unsur Pelayanan"),
        Column("nrr", "NRR", "angka:2"),
        Column("konversi", "Nilai Konversi", "angka:2"),
        Column("mutu", "Mutu"),
    )
    rows = tuple(
        {"no": i, "unsur": e.name, "nrr": e.nrr, "konversi": e.value, "mutu": _grade_text(e.grade)}
        for i, e in enumerate(result.elements, start=1)
    )
    total = {
        "no": "",
        "unsur": "Indeks Kepuasan Masyarakat (IKM)",
        "nrr": result.weighted_nrr,
        "konversi": result.index,
        "mutu": _grade_text(result.grade),
    }
    caption = f"{title}: Nilai per Unsur Pelayanan"
    return Table(f"{spec.nama}.unsur", caption, columns, rows, spec.sumber or "", total)


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
    return Chart(f"{spec.nama}.unsur", f"{title}: Nilai Konversi per Unsur Pelayanan", alt, chart_spec)


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
