"""The options of the jp indicator, under `opsi:` (pydantic: imported when a report is validated)."""

from __future__ import annotations

from pydantic import Field

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
