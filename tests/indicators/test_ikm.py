import datetime as dt
from fractions import Fraction

import pandas as pd
import pytest
from pydantic import ValidationError

from reportgen.indicators import ikm
from reportgen.indicators.ikm import compute as ikm_compute
from reportgen.indicators.ikm import present as ikm_present
from reportgen.indicators.survey import Breakdown, Group, education_rank
from reportgen.results import format_value
from reportgen.schema import DataSpec

COLUMNS = [f"U{i}" for i in range(1, 10)]
OPTIONS = ikm.Options()

# Four respondents; per-element sums and NRR worked out by hand below.
ANSWERS = [
    [4, 4, 4, 4, 4, 4, 4, 4, 4],  # total 36
    [3, 3, 3, 3, 3, 3, 3, 3, 3],  # total 27
    [4, 3, 2, 4, 3, 3, 4, 3, 3],  # total 29
    [3, 2, 3, 1, 4, 3, 3, 2, 4],  # total 25
]


def survey() -> pd.DataFrame:
    frame = pd.DataFrame(ANSWERS, columns=COLUMNS)
    frame["jenis_kelamin"] = ["L", "P", "L", "P"]
    frame["pendidikan"] = ["S1", "S1", "SMA", ""]
    return frame


def uniform(counts: dict[int, int]) -> pd.DataFrame:
    """Respondents giving the same answer to all nine elements: {answer: respondents}."""
    answers = [answer for answer, n in counts.items() for _ in range(n)]
    return pd.DataFrame({name: answers for name in COLUMNS})


def spec(**extra) -> DataSpec:
    return DataSpec(nama="ikm", jenis="ikm", berkas="ikm.csv", **extra)


def test_elements_index_and_grade():
    result = ikm_compute.compute(survey(), OPTIONS)
    # U1 = 4+3+4+3 = 14 -> 3.50 -> 87.50 B;  U2 = 4+3+3+2 = 12 -> 3.00 -> 75.00 C
    # U3 = 4+3+2+3 = 12 -> 3.00 -> 75.00 C;  U4 = 4+3+4+1 = 12 -> 3.00 -> 75.00 C
    # U5 = 4+3+3+4 = 14 -> 3.50 -> 87.50 B;  U6 = 4+3+3+3 = 13 -> 3.25 -> 81.25 B
    # U7 = 4+3+4+3 = 14 -> 3.50 -> 87.50 B;  U8 = 4+3+3+2 = 12 -> 3.00 -> 75.00 C
    # U9 = 4+3+3+4 = 14 -> 3.50 -> 87.50 B
    assert [e.nrr for e in result.elements] == [3.5, 3.0, 3.0, 3.0, 3.5, 3.25, 3.5, 3.0, 3.5]
    assert [e.value for e in result.elements] == [87.5, 75.0, 75.0, 75.0, 87.5, 81.25, 87.5, 75.0, 87.5]
    assert "".join(e.grade.letter for e in result.elements) == "BCCCBBBCB"
    assert result.elements[3].name == "Biaya/Tarif"
    # sum NRR = 4 x 3.5 + 4 x 3.0 + 3.25 = 29.25; weighted NRR = 29.25 / 9 = 3.25; IKM = 3.25 x 25 = 81.25
    assert result.weighted_nrr == 3.25
    assert result.index == 81.25
    assert result.grade == ikm_compute.Grade("B", "Baik")
    assert result.respondents == 4


def test_breakdown_by_attribute():
    result = ikm_compute.compute(survey(), OPTIONS)
    sex, education = result.breakdowns
    # L = respondents 1 and 3: 25 x (36 + 29) / (9 x 2) = 90.277.. -> 90.28
    # P = respondents 2 and 4: 25 x (27 + 25) / (9 x 2) = 72.222.. -> 72.22
    assert sex == Breakdown("jenis_kelamin", (Group("L", 2, 0.5, 90.28), Group("P", 2, 0.5, 72.22)))
    # S1 = 1 and 2: 25 x 63 / 18 = 87.50; SMA = 3: 25 x 29 / 9 = 80.555.. -> 80.56; blank = 4: 25 x 25 / 9 = 69.44
    # SMA before S1 (education order), the blank ones last
    assert education.groups == (
        Group("SMA", 1, 0.25, 80.56),
        Group("S1", 2, 0.5, 87.5),
        Group("Tidak diisi", 1, 0.25, 69.44),
    )


def test_education_levels_in_their_order_other_values_after():
    frame = uniform({3: 9})
    frame["pendidikan"] = ["S2", "D3", "SMA", "S1", "Pesantren", "", "SMP", "D-IV", "Akademi"]
    (education,) = ikm_compute.compute(frame, ikm.Options(atribut=["pendidikan"])).breakdowns
    order = [g.category for g in education.groups]
    assert order == ["SMP", "SMA", "D3", "D-IV", "S1", "S2", "Akademi", "Pesantren", "Tidak diisi"]


@pytest.mark.parametrize(
    ("category", "rank"),
    [("SD", 0), ("SLTP", 1), ("SMK", 2), ("SMA/SMK", 2), ("d3", 5), ("D III", 5), ("D-IV", 6), ("S 1", 7), ("S3", 9)],
)
def test_education_rank(category, rank):
    assert education_rank(category) == rank


def test_education_rank_of_other_values():
    assert education_rank("Laki-laki") is None


def test_absent_attribute_is_skipped():
    result = ikm_compute.compute(uniform({3: 2}), OPTIONS)
    assert result.breakdowns == ()


@pytest.mark.parametrize(
    ("counts", "index", "letter"),
    [
        # 133 x 4 + 117 x 3 = 883; 883 / 250 = 3.532; x 25 = 88.30
        ({4: 133, 3: 117}, 88.30, "B"),
        # 1331 x 4 + 1169 x 3 = 8831; 8831 / 2500 = 3.5324; x 25 = 88.31
        ({4: 1331, 3: 1169}, 88.31, "A"),
        # 2661 x 4 + 2339 x 3 = 17661; 17661 / 5000 = 3.5322; x 25 = 88.305 -> half-up 88.31
        ({4: 2661, 3: 2339}, 88.31, "A"),
        # 16 x 4 + 234 x 3 = 766; 766 / 250 = 3.064; x 25 = 76.60
        ({4: 16, 3: 234}, 76.60, "C"),
        # 161 x 4 + 2339 x 3 = 7661; 7661 / 2500 = 3.0644; x 25 = 76.61
        ({4: 161, 3: 2339}, 76.61, "B"),
        # 3 x 3 + 2 x 2 = 13; 13 / 5 = 2.6; x 25 = 65.00
        ({3: 3, 2: 2}, 65.00, "C"),
        # 1499 x 3 + 1001 x 2 = 6499; 6499 / 2500 = 2.5996; x 25 = 64.99
        ({3: 1499, 2: 1001}, 64.99, "D"),
    ],
)
def test_band_edges_through_compute(counts, index, letter):
    result = ikm_compute.compute(uniform(counts), OPTIONS)
    assert result.index == index
    assert result.grade.letter == letter
    assert {e.grade.letter for e in result.elements} == {letter}


@pytest.mark.parametrize(
    ("value", "letter", "label"),
    [
        (100.0, "A", "Sangat Baik"),
        (88.31, "A", "Sangat Baik"),
        (88.305, "A", "Sangat Baik"),  # rounds half-up to 88.31
        (88.30, "B", "Baik"),
        (88.304, "B", "Baik"),  # rounds to 88.30
        (76.61, "B", "Baik"),
        (76.605, "B", "Baik"),  # rounds to 76.61
        (76.60, "C", "Kurang Baik"),
        (65.00, "C", "Kurang Baik"),
        (64.995, "C", "Kurang Baik"),  # rounds to 65.00
        (64.99, "D", "Tidak Baik"),
        (25.0, "D", "Tidak Baik"),
    ],
)
def test_grade(value, letter, label):
    assert ikm_compute.grade(value) == ikm_compute.Grade(letter, label)


def test_grade_of_exact_fraction():
    assert ikm_compute.grade(Fraction(17661, 200)).letter == "A"  # 88.305 exactly


def test_one_respondent():
    answers = [[4, 4, 4, 4, 4, 4, 4, 4, 3]]
    result = ikm_compute.compute(pd.DataFrame(answers, columns=COLUMNS), OPTIONS)
    # 25 x 35 / 9 = 97.222.. -> 97.22 A; U9 = 3 x 25 = 75.00 C
    assert (result.index, result.grade.letter, result.respondents) == (97.22, "A", 1)
    assert (result.elements[8].value, result.elements[8].grade.letter) == (75.0, "C")


def test_all_equal_scores():
    result = ikm_compute.compute(uniform({2: 7}), OPTIONS)
    # every NRR = 2; IKM = 2 x 25 = 50.00 D
    assert result.weighted_nrr == 2.0
    assert (result.index, result.grade.letter) == (50.0, "D")


def test_no_respondents():
    result = ikm_compute.compute(uniform({}), OPTIONS)
    assert (result.index, result.grade, result.weighted_nrr, result.respondents) == (None, None, None, 0)
    assert all(e.nrr is None and e.grade is None for e in result.elements)
    presented = ikm_present.present(result, spec(), OPTIONS)
    assert str(presented.figures["nilai"]) == "–"
    assert presented.figures["mutu"] == "–"
    assert presented.charts == ()


def test_own_column_names():
    names = [f"P{i}" for i in range(1, 10)]
    frame = uniform({4: 1, 3: 1}).set_axis(names, axis=1)
    result = ikm_compute.compute(frame, ikm.Options(kolom_unsur=names, atribut=[]))
    assert result.index == 87.5  # (4 + 3) / 2 = 3.5; x 25


def test_options_need_nine_distinct_columns():
    with pytest.raises(ValidationError, match="diharapkan tepat 9 nama kolom"):
        ikm.Options(kolom_unsur=["U1", "U2"])
    with pytest.raises(ValidationError, match="tidak boleh sama"):
        ikm.Options(kolom_unsur=["U1"] * 9)


def test_columns():
    specs = ikm_compute.columns(OPTIONS)
    # an answer may be blank: a question the respondent did not answer
    assert [(c.name, c.kind, c.required, c.blanks, c.minimum, c.maximum) for c in specs[:1]] == [
        ("U1", "bulat", True, True, 1, 4)
    ]
    assert [(c.name, c.kind, c.required) for c in specs[9:]] == [
        ("jenis_kelamin", "teks", False),
        ("pendidikan", "teks", False),
        ("tanggal", "tanggal", False),
    ]


def test_present():
    result = ikm_compute.compute(survey(), OPTIONS)
    presented = ikm_present.present(result, spec(judul="Survei Kepuasan 2025", sumber="BKPSDM"), OPTIONS)
    figures = {name: str(value) for name, value in presented.figures.items()}
    assert figures == {
        "nilai": "81,25",
        "mutu": "B",
        "kinerja": "Baik",
        "responden": "4",
        "nrr_tertimbang": "3,250",
        "populasi": "–",
        "sampel_minimum": "–",
        "kecukupan_sampel": "Kecukupan jumlah responden tidak diperiksa karena jumlah populasi tidak disebutkan.",
        "periode": "–",
        "level_kirkpatrick": "level 1 (reaksi)",
    }
    unsur, sex, _, _ = presented.tables
    assert [t.name for t in presented.tables] == [
        "ikm.unsur",
        "ikm.jenis_kelamin",
        "ikm.pendidikan",
        "ikm.interpretasi",
    ]
    assert unsur.notes == (
        "Bobot setiap unsur sama, 1/9 (0,111); IKM = rata-rata NRR sembilan unsur × 25.",
        "Kecukupan jumlah responden tidak diperiksa karena jumlah populasi tidak disebutkan.",
        "Tingkat evaluasi Kirkpatrick: level 1 (reaksi).",
    )
    assert unsur.caption == "Survei Kepuasan 2025: Nilai per Unsur Pelayanan"
    assert unsur.source == "BKPSDM"
    assert [c.label for c in unsur.columns] == ["No", "Unsur Pelayanan", "NRR", "Nilai Konversi", "Mutu"]
    assert unsur.rows[5] == {
        "no": 6,
        "unsur": "Kompetensi Pelaksana",
        "jawaban": 4,
        "nrr": 3.25,
        "konversi": 81.25,
        "mutu": "B (Baik)",
    }
    assert unsur.total["konversi"] == 81.25
    assert sex.columns[0].label == "Jenis Kelamin"
    assert sex.total == {"kategori": "Jumlah", "jumlah": 4, "porsi": 1.0, "ikm": 81.25}
    (chart,) = presented.charts
    assert chart.name == "ikm.unsur"
    assert chart.spec.reference == 81.25 and len(chart.spec.labels) == 9
    assert "IKM 81,25" in chart.alt


def test_present_shows_the_graded_value():
    # 88.305 must print as 88,31 (the value graded A), not as babel's half-even 88,30
    presented = ikm_present.present(ikm_compute.compute(uniform({4: 2661, 3: 2339}), OPTIONS), spec(), OPTIONS)
    assert (str(presented.figures["nilai"]), presented.figures["mutu"]) == ("88,31", "A")


def test_nrr_and_converted_value_round_alike():
    # U1 answers 4, 3, 3, 3, 3, 3, 3, 3: 25 / 8 = 3.125 exactly -> NRR 3,13 beside 78,125 -> 78,13
    frame = uniform({3: 8})
    frame.loc[0, "U1"] = 4
    presented = ikm_present.present(ikm_compute.compute(frame, OPTIONS), spec(), OPTIONS)
    row = presented.tables[0].rows[0]
    assert (format_value(row["nrr"], "angka:2"), format_value(row["konversi"], "angka:2")) == ("3,13", "78,13")


def blank_survey() -> pd.DataFrame:
    """Three respondents; respondent 3 left U2 and U9 blank."""
    frame = pd.DataFrame(
        [[4, 4, 4, 4, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3, 3, 3, 3], [2, None, 2, 2, 2, 2, 2, 2, None]],
        columns=COLUMNS,
    )
    return frame.astype("Int64")


def test_blank_answers_average_over_those_who_answered():
    result = ikm_compute.compute(blank_survey(), OPTIONS)
    # U2 and U9: (4 + 3) / 2 = 3.5 from 2 answers; the other seven: (4 + 3 + 2) / 3 = 3 from 3 answers
    assert [e.answers for e in result.elements] == [3, 2, 3, 3, 3, 3, 3, 3, 2]
    assert [e.nrr for e in result.elements] == [3.0, 3.5, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.5]
    # (7 x 3 + 2 x 3.5) / 9 = 28 / 9 = 3.111..; x 25 = 77.777.. -> 77.78 B
    assert (result.index, result.grade.letter, result.respondents, result.blanks) == (77.78, "B", 3, True)
    table = ikm_present.present(result, spec(), OPTIONS).tables[0]
    assert [c.label for c in table.columns] == [
        "No",
        "Unsur Pelayanan",
        "Jumlah Jawaban",
        "NRR",
        "Nilai Konversi",
        "Mutu",
    ]
    assert (table.rows[1]["jawaban"], table.total["jawaban"]) == (2, "")
    assert table.notes[1] == "Jumlah responden 3; NRR setiap unsur dihitung dari responden yang menjawab unsur itu."


def test_no_answers_column_without_blanks():
    table = ikm_present.present(ikm_compute.compute(survey(), OPTIONS), spec(), OPTIONS).tables[0]
    assert "Jumlah Jawaban" not in [c.label for c in table.columns]


@pytest.mark.parametrize(
    ("population", "sample"),
    # Krejcie and Morgan (1970), Table 1
    [(10, 10), (50, 44), (100, 80), (150, 108), (200, 132), (500, 217), (1000, 278), (10000, 370), (100000, 383)],
)
def test_minimum_sample(population, sample):
    assert ikm_compute.minimum_sample(population) == sample


def test_sample_too_small_is_said_beside_the_index():
    options = ikm.Options(populasi=200)
    presented = ikm_present.present(ikm_compute.compute(survey(), options), spec(), options)
    expected = (
        "Jumlah responden (4) kurang dari sampel minimum 132 untuk populasi 200 (tabel Krejcie dan Morgan); "
        "IKM ini belum mewakili populasi."
    )
    assert presented.figures["kecukupan_sampel"] == expected
    assert expected in presented.tables[0].notes
    assert (str(presented.figures["sampel_minimum"]), str(presented.figures["populasi"])) == ("132", "200")


def test_sample_large_enough():
    options = ikm.Options(populasi=4)  # s = 3.841 x 4 x 0.25 / (0.0025 x 3 + 0.96025) = 3.97 -> 4
    presented = ikm_present.present(ikm_compute.compute(survey(), options), spec(), options)
    assert presented.figures["kecukupan_sampel"] == (
        "Jumlah responden (4) memenuhi sampel minimum 4 untuk populasi 4 (tabel Krejcie dan Morgan)."
    )


def test_survey_period_from_the_date_column():
    frame = survey()
    frame["tanggal"] = [dt.date(2026, 4, 28), dt.date(2026, 3, 3), None, dt.date(2026, 3, 17)]
    presented = ikm_present.present(ikm_compute.compute(frame, OPTIONS), spec(), OPTIONS)
    assert presented.figures["periode"] == "3 Maret 2026 s.d. 28 April 2026"
    assert "Periode survei: 3 Maret 2026 s.d. 28 April 2026." in presented.tables[0].notes


def test_interpretation_table():
    table = ikm_present.present(ikm_compute.compute(survey(), OPTIONS), spec(), OPTIONS).tables[-1]
    assert table.name == "ikm.interpretasi"
    assert [c.label for c in table.columns] == [
        "Nilai Persepsi",
        "Nilai Interval (NI)",
        "Nilai Interval Konversi (NIK)",
        "Mutu Pelayanan",
        "Kinerja Unit Pelayanan",
    ]
    # PermenPANRB 14/2017, appendix
    assert [tuple(row.values()) for row in table.rows] == [
        ("1", "1,00 – 2,5996", "25,00 – 64,99", "D", "Tidak Baik"),
        ("2", "2,60 – 3,064", "65,00 – 76,60", "C", "Kurang Baik"),
        ("3", "3,0644 – 3,532", "76,61 – 88,30", "B", "Baik"),
        ("4", "3,5324 – 4,00", "88,31 – 100,00", "A", "Sangat Baik"),
    ]
