import math
import xml.etree.ElementTree as ET
from fractions import Fraction

import pandas as pd
import pytest

from reportgen import charts
from reportgen.indicators import prepost
from reportgen.indicators.prepost import compute as prepost_compute
from reportgen.indicators.prepost import present as prepost_present
from reportgen.results import Figure
from reportgen.schema import DataSpec

OPTIONS = prepost.Options()


def scores(pre: list[float], post: list[float]) -> pd.DataFrame:
    nips = [f"1980010120050110{i:02d}" for i in range(len(pre))]
    return pd.DataFrame({"nip": nips, "pre": pre, "post": post}, dtype=object).astype({"pre": float, "post": float})


# Six participants, maximum 100:
#   pre  post  d   g
#   40   70   30  30/60 = 0.50  sedang
#   60   92   32  32/40 = 0.80  tinggi
#   80   80    0   0/20 = 0.00  rendah
#   50   65   15  15/50 = 0.30  rendah (edge: g <= 0.3)
#  100  100    0  undefined (pre = maximum)
#    0   70   70  70/100 = 0.70 sedang (edge: g <= 0.7)
CLASS = scores([40, 60, 80, 50, 100, 0], [70, 92, 80, 65, 100, 70])


def spec(**extra) -> DataSpec:
    return DataSpec(nama="tes", jenis="prepost", berkas="tes.csv", **extra)


def test_means_and_improvement():
    result = prepost_compute.compute(CLASS, OPTIONS)
    assert result.n == 6
    assert result.pre.mean == 55.0  # 330 / 6
    assert result.post.mean == 79.5  # 477 / 6
    assert result.difference.mean == 24.5  # 147 / 6
    assert (result.pre.minimum, result.pre.maximum) == (0.0, 100.0)
    assert result.improved == 4  # rows 1, 2, 4, 6
    assert result.share_improved == pytest.approx(4 / 6)


def test_gains_and_categories():
    result = prepost_compute.compute(CLASS, OPTIONS)
    assert result.gains == (Fraction(1, 2), Fraction(4, 5), 0, Fraction(3, 10), None, Fraction(7, 10))
    assert result.undefined_gains == 1
    # (0.5 + 0.8 + 0 + 0.3 + 0.7) / 5 = 2.3 / 5 = 0.46 -> sedang
    assert result.mean_gain == 0.46
    assert result.category == "sedang"
    assert result.counts == (("tinggi", 1), ("sedang", 2), ("rendah", 2))
    # gain of the means: (79.5 - 55) / (100 - 55) = 24.5 / 45 = 0.5444...
    assert result.class_gain == pytest.approx(24.5 / 45)


def test_gain_of_the_means_when_asked():
    result = prepost_compute.compute(CLASS, prepost.Options(jenis_ngain="rata_kelas"))
    assert result.mean_gain == pytest.approx(24.5 / 45)
    assert result.category == "sedang"
    figures = prepost_present.present(result, spec(), prepost.Options(jenis_ngain="rata_kelas")).figures
    assert (str(figures["ngain"]), str(figures["ngain_individu"]), str(figures["ngain_kelas"])) == (
        "0,54",
        "0,46",
        "0,54",
    )
    assert figures["jenis_ngain"] == "N-gain dari rata-rata nilai pre-test dan post-test"


def test_categories_use_the_unrounded_gain():
    # the edge: pre 0, maximum 100, so g = post / 100 = 0.70, 0.30, 0.704, 0.296
    # g > 0.7 tinggi: 0.704; 0.3 < g <= 0.7 sedang: 0.70; g <= 0.3 rendah: 0.30 and 0.296
    result = prepost_compute.compute(scores([0, 0, 0, 0], [70, 30, 70.4, 29.6]), OPTIONS)
    assert result.counts == (("tinggi", 1), ("sedang", 1), ("rendah", 2))
    # one participant at g = 0.704 is tinggi though 0.704 prints as 0,70
    alone = prepost_compute.compute(scores([0], [70.4]), OPTIONS)
    assert (alone.category, str(Figure(alone.mean_gain, "angka:2"))) == ("tinggi", "0,70")


def test_paired_tests():
    result = prepost_compute.compute(CLASS, OPTIONS)
    # d = 30, 32, 0, 15, 0, 70: sum 147, mean 24.5; sum of squares 7049; SS = 7049 - 147^2/6 = 3447.5
    # variance = 3447.5 / 5 = 689.5; t = 24.5 / sqrt(689.5 / 6) = 24.5 / 10.7199 = 2.2855, df 5
    t = result.t_test
    assert (t.n, t.note) == (6, "")
    assert t.statistic == pytest.approx(2.2855, abs=1e-4)
    assert t.p == pytest.approx(0.0711, abs=1e-4)  # two-sided, t table df 5: between 0.05 (2.571) and 0.10 (2.015)
    # Wilcoxon drops the two zero differences: 15, 30, 32, 70 all positive, W- = 0;
    # exact two-sided p = 2 x (1 / 2^4) = 0.125
    w = result.wilcoxon
    assert (w.n, w.statistic, w.p) == (4, 0.0, 0.125)
    assert w.note == "2 peserta dengan selisih nol tidak diikutkan dalam uji Wilcoxon."


@pytest.mark.parametrize(
    ("g", "name"),
    [
        (0.71, "tinggi"),
        (0.705, "tinggi"),
        (0.704, "tinggi"),  # shown as 0,70, but above 0.7
        (0.7, "sedang"),
        (Fraction(7, 10), "sedang"),
        (Fraction(699, 1000), "sedang"),
        (0.31, "sedang"),
        (0.3004, "sedang"),  # shown as 0,30, but above 0.3
        (0.3, "rendah"),
        (0.296, "rendah"),  # shown as 0,30
        (0.0, "rendah"),
        (-0.5, "rendah"),
    ],
)
def test_category(g, name):
    assert prepost_compute.category(g) == name


def test_gain():
    assert prepost_compute.gain(40, 70, 100) == Fraction(1, 2)
    assert prepost_compute.gain(0, 70.4, 100) == Fraction(704, 1000)  # exact, from the decimals
    assert prepost_compute.gain(80, 60, 100) == -1.0  # (60 - 80) / 20
    assert prepost_compute.gain(10, 10, 10) is None  # pre already the maximum
    assert prepost_compute.category(prepost_compute.gain(50.5, 65.35, 100)) == "rendah"  # 14.85 / 49.5 = 0.3


def test_own_maximum_and_columns():
    options = prepost.Options(nilai_maks=10, kolom_pre="awal", kolom_post="akhir")
    frame = scores([4, 6], [7, 8]).rename(columns={"pre": "awal", "post": "akhir"})
    result = prepost_compute.compute(frame, options)
    assert result.gains == (Fraction(1, 2), Fraction(1, 2))  # 3 / 6, 2 / 4
    specs = prepost_compute.columns(options)
    assert [(c.name, c.kind, c.required, c.minimum, c.maximum) for c in specs] == [
        ("nip", "teks", True, None, None),
        ("nama", "teks", False, None, None),
        ("awal", "angka", True, 0, 10),
        ("akhir", "angka", True, 0, 10),
    ]


def test_one_participant():
    result = prepost_compute.compute(scores([50], [75]), OPTIONS)
    assert result.mean_gain == 0.5  # 25 / 50
    assert result.pre.sd is None
    for test in (result.t_test, result.wilcoxon):
        assert (test.n, test.p, test.statistic) == (1, None, None)
        assert "diperlukan paling sedikit 2 peserta, ada 1" in test.note


def test_all_scores_equal():
    result = prepost_compute.compute(scores([60, 60, 60], [60, 60, 60]), OPTIONS)
    assert (result.improved, result.difference.mean, result.mean_gain, result.category) == (0, 0.0, 0.0, "rendah")
    assert result.t_test.p is None
    assert result.wilcoxon.p is None
    assert result.t_test.note == (
        "Uji t berpasangan tidak dapat dihitung: nilai pre-test dan post-test semua peserta sama."
    )


def test_same_difference_for_everyone():
    # decimals whose binary difference is not exactly 2.2 for both rows, and a third row
    result = prepost_compute.compute(scores([70.1, 60.1, 50.0], [72.3, 62.3, 52.2]), OPTIONS)
    assert result.t_test.p is None
    assert "simpangan bakunya nol" in result.t_test.note
    # all three differences positive and tied: W- = 0, exact p = 2 x 1/8 = 0.25
    assert (result.wilcoxon.n, result.wilcoxon.p) == (3, 0.25)


def test_everyone_at_maximum_before():
    result = prepost_compute.compute(scores([100, 100], [100, 90]), OPTIONS)
    assert result.gains == (None, None)
    assert (result.mean_gain, result.category, result.undefined_gains) == (None, None, 2)
    presented = prepost_present.present(result, spec(), OPTIONS)
    assert presented.figures["kategori_ngain"] == "–"
    assert [c.name for c in presented.charts] == ["tes.nilai"]  # no gain chart without gains


def test_no_participants():
    result = prepost_compute.compute(scores([], []), OPTIONS)
    assert (result.n, result.pre.mean, result.share_improved, result.mean_gain) == (0, None, None, None)
    presented = prepost_present.present(result, spec(), OPTIONS)
    assert presented.charts == ()
    assert str(presented.figures["persen_naik"]) == "–"


def test_p_value():
    assert prepost_present.p_value(0.0004) == "< 0,001"
    assert prepost_present.p_value(0.125) == Figure(0.125, "angka:3")
    assert str(prepost_present.p_value(0.001)) == "0,001"
    assert str(prepost_present.p_value(None)) == "–"


def test_present():
    result = prepost_compute.compute(CLASS, OPTIONS)
    presented = prepost_present.present(result, spec(judul="Pelatihan Dasar", sumber="Panitia"), OPTIONS)
    figures = {name: str(value) for name, value in presented.figures.items()}
    assert figures == {
        "n": "6",
        "rata_pre": "55,00",
        "rata_post": "79,50",
        "selisih": "24,50",
        "naik": "4",
        "persen_naik": "66,7%",
        "ngain": "0,46",
        "kategori_ngain": "sedang",
        "jenis_ngain": "rata-rata N-gain individu peserta",
        "ngain_individu": "0,46",
        "ngain_kelas": "0,54",
        "tanpa_ngain": "1",
        "t": "2,285",
        "db_t": "5",
        "p_t": "0,071",
        "kesimpulan_t": "tidak berbeda signifikan",
        "w": "0",
        "p_wilcoxon": "0,125",
        "kesimpulan_wilcoxon": "tidak berbeda signifikan",
        "dz": "0,93",
        "efek_dz": "besar",
        "level_kirkpatrick": "level 2 (pembelajaran)",
        "catatan_uji": "2 peserta dengan selisih nol tidak diikutkan dalam uji Wilcoxon.",
    }
    summary, tests, categories = presented.tables
    assert [t.name for t in presented.tables] == ["tes.ringkasan", "tes.uji", "tes.kategori"]
    assert summary.caption == "Pelatihan Dasar: Ringkasan Nilai (6 peserta)"
    assert summary.source == "Panitia"
    assert summary.rows[2]["rata"] == 24.5
    assert tests.rows[1]["p"] == Figure(0.125, "angka:3")
    assert [(r["uji"], r["db"], r["kesimpulan"]) for r in tests.rows] == [
        ("Uji t berpasangan (t)", 5, "tidak berbeda signifikan"),
        ("Uji peringkat bertanda Wilcoxon (W)", None, "tidak berbeda signifikan"),
        ("Ukuran efek Cohen (d_z)", None, "efek besar"),
    ]
    assert tests.rows[2]["statistik"] == "0,93"
    assert [c.label for c in tests.columns][2:6] == ["Derajat Bebas", "Statistik", "Nilai p", "Kesimpulan (α = 0,05)"]
    assert [r["tahap"] for r in summary.rows] == [
        "Pre-test",
        "Post-test",
        "Selisih (post − pre)",
        "N-gain individu",
        "N-gain kelas",
    ]
    assert summary.rows[3]["rata"] == 0.46 and summary.rows[3]["min"] == 0.0 and summary.rows[3]["maks"] == 0.8
    assert summary.notes[-1] == "Tingkat evaluasi Kirkpatrick: level 2 (pembelajaran)."
    assert "N-gain yang dikategorikan: rata-rata N-gain individu peserta." in summary.notes[0]
    assert [r["jumlah"] for r in categories.rows] == [1, 2, 2, 1]
    assert categories.rows[3]["kategori"] == "Tidak dihitung"
    assert categories.total["porsi"] == 1.0
    assert [c.name for c in presented.charts] == ["tes.nilai", "tes.ngain"]
    assert presented.charts[1].spec.series == (("", (1.0, 2.0, 2.0)),)  # rendah, sedang, tinggi
    assert "sedang 2 peserta" in presented.charts[1].alt
    assert [c.source for c in presented.charts] == ["Panitia", "Panitia"]  # written under each chart


def test_ngain_chart_counts_participants_in_whole_ticks():
    """Issue 11: 4 low, 13 medium and 8 high gains read 2,5 / 7,5 / 12,5 on the axis; the SVG now reads 0, 5, 10, 15."""
    result = prepost_compute.compute(scores([50] * 25, [55] * 4 + [75] * 13 + [90] * 8), OPTIONS)
    chart = prepost_present.present(result, spec(), OPTIONS).charts[1]
    assert chart.spec.series == (("", (8.0, 13.0, 4.0)),)  # tinggi, sedang, rendah
    svg = ET.fromstring(charts.draw(chart.spec))
    ticks = [e.text for e in svg.iter() if e.get("class") == "rg-t"]
    assert ticks == ["0", "5", "10", "15"]


def test_sample_sd():
    result = prepost_compute.compute(scores([40, 60], [50, 80]), OPTIONS)
    assert result.pre.sd == pytest.approx(math.sqrt(200))  # deviations -10, +10: (100 + 100) / (2 - 1)


def test_means_are_exact_and_round_half_up():
    # 15 participants: pre 14 x 50 + 50.075 = 750.075, mean 50.005 exactly;
    # post 14 x 50.6 + 51.05 = 759.45, mean 50.63; difference 0.625 exactly
    result = prepost_compute.compute(scores([50] * 14 + [50.075], [50.6] * 14 + [51.05]), OPTIONS)
    figures = prepost_present.present(result, spec(), OPTIONS).figures
    assert (str(figures["rata_pre"]), str(figures["rata_post"]), str(figures["selisih"])) == ("50,01", "50,63", "0,63")


def test_negative_difference_has_a_true_minus_sign():
    result = prepost_compute.compute(scores([60, 70], [56, 66]), OPTIONS)
    presented = prepost_present.present(result, spec(), OPTIONS)
    assert str(presented.figures["selisih"]) == "\u22124,00"
    assert presented.tables[0].rows[2]["rata"] == -4.0


def test_significant_difference_with_degrees_of_freedom_and_effect_size():
    # d = 10, 12, 14, 16, 18: mean 14, variance (16 + 4 + 0 + 4 + 16) / 4 = 10, sd 3.1623
    # t = 14 / (3.1623 / sqrt 5) = 9.8995, df 4, two-sided p = 0.00059 (t table df 4: 8.610 at 0.001)
    result = prepost_compute.compute(scores([50] * 5, [60, 62, 64, 66, 68]), OPTIONS)
    t = result.t_test
    assert (t.df, t.verdict) == (4, "berbeda signifikan")
    assert t.statistic == pytest.approx(9.8995, abs=1e-4)
    assert t.p == pytest.approx(0.00059, abs=1e-5)
    assert result.effect == pytest.approx(14 / math.sqrt(10))  # d_z = 4.43
    assert result.effect_label == "besar"
    assert prepost_present.present(result, spec(), OPTIONS).figures["p_t"] == "< 0,001"


@pytest.mark.parametrize(
    ("d", "label"),
    [(0.194, "sangat kecil"), (0.195, "kecil"), (-0.5, "sedang"), (0.795, "besar"), (0.7949, "sedang")],
)
def test_effect_label_judges_the_printed_value(d, label):
    assert prepost_compute.effect_label(d) == label


def test_one_changed_score_gives_no_test():
    # d = 0, 0, 5: one non-zero difference; Wilcoxon would print p = 1,000 on a single pair
    result = prepost_compute.compute(scores([50, 60, 70], [50, 60, 75]), OPTIONS)
    for test in (result.t_test, result.wilcoxon):
        assert (test.p, test.statistic, test.df, test.verdict) == (None, None, None, None)
        reason = "diperlukan paling sedikit 2 peserta yang nilainya berubah, ada 1."
        assert test.note == f"{test.name} tidak dapat dihitung: {reason}"
    assert result.effect is None
