"""`reportgen new`: a report that passes check and builds at once, reports.yaml edited in place."""

from __future__ import annotations

import shutil

import yaml

from reportgen.schema import STANDARD_KINDS
from tests.conftest import REPO
from tests.test_editor_schema import errors, load


def copy_examples(project) -> str:
    for name in ("reports.yaml", "content", "schema"):
        source, target = REPO / name, project.root / name
        shutil.copytree(source, target) if source.is_dir() else shutil.copy(source, target)
    return (project.root / "reports.yaml").read_text(encoding="utf-8")


def test_a_new_report_passes_check_and_builds_at_once(project):
    before = copy_examples(project)
    code, out, err = project.run("new", "padang-pelatihan", "--jenis-program", "pelatihan")
    assert (code, err) == (0, "")
    assert out == (
        "Laporan baru: content/padang-pelatihan/laporan.yaml, terdaftar di reports.yaml.\n"
        "Sunting berkas itu, lalu: reportgen build padang-pelatihan\n"
    )
    # reports.yaml: the same bytes, comments and all, with one line added to the list
    assert (project.root / "reports.yaml").read_text(encoding="utf-8") == before + "  - padang-pelatihan\n"
    assert project.run("check", "padang-pelatihan") == (0, "1 laporan diperiksa.\n", "")
    assert project.run("build", "padang-pelatihan", "--tanpa-pdf")[0] == 0
    page = (project.root / "output/site/padang-pelatihan/index.html").read_text(encoding="utf-8")
    assert "Evaluasi Program Pengembangan ASN di Padang" in page and "KONSEP" in page


def test_the_scaffold_has_every_section_kind_and_points_at_the_schema(project):
    copy_examples(project)
    project.run("new", "kupang-pembinaan", "--wilayah", "Kota Kupang", "--tahun", "2027")
    path = project.root / "content/kupang-pembinaan/laporan.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/laporan.schema.json\n")
    data = yaml.safe_load(text)
    assert [s["jenis"] for s in data["bagian"]] == list(STANDARD_KINDS)
    assert (data["wilayah"], data["tahun"], data["status"], data["jenis_program"]) == (
        "Kota Kupang",
        2027,
        "konsep",
        "lainnya",
    )
    assert "#   - nama: ikm" in text  # a data declaration to copy
    assert errors(load(path), "laporan.schema.json") == []


def test_an_existing_report_is_never_overwritten(project):
    before = copy_examples(project)
    path = project.root / "content/sawahlunto-pembinaan/laporan.yaml"
    original = path.read_bytes()
    code, _out, err = project.run("new", "sawahlunto-pembinaan")
    assert code == 1
    assert err == (
        "content/sawahlunto-pembinaan/laporan.yaml: folder content/sawahlunto-pembinaan/ sudah ada; "
        "laporan yang ada tidak ditimpa. Pilih nama lain\n"
    )
    assert path.read_bytes() == original
    assert (project.root / "reports.yaml").read_text(encoding="utf-8") == before


def test_a_name_that_is_not_a_slug_is_refused(project):
    copy_examples(project)
    code, _out, err = project.run("new", "Padang Pelatihan")
    assert code == 1
    assert "nama laporan 'Padang Pelatihan' tidak valid; diharapkan huruf kecil, angka dan tanda hubung" in err
    assert not (project.root / "content/Padang Pelatihan").exists()
