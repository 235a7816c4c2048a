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

SECTION_WITHOUT_TEXT = MINIMAL_REPORT.replace(
    "  - jenis: kesimpulan\n    teks: Kesimpulan singkat.\n", "  - jenis: kesimpulan\n"
)
CUSTOM_SECTION_WITHOUT_HEADING = MINIMAL_REPORT.replace("jenis: kesimpulan", "jenis: lainnya")
SITE_KEY_TYPO = site_config("uji").replace("  instansi:", "  instansii:")


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
    assert lines == [  # the typo is told once, at the typo: no "wilayah: wajib diisi" besides it
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
        "temuan, tantangan, rekomendasi, kesimpulan, lainnya, kata_pengantar, lampiran; ditemukan 'metod'. "
        "Mungkin maksud Anda 'metode'?",
    ]
    assert "(6 kesalahan)" in err
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
    code, _, err = check(project, SECTION_WITHOUT_TEXT)
    assert code == 1
    assert "content/uji/laporan.yaml:10:5: bagian[2].teks: wajib diisi, tetapi tidak ada\n" in err


def test_custom_section_needs_a_heading(project):
    code, _, err = check(project, CUSTOM_SECTION_WITHOUT_HEADING)
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
        "content/uji/laporan.yaml:11:16: bagian[1].teks: nama 'ikm' tidak dikenal di teks laporan. "
        "Nama yang dikenal: gambar, nomor_gambar, nomor_tabel, program, tabel, tahun, wilayah",
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
    assert (
        "✗ laporan 'sawahlunto-pembinan' gagal:\n"
        "reports.yaml:5:5: laporan[1]: berkas content/sawahlunto-pembinan/laporan.yaml tidak ditemukan. "
        "Mungkin maksud Anda 'sawahlunto-pembinaan'?\n"
    ) in err
    assert "peringatan: content/sawahlunto-pembinaan/laporan.yaml: folder 'content/sawahlunto-pembinaan'" in err


def test_site_config_unknown_key(project):
    project.report("uji")
    project.config(SITE_KEY_TYPO)
    code, _, err = project.run("check")
    assert code == 1
    assert "reports.yaml:3:3: situs.instansii: kunci tidak dikenal 'instansii'. Mungkin maksud Anda 'instansi'?" in err
    assert "wajib diisi" not in err  # the typo is the one mistake


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_valid_report_passes(project, paper):
    project.report("uji")
    project.config(site_config("uji") + f"bawaan:\n  pdf:\n    kertas: {paper}\n")
    assert project.run("check") == (0, "1 laporan diperiksa.\n", "")


EVERY_NAME_WRONG = MINIMAL_REPORT.replace(
    "Paragraf pertama laporan uji.",
    "Di {{ wilayh }} pada {{ tahun + tambahan }}.\n\n"
    "      {% for butir in daftar %}{{ butir }}{% endfor %} {{ tabel('ringkasan') }}",
).replace("Kesimpulan singkat.", "Program {{ progam }} dan {{ nomor_gambar('grafik') }}.")


def test_every_wrong_name_in_author_text_is_told_in_one_run(project):
    code, _, err = check(project, EVERY_NAME_WRONG)
    assert code == 1
    located = [line.split(": ", 2)[:2] for line in err.splitlines() if line.startswith("content/")]
    assert located == [
        ["content/uji/laporan.yaml:9:13", "bagian[1].teks"],  # wilayh
        ["content/uji/laporan.yaml:9:39", "bagian[1].teks"],  # tambahan
        ["content/uji/laporan.yaml:11:23", "bagian[1].teks"],  # daftar
        ["content/uji/laporan.yaml:11:66", "bagian[1].teks"],  # tabel 'ringkasan'
        ["content/uji/laporan.yaml:13:22", "bagian[2].teks"],  # progam
        ["content/uji/laporan.yaml:13:53", "bagian[2].teks"],  # gambar 'grafik'
    ]
    assert "nama 'wilayh' tidak dikenal di teks laporan. Mungkin maksud Anda 'wilayah'?" in err
    assert "nama 'progam' tidak dikenal di teks laporan. Mungkin maksud Anda 'program'?" in err
    assert "tabel 'ringkasan' tidak ada. Nama tabel yang ada: tidak ada" in err
    assert "gambar 'grafik' tidak ada. Nama gambar yang ada: tidak ada" in err
    assert "(6 kesalahan)" in err


def test_a_content_folder_missing_from_reports_yaml_is_a_warning_with_the_line_to_add(project):
    project.report("uji")
    project.report("lupa-didaftar")
    listing = "laporan:\n    # yang terbit\n    - uji\n"  # the line to add takes this indentation
    project.config("# daftar\nsitus:\n  judul: Situs Uji\n  instansi: BKPSDM Uji\n" + listing)
    code, out, err = project.run("check")
    assert code == 0
    assert out == "1 laporan diperiksa.\n"
    assert err == (
        "peringatan: content/lupa-didaftar/laporan.yaml: folder 'content/lupa-didaftar' tidak tercantum di "
        "reports.yaml, jadi tidak diperiksa dan tidak dibangun. Untuk menerbitkannya, tambahkan baris ini di bawah "
        "'laporan:' di reports.yaml:\n"
        "    - lupa-didaftar\n"
    )
    code, _, err = project.run("build", "--tanpa-pdf")
    assert code == 0
    assert "peringatan: content/lupa-didaftar/laporan.yaml" in err
    assert not (project.root / "output" / "site" / "lupa-didaftar").exists()


@pytest.mark.parametrize(
    ("addition", "message"),
    [
        (
            'pengesahan:\n  jabatan: Kepala\n  nama: A\n  nip: "19720314199803100"\n',
            "pengesahan.nip: diharapkan NIP 18 angka (mis. 197203141998031004), boleh berspasi setelah angka ke-8, "
            "ke-14 dan ke-15; ditemukan '19720314199803100'",
        ),
        (
            "data:\n  - nama: pengaduan-bulanan\n    jenis: tabel\n    berkas: x.csv\n",
            "data[1].nama: diharapkan nama berhuruf kecil, angka dan garis bawah, diawali huruf, tanpa tanda hubung "
            "(mis. ikm atau survei_2026); ditemukan 'pengaduan-bulanan'",
        ),
        (
            "pdf:\n  margin: {atas: 0.2}\n",
            "pdf.margin.atas: diharapkan bilangan paling kecil 0,5; ditemukan bilangan 0,2",
        ),
        ("pdf:\n  margin: {atas: 10}\n", "pdf.margin.atas: diharapkan bilangan paling besar 6; ditemukan bilangan 10"),
        ('ringkasan: "   "\n', "ringkasan: tidak boleh kosong; ditemukan teks kosong"),
        (
            "data:\n  - nama: x\n    jenis: tabel\n    berkas: x.csv\n    csv: {pemisah: ':'}\n",
            "data[1].csv.pemisah: diharapkan salah satu dari: titik koma (;), koma (,), tab (\\t), garis tegak (|); "
            "ditemukan ':'",
        ),
        (
            'data:\n  - nama: x\n    jenis: tabel\n    berkas: "a\\0b.csv"\n',
            "data[1].berkas: diharapkan nama berkas tanpa karakter kendali",
        ),
        ("bagian: []\n", "bagian: tidak boleh kosong; ditemukan daftar kosong"),
    ],
)
def test_constraints_are_worded_for_what_they_ask(project, addition, message):
    text = MINIMAL_REPORT if not addition.startswith("bagian") else MINIMAL_REPORT.split("bagian:")[0]
    code, _, err = check(project, text + addition)
    assert code == 1
    assert message in err, err
