"""Sharded builds: each machine builds a stable share of the reports, one assemble publishes them all."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.engine import shard
from reportgen.engine.publish import lock
from tests.conftest import MINIMAL_REPORT, REPO, site_config
from tests.test_engine import site_files, titled

SLUGS = ("aceh", "bali", "jambi")  # shard 1/2: aceh and bali; 2/2: jambi


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def make(project, *slugs: str) -> None:
    for slug in slugs:
        project.report(slug, titled(f"Laporan {slug.capitalize()}"))
    project.config(site_config(*slugs))


def shards(project, count: int = 2, *extra: str) -> list[str]:
    """Build shards 1..count of `project` without PDFs into s1, s2, ...; returns their folder names."""
    folders = []
    for index in range(1, count + 1):
        code, _out, err = project.run(
            "build", "--shard", f"{index}/{count}", "--keluaran", f"s{index}", "--tanpa-pdf", *extra
        )
        assert code == 0, err
        folders.append(f"s{index}")
    return folders


def everything(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, hidden ones included (the lock, the site record)."""
    return site_files(folder) if folder.exists() else {}


# --- choosing --------------------------------------------------------------------------------


def test_a_reports_shard_depends_on_its_slug_only():
    slugs = [f"kabupaten-{n}" for n in range(200)]
    before = {slug: shard.shard_of(slug, 4) for slug in slugs}
    assert {slug: shard.shard_of(slug, 4) for slug in [*slugs, "kota-baru"]}.items() >= before.items()
    parts = [shard.select(slugs, shard.Shard(k, 4)) for k in range(1, 5)]
    assert sorted(s for part in parts for s in part) == sorted(slugs) and all(30 <= len(p) <= 70 for p in parts)
    assert [shard.shard_of(s, 2) for s in SLUGS] == [1, 1, 2]


@pytest.mark.parametrize("value", ["0/2", "3/2", "a/b", "2", "1/0"])
def test_a_bad_shard_is_an_indonesian_usage_error(value):
    code, out, err = cli("build", "--shard", value)
    assert (code, out) == (2, "")
    assert err == (
        f"reportgen: kesalahan penggunaan: argumen --shard: diharapkan K/N dengan 1 ≤ K ≤ N, mis. 1/4; "
        f"ditemukan '{value}'\nKetik 'reportgen --help' untuk bantuan.\n"
    )


# --- the same site as one machine's ------------------------------------------------------------


def test_assembled_shards_are_byte_identical_to_a_single_machine_build(examples, tmp_path):
    """The example reports with PDFs, each shard rendered afresh; Pagefind's index is compared too."""
    for index in (1, 2):
        argv = ["build", "--proyek", str(REPO), "--shard", f"{index}/2", "--keluaran", str(tmp_path / f"s{index}")]
        assert cli(*argv, "--tembolok", str(tmp_path / f"cache{index}"))[0] == 0
    argv = ["assemble", str(tmp_path / "s1"), str(tmp_path / "s2"), "--proyek", str(REPO)]
    code, out, err = cli(*argv, "--keluaran", str(tmp_path / "out"))
    assert code == 0, err
    assert out.startswith("5 laporan dirakit dari 2 shard. Situs: ")
    single, assembled = site_files(examples), site_files(tmp_path / "out/site")
    assert sorted(assembled) == sorted(single)
    assert [path for path in single if single[path] != assembled[path]] == []
    assert len([p for p in single if p.endswith(".pdf")]) == 5 and any(p.startswith("pagefind/") for p in single)


def test_a_shard_built_on_another_machine_with_the_shared_cache_renders_nothing(project, tmp_path):
    make(project, *SLUGS)
    code, out, _err = project.run("build", "--shard", "1/2", "--keluaran", "a", "--tembolok", "ci-cache")
    assert code == 0 and out.startswith("2 laporan: 2 akan dibangun.")
    elsewhere = tmp_path / "mesin-lain"  # another checkout of the same project, the CI cache restored into it
    shutil.copytree(project.root / "content", elsewhere / "content")
    shutil.copytree(project.root / "templates", elsewhere / "templates")
    shutil.copy(project.root / "reports.yaml", elsewhere)
    argv = ["--proyek", str(elsewhere), "--tembolok", str(tmp_path / "ci-cache"), "--keluaran", str(tmp_path / "b")]
    code, out, _err = cli("build", "--shard", "1/2", *argv)
    assert code == 0
    assert out.splitlines() == ["2 laporan: 0 akan dibangun, 2 dari tembolok.", out.splitlines()[1]]
    assert "2 dari tembolok. Keluaran shard 1/2: " in out
    assert everything(tmp_path / "a") == everything(tmp_path / "b")


def test_a_shard_output_describes_itself(project):
    make(project, *SLUGS)
    (folder,) = shards(project, 1)
    manifest = json.loads((project.root / folder / "shard.json").read_text(encoding="utf-8"))
    assert (manifest["shard"], manifest["shards"], manifest["laporan"]) == (1, 1, list(SLUGS))
    assert manifest["laporan_shard"] == list(SLUGS) and manifest["failed"] == {}
    assert {"templates/index.html", "settings", "reportgen", "reportgen-code", "formats"} <= manifest["inputs"].keys()
    assert manifest["reports"]["aceh"]["summary"]["judul"] == "Laporan Aceh"
    assert sorted(manifest["reports"]["aceh"]["files"]) == [
        "aceh/index.html",
        *sorted(p for p in site_files(project.root / folder / "site") if p.startswith("assets/")),
    ]


def test_assemble_replaces_a_published_site_and_a_later_build_goes_on_from_it(project):
    make(project, *SLUGS)
    assert project.run("build", "--tanpa-pdf")[0] == 0  # a site published by one machine, earlier
    project.report("jambi", titled("Laporan Jambi Edisi Dua"))
    s1, s2 = shards(project)
    code, out, err = project.run("assemble", s1, s2)
    assert code == 0, err
    assert out.startswith("3 laporan dirakit dari 2 shard. Situs: output/site (")
    site = project.root / "output/site"
    assert "Laporan Jambi Edisi Dua" in (site / "index.html").read_text(encoding="utf-8")
    assembled = site_files(site)
    code, out, _err = project.run("build", "--tanpa-pdf")
    assert code == 0 and out.startswith("3 laporan: 0 akan dibangun, 3 dari tembolok.")
    assert site_files(site) == assembled


# --- refused, naming the shards, the output untouched -----------------------------------------


def assemble_refused(project, *folders: str) -> list[str]:
    """Assemble into output/ (a site already published there); returns the error lines, checks nothing moved."""
    before = everything(project.root / "output")
    code, out, err = project.run("assemble", *folders)
    assert (code, out) == (1, "") and "Traceback" not in err
    assert everything(project.root / "output") == before
    return err.splitlines()


def test_missing_repeated_or_foreign_shards_are_refused(project):
    make(project, *SLUGS)
    s1, s2 = shards(project)
    assert project.run("assemble", s1, s2)[0] == 0
    with lock(project.root / "output"):  # a build or another assemble publishing meanwhile
        (line,) = assemble_refused(project, s1, s2)
    assert line.startswith("reportgen: build lain sedang berjalan dengan folder keluaran ")
    assert assemble_refused(project, s1) == ["reportgen: shard 2/2 tidak ada di antara folder yang diberikan"]
    assert assemble_refused(project, s1, s1, s2) == ["reportgen: shard 1/2 diberikan lebih dari sekali: s1, s1"]
    assert assemble_refused(project, s1, "content", "hilang") == [
        "reportgen: content: bukan keluaran shard (tidak ada shard.json); "
        "buat dengan: reportgen build --shard K/N --keluaran content",
        "reportgen: hilang: bukan keluaran shard (folder tidak ada); "
        "buat dengan: reportgen build --shard K/N --keluaran hilang",
    ]
    code, _out, err = project.run("build", "--shard", "1/3", "--keluaran", "s1-dari-3", "--tanpa-pdf")
    assert code == 0, err
    assert assemble_refused(project, "s1-dari-3", s2) == [
        "reportgen: s2 (shard 2/2): jumlah shard 2, s1-dari-3 (shard 1/3) 3"
    ]


def test_shards_from_other_inputs_or_another_reportgen_are_refused(project):
    make(project, *SLUGS)
    s1, s2 = shards(project)
    index = project.root / "templates/index.html"
    index.write_text(index.read_text(encoding="utf-8") + "\n{# ubah #}\n", encoding="utf-8")
    code, _out, err = project.run("build", "--shard", "2/2", "--keluaran", "s2-baru", "--tanpa-pdf")
    assert code == 0, err
    assert assemble_refused(project, s1, "s2-baru") == [
        "reportgen: s2-baru (shard 2/2): dibangun dari masukan lain daripada s1 (shard 1/2); "
        "berbeda: templates/index.html"
    ]
    # the project's template is not the one the shards were built with
    assert assemble_refused(project, s1, s2) == [
        "reportgen: proyek dan reportgen ini berbeda dengan yang membangun s1 (shard 1/2); berbeda: "
        "templates/index.html. Rakit dengan proyek dan versi yang sama, atau bangun ulang shard"
    ]
    manifest = project.root / s2 / "shard.json"  # as another release of reportgen would have written it
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["inputs"].update({"reportgen": "0.0.9", "reportgen-code": "0" * 64})
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert assemble_refused(project, s1, s2) == [
        "reportgen: s2 (shard 2/2): dibangun dari masukan lain daripada s1 (shard 1/2); "
        "berbeda: reportgen, reportgen-code"
    ]


def test_a_damaged_shard_file_is_refused(project):
    make(project, *SLUGS)
    s1, s2 = shards(project)
    page = project.root / s2 / "site/jambi/index.html"
    page.write_bytes(page.read_bytes().replace(b"Laporan Jambi", b"Laporan Palsu"))
    (project.root / s1 / "site/bali/index.html").unlink()
    assert assemble_refused(project, s1, s2) == [
        "reportgen: s1/site/bali/index.html: tidak ada, padahal tercatat di s1/shard.json",
        "reportgen: s2/site/jambi/index.html: isinya tidak sesuai dengan s2/shard.json (rusak/diubah)",
    ]
    (project.root / s1 / "shard.json").write_text("{", encoding="utf-8")
    (line,) = assemble_refused(project, s1, s2)
    assert line.startswith("reportgen: s1/shard.json: rusak atau bukan keluaran shard reportgen ini (JSONDecodeError: ")


def test_a_failed_report_fails_its_shard_and_assemble_refuses_it(project):
    make(project, *SLUGS)
    s1, s2 = shards(project)
    assert project.run("assemble", s1, s2)[0] == 0
    project.report("jambi", titled("Laporan Jambi").replace("tahun: 2026", "tahun: duaribu"))
    code, _out, err = project.run("build", "--shard", "2/2", "--keluaran", s2, "--tanpa-pdf")
    assert code == 1
    assert "✗ laporan 'jambi' gagal:\ncontent/jambi/laporan.yaml:4:8: tahun:" in err
    assert "  Kegagalannya dicatat di keluaran shard; 'reportgen assemble' menolaknya sampai diperbaiki.\n" in err
    (line,) = assemble_refused(project, s1, s2)
    assert line.startswith(
        "reportgen: s2 (shard 2/2): laporan 'jambi' gagal dibangun (content/jambi/laporan.yaml:4:8: "
    )
    assert line.endswith("); perbaiki, lalu bangun ulang shard")


def test_a_shard_is_never_written_over_a_published_site_nor_a_site_into_a_shard(project):
    make(project, *SLUGS)
    s1, s2 = shards(project)
    assert project.run("build", "--tanpa-pdf")[0] == 0
    before = everything(project.root / "output")
    code, _out, err = project.run("build", "--shard", "1/2", "--keluaran", "output", "--tanpa-pdf")
    assert code == 1 and everything(project.root / "output") == before
    assert err == "reportgen: output berisi situs hasil build; pilih folder lain untuk keluaran shard\n"
    code, _out, err = project.run("build", "--keluaran", s2, "--tanpa-pdf")
    assert (code, err) == (1, "reportgen: s2 adalah keluaran shard; pilih folder lain untuk situs\n")
    code, _out, err = project.run("assemble", s1, s2, "--keluaran", s1)
    assert code == 1
    assert err == "reportgen: s1: folder keluaran ini adalah keluaran shard; pilih folder lain dengan --keluaran\n"


def test_a_report_built_from_other_files_than_the_projects_is_refused(project):
    make(project, *SLUGS)
    s1, s2 = shards(project)
    project.report("jambi", titled("Laporan Jambi Sudah Diubah"))
    assert assemble_refused(project, s1, s2) == [
        "reportgen: s2 (shard 2/2): 1 laporan dibangun dari isi yang berbeda dengan folder content/ proyek ini: "
        "jambi. Rakit dengan proyek yang sama, atau bangun ulang shard"
    ]


def test_the_reports_list_must_match_the_project(project):
    make(project, *SLUGS)
    s1, s2 = shards(project)
    project.report("riau", MINIMAL_REPORT)
    project.config(site_config("aceh", "bali", "riau"))
    assert assemble_refused(project, s1, s2) == [
        "reportgen: reports.yaml: daftar laporan berbeda dengan s1 (shard 1/2); "
        "tidak ada di shard: riau; tidak ada di reports.yaml: jambi"
    ]


def test_assemble_imports_neither_the_pdf_renderer_nor_pandas(project):
    make(project, *SLUGS)
    folders = shards(project)
    code = (
        "import sys; from reportgen.cli import main; "
        f"code = main(['assemble', *{folders!r}, '--proyek', {str(project.root)!r}, '-q']); "
        "print(code, sorted(m for m in ('weasyprint', 'pandas', 'scipy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=project.root)
    assert done.stdout.splitlines()[-1] == "0 []", done.stderr
