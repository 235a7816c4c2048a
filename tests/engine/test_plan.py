"""The plan with literal project folders: which files are a report's inputs, and what changes its key."""

from __future__ import annotations

import os
import shutil

from reportgen.engine import plan
from tests.conftest import REPO

SHARED = plan.Shared((("settings", "s" * 64), ("reportgen", "0.1.0")))


def folder(root, slug: str = "satu", files: dict[str, bytes] | None = None):
    content = root / "content" / slug
    content.mkdir(parents=True, exist_ok=True)
    for name, data in (files or {"laporan.yaml": b"judul: Uji\n", "peserta.csv": b"nip;nama\n1;A\n"}).items():
        (content / name).write_bytes(data)
    return content


def key(root, slug: str = "satu", formats=("web", "pdf")) -> str:
    (job,) = plan.plan(root, plan.scan(root, [slug]), SHARED, formats=formats)
    return job.key


def test_a_report_s_inputs_are_its_files_by_path_and_content(tmp_path):
    (folder(tmp_path) / "data").mkdir()
    (tmp_path / "content/satu/data/b.csv").write_bytes(b"b")
    inputs = dict(plan.report_inputs(tmp_path, "satu"))
    assert sorted(inputs) == ["content/satu/data/b.csv", "content/satu/laporan.yaml", "content/satu/peserta.csv"]
    assert inputs["content/satu/laporan.yaml"] == plan.file_digest(tmp_path / "content/satu/laporan.yaml")


def test_editor_files_and_hidden_files_are_not_inputs(tmp_path):
    content = folder(tmp_path)
    before = key(tmp_path)
    for name in ("~$laporan.docx", ".~lock.peserta.csv#", "lu1234.tmp", "laporan.yaml~", ".hidden"):
        (content / name).write_bytes(b"x")
    assert key(tmp_path) == before


def test_the_key_follows_content_not_times(tmp_path):
    content = folder(tmp_path)
    before = key(tmp_path)
    os.utime(content / "peserta.csv", (0, 0))
    assert key(tmp_path) == before
    (content / "peserta.csv").write_bytes(b"nip;nama\n1;B\n")
    assert key(tmp_path) != before


def test_the_key_follows_the_formats_shared_inputs_and_the_place_of_a_file(tmp_path):
    content = folder(tmp_path)
    both = key(tmp_path)
    assert key(tmp_path, formats=("web",)) != both
    assert key(tmp_path, formats=("pdf", "web")) == both  # a set of formats, in registry order
    (job,) = plan.plan(tmp_path, plan.scan(tmp_path, ["satu"]), plan.Shared(()), formats=("web", "pdf"))
    assert job.key != both
    (content / "sub").mkdir()
    shutil.move(content / "peserta.csv", content / "sub/peserta.csv")
    assert key(tmp_path) != both


def test_the_same_project_gives_the_same_keys_in_another_folder(tmp_path):
    for where in ("a", "b"):
        folder(tmp_path / where)
    assert key(tmp_path / "a") == key(tmp_path / "b")


def test_shared_inputs_name_every_template_the_report_pages_reach(tmp_path):
    shared = plan.shared_inputs(REPO, {"judul": "x"}, machine=())
    templates = {what for what, _ in shared.inputs if what.startswith("templates/")}
    assert {"templates/report.html", "templates/print.html", "templates/print.css", "templates/base.html"} <= templates
    assert "templates/index.html" not in templates  # a shared page: changing it renders no report again
