"""Turn the indicator kind a report names (DataSpec.jenis) into its declaration (contract.Indicator).

To add an indicator: a package beside these, its declaration and options in `__init__.py`, its
steps in `compute.py` and `present.py`, and its declaration in REGISTRY below. Registry order is
the order of the headline figures on the index, in Rekapitulasi and among the comparison charts.
"""

from __future__ import annotations

import importlib

from reportgen.indicators import anggaran, ikm, jp, prepost, tabel
from reportgen.indicators.contract import Headline, Indicator

REGISTRY: dict[str, Indicator] = {
    i.kind: i for i in (ikm.INDICATOR, prepost.INDICATOR, jp.INDICATOR, anggaran.INDICATOR, tabel.INDICATOR)
}

HEADLINES: tuple[Headline, ...] = tuple(h for i in REGISTRY.values() for h in i.headlines)


def import_steps() -> None:
    """Import every indicator's steps (pandas, numpy): a fork server does it once for all its workers."""
    for indicator in REGISTRY.values():
        for step in (indicator.columns, indicator.compute, indicator.present):
            importlib.import_module(step.module)
