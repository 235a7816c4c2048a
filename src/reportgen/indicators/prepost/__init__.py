"""Declare the pre-test/post-test indicator (N-gain, paired tests): its options and headline figure."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from reportgen.indicators.contract import Headline, Indicator, steps
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


INDICATOR = Indicator(
    kind="prepost",
    title="Hasil Pre-test dan Post-test",
    options=Options,
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
