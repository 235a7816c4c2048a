"""Turn a report's indicator results into the key figures its card and the comparison page show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reportgen.results import Result

# (key, label, indicator kind, figure holding the value, figure qualifying it)
KEY_FIGURES = (
    ("ikm", "IKM", "ikm", "nilai", "mutu"),
    ("ngain", "N-gain", "prepost", "ngain", "kategori_ngain"),
    ("jp", "Memenuhi 20 JP", "jp", "persen_memenuhi", None),
    ("anggaran", "Realisasi anggaran", "anggaran", "persen_realisasi", None),
)


@dataclass(frozen=True)
class KeyFigure:
    """One headline figure: its value for sorting and its text for reading ('81,39 (B)')."""

    key: str
    label: str
    value: float | None
    text: str


def key_figures(results: Mapping[str, Result]) -> tuple[KeyFigure, ...]:
    """The headline figures found in `results`, the first indicator of each kind, in a fixed order."""
    found = []
    for key, label, kind, main, qualifier in KEY_FIGURES:
        result = next((r for r in results.values() if r.kind == kind), None)
        if result is None or main not in result.figures:
            continue
        figure = result.figures[main]
        text = str(figure) + (f" ({result.figures[qualifier]})" if qualifier in result.figures else "")
        value = float(figure)
        found.append(KeyFigure(key, label, None if value != value else value, text))
    return tuple(found)
