"""The official PDF read back: front matter, numbering, metadata, outline, fonts, archival variants."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pypdf
import pytest

from reportgen.pdf import STRICT_VARIABLE
from tests.conftest import MINIMAL_REPORT, site_config

APPROVAL = """\
pengesahan:
  jabatan: Kepala BKPSDM Kota Uji
  nama: Drs. Budi Santoso, M.Si.
  pangkat: Pembina Utama Muda (IV/c)
  nip: "197203141998031004"
"""
LONG = (
    "\n".join(["  - jenis: lainnya", "    judul: Bagian {n}", "    teks: |"])
    + "\n"
    + "      "
    + ("Kalimat panjang untuk mengisi halaman laporan uji agar terbagi ke beberapa halaman. " * 30)
    + "\n"
)


def report_text(extra: str = "", sections: int = 6) -> str:
    body = "".join(LONG.format(n=n) for n in range(1, sections + 1))
    return MINIMAL_REPORT.replace("bagian:\n", extra + "bagian:\n") + body


def build(project, extra="", config_extra="", sections=6, files=None):
    project.report("uji", report_text(extra, sections), files=files)
    project.config(site_config("uji") + config_extra)
    code, _, err = project.run("build")
    assert code == 0, err
    return project.root / "output/site/uji/uji.pdf"


def pages_text(path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(path).pages]


def test_front_matter_roman_body_arabic_and_contents_pages_are_right(project):
    pdf = build(project, extra=APPROVAL)
    pages = pages_text(pdf)
    assert "Evaluasi Program Uji" in pages[0]
    assert pages[1].startswith("LEMBAR PENGESAHAN")
    assert "Contoh, 22 November 2026" in pages[1] and "NIP. 19720314 199803 1 004" in pages[1]
    assert pages[1].endswith("ii") and pages[2].endswith("iii")
    body = pages[3:]
    total = len(body)
    for number, text in enumerate(body, 1):
        assert text.endswith(f"Halaman {number} dari {total}"), text[-40:]
    contents = dict(re.findall(r"(Bagian \d|Pendahuluan|Kesimpulan) ?(?:\. ?)+ ?(\d+)", pages[2]))
    assert len(contents) == 8
    for heading, page in contents.items():
        assert heading in body[int(page) - 1], (heading, page)


def test_metadata_outline_and_internal_links(project):
    pdf = build(project, extra="ringkasan: Ringkasan uji.\nkata_kunci: [pelatihan, uji]\n")
    reader = pypdf.PdfReader(pdf)
    meta = reader.metadata
    assert meta.title == "Evaluasi Program Uji"
    assert meta.author == "BKPSDM Uji"
    assert meta.subject == "Ringkasan uji."
    assert meta["/Keywords"] == "pelatihan, uji"
    assert meta["/CreationDate"].startswith("D:20261122")
    assert reader.trailer["/Root"]["/Lang"] == "id"
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    body = ["Pendahuluan", "Kesimpulan", *[f"Bagian {n}" for n in range(1, 7)]]
    assert [title for title, _ in outline] == ["Evaluasi Program Uji", "Daftar Isi", *body]
    texts = pages_text(pdf)
    for title, page in outline:
        assert title.upper() in texts[page].upper()
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots") or []]
    destinations = {a["/Dest"] for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a}
    assert {"pendahuluan", "bagian-1", "bagian-6", "kesimpulan"} <= destinations


def test_fonts_are_embedded_and_subset(project):
    reader = pypdf.PdfReader(build(project))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(key in descriptor for key in ("/FontFile2", "/FontFile3", "/FontFile")), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]))
    assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+Liberation-(Serif|Sans)[-A-Za-z]*", f) for f in fonts), fonts


def test_draft_has_watermark_on_every_page_and_final_has_none(project):
    final = pages_text(build(project))
    assert not any("KONSEP" in text for text in final)
    draft = pages_text(build(project, extra="status: konsep\n"))
    assert all("KONSEP" in text for text in draft)
    page = (project.root / "output/site/uji/index.html").read_text(encoding="utf-8")
    assert "KONSEP" in page


def test_f4_paper_and_margins(project):
    pdf = build(project, config_extra="bawaan:\n  pdf:\n    kertas: F4\n")
    box = pypdf.PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (215, 330)
    pdf = build(project, extra="pdf:\n  kertas: A4\n", config_extra="bawaan:\n  pdf:\n    kertas: F4\n")
    box = pypdf.PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


def test_pdf_a3_with_attached_sources(project):
    config = "bawaan:\n  pdf:\n    varian_pdf: pdf/a-3b\n    lampirkan_data: true\n    tag_pdf: true\n"
    pdf = build(project, config_extra=config)
    reader = pypdf.PdfReader(pdf)
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.get_element("", "http://www.aiim.org/pdfa/ns/id/", "part")
    assert list(reader.attachments) == ["laporan.yaml"]
    assert reader.attachments["laporan.yaml"][0].startswith(b"judul: Evaluasi Program Uji")
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_same_inputs_give_the_same_pdf_bytes(project):
    first = build(project, extra=APPROVAL).read_bytes()
    second = build(project, extra=APPROVAL).read_bytes()
    assert first == second


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is installed by make's set-up")
def test_qpdf_finds_no_errors(project):
    pdf = build(project, extra=APPROVAL)
    done = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_missing_logo_is_an_author_error(project):
    project.report("uji", MINIMAL_REPORT.replace("bagian:", "logo: logo-kota.png\nbagian:"), files={"logo.png": b""})
    project.config(site_config("uji"))
    code, _, err = project.run("build")
    assert code == 1
    assert (
        "content/uji/laporan.yaml:6:7: logo: berkas logo 'logo-kota.png' tidak ditemukan di folder laporan. "
        "Mungkin maksud Anda 'logo.png'?"
    ) in err


def test_pdf_fetches_nothing_outside_the_project(project, tmp_path_factory):
    from reportgen.pdf import FetchRefusedError, render_pdf

    outside = tmp_path_factory.mktemp("luar") / "rahasia.png"
    outside.write_bytes(b"x")
    html = f'<html lang="id"><body><img src="{outside.as_uri()}"><img src="https://example.com/a.png"></body></html>'
    with pytest.raises(FetchRefusedError, match="di luar folder proyek"):
        render_pdf(html, project.root, project.root)
    with pytest.raises(FetchRefusedError, match="jaringan tidak diizinkan"):
        render_pdf('<img src="https://example.com/a.png">', project.root, project.root)


def test_a_weasyprint_warning_fails_the_report_in_strict_mode(project):
    """The suite runs strict (conftest); a template's CSS mistake fails the build at its report."""
    css = project.root / "templates/print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nbody { colour: red; }\n", encoding="utf-8")
    project.report("uji")
    project.config(site_config("uji"))
    code, _, err = project.run("build")
    assert code == 1
    assert "WeasyPrint memberi peringatan saat mencetak PDF" in err
    assert "colour" in err
    relaxed = {k: v for k, v in os.environ.items() if k != STRICT_VARIABLE}
    command = [sys.executable, "-m", "reportgen", "build", "--proyek", str(project.root), "-q"]
    done = subprocess.run(command, capture_output=True, text=True, env=relaxed, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (project.root / "output/site/uji/uji.pdf").is_file()
