"""Declare the budget realization indicator: its options and headline figure."""

from __future__ import annotations

from reportgen.indicators.contract import Headline, Indicator, Ref, steps

INDICATOR = Indicator(
    kind="anggaran",
    title="Realisasi Anggaran",
    options_model=Ref(f"{__name__}.options", "Options"),
    **steps(__name__),
    headlines=(
        Headline(
            key="anggaran",
            label="Realisasi anggaran",
            figure="persen_realisasi",
            caption="Persentase realisasi anggaran per laporan",
            axis="Realisasi anggaran",
        ),
    ),
)


def __getattr__(name: str) -> object:
    """Options from .options, imported on first use: the declaration stays free of pydantic."""
    if name in ("Options",):
        from reportgen.indicators.anggaran import options

        return getattr(options, name)
    raise AttributeError(name)
