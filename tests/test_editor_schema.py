"""The JSON Schemas for editors: current, accepting every example, flagging what validation refuses."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from reportgen.cli import main
from tests.conftest import MINIMAL_REPORT, REPO
from tests.test_validation import (
    BAD_KEYS_AND_TYPES,
    CUSTOM_SECTION_WITHOUT_HEADING,
    SECTION_WITHOUT_TEXT,
    SITE_KEY_TYPO,
)

SLUGS = yaml.safe_load((REPO / "reports.yaml").read_text(encoding="utf-8"))["laporan"]


def load(path: Path) -> object:
    """A YAML file as JSON data (dates as the strings an editor sees)."""
    return load_text(path.read_text(encoding="utf-8"))


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor's schema check reads it: dates stay text (so an impossible date is seen)."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_text(text: str) -> object:
    """YAML text as JSON data."""
    return yaml.load(text, Loader=_EditorLoader)


def schema(name: str) -> dict:
    return json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))


def errors(data: object, name: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema(name), format_checker=jsonschema.FormatChecker())
    return sorted(e.message for e in validator.iter_errors(data))


def reasons(data: object, name: str) -> list[str]:
    """Every error and, inside a `oneOf`, each member's own errors: what an editor shows beside the key."""
    validator = jsonschema.Draft202012Validator(schema(name), format_checker=jsonschema.FormatChecker())
    found, todo = [], list(validator.iter_errors(data))
    while todo:
        error = todo.pop()
        found.append(error.message)
        todo.extend(error.context or ())
    return sorted(found)


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


# The broken inputs of tests/test_validation.py that an editor can see without running reportgen,
# each with what the schema must flag. The others need more than the file's shape: YAML syntax and
# encoding (the editor's parser reports those), a key written twice (lost when parsed), names in
# author text and report folders (known only to a build).
BROKEN = {
    "keys and types": (
        "laporan.schema.json",
        BAD_KEYS_AND_TYPES,
        [
            "'wilayh' was unexpected",
            "[1, 2] is not of type 'string'",
            "'dua ribu' is not of type 'integer'",
            "'2026-13-01' is not a 'date'",
            "'draf' is not one of",
            "'metod' is not one of",
        ],
    ),
    "section without text": ("laporan.schema.json", SECTION_WITHOUT_TEXT, ["'teks' is a required property"]),
    "custom section without heading": (
        "laporan.schema.json",
        CUSTOM_SECTION_WITHOUT_HEADING,
        ["'judul' is a required property"],
    ),
    "site settings key typo": ("reports.schema.json", SITE_KEY_TYPO, ["'instansii' was unexpected"]),
}


@pytest.mark.parametrize("name", BROKEN)
def test_the_schema_rejects_the_broken_inputs_of_the_validation_tests(name):
    schema_file, text, expected = BROKEN[name]
    found = errors(load_text(text), schema_file)
    for fragment in expected:
        assert any(fragment in e for e in found), (fragment, found)


def test_the_valid_minimal_report_passes_the_schema():
    assert errors(load_text(MINIMAL_REPORT), "laporan.schema.json") == []


def test_each_indicator_has_its_own_options():
    data = example()
    ikm = next(d for d in data["data"] if d["jenis"] == "ikm")
    good = copy.deepcopy(data)
    ikm["opsi"] = {"kolom_unsurr": ["U1"]}
    assert any("'kolom_unsurr' was unexpected" in e for e in reasons(data, "laporan.schema.json"))
    assert errors(good, "laporan.schema.json") == []
    ikm["opsi"] = {}
    ikm["jenis"] = "ikmm"
    assert errors(data, "laporan.schema.json")
    found = reasons(data, "laporan.schema.json")
    assert all(f"'{kind}' was expected" in found for kind in ("anggaran", "ikm", "jp", "prepost", "tabel")), found
    ikm["jenis"] = "tabel"  # another kind's options are not this one's
    assert any("'kolom' is a required property" in e for e in reasons(data, "laporan.schema.json"))


def test_titles_and_descriptions_are_indonesian():
    report = schema("laporan.schema.json")
    assert report["title"] == "Laporan evaluasi (laporan.yaml)"
    assert report["$defs"]["Section"]["title"] == "Bagian"
    assert report["$defs"]["Report"]["properties"]["bagian"]["description"] == "Bagian-bagian laporan, berurutan."
    texts = [d.get("description", "") for d in report["$defs"].values()]
    assert not any(t.startswith(("One ", "A ", "The ", "What ", "How ", "Who ")) for t in texts)
