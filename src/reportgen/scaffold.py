"""Turn a new report's name and a few facts into its first laporan.yaml, and list it in reports.yaml.

The scaffold holds every standard section kind with a short Indonesian note on what belongs
there, a commented example of a data declaration, the fields the site uses, and the line that
points an editor at the JSON Schema. reports.yaml is edited round-trip (ruamel.yaml), so its
comments, order and quoting stay as the author wrote them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import InputError, Problem
from reportgen.load import CONFIG_FILE, REPORT_FILE
from reportgen.schema import PROGRAM_KINDS

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# (kind, what belongs there, the placeholder text)
SECTIONS = (
    ("pendahuluan", "Latar belakang program dan alasan evaluasi dilakukan.", "Tuliskan latar belakang program"),
    ("tujuan", "Tujuan program yang dievaluasi.", "Tuliskan tujuan program"),
    ("metode", "Cara evaluasi: instrumen, responden, waktu, data yang dipakai.", "Tuliskan metode evaluasi"),
    ("temuan", "Hasil evaluasi: angka, tabel dan grafik dari data (lihat 'data:' di atas).", "Tuliskan hasil evaluasi"),
    ("tantangan", "Kendala dalam pelaksanaan program.", "Tuliskan tantangan yang dihadapi"),
    ("rekomendasi", "Saran untuk program berikutnya; hapus bagian ini bila tidak ada.", "Tuliskan rekomendasi"),
    ("kesimpulan", "Ringkasan hasil evaluasi.", "Tuliskan kesimpulan"),
)


@dataclass(frozen=True)
class NewReport:
    """What the author says of a report not written yet."""

    slug: str
    wilayah: str
    program: str
    jenis_program: str
    tahun: int
    tanggal: dt.date


def defaults(slug: str, today: dt.date) -> NewReport:
    """A report named `slug` with placeholders that pass validation: the region from the name's first word."""
    return NewReport(slug, slug.split("-")[0].capitalize(), "Program Pengembangan ASN", "lainnya", today.year, today)


def report_text(new: NewReport) -> str:
    """The scaffold's laporan.yaml."""
    title = f"Evaluasi {new.program} di {new.wilayah}"
    lines = [
        "# yaml-language-server: $schema=../../schema/laporan.schema.json",
        f"# Laporan evaluasi: {title}",
        "# Setiap kunci dijelaskan di docs/panduan-penulis.md; editor dengan ekstensi YAML menampilkannya.",
        f"judul: {_quoted(title)}",
        f"wilayah: {_quoted(new.wilayah)}",
        f"program: {_quoted(new.program)}",
        f"jenis_program: {new.jenis_program}  # {', '.join(PROGRAM_KINDS)}",
        f"tahun: {new.tahun}",
        f"tanggal: {new.tanggal.isoformat()}",
        "status: konsep  # ganti menjadi final setelah laporan disahkan",
        "# ringkasan: Satu atau dua kalimat untuk daftar laporan dan mesin pencari.",
        "",
        "# Data dari berkas CSV di folder ini, mis. survei kepuasan masyarakat (lihat panduan):",
        "# data:",
        "#   - nama: ikm",
        "#     jenis: ikm",
        "#     berkas: survei-ikm.csv",
        f"#     sumber: Survei Kepuasan Masyarakat, {new.tahun}",
        "# lalu di teks: {{ ikm.nilai }}, {{ tabel('ikm.unsur') }}, {{ gambar('ikm.unsur') }}",
        "",
        "bagian:",
    ]
    for kind, note, placeholder in SECTIONS:
        lines += [
            f"  - jenis: {kind}",
            f"    # {note}",
            "    teks: |",
            f"      {placeholder} untuk {{{{ program }}}} di {{{{ wilayah }}}} tahun {{{{ tahun }}}}.",
        ]
    return "\n".join(lines) + "\n"


def add_to_config(text: str, slug: str) -> str:
    """reports.yaml with `slug` appended to `laporan:`, comments and order kept; unchanged if listed."""
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the author's long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    if slug in data["laporan"]:
        return text
    data["laporan"].append(slug)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def check_new(root: Path, slug: str) -> None:
    """InputError when `slug` is not a valid name or its folder exists already."""
    folder = Path("content") / slug
    if not SLUG.fullmatch(slug):
        message = (
            f"nama laporan '{slug}' tidak valid; diharapkan huruf kecil, angka dan tanda hubung, mis. padang-pelatihan"
        )
        raise InputError([Problem(folder, message)])
    if (root / folder).exists():
        message = f"folder {folder.as_posix()}/ sudah ada; laporan yang ada tidak ditimpa. Pilih nama lain"
        raise InputError([Problem(folder / REPORT_FILE, message)])
    if not (root / CONFIG_FILE).is_file():
        raise InputError([Problem(Path(CONFIG_FILE), f"berkas {CONFIG_FILE} tidak ditemukan di {root}")])


def _quoted(text: str) -> str:
    """`text` as a YAML scalar: plain when safe, double-quoted when it holds YAML's special characters."""
    if re.fullmatch(r"[\w][\w .,/()'-]*", text) and not text.endswith(" "):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
