"""`reportgen serve` as an author uses it: the real server in a subprocess, real files edited, real HTTP."""

from __future__ import annotations

import html
import json
import os
import re
import signal
import subprocess
import sys
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
        lines = []
        while not (found := re.search(r"Pratinjau: (http://127\.0\.0\.1:\d+)/", "".join(lines))):
            line = self.process.stdout.readline()
            assert line, f"the server stopped: {self.process.stderr.read()}"
            lines.append(line)
        self.base = found[1]

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
        out, err = self.process.communicate(timeout=30)
        return self.process.returncode, out, err


@pytest.fixture
def server(project):
    project.report("satu", titled("Laporan Satu"))
    project.report("dua", titled("Laporan Dua"))
    project.config(site_config("satu", "dua"))
    running = Server(project)
    yield running
    if running.process.poll() is None:
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
