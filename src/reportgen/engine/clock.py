"""Turn the passing of a build into its wall time and the time of each of its phases."""

from __future__ import annotations

import time


class Clock:
    """Wall time of the build and of each of its phases."""

    def __init__(self):
        self.start = self.last = time.perf_counter()
        self.phases: dict[str, float] = {}

    def lap(self, phase: str) -> dict[str, float]:
        now = time.perf_counter()
        self.phases[phase] = now - self.last
        self.last = now
        return self.phases

    def total(self) -> float:
        return time.perf_counter() - self.start
