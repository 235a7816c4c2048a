"""Reports with data: figures in the text, numbered tables and charts, in HTML and PDF; bad data files."""

from __future__ import annotations

import re

import pypdf

from tests.conftest import site_config

SURVEY = (
    "no;jenis_kelamin;U1;U2;U3;U4;U5;U6;U7;U8;U9\r\n"
    "1;Laki-laki;4;3;3;4;3;3;4;3;3\r\n"
    "2;Perempuan;3;3;2;4;3;4;4;3;3\r\n"
    "3;Perempuan;4;4;3;4;4;3;3;3;4\r\n"
)
# By hand: NRR U1..U9 = 11/3, 10/3, 8/3, 4, 10/3, 10/3, 11/3, 3, 10/3; their sum is 91/3,
# weighted NRR = 91/27 = 3.3704, IKM = 91/27 * 25 = 84.259... -> 84,26, band B (76,61-88,30).

REPORT = """\
judul: Uji Data
wilayah: Contoh
program: Pelatihan
tahun: 2026
tanggal: 2026-11-22
data_contoh: true
data:
  - nama: ikm
    jenis: ikm
    berkas: survei.csv
    sumber: Survei Kepuasan Masyarakat 2026
bagian:
  - jenis: metode
    teks: |
      Nilai IKM sebesar {{ ikm.nilai }} dengan mutu {{ ikm.mutu }} dari {{ ikm.responden }} responden
      ({{ nomor_tabel("ikm.unsur") }}, {{ nomor_gambar("ikm.unsur") }}).

      {{ tabel("ikm.unsur") }}

      {{ gambar("ikm.unsur") }}

      {{ tabel("ikm.jenis_kelamin") }}
"""


def build(project, report=REPORT, survey: str | bytes = SURVEY):
    project.report("uji", report, files={"survei.csv": survey})
    project.config(site_config("uji"))
    return project.run("build")


def test_figures_tables_and_charts_in_html(project):
    code, _, err = build(project)
    assert code == 0, err
    page = (project.root / "output/site/uji/index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Nilai IKM sebesar 84,26 dengan mutu B dari 3 responden (Tabel 1, Gambar 1)." in text
    assert (
        '<caption id="tabel-1-judul">Tabel 1. Indeks Kepuasan Masyarakat: Nilai per Unsur Pelayanan</caption>' in page
    )
    assert "Tabel 2. " in page
    assert "Sumber: Survei Kepuasan Masyarakat 2026" in page
    assert re.search(
        r'<figure class="chart" id="gambar-1">\s*<div class="chart-image" role="img" aria-label="[^"]+">', page
    )
    assert "<svg" in page and "Gambar 1. Indeks Kepuasan Masyarakat" in page
    assert "Data contoh" in page


def test_figures_tables_and_charts_in_pdf(project):
    code, _, err = build(project)
    assert code == 0, err
    reader = pypdf.PdfReader(project.root / "output/site/uji/uji.pdf")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Nilai IKM sebesar 84,26 dengan mutu B dari 3 responden (Tabel 1, Gambar 1)." in text
    assert "Tabel 1. Indeks Kepuasan Masyarakat: Nilai per Unsur Pelayanan" in text
    assert "Daftar Tabel" in text.title() or "DAFTAR TABEL" in text
    assert "Gambar 1. Indeks Kepuasan Masyarakat" in text
    assert "Sumber: Survei Kepuasan Masyarakat 2026" in text
    assert "Data contoh" in text


def test_likert_answer_out_of_range_names_file_row_column_and_value(project):
    bad = SURVEY.replace("3;Perempuan;4;4;3;", "3;Perempuan;4;5;3;")
    code, _, err = build(project, survey=bad)
    assert code == 1
    assert "content/uji/survei.csv:4:4: U2: diharapkan bilangan bulat 1 sampai 4; ditemukan 5" in err


def test_missing_column(project):
    code, _, err = build(project, survey=SURVEY.replace("U9", "U 9"))
    assert code == 1
    assert "content/uji/survei.csv:1: U9: kolom 'U9' tidak ditemukan. Mungkin maksud Anda 'U 9'?" in err


def test_empty_data_file(project):
    code, _, err = build(project, survey="")
    assert code == 1
    assert "content/uji/survei.csv: berkas CSV kosong; diharapkan baris judul kolom lalu data" in err
    assert not (project.root / "output/site/uji").exists()


def test_missing_data_file_and_unknown_kind_are_reported_together(project):
    report = REPORT.replace("berkas: survei.csv", "berkas: survey.csv").replace(
        "    sumber:", "  - nama: lain\n    jenis: ikmm\n    berkas: survei.csv\n    sumber:"
    )
    code, _, err = build(project, report=report)
    assert code == 1
    assert (
        "content/uji/laporan.yaml:10:13: data[1].berkas: berkas data 'survey.csv' tidak ditemukan di folder laporan. "
        "Mungkin maksud Anda 'survei.csv'? Berkas CSV yang ada: survei.csv"
    ) in err
    assert (
        "data[2].jenis: jenis data tidak dikenal 'ikmm'; diharapkan salah satu dari: anggaran, ikm, jp, prepost, tabel."
        in err
    )


def test_unknown_table_name_points_at_the_author_line(project):
    code, _, err = build(project, report=REPORT.replace('{{ tabel("ikm.unsur") }}', '{{ tabel("ikm.unsr") }}'))
    assert code == 1
    assert (
        "content/uji/laporan.yaml:18:17: bagian[1].teks: tabel 'ikm.unsr' tidak ada. Mungkin maksud Anda 'ikm.unsur'? "
        "Nama tabel yang ada: ikm.jenis_kelamin, ikm.unsur"
    ) in err
    assert "(1 kesalahan)" not in err and "dirujuk" not in err


def test_reference_to_a_table_never_placed(project):
    code, _, err = build(project, report=REPORT.replace('{{ tabel("ikm.unsur") }}', ""))
    assert code == 1
    assert (
        "bagian: tabel 'ikm.unsur' dirujuk dengan nomor_tabel, tetapi tidak pernah ditampilkan "
        "dengan tabel('ikm.unsur')"
    ) in err


def test_unknown_figure_name(project):
    code, _, err = build(project, report=REPORT.replace("ikm.nilai", "ikm.nilay"))
    assert code == 1
    assert (
        "content/uji/laporan.yaml:15:32: bagian[1].teks: data 'ikm' tidak mempunyai nilai 'nilay'. "
        "Mungkin maksud Anda 'nilai'?" in err
    )


def test_bad_indicator_option(project):
    report = REPORT.replace("    sumber: Survei", "    opsi:\n      atribt: [pendidikan]\n    sumber: Survei")
    code, _, err = build(project, report=report)
    assert code == 1
    assert (
        "content/uji/laporan.yaml:12:7: data[1].opsi.atribt: kunci tidak dikenal 'atribt'. Mungkin "
        "maksud Anda 'atribut'?" in err
    )


def test_windows_1252_semicolon_decimal_comma_export(project):
    survey = SURVEY.replace("Laki-laki", "Laki-laki (Bpk. Andr\u00e9)").encode("cp1252")
    code, _, err = build(project, survey=survey)
    assert code == 0, err
