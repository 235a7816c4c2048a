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
        # the last two words bound, so that no word stands alone on the caption's last line
        '<caption id="tabel-1-judul">Tabel 1. Indeks Kepuasan Masyarakat: Nilai per Unsur\u00a0Pelayanan</caption>'
        in page
    )
    assert "Tabel 2. " in page
    assert "Sumber: Survei Kepuasan Masyarakat 2026" in page
    assert re.search(
        r'<figure class="chart" id="gambar-1">\s*'
        r'<div class="chart-image" role="img" aria-label="[^"]+" data-pagefind-ignore>',
        page,
    )
    assert "<svg" in page and "Gambar 1. Indeks Kepuasan Masyarakat" in page
    assert re.search(r'</figcaption>\s*<p class="source">Sumber: Survei Kepuasan Masyarakat 2026</p>\s*</figure>', page)
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
        "Nama tabel yang ada: ikm.interpretasi, ikm.jenis_kelamin, ikm.unsur"
    ) in err
    assert "(1 kesalahan)" not in err and "dirujuk" not in err


def test_reference_to_a_table_never_placed(project):
    code, _, err = build(project, report=REPORT.replace('{{ tabel("ikm.unsur") }}', ""))
    assert code == 1
    assert (  # at the reference, in the text that makes it
        "content/uji/laporan.yaml:16:24: bagian[1].teks: tabel 'ikm.unsur' dirujuk dengan nomor_tabel, "
        "tetapi tidak pernah ditampilkan dengan tabel('ikm.unsur')"
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


# A survey with blanks, education levels out of order and dates; a test whose means round on a half.
# By hand: U2 is blank for respondent 3, so its NRR is (3 + 4) / 2 = 3.5 from 2 answers; the other eight
# elements: U1 = (4 + 3 + 2) / 3 = 3 ... see the rows; sum of NRR = 3 + 3.5 + 7 x 3 = 27.5, IKM = 27.5 / 9 x 25
# = 76.388.. -> 76,39 (C). Population 100 needs 80 respondents (Krejcie-Morgan).
BLANK_SURVEY = (
    "no;pendidikan;tanggal;U1;U2;U3;U4;U5;U6;U7;U8;U9\r\n"
    "1;S1;17/03/2026;4;3;4;4;4;4;4;4;4\r\n"
    "2;SMA;03/03/2026;3;4;3;3;3;3;3;3;3\r\n"
    "3;D3;28/04/2026;2;;2;2;2;2;2;2;2\r\n"
)
# 15 participants: pre 14 x 50 + 50,075 = 750,075, mean 50,005 exactly -> 50,01 (half up; half-even gave 50,00);
# post 14 x 50,6 + 51,05 = 759,45, mean 50,63; difference 0,625 -> 0,63. A second file falls by 4 points.
SCORES = "nip;pre;post\r\n" + "".join(f"{i};50;50,6\r\n" for i in range(14)) + "14;50,075;51,05\r\n"
FALLING = "nip;pre;post\r\n1;60;56\r\n2;70;66\r\n"

FIGURE_REPORT = """\
judul: Uji Angka
wilayah: Contoh
program: Pelatihan
tahun: 2026
tanggal: 2026-11-22
data:
  - nama: ikm
    jenis: ikm
    berkas: survei.csv
    opsi:
      atribut: [pendidikan]
      populasi: 100
  - nama: tes
    jenis: prepost
    berkas: tes.csv
  - nama: turun
    jenis: prepost
    berkas: turun.csv
bagian:
  - jenis: temuan
    teks: |
      IKM {{ ikm.nilai }} ({{ ikm.kecukupan_sampel }}) pada {{ ikm.periode }}.
      Pre {{ tes.rata_pre }}, post {{ tes.rata_post }}, selisih {{ tes.selisih }}; turun {{ turun.selisih }}.

      {{ tabel("ikm.unsur") }}

      {{ tabel("ikm.pendidikan") }}

      {{ tabel("ikm.interpretasi") }}

      {{ tabel("tes.ringkasan") }}

      {{ tabel("turun.ringkasan") }}
"""


def test_rounding_blanks_sample_order_and_minus_sign_reach_the_page(project):
    files = {"survei.csv": BLANK_SURVEY, "tes.csv": SCORES, "turun.csv": FALLING}
    project.report("uji", FIGURE_REPORT, files=files)
    project.config(site_config("uji"))
    code, _, err = project.run("build", "--tanpa-pdf")
    assert code == 0, err
    page = (project.root / "output/site/uji/index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert (
        "IKM 76,39 (Jumlah responden (3) kurang dari sampel minimum 80 untuk populasi 100 (tabel Krejcie dan "
        "Morgan); IKM ini belum mewakili populasi.) pada 3 Maret 2026 s.d. 28 April 2026." in text
    )
    assert "Pre 50,01, post 50,63, selisih 0,63; turun \u22124,00." in text
    # the element table counts the answers of U2, and says how blanks were averaged
    assert '<th scope="col">Jumlah Jawaban</th>' in page
    assert re.search(r"Sistem, Mekanisme, dan Prosedur</td><td class=\"num\">2</td><td class=\"num\">3,50</td>", page)
    assert "NRR setiap unsur dihitung dari responden yang menjawab unsur itu." in text
    assert "Bobot setiap unsur sama, 1/9 (0,111)" in text
    assert "Tingkat evaluasi Kirkpatrick: level 1 (reaksi)." in text
    # education lowest first
    rows = re.findall(r"<tr><td>([^<]+)</td><td class=\"num\">1</td>", page)
    assert rows == ["SMA", "D3", "S1"]
    assert "<td>3,0644 – 3,532</td><td>76,61 – 88,30</td><td>B</td><td>Baik</td>" in page
    # the falling scores: the minus sign in the summary table, beside "post − pre"
    assert re.search(r"Selisih \(post − pre\)</td><td class=\"num\">\u22124,00</td>", page)
    assert "-4,00" not in page
