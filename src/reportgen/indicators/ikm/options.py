"""The options of the ikm indicator, under `opsi:` (pydantic: imported when a report is validated)."""

from __future__ import annotations

from pydantic import Field, field_validator

from reportgen.indicators.ikm import ELEMENTS
from reportgen.modelbase import Model, Text


class Options(Model):
    """Settings of an IKM data file, under `opsi:`."""

    kolom_unsur: list[str] = Field(
        [f"U{i}" for i in range(1, 10)],
        description="Sembilan nama kolom jawaban, berurutan dari U1 (Persyaratan) sampai U9 (Sarana dan Prasarana).",
    )
    atribut: list[str] = Field(
        ["jenis_kelamin", "pendidikan"],
        description="Kolom karakteristik responden yang dirinci per kategori; kolom yang tidak ada di CSV dilewati.",
    )
    populasi: int | None = Field(
        None,
        ge=1,
        description="Jumlah populasi penerima layanan; bila diisi, jumlah responden dibandingkan dengan sampel "
        "minimum tabel Krejcie dan Morgan.",
    )
    kolom_tanggal: Text = Field(
        "tanggal", description="Kolom tanggal pengisian (boleh tidak ada); periode survei diambil darinya."
    )

    @field_validator("kolom_unsur")
    @classmethod
    def _nine_distinct(cls, names: list[str]) -> list[str]:
        if len(names) != len(ELEMENTS):
            raise ValueError(f"diharapkan tepat 9 nama kolom (U1 sampai U9); ditemukan {len(names)}")
        if len(set(names)) != len(names):
            raise ValueError("nama kolom unsur tidak boleh sama")
        return names
