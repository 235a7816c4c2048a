"""Turn a project into a live preview: serve the built site on loopback, rebuild on change, reload the open pages.

Two versions of the site, as in mkdocs' livereload: the one wanted (a build started) and the one
shown (the last build finished, swapped in whole by the engine). Each finished build raises the
epoch; a page long-polls /__reportgen/tunggu and reloads when the epoch moves. The reload script
is added to HTML as it is served, never written to disk. A failed build shows its messages over
the page, the last good pages staying reachable underneath.

Every request gets an answer, and the terminal hears of none: a malformed one a 4xx with one
Indonesian line, one naming a Host that is not this computer a 403 (a page of another site that
rebinds its name to this computer would otherwise read the preview), a long poll whose tab has
closed nothing at all.
"""

from __future__ import annotations

import html
import ipaddress
import json
import queue
import re
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from typing import TextIO
from urllib.parse import parse_qs, unquote, urlsplit

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
    # The page says which build it shows (data-pratinjau-build on <html>), so a test or a tool can wait
    # for a given build instead of guessing whether a reload is still to come.
    script = (
        "<script>(function(){var seen=" + str(epoch) + ";document.documentElement.setAttribute("
        "'data-pratinjau-build',seen);function ask(){fetch('" + WAIT_PATH + "?epoch='+seen,"
        "{cache:'no-store'}).then(function(r){if(!r.ok){throw r}return r.json()}).then(function(d){if(d.epoch!==seen)"
        "{location.reload()}else{ask()}}).catch(function(){setTimeout(ask,1000)})}ask()})();</script>"
    )
    return overlay + script


class _Handler(SimpleHTTPRequestHandler):
    """Files of the site; HTML with the reload script added; the long poll; a short Indonesian refusal for the rest."""

    preview: Preview
    server: _Server
    timeout = 60  # a client that connects and sends nothing lets go of its thread after this
    default_request_version = "HTTP/1.0"  # garbage is answered with a status line, not as HTTP/0.9

    def do_GET(self) -> None:
        if refusal := self._refusal():
            self._send_text(*refusal)
        elif urlsplit(self.path).path == WAIT_PATH:
            self._answer_wait()
        else:
            super().do_GET()

    def do_HEAD(self) -> None:
        if refusal := self._refusal():
            self._send_text(*refusal)
        else:
            super().do_HEAD()

    def _refusal(self) -> tuple[int, str] | None:
        """Why this request is not answered, as a status and a line, or None to answer it."""
        host, rule = self.headers.get("Host"), self.server.hosts
        if not rule.allows(host):
            return HTTPStatus.FORBIDDEN, rule.refusal(host)
        return bad_path(urlsplit(self.path).path)

    def send_head(self):  # the file to send, HTML with the script added on the way
        try:
            return self._head()
        except OSError:  # a name too long for the file system, a folder that vanished meanwhile
            self.send_error(HTTPStatus.NOT_FOUND)
            return None

    def _head(self):
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
            page, status = path.read_text(encoding="utf-8", errors="replace"), HTTPStatus.OK
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
        if not re.fullmatch(r"-?[0-9]{1,18}", seen):  # [0-9], not \d: '²' is a digit to Python, not to int()
            shown = seen if len(seen) <= 20 else f"{seen[:20]}… ({len(seen)} karakter)"
            self._send_text(HTTPStatus.BAD_REQUEST, f"epoch harus bilangan bulat, mis. ?epoch=3; ditemukan '{shown}'")
            return
        epoch, problems = self.preview.wait(int(seen))
        body = json.dumps({"epoch": epoch, "galat": problems, "membangun": self.preview.building}).encode()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The base class's refusals (bad syntax, 404, 414, 501...) with their Indonesian line."""
        self._send_text(code, _REFUSALS.get(code, HTTPStatus(code).phrase))

    def _send_text(self, code: int, text: str) -> None:
        """Answer `code` with one line of text and close: the status line stays the standard phrase (ASCII)."""
        body = (text + "\n").encode()
        self.close_connection = True
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows builds, not requests


_REFUSALS = {
    HTTPStatus.BAD_REQUEST: "permintaan tidak sah",
    HTTPStatus.NOT_FOUND: "halaman tidak ditemukan",
    HTTPStatus.METHOD_NOT_ALLOWED: "pratinjau hanya menjawab GET dan HEAD",
    HTTPStatus.REQUEST_URI_TOO_LONG: "alamat terlalu panjang",
    HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE: "header permintaan terlalu besar",
    HTTPStatus.NOT_IMPLEMENTED: "pratinjau hanya menjawab GET dan HEAD",
    HTTPStatus.HTTP_VERSION_NOT_SUPPORTED: "versi HTTP tidak didukung",
}


def bad_path(path: str) -> tuple[int, str] | None:
    """A 400 and its reason for a path no browser sends (bad UTF-8, control characters, '..'), else None."""
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return HTTPStatus.BAD_REQUEST, "alamat tidak sah: bukan UTF-8"
    if any(ord(c) < 32 or ord(c) == 127 for c in decoded):
        return HTTPStatus.BAD_REQUEST, "alamat tidak sah: berisi karakter kendali (mis. %00)"
    if ".." in decoded.split("/"):  # a browser resolves '..' before asking; the site has no parent to show
        return HTTPStatus.BAD_REQUEST, "alamat tidak sah: berisi '..'"
    return None


@dataclass(frozen=True)
class HostRule:
    """Which Host a request may name: the defence against DNS rebinding.

    A page of another site whose name is made to resolve to this computer reaches the preview
    with that name in Host. Bound to loopback, only loopback names and addresses are answered;
    bound elsewhere (--host), also any IP address (an address cannot be rebound) and the name
    given with --host.
    """

    loopback: bool
    named: str = ""  # the name given with --host, when it is a name

    def allows(self, header: str | None) -> bool:
        """Whether a request with this Host header is answered."""
        name = host_name(header or "")
        if name is None:
            return False
        if name == "localhost" or _loopback_address(name):
            return True
        return not self.loopback and (_address(name) is not None or name == self.named)

    def refusal(self, header: str | None) -> str:
        """The line a refused request gets."""
        where = "localhost, 127.0.0.1 atau [::1]" if self.loopback else "alamat IP, localhost atau nama --host"
        found = "tanpa Host" if not header else f"Host '{header[:60]}'"
        return f"ditolak: {found}; pratinjau ini hanya dibuka lewat {where}"


def host_rule(bound: str, given: str) -> HostRule:
    """The Host rule for a server bound to address `bound`, started with --host `given`."""
    named = "" if _address(given.strip("[]")) is not None else given.lower().rstrip(".")
    return HostRule(loopback=_loopback_address(bound), named=named)


def host_name(header: str) -> str | None:
    """The name or address in a Host header, lowercased and without its port; None when it is not one."""
    found = re.fullmatch(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::[0-9]{1,5})?", header.strip())
    return found[1].lower().strip("[]").rstrip(".") if found else None


def _address(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def _loopback_address(name: str) -> bool:
    address = _address(name)
    return address is not None and address.is_loopback


class _Server(ThreadingHTTPServer):
    """A thread per request, a listen queue long enough for every open tab, quiet about clients that left."""

    daemon_threads = True
    # The default of 5 left connections beyond it unanswered when a rebuild woke 200 long polls at once.
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], handler: Callable[..., _Handler], err: TextIO) -> None:
        if isinstance(_address(address[0]), ipaddress.IPv6Address):
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)
        self.err = err
        self.hosts = host_rule(self.server_address[0], address[0])

    def handle_error(self, request: object, client_address: tuple) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return  # the browser left (a tab closed, a page reloaded) before its answer: nothing to say
        print(f"reportgen: pratinjau: permintaan gagal dijawab ({type(error).__name__}: {error})", file=self.err)


def start_server(site: Path, preview: Preview, host: str, port: int, err: TextIO = sys.stderr) -> ThreadingHTTPServer:
    """Serve `site` in a background thread; returns the server (its address says the port taken).

    `err` gets one line for a request that failed for a reason other than the client leaving.
    """
    handler = type("Handler", (_Handler,), {"preview": preview})
    server = _Server((host, port), partial(handler, directory=str(site)), err)
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
