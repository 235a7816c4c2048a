"""Turn a project into a live preview: serve the built site on loopback, rebuild on change, reload the open pages.

Two versions of the site, as in mkdocs' livereload: the one wanted (a build started) and the one
shown (the last build finished, swapped in whole by the engine). Each finished build raises the
epoch; a page long-polls /__reportgen/tunggu and reloads when the epoch moves. The reload script
is added to HTML as it is served, never written to disk. A failed build shows its messages over
the page, the last good pages staying reachable underneath.
"""

from __future__ import annotations

import html
import json
import queue
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from reportgen import inputfiles

WAIT_PATH = "/__reportgen/tunggu"
WAIT_SECONDS = 25.0  # a long poll answers at the latest after this, and the page asks again


class Preview:
    """What the preview shows: the epoch of the last finished build and its problems, if any."""

    def __init__(self) -> None:
        self.epoch, self.problems, self.building = 0, "", False
        self._changed = threading.Condition()

    def started(self) -> None:
        """A build started (the site shown stays the last one finished)."""
        self.building = True

    def finished(self, problems: str) -> None:
        """A build finished: `problems` is its messages as the terminal showed them ('' when all went well)."""
        with self._changed:
            self.epoch, self.problems, self.building = self.epoch + 1, problems, False
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float = WAIT_SECONDS) -> tuple[int, str]:
        """The epoch and problems once the epoch differs from `seen`, or as they are after `timeout`."""
        with self._changed:
            self._changed.wait_for(lambda: self.epoch != seen, timeout)
            return self.epoch, self.problems


def reload_script(epoch: int, problems: str) -> str:
    """The script a served page gets: poll for the next build, show the current build's problems."""
    overlay = ""
    if problems:
        overlay = (
            '<div id="rg-galat" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;'
            "z-index:99999;background:#fff4f4;color:#5a0000;border-top:4px solid #b00020;padding:1rem 1.5rem;"
            'font:14px/1.45 monospace;box-shadow:0 -4px 16px rgba(0,0,0,.25)">'
            '<strong style="font:600 16px sans-serif">Build gagal</strong> '
            '<span style="font:14px sans-serif">— halaman yang tampil adalah versi terakhir yang berhasil. '
            "Perbaiki berkasnya; pesan ini hilang sendiri.</span>"
            f'<pre style="white-space:pre-wrap;margin:.6rem 0 0">{html.escape(problems)}</pre></div>'
        )
    script = (
        "<script>(function(){var seen=" + str(epoch) + ";function ask(){fetch('" + WAIT_PATH + "?epoch='+seen,"
        "{cache:'no-store'}).then(function(r){return r.json()}).then(function(d){if(d.epoch!==seen)"
        "{location.reload()}else{ask()}}).catch(function(){setTimeout(ask,1000)})}ask()})();</script>"
    )
    return overlay + script


class _Handler(SimpleHTTPRequestHandler):
    """Files of the site; HTML with the reload script added; the long poll."""

    preview: Preview

    def do_GET(self) -> None:
        if urlsplit(self.path).path == WAIT_PATH:
            self._answer_wait()
        else:
            super().do_GET()

    def send_head(self):  # the file to send, HTML with the script added on the way
        epoch, problems = self.preview.epoch, self.preview.problems  # before the page: never miss a build
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if not path.exists() and problems:  # nothing built yet: the messages alone
            page, status = '<!DOCTYPE html><html lang="id"><title>Build gagal</title><body></body></html>', 404
        elif path.suffix != ".html" or not path.is_file():
            return super().send_head()
        else:
            page, status = path.read_text(encoding="utf-8"), HTTPStatus.OK
        extra = reload_script(epoch, problems)
        body = (page.replace("</body>", extra + "</body>", 1) if "</body>" in page else page + extra).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return BytesIO(body)

    def _answer_wait(self) -> None:
        seen = parse_qs(urlsplit(self.path).query).get("epoch", ["0"])[0]
        epoch, problems = self.preview.wait(int(seen) if seen.isdigit() else -1)
        body = json.dumps({"epoch": epoch, "galat": problems, "membangun": self.preview.building}).encode()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows builds, not requests


def start_server(site: Path, preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    """Serve `site` in a background thread; returns the server (its address says the port taken)."""
    handler = type("Handler", (_Handler,), {"preview": preview})
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="pratinjau", daemon=True).start()
    return server


def changes(root: Path, stop: threading.Event | None = None) -> Iterator[set[str]]:
    """The paths changed under content/, templates/ and reports.yaml, a set per burst of saves."""
    import watchfiles

    watched = [p for p in (root / "content", root / "templates", root / "reports.yaml") if p.exists()]
    usual = watchfiles.DefaultFilter()

    def wanted(change: watchfiles.Change, path: str) -> bool:  # editors' lock and temporary files are no inputs
        return usual(change, path) and not inputfiles.is_editor_file(Path(path).name)

    for batch in watchfiles.watch(*watched, debounce=80, step=20, stop_event=stop, watch_filter=wanted):
        yield {path for _, path in batch}


def run(root: Path, build: Callable[[bool], str], preview: Preview, stop: threading.Event | None = None) -> None:
    """Build the PDFs, then rebuild on every change, pages first and PDFs after; each build moves the preview on.

    The watcher starts first, so an edit saved while a build runs is not lost: it waits its turn,
    and a burst of saves makes one rebuild.
    """
    stop = stop or threading.Event()
    batches: queue.Queue[set[str]] = queue.Queue()
    watcher = threading.Thread(target=lambda: [batches.put(b) for b in changes(root, stop)], daemon=True)
    watcher.start()
    try:
        preview.finished(build(True))
        while True:
            try:
                batches.get(timeout=0.2)
            except queue.Empty:
                continue
            while not batches.empty():
                batches.get_nowait()
            preview.finished(build(False))
            preview.finished(build(True))
    finally:
        stop.set()
