"""Turn a project folder into the verdict on its inputs: every report loaded and its figures computed, nothing drawn."""

from __future__ import annotations

import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen import names
from reportgen.engine.build import select_reports, unlisted, write_log
from reportgen.engine.outcome import CHECKED, FAILED, Outcome, ReportOutcome
from reportgen.errors import InputError, Problem, internal_error


@dataclass(frozen=True)
class Options:
    """What to check: the project folder and the reports (none named: every listed one)."""

    root: Path
    only: Sequence[str] = ()


def run(options: Options) -> Outcome:
    """Validate reports.yaml and every selected report, computing figures but drawing and printing nothing."""
    from reportgen import load, render
    from reportgen.data import compute_results

    root, start = options.root, time.perf_counter()
    project = load.load_project(root)
    render.check_templates(root / "templates")
    reports = []
    for slug in select_reports(project, options.only):
        try:
            loaded = load.load_report(project, slug)
            render.check_text(loaded, compute_results(loaded))
            reports.append(ReportOutcome(slug, CHECKED))
        except InputError as err:
            reports.append(ReportOutcome(slug, FAILED, problems=err.problems))
        except Exception as err:  # our bug or the environment's; the other reports are still checked
            problem = Problem((project.report_dir(slug) / names.REPORT_FILE).resolve(), internal_error(err))
            log = write_log(root / "output", slug, traceback.format_exc())
            reports.append(ReportOutcome(slug, FAILED, problems=(problem,), log=log))
    return Outcome(tuple(reports), time.perf_counter() - start, warnings=unlisted(root, project.config.laporan))
