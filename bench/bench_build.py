"""Measure a full build: wall time per report and peak memory, on a corpus made from the examples.

usage: .venv/bin/python bench/bench_build.py [--copies N]

The corpus is N copies of each example report (5 x N reports) in a temporary project, so the
numbers grow with real content, data files, tables and charts. Prints one line per measurement.
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from reportgen.cli import main

REPO = Path(__file__).resolve().parent.parent


def make_corpus(target: Path, copies: int) -> int:
    """Copy templates and every example report `copies` times into `target`; returns the report count."""
    shutil.copytree(REPO / "templates", target / "templates")
    config = yaml.safe_load((REPO / "reports.yaml").read_text(encoding="utf-8"))
    slugs = []
    for slug in config["laporan"]:
        for n in range(1, copies + 1):
            copy = f"{slug}-{n}"
            shutil.copytree(REPO / "content" / slug, target / "content" / copy)
            slugs.append(copy)
    config["laporan"] = slugs
    (target / "reports.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return len(slugs)


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        count = make_corpus(root, args.copies)
        for command in ("check", "build"):
            start = time.perf_counter()
            code = main([command, "--proyek", str(root)], stdout=io.StringIO(), stderr=io.StringIO())
            seconds = time.perf_counter() - start
            print(f"{command}: {count} reports, {seconds:.2f} s ({seconds / count * 1000:.0f} ms/report), exit {code}")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak resident memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main_bench()
