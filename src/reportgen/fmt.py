"""Turn numbers, percents, money and dates into Indonesian text (Babel, locale id).

Every printed number is first rounded by `round_half_up`, in exact decimal arithmetic, at the
precision it is printed with; Babel only groups the digits. A classification made on a printed
value (the IKM grade) uses the same function, so a value and its class never disagree.
Negative numbers carry the true minus sign U+2212, as "post − pre" beside them does.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "id_ID"
_DASH = "–"  # shown for a value that does not exist (no respondents, division by zero)
MINUS = "\u2212"
AS_IS_DIGITS = 3  # decimals of a number printed "as is" (Babel's default pattern #,##0.###)

Number = int | float | Decimal | Fraction


def round_half_up(value: Number, digits: int = 0) -> Decimal:
    """`value` rounded half away from zero to `digits` decimals, exactly: round_half_up(61.135, 2) == Decimal('61.14').

    A float stands for the shortest decimal that reads back as it (61.135, not 61.13499999...),
    which is the decimal it was read from or computed as; ints, Decimals and Fractions are exact.
    """
    exact = exact_decimal(value)
    scaled = abs(exact) * 10**digits
    whole = math.floor(scaled + Fraction(1, 2))
    return Decimal(-whole if exact < 0 else whole).scaleb(-digits)


def exact_decimal(value: Number) -> Fraction:
    """`value` as an exact fraction; a float as the shortest decimal that reads back as it."""
    return Fraction(str(float(value))) if isinstance(value, float) else Fraction(value)


def angka(value: Number | None, digits: int | None = None) -> str:
    """`1.234,5`; with `digits`, exactly that many decimals: angka(78.885, 2) == '78,89', angka(-4, 2) == '−4,00'."""
    if _missing(value):
        return _DASH
    if digits is None:
        rounded = round_half_up(value, AS_IS_DIGITS)
        return _signed(format_decimal(rounded, format="#,##0.###", locale=LOCALE), rounded)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    rounded = round_half_up(value, digits)
    return _signed(format_decimal(rounded, format=pattern, locale=LOCALE, decimal_quantization=True), rounded)


def persen(value: Number | None, digits: int = 1) -> str:
    """A fraction as a percent: persen(0.453) == '45,3%', persen(0.0625) == '6,3%'."""
    if _missing(value):
        return _DASH
    return angka(exact_decimal(value) * 100, digits) + "%"


def rupiah(value: Number | None) -> str:
    """Rupiah without cents: rupiah(1250000) == 'Rp1.250.000', rupiah(-500) == '−Rp500'."""
    if _missing(value):
        return _DASH
    rounded = round_half_up(value, 0)
    text = format_currency(rounded, "IDR", format="¤#,##0", locale=LOCALE, currency_digits=False)
    return _signed(text, rounded)


def tanggal(value: dt.date) -> str:
    """A date written out: tanggal(date(2026, 11, 22)) == '22 November 2026'."""
    return format_date(value, "d MMMM y", locale=LOCALE)


def ukuran_berkas(size: int) -> str:
    """A file size as a reader expects it: ukuran_berkas(312_000) == '305 KB'."""
    if size < 1024 * 1024:
        return f"{angka(max(size / 1024, 1), 0)} KB"
    return f"{angka(size / 1024 / 1024, 1)} MB"


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"))
_ROMAN += ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def romawi(number: int) -> str:
    """A chapter number as government reports write it: romawi(4) == 'IV', romawi(14) == 'XIV'."""
    digits = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        digits.append(letters * count)
    return "".join(digits)


def tanpa_yatim(text: str) -> str:
    """`text` with its last two words bound by a no-break space, so no word stands alone on a last line."""
    head, space, last = text.rstrip().rpartition(" ")
    return f"{head}\u00a0{last}" if space else text


FILTERS = {
    "angka": angka,
    "persen": persen,
    "rupiah": rupiah,
    "tanggal": tanggal,
    "ukuran_berkas": ukuran_berkas,
    "romawi": romawi,
    "tanpa_yatim": tanpa_yatim,
}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def _signed(text: str, rounded: Decimal) -> str:
    """`text` with the true minus sign; none when the value printed is zero ('0,00', not '−0,00')."""
    unsigned = text.replace("-", "").replace(MINUS, "")
    return MINUS + unsigned if rounded < 0 else unsigned
