"""Turn a CSV export from an Indonesian office spreadsheet into a typed DataFrame.

Rows are indexed by the CSV line they start on (1-based, the header is line 1, index name 'baris'),
so later stages can cite a row by `df.index`.

Detection, when the CsvFormat leaves it open:
- encoding: a UTF-16 BOM means UTF-16 (Excel's "Unicode text"); else UTF-8 (BOM optional), else Windows-1252.
- separator: an Excel `sep=;` first line wins; else the most frequent of ; tab | , on the header line,
  outside quotes (ties in that order); a header without any uses one that never occurs in the file.
- decimal sign, per numeric column: a value proves its decimal sign when it holds both '.' and ','
  (the last one is decimal), the same sign twice (that one groups thousands), or one sign not followed
  by exactly three digits. The majority of proofs wins. With no proof ('1.250' alone) the sign is ','
  unless the file is comma-separated: Excel writes ',' between cells only where '.' is the decimal sign.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from reportgen import inputfiles
from reportgen.errors import InputError, Problem
from reportgen.fmt import angka
from reportgen.schema import CsvFormat
from reportgen.validate import describe, suggest

KINDS = ("teks", "angka", "bulat", "tanggal")
MAX_PROBLEMS = 20
MAX_BYTES = 20 * 1024 * 1024  # a survey of 10 000 respondents is about 1 MB
MAX_NUMBER = 10**15  # beyond it (2^53 is about 9 * 10^15) a float no longer holds every whole rupiah
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A well-formed non-ASCII UTF-8 character (a Windows-1252 'é' followed by '’' is not one).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
MAX_ROWS = 500_000  # a province's list of every civil servant fits; 20 MB of 'x;1' rows would not
MAX_COLUMNS = 1_000
MAX_DIGITS = 15  # significant digits: what a spreadsheet holds, and what a float keeps exactly
INDEX_NAME = "baris"

_SEPARATORS = (";", "\t", "|", ",")
_SEPARATOR_NAMES = {";": "';'", "\t": "tab", "|": "'|'", ",": "','"}
_EXPECTED = {"teks": "teks", "angka": "bilangan", "bulat": "bilangan bulat", "tanggal": "tanggal (HH/BB/TTTT)"}
_DATES = (
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"), (2, 1, 0)),
    (re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})"), (2, 1, 0)),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), (0, 1, 2)),
)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


@dataclass(frozen=True)
class ColumnSpec:
    """A column a CSV file must (or may) have: its header, kind and bounds."""

    name: str  # column header expected in the CSV
    kind: str = "teks"  # "teks" | "angka" (float) | "bulat" (int) | "tanggal"
    required: bool = True  # the column must exist and none of its cells may be empty
    blanks: bool = False  # with `required`: the column must exist, a cell may be empty (an unanswered question),
    # but not every cell: a column nobody answered says nothing
    minimum: float | None = None  # inclusive bounds checked per row
    maximum: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass(frozen=True)
class _Table:
    """The cells of a CSV file as text: header, the line each row starts on, and the rows."""

    separator: str
    header_line: int
    header: tuple[str, ...]
    lines: tuple[int, ...]
    rows: tuple[tuple[str, ...], ...]


def read_csv(
    path: Path, columns: Sequence[ColumnSpec], fmt: CsvFormat | None = None, *, shown_as: Path | None = None
) -> pd.DataFrame:
    """The declared columns of the CSV file at `path`, typed, indexed by line; or InputError with every problem.

    Kinds become: teks -> str (trimmed; '' when an optional cell is empty), angka -> float64 (NaN when empty),
    bulat -> int64 (Int64 with <NA> for an optional column or one with blanks),
    tanggal -> datetime.date (None when empty).
    Optional columns missing from the file and columns not declared are left out.
    """
    fmt = fmt or CsvFormat()
    shown = shown_as or path
    text, undecodable = _decode(_read(path, shown), fmt.pengodean, shown)
    table = _split(text, fmt.pemisah, shown)
    if undecodable:
        raise InputError([_undecodable(table, undecodable, shown)])
    found, problems = _locate(table, columns, shown)
    if _CONTROL.search(text):  # one pass over the text; the cells are searched only when it holds one
        problems += _control_characters(table, shown)
    if not table.rows:
        problems.append(Problem(shown, "berkas CSV tidak berisi data; hanya ada baris judul kolom"))
    problems += _overfull(table, shown)
    values = {}
    for spec in columns:
        if spec.name in found and table.rows:
            values[spec], more = _convert(table, spec, found[spec.name], fmt.desimal, shown)
            problems += more
    if problems:
        raise InputError(_capped(problems, shown))
    index = pd.Index(table.lines, name=INDEX_NAME)
    return pd.DataFrame({spec.name: _series(spec, column, index) for spec, column in values.items()}, index=index)


# --- bytes to rows of text ----------------------------------------------------------------


def _read(path: Path, shown: Path) -> bytes:
    """The file's bytes; one too large for a spreadsheet export is refused before it is read, and only a
    regular file is read at all."""
    return inputfiles.read(path, shown, MAX_BYTES, _too_large)


def _too_large(size: int) -> str:
    limit = MAX_BYTES // 1024 // 1024
    return f"berkas CSV terlalu besar ({angka(size / 1024 / 1024, 1)} MB); batasnya {limit} MB"


@dataclass(frozen=True)
class _Undecodable:
    """The first byte that the file's encoding cannot read: its value, its line, and what was tried."""

    byte: int
    line: int
    message: str


def _decode(data: bytes, encoding: str | None, shown: Path) -> tuple[str, _Undecodable | None]:
    """The file's text, and the first undecodable byte when there is one (the text then holds U+FFFD there).

    A file that starts with a UTF-8 BOM, or holds UTF-8 characters besides a byte UTF-8 cannot read,
    mixes encodings: read as Windows-1252 its UTF-8 characters would turn silently into others (é
    into Ã©), so it is reported instead of guessed.
    """
    if encoding is None and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    if encoding is None and (data.startswith(codecs.BOM_UTF8) or _UTF8_SEQUENCE.search(data)):
        encoding = "utf-8"
        mixed = True
    else:
        mixed = False
    tries = [encoding] if encoding else ["utf-8", "cp1252"]
    for i, name in enumerate(tries):
        codec = "utf-8-sig" if name == "utf-8" else name
        try:
            return data.decode(codec), None
        except UnicodeDecodeError as err:
            if i + 1 < len(tries):
                continue
            stripped = codec == "utf-8-sig" and data.startswith(codecs.BOM_UTF8)  # positions count after the BOM
            start = err.start + (len(codecs.BOM_UTF8) if stripped else 0)
            bad, line = data[start], data.count(b"\n", 0, start) + 1
            if mixed:
                message = (
                    f"byte 0x{bad:02X} tidak dapat dibaca sebagai UTF-8, padahal bagian lain berkas ini UTF-8: "
                    "berkas mencampur pengodean; perbaiki sel ini lalu simpan ulang sebagai CSV UTF-8"
                )
            else:
                what = f"sebagai {name}" if encoding else "sebagai UTF-8 maupun Windows-1252 (cp1252)"
                hint = "periksa 'pengodean' (utf-8, cp1252 atau latin-1)" if encoding else "tetapkan 'pengodean'"
                message = f"byte 0x{bad:02X} tidak dapat dibaca {what}; simpan ulang sebagai CSV UTF-8 atau {hint}"
            return data.decode(codec, errors="replace"), _Undecodable(bad, line, message)
    raise AssertionError("unreachable")


def _undecodable(table: _Table, found: _Undecodable, shown: Path) -> Problem:
    """The problem of an undecodable byte, at its line and, when the line is a row, its column."""
    rows = dict(zip(table.lines, table.rows, strict=True))
    cells = table.header if found.line == table.header_line else rows.get(found.line, ())
    position = next((i for i, cell in enumerate(cells) if "\ufffd" in cell), None)
    if position is None:
        return Problem(shown, found.message, line=found.line)
    key = table.header[position] if position < len(table.header) and found.line != table.header_line else ""
    return Problem(shown, found.message, line=found.line, column=position + 1, key=key)


def _split(text: str, separator: str | None, shown: Path) -> _Table:
    lines = text.splitlines()
    skip = 0
    if lines and re.fullmatch(r"sep=.", lines[0].strip()):
        separator, skip = separator or lines[0].strip()[4], 1
    header_text = next((line for line in lines[skip:] if line.strip()), "")
    separator = separator or _guess_separator(header_text, text)
    records = _records(text, separator, skip, shown)
    records = [(line, cells) for line, cells in records if any(c.strip() for c in cells)]
    if not records:
        raise InputError([Problem(shown, "berkas CSV kosong; diharapkan baris judul kolom lalu data")])
    (header_line, header), rows = records[0], records[1:]
    header = tuple(c.strip() for c in header)
    while header and not header[-1]:  # Excel writes empty headers for formatted but unused columns
        header = header[:-1]
    return _Table(separator, header_line, header, tuple(line for line, _ in rows), tuple(tuple(c) for _, c in rows))


def _guess_separator(header: str, text: str) -> str:
    outside_quotes = re.sub(r'"[^"]*"', "", header)
    counts = {sep: outside_quotes.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda sep: counts[sep])
    if counts[best]:
        return best
    return next((sep for sep in _SEPARATORS if sep not in text), ";")  # one column: split nothing


def _records(text: str, separator: str, skip: int, shown: Path) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records, previous = [], 0
    try:
        for cells in reader:
            if reader.line_num > skip:
                records.append((previous + 1, cells))
            previous = reader.line_num
            if len(records) > MAX_ROWS or len(cells) > MAX_COLUMNS:
                what = f"{MAX_ROWS:,} baris" if len(records) > MAX_ROWS else f"{MAX_COLUMNS:,} kolom"
                message = f"berkas CSV terlalu besar: lebih dari {what.replace(',', '.')}"
                raise InputError([Problem(shown, message, line=previous)])
    except csv.Error as err:
        raise InputError([Problem(shown, _quote_message(str(err), separator), line=previous + 1)]) from None
    return records


def _quote_message(error: str, separator: str) -> str:
    if "field larger than field limit" in error:
        return f"sel terlalu panjang (lebih dari {csv.field_size_limit():,} karakter)".replace(",", ".")
    if "end of data" in error:
        return 'tanda kutip (") dibuka tetapi tidak ditutup sampai akhir berkas'
    name = _SEPARATOR_NAMES.get(separator, repr(separator))
    return f'setelah tanda kutip penutup (") diharapkan pemisah {name}; tanda kutip di dalam sel ditulis dua kali ("")'


# --- header and row shape -----------------------------------------------------------------


def _locate(table: _Table, specs: Sequence[ColumnSpec], shown: Path) -> tuple[dict[str, int], list[Problem]]:
    found, problems = {}, []
    listing = ", ".join(f"'{h}'" for h in table.header if h)
    for spec in specs:
        positions = [i for i, h in enumerate(table.header) if h == spec.name]
        if len(positions) > 1:
            where = " dan ".join(str(i + 1) for i in positions)
            message = f"kolom '{spec.name}' muncul lebih dari sekali (kolom ke-{where})"
            problems.append(Problem(shown, message, line=table.header_line, column=positions[1] + 1, key=spec.name))
        elif positions:
            found[spec.name] = positions[0]
        elif spec.required:
            hint = suggest(spec.name, [h for h in table.header if h])
            message = f"kolom '{spec.name}' tidak ditemukan.{hint} Kolom yang ada: {listing}"
            problems.append(Problem(shown, message, line=table.header_line, key=spec.name))
    return found, problems


def _overfull(table: _Table, shown: Path) -> list[Problem]:
    width, name = len(table.header), _SEPARATOR_NAMES.get(table.separator, repr(table.separator))
    return [
        Problem(
            shown,
            f"baris ini berisi {_filled(cells)} sel, padahal baris judul hanya {width} kolom; "
            f"periksa pemisah kolom ({name}) dan apit dengan tanda kutip nilai yang memuat {name}",
            line=line,
            column=width + 1,
        )
        for line, cells in zip(table.lines, table.rows, strict=True)
        if _filled(cells) > width
    ]


def _filled(cells: Sequence[str]) -> int:
    """Cells up to the last non-empty one (trailing empty cells are Excel padding)."""
    return max((i + 1 for i, c in enumerate(cells) if c.strip()), default=0)


def _control_characters(table: _Table, shown: Path) -> list[Problem]:
    """A control character in a cell (often pasted from another program) at its row and column."""
    problems = []
    for line, cells in zip(table.lines, table.rows, strict=True):
        for position, cell in enumerate(cells):
            found = _CONTROL.search(cell)
            if found:
                key = table.header[position] if position < len(table.header) else ""
                message = f"karakter kendali U+{ord(found[0]):04X} tidak boleh ada di sel; hapus karakter itu"
                problems.append(Problem(shown, message, line=line, column=position + 1, key=key))
    return problems


def _capped(problems: list[Problem], shown: Path) -> list[Problem]:
    problems = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem(shown, f"... dan {rest} kesalahan lain", stands_for=rest)]


# --- cells to values ----------------------------------------------------------------------


def _convert(
    table: _Table, spec: ColumnSpec, position: int, decimal: str | None, shown: Path
) -> tuple[list[object], list[Problem]]:
    cells = [row[position].strip() if position < len(row) else "" for row in table.rows]
    if spec.kind in ("angka", "bulat"):
        decimal = decimal or _detect_decimal(cells, table.separator)
    if spec.required and spec.blanks and cells and not any(cells):
        message = f"kolom '{spec.name}' kosong di semua baris; diharapkan paling sedikit satu {_EXPECTED[spec.kind]}"
        problem = Problem(shown, message, line=table.header_line, column=position + 1, key=spec.name)
        return [None] * len(cells), [problem]
    values, problems = [], []
    for line, cell in zip(table.lines, cells, strict=True):
        value, message = _value(spec, cell, decimal)
        values.append(value)
        if message:
            problems.append(Problem(shown, message, line=line, column=position + 1, key=spec.name))
    return values, problems


def _value(spec: ColumnSpec, cell: str, decimal: str | None) -> tuple[object, str | None]:
    """The typed value of one cell and the problem with it, if any."""
    if not cell:
        return None, (f"sel kosong; diharapkan {_EXPECTED[spec.kind]}" if spec.required and not spec.blanks else None)
    if spec.kind == "teks":
        return cell, None
    if spec.kind == "tanggal":
        date = _date(cell)
        return date, (None if date else f"diharapkan {_EXPECTED['tanggal']}; ditemukan {describe(cell)}")
    plain = _number(cell, decimal or ",")
    if plain is None:
        return None, f"diharapkan {_EXPECTED[spec.kind]}; ditemukan {describe(cell)}"
    if len(plain) - plain.count(".") - plain.count("-") > MAX_DIGITS:  # rare: then the exact value decides
        exact = Decimal(plain)
        if abs(exact) >= MAX_NUMBER:
            limit = angka(MAX_NUMBER)
            return None, f"angka terlalu besar: {describe(cell)}; diharapkan kurang dari 1.000 triliun ({limit})"
        if len(exact.normalize().as_tuple().digits) > MAX_DIGITS:
            return None, (
                f"angka {describe(cell)} memuat lebih dari {MAX_DIGITS} angka bermakna, lebih dari yang dapat "
                "dihitung tepat; bulatkan di lembar kerja"
            )
    number = float(plain)  # at most 15 significant digits: the float holds it exactly enough to print
    if spec.kind == "bulat" and not number.is_integer():
        return None, f"diharapkan {_EXPECTED[spec.kind]}; ditemukan {describe(cell)}"
    low, high = spec.minimum, spec.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        return None, f"diharapkan {_EXPECTED[spec.kind]} {_bounds(low, high)}; ditemukan {cell}"
    return (int(number) if spec.kind == "bulat" else number), None


def _bounds(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{angka(low)} sampai {angka(high)}"
    return f"minimal {angka(low)}" if low is not None else f"maksimal {angka(high)}"


def _series(spec: ColumnSpec, values: list[object], index: pd.Index) -> pd.Series:
    if spec.kind == "teks":
        return pd.Series(["" if v is None else v for v in values], index=index, dtype=str)
    if spec.kind == "angka":
        return pd.Series([math.nan if v is None else v for v in values], index=index, dtype="float64")
    if spec.kind == "bulat":
        return pd.Series(values, index=index, dtype="int64" if spec.required and not spec.blanks else "Int64")
    return pd.Series(values, index=index, dtype=object)


def _date(cell: str) -> dt.date | None:
    for pattern, order in _DATES:
        match = pattern.fullmatch(cell)
        if match:
            parts = [int(g) for g in match.groups()]
            try:
                return dt.date(*(parts[i] for i in order))
            except ValueError:
                return None
    return None


def _clean_number(cell: str) -> tuple[bool, str]:
    """Whether `cell` is negative, and its digits and signs without Rp, %, spaces or sign."""
    text = _SPACES.sub("", cell).replace("\u2212", "-")
    negative = text.startswith("-")
    text = text.lstrip("+-")
    if text[:2].lower() == "rp":
        text = text[2:].removeprefix(".")
        negative = negative or text.startswith("-")
        text = text.lstrip("-")
    return negative, text.removesuffix("%")


def _number(cell: str, decimal: str) -> str | None:
    negative, text = _clean_number(cell)
    group = "." if decimal == "," else ","
    pattern = rf"(?:[0-9]+|[0-9]{{1,3}}(?:{re.escape(group)}[0-9]{{3}})+)?(?:{re.escape(decimal)}[0-9]+)?"
    if not re.search("[0-9]", text) or not re.fullmatch(pattern, text):
        return None
    plain = text.replace(group, "").replace(decimal, ".")
    return "-" + plain if negative else plain


def _detect_decimal(cells: Sequence[str], separator: str) -> str:
    votes = Counter(sign for sign in (_decimal_evidence(_clean_number(c)[1]) for c in cells if c) if sign)
    default = "." if separator == "," else ","
    ranked = votes.most_common()
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return default
    return ranked[0][0]


def _decimal_evidence(text: str) -> str | None:
    """The decimal sign `text` proves, or None when it could be either ('1.250', '12')."""
    if "," in text and "." in text:
        return "," if text.rfind(",") > text.rfind(".") else "."
    for sign, other in ((",", "."), (".", ",")):
        if text.count(sign) > 1:
            return other
        if text.count(sign) == 1 and len(text) - text.index(sign) - 1 != 3:
            return sign
    return None
