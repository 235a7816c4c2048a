"""Noted mistakes: every one at its line, the text run on, and template errors in the author's words."""

from __future__ import annotations

import jinja2
import pytest

from reportgen import sandbox

CONTEXT = {"wilayah": "Kab. Contoh", "tahun": 2026, "angka": [1, 2, 3]}


def mistakes(text: str) -> list[tuple[str, int | None, str | None]]:
    try:
        sandbox.expand(sandbox.environment(), text, CONTEXT)
    except sandbox.AuthorTextError as err:
        return [(m.message, m.line, m.needle) for m in err.mistakes]
    return []


def test_every_use_of_an_unknown_name_is_noted_at_its_line_and_the_text_runs_on():
    text = "{{ wilayh }}\n{{ tahun + 1 }}\n{{ wilayh }} {{ bulan }}"
    known = "Nama yang dikenal: angka, tahun, wilayah"
    wilayh = f"nama 'wilayh' tidak dikenal di teks laporan. Mungkin maksud Anda 'wilayah'? {known}"
    assert mistakes(text) == [
        (wilayh, 1, "wilayh"),
        (wilayh, 3, "wilayh"),
        (f"nama 'bulan' tidak dikenal di teks laporan. {known}", 3, "bulan"),
    ]


TOLD = [
    ("{{ tahun.foo }}", ("bilangan bulat tidak mempunyai 'foo'", 1, "foo")),
    ("\n{{ angka[10] }}", ("daftar tidak mempunyai butir 10", 2, None)),
    ("{{ angka.__class__ }}", ("akses ke '__class__' tidak diizinkan di teks laporan", 1, "__class__")),
    ("{{ [].append(1) }}", ("akses ke 'append' tidak diizinkan di teks laporan", 1, "append")),
    ("\n{{ tahun + 'a' }}", ("operasi '+' tidak dapat dilakukan antara bilangan bulat dan teks", 2, None)),
    (
        "{% for x in tahun %}{% endfor %}",
        ("bilangan bulat bukan daftar, jadi tidak dapat diulang atau dijumlahkan; diharapkan daftar", 1, None),
    ),
    ("{{ tahun | bulatkan }}", ("filter 'bulatkan' tidak dikenal", None, None)),  # found compiling: no line
    ("{% if tahun is genap %}{% endif %}", ("uji (is ...) 'genap' tidak dikenal", 1, None)),
    (
        "a\n{% if tahun %}x",
        (
            "sintaks templat tidak valid: templat berakhir sebelum blok ditutup (kurang '{% end... %}' atau '}}')",
            2,
            None,
        ),
    ),
    ("{{ tahun tahun }}", ("sintaks templat tidak valid: diharapkan '}}', ditemukan 'tahun'", 1, None)),
    (
        "{% endfor %}",
        (
            "sintaks templat tidak valid: tag '{% endfor %}' tidak dikenal atau tidak pada tempatnya "
            "(tidak ada blok yang dibukanya)",
            1,
            None,
        ),
    ),
    (
        "{% macro m() %}{{ caller() }}{% endmacro %}{{ m() }}",
        ("caller() hanya dapat dipakai di dalam makro yang dipanggil dengan '{% call %}'", 1, None),
    ),
]


@pytest.mark.parametrize(("text", "told"), TOLD, ids=[text for text, _ in TOLD])
def test_a_mistake_is_told_in_the_authors_words(text, told):
    assert mistakes(text) == [told]


def test_a_note_outside_author_text_is_raised_at_once():
    with pytest.raises(sandbox.AuthorTextError) as raised:
        sandbox.note("tabel 'x' tidak ada", "x")
    assert raised.value.mistakes == (sandbox.Mistake("tabel 'x' tidak ada", None, "x"),)


def test_a_note_from_a_function_the_text_calls_is_at_the_calling_line():
    def tabel(name: str) -> object:
        sandbox.note(f"tabel '{name}' tidak ada", name)
        return sandbox.stand_in()

    env = sandbox.environment()
    with pytest.raises(sandbox.AuthorTextError) as raised:
        sandbox.expand(env, "satu\n{{ tabel('ikm').judul }} {{ tabel('ikm') + 1 }}", {"tabel": tabel})
    assert raised.value.mistakes == (sandbox.Mistake("tabel 'ikm' tidak ada", 2, "ikm"),)


def page_error(source: str, **context: object) -> BaseException:
    """The error our own templates raise (autoescape, missing names fail) for `source`."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    try:
        env.from_string(source).render(context)
    except Exception as err:  # the error is the input
        return err
    raise AssertionError(f"{source} raised nothing")


EXPLAINED = [
    ("{{ judul }}", {}, "nama 'judul' tidak dikenal di teks laporan"),
    ("{{ laporan.judul }}", {"laporan": {}}, "pemetaan tidak mempunyai 'judul'"),
    ("{{ 1 / n }}", {"n": 0}, "pembagian dengan nol"),
    ("{% for %}", {}, "sintaks templat tidak valid: ekspresi kosong atau tidak lengkap di dalam '{{ }}' atau '{% %}'"),
    ("{{ x | rupiah }}", {}, "filter 'rupiah' tidak dikenal"),
]


@pytest.mark.parametrize(("source", "context", "said"), EXPLAINED, ids=[s for s, _, _ in EXPLAINED])
def test_a_page_template_error_is_explained(source, context, said):
    assert sandbox.explain(page_error(source, **context)) == said
