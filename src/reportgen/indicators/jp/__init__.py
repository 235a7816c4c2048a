"""Declare the 20-JP indicator (PP 11/2017 art. 203): its options and headline figure."""

from __future__ import annotations

from reportgen.indicators.contract import Headline, Indicator, Ref, steps

INDICATOR = Indicator(
    kind="jp",
    title="Pemenuhan Hak Pengembangan Kompetensi 20 JP",
    options_model=Ref(f"{__name__}.options", "Options"),
    **steps(__name__),
    headlines=(
        Headline(
            key="jp",
            label="Memenuhi 20 JP",
            figure="persen_memenuhi",
            caption="Persentase pegawai yang memenuhi 20 JP per laporan",
            axis="Pegawai memenuhi 20 JP",
        ),
    ),
)


def __getattr__(name: str) -> object:
    """Options from .options, imported on first use: the declaration stays free of pydantic."""
    if name in ("Options",):
        from reportgen.indicators.jp import options

        return getattr(options, name)
    raise AttributeError(name)
