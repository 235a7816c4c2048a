"""The JSON Schemas for editors: current, accepting every example, flagging what validation refuses."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from reportgen.cli import main
from tests.conftest import REPO

SLUGS = yaml.safe_load((REPO / "reports.yaml").read_text(encoding="utf-8"))["laporan"]


def load(path: Path) -> object:
    """A YAML file as JSON data (dates as the strings an editor sees)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def schema(name: str) -> dict:
    return json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))


def errors(data: object, name: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema(name), format_checker=jsonschema.FormatChecker())
    return sorted(e.message for e in validator.iter_errors(data))


def test_the_committed_schemas_are_what_reportgen_schema_writes(tmp_path, capsys):
    assert main(["schema", "--proyek", str(REPO), "--keluaran", str(tmp_path)]) == 0
    assert "2 skema ditulis ke " in capsys.readouterr().out
    for name in ("reports.schema.json", "laporan.schema.json"):
        assert (tmp_path / name).read_bytes() == (REPO / "schema" / name).read_bytes(), (
            f"run `reportgen schema`: {name}"
        )


@pytest.mark.parametrize("slug", SLUGS)
def test_every_example_report_is_valid_and_names_its_schema(slug):
    path = REPO / "content" / slug / "laporan.yaml"
    assert errors(load(path), "laporan.schema.json") == []
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/laporan.schema.json"
    assert (path.parent / "../../schema/laporan.schema.json").resolve().is_file()


def test_reports_yaml_is_valid_and_names_its_schema():
    assert errors(load(REPO / "reports.yaml"), "reports.schema.json") == []
    assert (
        (REPO / "reports.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=schema/reports.schema.json\n")
    )


def example() -> dict:
    return load(REPO / "content" / "sawahlunto-pembinaan" / "laporan.yaml")


def test_an_unknown_key_a_wrong_section_kind_and_a_bad_date_are_flagged():
    data = example()
    data["judull"] = "x"
    data["bagian"][0]["jenis"] = "metod"
    data["tanggal"] = "2026-13-01"
    found = errors(data, "laporan.schema.json")
    assert any("'judull' was unexpected" in e for e in found)
    assert any("'metod' is not one of" in e for e in found)
    assert any("'2026-13-01' is not a 'date'" in e for e in found)


def test_each_indicator_has_its_own_options():
    data = example()
    ikm = next(d for d in data["data"] if d["jenis"] == "ikm")
    good = copy.deepcopy(data)
    ikm["opsi"] = {"kolom_unsurr": ["U1"]}
    assert any("'kolom_unsurr' was unexpected" in e for e in errors(data, "laporan.schema.json"))
    assert errors(good, "laporan.schema.json") == []
    ikm["opsi"] = {}
    ikm["jenis"] = "ikmm"
    assert any(
        "'ikmm' is not one of ['anggaran', 'ikm', 'jp', 'prepost', 'tabel']" in e
        for e in errors(data, "laporan.schema.json")
    )


def test_titles_and_descriptions_are_indonesian():
    report = schema("laporan.schema.json")
    assert report["title"] == "Laporan evaluasi (laporan.yaml)"
    assert report["$defs"]["Section"]["title"] == "Bagian"
    assert report["$defs"]["Report"]["properties"]["bagian"]["description"] == "Bagian-bagian laporan, berurutan."
    texts = [d.get("description", "") for d in report["$defs"].values()]
    assert not any(t.startswith(("One ", "A ", "The ", "What ", "How ", "Who ")) for t in texts)
