"""The options of the anggaran indicator, under `opsi:` (pydantic: imported when a report is validated)."""

from __future__ import annotations

from pydantic import Field

from reportgen.modelbase import Model, Text


class Options(Model):
    """Settings of a budget data file, under `opsi:`."""

    kolom_kegiatan: Text = Field("kegiatan", description="Kolom nama kegiatan.")
    kolom_pagu: Text = Field("pagu", description="Kolom pagu anggaran (rupiah).")
    kolom_realisasi: Text = Field("realisasi", description="Kolom realisasi anggaran (rupiah).")
