"""One report through the pipeline: load, compute, view, each format; failures told one way."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reportgen import load, names, outputs, pipeline, render
from reportgen.errors import InputError, Problem, ReportgenError
from reportgen.summary import Download, Summary
from tests.conftest import site_config
from tests.test_figures import REPORT, SURVEY


def test_with_no_format_a_report_is_checked_drawing_and_printing_nothing(project):
    project.report("uji", REPORT, files={"survei.csv": SURVEY})
    project.config(site_config("uji"))
    drawn = render.draw_chart.cache_info()
    built = pipeline.run(load.load_project(project.root), "uji")
    assert built.files == {} and built.seconds == {}
    assert built.summary.slug == "uji" and [k.key for k in built.summary.key_figures] == ["ikm"]
    assert [b.kind for b in built.view.sections[0].blocks if b.kind != "teks"] == ["tabel", "gambar", "tabel"]
    assert render.draw_chart.cache_info() == drawn


def test_the_authors_problems_are_told_as_they_are():
    problems = (Problem(Path("content/uji/survei.csv"), "sel kosong", 3, 2),)
    try:
        raise InputError(problems)
    except InputError as err:
        assert pipeline.failure(err, Path("content/uji/laporan.yaml")) == pipeline.Failure(problems)


def test_a_reportgen_error_is_one_line_at_the_report_file(tmp_path):
    report = tmp_path / "content/uji/laporan.yaml"
    try:
        raise ReportgenError("templat hilang")
    except ReportgenError as err:
        failure = pipeline.failure(err, report)
    assert failure == pipeline.Failure((Problem(report.resolve(), "templat hilang"),))  # absolute: the CLI shortens


def test_any_other_exception_is_an_internal_error_with_its_traceback(tmp_path):
    def compute() -> None:
        raise ZeroDivisionError("division by zero")

    try:
        compute()
    except ZeroDivisionError as err:
        failure = pipeline.failure(err, tmp_path / "content/uji/laporan.yaml")
    (problem,) = failure.problems
    shown = problem.relative_to(tmp_path).render()
    assert shown == "content/uji/laporan.yaml: kesalahan internal (ZeroDivisionError: division by zero)"
    assert "in compute\n" in failure.traceback and failure.traceback.endswith("ZeroDivisionError: division by zero\n")


def test_check_and_build_tell_a_failure_the_same_way(project):
    project.report("uji", REPORT.replace("survei.csv", "tidak-ada.csv"), files={"survei.csv": SURVEY})
    project.config(site_config("uji"))
    checked, built = project.run("check"), project.run("build", "--tanpa-pdf")
    assert checked[0] == built[0] == 1
    line = "content/uji/laporan.yaml:10:13: data[1].berkas:"
    assert line in checked[2] and line in built[2], (checked[2], built[2])


def test_each_format_asked_for_and_the_downloads_the_page_links(project):
    project.report("uji", REPORT, files={"survei.csv": SURVEY})
    project.config(site_config("uji"))
    env = render.page_environment(project.root / "templates")
    env.globals["assets"] = {name: f"assets/{name}" for name in names.ASSETS}
    page_only = pipeline.run(load.load_project(project.root), "uji", env, ("web",))
    assert list(page_only.files) == ["uji/index.html"] and page_only.summary.downloads == ()
    assert "PDF belum dibangun" in page_only.files["uji/index.html"].decode()
    built = pipeline.run(load.load_project(project.root), "uji", env, outputs.ALL)
    pdf = built.files["uji/uji.pdf"]
    assert list(built.files) == ["uji/uji.pdf", "uji/index.html"] and pdf.startswith(b"%PDF-")
    assert built.summary.downloads == (Download("pdf", "uji.pdf", len(pdf)),)
    assert '<a class="download" href="uji.pdf" download>Unduh PDF (' in built.files["uji/index.html"].decode()
    assert set(built.seconds) == {"web", "pdf"}


@pytest.mark.parametrize(
    ("download", "field"),
    [
        (dict(format="pdf", name="lain.pdf", size=1), "downloads.name"),
        (dict(format="pdf", name="uji.html", size=1), "downloads.name"),
        (dict(format="web", name="uji.html", size=1), "downloads.format"),  # the page is no download
        (dict(format="docx", name="uji.docx", size=1), "downloads.format"),
        (dict(format="pdf", name="uji.pdf", size=-1), "downloads.size"),
        (dict(format="pdf", name="uji.pdf", size="1"), "downloads.size"),
    ],
)
def test_a_summary_lists_only_downloads_of_known_formats_named_for_the_report(download, field):
    fields = dict(judul="J", wilayah="W", program="P", jenis_program="pelatihan", tahun=2026, status="final")
    common = dict(slug="uji", tanggal=dt.date(2026, 1, 1), data_contoh=False, agency="A", **fields)
    with pytest.raises(ValueError, match=f"ringkasan tidak sah: {field} ="):
        Summary(**common, downloads=(Download(**download),))
    good = Summary(**common, downloads=(Download("pdf", "uji.pdf", 3),))
    assert Summary.from_json(json.loads(json.dumps(good.to_json()))) == good
