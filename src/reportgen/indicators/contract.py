"""Declare what an indicator is: its kind, options, the steps that compute it and its headline figures.

A declaration is light (the standard library only): planning, caching and assembling read its
headlines without importing pydantic, pandas or numpy. Its options model and its steps live in
modules it names, imported when a report is validated or computes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportgen.modelbase import Model


@dataclass(frozen=True)
class Ref:
    """An object named by its module, imported when it is first asked for."""

    module: str
    name: str

    def get(self) -> object:
        return getattr(importlib.import_module(self.module), self.name)


@dataclass(frozen=True)
class Step:
    """A function named by its module, imported on the first call."""

    module: str
    name: str

    def __call__(self, *args: object) -> object:
        return getattr(importlib.import_module(self.module), self.name)(*args)


@dataclass(frozen=True)
class Headline:
    """A figure the shared pages show of every report that has it: index card and sort, Rekapitulasi, a chart."""

    key: str  # names it on the index card and in the sort choice ('ikm'): a-z, 0-9 and '-' only
    label: str  # 'IKM'
    figure: str  # the figure of the result holding the value ('nilai')
    caption: str  # the comparison chart's caption
    axis: str  # the comparison chart's value axis
    qualifier: str | None = None  # a figure written after the value: '81,39 (B)'
    heading: str | None = None  # the Rekapitulasi column, when it says more than the label ('IKM (mutu)')

    @property
    def column(self) -> str:
        """The Rekapitulasi column's heading."""
        return self.heading or self.label


@dataclass(frozen=True)
class Indicator:
    """One kind of indicator a report's `data:` can declare.

    `columns(options)` gives the CSV columns it reads (csvdata.ColumnSpec), `compute(frame, options)`
    its result from them (pure), `present(result, spec, options)` the figures, tables and charts
    (results.Result) of that result.
    """

    kind: str  # what `jenis:` says
    title: str  # of its tables and charts when the report gives none
    options_model: Ref  # the model of the keys under `opsi:`
    columns: Step
    compute: Step
    present: Step
    headlines: tuple[Headline, ...] = ()

    @property
    def options(self) -> type[Model]:
        """The model of the keys under `opsi:` (pydantic, imported now)."""
        return self.options_model.get()  # type: ignore[return-value]


def steps(package: str) -> dict[str, Step]:
    """Where an indicator package keeps its steps: columns and compute in .compute, present in .present."""
    return {
        "columns": Step(f"{package}.compute", "columns"),
        "compute": Step(f"{package}.compute", "compute"),
        "present": Step(f"{package}.present", "present"),
    }
