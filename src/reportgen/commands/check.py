"""Turn a project folder into the verdict on its inputs: every report loaded and its figures computed, nothing drawn."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.engine.build import select_reports, unlisted, write_log
from reportgen.engine.outcome import CHECKED, FAILED, Outcome, ReportOutcome


@dataclass(frozen=True)
class Options:
    """What to check: the project folder and the reports (none named: every listed one)."""

    root: Path
    only: Sequence[str] = ()


def run(options: Options) -> Outcome:
    """Validate reports.yaml and every selected report, computing figures but drawing and printing nothing."""
    from reportgen import load, pipeline, render

    root, start = options.root, time.perf_counter()
    project = load.load_project(root)
    render.check_templates(root / "templates")
    reports = []
    for slug in select_reports(project, options.only):
        try:
            pipeline.run(project, slug)  # no format: nothing drawn, nothing printed
            reports.append(ReportOutcome(slug, CHECKED))
        except Exception as err:  # the other reports are still checked
            failure = pipeline.failure(err, pipeline.report_file(root, slug))
            log = write_log(root / "output", slug, failure.traceback) if failure.traceback else None
            reports.append(ReportOutcome(slug, FAILED, problems=failure.problems, log=log))
    return Outcome(tuple(reports), time.perf_counter() - start, warnings=unlisted(root, project.config.laporan))
