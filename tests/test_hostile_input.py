"""Broken and hostile input, each a small change to the example project: an Indonesian message at the
file, the place and the key, exit code 1, and never a traceback, a hang or a memory blow-up."""

from __future__ import annotations

import codecs
import io
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from reportgen.cli import main
from tests.conftest import REPO

IKM = "sawahlunto-pembinaan"  # IKM survey and pre/post test
JP = "kotabumi-pengembangan-karier"  # 20 JP and budget
TABLE = "batanghari-pelatihan"  # pre/post test and a plain table with a chart
REPORT = f"content/{IKM}/laporan.yaml"
FIRST_TEXT = "Di era globalisasi saat ini, peningkatan profesionalisme Aparatur Sipil Negara (ASN) menjadi"


@dataclass(frozen=True)
class Case:
    """One change to the example project and where its message must point."""

    name: str
    change: Callable[[Path], None]  # applied to a fresh copy of the example project
    file: str  # the file the message names, as shown
    says: str  # a part of the message
    line: str | None = None  # the message's line is the first line of `file` holding this text
    column: int | None = None
    key: str = ""  # the key or column the message names
    slugs: tuple[str, ...] = (IKM,)  # the reports checked
    code: int = 1
    command: str = "check"


def edit(path: str, old: str | bytes, new: str | bytes, count: int = 1) -> Callable[[Path], None]:
    """A change replacing `old` by `new` in one file of the project (it must be there)."""

    def change(root: Path) -> None:
        target = root / path
        data = target.read_bytes()
        before, after = (old, new) if isinstance(old, bytes) else (old.encode(), new.encode())  # type: ignore[union-attr]
        assert before in data, (path, before[:60])
        target.write_bytes(data.replace(before, after, count))

    return change


def write(path: str, data: bytes) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / path).write_bytes(data)

    return change


# --- author text: each expression replaces the start of the first section's text ---------------

TEXT = [
    ("include", '{% include "lain.html" %}', "teks laporan tidak dapat memuat berkas lain ('{% include %}'"),
    ("import", '{% import "makro.html" as m %}', "teks laporan tidak dapat memuat berkas lain ('{% import %}'"),
    ("from import", '{% from "m.html" import x %}', "('{% from ... import %}' tidak diizinkan)"),
    ("extends", '{% extends "base.html" %}', "('{% extends %}' tidak diizinkan)"),
    ("huge range", "{{ range(10**9) | list }}", "range() terlalu besar: 1.000.000.000 butir; paling banyak 10.000"),
    ("huge range step", "{{ range(0, 10**9, 2) | list }}", "range() terlalu besar: 500.000.000 butir"),
    ("division by zero", "{{ 1/0 }}", "pembagian dengan nol"),
    ("integer division by zero", "{{ tahun // 0 }}", "pembagian dengan nol"),
    ("modulo by zero", "{{ tahun % 0 }}", "pembagian dengan nol"),
    ("number plus text", '{{ tahun + "a" }}', "operasi '+' tidak dapat dilakukan antara bilangan bulat dan teks"),
    ("text plus number", "{{ wilayah + tahun }}", "teks tidak dapat digabung dengan bilangan bulat memakai '+'"),
    ("percent d of text", '{{ "%d" % wilayah }}', "format '%d' memerlukan bilangan, bukan teks"),
    ("format arguments", '{{ "%s %s" % wilayah }}', "jumlah nilai tidak sesuai dengan format '%'"),
    ("recursive macro", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "makro dipanggil bertingkat lebih dari"),
    (
        "mutual recursion",
        "{% macro a() %}{{ b() }}{% endmacro %}{% macro b() %}{{ a() }}{% endmacro %}{{ a() }}",
        "apakah makro memanggil dirinya sendiri tanpa henti?",
    ),
    ("unknown test", "{% if tahun is tidakada %}x{% endif %}", "uji (is ...) 'tidakada' tidak dikenal"),
    ("unknown filter", "{{ tahun | bulatkan }}", "filter 'bulatkan' tidak dikenal"),
    ("repeat a billion", '{{ "x" * 10**9 }}', "pengulangan dengan '*' menghasilkan 1.000.000.000 butir"),
    ("repeat a list", "{{ [1, 2] * 10**8 }}", "pengulangan dengan '*' menghasilkan 200.000.000 butir"),
    ("repeat reversed", '{{ 10**9 * "x" }}', "pengulangan dengan '*' menghasilkan 1.000.000.000 butir"),
    (
        "nested loops",
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
        "range() terlalu besar: 99.999 butir",
    ),
    (
        "loops without output",
        # 10^12 empty iterations: far past the bound on any machine (10^8 took 2,95 s here, too close to it)
        "{% for i in range(10000) %}{% for j in range(10000) %}{% for k in range(10000) %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        "teks bagian ini berjalan lebih dari 3 detik; periksa perulangan (for) di sini",
    ),
    (
        "loops with output",
        "{% for i in range(10000) %}{{ 'x' * 1000 }}{% endfor %}",
        "teks bagian ini terlalu panjang setelah diuraikan; paling banyak 1.000.000 karakter",
    ),
    ("lipsum", "{{ lipsum(10**6) }}", "nama 'lipsum' tidak dikenal di teks laporan"),
    ("format width", "{{ '{:>100000000}'.format(1) }}", "lebar format 100.000.000 terlalu besar; paling banyak 10.000"),
    ("percent width", '{{ "%100000000d" % 1 }}', "lebar format 100.000.000 terlalu besar"),
    ("format filter width", '{{ "%100000000d" | format(1) }}', "lebar format 100.000.000 terlalu besar"),
    ("center method", '{{ "x".center(10**9) }}', "'center' menghasilkan teks yang terlalu panjang"),
    ("ljust method", '{{ "x".ljust(10**9) }}', "'ljust' menghasilkan teks yang terlalu panjang"),
    ("zfill method", '{{ "1".zfill(10**9) }}', "'zfill' menghasilkan teks yang terlalu panjang"),
    ("expandtabs", '{{ "a\\tb".expandtabs(10**9) }}', "'expandtabs' menghasilkan teks yang terlalu panjang"),
    ("replace method", '{{ ("x" * 100000).replace("x", "y" * 1000) }}', "'replace' menghasilkan teks yang terlalu"),
    ("replace filter", '{{ ("x" * 100000) | replace("x", "y" * 1000) }}', "'replace' menghasilkan teks yang terlalu"),
    ("center filter", '{{ "x" | center(10**9) }}', "nilai 1.000.000.000 terlalu besar untuk filter ini"),
    ("indent filter", '{{ "a\\nb" | indent(10**9) }}', "nilai 1.000.000.000 terlalu besar untuk filter ini"),
    ("slice filter", "{{ [1] | slice(10**9) | list }}", "nilai 1.000.000.000 terlalu besar untuk filter ini"),
    ("batch filter", '{{ "ab" | batch(10**9) | list }}', "nilai 1.000.000.000 terlalu besar untuk filter ini"),
    ("huge power", "{{ 10 ** 100000 }}", "bilangan terlalu besar: pangkat ('**')"),
    ("class attribute", "{{ wilayah.__class__ }}", "akses ke '__class__' tidak diizinkan di teks laporan"),
    ("mro", "{{ wilayah.__class__.__mro__ }}", "akses ke '__class__' tidak diizinkan"),
    ("globals", "{{ tabel.__globals__ }}", "akses ke '__globals__' tidak diizinkan"),
    ("mutating a dict", '{{ {}.pop("a") }}', "akses ke 'pop' tidak diizinkan"),
    ("mutating a list", "{{ [].append(1) }}", "akses ke 'append' tidak diizinkan"),
    ("cycler", "{{ cycler }}", "nama 'cycler' tidak dikenal di teks laporan"),
    ("deep parentheses", "{{ " + "(" * 150 + "1" + ")" * 150 + " }}", "ekspresi atau makro bersarang terlalu dalam"),
    ("indent while compiling", "{{ [[1]] | tojson(indent=300000000) | length }}", "memerlukan memori terlalu besar"),
    ("width from a value", "{{ '{0:{1}}'.format(1, 10**9) }}", "lebar format yang diambil dari nilai lain"),
    ("width by star", "{{ ('%*d' % (10**9, 1)) | length }}", "lebar format yang diambil dari nilai lain"),
    ("named width", "{{ ('%(a)999999999s' % {'a': 1}) | length }}", "lebar format 999.999.999 terlalu besar"),
    ("join filter separator", "{{ (range(10000) | join('x' * 1000000)) | length }}", "'join' menghasilkan teks"),
    ("join method separator", "{{ ('y' * 10**6).join(range(10000)) | length }}", "'join' menghasilkan teks"),
    ("wordwrap", "{{ (('x' * 100000) | wordwrap(1, wrapstring='y' * 10000)) | length }}", "memerlukan memori"),
    (
        "doubling in a namespace",
        "{% set ns = namespace(s='x' * 1000000) %}{% for i in range(12) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
        "{{ ns.s | length }}",
        "memerlukan memori terlalu besar",
    ),
    ("sum of lists", "{{ ([[1] * 10000] * 1000) | sum(start=[]) }}", "filter 'sum' hanya menjumlahkan bilangan"),
    (
        "squaring",
        "{% set ns = namespace(n=2**2000) %}{% for i in range(14) %}{% set ns.n = ns.n * ns.n %}"
        "{% endfor %}{{ ns.n > 5 }}",
        "bilangan terlalu besar: hasil perkalian",
    ),
    ("missing format key", '{{ "%(a)s" % {} }}', "kunci 'a' tidak ada"),
    ("format index", '{{ "{0}".format() }}', "butir yang diminta tidak ada"),
    ("unpacking", "{% for a, b in [1] %}{% endfor %}", "jumlah nama di 'for' atau 'set' tidak sesuai"),
    (
        "caller outside call",
        "{% macro m() %}{{ caller() }}{% endmacro %}{% call m() %}{{ m() }}{% endcall %}",
        "caller() hanya dapat dipakai di dalam makro",
    ),
    ("quadratic markdown", "[" * 12000, "mengubah Markdown bagian ini menjadi HTML berjalan lebih dari 3 detik"),
    ("arithmetic on a figure", "{{ ikm.nilai + 1 }}", "operasi '+' tidak dapat dilakukan antara nilai data"),
    ("unknown name", "{{ wilayh }}", "nama 'wilayh' tidak dikenal di teks laporan. Mungkin maksud Anda 'wilayah'?"),
    ("unknown figure", "{{ ikm.nilaii }}", "data 'ikm' tidak mempunyai nilai 'nilaii'. Mungkin maksud Anda 'nilai'?"),
    ("attribute of a number", "{{ tahun.foo }}", "bilangan bulat tidak mempunyai 'foo'"),
    ("index beyond a text", '{{ "abc"[10] }}', "teks tidak mempunyai butir 10"),
    (
        "loop over a number",
        "{% for x in tahun %}{{ x }}{% endfor %}",
        "bilangan bulat bukan daftar, jadi tidak dapat diulang atau dijumlahkan",
    ),
    ("unknown table", '{{ tabel("ikm.ringkasn") }}', "tabel 'ikm.ringkasn' tidak ada. Mungkin maksud Anda"),
    ("unknown chart", '{{ gambar("ikm.grafk") }}', "gambar 'ikm.grafk' tidak ada."),
    ("unclosed if", "{% if tahun %}x", "sintaks templat tidak valid: templat berakhir sebelum blok ditutup"),
    ("unclosed expression", "{{ tahun", "sintaks templat tidak valid"),
    ("stray endfor", "{% endfor %}", "sintaks templat tidak valid"),
    ("empty expression", "{{ }}", "sintaks templat tidak valid"),
]

TEXT_CASES = [
    Case(
        f"text: {name}",
        edit(REPORT, FIRST_TEXT, f"{jinja} {FIRST_TEXT}"),
        REPORT,
        says,
        line=FIRST_TEXT,
        key="bagian[1].teks",
    )
    for name, jinja, says in TEXT
]

# --- laporan.yaml -----------------------------------------------------------------------------------

YAML_CASES = [
    Case(
        "yaml: NUL",
        edit(REPORT, "wilayah: Sawahlunto", "wilayah: Sawah\x00lunto"),
        REPORT,
        "karakter kendali U+0000 tidak boleh ada di berkas YAML",
        line="wilayah: Sawah",
        column=15,
    ),
    Case(
        "yaml: vertical tab",
        edit(REPORT, "program: Pembinaan ASN", "program: Pembinaan\x0bASN"),
        REPORT,
        "karakter kendali U+000B",
        line="program: Pembinaan",
        column=19,
    ),
    Case(
        "yaml: STX",
        edit(REPORT, "tahun: 2026", "tahun: 20\x0226"),
        REPORT,
        "karakter kendali U+0002",
        line="tahun: 20",
        column=10,
    ),
    Case(
        "yaml: escape",
        edit(REPORT, "status: final", "status: \x1bfinal"),
        REPORT,
        "karakter kendali U+001B",
        line="status: ",
        column=9,
    ),
    Case(
        "yaml: DEL",
        edit(REPORT, "judul_singkat: Evaluasi", "judul_singkat: Eval\x7fuasi"),
        REPORT,
        "karakter kendali U+007F",
        line="judul_singkat: Eval",
        column=20,
    ),
    Case(
        "yaml: deep flow nesting",
        edit(REPORT, "data_contoh: true", "data_contoh: " + "[" * 5000 + "]" * 5000),
        REPORT,
        "data bersarang terlalu dalam (lebih dari 40 tingkat)",
        line="data_contoh: [[",
    ),
    Case(
        "yaml: deep block nesting",
        edit(REPORT, "data_contoh: true", "data_contoh:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60))),
        REPORT,
        "data bersarang terlalu dalam",
        line="k40:",
    ),
    Case(
        "yaml: alias bomb",
        edit(
            REPORT,
            "data_contoh: true",
            "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)),
        ),
        REPORT,
        "alias (*) membuat data terlalu besar: lebih dari 100.000 nilai",
        line="a5: &a5",
    ),
    Case(
        "yaml: recursive alias",
        edit(REPORT, "data_contoh: true", "data_contoh: &d [*d]"),
        REPORT,
        "alias (*) merujuk ke data yang memuat alias itu sendiri",
        line="data_contoh: &d",
    ),
    Case(
        "yaml: undefined alias",
        edit(REPORT, "data_contoh: true", "data_contoh: *tidakada"),
        REPORT,
        "alias (*) merujuk ke jangkar (&) yang tidak ada",
        line="data_contoh: *tidakada",
    ),
    Case(
        "yaml: tab indentation",
        edit(REPORT, "  jabatan: Kepala", "\tjabatan: Kepala"),
        REPORT,
        "karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi",
        line="\tjabatan",
    ),
    Case(
        "yaml: colon in value",
        edit(REPORT, "program: Pembinaan ASN", "program: Pembinaan: ASN"),
        REPORT,
        "tanda titik dua (:) tidak boleh ada di sini",
        line="program: Pembinaan: ASN",
    ),
    Case(
        "yaml: second document",
        edit(REPORT, "data_contoh: true", "data_contoh: true\n---\njudul: Lagi"),
        REPORT,
        "berkas hanya boleh berisi satu dokumen YAML",
        line="---",
    ),
    Case(
        "yaml: duplicate key",
        edit(REPORT, "data_contoh: true", "data_contoh: true\ntahun: 2027"),
        REPORT,
        "kunci 'tahun' ditulis dua kali dalam pemetaan yang sama",
        line="tahun: 2027",
        key="tahun",
    ),
    Case(
        "yaml: not UTF-8",
        edit(REPORT, b"wilayah: Sawahlunto", b"wilayah: Sawahlunt\xe9"),
        REPORT,
        "berkas bukan UTF-8: byte 0xe9 tidak valid",
        line="wilayah: Sawahlunt",
    ),
    Case("yaml: only comments", write(REPORT, b"# kosong\n"), REPORT, "berkas kosong"),
    Case(
        "yaml: a list at the top",
        write(REPORT, b"- judul: x\n"),
        REPORT,
        "diharapkan pemetaan (kunci: nilai)",
        line="- judul",
    ),
    Case(
        "yaml: a folder",
        lambda root: (root / REPORT).unlink() or (root / REPORT).mkdir(),
        "reports.yaml",
        "adalah folder, padahal seharusnya berkas laporan",
        line=f"- {IKM}",
        key="laporan[1]",
    ),
    Case(
        "yaml: missing",
        lambda root: (root / REPORT).unlink(),
        "reports.yaml",
        f"berkas content/{IKM}/laporan.yaml tidak ditemukan",
        line=f"- {IKM}",
        key="laporan[1]",
    ),
    Case(
        "yaml: too large",
        edit(REPORT, "data_contoh: true", "data_contoh: true\n# " + "x" * (4 * 1024 * 1024)),
        REPORT,
        "berkas terlalu besar (4,0 MB); batasnya 4 MB untuk berkas YAML",
    ),
    Case(
        "yaml: unknown key",
        edit(REPORT, "judul_singkat:", "judul_singkt:"),
        REPORT,
        "kunci tidak dikenal 'judul_singkt'. Mungkin maksud Anda 'judul_singkat'?",
        line="judul_singkt:",
        key="judul_singkt",
    ),
    Case(
        "yaml: wrong year type",
        edit(REPORT, "tahun: 2026", "tahun: dua ribu"),
        REPORT,
        "diharapkan bilangan bulat; ditemukan 'dua ribu'",
        line="tahun: dua",
        key="tahun",
    ),
    Case(
        "yaml: impossible date",
        edit(REPORT, "tanggal: 2026-11-16", "tanggal: 2026-02-30"),
        REPORT,
        "tanggal tidak valid '2026-02-30'",
        line="tanggal: 2026-02-30",
        key="tanggal",
    ),
    Case(
        "yaml: status typo",
        edit(REPORT, "status: final", "status: finall"),
        REPORT,
        "diharapkan salah satu dari: final, konsep; ditemukan 'finall'. Mungkin maksud Anda 'final'?",
        line="status: finall",
        key="status",
    ),
    Case(
        "yaml: section kind typo",
        edit(REPORT, "  - jenis: tujuan", "  - jenis: tujan"),
        REPORT,
        "Mungkin maksud Anda 'tujuan'?",
        line="jenis: tujan",
        key="bagian[2].jenis",
    ),
    Case(
        "yaml: section text a mapping",
        edit(REPORT, "    teks: |\n      Di era", "    teks: {{ tahun }}\n    x: |\n      Di era"),
        REPORT,
        "teks yang diawali '{{' dibaca sebagai pemetaan; tulis teksnya sebagai blok ('teks: |'",
        line="teks: {{ tahun }}",
        column=12,
        key="bagian[1].teks",
    ),
    Case(
        "yaml: data kind typo",
        edit(REPORT, "jenis: ikm", "jenis: ikmm"),
        REPORT,
        "jenis data tidak dikenal 'ikmm'; diharapkan salah satu dari: anggaran, ikm, jp, prepost, tabel.",
        line="jenis: ikmm",
        key="data[1].jenis",
    ),
    Case(
        "yaml: data file missing",
        edit(REPORT, "berkas: survei_ikm.csv", "berkas: survei.csv"),
        REPORT,
        "berkas data 'survei.csv' tidak ditemukan di folder laporan",
        line="berkas: survei.csv",
        key="data[1].berkas",
    ),
    Case(
        "yaml: data file outside the folder",
        edit(REPORT, "berkas: survei_ikm.csv", "berkas: ../../reports.yaml"),
        REPORT,
        "berkas data harus di folder laporan; ditemukan '../../reports.yaml'",
        line="berkas: ../../reports.yaml",
        key="data[1].berkas",
    ),
    Case(
        "yaml: logo outside the folder",
        edit(REPORT, "data_contoh: true", "data_contoh: true\nlogo: ../../reports.yaml"),
        REPORT,
        "berkas logo '../../reports.yaml' tidak ditemukan di folder laporan",
        line="logo:",
        key="logo",
    ),
    Case(
        "yaml: paper",
        edit(REPORT, "data_contoh: true", "data_contoh: true\npdf:\n  kertas: A5"),
        REPORT,
        "diharapkan salah satu dari: A4, F4; ditemukan 'A5'",
        line="kertas: A5",
        key="pdf.kertas",
    ),
    Case(
        "yaml: margin",
        edit(REPORT, "data_contoh: true", "data_contoh: true\npdf:\n  margin:\n    atas: 99"),
        REPORT,
        "diharapkan bilangan paling besar 6",
        line="atas: 99",
        key="pdf.margin.atas",
    ),
    Case(
        "yaml: section without text",
        edit(
            REPORT,
            "  - jenis: tujuan\n    judul: Tujuan Program Pembinaan ASN\n    teks: |",
            "  - jenis: tujuan\n    judul: Tujuan Program Pembinaan ASN\n    isi: |",
        ),
        REPORT,
        "kunci tidak dikenal 'isi'",
        line="    isi: |",
        key="bagian[2].isi",
    ),
    Case(
        "yaml: nesting the C composer would crash on",
        edit("reports.yaml", "bawaan:", "x: " + "[" * 100000 + "]" * 100000 + "\nbawaan:"),
        "reports.yaml",
        "data bersarang terlalu dalam (lebih dari 40 tingkat)",
        line="x: [[[",
        column=43,
    ),
    Case(
        "yaml: nesting through aliases",
        edit(
            REPORT,
            "data_contoh: true",
            "data_contoh: true\nx0: &a0 [1]\n"
            + "".join(f"x{i}: &a{i} " + "[" * 35 + f"*a{i - 1}" + "]" * 35 + "\n" for i in range(1, 35))
            + "z: ["
            + ", ".join(f"*a{i}" for i in range(34, -1, -1))
            + "]",
        ),
        REPORT,
        "data bersarang terlalu dalam (lebih dari 40 tingkat, lewat alias *a1)",
        line="x2: &a2",  # x1 holds 36 levels beneath the root, x2 72
        column=44,
    ),
    Case(
        "yaml: a list as a key",
        edit(REPORT, "data_contoh: true", "data_contoh: true\n? [a, b]\n: c"),
        REPORT,
        "kunci harus berupa teks, bukan daftar atau pemetaan",
        line="? [a, b]",
        column=3,
    ),
    Case(
        "yaml: unknown tag",
        edit(REPORT, "wilayah: Sawahlunto", "wilayah: !kota Sawahlunto"),
        REPORT,
        "tanda '!...' (tag YAML) tidak dikenal",
        line="wilayah: !kota",
    ),
    Case(
        "yaml: text after a block indicator",
        edit(REPORT, "    teks: |\n      Di era", "    teks: |x\n      Di era"),
        REPORT,
        "setelah '|' atau '>' hanya boleh ada '-', '+' atau angka indentasi",
        line="teks: |x",
    ),
    Case(
        "yaml: a lone asterisk",
        edit(REPORT, "wilayah: Sawahlunto", "wilayah: *"),
        REPORT,
        "setelah '*' atau '&' harus ada nama jangkar",
        line="wilayah: *",
    ),
    Case(
        "yaml: an extra bracket",
        edit(REPORT, "data_contoh: true", "data_contoh: [a, b]]"),
        REPORT,
        "tanda ']' berlebih",
        line="data_contoh: [a, b]]",
    ),
    Case(
        "yaml: a list item after a key",
        edit(REPORT, "wilayah: Sawahlunto", "wilayah: - Sawahlunto"),
        REPORT,
        "butir daftar (- ...) tidak boleh di sini",
        line="wilayah: - Sawahlunto",
    ),
    Case(
        "yaml: logo not an image",
        edit(REPORT, "data_contoh: true", "data_contoh: true\nlogo: survei_ikm.csv"),
        REPORT,
        "berkas logo 'survei_ikm.csv' bukan gambar; diharapkan PNG, JPEG, GIF, WebP atau SVG",
        line="logo:",
        key="logo",
    ),
    Case(
        "yaml: logo name a URL misreads",
        lambda root: (
            (root / f"content/{IKM}/logo#1.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>"),
            edit(REPORT, "data_contoh: true", "data_contoh: true\nlogo: 'logo#1.svg'")(root),
        ),
        REPORT,
        "nama berkas logo 'logo#1.svg' memuat #, ? atau %",
        line="logo:",
        key="logo",
    ),
    Case(
        "yaml: chart axis not a column",
        edit(f"content/{TABLE}/laporan.yaml", "x: bulan, y: jumlah", "x: bulann, y: jumlah"),
        f"content/{TABLE}/laporan.yaml",
        "kolom 'bulann' tidak ada di 'kolom'; diharapkan salah satu dari: bulan, jumlah",
        line="x: bulann",
        column=33,
        key="data[2].opsi.grafik.x",
        slugs=(TABLE,),
    ),
    Case(
        "yaml: numbered but never placed",
        edit(f"content/{TABLE}/laporan.yaml", '{{ tabel("tes.ringkasan") }}', "tabel di sini"),
        f"content/{TABLE}/laporan.yaml",
        "tabel 'tes.ringkasan' dirujuk dengan nomor_tabel, tetapi tidak pernah ditampilkan",
        line='nomor_tabel("tes.ringkasan")',
        key="bagian[4].teks",
        slugs=(TABLE,),
    ),
]

# --- reports.yaml -----------------------------------------------------------------------------------

CONFIG_CASES = [
    Case(
        "config: data URL",
        edit("reports.yaml", "https://evaluasi-asn.example.go.id/", "data:text/javascript,alert(1)//"),
        "reports.yaml",
        "diharapkan alamat web yang diawali http:// atau https://",
        line="url_dasar:",
        key="situs.url_dasar",
    ),
    Case(
        "config: javascript URL",
        edit("reports.yaml", "https://evaluasi-asn.example.go.id/", "javascript:alert(1)"),
        "reports.yaml",
        "diharapkan alamat web yang diawali http:// atau https://",
        line="url_dasar:",
        key="situs.url_dasar",
    ),
    Case(
        "config: quote in URL",
        edit("reports.yaml", "https://evaluasi-asn.example.go.id/", "'https://x.go.id/\" onload=\"alert(1)'"),
        "reports.yaml",
        "tanpa spasi atau tanda kutip",
        line="url_dasar:",
        key="situs.url_dasar",
    ),
    Case(
        "config: ftp URL",
        edit("reports.yaml", "https://evaluasi-asn.example.go.id/", "ftp://x.go.id/"),
        "reports.yaml",
        "diharapkan alamat web",
        line="url_dasar:",
        key="situs.url_dasar",
    ),
    Case(
        "config: NUL",
        edit("reports.yaml", "judul: Laporan", "judul: Lap\x00oran"),
        "reports.yaml",
        "karakter kendali U+0000",
        line="judul: Lap",
        column=13,
    ),
    Case(
        "config: unknown key",
        edit("reports.yaml", "  deskripsi:", "  deskripsii:"),
        "reports.yaml",
        "kunci tidak dikenal 'deskripsii'. Mungkin maksud Anda 'deskripsi'?",
        line="deskripsii",
        key="situs.deskripsii",
    ),
    Case(
        "config: duplicate report",
        edit("reports.yaml", f"  - {IKM}\n", f"  - {IKM}\n  - {IKM}  # lagi\n"),
        "reports.yaml",
        f"laporan '{IKM}' disebut lebih dari sekali",
        key="laporan[2]",
        line="# lagi",
    ),
    Case(
        "config: path in a report name",
        edit("reports.yaml", f"  - {IKM}\n", f"  - {IKM}\n  - ../rahasia\n"),
        "reports.yaml",
        "diharapkan nama folder berhuruf kecil",
        line="../rahasia",
        key="laporan[2]",
    ),
    Case(
        "config: a report named like a folder of the site's own",
        edit("reports.yaml", f"  - {IKM}\n", f"  - {IKM}\n  - rekapitulasi\n"),
        "reports.yaml",
        "nama 'rekapitulasi' dipakai situs untuk halamannya sendiri (assets, cari, pagefind, rekapitulasi), "
        "sehingga halaman laporan akan tertimpa; ganti nama folder laporan itu, mis. 'rekapitulasi-2026'",
        line="- rekapitulasi",
        key="laporan[2]",
    ),
    Case(
        "config: list not a list",
        edit("reports.yaml", "laporan:\n", "laporan: semua\nlaporan_lama:\n"),
        "reports.yaml",
        "diharapkan daftar",
        line="laporan: semua",
        key="laporan",
    ),
    Case(
        "config: missing title",
        edit("reports.yaml", "  judul: Laporan Evaluasi Program Pengembangan ASN\n", ""),
        "reports.yaml",
        "wajib diisi",
        line="instansi: Badan",
        key="situs.judul",
    ),
    Case(
        "config: alias bomb",
        edit(
            "reports.yaml",
            "bawaan:",
            "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
            + "bawaan:",
        ),
        "reports.yaml",
        "alias (*) membuat data terlalu besar",
        line="a5: &a5",
    ),
    Case(
        "config: not UTF-8",
        edit("reports.yaml", b"di beberapa daerah", b"di beberapa d\xe6erah"),
        "reports.yaml",
        "berkas bukan UTF-8: byte 0xe6 tidak valid",
        line="di beberapa d",
    ),
]

# --- CSV --------------------------------------------------------------------------------------------

BUDGET = f"content/{JP}/anggaran.csv"
SURVEY = f"content/{IKM}/survei_ikm.csv"
TEST = f"content/{TABLE}/pre_post.csv"
COMPLAINTS = f"content/{TABLE}/keluhan_bulanan.csv"

CSV_CASES = [
    Case(
        "csv: largest float",
        edit(BUDGET, b"285.000.000;276", b"1" + b"0" * 308 + b";276"),
        BUDGET,
        "angka terlalu besar",
        line="1000000000",
        column=2,
        key="pagu",
        slugs=(JP,),
    ),
    Case(
        "csv: beyond float",
        edit(BUDGET, b"285.000.000;276", b"1" + b"0" * 400 + b";276"),
        BUDGET,
        "angka terlalu besar",
        line="1000000000",
        column=2,
        key="pagu",
        slugs=(JP,),
    ),
    Case(
        "csv: a trillion too far",
        edit(BUDGET, b";276.412.500", b";1.000.000.000.000.000"),
        BUDGET,
        "angka terlalu besar: '1.000.000.000.000.000'",
        line="1.000.000.000.000.000",
        column=3,
        key="realisasi",
        slugs=(JP,),
    ),
    Case(
        "csv: negative beyond",
        edit(BUDGET, b";276.412.500", b";-1.000.000.000.000.000"),
        BUDGET,
        "angka terlalu besar",
        line="-1.000.000.000.000.000",
        column=3,
        key="realisasi",
        slugs=(JP,),
    ),
    Case(
        "csv: nan",
        edit(BUDGET, b";276.412.500", b";nan"),
        BUDGET,
        "diharapkan bilangan; ditemukan 'nan'",
        line=";nan",
        column=3,
        key="realisasi",
        slugs=(JP,),
    ),
    Case(
        "csv: inf",
        edit(BUDGET, b";276.412.500", b";inf"),
        BUDGET,
        "diharapkan bilangan; ditemukan 'inf'",
        line=";inf",
        column=3,
        key="realisasi",
        slugs=(JP,),
    ),
    Case(
        "csv: Infinity",
        edit(BUDGET, b";276.412.500", b";-Infinity"),
        BUDGET,
        "ditemukan '-Infinity'",
        line=";-Infinity",
        column=3,
        key="realisasi",
        slugs=(JP,),
    ),
    Case(
        "csv: scientific",
        edit(BUDGET, b";276.412.500", b";2,76E+08"),
        BUDGET,
        "ditemukan '2,76E+08'",
        line=";2,76E+08",
        column=3,
        key="realisasi",
        slugs=(JP,),
    ),
    Case(
        "csv: BOM then one Windows-1252 byte",
        edit(BUDGET, b"Pelatihan Teknis", b"Pelatihan T\xe9knis"),
        BUDGET,
        "berkas mencampur pengodean",
        line="Pelatihan T",
        column=1,
        key="kegiatan",
        slugs=(JP,),
    ),
    Case(
        "csv: UTF-8 beside a Windows-1252 byte",
        edit(
            TEST,
            b"M. Yusuf, S.Sos.;56",
            "M. Yusuf René, S.Sos.;56".encode() + b"\n199000000000000001;Andr\xe9;50",
        ),
        TEST,
        "berkas mencampur pengodean",
        line="Andr",
        column=2,
        key="nama",
        slugs=(TABLE,),
    ),
    Case(
        "csv: unreadable in both encodings",
        edit(COMPLAINTS, b"Februari", b"Febr\x81ari"),
        COMPLAINTS,
        "byte 0x81 tidak dapat dibaca sebagai UTF-8 maupun Windows-1252",
        line="Febr",
        column=1,
        key="bulan",
        slugs=(TABLE,),
    ),
    Case(
        "csv: unclosed quote",
        edit(COMPLAINTS, b"Februari,43", b'"Februari,43'),
        COMPLAINTS,
        'tanda kutip (") dibuka tetapi tidak ditutup',
        line='"Februari',
        slugs=(TABLE,),
    ),
    Case(
        "csv: extra cells",
        edit(COMPLAINTS, b"Februari,43", b"Februari,43,12"),
        COMPLAINTS,
        "baris ini berisi 3 sel, padahal baris judul hanya 2 kolom",
        line="Februari,43,12",
        column=3,
        slugs=(TABLE,),
    ),
    Case(
        "csv: missing column",
        edit(COMPLAINTS, b"bulan,jumlah", b"bulan,jumlh"),
        COMPLAINTS,
        "kolom 'jumlah' tidak ditemukan. Mungkin maksud Anda 'jumlh'?",
        line="bulan,jumlh",
        key="jumlah",
        slugs=(TABLE,),
    ),
    Case(
        "csv: duplicate column",
        edit(COMPLAINTS, b"bulan,jumlah", b"bulan,jumlah,jumlah"),
        COMPLAINTS,
        "kolom 'jumlah' muncul lebih dari sekali",
        line="bulan,jumlah,jumlah",
        column=3,
        key="jumlah",
        slugs=(TABLE,),
    ),
    Case("csv: empty", write(COMPLAINTS, b""), COMPLAINTS, "berkas CSV kosong", slugs=(TABLE,)),
    Case(
        "csv: header only",
        write(COMPLAINTS, b"bulan,jumlah\n"),
        COMPLAINTS,
        "hanya ada baris judul kolom",
        slugs=(TABLE,),
    ),
    Case(
        "csv: text for a count",
        edit(COMPLAINTS, b"Februari,43", b"Februari,empat"),
        COMPLAINTS,
        "diharapkan bilangan bulat; ditemukan 'empat'",
        line="Februari,empat",
        column=2,
        key="jumlah",
        slugs=(TABLE,),
    ),
    Case(
        "csv: fraction for a count",
        edit(COMPLAINTS, b"Februari,43", b'Februari,"43,5"'),
        COMPLAINTS,
        "diharapkan bilangan bulat",
        line="Februari",
        column=2,
        key="jumlah",
        slugs=(TABLE,),
    ),
    Case(
        "csv: IKM answer out of scale",
        edit(SURVEY, b"1;Laki-laki;SMA;3;3;3;2", b"1;Laki-laki;SMA;3;3;7;2"),
        SURVEY,
        "ditemukan 7",
        line="1;Laki-laki;SMA;3;3;7",
        column=6,
        key="U3",
    ),
    Case(
        "csv: IKM answer text",
        edit(SURVEY, b"1;Laki-laki;SMA;3;3;3;2", b"1;Laki-laki;SMA;3;3;baik;2"),
        SURVEY,
        "ditemukan 'baik'",
        line="1;Laki-laki;SMA;3;3;baik",
        column=6,
        key="U3",
    ),
    Case(
        "csv: IKM column missing",
        edit(SURVEY, b";U9\r\n", b";U10\r\n"),
        SURVEY,
        "kolom 'U9' tidak ditemukan",
        line="no;jenis_kelamin",
        key="U9",
    ),
    Case(
        "csv: an IKM element nobody answered",
        lambda root: (root / SURVEY).write_bytes(
            b"\n".join(
                b";".join(b"" if i == 3 else cell for i, cell in enumerate(line.split(b";")))
                for line in (REPO / SURVEY).read_bytes().splitlines()
                if line.strip()
            ).replace(b"no;jenis_kelamin;pendidikan;", b"no;jenis_kelamin;pendidikan;U1", 1)
        ),
        SURVEY,
        "kolom 'U1' kosong di semua baris; diharapkan paling sedikit satu bilangan bulat",
        line="no;jenis_kelamin",
        column=4,
        key="U1",
    ),
    Case(
        "csv: a cell over the field limit",
        edit(COMPLAINTS, b"Februari,43", b"Februari" + b"1" * 200_000 + b",43"),
        COMPLAINTS,
        "sel terlalu panjang (lebih dari 131.072 karakter)",
        line="Februari1111",
        slugs=(TABLE,),
    ),
    Case(
        "csv: more digits than a spreadsheet holds",
        edit(BUDGET, b";276.412.500", b";99.999.999.999.999,99"),
        BUDGET,
        "memuat lebih dari 15 angka bermakna",
        line="99.999.999.999.999,99",
        column=3,
        key="realisasi",
        slugs=(JP,),
    ),
    Case(
        "csv: too many columns",
        edit(COMPLAINTS, b"Februari,43", b"Februari,43" + b",1" * 1001),
        COMPLAINTS,
        "berkas CSV terlalu besar: lebih dari 1.000 kolom",
        line="Februari,43,1,1",
        slugs=(TABLE,),
    ),
    Case(
        "csv: NUL in a cell",
        edit(COMPLAINTS, b"Februari,43", b"Febr\x00uari,43"),
        COMPLAINTS,
        "karakter kendali",
        line="Febr",
        column=1,
        key="bulan",
        slugs=(TABLE,),
    ),
    Case(
        "csv: too large",
        lambda root: _sparse(root / COMPLAINTS, 20 * 1024 * 1024 + 1),
        COMPLAINTS,
        "berkas CSV terlalu besar (20,0 MB); batasnya 20 MB",
        slugs=(TABLE,),
    ),
    Case(
        "csv: a folder",
        lambda root: (root / COMPLAINTS).unlink() or (root / COMPLAINTS).mkdir(),
        f"content/{TABLE}/laporan.yaml",
        "berkas data 'keluhan_bulanan.csv' tidak ditemukan",
        line="keluhan_bulanan.csv",
        key="data[2].berkas",
        slugs=(TABLE,),
    ),
    Case(
        "csv: a named pipe",
        lambda root: (root / COMPLAINTS).unlink() or os.mkfifo(root / COMPLAINTS),
        f"content/{TABLE}/laporan.yaml",
        "berkas data 'keluhan_bulanan.csv' bukan berkas biasa, melainkan pipa bernama (FIFO); hanya berkas biasa "
        "yang dibaca: hapus atau pindahkan dari folder ini",
        line="keluhan_bulanan.csv",
        key="data[2].berkas",
        slugs=(TABLE,),
    ),
    Case(
        "csv: a link to a device",
        lambda root: (root / COMPLAINTS).unlink() or (root / COMPLAINTS).symlink_to("/dev/zero"),
        f"content/{TABLE}/laporan.yaml",
        "berkas data 'keluhan_bulanan.csv' bukan berkas biasa, melainkan perangkat (lewat tautan ke /dev/zero)",
        line="keluhan_bulanan.csv",
        key="data[2].berkas",
        slugs=(TABLE,),
    ),
    Case(
        "csv: named like an editor's temporary file",
        lambda root: (
            edit(f"content/{TABLE}/laporan.yaml", "keluhan_bulanan.csv", "keluhan_bulanan.tmp")(root)
            or (root / COMPLAINTS).rename(root / COMPLAINTS.replace(".csv", ".tmp"))
        ),
        f"content/{TABLE}/laporan.yaml",
        "berkas data 'keluhan_bulanan.tmp' bernama seperti berkas tersembunyi atau berkas sementara editor, yang "
        "bukan masukan laporan; ganti nama berkasnya",
        line="keluhan_bulanan.tmp",
        key="data[2].berkas",
        slugs=(TABLE,),
    ),
    Case(
        "files: a named pipe in a report folder",
        lambda root: os.mkfifo(root / f"content/{IKM}/pipa"),
        f"content/{IKM}/pipa",
        "bukan berkas biasa, melainkan pipa bernama (FIFO); hanya berkas biasa yang dibaca",
        command="build",
    ),
    Case(
        "files: a link to a device in a report folder",
        lambda root: (root / f"content/{IKM}/nol").symlink_to("/dev/zero"),
        f"content/{IKM}/nol",
        "bukan berkas biasa, melainkan perangkat (lewat tautan ke /dev/zero)",
        command="build",
    ),
    Case(
        "csv: test score above 100",
        edit(TEST, b";56;92", b";56;192"),
        TEST,
        "ditemukan 192",
        line=";56;192",
        column=4,
        key="post",
        slugs=(TABLE,),
    ),
]


def _sparse(path: Path, size: int) -> None:
    with path.open("r+b") as f:
        f.truncate(size)


# --- templates and environment -----------------------------------------------------------------------

PAGE = "templates/report.html"

TEMPLATE_CASES = [
    Case(
        "template: syntax error",
        edit(PAGE, "{% block main %}", "{% block main %}{% if %}"),
        PAGE,
        "sintaks templat tidak valid",
        line="{% if %}",
    ),
    Case(
        "template: unknown filter",
        edit(PAGE, "{% block main %}", "{% block main %}{{ rep.judul | tidakada }}"),
        PAGE,
        "filter 'tidakada' tidak dikenal",
        line="tidakada",
    ),
    Case(
        "template: missing partial",
        edit(PAGE, "{% block main %}", '{% block main %}{% include "partials/x.html" %}'),
        PAGE,
        "templat 'partials/x.html' yang dipakai di sini tidak ditemukan",
        line="partials/x.html",
    ),
    Case("template: page missing", lambda root: (root / PAGE).unlink(), PAGE, "templat 'report.html' tidak ditemukan"),
    Case(
        "template: folder missing",
        lambda root: shutil.rmtree(root / "templates"),
        "templates",
        "folder templat templates/ tidak ditemukan",
    ),
    Case(
        "template: not UTF-8",
        edit(PAGE, b"{% block main %}", b"{% block main %}\xff"),
        PAGE,
        "templat bukan UTF-8",
        line="{% block main %}",
    ),
    Case(
        "template: unknown name at run time",
        edit(PAGE, "{% block main %}", "{% block main %}{{ rep.judull }}"),
        PAGE,
        "templat gagal dijalankan: Report tidak mempunyai 'judull'",
        line="rep.judull",
        command="build",
    ),
    Case(
        "template: division by zero at run time",
        edit(PAGE, "{% block main %}", "{% block main %}{{ 1 / 0 }}"),
        PAGE,
        "templat gagal dijalankan: pembagian dengan nol",
        line="1 / 0",
        command="build",
    ),
]

CASES = TEXT_CASES + YAML_CASES + CONFIG_CASES + CSV_CASES + TEMPLATE_CASES


def test_the_table_covers_at_least_120_inputs():
    assert len(CASES) >= 120
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.fixture
def example(tmp_path, monkeypatch) -> Path:
    """A fresh copy of the example project, which is also the working directory."""
    for name in ("reports.yaml", "content", "templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(root: Path, *argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv, "--proyek", str(root)], stdout=out, stderr=err)
    return code, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_input_is_told_at_its_place(example, case):
    case.change(example)
    argv = [case.command, *case.slugs] if case.command == "check" else ["build", "--tanpa-pdf", "-j", "1"]
    if case.command == "build":
        argv = ["build", "--tanpa-pdf", "-j", "1"]
    code, said = run(example, *argv)
    assert code == case.code, said
    assert "Traceback" not in said and "kesalahan internal" not in said, said
    place = case.file
    if case.line is not None:
        text = (example / case.file).read_bytes().decode("utf-8", "replace")
        number = next(i for i, line in enumerate(text.splitlines(), 1) if case.line in line)
        place += f":{number}" + (f":{case.column}" if case.column else "")
    located = [line for line in said.splitlines() if line.startswith(place + ":") or line.startswith(place + " ")]
    assert located, f"nothing at {place}:\n{said}"
    if case.line is not None and case.column is None:
        located = [
            line for line in located if line[len(place)] == ":" and not line[len(place) + 1].isdigit()
        ] or located
    message = next((line for line in located if case.says in line), None)
    assert message is not None, f"{case.says!r} not at {place}:\n{said}"
    if case.key:
        assert f": {case.key}: " in message, message


def test_a_runtime_error_in_one_report_leaves_the_other_built(example):
    edit(REPORT, FIRST_TEXT, "{{ tahun / 0 }} " + FIRST_TEXT)(example)
    code, said = run(example, "build", "--tanpa-pdf", IKM, TABLE)
    assert code == 1 and "Traceback" not in said
    assert f"{REPORT}:" in said and "pembagian dengan nol" in said
    assert (example / "output/site" / TABLE / "index.html").is_file()
    assert not (example / "output/site" / IKM).exists()


def test_an_empty_source_date_epoch_is_unset_and_a_malformed_one_refused(example, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert run(example, "check", IKM) == (0, "1 laporan diperiksa.\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "kemarin")
    code, said = run(example, "check", IKM)
    assert code == 1
    assert said == (
        "reportgen: variabel lingkungan SOURCE_DATE_EPOCH berisi 'kemarin'; diharapkan bilangan bulat "
        "(detik sejak 1 Januari 1970), mis. 1763769600, atau kosongkan\n"
    )


def test_a_bom_alone_is_utf8(example):
    data = (example / BUDGET).read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert run(example, "check", JP) == (0, "1 laporan diperiksa.\n")


def test_a_capped_list_of_csv_problems_counts_every_problem(example):
    rows = "".join(f"Bulan {i},banyak\n" for i in range(25))
    write(COMPLAINTS, ("bulan,jumlah\n" + rows).encode())(example)
    code, said = run(example, "check", TABLE)
    assert code == 1
    assert said.count("diharapkan bilangan bulat; ditemukan 'banyak'") == 20
    assert f"{COMPLAINTS}: ... dan 5 kesalahan lain\n" in said
    assert "(25 kesalahan)" in said


def test_data_names_that_author_text_already_uses_are_refused(example):
    edit(REPORT, "  - nama: tes\n", "  - nama: tabel\n")(example)
    code, said = run(example, "check", IKM)
    assert code == 1
    assert "data[2].nama: nama 'tabel' sudah dipakai teks laporan ({{ tabel }}); pilih nama lain" in said


def test_the_reserved_data_names_are_the_names_author_text_has():
    from reportgen import render, sandbox
    from reportgen.schema import RESERVED_NAMES

    functions = render._Placer({}).functions()
    have = {*render.base_context(_any_report()), *functions, *sandbox.environment().globals}
    assert have == RESERVED_NAMES


def _any_report():
    from reportgen import load

    return load.load_report(load.load_project(REPO), IKM).report


def test_settings_and_data_that_reach_html_are_escaped_for_their_context(example):
    attack = '"><script>alert(1)</script>'
    edit("reports.yaml", "judul: Laporan Evaluasi Program Pengembangan ASN", f"judul: '{attack}'")(example)
    edit("reports.yaml", "url_dasar: https://evaluasi-asn.example.go.id/", "url_dasar: https://x.go.id/a?b=<c>&d")(
        example
    )
    code, said = run(example, "check", TABLE)
    assert code == 1 and "situs.url_dasar" in said  # '<' cannot reach an attribute through the address
    edit("reports.yaml", "url_dasar: https://x.go.id/a?b=<c>&d", "url_dasar: https://x.go.id/a?b=1&d=2")(example)
    edit(COMPLAINTS, b"Februari,43", b"<script>alert(1)</script>,43")(example)
    edit(REPORT, FIRST_TEXT, f"<script>alert(2)</script> <img src=x onerror=alert(3)> {FIRST_TEXT}")(example)
    code, said = run(example, "build", "--tanpa-pdf", IKM, TABLE)
    assert code == 0, said
    site = example / "output/site"
    for page in [site / "index.html", site / "404.html", site / IKM / "index.html", site / TABLE / "index.html"]:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "onerror" not in html, page
    assert "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in (site / "index.html").read_text(encoding="utf-8")
    assert "https://x.go.id/a?b=1&amp;d=2" in (site / "404.html").read_text(encoding="utf-8")
    chart_page = (site / TABLE / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in chart_page  # in the table and in the chart's labels
