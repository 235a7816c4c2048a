"""The official structure options and the print layout, read back from real PDFs."""

from __future__ import annotations

import re
import shutil
import subprocess

import pypdf
import pytest

from reportgen.render import footer_size
from reportgen.schema import Print
from tests.conftest import site_config
from tests.test_pdf import APPROVAL, pages_text

EXAMPLES = (
    "sawahlunto-pembinaan",
    "denpasar-peningkatan-kualitas",
    "kotabumi-pengembangan-karier",
    "sawahlunto-pengelolaan-pembinaan",
    "batanghari-pelatihan",
)

SECOND_SIGNATORY = """\
  mengetahui:
    jabatan: Sekretaris Daerah Kota Uji
    nama: Ir. Siti Rahma, M.T.
    pangkat: Pembina Utama Madya (IV/d)
    nip: "196805121993032007"
"""
PARAGRAPH = "Kalimat panjang untuk mengisi halaman laporan uji agar terbagi ke beberapa halaman. " * 12
ROWS = "\n".join(f"Unit Kerja {n:02d};{n * 3}" for n in range(1, 71))
OFFICIAL = f"""\
judul: Evaluasi Program Uji
wilayah: Contoh
program: Pelatihan ASN
tahun: 2026
tanggal: 2026-11-22
{APPROVAL}{SECOND_SIGNATORY}pdf:
  penomoran_bab: true
data:
  - nama: unit
    jenis: tabel
    berkas: unit.csv
    judul: Jumlah Peserta per Unit Kerja
    opsi:
      kolom:
        - {{nama: unit, label: Unit Kerja, format: teks}}
        - {{nama: peserta, label: Jumlah Peserta, format: bulat}}
bagian:
  - jenis: kata_pengantar
    teks: Puji syukur kami panjatkan atas selesainya laporan ini.
  - jenis: pendahuluan
    teks: |
      # Latar Belakang

      {PARAGRAPH}

      # Ruang Lingkup

      {PARAGRAPH}
  - jenis: temuan
    teks: |
      {PARAGRAPH}

      {{{{ tabel("unit.tabel") }}}}
  - jenis: kesimpulan
    teks: Kesimpulan singkat.
  - jenis: lampiran
    judul: Daftar Hadir Peserta
    teks: Daftar hadir terlampir.
  - jenis: lampiran
    judul: Dokumentasi Kegiatan
    teks: Foto kegiatan terlampir.
"""


@pytest.fixture(scope="module")
def official(tmp_path_factory):
    """The pages' text of one report with every official structure option on."""
    from tests.conftest import Project

    project = Project(tmp_path_factory.mktemp("resmi"))
    project.report("uji", OFFICIAL, files={"unit.csv": "unit;peserta\n" + ROWS + "\n"})
    project.config(site_config("uji"))
    code, _, err = project.run("build")
    assert code == 0, err
    return pages_text(project.root / "output/site/uji/uji.pdf")


def test_kata_pengantar_comes_before_the_contents_signed_by_the_approver(official):
    foreword = next(i for i, text in enumerate(official) if text.startswith("KATA PENGANTAR"))
    contents = next(i for i, text in enumerate(official) if text.startswith("DAFTAR ISI"))
    assert official[1].startswith("LEMBAR PENGESAHAN") and foreword == 2 and contents == 3
    assert "Puji syukur" in official[foreword] and "Drs. Budi Santoso, M.Si." in official[foreword]
    assert official[foreword].endswith("iii")
    assert re.search(r"Kata Pengantar (?:\. ?)+iii", official[contents])


def test_the_approval_page_has_a_second_signatory(official):
    page = official[1]
    assert "Mengetahui," in page and "Sekretaris Daerah Kota Uji," in page
    assert "Ir. Siti Rahma, M.T." in page and "Pembina Utama Madya (IV/d)" in page
    assert "NIP. 19680512 199303 2 007" in page and "NIP. 19720314 199803 1 004" in page


def test_chapters_are_numbered_in_the_contents_headings_and_running_heads(official):
    contents, body = official[3], official[5:]
    entries = dict(re.findall(r"(BAB [IV]+ [A-Z ]+?|\d\.\d [A-Z][a-z]+ [A-Z][a-z]+) ?(?:\. ?)+ ?(\d+)", contents))
    chapters = ["BAB I PENDAHULUAN", "BAB II HASIL EVALUASI", "BAB III KESIMPULAN"]
    assert list(entries) == [chapters[0], "1.1 Latar Belakang", "1.2 Ruang Lingkup", *chapters[1:]]
    for entry, page in entries.items():
        assert entry in body[int(page) - 1], entry
    assert body[0].startswith("BAB I PENDAHULUAN 1.1 Latar Belakang Kalimat")
    for chapter in chapters:
        page = body[int(entries[chapter]) - 1]
        number, title = chapter.split(" ")[1], chapter.split(" ", 2)[2].title()
        assert page.startswith(chapter) and f"Evaluasi Program Uji · BAB {number} {title}" in page, page[:80]


def test_appendices_are_numbered_after_the_conclusion_and_listed(official):
    contents, body = official[3], official[5:]
    listed = re.findall(r"Lampiran (\d)\. ([A-Za-z ]+?) ?(?:\. ?)+ ?(\d+)", contents)
    assert [(n, title) for n, title, _ in listed] == [("1", "Daftar Hadir Peserta"), ("2", "Dokumentasi Kegiatan")]
    conclusion = next(i for i, text in enumerate(body) if "BAB III KESIMPULAN" in text)
    for number, title, page in listed:
        assert int(page) - 1 > conclusion
        assert f"LAMPIRAN {number} {title.upper()}" in body[int(page) - 1]


def test_a_long_table_splits_with_its_header_row_repeated(official):
    pages = [text for text in official if re.search(r"Unit Kerja \d\d \d", text)]
    assert len(pages) >= 2
    assert "Unit Kerja 01" in pages[0] and "Unit Kerja 70" in pages[-1]
    assert all(text.count("Unit Kerja Jumlah Peserta") == 1 for text in pages)


@pytest.mark.parametrize("slug", EXAMPLES)
def test_the_examples_list_tables_and_figures_on_one_page(examples, slug):
    pages = pages_text(examples / slug / f"{slug}.pdf")
    assert any(text.startswith("DAFTAR TABEL") and "DAFTAR GAMBAR" in text for text in pages)


def layout_text(pdf, page: int) -> list[str]:
    """The non-blank lines of one page (1-based) as pdftotext -layout places them."""
    done = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if line.strip()]


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext comes with make's set-up")


@needs_pdftotext
@pytest.mark.parametrize("slug", ["sawahlunto-pembinaan", "kotabumi-pengembangan-karier"])
def test_the_footer_of_a_body_page_is_one_line(examples, slug):
    pdf = examples / slug / f"{slug}.pdf"
    lines = layout_text(pdf, len(pypdf.PdfReader(pdf).pages))
    assert "Badan Kepegawaian" in lines[-1] and re.search(r"Halaman \d+ dari \d+$", lines[-1]), lines[-3:]
    assert "Badan Kepegawaian" not in lines[-2]


@needs_pdftotext
def test_a_wrapped_entry_hangs_and_ends_with_its_leader_and_page_number(examples):
    pdf = examples / "sawahlunto-pembinaan" / "sawahlunto-pembinaan.pdf"
    page = next(i for i, text in enumerate(pages_text(pdf), 1) if text.startswith("DAFTAR TABEL"))
    lines = layout_text(pdf, page)
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("Tabel 1."))
    entry, following = lines[first], lines[first + 1]
    assert not re.search(r"\. \d+$", entry)  # no leader on the entry's first line
    assert re.fullmatch(r"\s+Pelayanan ?(\. ?)+\s*\d+", following), following
    indent = len(following) - len(following.lstrip())
    assert indent > entry.index("Tabel 1.") + len("Tabel 1.")  # hangs past its number


HEAD = "judul: Evaluasi Program Uji\nwilayah: Contoh\nprogram: Pelatihan ASN\ntahun: 2026\ntanggal: 2026-11-22\n"


def problems(project, text: str) -> list[str]:
    project.report("uji", HEAD + text)
    project.config(site_config("uji"))
    code, _, err = project.run("check")
    assert code == 1
    return [line for line in err.splitlines() if line.startswith("content/")]


def test_a_misused_section_kind_gets_an_indonesian_message(project):
    found = problems(
        project,
        "bagian:\n"
        "  - jenis: pendahuluan\n    teks: Isi.\n"
        "  - jenis: kesimpulan\n    teks: Isi.\n    penanda_tangan: {nama: Tim Penyusun}\n"
        "  - jenis: lampiran\n    teks: Isi.\n",
    )
    assert found == [
        "content/uji/laporan.yaml:9:5: bagian[2]: 'penanda_tangan' hanya dipakai pada bagian berjenis "
        "'kata_pengantar'; bagian ini berjenis 'kesimpulan'. Hapus 'penanda_tangan' atau ganti jenisnya",
        "content/uji/laporan.yaml:12:5: bagian[3]: bagian berjenis 'lampiran' wajib mempunyai 'judul'",
    ]


def test_the_official_structure_out_of_order_gets_an_indonesian_message(project):
    found = problems(
        project,
        "bagian:\n"
        "  - jenis: pendahuluan\n    teks: Isi.\n"
        "  - jenis: lampiran\n    judul: Daftar Hadir\n    teks: Isi.\n"
        "  - jenis: kesimpulan\n    teks: Isi.\n"
        "  - jenis: kata_pengantar\n    teks: Isi.\n",
    )
    assert found == [
        "content/uji/laporan.yaml:12:12: bagian[3].jenis: bagian berjenis 'kesimpulan' tidak boleh berada setelah "
        "lampiran; 'lampiran' ditulis paling akhir, setelah kesimpulan",
        "content/uji/laporan.yaml:14:12: bagian[4].jenis: bagian berjenis 'kata_pengantar' harus menjadi bagian "
        "pertama, karena dicetak sebelum Daftar Isi; pindahkan ke awal daftar 'bagian'",
    ]


def test_a_foreword_without_a_signer_gets_an_indonesian_message(project):
    found = problems(project, "bagian:\n  - jenis: kata_pengantar\n    teks: Isi.\n")
    assert found == [
        "content/uji/laporan.yaml:7:12: bagian[1].jenis: bagian 'kata_pengantar' perlu penanda tangan: tulis "
        "'penanda_tangan' (nama, jabatan, NIP) di bagian ini, atau 'pengesahan' di laporan"
    ]


def test_titles_and_captions_are_not_hyphenated(examples):
    pages = pages_text(examples / "sawahlunto-pembinaan" / "sawahlunto-pembinaan.pdf")
    title = "Evaluasi Program Pembinaan ASN untuk Meningkatkan Profesionalisme di Sawahlunto"
    assert f"Laporan {title} telah diperiksa dan disahkan." in pages[1]
    body = " ".join(pages[4:])
    for caption in (
        "Tabel 1. Indeks Kepuasan Masyarakat terhadap Pelayanan ASN: Nilai per Unsur Pelayanan",
        "Tabel 2. Tes Awal dan Tes Akhir Pelatihan Keterampilan Komunikasi: Ringkasan Nilai (32 peserta)",
        "Gambar 1. Indeks Kepuasan Masyarakat terhadap Pelayanan ASN: Nilai Konversi per Unsur Pelayanan",
    ):
        assert caption in body


def test_the_footer_size_is_the_largest_that_fits_one_line():
    short = footer_size("BKPSDM Uji", Print())
    agency = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Sawahlunto · Data contoh (ilustratif)"
    shrunk = footer_size(agency, Print())
    assert short == 9.0 and 7.0 <= shrunk < 9.0
    assert footer_size(agency, Print(kertas="F4")) >= shrunk  # a wider page needs no smaller type
    assert footer_size(agency * 3, Print()) == 7.0  # never smaller: too long a text wraps instead
