"""Declare the budget realization indicator: its options and headline figure."""

from __future__ import annotations

from pydantic import Field

from reportgen.indicators.contract import Headline, Indicator, steps
from reportgen.modelbase import Model, Text


class Options(Model):
    """Settings of a budget data file, under `opsi:`."""

    kolom_kegiatan: Text = Field("kegiatan", description="Kolom nama kegiatan.")
    kolom_pagu: Text = Field("pagu", description="Kolom pagu anggaran (rupiah).")
    kolom_realisasi: Text = Field("realisasi", description="Kolom realisasi anggaran (rupiah).")


INDICATOR = Indicator(
    kind="anggaran",
    title="Realisasi Anggaran",
    options=Options,
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
