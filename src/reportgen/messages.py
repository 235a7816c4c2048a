"""Turn the English messages of PyYAML, pydantic, Jinja and Python into the Indonesian authors read.

One table for the four stages that meet them (yamlsource, validate, the page templates in render,
author text in sandbox), so that every English message an author may be shown is found, and
worded, in one place. It imports nothing beyond the standard library: reading YAML and validating
it must not load Jinja.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Kinds of value as the author reads them, by the Python type name the libraries' messages give.
_TYPES = {
    "int": "bilangan bulat",
    "float": "bilangan",
    "str": "teks",
    "list": "daftar",
    "tuple": "daftar",
    "dict": "pemetaan",
    "Figures": "data",
    "NoneType": "nilai kosong",
    "bool": "nilai ya/tidak",
    "Markup": "teks",
    "Figure": "nilai data (angka yang sudah diformat untuk dibaca; hitungan ditulis di berkas data)",
}


def _type_name(name: str) -> str:
    """A Python type name as the author reads it: 'int' -> 'bilangan bulat'; others unchanged."""
    return _TYPES.get(name, name)


def _described(obj: str) -> str:
    """Jinja's 'int object' as the author reads it: 'bilangan bulat'; a name stays quoted."""
    if obj.endswith(" object"):
        return _type_name(obj.removesuffix(" object").rpartition(".")[2])
    return f"'{obj}'"


_TOKENS = {"end of print statement": "'}}'", "end of statement block": "'%}'"}

# How a group of an English pattern is shown in the Indonesian, by the group's name.
_SHOWN = {
    "a": _type_name,
    "b": _type_name,
    "got": _type_name,
    "obj": _described,
    "token": lambda token: _TOKENS.get(token, f"'{token}'"),
    "what": lambda what: "filter" if what == "filter" else "uji (is ...)",
}


@dataclass(frozen=True)
class Translation:
    """One row: where a message comes from, its English (a pattern searched in it), its Indonesian.

    `{name}` in the Indonesian is the pattern's group of that name, shown as `_SHOWN` says; `{text}`
    is the whole English message and `{error}` the exception's class name. No other brace is read,
    so Jinja's `{{ }}` and `{% %}` are written as they are. A row with `error` applies only to an
    exception of that class or a subclass.
    """

    source: str  # "yaml", "pydantic", "jinja" or "python"
    english: re.Pattern[str]
    indonesian: str
    error: str = ""


def _starts(text: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(text))


def _is(*words: str) -> re.Pattern[str]:
    return re.compile("^(?:" + "|".join(map(re.escape, words)) + ")$")


_ANY = re.compile("")
_UNKNOWN_FILTER_OR_TEST = re.compile(r"No (?P<what>filter|test) named '(?P<name>[^']+)'")


def _yaml(english: str, indonesian: str) -> Translation:
    return Translation("yaml", _starts(english), indonesian)


def _pydantic(indonesian: str, *kinds: str) -> Translation:
    return Translation("pydantic", _is(*kinds), indonesian)


def _jinja(english: str | re.Pattern[str], indonesian: str) -> Translation:
    return Translation("jinja", english if isinstance(english, re.Pattern) else _starts(english), indonesian)


def _python(english: str | re.Pattern[str], indonesian: str, error: str = "") -> Translation:
    return Translation(
        "python", re.compile(re.escape(english)) if isinstance(english, str) else english, indonesian, error
    )


_ENDS = "berkas berakhir sebelum nilai ditulis (kurung atau tanda kutip yang dibuka belum ditutup?)"
_TAB = "karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi"
_ITEM_INDENT = "indentasi butir daftar (-) tidak sesuai"
_ONE_DOCUMENT = "berkas hanya boleh berisi satu dokumen YAML (tanpa '---' kedua)"

TABLE: tuple[Translation, ...] = (
    # PyYAML's syntax errors, by the start of the problem it names (the pure-Python loader's words).
    _yaml(
        "mapping values are not allowed here",
        "tanda titik dua (:) tidak boleh ada di sini; apakah teksnya perlu diapit tanda kutip?",
    ),
    _yaml("could not find expected ':'", "tanda titik dua (:) setelah nama kunci tidak ditemukan"),
    _yaml("found character '\\t' that cannot start any token", _TAB),
    _yaml("found a tab character that violates indentation", _TAB),
    _yaml(
        "did not find expected key",
        "indentasi tidak sesuai: kunci berikutnya tidak ditemukan di tempat yang diharapkan",
    ),
    _yaml("expected <block end>, but found '-'", _ITEM_INDENT),
    _yaml("did not find expected '-' indicator", _ITEM_INDENT),
    _yaml("found unexpected end of stream", "berkas berakhir sebelum teks yang diapit tanda kutip ditutup"),
    _yaml("found undefined alias", "alias (*) merujuk ke jangkar (&) yang tidak ada"),
    _yaml("expected a single document in the stream", _ONE_DOCUMENT),
    _yaml("did not find expected node content", _ENDS),
    _yaml("expected the node content, but found '<stream end>'", _ENDS),
    _yaml("expected the node content, but found ':'", "nilai tidak boleh diawali ':'; apit teksnya dengan tanda kutip"),
    _yaml("but found another document", _ONE_DOCUMENT),
    _yaml("expected <block end>, but found '<block sequence start>'", _ITEM_INDENT),
    _yaml(
        "expected <block end>, but found '<block mapping start>'",
        "indentasi tidak sesuai: kunci ini tidak sejajar dengan kunci di atasnya",
    ),
    _yaml(
        "expected <block end>, but found '<scalar>'",
        "indentasi tidak sesuai, atau teks sebelumnya tidak "
        "ditutup dengan benar (tanda kutip, atau '{{' yang dibaca sebagai pemetaan: tulis teksnya sebagai blok "
        "'teks: |')",
    ),
    _yaml(
        "expected ',' or ']'",
        "daftar yang dibuka dengan '[' tidak ditutup dengan ']' di tempat yang "
        "diharapkan; teks yang memuat ':' atau ',' perlu diapit tanda kutip",
    ),
    _yaml(
        "expected ',' or '}'",
        "pemetaan yang dibuka dengan '{' tidak ditutup dengan '}' di tempat yang "
        "diharapkan; teks yang diawali '{{' perlu ditulis sebagai blok 'teks: |' atau diapit tanda kutip",
    ),
    _yaml(
        "found unknown escape character",
        "urutan '\\' tidak dikenal di teks bertanda kutip ganda; pakai tanda kutip tunggal (')",
    ),
    _yaml(
        "could not determine a constructor for the tag",
        "tanda '!...' (tag YAML) tidak dikenal; hapus tanda itu atau apit teksnya dengan tanda kutip",
    ),
    _yaml(
        "expected chomping or indentation indicators",
        "setelah '|' atau '>' hanya boleh ada '-', '+' atau angka indentasi; teksnya ditulis mulai baris berikutnya",
    ),
    _yaml(
        "expected alphabetic or numeric character",
        "setelah '*' atau '&' harus ada nama jangkar; bila "
        "maksudnya tanda bintang atau '&', apit teksnya dengan tanda kutip",
    ),
    _yaml("expected <block end>, but found ']'", "tanda ']' berlebih, atau kurung siku tidak berpasangan"),
    _yaml("expected <block end>, but found '}'", "tanda '}' berlebih, atau kurung kurawal tidak berpasangan"),
    _yaml(
        "sequence entries are not allowed here",
        "butir daftar (- ...) tidak boleh di sini; tulis di baris "
        "berikutnya dengan indentasi, atau apit teksnya dengan tanda kutip",
    ),
    _yaml(
        "found character '@' that cannot start any token",
        "nilai tidak boleh diawali '@'; apit teksnya dengan tanda kutip",
    ),
    _yaml(
        "found character '`' that cannot start any token",
        "nilai tidak boleh diawali '`'; apit teksnya dengan tanda kutip",
    ),
    _yaml(
        "found character '%' that cannot start any token",
        "nilai tidak boleh diawali '%'; apit teksnya dengan tanda kutip",
    ),
    # pydantic's error types: the kind of value that was expected, as it is written in YAML.
    _pydantic("teks", "string_type"),
    _pydantic("bilangan bulat", "int_type", "int_parsing", "int_from_float"),
    _pydantic("bilangan", "float_type", "float_parsing"),
    _pydantic("nilai ya/tidak (true atau false)", "bool_type", "bool_parsing"),
    _pydantic("daftar (butir-butir diawali '-')", "list_type"),
    _pydantic("pemetaan (kunci: nilai)", "dict_type", "model_type", "model_attributes_type"),
    _pydantic(
        "tanggal berformat TTTT-BB-HH, mis. 2026-11-22", "date_type", "date_parsing", "date_from_datetime_parsing"
    ),
    _pydantic("tanggal tanpa jam, berformat TTTT-BB-HH", "date_from_datetime_inexact"),
    # Jinja's messages for the mistakes authors make, in templates and in author text.
    _jinja(re.compile(r"^'(?P<name>[^']+)' is undefined$"), "nama '{name}' tidak dikenal di teks laporan"),
    _jinja(
        re.compile(r"^'(?P<obj>[^']+)' (?:object )?has no attribute '(?P<name>[^']+)'$"),
        "{obj} tidak mempunyai '{name}'",
    ),
    _jinja(re.compile(r"^'?(?P<obj>.+?)'? has no element (?P<key>.+)$"), "{obj} tidak mempunyai butir {key}"),
    _jinja(
        re.compile(r"^No caller defined$"),
        "caller() hanya dapat dipakai di dalam makro yang dipanggil dengan '{% call %}'",
    ),
    _jinja(
        re.compile(r"(?i)^unexpected end of template"),
        "templat berakhir sebelum blok ditutup (kurang '{% end... %}' atau '}}')",
    ),
    _jinja(re.compile(r"(?is)^unexpected.?(?P<rest>.*)"), "tanda tidak terduga ({rest})"),
    _jinja(
        re.compile(r"^Encountered unknown tag '(?P<tag>[^']+)'"),
        "tag '{% {tag} %}' tidak dikenal atau tidak pada tempatnya (tidak ada blok yang dibukanya)",
    ),
    _jinja(
        re.compile(r"^expected token '(?P<token>[^']+)', got '(?P<found>[^']*)'"),
        "diharapkan {token}, ditemukan '{found}'",
    ),
    _jinja("Expected an expression", "ekspresi kosong atau tidak lengkap di dalam '{{ }}' atau '{% %}'"),
    # Python's messages for what fails while author text runs, in the order they are looked for.
    _python(_ANY, "pembagian dengan nol", "ZeroDivisionError"),
    _python(_ANY, "teks bagian ini memerlukan memori terlalu besar", "MemoryError"),
    _python(_ANY, "bilangan terlalu besar untuk dihitung", "OverflowError"),
    _python(_UNKNOWN_FILTER_OR_TEST, "{what} '{name}' tidak dikenal"),
    _python(
        re.compile(r"unsupported operand type\(s\) for (?P<op>\S+): '(?P<a>\w+)' and '(?P<b>\w+)'"),
        "operasi '{op}' tidak dapat dilakukan antara {a} dan {b}",
    ),
    _python(
        re.compile(r'can only concatenate (?P<a>\w+) \(not "(?P<b>\w+)"\) to'),
        "{a} tidak dapat digabung dengan {b} memakai '+'",
    ),
    _python(
        re.compile(r"%(?P<code>\w) format: (?:a|an) (?P<want>[\w ]+) is required, not (?P<got>\w+)"),
        "format '%{code}' memerlukan bilangan, bukan {got}",
    ),
    _python(
        re.compile("not all arguments converted|not enough arguments for format"),
        "jumlah nilai tidak sesuai dengan format '%'",
    ),
    _python(
        re.compile(r"'(?P<a>\w+)' object is not iterable"),
        "{a} bukan daftar, jadi tidak dapat diulang atau dijumlahkan; diharapkan daftar",
    ),
    _python(_ANY, "kunci {text} tidak ada", "KeyError"),
    _python(_ANY, "butir yang diminta tidak ada (nomor urutnya di luar daftar)", "IndexError"),
    _python("Exceeds the limit", "bilangan terlalu panjang untuk ditulis (lebih dari 4.300 angka)"),
    _python("unpack", "jumlah nama di 'for' atau 'set' tidak sesuai dengan isi daftar"),
    _python(_ANY, "argumen filter tidak valid ({text})", "FilterArgumentError"),
    _python(_ANY, "nilai tidak cocok untuk perintah ini ({text})", "TypeError"),
    _python(_ANY, "nilai tidak valid untuk perintah ini ({text})", "ValueError"),
    _python(_ANY, "teks tidak dapat dijalankan ({error}: {text})"),
)

_PLACE = re.compile(r"\{(\w+)\}")


def translate(source: str, english: str, error: BaseException | None = None) -> str | None:
    """`english` from `source` in Indonesian, by the first row of TABLE that matches; None if no row does.

    `error` is the exception that said it, for rows that apply to one class of exception.
    """
    classes = {cls.__name__ for cls in type(error).__mro__} if error is not None else set()
    for row in TABLE:
        if row.source != source or (row.error and row.error not in classes):
            continue
        if found := row.english.search(english):
            return _filled(row.indonesian, {"text": english, "error": type(error).__name__, **found.groupdict()})
    return None


def unknown_filter_or_test(message: str) -> str | None:
    """Jinja's "No filter named 'x'" as the author reads it, else None: told alike when compiling and running."""
    return translate("python", message) if _UNKNOWN_FILTER_OR_TEST.search(message) else None


def _filled(indonesian: str, fields: dict[str, str]) -> str:
    """`indonesian` with each `{name}` of `fields` put in, shown as `_SHOWN` says."""
    return _PLACE.sub(lambda m: _SHOWN.get(m[1], str)(fields[m[1]]) if m[1] in fields else m[0], indonesian)
