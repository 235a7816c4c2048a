"""An index written from forged summaries, in Chromium: focused, hovered and clicked, no injected handler runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from reportgen import site
from reportgen.schema import SiteConfig
from reportgen.summary import Download, KeyFigure, Summary
from reportgen.write import write_atomic
from tests.browser.conftest import serving
from tests.conftest import REPO, unchecked

RUN = "window.__pwned=1,window.__report&&window.__report()"  # no spaces: it must survive as an unquoted value
FORGED = {
    # what a forged cache entry could carry once its checksum is recomputed
    "javascript-slug": dict(slug=f"javascript:{RUN}//", figures=()),
    "figure-key": dict(slug="uji-kunci", figures=(f"ikm tabindex=0 autofocus onfocus={RUN} onmouseover={RUN} x",)),
}


def forged(slug: str, figures: tuple[str, ...]) -> Summary:
    return unchecked(
        Summary,
        slug=slug,
        judul=f'Laporan "><img src=x onerror="{RUN}">',
        wilayah=f"Kota' onmouseover='{RUN}' x='",
        program="Pelatihan",
        jenis_program=f'pelatihan" autofocus onfocus="{RUN}',
        tahun=2026,
        tanggal=dt.date(2026, 11, 22),
        status="final",
        data_contoh=False,
        agency="BKPSDM Uji",
        key_figures=tuple(
            unchecked(KeyFigure, key=key, label="IKM", value=81.5, text="81,50 (B)", format="angka") for key in figures
        ),
        downloads=(unchecked(Download, format="pdf", name=f"javascript:{RUN}", size=10),),
    )


@pytest.fixture(scope="module")
def forged_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shared pages of the forged summaries written as a build writes them, served on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("forged")
    config = SiteConfig.model_validate({"situs": {"judul": "Situs Uji", "instansi": "BKPSDM Uji"}, "laporan": ["uji"]})
    pages = site.shared_pages(REPO / "templates", config, [forged(**f) for f in FORGED.values()])
    for path, data in pages.items():
        write_atomic(folder / path, data)
    with serving(folder) as url:
        yield url


def test_no_injected_handler_runs_on_the_index(page: Page, forged_site: str):
    ran: list[str] = []
    page.expose_function("__report", lambda: ran.append(page.url))  # survives navigation, unlike window.__pwned
    page.goto(forged_site + "index.html", wait_until="load")
    cards = page.locator(".report-card")
    assert cards.count() == len(FORGED)
    for i in range(cards.count()):
        card = cards.nth(i)
        card.focus()
        card.hover()
        card.locator(".kicker").click()
        for element in card.locator("*").all():
            if element.is_visible():
                element.hover(force=True)  # a visually hidden span is covered by its link
    assert page.evaluate("() => window.__pwned") is None
    protocols = page.evaluate("() => Array.from(document.links, a => a.protocol)")
    assert set(protocols) == {"http:"}, protocols
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('.report-card a'), a => a.getAttribute('href'))")
    for href in hrefs:  # each link of the cards followed: a javascript: URL would run here
        page.goto(forged_site + "index.html", wait_until="load")
        page.locator(f".report-card a[href='{href}']").click()
        page.wait_for_load_state("load")
        assert page.url.startswith(forged_site), (href, page.url)
    assert ran == []
