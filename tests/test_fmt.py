"""Indonesian number text: one half-up rounding at the printed precision, the true minus sign."""

from decimal import Decimal
from fractions import Fraction

import pytest

from reportgen import fmt
from reportgen.results import Figure


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (61.135, 2, Decimal("61.14")),  # the float 61.135 is 61.13499999...; it stands for 61.135
        (72.545, 2, Decimal("72.55")),
        (Fraction(12227, 200), 2, Decimal("61.14")),  # 61.135 exactly
        (Decimal("0.625"), 2, Decimal("0.63")),
        (3.125, 2, Decimal("3.13")),
        (2.5, 0, Decimal("3")),
        (-0.625, 2, Decimal("-0.63")),  # half away from zero, the same size either side
        (Fraction(-1, 3), 2, Decimal("-0.33")),
        (7, 2, Decimal("7.00")),
    ],
)
def test_round_half_up(value, digits, expected):
    rounded = fmt.round_half_up(value, digits)
    assert rounded == expected and str(rounded) == str(expected)


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (61.135, 2, "61,14"),  # Babel's half-even printed 61,13
        (72.545, 2, "72,55"),  # and 72,54
        (50.005, 2, "50,01"),
        (0.625, 2, "0,63"),
        (3.125, 2, "3,13"),
        (78.125, 2, "78,13"),
        (1234.5, 0, "1.235"),
        (1234.5, None, "1.234,5"),
        (0.0005, None, "0,001"),
        (-4, 2, "\u22124,00"),
        (-1234.5, 1, "\u22121.234,5"),
        (-0.004, 2, "0,00"),  # a value printed as zero has no sign
        (None, 2, "–"),
        (float("nan"), 2, "–"),
    ],
)
def test_angka(value, digits, expected):
    assert fmt.angka(value, digits) == expected


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (0.0625, 1, "6,3%"),  # 1 of 16; half-even printed 6,2%
        (Fraction(1, 16), 1, "6,3%"),
        (0.453, 1, "45,3%"),
        (0.145, 0, "15%"),  # 0.145 x 100 in binary is 14.499999999999998
        (-0.0625, 1, "\u22126,3%"),
        (0.98765, 2, "98,77%"),
    ],
)
def test_persen(value, digits, expected):
    assert fmt.persen(value, digits) == expected


def test_rupiah():
    assert fmt.rupiah(1250000) == "Rp1.250.000"
    assert fmt.rupiah(1250000.5) == "Rp1.250.001"  # half up, not Python's half-even round()
    assert fmt.rupiah(-500000) == "\u2212Rp500.000"


def test_figure_formats_use_the_same_rounding():
    assert str(Figure(2.5, "bulat")) == "3"
    assert str(Figure(-3.5, "bulat")) == "\u22124"
    assert str(Figure(0.0625, "persen")) == "6,3%"
    assert str(Figure(-4.0, "angka:2")) == "\u22124,00"


def test_romawi_writes_chapter_numbers_as_government_reports_do():
    assert [fmt.romawi(n) for n in (1, 2, 3, 4, 5, 9, 10, 14, 19, 40)] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "IX",
        "X",
        "XIV",
        "XIX",
        "XL",
    ]


def test_tanpa_yatim_binds_the_last_two_words_of_a_caption():
    assert fmt.tanpa_yatim("Jumlah Keluhan Masyarakat per Bulan") == "Jumlah Keluhan Masyarakat per\u00a0Bulan"
    assert fmt.tanpa_yatim("Anggaran") == "Anggaran"
