"""Measure the build engine on corpora of 5, 50 and 500 reports made from the five examples.

usage: .venv/bin/python bench/bench_engine.py [--sizes 5 50 500] [--no-write]

Each corpus is N copies of the examples with distinct slugs and regions, in a temporary project.
For each size it measures, in this order:
  cold -j 1         a build from nothing with one worker (in-process call, so the per-report
                    figures come back): wall time and the sum of WeasyPrint's own time
  cold -j cores     the same with one worker per core
  no-op             `reportgen build` again with nothing changed (a whole command, timed outside)
  one edited        one report's YAML edited, then `reportgen build` (a whole command); beside
                    it the report's own render time in its worker, and the same report built
                    alone (a project of just that report, from nothing, a whole command)
  HTML only         a build from nothing with --tanpa-pdf and one worker per core (a whole command)
and the peak resident memory of the main process and of any worker. Prints a table and writes
it to bench/RESULTS.md (section "Build engine"), with the machine's core count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from reportgen.engine import build
from reportgen.engine.outcome import BUILT, Outcome
from reportgen.engine.schedule import default_workers

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "RESULTS.md"
SECTION = "## Build engine"


def make_corpus(target: Path, size: int) -> list[str]:
    """`size` reports copied from the examples, each with its own slug and region; returns the slugs."""
    shutil.copytree(REPO / "templates", target / "templates")
    config = yaml.safe_load((REPO / "reports.yaml").read_text(encoding="utf-8"))
    examples, slugs = config["laporan"], []
    for n in range(size):
        source = examples[n % len(examples)]
        slug = f"{source}-{n // len(examples) + 1}"
        shutil.copytree(REPO / "content" / source, target / "content" / slug)
        path = target / "content" / slug / "laporan.yaml"
        copy = n // len(examples) + 1
        text = re.sub(r"^wilayah: (.*)$", rf"wilayah: \1 {copy}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")
        slugs.append(slug)
    config["laporan"] = slugs
    (target / "reports.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return slugs


def in_process(root: Path, output: Path, workers: int) -> Outcome:
    """A cold build called in-process, so that per-report times and worker memory come back."""
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    outcome = build.build(root, output, build.Options(workers=workers))
    assert outcome.ok and outcome.count(BUILT) == len(outcome.reports), outcome.failures[:1]
    return outcome


def command(root: Path, output: Path, *extra: str) -> tuple[float, str]:
    """Wall time of a whole `reportgen build` command, and what it printed."""
    start = time.perf_counter()
    reportgen = str(Path(sys.executable).parent / "reportgen")
    argv = [reportgen, "build", "--proyek", str(root), "--keluaran", str(output), *extra]
    done = subprocess.run(argv, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    assert done.returncode == 0, done.stderr
    return seconds, done.stdout


def measure(size: int, cores: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        root, output = Path(tmp), Path(tmp) / "output"
        slugs = make_corpus(root, size)
        serial = in_process(root, output, 1)
        parallel = in_process(root, output, cores)
        noop, printed = command(root, output)
        assert "Tidak ada yang berubah" in printed, printed
        edited = root / "content" / slugs[size // 2] / "laporan.yaml"
        edited.write_text(edited.read_text(encoding="utf-8") + "# disunting\n", encoding="utf-8")
        one, printed = command(root, output)
        own = float(re.search(r"✓ \S+ \((\d+,\d) dtk\)", printed)[1].replace(",", "."))
        alone = _alone(root, slugs[size // 2])
        shutil.rmtree(output)
        shutil.rmtree(root / ".cache")
        html, _ = command(root, output, "--tanpa-pdf", "-j", str(cores))
        workers_mib = max(r.memory_mib for o in (serial, parallel) for r in o.reports)
        return {
            "size": size,
            "serial": serial.seconds,
            "pdf": serial.pdf_seconds,
            "parallel": parallel.seconds,
            "parallel_pdf": parallel.pdf_seconds,
            "noop": noop,
            "one": one,
            "one_own": own,
            "alone": alone,
            "html": html,
            "main_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_mib": workers_mib,
            "phases": parallel.phases,
        }


def _alone(root: Path, slug: str) -> float:
    """Wall time of `reportgen build` on a project holding only report `slug`, from nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        single = Path(tmp)
        shutil.copytree(root / "templates", single / "templates")
        shutil.copytree(root / "content" / slug, single / "content" / slug)
        config = yaml.safe_load((root / "reports.yaml").read_text(encoding="utf-8"))
        config["laporan"] = [slug]
        (single / "reports.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        return command(single, single / "output")[0]


def table(rows: list[dict[str, object]], cores: int) -> str:
    """The measurements as a Markdown table, one column per corpus size."""
    lines = [
        "| figure | " + " | ".join(f"{r['size']} reports" for r in rows) + " | target |",
        "|---|" + "---|" * len(rows) + "---|",
    ]

    def row(name: str, cell, target: str) -> None:
        lines.append(f"| {name} | " + " | ".join(cell(r) for r in rows) + f" | {target} |")

    row("cold `-j 1`, wall", lambda r: f"{r['serial']:.1f} s", "")
    row("WeasyPrint's own time (sum)", lambda r: f"{r['pdf']:.1f} s", "")
    row("time beyond WeasyPrint's own, `-j 1`", lambda r: f"+{(r['serial'] / r['pdf'] - 1) * 100:.0f} %", "≤ +15 %")
    row(f"cold `-j {cores}`, wall", lambda r: f"{r['parallel']:.1f} s", "")
    row(
        f"cold `-j {cores}` / (WeasyPrint sum / {cores})",
        lambda r: f"{r['parallel'] / (r['pdf'] / cores):.2f} x",
        "≤ 1,15 x (500 reports)",
    )
    row(f"speed-up `-j {cores}` over `-j 1`", lambda r: f"{r['serial'] / r['parallel']:.2f} x", "≥ 1,8 x")
    row("no-op rebuild (whole command)", lambda r: f"{r['noop']:.2f} s", "≤ 0,5 s (500 reports)")
    row(
        "one report edited (whole command) / that report's own time",
        lambda r: f"{r['one']:.2f} s / {r['one_own']:.1f} s",
        "own + 1,5 s",
    )
    row(
        "the same report alone: a project of just it, cold (whole command)",
        lambda r: f"{r['alone']:.2f} s (edit costs +{r['one'] - r['alone']:.2f} s)",
        "",
    )
    row(f"HTML only, cold, `-j {cores}` (whole command)", lambda r: f"{r['html']:.1f} s", "≤ 15 s (500 reports)")
    row("peak memory, main process", lambda r: f"{r['main_mib']:.0f} MiB", "≤ 300 MiB, flat")
    row("peak memory, a worker", lambda r: f"{r['worker_mib']:.0f} MiB", "≤ 300 MiB, flat")
    row(
        f"phases of cold `-j {cores}`",
        lambda r: ", ".join(f"{k} {v:.1f} s" for k, v in r["phases"].items()),
        "",
    )
    return "\n".join(lines)


def record(text: str, section: str = SECTION) -> None:
    """Replace `section` of bench/RESULTS.md (up to the next heading) with `text`."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    before, _, rest = old.partition(section + "\n")
    after = rest[rest.find("\n## ") :] if "\n## " in rest else ""
    RESULTS.write_text(before.rstrip() + "\n\n" + text.rstrip() + "\n" + after, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 50, 500])
    parser.add_argument("--no-write", action="store_true", help="print only, do not update bench/RESULTS.md")
    args = parser.parse_args()
    cores = default_workers()
    rows = []
    for size in args.sizes:
        rows.append(measure(size, cores))
        print(f"measured {size} reports", file=sys.stderr, flush=True)
    text = (
        f"{SECTION}\n\n`.venv/bin/python bench/bench_engine.py --sizes {' '.join(map(str, args.sizes))}`, "
        f"{dt.date.today().isoformat()}, {cores} cores ({os.cpu_count()} in the machine), Python "
        f"{sys.version.split()[0]}.\n\n{table(rows, cores)}\n"
    )
    print(text)
    if not args.no_write:
        record(text)


if __name__ == "__main__":
    main()
