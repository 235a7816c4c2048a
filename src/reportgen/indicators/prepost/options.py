"""The options of the prepost indicator, under `opsi:` (pydantic: imported when a report is validated)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from reportgen.modelbase import Model, Text


class Options(Model):
    """Settings of a pre/post test data file, under `opsi:`."""

    nilai_maks: float = Field(100, gt=0, description="Nilai tertinggi yang mungkin pada tes, mis. 100.")
    kolom_id: Text = Field("nip", description="Kolom pengenal peserta, mis. NIP.")
    kolom_nama: Text = Field("nama", description="Kolom nama peserta (boleh tidak ada).")
    kolom_pre: Text = Field("pre", description="Kolom nilai pre-test.")
    kolom_post: Text = Field("post", description="Kolom nilai post-test.")
    jenis_ngain: Literal["rata_individu", "rata_kelas"] = Field(
        "rata_individu",
        description="N-gain yang ditulis sebagai 'ngain' dan dikategorikan: 'rata_individu' (rata-rata N-gain "
        "tiap peserta) atau 'rata_kelas' (N-gain dari rata-rata pre-test dan post-test).",
    )
