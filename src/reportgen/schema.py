"""Declare every key of reports.yaml and of a report file: type, default and description."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Union

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    create_model,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from reportgen.indicators import REGISTRY
from reportgen.modelbase import Model, Text
from reportgen.names import FIRST_YEAR, LAST_YEAR, PROGRAM_KINDS, SLUG_PATTERN
from reportgen.validate import suggest

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
DATA_NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
NIP_PATTERN = r"^\d{8} ?\d{6} ?\d ?\d{3}$"
FILE_NAME_PATTERN = r"^[^\x00-\x1f\x7f]+$"
# A file in the report's folder; a control character is no part of a file name an author means.
FileName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=FILE_NAME_PATTERN)]

# Names author text already has (render.base_context, the table and chart functions, the sandbox's
# globals): a data set named so would hide them.
RESERVED_NAMES = frozenset(
    {"wilayah", "program", "tahun", "tabel", "gambar", "nomor_tabel", "nomor_gambar", "range", "dict", "namespace"}
)

# What each pattern asks for, as the author reads it in a message.
PATTERNS = {
    SLUG_PATTERN: "nama folder berhuruf kecil, angka dan tanda hubung (mis. kota-program)",
    DATA_NAME_PATTERN: "nama berhuruf kecil, angka dan garis bawah, diawali huruf, tanpa tanda hubung "
    "(mis. ikm atau survei_2026)",
    NIP_PATTERN: "NIP 18 angka (mis. 197203141998031004), boleh berspasi setelah angka ke-8, ke-14 dan ke-15",
    FILE_NAME_PATTERN: "nama berkas tanpa karakter kendali",
}

STANDARD_KINDS = ("pendahuluan", "tujuan", "metode", "temuan", "tantangan", "rekomendasi", "kesimpulan")
# The official structure: a foreword before the contents, appendices after the last chapter.
FOREWORD, APPENDIX = "kata_pengantar", "lampiran"
SECTION_KINDS = (*STANDARD_KINDS, "lainnya", FOREWORD, APPENDIX)

# The heading a section gets when its author gives none.
DEFAULT_HEADINGS = {
    "pendahuluan": "Pendahuluan",
    "tujuan": "Tujuan Program",
    "metode": "Metode Evaluasi",
    "temuan": "Hasil Evaluasi",
    "tantangan": "Tantangan dalam Pelaksanaan Program",
    "rekomendasi": "Rekomendasi untuk Program Selanjutnya",
    "kesimpulan": "Kesimpulan",
    FOREWORD: "Kata Pengantar",
}


# --- reports.yaml -------------------------------------------------------------------------


# An http(s) address: a host, then an optional path; nothing that could leave an attribute or a URL.
_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>`\\/?#]+(/[^\s\"'<>`\\]*)?")


def _shown(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:59] + "…")


class Site(Model):
    """Settings of the published site."""

    judul: Text = Field(description="Judul situs, tampil di kepala setiap halaman.")
    instansi: Text = Field(description="Nama instansi penerbit, dipakai bila laporan tidak menyebut instansinya.")
    deskripsi: Text | None = Field(None, description="Deskripsi singkat situs untuk mesin pencari.")
    url_dasar: Text | None = Field(
        None,
        description="Alamat situs setelah diterbitkan, mis. https://bkpsdm.example.go.id/evaluasi/.",
        json_schema_extra={"pattern": f"^{_WEB_ADDRESS.pattern}$"},  # the editor flags what the validator refuses
    )

    @field_validator("url_dasar")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        """Only an http(s) address reaches the pages' links and the sitemap; anything else could run there."""
        if value is None or _WEB_ADDRESS.fullmatch(value):
            return value
        raise ValueError(
            f"diharapkan alamat web yang diawali http:// atau https://, tanpa spasi atau tanda kutip, "
            f"mis. https://bkpsdm.example.go.id/evaluasi/; ditemukan {_shown(value)}"
        )


Paper = Literal["A4", "F4"]
PAPER_MM = {"A4": (210, 297), "F4": (215, 330)}  # width, height
Centimetres = Annotated[float, Field(ge=0.5, le=6)]
PdfVariant = Literal["pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/ua-1"]


class Margins(Model):
    """Page margins in centimetres, after the official conventions."""

    atas: Centimetres = Field(2.0, description="Margin atas (cm).")
    kanan: Centimetres = Field(2.0, description="Margin kanan (cm).")
    bawah: Centimetres = Field(2.5, description="Margin bawah (cm).")
    kiri: Centimetres = Field(3.0, description="Margin kiri (cm), lebih lebar untuk jilid.")


class Print(Model):
    """How the PDF is made."""

    kertas: Paper = Field("A4", description="Ukuran kertas PDF: A4 atau F4 (folio 215 x 330 mm).")
    margin: Margins = Field(Margins(), description="Margin halaman dalam cm.")
    nomor_halaman: Text = Field(
        "Halaman {halaman} dari {jumlah}",
        description="Bentuk nomor halaman di kaki halaman; {halaman} dan {jumlah} diganti angkanya.",
    )
    varian_pdf: PdfVariant | None = Field(None, description="Varian arsip, mis. pdf/a-3b; bila kosong PDF biasa.")
    tag_pdf: bool = Field(False, description="PDF bertanda (tagged) untuk pembaca layar.")
    lampirkan_data: bool = Field(False, description="Lampirkan berkas YAML dan CSV laporan di dalam PDF (PDF/A-3).")
    penomoran_bab: bool = Field(
        False,
        description="Nomor bab bergaya laporan pemerintah: BAB I, BAB II ... pada judul bagian, Daftar Isi dan "
        "kepala halaman, subjudul bernomor 1.1, 1.2 ..., dan setiap bab dimulai di halaman baru.",
    )


class Defaults(Model):
    """Values every report gets unless it says otherwise."""

    pdf: Print = Field(Print(), description="Pengaturan PDF bawaan semua laporan.")


class SiteConfig(Model):
    """The whole of reports.yaml."""

    situs: Site = Field(description="Pengaturan situs.")
    bawaan: Defaults = Field(Defaults(), description="Nilai bawaan untuk semua laporan.")
    laporan: list[Slug] = Field(min_length=1, description="Folder laporan di content/ yang dibangun, berurutan.")


def print_settings(config: SiteConfig, report: Report) -> Print:
    """The report's PDF settings: the keys it writes, over the site's defaults."""
    if report.pdf is None:
        return config.bawaan.pdf
    own = {key: getattr(report.pdf, key) for key in report.pdf.model_fields_set}
    return config.bawaan.pdf.model_copy(update=own)


# --- content/<slug>/laporan.yaml ----------------------------------------------------------


Nip = Annotated[str, StringConstraints(strip_whitespace=True, pattern=NIP_PATTERN)]


class Signer(Model):
    """Who signs a page: a name, and what an official adds to it."""

    nama: Text = Field(description="Nama lengkap penanda tangan beserta gelar, atau mis. Tim Penyusun.")
    jabatan: Text | None = Field(None, description="Jabatan penanda tangan, mis. Kepala BKPSDM Kota Sawahlunto.")
    pangkat: Text | None = Field(None, description="Pangkat/golongan, mis. Pembina Utama Muda (IV/c).")
    nip: Nip | None = Field(None, description="NIP 18 angka; ditampilkan berkelompok 8 6 1 3.")

    @property
    def nip_grouped(self) -> str | None:
        """The NIP as printed on official documents: 8 6 1 3 digits."""
        if self.nip is None:
            return None
        digits = self.nip.replace(" ", "")
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


class Official(Signer):
    """An official who signs with office and NIP."""

    jabatan: Text = Field(description="Jabatan penanda tangan, mis. Kepala BKPSDM Kota Sawahlunto.")
    nama: Text = Field(description="Nama lengkap penanda tangan beserta gelar.")
    nip: Nip = Field(description="NIP 18 angka; ditampilkan berkelompok 8 6 1 3.")


class Approval(Official):
    """Who approves the report, for the Lembar Pengesahan."""

    tempat: Text | None = Field(None, description="Tempat penandatanganan; bila kosong dipakai wilayah.")
    tanggal: dt.date | None = Field(None, description="Tanggal pengesahan; bila kosong dipakai tanggal laporan.")
    mengetahui: Official | None = Field(
        None,
        description="Penanda tangan kedua ('Mengetahui,'), mis. atasan pejabat yang mengesahkan: jabatan, nama, "
        "pangkat dan NIP; bila kosong hanya satu tanda tangan.",
    )


class Section(Model):
    """One section of a report: its kind, an optional heading, and Markdown text."""

    # The editor schema says what _needs_heading and _signer_only_for_foreword check.
    model_config = ConfigDict(
        **Model.model_config,
        json_schema_extra={
            "allOf": [
                {
                    "if": {"properties": {"jenis": {"enum": ["lainnya", APPENDIX]}}},
                    "then": {"required": ["judul"]},
                },
                {
                    "if": {"properties": {"jenis": {"not": {"const": FOREWORD}}}},
                    "then": {"not": {"required": ["penanda_tangan"]}},
                },
            ]
        },
    )

    jenis: Literal[SECTION_KINDS] = Field(  # type: ignore[valid-type]
        description="Jenis bagian; 'lainnya' untuk bagian khusus, 'kata_pengantar' untuk Kata Pengantar sebelum "
        "Daftar Isi, 'lampiran' untuk lampiran bernomor di akhir laporan."
    )
    judul: Text | None = Field(None, description="Judul bagian; bila kosong dipakai judul bawaan jenisnya.")
    teks: Text = Field(description="Isi bagian dalam Markdown.")
    penanda_tangan: Signer | None = Field(
        None,
        description="Hanya untuk 'kata_pengantar': penanda tangan Kata Pengantar; bila kosong dipakai pejabat "
        "di 'pengesahan'.",
    )

    @model_validator(mode="after")
    def _needs_heading(self) -> Section:
        if self.jenis in ("lainnya", APPENDIX) and self.judul is None:
            raise ValueError(f"bagian berjenis '{self.jenis}' wajib mempunyai 'judul'")
        return self

    @model_validator(mode="after")
    def _signer_only_for_foreword(self) -> Section:
        if self.penanda_tangan is not None and self.jenis != FOREWORD:
            raise ValueError(
                f"'penanda_tangan' hanya dipakai pada bagian berjenis '{FOREWORD}'; bagian ini berjenis "
                f"'{self.jenis}'. Hapus 'penanda_tangan' atau ganti jenisnya"
            )
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
    """A data file declared by a report and the indicator computed from it: the keys every kind shares."""

    nama: Annotated[str, StringConstraints(pattern=DATA_NAME_PATTERN)] = Field(
        description="Nama hasil untuk dipakai di teks, mis. ikm -> {{ ikm.nilai }}."
    )

    @field_validator("nama")
    @classmethod
    def _not_a_name_text_already_uses(cls, value: str) -> str:
        if value in RESERVED_NAMES:
            raise ValueError(
                f"nama '{value}' sudah dipakai teks laporan ({{{{ {value} }}}}); pilih nama lain, mis. {value}_data"
            )
        return value

    jenis: Text = Field(description=f"Jenis indikator: {', '.join(REGISTRY)}.")
    berkas: FileName = Field(description="Nama berkas CSV di folder laporan.")
    judul: Text | None = Field(None, description="Judul tabel/gambar; bila kosong dipakai judul bawaan indikator.")
    sumber: Text | None = Field(None, description="Sumber data, ditulis di bawah tabel dan gambar ('Sumber: ...').")
    csv: CsvFormat = Field(CsvFormat(), description="Format berkas CSV bila tidak dapat dideteksi.")
    opsi: object = Field({}, description="Pengaturan khusus indikator (lihat panduan).")


def _data_spec(kind: str) -> type[DataSpec]:
    """The data declaration of indicator `kind`: its `opsi` are that indicator's options."""
    indicator = REGISTRY[kind]
    jenis = Annotated[Literal[kind], BeforeValidator(_stripped)]  # Text strips too
    return create_model(
        f"Data_{kind}",
        __base__=DataSpec,
        __doc__=f"A data file whose indicator is {kind}.",
        jenis=(jenis, Field(description="Jenis indikator yang dihitung dari berkas ini.")),
        opsi=(
            indicator.options,
            Field({}, validate_default=True, description=f"Pengaturan {indicator.title} (lihat panduan)."),
        ),
    )


def _stripped(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


class _UnknownKind(DataSpec):
    """A data declaration whose `jenis` names no indicator: its other keys are still checked."""

    @field_validator("jenis")
    @classmethod
    def _known(cls, value: str) -> str:
        message = f"jenis data tidak dikenal '{value}'; diharapkan salah satu dari: {', '.join(sorted(REGISTRY))}."
        raise ValueError((message + suggest(value, REGISTRY)).rstrip("."))


_UNKNOWN = "?"


def _kind_of(value: object) -> str:
    """The tag of the declaration `value` is: its indicator's kind, or _UNKNOWN."""
    kind = value.get("jenis") if isinstance(value, dict) else getattr(value, "jenis", None)
    kind = _stripped(kind)
    return kind if isinstance(kind, str) and kind in REGISTRY else _UNKNOWN


DATA_SPECS: dict[str, type[DataSpec]] = {kind: _data_spec(kind) for kind in REGISTRY}

# One data declaration: the model of the indicator its `jenis` names, so that `opsi` is checked as
# the report is loaded. A declaration of an unknown kind is checked as far as it can be, and stays
# out of the editor schema, where `jenis` must be one of the kinds.
_MEMBERS = (
    *(Annotated[model, Tag(kind)] for kind, model in DATA_SPECS.items()),
    Annotated[SkipJsonSchema[_UnknownKind], Tag(_UNKNOWN)],
)
Data = Annotated[Union[_MEMBERS], Discriminator(_kind_of)]  # noqa: UP007 (a union built from the registry)


class Report(Model):
    """One evaluation report."""

    judul: Text = Field(description="Judul laporan.")
    wilayah: Text = Field(description="Nama daerah, mis. Sawahlunto.")
    program: Text = Field(description="Nama program yang dievaluasi, mis. Pembinaan ASN.")
    jenis_program: Literal[PROGRAM_KINDS] = Field(  # type: ignore[valid-type]
        "lainnya", description="Jenis program untuk penyaring di situs."
    )
    tahun: int = Field(ge=FIRST_YEAR, le=LAST_YEAR, description="Tahun anggaran program.")
    tanggal: dt.date = Field(description="Tanggal laporan, format TTTT-BB-HH.")
    status: Literal["final", "konsep"] = Field("final", description="'konsep' memberi tanda KONSEP di setiap halaman.")
    instansi: Text | None = Field(None, description="Instansi penyusun; bila kosong dipakai instansi situs.")
    ringkasan: Text | None = Field(None, description="Ringkasan satu-dua kalimat untuk indeks dan mesin pencari.")
    judul_singkat: Text | None = Field(None, description="Judul pendek untuk kepala halaman PDF.")
    kata_kunci: list[Text] = Field([], description="Kata kunci dokumen (metadata PDF).")
    logo: FileName | None = Field(None, description="Berkas gambar logo di folder laporan, untuk sampul.")
    pengesahan: Approval | None = Field(None, description="Lembar Pengesahan; bila kosong tidak dicetak.")
    data_contoh: bool = Field(
        False, description="true bila data hanya ilustrasi; ditandai 'Data contoh' di setiap halaman."
    )
    pdf: Print | None = Field(None, description="Pengaturan PDF laporan ini; yang tidak ditulis diambil dari bawaan.")
    data: list[Data] = Field([], description="Berkas data CSV dan indikator yang dihitung darinya.")
    bagian: list[Section] = Field(min_length=1, description="Bagian-bagian laporan, berurutan.")
