"""Turn what a build or a check did into values: each report's status and the whole run's outcome."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from reportgen.errors import Problem


class Status(enum.StrEnum):
    """What happened to a report in a build or a check."""

    BUILT = "dibangun"
    CACHED = "tembolok"  # taken from the cache
    FAILED = "gagal"
    KEPT = "lama"  # not selected and not in the cache: the published version stays
    MISSING = "belum"  # not selected, never built: not on the site
    CHECKED = "diperiksa"


BUILT, CACHED, FAILED, KEPT, MISSING, CHECKED = Status


@dataclass(frozen=True)
class ReportOutcome:
    """What a build or a check did with one report."""

    slug: str
    status: Status
    seconds: float = 0.0
    problems: tuple[Problem, ...] = ()
    log: Path | None = None  # where the traceback of an internal error was written
    kept: bool = False  # failed, but its last good pages and PDF stay published
    memory_mib: float = 0.0  # peak resident memory of the worker that built it
    pdf_seconds: float = 0.0  # of `seconds`, what WeasyPrint took


@dataclass(frozen=True)
class Outcome:
    """What a build or a check did: each report, the time it took, the time WeasyPrint took."""

    reports: tuple[ReportOutcome, ...] = ()
    seconds: float = 0.0
    pdf_seconds: float = 0.0
    unchanged: bool = False  # nothing to do: the published site is already this build's
    missing: tuple[str, ...] = ()  # listed reports the site cannot show (never built successfully)
    phases: Mapping[str, float] = field(default_factory=dict)  # wall time of each phase, in order
    warnings: tuple[Problem, ...] = ()  # things worth saying that fail nothing

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures

    @property
    def failures(self) -> tuple[ReportOutcome, ...]:
        """The reports that failed."""
        return tuple(r for r in self.reports if r.status == FAILED)

    def count(self, status: Status) -> int:
        """How many reports ended with `status`."""
        return sum(r.status == status for r in self.reports)


class Progress(Protocol):
    """What a build tells while it runs; the CLI shows it (progress.py), `Silent` says nothing."""

    def planned(self, total: int, to_render: int, cached: int) -> None:
        """Of `total` reports, `to_render` will be rendered and `cached` come from the cache."""

    def started(self, slug: str) -> None:
        """A worker took report `slug`."""

    def finished(self, report: ReportOutcome) -> None:
        """Report `slug` is done, one way or the other."""

    def close(self) -> None:
        """The build is over, whichever way it ended."""


class Silent:
    """A progress that says nothing: the build's default."""

    def planned(self, total: int, to_render: int, cached: int) -> None:
        """Nothing to say."""

    def started(self, slug: str) -> None:
        """Nothing to say."""

    def finished(self, report: ReportOutcome) -> None:
        """Nothing to say."""

    def close(self) -> None:
        """Nothing to close."""
