"""Measure charts.draw: milliseconds per chart for every chart of the example reports and the comparison page.

usage: .venv/bin/python bench/bench_charts.py [--kali N]

Loads the project beside this folder, computes every report's results (every chart an indicator
offers, placed in the text or not), adds the comparison chart as the site draws it and a made-up
comparison of 40 reports (many long labels), then draws each one N times and prints a Markdown table:
median and slowest draw in ms. Drawing runs after a warm-up, so imports are not counted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from reportgen import charts
from reportgen.data import compute_results
from reportgen.load import load_project, load_report
from reportgen.results import ChartSpec
from reportgen.summary import key_figures

REPO = Path(__file__).resolve().parent.parent


def example_specs(root: Path) -> list[tuple[str, ChartSpec]]:
    """(name, spec) of every chart of the example reports, then the comparison chart of their IKM."""
    project = load_project(root)
    found, ikm = [], []
    for slug in project.config.laporan:
        loaded = load_report(project, slug)
        results = compute_results(loaded)
        found += [(f"{slug}: {chart.name}", chart.spec) for r in results.values() for chart in r.charts]
        report = loaded.report
        ikm += [
            (f"{report.wilayah} {report.tahun}: {report.program}", k.value)
            for k in key_figures(results)
            if k.key == "ikm" and k.value is not None
        ]
    labels, values = zip(*ikm, strict=True)  # as site.comparison_charts builds it
    found.append(("rekapitulasi: ikm", ChartSpec.bars(labels, values, value_label="Nilai IKM", value_format="angka:2")))
    many = [f"Kabupaten Contoh {i} 2026: Pengembangan Kompetensi ASN" for i in range(1, 41)]
    made_up = ChartSpec.bars(many, [70 + i * 0.61 for i in range(40)], value_label="Nilai IKM", value_format="angka:2")
    found.append(("rekapitulasi, 40 laporan (buatan)", made_up))
    return found


def kind(spec: ChartSpec) -> str:
    """How the chart was drawn: line, vertical or horizontal bars, grouped or not."""
    if spec.kind == "garis":
        return "garis"
    beside = 'class="rg-c" text-anchor="end"' in charts.draw(spec)  # category labels end left of horizontal bars
    return ("batang mendatar" if beside else "batang tegak") + (" berkelompok" if len(spec.series) > 1 else "")


def timings(spec: ChartSpec, times: int) -> list[float]:
    charts.draw(spec)
    found = []
    for _ in range(times):
        start = time.perf_counter()
        charts.draw(spec)
        found.append((time.perf_counter() - start) * 1000)
    return found


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kali", type=int, default=500, help="draws per chart")
    args = parser.parse_args()
    print("| chart | kind | categories | series | median ms | max ms |")
    print("|---|---|---:|---:|---:|---:|")
    for name, spec in example_specs(REPO):
        ms = timings(spec, args.kali)
        cells = [name, kind(spec), len(spec.labels), len(spec.series), f"{statistics.median(ms):.2f}", f"{max(ms):.2f}"]
        print("| " + " | ".join(map(str, cells)) + " |")


if __name__ == "__main__":
    main_bench()
