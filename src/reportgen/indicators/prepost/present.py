"""Turn a pre/post test result into its figures, the summary, test and category tables, and two charts."""

from __future__ import annotations

from reportgen import fmt
from reportgen.indicators.prepost import INDICATOR, Options
from reportgen.indicators.prepost.compute import (
    ALPHA,
    CATEGORIES,
    P_FLOOR,
    PrePostResult,
    Summary,
)
from reportgen.results import Chart, ChartSpec, Column, Figure, Result, Table
from reportgen.schema import DataSpec

KIRKPATRICK = "level 2 (pembelajaran)"


GAIN_BASES = {
    "rata_individu": "rata-rata N-gain individu peserta",
    "rata_kelas": "N-gain dari rata-rata nilai pre-test dan post-test",
}


def present(result: PrePostResult, spec: DataSpec, options: Options) -> Result:
    """Figures, the summary, test and category tables, and the two charts."""
    title = spec.judul or INDICATOR.title
    notes = " ".join(t.note for t in (result.t_test, result.wilcoxon) if t.note)
    dash = fmt.angka(None)
    figures = {
        "n": Figure(result.n, "bulat"),
        "rata_pre": Figure(result.pre.mean, "angka:2"),
        "rata_post": Figure(result.post.mean, "angka:2"),
        "selisih": Figure(result.difference.mean, "angka:2"),
        "naik": Figure(result.improved, "bulat"),
        "persen_naik": Figure(result.share_improved, "persen"),
        "ngain": Figure(result.mean_gain, "angka:2"),
        "kategori_ngain": result.category or dash,
        "jenis_ngain": GAIN_BASES[result.basis],
        "ngain_individu": Figure(result.individual_gain.mean, "angka:2"),
        "ngain_kelas": Figure(result.class_gain, "angka:2"),
        "tanpa_ngain": Figure(result.undefined_gains, "bulat"),
        "t": Figure(result.t_test.statistic, "angka:3"),
        "db_t": Figure(result.t_test.df, "bulat"),
        "p_t": p_value(result.t_test.p),
        "kesimpulan_t": result.t_test.verdict or dash,
        "w": Figure(result.wilcoxon.statistic, "angka"),
        "p_wilcoxon": p_value(result.wilcoxon.p),
        "kesimpulan_wilcoxon": result.wilcoxon.verdict or dash,
        "dz": Figure(result.effect, "angka:2"),
        "efek_dz": result.effect_label or dash,
        "level_kirkpatrick": KIRKPATRICK,
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


def _summary_table(result: PrePostResult, spec: DataSpec, title: str) -> Table:
    columns = (
        Column("tahap", "Tahap"),
        Column("rata", "Rata-rata", "angka:2"),
        Column("sd", "Simpangan Baku", "angka:2"),
        Column("min", "Terendah", "angka:2"),
        Column("maks", "Tertinggi", "angka:2"),
    )
    stages = (
        ("Pre-test", result.pre),
        ("Post-test", result.post),
        ("Selisih (post − pre)", result.difference),
        ("N-gain individu", result.individual_gain),
        ("N-gain kelas", Summary(result.class_gain, None, None, None)),
    )
    rows = tuple(
        {"tahap": label, "rata": s.mean, "sd": s.sd, "min": s.minimum, "maks": s.maximum} for label, s in stages
    )
    notes = (
        "N-gain individu: rata-rata (post − pre) / (maks − pre) tiap peserta; N-gain kelas: "
        "(rata-rata post − rata-rata pre) / (maks − rata-rata pre). "
        f"N-gain yang dikategorikan: {GAIN_BASES[result.basis]}.",
        f"Tingkat evaluasi Kirkpatrick: {KIRKPATRICK}.",
    )
    caption = f"{title}: Ringkasan Nilai ({result.n} peserta)"
    return Table(f"{spec.nama}.ringkasan", caption, columns, rows, spec.sumber or "", notes=notes)


def _test_table(result: PrePostResult, spec: DataSpec, title: str) -> Table:
    columns = (
        Column("uji", "Uji"),
        Column("n", "n", "bulat"),
        Column("db", "Derajat Bebas", "bulat"),
        Column("statistik", "Statistik", "angka:3"),
        Column("p", "Nilai p", "angka:3"),
        Column("kesimpulan", f"Kesimpulan (α = {fmt.angka(ALPHA, 2)})"),
        Column("keterangan", "Keterangan"),
    )
    rows = tuple(
        {
            "uji": f"{t.name} ({symbol})",
            "n": t.n,
            "db": t.df,
            "statistik": t.statistic if symbol == "t" else fmt.angka(t.statistic),  # W is a rank sum: as is
            "p": p_value(t.p),
            "kesimpulan": t.verdict or "",
            "keterangan": t.note,
        }
        for t, symbol in ((result.t_test, "t"), (result.wilcoxon, "W"))
    )
    effect = {
        "uji": "Ukuran efek Cohen (d_z)",
        "n": result.n,
        "db": None,
        "statistik": fmt.angka(result.effect, 2),
        "p": None,
        "kesimpulan": f"efek {result.effect_label}" if result.effect_label else "",
        "keterangan": "" if result.effect is not None else "Tidak dihitung: selisih nilai tidak bervariasi.",
    }
    notes = (
        "d_z = rata-rata selisih / simpangan baku selisih; |d_z| < 0,2 sangat kecil, 0,2 sampai < 0,5 kecil, "
        "0,5 sampai < 0,8 sedang, ≥ 0,8 besar (Cohen).",
        f"Tingkat evaluasi Kirkpatrick: {KIRKPATRICK}.",
    )
    caption = f"{title}: Uji Beda Berpasangan"
    return Table(f"{spec.nama}.uji", caption, columns, (*rows, effect), spec.sumber or "", notes=notes)


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
    return Chart(f"{spec.nama}.nilai", f"{title}: Nilai Pre-test dan Post-test", alt, chart_spec, spec.sumber or "")


def _gain_chart(result: PrePostResult, spec: DataSpec, title: str) -> Chart | None:
    if result.individual_gain.mean is None:
        return None
    labels = [name.capitalize() for name, _ in CATEGORIES]
    counts = [count for _, count in result.counts]
    chart_spec = ChartSpec.bars(labels, counts, value_label="Jumlah peserta", value_format="bulat")
    parts = ", ".join(f"{label.lower()} {count} peserta" for label, count in zip(labels, counts, strict=True))
    alt = f"Diagram batang jumlah peserta per kategori N-gain: {parts}."
    return Chart(
        f"{spec.nama}.ngain", f"{title}: Jumlah Peserta per Kategori N-gain", alt, chart_spec, spec.sumber or ""
    )
