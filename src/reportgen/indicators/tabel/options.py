"""The options of the tabel indicator, under `opsi:` (pydantic: imported when a report is validated)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from reportgen.modelbase import Model, Text

FORMATS = "teks, angka, angka:N (N = jumlah desimal), bulat, persen, persen:N atau rupiah"
_FORMAT = re.compile(r"teks|angka(:\d)?|bulat|persen(:\d)?|rupiah")


class TableColumn(Model):
    """One column of the table: its CSV header, its label and its format."""

    nama: Text = Field(description="Judul kolom di berkas CSV.")
    label: Text | None = Field(None, description="Judul kolom di tabel laporan; bila kosong dipakai 'nama'.")
    format: str = Field(
        "teks", description=f"Format angka: {FORMATS}. Nilai persen ditulis di CSV sebagai persen (45,3 atau 45,3%)."
    )
    wajib: bool = Field(True, description="false bila kolom ini boleh tidak ada atau selnya boleh kosong.")

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if not _FORMAT.fullmatch(value):
            raise ValueError(f"format tidak dikenal '{value}'; diharapkan salah satu dari: {FORMATS}")
        return value

    @property
    def heading(self) -> str:
        """The label shown above the column."""
        return self.label or self.nama

    @property
    def kind(self) -> str:
        """The CSV column kind its format needs."""
        return "teks" if self.format == "teks" else "bulat" if self.format == "bulat" else "angka"


class Graph(Model):
    """A chart of one numeric column against another column."""

    jenis: Literal["garis", "batang"] = Field("batang", description="Jenis grafik: garis atau batang.")
    x: Text = Field(description="Kolom label sumbu mendatar (salah satu 'nama' di 'kolom').")
    y: Text = Field(description="Kolom nilai (salah satu 'nama' di 'kolom', berformat angka).")


class Options(Model):
    """Settings of a plain table, under `opsi:`."""

    kolom: list[TableColumn] = Field(min_length=1, description="Kolom yang ditampilkan, berurutan.")
    grafik: Graph | None = Field(None, description="Grafik dari dua kolom tabel; bila kosong tidak ada grafik.")

    @model_validator(mode="after")
    def _consistent(self) -> Options:
        names = [c.nama for c in self.kolom]
        doubled = sorted({n for n in names if names.count(n) > 1})
        if doubled:
            raise ValueError(f"kolom disebut lebih dari sekali: {', '.join(doubled)}")
        if self.grafik is not None:
            for axis in ("x", "y"):
                name = getattr(self.grafik, axis)
                if name not in names:
                    listing = ", ".join(names)
                    raise ValueError(
                        f"grafik.{axis}: kolom '{name}' tidak ada di 'kolom'; diharapkan salah satu dari: {listing}"
                    )
            if self.column(self.grafik.y).format == "teks":
                raise ValueError(f"grafik.y: kolom '{self.grafik.y}' berformat teks; diharapkan kolom berformat angka")
        return self

    def column(self, name: str) -> TableColumn:
        """The listed column named `name`."""
        return next(c for c in self.kolom if c.nama == name)
