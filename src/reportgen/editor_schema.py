"""Turn the declarative schema into JSON Schemas, so that an editor completes keys and flags mistakes while typing.

Generated from the pydantic models of `schema`: one schema for reports.yaml, one for a report
file, in which a data declaration is one of the indicators' declarations (its `jenis` a constant,
its `opsi` that indicator's options), as loading checks it. Titles and descriptions are Indonesian.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic.json_schema import models_json_schema

from reportgen.indicators import REGISTRY
from reportgen.schema import DATA_SPECS, Report, SiteConfig

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
    options = [(REGISTRY[kind].options, "validation") for kind in REGISTRY]
    refs, top = models_json_schema([(Report, "validation"), *options], ref_template="#/$defs/{model}")
    titles = {}
    for kind, indicator in REGISTRY.items():
        name = refs[(indicator.options, "validation")]["$ref"].rpartition("/")[2]
        titles[name] = (f"Opsi indikator {kind}", f"{indicator.title}: pengaturan di bawah 'opsi:' untuk jenis {kind}.")
        titles[DATA_SPECS[kind].__name__] = (
            f"Data {kind}",
            f"Berkas data CSV untuk indikator {indicator.title} (jenis {kind}).",
        )
    return _document("Report", top["$defs"], titles)


def to_text(schema: dict[str, Any]) -> str:
    """A schema as the file holds it: stable key order, two-space indent, Indonesian text unescaped."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _document(root: str, defs: dict[str, Any], titles: dict[str, tuple[str, str]] | None = None) -> dict[str, Any]:
    titles = {**_TITLES, **(titles or {})}
    defs = _referenced(root, defs)
    for name, definition in defs.items():
        if name in titles:
            definition["title"], definition["description"] = titles[name]
        else:
            definition.pop("description", None)  # the model's English docstring: nothing an author can use
    title, description = titles[root]
    return {"$schema": DRAFT, "title": title, "description": description, "$ref": f"#/$defs/{root}", "$defs": defs}


def _referenced(root: str, defs: dict[str, Any]) -> dict[str, Any]:
    """`defs` without those nothing reaches from `root` (a union member kept out of the schema)."""
    reached, todo = set(), [root]
    while todo:
        name = todo.pop()
        if name not in reached:
            reached.add(name)
            todo.extend(re.findall(r'"#/\$defs/([^"]+)"', json.dumps(defs[name])))
    return {name: definition for name, definition in defs.items() if name in reached}
