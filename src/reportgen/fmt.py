"""Turn numbers, percents, money and dates into Indonesian text (Babel, locale id)."""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "id_ID"
_DASH = "–"  # shown for a value that does not exist (no respondents, division by zero)


def angka(value: float | int | None, digits: int | None = None) -> str:
    """`1.234,5`; with `digits`, exactly that many decimals: angka(78.8889, 2) == '78,89'."""
    if _missing(value):
        return _DASH
    if digits is None:
        return format_decimal(value, locale=LOCALE)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALE, decimal_quantization=True)


def persen(value: float | None, digits: int = 1) -> str:
    """A fraction as a percent: persen(0.453) == '45,3%'."""
    if _missing(value):
        return _DASH
    return angka(value * 100, digits) + "%"


def rupiah(value: float | int | None) -> str:
    """Rupiah without cents: rupiah(1250000) == 'Rp1.250.000'."""
    if _missing(value):
        return _DASH
    return format_currency(round(value), "IDR", format="¤#,##0", locale=LOCALE, currency_digits=False)


def tanggal(value: dt.date) -> str:
    """A date written out: tanggal(date(2026, 11, 22)) == '22 November 2026'."""
    return format_date(value, "d MMMM y", locale=LOCALE)


def ukuran_berkas(size: int) -> str:
    """A file size as a reader expects it: ukuran_berkas(312_000) == '305 KB'."""
    if size < 1024 * 1024:
        return f"{angka(max(size / 1024, 1), 0)} KB"
    return f"{angka(size / 1024 / 1024, 1)} MB"


FILTERS = {"angka": angka, "persen": persen, "rupiah": rupiah, "tanggal": tanggal, "ukuran_berkas": ukuran_berkas}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
