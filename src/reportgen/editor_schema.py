"""Turn the declarative schema into JSON Schemas, so that an editor completes keys and flags mistakes while typing.

Generated from the pydantic models of `schema` and of every indicator's options: one schema for
reports.yaml, one for a report file, in which each data declaration's `opsi` is checked against
the options of the indicator its `jenis` names. Titles and descriptions are Indonesian.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import models_json_schema

from reportgen.indicators import REGISTRY
from reportgen.schema import Report, SiteConfig

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILES = {"reports.schema.json": "situs", "laporan.schema.json": "laporan"}

# The models' own names and docstrings are English; an author reads these instead.
_TITLES = {
    "SiteConfig": ("Pengaturan situs (reports.yaml)", "Pengaturan situs laporan dan daftar laporan yang dibangun."),
    "Site": ("Situs", "Pengaturan situs yang diterbitkan."),
    "Defaults": ("Bawaan", "Nilai bawaan untuk semua laporan."),
    "Print": ("Pengaturan PDF", "Kertas, margin, nomor halaman dan varian arsip PDF."),
    "Margins": ("Margin", "Margin halaman dalam sentimeter."),
    "Report": ("Laporan evaluasi (laporan.yaml)", "Satu laporan evaluasi program pengembangan ASN."),
    "Section": ("Bagian", "Satu bagian laporan: jenisnya, judul bila perlu, dan teks Markdown."),
    "DataSpec": ("Data", "Satu berkas data CSV dan indikator yang dihitung darinya."),
    "CsvFormat": ("Format CSV", "Cara berkas CSV ditulis, untuk yang tidak dapat dideteksi."),
    "Approval": ("Pengesahan", "Penanda tangan Lembar Pengesahan."),
    "TableColumn": ("Kolom tabel", "Satu kolom yang ditampilkan dari berkas CSV."),
    "Graph": ("Grafik", "Grafik yang digambar dari tabel."),
}


def schemas() -> dict[str, dict[str, Any]]:
    """Both schemas by file name."""
    return {"reports.schema.json": site_schema(), "laporan.schema.json": report_schema()}


def site_schema() -> dict[str, Any]:
    """The JSON Schema of reports.yaml."""
    _, top = models_json_schema([(SiteConfig, "validation")], ref_template="#/$defs/{model}")
    return _document("SiteConfig", top["$defs"])


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a report file, each indicator's options included."""
    pairs = [(Report, "validation"), *((indicator.options, "validation") for indicator in REGISTRY.values())]
    refs, top = models_json_schema(pairs, ref_template="#/$defs/{model}")
    defs = top["$defs"]
    kinds = sorted(REGISTRY)
    spec = defs["DataSpec"]
    spec["properties"]["jenis"] = {
        "title": "Jenis",
        "description": "Jenis indikator yang dihitung dari berkas ini.",
        "enum": kinds,
        "type": "string",
    }
    spec["allOf"] = [
        {
            "if": {"properties": {"jenis": {"const": kind}}, "required": ["jenis"]},
            "then": {"properties": {"opsi": refs[(REGISTRY[kind].options, "validation")]}},
        }
        for kind in kinds
    ]
    document = _document("Report", defs)
    for kind in kinds:
        name = refs[(REGISTRY[kind].options, "validation")]["$ref"].rpartition("/")[2]
        defs[name]["title"] = f"Opsi indikator {kind}"
        defs[name]["description"] = f"{REGISTRY[kind].title}: pengaturan di bawah 'opsi:' untuk jenis {kind}."
    return document


def to_text(schema: dict[str, Any]) -> str:
    """A schema as the file holds it: stable key order, two-space indent, Indonesian text unescaped."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _document(root: str, defs: dict[str, Any]) -> dict[str, Any]:
    for name, definition in defs.items():
        if name in _TITLES:
            definition["title"], definition["description"] = _TITLES[name]
        else:
            definition.pop("description", None)  # the model's English docstring: nothing an author can use
    title, description = _TITLES[root]
    return {"$schema": DRAFT, "title": title, "description": description, "$ref": f"#/$defs/{root}", "$defs": defs}
