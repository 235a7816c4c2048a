"""The live preview in a real Chromium: a saved edit reloads the open page; a build error shows over it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.conftest import site_config
from tests.test_engine import titled
from tests.test_serve import Server

RELOADED_MS = 30_000


@pytest.fixture
def server(project):
    project.report("satu", titled("Laporan Satu"))
    project.config(site_config("satu"))
    running = Server(project)
    running.settled()
    yield running
    running.stop()


def test_a_saved_edit_reloads_the_open_page(server, project, page):
    page.goto(server.base + "/satu/index.html")
    assert page.inner_text("h1") == "Laporan Satu"
    project.report("satu", titled("Laporan Satu Disunting"))
    page.wait_for_function(
        "() => document.querySelector('h1').innerText === 'Laporan Satu Disunting'", timeout=RELOADED_MS
    )


def test_a_build_error_shows_over_the_page_and_goes_when_fixed(server, project, page):
    page.goto(server.base + "/satu/index.html")
    project.report("satu", titled("Laporan Satu").replace("tahun: 2026", "tahun: duaribu"))
    overlay = page.locator("#rg-galat")
    overlay.wait_for(state="visible", timeout=RELOADED_MS)
    settled = server.settled()  # the PDF build that follows fails too, and reloads the page once more
    page.wait_for_selector(f"html[data-pratinjau-build='{settled['epoch']}']", timeout=RELOADED_MS)
    page.wait_for_load_state()
    overlay.wait_for(state="visible", timeout=RELOADED_MS)
    assert (
        "content/satu/laporan.yaml:4:8: tahun: diharapkan bilangan bulat; ditemukan 'duaribu'" in overlay.inner_text()
    )
    assert page.inner_text("h1") == "Laporan Satu"  # the last good page underneath
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "serve-galat-1280.png"))
    project.report("satu", titled("Laporan Satu Diperbaiki"))
    page.wait_for_function(
        "() => document.querySelector('h1').innerText === 'Laporan Satu Diperbaiki'", timeout=RELOADED_MS
    )
    assert page.locator("#rg-galat").count() == 0
