"""Declare the 20-JP indicator (PP 11/2017 art. 203): its options and headline figure."""

from __future__ import annotations

from pydantic import Field

from reportgen.indicators.contract import Headline, Indicator, steps
from reportgen.modelbase import Model, Text


class Options(Model):
    """Settings of a JP roster, under `opsi:`."""

    batas_jp: float = Field(20, gt=0, description="Jam pelajaran minimal per pegawai per tahun.")
    target_peserta: int | None = Field(
        None, ge=1, description="Jumlah pegawai sasaran; bila kosong dipakai jumlah pegawai dalam daftar."
    )
    kolom_nip: Text = Field("nip", description="Kolom NIP pegawai.")
    kolom_nama: Text = Field("nama", description="Kolom nama pegawai (boleh tidak ada).")
    kolom_unit: Text = Field("unit_kerja", description="Kolom unit kerja.")
    kolom_jp: Text = Field("jp", description="Kolom jam pelajaran (JP) yang diikuti.")


INDICATOR = Indicator(
    kind="jp",
    title="Pemenuhan Hak Pengembangan Kompetensi 20 JP",
    options=Options,
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
