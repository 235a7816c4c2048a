"""Loading a report checks its data declarations whole: each kind's options, names and files, before any CSV is read."""

from __future__ import annotations

import pytest

from reportgen import load
from reportgen.errors import InputError
from tests.conftest import MINIMAL_REPORT, site_config

# Two declarations; the second's chart names a column it does not list, and its CSV file is absent.
DATA = """\
data:
  - nama: survei
    jenis: ikm
    berkas: survei.csv
  - nama: peserta
    jenis: tabel
    berkas: peserta.csv
    opsi:
      kolom:
        - nama: tahun
          format: bulat
      grafik: {x: tahun, y: jumlah}
"""


def loaded(project, text):
    project.config(site_config("uji"))
    project.report("uji", text, files={"survei.csv": "U1\n4\n"})
    return load.load_report(load.load_project(project.root), "uji")


def problems(project, text) -> list[str]:
    with pytest.raises(InputError) as raised:
        loaded(project, text)
    return [f"{p.line}:{p.column}: {p.key}: {p.message}" for p in raised.value.problems]


def test_options_are_checked_against_their_kind_as_the_report_loads(project):
    found = problems(project, MINIMAL_REPORT + DATA)
    assert found == [
        "18:13: data[2].berkas: berkas data 'peserta.csv' tidak ditemukan di folder laporan. "
        "Berkas CSV yang ada: survei.csv",
        "23:29: data[2].opsi.grafik.y: kolom 'jumlah' tidak ada di 'kolom'; diharapkan salah satu dari: tahun",
    ]


def test_a_loaded_declaration_holds_its_kind_s_options(project):
    report = loaded(
        project,
        MINIMAL_REPORT + DATA.replace("berkas: peserta.csv", "berkas: survei.csv").replace("y: jumlah", "y: tahun"),
    ).report
    assert [type(spec.opsi).__module__ for spec in report.data] == [
        "reportgen.indicators.ikm.options",
        "reportgen.indicators.tabel.options",
    ]
    assert report.data[0].opsi.kolom_unsur[0] == "U1"


def test_an_unknown_kind_keeps_its_other_keys_checked(project):
    text = MINIMAL_REPORT + DATA.replace("jenis: ikm", "jenis: ikmm").replace("nama: survei", "nama: Survei")
    found = problems(project, text)
    assert found[:2] == [
        "13:11: data[1].nama: diharapkan nama berhuruf kecil, angka dan garis bawah, diawali huruf, tanpa tanda "
        "hubung (mis. ikm atau survei_2026); ditemukan 'Survei'",
        "14:12: data[1].jenis: jenis data tidak dikenal 'ikmm'; diharapkan salah satu dari: anggaran, ikm, jp, "
        "prepost, tabel. Mungkin maksud Anda 'ikm'?",
    ]


def test_an_author_key_named_like_a_kind_is_not_taken_for_a_tag(project):
    found = problems(project, MINIMAL_REPORT + DATA.replace("  - nama: survei\n", "  - nama: survei\n    ikm: 1\n"))
    assert found[0].startswith("14:5: data[1].ikm: kunci tidak dikenal 'ikm'. Kunci yang dikenal di sini: ")
