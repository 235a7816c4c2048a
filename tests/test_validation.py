"""Broken inputs paired with the exact messages an author reads."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL_REPORT, site_config

BAD_SYNTAX = """\
judul: Uji
wilayah: Contoh
  program: Pelatihan
"""

BAD_KEYS_AND_TYPES = """\
judul: Uji
wilayh: Contoh
program: [1, 2]
tahun: dua ribu
tanggal: 2026-13-01
status: draf
bagian:
  - jenis: metod
    teks: Teks.
"""


def check(project, text, *, slug="uji"):
    project.config(site_config(slug))
    if isinstance(text, bytes):
        project.report(slug, "")
        (project.root / "content" / slug / "laporan.yaml").write_bytes(text)
    else:
        project.report(slug, text)
    return project.run("check")


def test_yaml_syntax_error_names_line_column_and_quotes_the_line(project):
    code, out, err = check(project, BAD_SYNTAX)
    assert code == 1
    assert err == (
        "✗ laporan 'uji' gagal:\n"
        "content/uji/laporan.yaml:3:10: sintaks YAML tidak valid: tanda titik dua (:) tidak boleh ada di sini; "
        "apakah teksnya perlu diapit tanda kutip?\n"
        "    3 |   program: Pelatihan\n"
        "      |          ^\n"
        "0 laporan diperiksa, 1 laporan gagal.\n"
    )
    assert out == ""


def test_every_problem_of_a_file_is_reported_at_once(project):
    code, _, err = check(project, BAD_KEYS_AND_TYPES)
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("content/")]
    assert lines == [
        "content/uji/laporan.yaml:1:1: wilayah: wajib diisi, tetapi tidak ada",
        "content/uji/laporan.yaml:2:1: wilayh: kunci tidak dikenal 'wilayh'. Mungkin maksud Anda 'wilayah'? "
        "Kunci yang dikenal di sini: bagian, data, data_contoh, instansi, jenis_program, judul, judul_singkat, "
        "kata_kunci, logo, "
        "pdf, pengesahan, program, ringkasan, status, tahun, tanggal, wilayah",
        "content/uji/laporan.yaml:3:10: program: diharapkan teks; ditemukan daftar",
        "content/uji/laporan.yaml:4:8: tahun: diharapkan bilangan bulat; ditemukan 'dua ribu'",
        "content/uji/laporan.yaml:5:10: tanggal: tanggal tidak valid '2026-13-01'; "
        "diharapkan tanggal yang ada, berformat TTTT-BB-HH",
        "content/uji/laporan.yaml:6:9: status: diharapkan salah satu dari: final, konsep; ditemukan 'draf'",
        "content/uji/laporan.yaml:8:12: bagian[1].jenis: diharapkan salah satu dari: pendahuluan, tujuan, metode, "
        "temuan, tantangan, rekomendasi, kesimpulan, lainnya; ditemukan 'metod'. Mungkin maksud Anda 'metode'?",
    ]
    assert "(7 kesalahan)" in err
    assert "Traceback" not in err


def test_empty_file(project):
    code, _, err = check(project, "# hanya komentar\n")
    assert code == 1
    assert "content/uji/laporan.yaml: berkas kosong; diharapkan isi berupa pemetaan (kunci: nilai)\n" in err


def test_file_that_is_not_utf8(project):
    code, _, err = check(project, "judul: Uji\nwilayah: Caf\xe9\n".encode("cp1252"))
    assert code == 1
    assert (
        "content/uji/laporan.yaml:2:13: berkas bukan UTF-8: byte 0xe9 tidak valid; "
        "simpan ulang berkas dengan pengodean UTF-8\n"
        "    2 | wilayah: Caf\ufffd\n"
    ) in err


def test_missing_required_field_in_a_section(project):
    text = MINIMAL_REPORT.replace("  - jenis: kesimpulan\n    teks: Kesimpulan singkat.\n", "  - jenis: kesimpulan\n")
    code, _, err = check(project, text)
    assert code == 1
    assert "content/uji/laporan.yaml:10:5: bagian[2].teks: wajib diisi, tetapi tidak ada\n" in err


def test_custom_section_needs_a_heading(project):
    text = MINIMAL_REPORT.replace("jenis: kesimpulan", "jenis: lainnya")
    code, _, err = check(project, text)
    assert code == 1
    assert "content/uji/laporan.yaml:10:5: bagian[2]: bagian berjenis 'lainnya' wajib mempunyai 'judul'\n" in err


def test_duplicate_key(project):
    code, _, err = check(project, MINIMAL_REPORT + "judul: Lagi\n")
    assert code == 1
    assert "content/uji/laporan.yaml:12:1: judul: kunci 'judul' ditulis dua kali dalam pemetaan yang sama" in err


def test_unknown_name_in_author_text_points_at_the_line_and_column(project):
    text = MINIMAL_REPORT.replace(
        "Paragraf pertama laporan uji.", "Baris satu.\n\n      Nilai {{ ikm.nilai }} di sini."
    )
    code, _, err = check(project, text)
    assert code == 1
    assert err.splitlines()[1:4] == [
        "content/uji/laporan.yaml:11:16: bagian[1].teks: nama 'ikm' tidak dikenal di teks laporan",
        "   11 |       Nilai {{ ikm.nilai }} di sini.",
        "      |                ^",
    ]


def test_author_text_cannot_reach_python_internals(project):
    text = MINIMAL_REPORT.replace("Kesimpulan singkat.", "'{{ wilayah.__class__.__mro__ }}'")
    code, _, err = check(project, text)
    assert code == 1
    assert "content/uji/laporan.yaml:11:23: bagian[2].teks: akses ke '__class__' tidak diizinkan di teks laporan" in err


def test_site_config_unknown_report_folder_suggests_the_close_one(project):
    project.report("sawahlunto-pembinaan")
    project.config(site_config("sawahlunto-pembinan"))
    code, _, err = project.run("check")
    assert code == 1
    assert err.startswith(
        "reports.yaml:5:5: laporan[1]: berkas content/sawahlunto-pembinan/laporan.yaml tidak ditemukan. "
        "Mungkin maksud Anda 'sawahlunto-pembinaan'?\n"
    )


def test_site_config_unknown_key(project):
    project.report("uji")
    project.config(site_config("uji").replace("  instansi:", "  instansii:"))
    code, _, err = project.run("check")
    assert code == 1
    assert "reports.yaml:3:3: situs.instansii: kunci tidak dikenal 'instansii'. Mungkin maksud Anda 'instansi'?" in err
    assert "reports.yaml:2:3: situs.instansi: wajib diisi, tetapi tidak ada" in err


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_valid_report_passes(project, paper):
    project.report("uji")
    project.config(site_config("uji") + f"bawaan:\n  pdf:\n    kertas: {paper}\n")
    assert project.run("check") == (0, "1 laporan diperiksa.\n", "")
