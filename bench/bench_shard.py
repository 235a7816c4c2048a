"""Measure a sharded build: a corpus split into 4 shards built one after another, then assembled.

usage: .venv/bin/python bench/bench_shard.py [--sizes 20 500] [--shards 4] [--no-write]

For each size, a corpus made like bench_engine.py's (copies of the five examples, HTML and PDF):
  shard K/N        `reportgen build --shard K/N` from nothing, each with its own cache folder (a
                   machine of its own), one after another on this machine; a whole command each
  fixed cost       shard 1/N built again into a new folder from its cache: everything a shard job
                   does but rendering (start-up, planning, digesting, writing the shard output)
  assemble         `reportgen assemble` of the N shard outputs (a whole command), and its phases
                   (the same assembly in-process)
From these: the per-report cost (the shards' time beyond their fixed cost, per report) and a
projection of the wall time for 5 000 reports on 1, 4, 16 and 64 machines of this machine's core
count: fixed cost + (reports of the largest shard) x per-report cost + assemble time at 5 000
(linear through the measured sizes). Prints a table and writes it to bench/RESULTS.md (section
"Sharded build"), with the load average before and after, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from bench_engine import REPO, make_corpus, record

from reportgen.commands import assemble as assembly
from reportgen.engine import shard
from reportgen.engine.schedule import default_workers

SECTION = "## Sharded build"
TARGET_REPORTS = 5000
MACHINES = (1, 4, 16, 64)


def reportgen(*argv: str) -> float:
    """Wall time of a whole `reportgen` command."""
    start = time.perf_counter()
    done = subprocess.run([str(Path(sys.executable).parent / "reportgen"), *argv], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return time.perf_counter() - start


def measure(size: int, count: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        slugs = make_corpus(root, size)
        folders, seconds, reports = [], [], []
        for index in range(1, count + 1):
            folder = root / "shards" / str(index)
            where = ["--proyek", str(root), "--keluaran", str(folder), "--tembolok", str(root / "caches" / str(index))]
            seconds.append(reportgen("build", "--shard", f"{index}/{count}", *where, "-q"))
            reports.append(len(shard.select(slugs, shard.Shard(index, count))))
            folders.append(str(folder))
        where = ["--proyek", str(root), "--keluaran", str(root / "again"), "--tembolok", str(root / "caches" / "1")]
        fixed = reportgen("build", "--shard", f"1/{count}", *where, "-q")
        assemble = reportgen("assemble", *folders, "--proyek", str(root), "--keluaran", str(root / "output"), "-q")
        phases = assembly.assemble(root, root / "output-2", [Path(f) for f in folders]).phases
        size_mib = sum(p.stat().st_size for f in folders for p in Path(f, "site").rglob("*") if p.is_file()) / 2**20
        return {
            "size": size,
            "shards": seconds,
            "reports": reports,
            "fixed": fixed,
            "assemble": assemble,
            "phases": phases,
            "mib": size_mib,
        }


def per_report(row: dict[str, object]) -> float:
    """Wall seconds one report adds to a shard on this machine (all its cores busy)."""
    return (sum(row["shards"]) - len(row["shards"]) * row["fixed"]) / row["size"]


def assemble_at(rows: list[dict[str, object]], size: int) -> float:
    """The assemble time at `size` reports: linear through the smallest and largest measured sizes."""
    low, high = rows[0], rows[-1]
    if low is high:
        return high["assemble"] * size / high["size"]
    slope = (high["assemble"] - low["assemble"]) / (high["size"] - low["size"])
    return high["assemble"] + slope * (size - high["size"])


def largest_shard(size: int, machines: int) -> int:
    """The reports in the largest of `machines` shards of a corpus of `size` (slugs as make_corpus names them)."""
    examples = yaml.safe_load((REPO / "reports.yaml").read_text(encoding="utf-8"))["laporan"]
    slugs = [f"{examples[n % len(examples)]}-{n // len(examples) + 1}" for n in range(size)]
    return max(len(shard.select(slugs, shard.Shard(index, machines))) for index in range(1, machines + 1))


def table(rows: list[dict[str, object]], cores: int) -> str:
    lines = ["| figure | " + " | ".join(f"{r['size']} reports" for r in rows) + " |", "|---|" + "---|" * len(rows)]

    def row(name: str, cell) -> None:
        lines.append(f"| {name} | " + " | ".join(cell(r) for r in rows) + " |")

    count = len(rows[0]["shards"])
    for index in range(count):
        row(
            f"shard {index + 1}/{count}, cold, `-j {cores}` (reports, wall)",
            lambda r, i=index: f"{r['reports'][i]}, {r['shards'][i]:.1f} s",
        )
    row("all shards, one after another", lambda r: f"{sum(r['shards']):.1f} s")
    row("fixed cost of a shard job (shard 1 again, all from its cache)", lambda r: f"{r['fixed']:.2f} s")
    row(f"per-report cost (`-j {cores}`, beyond the fixed cost)", lambda r: f"{per_report(r):.3f} s")
    row("assemble (whole command)", lambda r: f"{r['assemble']:.2f} s")
    row("assemble / all shards (target ≤ 10 %)", lambda r: f"{r['assemble'] / sum(r['shards']) * 100:.1f} %")
    row("phases of assemble (in-process)", lambda r: ", ".join(f"{k} {v:.2f} s" for k, v in r["phases"].items()))
    row("shard outputs (pages, PDFs, assets)", lambda r: f"{r['mib']:.0f} MiB")
    return "\n".join(lines)


def projection(rows: list[dict[str, object]], cores: int) -> str:
    base = rows[-1]
    cost, fixed, assemble = per_report(base), base["fixed"], assemble_at(rows, TARGET_REPORTS)
    lines = [
        f"| machines ({cores} cores each) | reports in the largest shard | shard job | + assemble | wall time |",
        "|---:|---:|---:|---:|---:|",
    ]
    for machines in MACHINES:
        largest = largest_shard(TARGET_REPORTS, machines)
        build = fixed + largest * cost
        lines.append(
            f"| {machines} | {largest} | {build / 60:.1f} min | {assemble:.0f} s | {(build + assemble) / 60:.1f} min |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 500])
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--no-write", action="store_true", help="print only, do not update bench/RESULTS.md")
    args = parser.parse_args()
    cores, load_before = default_workers(), os.getloadavg()
    rows = []
    for size in sorted(args.sizes):
        rows.append(measure(size, args.shards))
        print(f"measured {size} reports", file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    base = rows[-1]
    text = (
        f"{SECTION}\n\n`.venv/bin/python bench/bench_shard.py --sizes {' '.join(map(str, sorted(args.sizes)))} "
        f"--shards {args.shards}`, {dt.date.today().isoformat()}, {cores} cores ({os.cpu_count()} in the machine), "
        f"Python {sys.version.split()[0]}. The {args.shards} shards ran one after another on this machine, each "
        f"with its own cache, as {args.shards} machines would. Load average (1, 5, 15 min) before: "
        f"{', '.join(f'{x:.2f}' for x in load_before)}; after: {', '.join(f'{x:.2f}' for x in load_after)}. "
        f"The machine is shared with other work: figures are noisy by several percent.\n\n"
        f"{table(rows, cores)}\n\n"
        f"Projection for {TARGET_REPORTS} reports. Model: wall time = fixed cost of a shard job "
        f"({base['fixed']:.2f} s) + reports of the largest shard x per-report cost ({per_report(base):.3f} s on "
        f"{cores} cores, measured at {base['size']}) + assemble time at {TARGET_REPORTS} reports "
        f"({assemble_at(rows, TARGET_REPORTS):.0f} s, linear through the measured sizes). The largest shard is "
        f"counted from {TARGET_REPORTS} slugs (shards are a hash, not exactly equal). Not in the model: the CI "
        f"system's own costs per job (starting a runner, `make setup`, restoring and saving the cache, "
        f"uploading and downloading artifacts: about {base['mib'] / base['size'] * TARGET_REPORTS / 1024:.1f} GiB "
        f"of shard outputs at {TARGET_REPORTS} reports), which add minutes to every job whatever N is.\n\n"
        f"{projection(rows, cores)}\n"
    )
    print(text)
    if not args.no_write:
        record(text, SECTION)


if __name__ == "__main__":
    main()
