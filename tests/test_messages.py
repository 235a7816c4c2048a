"""The one table of translations: each library's English message in, the exact Indonesian out."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel, ConfigDict

from reportgen import messages, validate, yamlsource
from reportgen.errors import InputError
from tests.test_stages import loaded_after

TRANSLATED = [
    # PyYAML: the start of the problem it names
    (
        "yaml",
        "mapping values are not allowed here",
        "tanda titik dua (:) tidak boleh ada di sini; apakah teksnya perlu diapit tanda kutip?",
    ),
    (
        "yaml",
        "found character '\\t' that cannot start any token",
        "karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi",
    ),
    (
        "yaml",
        "expected ',' or ']', but got '}'",
        "daftar yang dibuka dengan '[' tidak ditutup dengan ']' di tempat "
        "yang diharapkan; teks yang memuat ':' atau ',' perlu diapit tanda kutip",
    ),
    (
        "yaml",
        "expected <block end>, but found '<block mapping start>'",
        "indentasi tidak sesuai: kunci ini tidak sejajar dengan kunci di atasnya",
    ),
    (
        "yaml",
        "found unknown escape character 'q'",
        "urutan '\\' tidak dikenal di teks bertanda kutip ganda; pakai tanda kutip tunggal (')",
    ),
    ("yaml", "but found another document", "berkas hanya boleh berisi satu dokumen YAML (tanpa '---' kedua)"),
    ("yaml", "found character '$' that cannot start any token", None),
    ("yaml", "an unexpected problem", None),
    # pydantic: the error type, exactly
    ("pydantic", "int_parsing", "bilangan bulat"),
    ("pydantic", "int_parsing_size", None),
    ("pydantic", "string_type", "teks"),
    ("pydantic", "bool_parsing", "nilai ya/tidak (true atau false)"),
    ("pydantic", "model_attributes_type", "pemetaan (kunci: nilai)"),
    ("pydantic", "date_from_datetime_parsing", "tanggal berformat TTTT-BB-HH, mis. 2026-11-22"),
    ("pydantic", "date_from_datetime_inexact", "tanggal tanpa jam, berformat TTTT-BB-HH"),
    # Jinja: templates and author text
    ("jinja", "'nilai' is undefined", "nama 'nilai' tidak dikenal di teks laporan"),
    ("jinja", "'int object' has no attribute 'foo'", "bilangan bulat tidak mempunyai 'foo'"),
    ("jinja", "'jinja2.utils.Namespace object' has no attribute 'z'", "Namespace tidak mempunyai 'z'"),
    ("jinja", "'ringkasan' has no attribute 'nilai'", "'ringkasan' tidak mempunyai 'nilai'"),
    ("jinja", "'list object' has no element 5", "daftar tidak mempunyai butir 5"),
    ("jinja", "'Figures object' has no element 'k'", "data tidak mempunyai butir 'k'"),
    ("jinja", "No caller defined", "caller() hanya dapat dipakai di dalam makro yang dipanggil dengan '{% call %}'"),
    (
        "jinja",
        "Unexpected end of template. Jinja was looking for the following tags: 'endfor'",
        "templat berakhir sebelum blok ditutup (kurang '{% end... %}' atau '}}')",
    ),
    ("jinja", "unexpected char '!' at 5", "tanda tidak terduga (char '!' at 5)"),
    ("jinja", "unexpected '}'", "tanda tidak terduga ('}')"),
    (
        "jinja",
        "Encountered unknown tag 'endfor'.",
        "tag '{% endfor %}' tidak dikenal atau tidak pada tempatnya (tidak ada blok yang dibukanya)",
    ),
    ("jinja", "expected token 'end of print statement', got 'y'", "diharapkan '}}', ditemukan 'y'"),
    ("jinja", "expected token 'end of statement block', got '}'", "diharapkan '%}', ditemukan '}'"),
    ("jinja", "expected token ',', got 'in'", "diharapkan ',', ditemukan 'in'"),
    (
        "jinja",
        "Expected an expression, got 'end of print statement'",
        "ekspresi kosong atau tidak lengkap di dalam '{{ }}' atau '{% %}'",
    ),
    ("jinja", "'x' is undefined, twice", None),
    ("jinja", "something else entirely", None),
]


@pytest.mark.parametrize(("source", "english", "indonesian"), TRANSLATED, ids=[f"{s}: {e}" for s, e, _ in TRANSLATED])
def test_a_message_is_translated(source, english, indonesian):
    assert messages.translate(source, english) == indonesian


def raised(code: str) -> BaseException:
    try:
        exec(code, {})
    except BaseException as err:  # the exception is the input
        return err
    raise AssertionError(f"{code} raised nothing")


RAISED = [
    ("1 / 0", "pembagian dengan nol"),
    ("raise MemoryError", "teks bagian ini memerlukan memori terlalu besar"),
    ("2.0 ** 10000", "bilangan terlalu besar untuk dihitung"),
    ("1 + 'a'", "operasi '+' tidak dapat dilakukan antara bilangan bulat dan teks"),
    ("None - 1", "operasi '-' tidak dapat dilakukan antara nilai kosong dan bilangan bulat"),
    ("'a' + 1", "teks tidak dapat digabung dengan bilangan bulat memakai '+'"),
    ("[1] + 'a'", "daftar tidak dapat digabung dengan teks memakai '+'"),
    ("'%d' % 'x'", "format '%d' memerlukan bilangan, bukan teks"),
    ("'%s %s' % (1,)", "jumlah nilai tidak sesuai dengan format '%'"),
    ("'%s' % (1, 2)", "jumlah nilai tidak sesuai dengan format '%'"),
    ("iter(5)", "bilangan bulat bukan daftar, jadi tidak dapat diulang atau dijumlahkan; diharapkan daftar"),
    ("{}['k']", "kunci 'k' tidak ada"),
    ("[][3]", "butir yang diminta tidak ada (nomor urutnya di luar daftar)"),
    ("int('9' * 5000)", "bilangan terlalu panjang untuk ditulis (lebih dari 4.300 angka)"),
    ("a, b = [1]", "jumlah nama di 'for' atau 'set' tidak sesuai dengan isi daftar"),
    ("raise TypeError(\"No filter named 'foo'\")", "filter 'foo' tidak dikenal"),
    ("raise ValueError(\"No test named 'bar'\")", "uji (is ...) 'bar' tidak dikenal"),
    ("from jinja2.exceptions import FilterArgumentError as E; raise E('bad')", "argumen filter tidak valid (bad)"),
    ("len(5)", "nilai tidak cocok untuk perintah ini (object of type 'int' has no len())"),
    ("int('x')", "nilai tidak valid untuk perintah ini (invalid literal for int() with base 10: 'x')"),
    ("raise RuntimeError('boom')", "teks tidak dapat dijalankan (RuntimeError: boom)"),
]


@pytest.mark.parametrize(("code", "indonesian"), RAISED, ids=[code for code, _ in RAISED])
def test_an_exception_raised_in_author_text_is_translated(code, indonesian):
    err = raised(code)
    assert messages.translate("python", str(err), err) == indonesian


def test_an_unknown_filter_reads_alike_when_compiling_and_running():
    assert messages.unknown_filter_or_test("No filter named 'bulatkan'.") == "filter 'bulatkan' tidak dikenal"
    assert messages.unknown_filter_or_test("unexpected '}'") is None


@pytest.mark.parametrize("row", [r for r in messages.TABLE if r.source == "yaml"], ids=lambda r: r.english.pattern)
def test_no_yaml_row_is_hidden_by_an_earlier_one(row):
    english = re.sub(r"\\(.)", r"\1", row.english.pattern.removeprefix("^"))
    assert messages.translate("yaml", english) == row.indonesian


@pytest.mark.parametrize("row", messages.TABLE, ids=lambda r: f"{r.source}: {r.english.pattern}")
def test_every_place_in_a_translation_is_filled(row):
    places = set(re.findall(r"\{(\w+)\}", row.indonesian))
    assert places <= {*row.english.groupindex, "text", "error"}


def test_reading_the_table_loads_no_library():
    assert [
        m for m in loaded_after("import reportgen.messages") if m.split(".")[0] in ("jinja2", "yaml", "pydantic")
    ] == []


# The stages that use the table, on real files.


def problems(tmp_path, text: str, model: type[BaseModel]) -> list[str]:
    path = tmp_path / "laporan.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        validate.validate(yamlsource.load(path), model)
    except InputError as err:
        return [f"{p.line}:{p.column}: {p.key}: {p.message}" for p in err.problems]
    return []


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid")
    judul: str
    tahun: int
    bagian: list[str] = []


def test_yaml_syntax_is_told_in_indonesian(tmp_path):
    said = problems(tmp_path, "judul: Evaluasi: Program\ntahun: 2026\n", Report)
    assert said == [
        "1:16: : sintaks YAML tidak valid: tanda titik dua (:) tidak boleh ada di sini; apakah teksnya perlu diapit "
        "tanda kutip?"
    ]


def test_an_untranslated_yaml_problem_is_shown_as_pyyaml_says_it(tmp_path):
    said = problems(tmp_path, 'judul: "\\x4z"\ntahun: 2026\n', Report)
    assert said == [
        "1:11: : sintaks YAML tidak valid: expected escape sequence of 2 hexadecimal numbers, but found 'z'"
    ]


def test_a_value_of_the_wrong_kind_names_the_kind_expected(tmp_path):
    said = problems(tmp_path, "judul: [a]\ntahun: dua ribu\nbagian: teks\n", Report)
    assert said == [
        "1:8: judul: diharapkan teks; ditemukan daftar",
        "2:8: tahun: diharapkan bilangan bulat; ditemukan 'dua ribu'",
        "3:9: bagian: diharapkan daftar (butir-butir diawali '-'); ditemukan 'teks'",
    ]
