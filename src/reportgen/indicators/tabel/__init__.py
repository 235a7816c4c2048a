"""Declare the plain table indicator: its options (the columns shown, an optional chart), no headline."""

from __future__ import annotations

from reportgen.indicators.contract import Indicator, Ref, steps

INDICATOR = Indicator(
    kind="tabel",
    title="Tabel Data",
    options_model=Ref(f"{__name__}.options", "Options"),
    **steps(__name__),
)


def __getattr__(name: str) -> object:
    """The options models (and FORMATS) from .options, imported on first use: the declaration stays light."""
    if name in ("Options", "TableColumn", "Graph", "FORMATS"):
        from reportgen.indicators.tabel import options

        return getattr(options, name)
    raise AttributeError(name)
