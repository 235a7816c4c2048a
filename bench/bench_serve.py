"""Measure the live preview as an author meets it: save a report's YAML, wait for the open page to show it.

usage: .venv/bin/python bench/bench_serve.py [--reports 50] [--edits 5] [--no-write]

A corpus of N reports copied from the examples (bench_engine.make_corpus) is served by
`reportgen serve --port 0`; once its first build is done, a real Chromium opens one report's
page; each edit rewrites that report's title and times (a) until the page in the browser shows
the new title (it reloaded by itself) and (b) until the build with its PDF has finished too.
Prints a table and writes it to bench/RESULTS.md (section "Live preview").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench_engine import make_corpus, record
from playwright.sync_api import sync_playwright

SECTION = "## Live preview"
TITLE = re.compile(r"^judul: .*$", re.M)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def start(root: Path) -> tuple[subprocess.Popen, str]:
    command = [str(Path(sys.executable).parent / "reportgen"), "serve", "--proyek", str(root), "--port", "0"]
    process = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    while not (found := re.search(r"Pratinjau: (http://[\d.]+:\d+)/", process.stdout.readline())):
        pass
    return process, found[1]


def state(base: str, seen: int, timeout: float) -> dict:
    with urllib.request.urlopen(f"{base}/__reportgen/tunggu?epoch={seen}", timeout=timeout) as response:
        return json.loads(response.read())


def settle(base: str) -> int:
    """The epoch once no build is running."""
    now = state(base, -1, 30)
    while now["membangun"]:
        now = state(base, now["epoch"], 120)
    return now["epoch"]


def measure(reports: int, edits: int) -> list[tuple[float, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        slugs = make_corpus(root, reports)
        slug = slugs[len(slugs) // 2]
        process, base = start(root)
        try:
            epoch = settle(base)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(f"{base}/{slug}/index.html")
                path = root / "content" / slug / "laporan.yaml"
                timings = []
                for n in range(1, edits + 1):
                    title = f"Judul Disunting Nomor {n}"
                    text = TITLE.sub(f"judul: {title}", path.read_text(encoding="utf-8"), count=1)
                    started = time.perf_counter()
                    path.write_text(text, encoding="utf-8")
                    page.wait_for_function(f"() => document.querySelector('h1').innerText === {title!r}", timeout=60000)
                    shown = time.perf_counter() - started
                    pages = state(base, epoch, 60)["epoch"]
                    epoch = state(base, pages, 120)["epoch"]  # the PDF build that follows
                    timings.append((shown, time.perf_counter() - started))
                browser.close()
        finally:
            os.killpg(process.pid, signal.SIGINT)
            process.wait(30)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    timings = measure(args.reports, args.edits)
    rows = "\n".join(f"| {n} | {shown:.2f} s | {pdf:.2f} s |" for n, (shown, pdf) in enumerate(timings, 1))
    shown = statistics.median(t[0] for t in timings)
    pdf = statistics.median(t[1] for t in timings)
    text = (
        f"{SECTION}\n\n`.venv/bin/python bench/bench_serve.py --reports {args.reports} --edits {args.edits}`, "
        f"{dt.date.today().isoformat()}, {os.cpu_count()} cores. From saving a report's YAML to the open page in "
        "Chromium showing the change (it reloads by itself), and to the build with its PDF being done.\n\n"
        f"| edit | page shows the change | PDF built |\n|---|---|---|\n{rows}\n"
        f"| median | {shown:.2f} s | {pdf:.2f} s |\n\nTarget: the page within 1 s with 50 reports.\n"
    )
    print(text)
    if not args.no_write:
        record(text, SECTION)


if __name__ == "__main__":
    main()
