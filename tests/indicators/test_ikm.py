from fractions import Fraction

import pandas as pd
import pytest
from pydantic import ValidationError

from reportgen.indicators import ikm
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
    result = ikm.compute(survey(), OPTIONS)
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
    assert result.grade == ikm.Grade("B", "Baik")
    assert result.respondents == 4


def test_breakdown_by_attribute():
    result = ikm.compute(survey(), OPTIONS)
    sex, education = result.breakdowns
    # L = respondents 1 and 3: 25 x (36 + 29) / (9 x 2) = 90.277.. -> 90.28
    # P = respondents 2 and 4: 25 x (27 + 25) / (9 x 2) = 72.222.. -> 72.22
    assert sex == ikm.Breakdown("jenis_kelamin", (ikm.Group("L", 2, 0.5, 90.28), ikm.Group("P", 2, 0.5, 72.22)))
    # S1 = 1 and 2: 25 x 63 / 18 = 87.50; SMA = 3: 25 x 29 / 9 = 80.555.. -> 80.56; blank = 4: 25 x 25 / 9 = 69.44
    assert education.groups == (
        ikm.Group("S1", 2, 0.5, 87.5),
        ikm.Group("SMA", 1, 0.25, 80.56),
        ikm.Group("Tidak diisi", 1, 0.25, 69.44),
    )


def test_absent_attribute_is_skipped():
    result = ikm.compute(uniform({3: 2}), OPTIONS)
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
    result = ikm.compute(uniform(counts), OPTIONS)
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
    assert ikm.grade(value) == ikm.Grade(letter, label)


def test_grade_of_exact_fraction():
    assert ikm.grade(Fraction(17661, 200)).letter == "A"  # 88.305 exactly


def test_one_respondent():
    answers = [[4, 4, 4, 4, 4, 4, 4, 4, 3]]
    result = ikm.compute(pd.DataFrame(answers, columns=COLUMNS), OPTIONS)
    # 25 x 35 / 9 = 97.222.. -> 97.22 A; U9 = 3 x 25 = 75.00 C
    assert (result.index, result.grade.letter, result.respondents) == (97.22, "A", 1)
    assert (result.elements[8].value, result.elements[8].grade.letter) == (75.0, "C")


def test_all_equal_scores():
    result = ikm.compute(uniform({2: 7}), OPTIONS)
    # every NRR = 2; IKM = 2 x 25 = 50.00 D
    assert result.weighted_nrr == 2.0
    assert (result.index, result.grade.letter) == (50.0, "D")


def test_no_respondents():
    result = ikm.compute(uniform({}), OPTIONS)
    assert (result.index, result.grade, result.weighted_nrr, result.respondents) == (None, None, None, 0)
    assert all(e.nrr is None and e.grade is None for e in result.elements)
    presented = ikm.present(result, spec(), OPTIONS)
    assert str(presented.figures["nilai"]) == "–"
    assert presented.figures["mutu"] == "–"
    assert presented.charts == ()


def test_own_column_names():
    names = [f"P{i}" for i in range(1, 10)]
    frame = uniform({4: 1, 3: 1}).set_axis(names, axis=1)
    result = ikm.compute(frame, ikm.Options(kolom_unsur=names, atribut=[]))
    assert result.index == 87.5  # (4 + 3) / 2 = 3.5; x 25


def test_options_need_nine_distinct_columns():
    with pytest.raises(ValidationError, match="diharapkan tepat 9 nama kolom"):
        ikm.Options(kolom_unsur=["U1", "U2"])
    with pytest.raises(ValidationError, match="tidak boleh sama"):
        ikm.Options(kolom_unsur=["U1"] * 9)


def test_columns():
    specs = ikm.columns(OPTIONS)
    assert [(c.name, c.kind, c.required, c.minimum, c.maximum) for c in specs[:1]] == [("U1", "bulat", True, 1, 4)]
    assert [(c.name, c.kind, c.required) for c in specs[9:]] == [
        ("jenis_kelamin", "teks", False),
        ("pendidikan", "teks", False),
    ]


def test_present():
    result = ikm.compute(survey(), OPTIONS)
    presented = ikm.present(result, spec(judul="Survei Kepuasan 2025", sumber="BKPSDM"), OPTIONS)
    figures = {name: str(value) for name, value in presented.figures.items()}
    assert figures == {"nilai": "81,25", "mutu": "B", "kinerja": "Baik", "responden": "4", "nrr_tertimbang": "3,250"}
    unsur, sex, _ = presented.tables
    assert [t.name for t in presented.tables] == ["ikm.unsur", "ikm.jenis_kelamin", "ikm.pendidikan"]
    assert unsur.caption == "Survei Kepuasan 2025: Nilai per Unsur Pelayanan"
    assert unsur.source == "BKPSDM"
    assert [c.label for c in unsur.columns] == ["No", "Unsur Pelayanan", "NRR", "Nilai Konversi", "Mutu"]
    assert unsur.rows[5] == {
        "no": 6,
        "unsur": "Kompetensi Pelaksana",
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
    presented = ikm.present(ikm.compute(uniform({4: 2661, 3: 2339}), OPTIONS), spec(), OPTIONS)
    assert (str(presented.figures["nilai"]), presented.figures["mutu"]) == ("88,31", "A")
