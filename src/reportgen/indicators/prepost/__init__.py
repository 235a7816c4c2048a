"""Declare the pre-test/post-test indicator (N-gain, paired tests): its options and headline figure."""

from __future__ import annotations

from reportgen.indicators.contract import Headline, Indicator, Ref, steps

INDICATOR = Indicator(
    kind="prepost",
    title="Hasil Pre-test dan Post-test",
    options_model=Ref(f"{__name__}.options", "Options"),
    **steps(__name__),
    headlines=(
        Headline(
            key="ngain",
            label="N-gain",
            figure="ngain",
            qualifier="kategori_ngain",
            heading="N-gain (kategori)",
            caption="Rata-rata N-gain peserta per laporan",
            axis="N-gain",
        ),
    ),
)


def __getattr__(name: str) -> object:
    """Options from .options, imported on first use: the declaration stays free of pydantic."""
    if name in ("Options",):
        from reportgen.indicators.prepost import options

        return getattr(options, name)
    raise AttributeError(name)
