"""Browser fixtures: Debian's Chromium driven by Playwright, the example site served over HTTP, one crawl of it."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Playwright, sync_playwright

from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "output" / "screenshots"

# The network is closed: without these, Chromium's background connections fail and clutter the logs.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000

# Every <a href> of the page, resolved by the browser, with the attribute as written for messages.
LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]'), a => [a.href, a.getAttribute('href')])"
IDS_JS = "() => Array.from(document.querySelectorAll('[id]'), e => e.id)"


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """The Playwright driver, started once."""
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, launched once; Playwright's own browser downloads are never used."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium package first")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context (cookies, storage) for one test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """One page for one test."""
    return context.new_page()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's browser bundle, installed by `make setup` from package-lock.json."""
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(REPO)} is missing: run `make test`, which runs `npm ci` first")
    return AXE


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` served on 127.0.0.1 at a free port; yields its base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture(scope="session")
def server(examples: Path) -> Iterator[str]:
    """The example site served on 127.0.0.1 at a free port; yields its base URL ending in '/'."""
    with serving(examples) as url:
        yield url


@dataclass(frozen=True)
class Crawl:
    """What one breadth-first walk over the site's links found."""

    pages: tuple[str, ...]
    problems: tuple[str, ...]
    files: tuple[str, ...]


@pytest.fixture(scope="session")
def crawl(browser: Browser, server: str) -> Crawl:
    """Every HTML page reachable by links from index.html, and each problem met on the way."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        return _Crawler(ctx.new_page(), server).run(server + "index.html")
    finally:
        ctx.close()


def is_html(url: str) -> bool:
    """Whether a site URL names a page rather than a file such as a PDF."""
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


def short(url: str, base: str) -> str:
    """A site URL relative to the site root, for messages."""
    return url.removeprefix(base) or "/"


class _Crawler:
    """Walks the site page by page, recording what the browser reports for each."""

    def __init__(self, page: Page, base: str):
        self.page, self.base = page, base
        self.current = ""
        self.problems: list[str] = []
        self.ids: dict[str, set[str]] = {}
        self.anchors: list[tuple[str, str, str, str]] = []  # (source page, target page, fragment, href)
        page.on("console", lambda m: m.type == "error" and self._note(f"console error: {m.text} {_where(m)}"))
        page.on("pageerror", lambda e: self._note(f"uncaught script error: {e}"))
        page.on("requestfailed", lambda r: self._note(f"request failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self._note(f"HTTP {r.status} for {r.url}"))

    def run(self, start: str) -> Crawl:
        seen, queue, pages, files = {start}, deque([start]), [], []
        while queue:
            url = queue.popleft()
            if is_html(url):
                pages.append(url)
                targets = self._visit(url)
            else:
                files.append(url)
                self._fetch(url)
                targets = []
            for target in targets:
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        self.current = ""
        return Crawl(tuple(pages), tuple(self.problems + self._broken_anchors()), tuple(files))

    def _visit(self, url: str) -> list[str]:
        """Load one page; returns the internal pages and files it links to."""
        self.current = url
        try:
            response = self.page.goto(url, wait_until="networkidle")
        except Exception as err:  # a page that does not load is a problem to list, not the end of the walk
            self._note(f"did not load: {err}")
            return []
        if response is None or response.status != 200:
            self._note(f"page answered HTTP {response.status if response else 'nothing'}")
        self.ids[url] = set(self.page.evaluate(IDS_JS))
        targets = []
        for resolved, written in self.page.evaluate(LINKS_JS):
            target, fragment = urldefrag(resolved)
            if not target.startswith(self.base):
                continue  # mailto:, tel:, other sites
            targets.append(target)
            if fragment and is_html(target):
                self.anchors.append((url, target, unquote(fragment), written))
        return targets

    def _fetch(self, url: str) -> None:
        """Check that a linked file (a PDF) is served, without opening it in the page."""
        self.current = url
        response = self.page.request.get(url)
        if response.status != 200:
            self._note(f"linked file answered HTTP {response.status}")
        response.dispose()

    def _broken_anchors(self) -> list[str]:
        return [
            f"{short(source, self.base)}: link href={href!r}: {short(target, self.base)} has no element id={fragment!r}"
            for source, target, fragment, href in self.anchors
            if target in self.ids and fragment not in self.ids[target]
        ]

    def _note(self, message: str) -> None:
        where = short(self.current, self.base) if self.current else "(between pages)"
        self.problems.append(f"{where}: {message}")


def _where(message: ConsoleMessage) -> str:
    loc = message.location or {}
    return f"[at {loc['url']}:{loc.get('lineNumber', '?')}]" if loc.get("url") else ""
