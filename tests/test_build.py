"""Build real reports and read the HTML and PDF back."""

from __future__ import annotations

import html
import html.parser
import re
from pathlib import Path

import pypdf
import pytest
import yaml

from tests.conftest import MINIMAL_REPORT, REPO, site_config

SLUGS = yaml.safe_load((REPO / "reports.yaml").read_text(encoding="utf-8"))["laporan"]


class Outline(html.parser.HTMLParser):
    """Headings, the html lang, script tags and all visible text of a page."""

    def __init__(self):
        super().__init__()
        self.lang, self.headings, self.text, self.scripts = None, [], [], 0
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag == "script":
            self.scripts += 1
        if re.fullmatch(r"h[1-6]", tag):
            self._open = [tag, ""]

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self.headings.append((tag, " ".join(self._open[1].split())))
            self._open = None

    def handle_data(self, data):
        self.text.append(data)
        if self._open:
            self._open[1] += data


def parse(path: Path) -> Outline:
    page = Outline()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def squash(text: str) -> str:
    """Text without whitespace and hyphens, so line breaks and hyphenation in a PDF do not count."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def expected_blocks(slug: str) -> tuple[str, list[tuple[str, list[str]]]]:
    """The title and (heading, paragraphs) of a report, read straight from its YAML."""
    data = yaml.safe_load((REPO / "content" / slug / "laporan.yaml").read_text(encoding="utf-8"))
    defaults = {
        "pendahuluan": "Pendahuluan",
        "kesimpulan": "Kesimpulan",
        "metode": "Metode Evaluasi",
        "temuan": "Hasil Evaluasi",
        "tantangan": "Tantangan dalam Pelaksanaan Program",
        "rekomendasi": "Rekomendasi untuk Program Selanjutnya",
        "tujuan": "Tujuan Program",
    }
    sections = []
    for s in data["bagian"]:
        paragraphs = [" ".join(p.split()) for p in s["teks"].split("\n\n") if p.strip() and "{" not in p]
        sections.append((s.get("judul") or defaults[s["jenis"]], paragraphs))
    return data["judul"], sections


def in_order(needles: list[str], haystack: str) -> list[str]:
    """The needles not found in order in haystack (both squashed)."""
    missing, pos = [], 0
    for needle in needles:
        found = haystack.find(squash(needle), pos)
        if found < 0:
            missing.append(needle)
        else:
            pos = found + len(squash(needle))
    return missing


@pytest.mark.parametrize("slug", SLUGS)
def test_pdf_holds_title_on_first_page_and_every_section_in_order(examples, slug):
    reader = pypdf.PdfReader(examples / slug / f"{slug}.pdf")
    pages = [page.extract_text() for page in reader.pages]
    title, sections = expected_blocks(slug)
    assert squash(title) in squash(pages[0])
    needles = [block for heading, paragraphs in sections for block in (heading, *paragraphs)]
    assert in_order(needles, squash("".join(pages))) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_html_page_structure(examples, slug):
    page = parse(examples / slug / "index.html")
    title, sections = expected_blocks(slug)
    assert page.lang == "id"
    assert [text for tag, text in page.headings if tag == "h1"] == [title]
    body_h2 = [text for tag, text in page.headings if tag == "h2" and text != "Daftar Isi"]
    assert body_h2 == [heading for heading, _ in sections]
    needles = [block for heading, paragraphs in sections for block in (heading, *paragraphs)]
    assert in_order(needles, squash("".join(page.text))) == []
    assert (examples / slug / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_index_links_every_report(examples):
    text = (examples / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<h2><a href="([^"]+)/index\.html"', text)
    assert sorted(links) == sorted(SLUGS)
    for slug in SLUGS:
        assert (examples / slug / f"{slug}.pdf").read_bytes().startswith(b"%PDF-")


FIGURE = re.compile(r'<figure class="chart" id="(gambar-\d+)">.*?<figcaption>(.*?)</figcaption>\s*(.*?)</figure>', re.S)


def sources(slug: str) -> set[str]:
    """The sources the report's data declarations give."""
    data = yaml.safe_load((REPO / "content" / slug / "laporan.yaml").read_text(encoding="utf-8"))
    return {d["sumber"] for d in data.get("data", []) if d.get("sumber")}


def figures(page: str) -> list[tuple[str, str, str]]:
    """(id, caption, what follows the caption) of every figure of an HTML page, entities decoded."""
    return [(id_, html.unescape(caption), html.unescape(rest.strip())) for id_, caption, rest in FIGURE.findall(page)]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_chart_has_its_source_under_the_caption_in_html_and_pdf(examples, slug):
    found = figures((examples / slug / "index.html").read_text(encoding="utf-8"))
    assert found, f"{slug} places no chart"
    pdf = squash("".join(page.extract_text() for page in pypdf.PdfReader(examples / slug / f"{slug}.pdf").pages))
    for id_, caption, rest in found:
        match = re.fullmatch(r'<p class="source">Sumber: (.*)</p>', rest)
        assert match and match[1] in sources(slug), f"{slug} {id_}: under the caption: {rest!r}"
        assert squash(f"{caption}Sumber: {match[1]}") in pdf, f"{slug} {id_}: no 'Sumber:' under the PDF caption"


def test_rekapitulasi_has_a_numbered_chart_with_source_for_each_key_figure(examples):
    page = (examples / "rekapitulasi" / "index.html").read_text(encoding="utf-8")
    found = figures(page)
    assert [(id_, caption) for id_, caption, _ in found] == [
        ("gambar-1", "Gambar 1. Nilai Indeks Kepuasan Masyarakat (IKM) per laporan"),
        ("gambar-2", "Gambar 2. Rata-rata N-gain peserta per laporan"),
        ("gambar-3", "Gambar 3. Persentase pegawai yang memenuhi 20 JP per laporan"),
        ("gambar-4", "Gambar 4. Persentase realisasi anggaran per laporan"),
    ]
    source = '<p class="source">Sumber: Laporan evaluasi yang dimuat di situs ini, diolah (data contoh)</p>'
    assert all(rest == source for _, _, rest in found)
    assert "92,97%" in page.split('id="gambar-4"')[1]  # the budget chart writes percents as the tables do


def test_report_pages_carry_search_filters_and_keep_tables_and_charts_out_of_excerpts(examples):
    for slug in SLUGS:
        data = yaml.safe_load((REPO / "content" / slug / "laporan.yaml").read_text(encoding="utf-8"))
        page = (examples / slug / "index.html").read_text(encoding="utf-8")
        assert f'<span data-pagefind-filter="Daerah">{data["wilayah"]}</span>' in page
        assert f'<span data-pagefind-filter="Tahun">{data["tahun"]}</span>' in page
        assert page.count("<tbody data-pagefind-ignore>") == page.count("<tbody")
        assert page.count('<div class="chart-image" role="img"') == page.count("data-pagefind-ignore>\n<svg")


def test_favicons_are_fingerprinted_assets_and_the_ico_is_also_at_the_root(examples):
    page = (examples / "index.html").read_text(encoding="utf-8")
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="(assets/[^"]+)"', page)
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".", i) for i in icons] == [
        "assets/favicon.ico",
        "assets/favicon.svg",
        "assets/apple-touch-icon.png",
    ]
    assert all((examples / i).is_file() for i in icons)
    assert (examples / "favicon.ico").read_bytes() == (REPO / "templates" / "favicon.ico").read_bytes()
    assert (examples / icons[1]).read_text(encoding="utf-8").startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_raw_html_in_author_text_is_not_passed_through(project):
    text = MINIMAL_REPORT.replace(
        "Kesimpulan singkat.", "'<script>alert(1)</script><img src=x onerror=alert(2)> Teks **tebal**.'"
    )
    project.report("uji", text)
    project.config(site_config("uji"))
    assert project.run("build")[0] == 0
    page = (project.root / "output/site/uji/index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "onerror" not in page and "<img" not in page
    assert "<strong>tebal</strong>" in page


def test_markdown_headings_in_author_text_stay_below_the_section_heading(project):
    project.report("uji", MINIMAL_REPORT.replace("Kesimpulan singkat.", "'# Sub judul\n\nIsi.'"))
    project.config(site_config("uji"))
    project.run("build")
    outline = parse(project.root / "output/site/uji/index.html")
    assert ("h3", "Sub judul") in outline.headings
    assert [tag for tag, _ in outline.headings].count("h1") == 1


def test_a_failing_report_is_named_and_the_others_are_built(project):
    project.report("baik")
    project.report("rusak", MINIMAL_REPORT.replace("tahun: 2026", "tahun: duaribu"))
    project.config(site_config("baik", "rusak"))
    code, _out, err = project.run("build")
    assert code == 1
    assert "✗ laporan 'rusak' gagal:\ncontent/rusak/laporan.yaml:4:8: tahun:" in err
    assert "  Laporan ini belum ada di situs: belum pernah berhasil dibangun.\n" in err
    assert re.search(r"\n2 laporan: 1 dibangun, 1 gagal\. Situs: output/site \(\d+,\d dtk\)\.\n$", err)
    site = project.root / "output/site"
    assert (site / "baik/baik.pdf").is_file() and (site / "baik/index.html").is_file()
    assert not (site / "rusak").exists()
    assert "rusak/index.html" not in (site / "index.html").read_text(encoding="utf-8")
    assert [p.name for p in site.rglob("*.tmp")] == []


def test_the_same_inputs_give_the_same_bytes(project):
    project.report("uji")
    project.config(site_config("uji"))
    project.run("build")
    site = project.root / "output/site"
    first = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    project.run("build")
    second = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    assert first == second
