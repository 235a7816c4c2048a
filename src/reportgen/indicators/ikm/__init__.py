"""Declare the community satisfaction index (IKM, PermenPANRB 14/2017): its options and headline figure."""

from __future__ import annotations

from reportgen.indicators.contract import Headline, Indicator, Ref, steps

ELEMENTS = (
    "Persyaratan",
    "Sistem, Mekanisme, dan Prosedur",
    "Waktu Penyelesaian",
    "Biaya/Tarif",
    "Produk Spesifikasi Jenis Pelayanan",
    "Kompetensi Pelaksana",
    "Perilaku Pelaksana",
    "Penanganan Pengaduan, Saran dan Masukan",
    "Sarana dan Prasarana",
)

INDICATOR = Indicator(
    kind="ikm",
    title="Indeks Kepuasan Masyarakat",
    options_model=Ref(f"{__name__}.options", "Options"),
    **steps(__name__),
    headlines=(
        Headline(
            key="ikm",
            label="IKM",
            figure="nilai",
            qualifier="mutu",
            heading="IKM (mutu)",
            caption="Nilai Indeks Kepuasan Masyarakat (IKM) per laporan",
            axis="Nilai IKM",
        ),
    ),
)


def __getattr__(name: str) -> object:
    """Options from .options, imported on first use: the declaration stays free of pydantic."""
    if name in ("Options",):
        from reportgen.indicators.ikm import options

        return getattr(options, name)
    raise AttributeError(name)
