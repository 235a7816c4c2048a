"""`reportgen serve` as an author uses it: the real server in a subprocess, real files edited, real HTTP."""

from __future__ import annotations

import html
import io
import json
import os
import queue
import re
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import site_config
from tests.test_engine import live_processes, titled


class Server:
    """`reportgen serve --port 0` in its own process group, and what it printed."""

    def __init__(self, project):
        command = [sys.executable, "-m", "reportgen", "serve", "--proyek", str(project.root), "--port", "0"]
        self.process = subprocess.Popen(
            command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.printed: queue.Queue[str] = queue.Queue()  # stdout, line by line, as it comes
        self.errors: list[str] = []  # stderr, read all along so that a chatty server never blocks on a full pipe
        self._readers = [
            threading.Thread(target=lambda: [self.printed.put(line) for line in self.process.stdout]),
            threading.Thread(target=lambda: self.errors.extend(self.process.stderr)),
        ]
        for reader in self._readers:
            reader.start()
        self.out: list[str] = []
        while not (found := re.search(r"Pratinjau: (http://127\.0\.0\.1:\d+)/", self.next_line())):
            pass
        self.base = found[1]
        self.port = int(self.base.rpartition(":")[2])

    def next_line(self) -> str:
        """The next line the server prints on stdout (it stopped if none comes within a minute)."""
        try:
            line = self.printed.get(timeout=60)
        except queue.Empty:
            raise AssertionError(f"the server printed nothing more after: {self.out} {self.errors}") from None
        self.out.append(line)
        return line

    def build_lines(self, count: int) -> list[str]:
        """The next `count` build lines ('[halaman] ...', '[halaman dan PDF] ...'), without their times."""
        lines = []
        while len(lines) < count:
            if (line := self.next_line()).startswith("["):
                lines.append(re.sub(r" \([0-9,]+ (?:dtk|mnt).*\)$", "", line.rstrip("\n")))
        return lines

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def next_build(self, seen: int) -> dict:
        """The state after the build that follows epoch `seen` (the long poll the page uses)."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            state = json.loads(self.get(f"/__reportgen/tunggu?epoch={seen}")[1])
            if state["epoch"] != seen:
                return state
        raise AssertionError("no build finished")

    def settled(self) -> dict:
        """The state once no build is running (pages and PDFs done)."""
        state = json.loads(self.get("/__reportgen/tunggu?epoch=-1")[1])
        while state["membangun"]:
            state = self.next_build(state["epoch"])
        return state

    def stop(self) -> tuple[int, str, str]:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(timeout=30)
        for reader in self._readers:
            reader.join()
        self.process.stdout.close()
        self.process.stderr.close()
        while not self.printed.empty():
            self.out.append(self.printed.get())
        return self.process.returncode, "".join(self.out), "".join(self.errors)


@pytest.fixture
def server(project):
    project.report("satu", titled("Laporan Satu"))
    project.report("dua", titled("Laporan Dua"))
    project.config(site_config("satu", "dua"))
    running = Server(project)
    yield running
    running.stop()


def test_pages_are_served_with_the_reload_script_which_is_never_written_to_disk(server, project):
    status, page = server.get("/satu/index.html")
    assert status == 200 and "Laporan Satu" in page and "/__reportgen/tunggu?epoch=" in page
    assert server.get("/")[1].count("__reportgen") == 1  # the index too, once
    on_disk = (project.root / "output/site/satu/index.html").read_text(encoding="utf-8")
    assert "__reportgen" not in on_disk
    assert server.get("/pagefind/pagefind.js")[0] == 200  # search works when served


def test_an_edit_rebuilds_and_the_page_shows_it(server, project):
    state = server.settled()
    project.report("satu", titled("Laporan Satu Disunting"))
    after = server.next_build(state["epoch"])
    assert after["galat"] == ""
    assert "Laporan Satu Disunting" in server.get("/satu/index.html")[1]


def test_a_build_error_shows_over_the_last_good_page_with_the_terminal_message_and_goes_away(server, project):
    state = server.settled()
    project.report("dua", titled("Laporan Dua").replace("tahun: 2026", "tahun: duaribu"))
    failed = server.next_build(state["epoch"])
    message = "content/dua/laporan.yaml:4:8: tahun: diharapkan bilangan bulat; ditemukan 'duaribu'"
    assert message in failed["galat"]
    page = html.unescape(server.get("/dua/index.html")[1])
    assert "Laporan Dua" in page and "Build gagal" in page and message in page  # last good page, overlay
    project.report("dua", titled("Laporan Dua Diperbaiki"))
    fixed = server.next_build(failed["epoch"])
    while fixed["galat"]:  # the PDF build of the broken file may still finish first
        fixed = server.next_build(fixed["epoch"])
    page = server.get("/dua/index.html")[1]
    assert "Laporan Dua Diperbaiki" in page and "Build gagal" not in page
    _code, _out, err = server.stop()
    assert message in err  # the terminal said the same


def test_ctrl_c_stops_the_server_cleanly(server):
    server.settled()
    code, out, err = server.stop()
    assert code == 0 and out.rstrip().endswith("Pratinjau dihentikan.") and "Traceback" not in err
    deadline = time.monotonic() + 5
    while live_processes(server.process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert live_processes(server.process.pid) == []


def test_serve_only_listens_on_this_computer_unless_asked():
    from reportgen.cli import _parser

    args = _parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


# --- the HTTP side: every request answered, quietly --------------------------------------------------


def exchange(port: int, request: bytes, address: str = "127.0.0.1") -> tuple[int | None, str]:
    """Send raw `request` bytes on a fresh connection; the status and body answered (None: no status line)."""
    with socket.create_connection((address, port), timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    found = re.match(rb"HTTP/1\.[01] (\d{3}) ", head)
    return (int(found[1]) if found else None), body.decode("utf-8", "replace")


def poll(epoch: str, host: str = "localhost") -> bytes:
    return f"GET /__reportgen/tunggu?epoch={epoch} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()


@pytest.fixture(scope="module")
def preview_server(tmp_path_factory):
    """The real preview server on a free loopback port, serving a one-page site: (port, Preview, its stderr)."""
    from reportgen import serve

    site = tmp_path_factory.mktemp("site")
    (site / "satu").mkdir()
    (site / "satu/index.html").write_text("<!DOCTYPE html><html><body>Laporan Satu</body></html>")
    shown, err = serve.Preview(), io.StringIO()
    shown.finished("")
    server = serve.start_server(site, shown, "127.0.0.1", 0, err)
    yield server.server_address[1], shown, err
    server.shutdown()
    server.server_close()


@pytest.fixture
def preview(preview_server, capsys):
    """The preview server; the test fails if anything was printed on stderr meanwhile."""
    yield preview_server
    assert preview_server[2].getvalue() == ""
    assert capsys.readouterr().err == ""  # where socketserver prints its tracebacks


MALFORMED = [
    ("superscript epoch", poll("%C2%B2"), 400, "epoch harus bilangan bulat, mis. ?epoch=3; ditemukan '²'"),
    ("raw superscript epoch", poll("²"), 400, "epoch harus bilangan bulat"),
    ("epoch of 5 000 digits", poll("9" * 5000), 400, "ditemukan '99999999999999999999… (5000 karakter)'"),
    ("NUL in a path", b"GET /satu%00/index.html HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "karakter kendali"),
    ("NUL at the end", b"GET /satu/index.html%00 HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "karakter kendali"),
    ("..", b"GET /../../etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "berisi '..'"),
    ("encoded ..", b"GET /satu/%2e%2e/%2E%2E/x HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "berisi '..'"),
    ("not UTF-8", b"GET /%ff%fe HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "bukan UTF-8"),
    ("over-long request line", b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", 414, "alamat terlalu panjang"),
    ("file name too long", b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n", 404, "tidak ditemukan"),
    ("garbage bytes", bytes(range(256)) + b"\r\n\r\n", 400, "permintaan tidak sah"),
    ("two words of garbage", b"\xff\xfe \x00\x01\r\n\r\n", 400, "permintaan tidak sah"),
    ("unknown method", b"BREW /satu/ HTTP/1.1\r\nHost: localhost\r\n\r\n", 501, "hanya menjawab GET dan HEAD"),
    ("bad HTTP version", b"GET / HTTP/9.9\r\nHost: localhost\r\n\r\n", 505, "versi HTTP tidak didukung"),
    ("too many headers", b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 200 + b"\r\n", 431, "header permintaan"),
]


@pytest.mark.parametrize(("request_bytes", "status", "says"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_a_malformed_request_gets_its_4xx_and_one_indonesian_line(preview, request_bytes, status, says):
    port, _shown, _err = preview
    code, body = exchange(port, request_bytes)
    assert code == status and says in body and body.count("\n") == 1
    assert exchange(port, b"GET /satu/ HTTP/1.1\r\nHost: localhost\r\n\r\n")[0] == 200  # and serves on


def test_two_hundred_open_long_polls_are_all_answered_at_the_next_build(preview):
    port, shown, _err = preview
    seen = shown.epoch
    connections = [socket.socket() for _ in range(200)]
    try:
        for connection in connections:  # all at once, as 200 open tabs asking again after a build
            connection.setblocking(False)
            connection.connect_ex(("127.0.0.1", port))
        answers = converse(connections, poll(str(seen)), before_reading=lambda: shown.finished(""))
    finally:
        for connection in connections:
            connection.close()
    epochs = [json.loads(a.partition(b"\r\n\r\n")[2])["epoch"] for a in answers if a.startswith(b"HTTP/1.0 200 ")]
    assert epochs == [seen + 1] * 200


def converse(connections: list[socket.socket], request: bytes, before_reading, seconds: float = 60) -> list[bytes]:
    """Send `request` on each connecting socket once it is connected, then call `before_reading`, then read
    every answer to its end; what came within `seconds` in all."""
    deadline = time.monotonic() + seconds
    answers = {connection: b"" for connection in connections}
    with selectors.DefaultSelector() as selector:
        for connection in connections:
            selector.register(connection, selectors.EVENT_WRITE)
        waiting = set(connections)
        while waiting and time.monotonic() < deadline:
            for key, _ in selector.select(1):
                key.fileobj.sendall(request)  # a few bytes: the socket buffer takes them at once
                selector.modify(key.fileobj, selectors.EVENT_READ)
                waiting.discard(key.fileobj)
        before_reading()
        while selector.get_map() and time.monotonic() < deadline:
            for key, _ in selector.select(1):
                if chunk := key.fileobj.recv(65536):
                    answers[key.fileobj] += chunk
                else:
                    selector.unregister(key.fileobj)
    return list(answers.values())


LOOPBACK_HOSTS = ["localhost", "localhost:8000", "LocalHost.", "127.0.0.1", "127.0.0.1:8000", "[::1]", "[::1]:8000"]
FOREIGN_HOSTS = ["evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io", "192.168.1.20"]
FOREIGN_HOSTS += ["localhost:8000:1", "local host", "[::1", ""]


@pytest.mark.parametrize("host", LOOPBACK_HOSTS)
def test_on_loopback_a_loopback_host_is_answered(preview, host):
    port, _shown, _err = preview
    assert exchange(port, f"GET /satu/ HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())[0] == 200


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_on_loopback_any_other_host_is_refused_as_dns_rebinding_would_send_it(preview, host):
    port, _shown, _err = preview
    for request in (f"GET /satu/ HTTP/1.1\r\nHost: {host}\r\n\r\n", poll("-1", host)):
        code, body = exchange(port, request.encode() if isinstance(request, str) else request)
        assert code == 403 and "Laporan Satu" not in body and '"epoch"' not in body
        assert (
            body.startswith("ditolak: ") and "pratinjau ini hanya dibuka lewat localhost, 127.0.0.1 atau [::1]" in body
        )


def test_a_request_without_host_is_refused(preview):
    port, _shown, _err = preview
    assert exchange(port, b"GET /satu/ HTTP/1.0\r\n\r\n") == (
        403,
        "ditolak: tanpa Host; pratinjau ini hanya dibuka lewat localhost, 127.0.0.1 atau [::1]\n",
    )


def test_bound_to_ipv6_loopback_the_same_rule_holds(tmp_path):
    from reportgen import serve

    (tmp_path / "index.html").write_text("<html><body>Situs</body></html>")
    server = serve.start_server(tmp_path, serve.Preview(), "::1", 0, io.StringIO())
    try:
        port = server.server_address[1]
        answered = {
            host: exchange(port, f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode(), "::1")[0]
            for host in ["[::1]:8000", "localhost", "evil.example"]
        }
    finally:
        server.shutdown()
        server.server_close()
    assert answered == {"[::1]:8000": 200, "localhost": 200, "evil.example": 403}


def test_bound_to_every_address_ip_addresses_and_the_host_name_given_are_answered_names_are_not(tmp_path):
    from reportgen import serve

    (tmp_path / "index.html").write_text("<html><body>Situs</body></html>")
    err = io.StringIO()
    server = serve.start_server(tmp_path, serve.Preview(), "0.0.0.0", 0, err)
    try:
        port = server.server_address[1]
        answered = {
            host: exchange(port, f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())[0]
            for host in ["192.168.1.20:8000", "10.0.0.5", "[fe80::1]:8000", "localhost", "evil.example", "pc-kantor"]
        }
    finally:
        server.shutdown()
        server.server_close()
    assert answered == {
        "192.168.1.20:8000": 200,
        "10.0.0.5": 200,
        "[fe80::1]:8000": 200,
        "localhost": 200,
        "evil.example": 403,
        "pc-kantor": 403,
    }
    assert err.getvalue() == ""
    rule = serve.host_rule("192.168.1.20", "PC-Kantor.local")  # --host pc-kantor.local: that name is answered
    assert rule.allows("pc-kantor.local:8000") and not rule.allows("evil.example")
    assert rule.refusal("evil.example") == (
        "ditolak: Host 'evil.example'; pratinjau ini hanya dibuka lewat alamat IP, localhost atau nama --host"
    )


def test_abandoned_long_polls_cost_nothing_on_the_terminal(server, project):
    state = server.settled()
    for _ in range(16):  # a tab closed while its poll waited for the next build
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as connection:
            connection.sendall(poll(str(state["epoch"]), f"127.0.0.1:{server.port}"))
    project.report("satu", titled("Laporan Satu Disunting"))
    server.next_build(state["epoch"])  # the build that answers them, into closed connections
    server.settled()
    code, _out, err = server.stop()
    assert code == 0 and err == ""


def test_the_build_lines_say_what_changed_a_report_from_the_cache_and_a_fixed_error_included(server, project):
    assert server.build_lines(1) == ["[halaman dan PDF] 2 laporan dibangun"]
    project.report("satu", titled("Laporan Satu Disunting"))
    assert server.build_lines(2) == ["[halaman] 1 laporan dibangun", "[halaman dan PDF] 1 laporan dibangun"]
    project.report("satu", titled("Laporan Satu"))  # back as it was: its pages and PDF are in the cache
    assert server.build_lines(2) == [
        "[halaman] 1 laporan diperbarui dari tembolok",
        "[halaman dan PDF] tidak ada yang berubah",
    ]
    project.report("dua", titled("Laporan Dua").replace("tahun: 2026", "tahun: duaribu"))
    assert server.build_lines(2) == ["[halaman] 1 laporan gagal", "[halaman dan PDF] 1 laporan gagal"]
    project.report("dua", titled("Laporan Dua"))  # fixed: the last good version was still published
    assert server.build_lines(2) == [
        "[halaman] galat laporan 'dua' diperbaiki",
        "[halaman dan PDF] tidak ada yang berubah",
    ]
    epoch = 2 + 4 * 2  # each build moves it by one: the first pages and PDFs, then two per save
    config = (project.root / "reports.yaml").read_text(encoding="utf-8")
    project.config(config.replace("judul: Situs Uji", "judul: [Situs"))  # the whole project fails: no line
    state = server.next_build(epoch)
    while state["epoch"] < epoch + 2:  # the pages, then the PDFs: both fail at once
        state = server.next_build(state["epoch"])
    assert "reports.yaml:" in state["galat"]
    project.config(config)
    assert server.build_lines(2) == ["[halaman] galat diperbaiki", "[halaman dan PDF] tidak ada yang berubah"]
    _code, _out, err = server.stop()
    assert "Traceback" not in err
