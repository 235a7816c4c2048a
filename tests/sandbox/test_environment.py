"""The sandbox's bounds on what author text may make: output, ranges, repetition, widths, macro nesting."""

from __future__ import annotations

import pytest

from reportgen import sandbox


def mistakes(text: str, **context: object) -> list[tuple[str, int | None]]:
    """Every mistake `text` makes, with its line; [] when it expands."""
    try:
        sandbox.expand(sandbox.environment(), text, context)
    except sandbox.AuthorTextError as err:
        return [(m.message, m.line) for m in err.mistakes]
    return []


WITHIN = [
    "{{ range(10000) | list | length }}",
    "{{ 'x' * 1000000 }}",
    "{% for i in range(10000) %}{{ 'x' * 100 }}{% endfor %}",
    "{{ '{:>10000}'.format(1) }}",
    "{{ '%10000d' % 1 }}",
    "{{ 'x' | center(10000) }}",
    "{{ 'x'.ljust(10000) }}",
    "{{ 2 ** 2048 }}",
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(49) }}",
]


@pytest.mark.parametrize("text", WITHIN)
def test_text_at_a_bound_expands(text):
    assert mistakes(text) == []


BEYOND = [
    ("{{ range(10001) | list }}", "range() terlalu besar: 10.001 butir; paling banyak 10.000"),
    ("{{ range(0, 10**9, 2) | list }}", "range() terlalu besar: 500.000.000 butir; paling banyak 10.000"),
    (
        "{{ 'x' * 1000001 }}",
        "pengulangan dengan '*' menghasilkan 1.000.001 butir; paling banyak 1.000.000 karakter per bagian",
    ),
    (
        "{{ 500001 * 'ab' }}",
        "pengulangan dengan '*' menghasilkan 1.000.002 butir; paling banyak 1.000.000 karakter per bagian",
    ),
    (
        "{{ [1, 2] * 10**8 }}",
        "pengulangan dengan '*' menghasilkan 200.000.000 butir; paling banyak 1.000.000 karakter per bagian",
    ),
    ("{{ '{:>10001}'.format(1) }}", "lebar format 10.001 terlalu besar; paling banyak 10.000"),
    ("{{ '%10001d' % 1 }}", "lebar format 10.001 terlalu besar; paling banyak 10.000"),
    ("{{ '%.10001f' | format(1) }}", "lebar format 10.001 terlalu besar; paling banyak 10.000"),
    (
        "{{ '{0:{1}}'.format(1, 5) }}",
        "lebar format yang diambil dari nilai lain ('*' atau '{:{}}') tidak diizinkan di teks laporan",
    ),
    ("{{ 'x' | center(10001) }}", "nilai 10.001 terlalu besar untuk filter ini; paling banyak 10.000"),
    (
        "{{ 'x'.rjust(1000001) }}",
        "'rjust' menghasilkan teks yang terlalu panjang; paling banyak 1.000.000 karakter per bagian",
    ),
    (
        "{{ ('x' * 1000).replace('x', 'y' * 1001) }}",
        "'replace' menghasilkan teks yang terlalu panjang; paling banyak 1.000.000 karakter per bagian",
    ),
    (
        "{{ range(3) | join('x' * 500001) }}",
        "'join' menghasilkan teks yang terlalu panjang; paling banyak 1.000.000 karakter per bagian",
    ),
    ("{{ [[1]] | sum(start=[]) }}", "filter 'sum' hanya menjumlahkan bilangan; 'start' harus bilangan"),
    ("{{ 2 ** 2049 }}", "bilangan terlalu besar: pangkat ('**') menghasilkan lebih dari 1.000 angka"),
    (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(50) }}",
        "makro dipanggil bertingkat lebih dari 50 kali; apakah makro memanggil dirinya sendiri tanpa henti?",
    ),
    (
        "{% include 'lain.html' %}",
        "teks laporan tidak dapat memuat berkas lain ('{% include %}' tidak diizinkan); "
        "tulis isinya langsung di bagian ini",
    ),
    ("{{ wilayah.__class__ }}", "akses ke '__class__' tidak diizinkan di teks laporan"),
    ("{{ lipsum(10**6) }}", "nama 'lipsum' tidak dikenal di teks laporan. Nama yang dikenal: wilayah"),
]


@pytest.mark.parametrize(("text", "message"), BEYOND, ids=[text for text, _ in BEYOND])
def test_text_beyond_a_bound_is_one_mistake_at_its_line(text, message):
    assert mistakes(f"Paragraf pertama.\n\n{text}", wilayah="Kab. Contoh") == [(message, 3)]


def test_output_beyond_its_bound_is_told_without_a_line():
    """The output is measured after the text's own code has run: the author is pointed at the text."""
    text = "{% for i in range(10000) %}{{ 'x' * 101 }}{% endfor %}"
    assert mistakes(text) == [
        ("teks bagian ini terlalu panjang setelah diuraikan; paling banyak 1.000.000 karakter", None)
    ]
