"""Turn an IKM result into its figures, the element, breakdown and interpretation tables, and the element chart."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from reportgen import fmt
from reportgen.indicators.ikm import INDICATOR, Options
from reportgen.indicators.ikm.compute import GRADES, SCALE, ElementScore, Grade, IkmResult
from reportgen.indicators.survey import Breakdown
from reportgen.results import Chart, ChartSpec, Column, Figure, Result, Table
from reportgen.schema import DataSpec

KIRKPATRICK = "level 1 (reaksi)"


WEIGHT_NOTE = "Bobot setiap unsur sama, 1/9 (0,111); IKM = rata-rata NRR sembilan unsur × 25."


def present(result: IkmResult, spec: DataSpec, options: Options) -> Result:
    """Figures, the element table, a table per attribute and the element chart."""
    title = spec.judul or INDICATOR.title
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
        {"kategori": g.category, "jumlah": g.respondents, "porsi": g.share, "ikm": g.score} for g in breakdown.groups
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
