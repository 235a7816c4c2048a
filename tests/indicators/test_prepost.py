import math

import pandas as pd
import pytest

from reportgen.indicators import prepost
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
    result = prepost.compute(CLASS, OPTIONS)
    assert result.n == 6
    assert result.pre.mean == 55.0  # 330 / 6
    assert result.post.mean == 79.5  # 477 / 6
    assert result.difference.mean == 24.5  # 147 / 6
    assert (result.pre.minimum, result.pre.maximum) == (0.0, 100.0)
    assert result.improved == 4  # rows 1, 2, 4, 6
    assert result.share_improved == pytest.approx(4 / 6)


def test_gains_and_categories():
    result = prepost.compute(CLASS, OPTIONS)
    assert result.gains == (0.5, 0.8, 0.0, 0.3, None, 0.7)
    assert result.undefined_gains == 1
    # (0.5 + 0.8 + 0 + 0.3 + 0.7) / 5 = 2.3 / 5 = 0.46 -> sedang
    assert result.mean_gain == 0.46
    assert result.category == "sedang"
    assert result.counts == (("tinggi", 1), ("sedang", 2), ("rendah", 2))


def test_paired_tests():
    result = prepost.compute(CLASS, OPTIONS)
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
        (0.705, "tinggi"),  # shown as 0,71
        (0.7049, "sedang"),  # shown as 0,70
        (0.7, "sedang"),
        (0.7000000000000001, "sedang"),  # binary noise is not a gain above 0.7
        (0.31, "sedang"),
        (0.3, "rendah"),
        (0.30000000000000004, "rendah"),
        (0.0, "rendah"),
        (-0.5, "rendah"),
    ],
)
def test_category(g, name):
    assert prepost.category(g) == name


def test_gain():
    assert prepost.gain(40, 70, 100) == 0.5
    assert prepost.gain(80, 60, 100) == -1.0  # (60 - 80) / 20
    assert prepost.gain(10, 10, 10) is None  # pre already the maximum
    assert prepost.category(prepost.gain(50.5, 65.35, 100)) == "rendah"  # 14.85 / 49.5 = 0.3


def test_own_maximum_and_columns():
    options = prepost.Options(nilai_maks=10, kolom_pre="awal", kolom_post="akhir")
    frame = scores([4, 6], [7, 8]).rename(columns={"pre": "awal", "post": "akhir"})
    result = prepost.compute(frame, options)
    assert result.gains == (0.5, 0.5)  # 3 / 6, 2 / 4
    specs = prepost.columns(options)
    assert [(c.name, c.kind, c.required, c.minimum, c.maximum) for c in specs] == [
        ("nip", "teks", True, None, None),
        ("nama", "teks", False, None, None),
        ("awal", "angka", True, 0, 10),
        ("akhir", "angka", True, 0, 10),
    ]


def test_one_participant():
    result = prepost.compute(scores([50], [75]), OPTIONS)
    assert result.mean_gain == 0.5  # 25 / 50
    assert result.pre.sd is None
    for test in (result.t_test, result.wilcoxon):
        assert (test.n, test.p, test.statistic) == (1, None, None)
        assert "diperlukan paling sedikit 2 peserta, ada 1" in test.note


def test_all_scores_equal():
    result = prepost.compute(scores([60, 60, 60], [60, 60, 60]), OPTIONS)
    assert (result.improved, result.difference.mean, result.mean_gain, result.category) == (0, 0.0, 0.0, "rendah")
    assert result.t_test.p is None
    assert result.wilcoxon.p is None
    assert result.t_test.note == (
        "Uji t berpasangan tidak dapat dihitung: nilai pre-test dan post-test semua peserta sama."
    )


def test_same_difference_for_everyone():
    # decimals whose binary difference is not exactly 2.2 for both rows, and a third row
    result = prepost.compute(scores([70.1, 60.1, 50.0], [72.3, 62.3, 52.2]), OPTIONS)
    assert result.t_test.p is None
    assert "simpangan bakunya nol" in result.t_test.note
    # all three differences positive and tied: W- = 0, exact p = 2 x 1/8 = 0.25
    assert (result.wilcoxon.n, result.wilcoxon.p) == (3, 0.25)


def test_everyone_at_maximum_before():
    result = prepost.compute(scores([100, 100], [100, 90]), OPTIONS)
    assert result.gains == (None, None)
    assert (result.mean_gain, result.category, result.undefined_gains) == (None, None, 2)
    presented = prepost.present(result, spec(), OPTIONS)
    assert presented.figures["kategori_ngain"] == "–"
    assert [c.name for c in presented.charts] == ["tes.nilai"]  # no gain chart without gains


def test_no_participants():
    result = prepost.compute(scores([], []), OPTIONS)
    assert (result.n, result.pre.mean, result.share_improved, result.mean_gain) == (0, None, None, None)
    presented = prepost.present(result, spec(), OPTIONS)
    assert presented.charts == ()
    assert str(presented.figures["persen_naik"]) == "–"


def test_p_value():
    assert prepost.p_value(0.0004) == "< 0,001"
    assert prepost.p_value(0.125) == Figure(0.125, "angka:3")
    assert str(prepost.p_value(0.001)) == "0,001"
    assert str(prepost.p_value(None)) == "–"


def test_present():
    result = prepost.compute(CLASS, OPTIONS)
    presented = prepost.present(result, spec(judul="Pelatihan Dasar", sumber="Panitia"), OPTIONS)
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
        "tanpa_ngain": "1",
        "t": "2,285",
        "p_t": "0,071",
        "p_wilcoxon": "0,125",
        "catatan_uji": "2 peserta dengan selisih nol tidak diikutkan dalam uji Wilcoxon.",
    }
    summary, tests, categories = presented.tables
    assert [t.name for t in presented.tables] == ["tes.ringkasan", "tes.uji", "tes.kategori"]
    assert summary.caption == "Pelatihan Dasar: Ringkasan Nilai (6 peserta)"
    assert summary.source == "Panitia"
    assert summary.rows[2]["rata"] == 24.5
    assert tests.rows[1]["p"] == Figure(0.125, "angka:3")
    assert [r["jumlah"] for r in categories.rows] == [1, 2, 2, 1]
    assert categories.rows[3]["kategori"] == "Tidak dihitung"
    assert categories.total["porsi"] == 1.0
    assert [c.name for c in presented.charts] == ["tes.nilai", "tes.ngain"]
    assert presented.charts[1].spec.series == (("", (1.0, 2.0, 2.0)),)  # rendah, sedang, tinggi
    assert "sedang 2 peserta" in presented.charts[1].alt


def test_sample_sd():
    result = prepost.compute(scores([40, 60], [50, 80]), OPTIONS)
    assert result.pre.sd == pytest.approx(math.sqrt(200))  # deviations -10, +10: (100 + 100) / (2 - 1)
