"""The shared pages escape what summaries hold, whatever they hold: hostile values rendered, the pages parsed."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from reportgen import render, site
from reportgen.schema import SiteConfig
from reportgen.summary import Download, KeyFigure, Summary
from tests.conftest import REPO, unchecked

BASE = "https://bkpsdm.example.go.id/evaluasi/"
HANDLER = "window.__pwned=1"
TEXTS = {  # a value for each text field, each a different way out of its context
    "judul": f'"><img src=x onerror="{HANDLER}">',
    "wilayah": f"' onmouseover='{HANDLER}' x='",
    "program": f"<script>{HANDLER}</script>",
    "jenis_program": f'" autofocus onfocus="{HANDLER}',
    "status": "konsep\"><svg onload='window.__pwned=1'>",
    "agency": "<iframe src=javascript:window.__pwned=1></iframe>",
}
SLUGS = ("javascript:window.__pwned=1//", "..", "//evil.example/x", "https:evil", "a b/../../c", "")
FIGURE_KEYS = (f"ikm tabindex=0 autofocus onfocus={HANDLER} x", 'ngain"', "jp onmouseover")


def hostile(slug: str) -> Summary:
    """A summary no validation would pass: markup in every text, `slug` and forged figure keys."""
    figures = [
        unchecked(
            KeyFigure,
            key=key,
            label=f'<b onclick="{HANDLER}">L</b>',
            value=81.5,
            text=f"<a href='javascript:x'>{key}</a>",
            format="angka",
        )
        for key in FIGURE_KEYS
    ]
    figures.append(
        unchecked(
            KeyFigure, key="ikm", label="IKM", value=80.25, text=f'80,25 (<i onclick="{HANDLER}">B</i>)', format="angka"
        )
    )
    return unchecked(
        Summary,
        slug=slug,
        tahun=2026,
        tanggal=dt.date(2026, 11, 22),
        data_contoh=True,
        key_figures=tuple(figures),
        downloads=(unchecked(Download, format="pdf", name=f"javascript:{HANDLER}", size=1),),
        **TEXTS,
    )


CONFIG = SiteConfig.model_validate(
    {"situs": {"judul": "Situs Uji", "instansi": "BKPSDM Uji", "url_dasar": BASE}, "laporan": ["uji"]}
)


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's tokenizer splits them; and the text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}


def _check_page(path: str, html: str) -> _Elements:
    """No handler attribute, no script but our own, every URL inside the site: as parsed, not as grepped."""
    parsed = _Elements(html)
    address = urljoin(BASE, path)
    for tag, attrs in parsed.elements:
        names = [name for name, _ in attrs]
        assert not [n for n in names if n.startswith("on")], (path, tag, attrs)
        assert all(n.replace("-", "").replace(":", "").isalnum() for n in names), (path, tag, attrs)
        assert tag not in ("iframe", "img", "object", "embed"), (path, tag, attrs)
        if tag == "script":
            assert dict(attrs).get("src", "").startswith(("assets/", "../assets/", BASE + "assets/", "../pagefind/")), (
                path,
                attrs,
            )
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                _check_url(address, value, (path, tag, name))
    return parsed


def _check_url(address: str, value: str, where: object) -> None:
    """`value`, resolved from the page's `address`, is an http(s) address inside the site, no folder '..'."""
    resolved = urljoin(address, value)
    assert urlsplit(value).scheme in ("", "https"), (where, value)
    assert resolved.startswith(BASE), (where, value, resolved)
    assert "javascript" not in urlsplit(resolved).scheme, (where, value)
    segments = urlsplit(value).path.split("/")
    assert not [s for s in segments[1:] if _dot_segment(s)], (where, value)  # only a leading '../' (Rekapitulasi)


def _dot_segment(segment: str) -> bool:
    """Whether a browser reads a raw path segment as '.' or '..' (it reads '%2e' as '.'; '%2F' is no '/')."""
    return segment.lower().replace("%2e", ".") in (".", "..")


@pytest.mark.parametrize("slug", SLUGS)
def test_hostile_summaries_cannot_add_markup_to_the_shared_pages(slug: str):
    pages = site.shared_pages(REPO / "templates", CONFIG, [hostile(slug)])
    index = _check_page("index.html", pages["index.html"])
    rekap = _check_page("rekapitulasi/index.html", pages["rekapitulasi/index.html"])
    for path in ("cari/index.html", "404.html"):
        _check_page(path, pages[path])
    # the values are all there, as text
    for parsed in (index, rekap):
        text = "".join(parsed.text)
        assert TEXTS["judul"] in text and TEXTS["wilayah"] in text
    assert TEXTS["program"] in pages["rekapitulasi/index.html"].replace("&lt;", "<").replace("&gt;", ">")
    card = next(attrs for tag, attrs in index.elements if tag == "li" and ("class", "report-card") in attrs)
    assert [n for n, _ in card] == ["class", "data-wilayah", "data-tahun", "data-program", "data-judul", "data-ikm"]
    assert dict(card)["data-judul"] == TEXTS["judul"]
    links = [dict(attrs)["href"] for tag, attrs in index.elements if tag == "a" and "href" in dict(attrs)]
    report_links = [h for h in links if h.endswith("/index.html") and not h.startswith(("rekapitulasi/", "cari/"))]
    assert len(report_links) == 1 and ":" not in report_links[0].split("/")[0]
    if slug.isascii() and slug.replace("-", "").isalnum():
        assert report_links == [f"{slug}/index.html"]


@pytest.mark.parametrize("slug", SLUGS)
def test_the_sitemap_of_hostile_summaries_is_xml_with_addresses_under_the_base(slug: str):
    sitemap = site.shared_pages(REPO / "templates", CONFIG, [hostile(slug)])["sitemap.xml"]
    root = ET.fromstring(sitemap.encode("utf-8"))
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [loc.text or "" for loc in root.iter(f"{namespace}loc")]
    assert len(locations) == 4  # index, Rekapitulasi, the report's page and its PDF
    for loc in locations:
        parts = urlsplit(loc)
        assert parts.scheme == "https" and loc.startswith(BASE), loc
        assert parts.path.startswith(urlsplit(BASE).path) and not [s for s in parts.path.split("/") if _dot_segment(s)]
    assert [child.tag for child in root] == [f"{namespace}url"] * 4


def test_a_name_from_data_is_one_attribute_and_a_slug_one_relative_segment():
    assert render.data_attribute(f"ikm tabindex=0 autofocus onfocus={HANDLER}") == (
        "data-ikm-tabindex-0-autofocus-onfocus-window-pwned-1"
    )
    assert render.data_attribute('"><') == "data-x" and render.data_attribute("ngain") == "data-ngain"
    assert render.url_segment("javascript:alert(1)//") == "javascript%3Aalert%281%29%2F%2F"
    assert render.url_segment("sawahlunto-pembinaan") == "sawahlunto-pembinaan"
    assert [render.url_segment(s) for s in ("", ".", "..")] == ["_", "_", "_"]
    # the filters hold in a template that does not know which figures exist
    env = render.page_environment(REPO / "templates")
    template = env.from_string(
        '<li{% for k in keys %} {{ k | data_attribute }}="1"{% endfor %}><a href="{{ s | url_segment }}/">'
    )
    parsed = _Elements(template.render(keys=[f"a onfocus={HANDLER}", "b c"], s="javascript:x"))
    assert parsed.elements == [
        ("li", [("data-a-onfocus-window-pwned-1", "1"), ("data-b-c", "1")]),
        ("a", [("href", "javascript%3Ax/")]),
    ]
