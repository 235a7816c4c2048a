"""Declare every key of reports.yaml and of a report file: type, default and description."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]

SECTION_KINDS = ("pendahuluan", "tujuan", "metode", "temuan", "tantangan", "rekomendasi", "kesimpulan", "lainnya")

# The heading a section gets when its author gives none.
DEFAULT_HEADINGS = {
    "pendahuluan": "Pendahuluan",
    "tujuan": "Tujuan Program",
    "metode": "Metode Evaluasi",
    "temuan": "Hasil Evaluasi",
    "tantangan": "Tantangan dalam Pelaksanaan Program",
    "rekomendasi": "Rekomendasi untuk Program Selanjutnya",
    "kesimpulan": "Kesimpulan",
}


class Model(BaseModel):
    """Immutable, and strict about unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- reports.yaml -------------------------------------------------------------------------


class Site(Model):
    """Settings of the published site."""

    judul: Text = Field(description="Judul situs, tampil di kepala setiap halaman.")
    instansi: Text = Field(description="Nama instansi penerbit, dipakai bila laporan tidak menyebut instansinya.")
    deskripsi: Text | None = Field(None, description="Deskripsi singkat situs untuk mesin pencari.")
    url_dasar: Text | None = Field(
        None, description="Alamat situs setelah diterbitkan, mis. https://bkpsdm.example.go.id/evaluasi/."
    )


class Defaults(Model):
    """Values every report gets unless it says otherwise."""

    kertas: Literal["A4", "F4"] = Field("A4", description="Ukuran kertas PDF: A4 atau F4 (folio 215 x 330 mm).")


class SiteConfig(Model):
    """The whole of reports.yaml."""

    situs: Site = Field(description="Pengaturan situs.")
    bawaan: Defaults = Field(Defaults(), description="Nilai bawaan untuk semua laporan.")
    laporan: list[Slug] = Field(min_length=1, description="Folder laporan di content/ yang dibangun, berurutan.")


# --- content/<slug>/laporan.yaml ----------------------------------------------------------


class Section(Model):
    """One section of a report: its kind, an optional heading, and Markdown text."""

    jenis: Literal[SECTION_KINDS] = Field(description="Jenis bagian; 'lainnya' untuk bagian khusus.")  # type: ignore[valid-type]
    judul: Text | None = Field(None, description="Judul bagian; bila kosong dipakai judul bawaan jenisnya.")
    teks: Text = Field(description="Isi bagian dalam Markdown.")

    @model_validator(mode="after")
    def _custom_needs_heading(self) -> Section:
        if self.jenis == "lainnya" and self.judul is None:
            raise ValueError("bagian berjenis 'lainnya' wajib mempunyai 'judul'")
        return self

    @property
    def heading(self) -> str:
        """The heading shown: the author's, else the kind's default."""
        return self.judul or DEFAULT_HEADINGS[self.jenis]


class CsvFormat(Model):
    """How a CSV file is written, for what cannot be detected."""

    pemisah: Literal[";", ",", "\t", "|"] | None = Field(None, description="Pemisah kolom; bila kosong dideteksi.")
    desimal: Literal[",", "."] | None = Field(None, description="Tanda desimal; bila kosong dideteksi per kolom.")
    pengodean: Literal["utf-8", "cp1252", "latin-1"] | None = Field(
        None, description="Pengodean berkas; bila kosong dideteksi (UTF-8, dengan/tanpa BOM, atau Windows-1252)."
    )


class DataSpec(Model):
    """A data file declared by a report and the indicator computed from it."""

    nama: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")] = Field(
        description="Nama hasil untuk dipakai di teks, mis. ikm -> {{ ikm.nilai }}."
    )
    jenis: Text = Field(description="Jenis indikator: ikm, prepost, jp, anggaran atau tabel.")
    berkas: Text = Field(description="Nama berkas CSV di folder laporan.")
    judul: Text | None = Field(None, description="Judul tabel/gambar; bila kosong dipakai judul bawaan indikator.")
    sumber: Text | None = Field(None, description="Sumber data, ditulis di bawah tabel ('Sumber: ...').")
    csv: CsvFormat = Field(CsvFormat(), description="Format berkas CSV bila tidak dapat dideteksi.")
    opsi: dict[str, object] = Field({}, description="Pengaturan khusus indikator (lihat panduan).")


class Report(Model):
    """One evaluation report."""

    judul: Text = Field(description="Judul laporan.")
    wilayah: Text = Field(description="Nama daerah, mis. Sawahlunto.")
    program: Text = Field(description="Nama program yang dievaluasi, mis. Pembinaan ASN.")
    tahun: int = Field(ge=2000, le=2100, description="Tahun anggaran program.")
    tanggal: dt.date = Field(description="Tanggal laporan, format TTTT-BB-HH.")
    status: Literal["final", "konsep"] = Field("final", description="'konsep' memberi tanda KONSEP di setiap halaman.")
    instansi: Text | None = Field(None, description="Instansi penyusun; bila kosong dipakai instansi situs.")
    ringkasan: Text | None = Field(None, description="Ringkasan satu-dua kalimat untuk indeks dan mesin pencari.")
    bagian: list[Section] = Field(min_length=1, description="Bagian-bagian laporan, berurutan.")
