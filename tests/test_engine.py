"""The build engine end to end: cache, incremental and parallel builds, failures, the site kept whole."""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reportgen import outputs
from reportgen.engine import build, crashpoint, plan, schedule
from reportgen.engine.outcome import BUILT, CACHED, FAILED, KEPT, Outcome, Progress
from tests.conftest import MINIMAL_REPORT, REPO, site_config

FINDINGS = (
    "  - jenis: temuan\n    teks: |\n      Peserta {{ peserta.baris }} angkatan.\n\n"
    "      {{ tabel('peserta.tabel') }}\n"
)
DATA_REPORT = MINIMAL_REPORT.replace("  - jenis: kesimpulan\n", FINDINGS + "  - jenis: kesimpulan\n") + (
    "data:\n  - nama: peserta\n    jenis: tabel\n    berkas: peserta.csv\n"
    "    opsi:\n      kolom:\n        - nama: angkatan\n        - nama: jumlah\n          format: bulat\n"
)
CSV = "angkatan;jumlah\nI;30\nII;28\n"


def titled(title: str, text: str = MINIMAL_REPORT) -> str:
    return text.replace("judul: Evaluasi Program Uji", f"judul: {title}")


def make(project, *slugs: str) -> None:
    for slug in slugs:
        project.report(slug, titled(f"Laporan {slug.capitalize()}"))
    project.config(site_config(*slugs))


def run(project, **options) -> Outcome:
    return build.build(project.root, project.root / "output", build.Options(**options))


def statuses(outcome: Outcome) -> dict[str, str]:
    return {r.slug: r.status for r in outcome.reports}


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def search_urls(site: Path) -> set[str]:
    """The page addresses Pagefind's index holds (its fragments are gzipped JSON after a signature)."""
    urls = set()
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(raw[raw.index(b"{") :])["url"])
    return urls


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --- incremental ------------------------------------------------------------------------------


def test_a_rebuild_with_nothing_changed_renders_nothing(project):
    make(project, "satu", "dua")
    first = run(project)
    before = site_files(project.root / "output/site")
    again = run(project)
    assert statuses(first) == {"satu": BUILT, "dua": BUILT}
    assert again.unchanged and again.count(BUILT) == 0
    assert site_files(project.root / "output/site") == before


def test_editing_one_report_renders_only_it_and_the_shared_pages(project):
    make(project, "satu", "dua", "tiga")
    run(project)
    project.report("dua", titled("Judul Dua yang Baru"))
    outcome = run(project)
    assert statuses(outcome) == {"satu": CACHED, "dua": BUILT, "tiga": CACHED}
    assert "Judul Dua yang Baru" in text(project.root / "output/site/index.html")


def test_editing_a_csv_renders_its_report_again(project):
    project.report("data", DATA_REPORT, files={"peserta.csv": CSV})
    project.report("polos")
    project.config(site_config("data", "polos"))
    run(project)
    (project.root / "content/data/peserta.csv").write_text(CSV.replace("30", "31"), encoding="utf-8")
    outcome = run(project)
    assert statuses(outcome) == {"data": BUILT, "polos": CACHED}
    assert ">31<" in text(project.root / "output/site/data/index.html")


@pytest.mark.parametrize(
    ("change", "renders"),
    [
        ("templates/report.html", True),  # a report template: every report
        ("templates/print.css", True),  # the print stylesheet: every report
        ("templates/web.css", True),  # an asset: its fingerprinted name is in every page
        ("templates/index.html", False),  # only the index: no report
        ("templates/rekapitulasi.html", False),
    ],
)
def test_a_template_change_renders_what_depends_on_it(project, change, renders):
    make(project, "satu", "dua")
    run(project)
    path = project.root / change
    path.write_text(text(path) + ("\n/* ubah */\n" if change.endswith(".css") else "\n{# ubah #}\n"), encoding="utf-8")
    outcome = run(project)
    assert not outcome.unchanged
    assert outcome.count(BUILT) == (2 if renders else 0)


def test_a_site_setting_renders_every_report_but_a_new_report_only_itself(project):
    make(project, "satu", "dua")
    run(project)
    project.report("tiga", titled("Laporan Tiga"))
    project.config(site_config("satu", "dua", "tiga"))
    assert statuses(run(project)) == {"satu": CACHED, "dua": CACHED, "tiga": BUILT}
    project.config(site_config("satu", "dua", "tiga").replace("Situs Uji", "Situs Uji Baru"))
    assert run(project).count(BUILT) == 3


def test_bersih_ignores_the_cache(project):
    make(project, "satu")
    run(project)
    assert statuses(run(project, fresh=True)) == {"satu": BUILT}


def test_the_job_key_lists_every_input(project):
    project.report("data", DATA_REPORT, files={"peserta.csv": CSV})
    project.config(site_config("data"))
    shared = plan.shared_inputs(project.root, {"situs": {"judul": "x"}})
    (job,) = plan.plan(project.root, plan.scan(project.root, ["data"]), shared, formats=outputs.ALL)
    named = [what for what, _ in job.inputs]
    assert named[:2] == ["content/data/laporan.yaml", "content/data/peserta.csv"]
    assert {"templates/report.html", "templates/base.html", "templates/print.html", "templates/print.css"} <= set(named)
    assert "templates/index.html" not in named
    assert {"settings", "reportgen", "reportgen-code", "weasyprint", "jinja2"} <= set(named)


# --- the cache --------------------------------------------------------------------------------


def _damage_blob(cache: Path) -> None:
    blob = max((p for p in (cache / "blobs").rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    blob.write_bytes(blob.read_bytes()[: blob.stat().st_size // 2])  # truncated


def _flip_blob(cache: Path) -> None:
    blob = next(p for p in (cache / "blobs").rglob("*") if p.is_file())
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0xFF
    blob.write_bytes(bytes(data))


def _garble_entry(cache: Path) -> None:
    entry = next((cache / "entries").rglob("*.json"))
    entry.write_bytes(entry.read_bytes()[:100])


def _foreign_entry(cache: Path) -> None:
    entry = next((cache / "entries").rglob("*.json"))
    data = json.loads(entry.read_bytes())
    data["key"] = "0" * 64  # another job's entry under this job's name
    entry.write_text(json.dumps(data), encoding="utf-8")


def _edited_summary(cache: Path) -> None:
    entry = next((cache / "entries").rglob("*.json"))
    entry.write_text(text(entry).replace("Laporan Satu", "Laporan Palsu"), encoding="utf-8")


@pytest.mark.parametrize("damage", [_damage_blob, _flip_blob, _garble_entry, _foreign_entry, _edited_summary])
def test_a_damaged_cache_entry_is_rebuilt_never_served(project, damage):
    make(project, "satu")
    run(project)
    good = site_files(project.root / "output/site")
    shutil.rmtree(project.root / "output")  # no published site to fall back on
    damage(project.root / ".cache/reportgen")
    outcome = run(project)
    assert statuses(outcome) == {"satu": BUILT}
    assert site_files(project.root / "output/site") == good


# --- parallel ---------------------------------------------------------------------------------


def test_one_and_two_workers_give_the_same_bytes(tmp_path):
    sites = []
    for workers in (1, 2):
        out = tmp_path / f"j{workers}"
        options = build.Options(workers=workers, cache=tmp_path / f"cache{workers}")
        outcome = build.build(REPO, out, options)
        assert outcome.ok and outcome.count(BUILT) == len(outcome.reports) == 5
        sites.append(site_files(out / "site"))
    assert sites[0].keys() == sites[1].keys()
    assert [name for name in sites[0] if sites[0][name] != sites[1][name]] == []


def test_a_crashed_worker_fails_only_its_report(project):
    make(project, "satu", "dua")
    shared = plan.shared_inputs(project.root, {})
    jobs = plan.plan(project.root, plan.scan(project.root, ["satu", "dua"]), shared, formats=("web",))
    results = {}

    def kill_first(job):
        if not results:  # the job is the worker's as soon as it was sent
            results["killed"] = job.slug
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)

    schedule.run(jobs, 1, started=kill_first, finished=lambda result: results.update({result.slug: result}))
    assert results["killed"] == "satu"
    assert "berhenti mendadak (dihentikan sinyal 9 (SIGKILL)" in results["satu"].problems[0].message
    assert results["dua"].files["dua/index.html"].startswith(b"<!DOCTYPE html>")


class CrashFirst(Progress):
    """Kills the worker that has just been handed the first report, as the kernel's OOM killer would."""

    def __init__(self):
        self.done = False

    def started(self, slug: str) -> None:
        if not self.done:
            self.done = True
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)


def test_a_crashed_worker_keeps_the_reports_last_good_version_and_the_others_are_built(project):
    make(project, "satu", "dua")
    run(project)
    site = project.root / "output/site"
    kept = site_files(site)["satu/index.html"]
    project.report("satu", titled("Laporan Satu Baru"))
    project.report("dua", titled("Laporan Dua Baru"))
    outcome = run(project, workers=1, progress=CrashFirst())
    assert statuses(outcome) == {"satu": FAILED, "dua": BUILT}
    assert outcome.failures[0].kept and "berhenti mendadak" in outcome.failures[0].problems[0].message
    assert site_files(site)["satu/index.html"] == kept
    assert "Laporan Dua Baru" in text(site / "index.html")


def test_a_report_over_the_time_limit_fails_without_a_traceback_from_its_worker(project):
    make(project, "satu")
    command = [sys.executable, "-m", "reportgen", "build", "--proyek", str(project.root), "--batas-waktu", "0,001"]
    done = subprocess.run(command, capture_output=True, text=True)  # a worker's own stderr is this stderr
    assert done.returncode == 1
    assert "content/satu/laporan.yaml: melebihi batas waktu 0,001 detik per laporan" in done.stderr
    assert "Traceback" not in done.stderr


# --- failures ---------------------------------------------------------------------------------


def test_a_failing_report_keeps_its_last_good_version_while_the_others_are_built(project):
    make(project, "satu", "dua")
    run(project)
    site = project.root / "output/site"
    kept = {name: data for name, data in site_files(site).items() if name.startswith("dua/")}
    project.report("dua", titled("Laporan Dua").replace("tahun: 2026", "tahun: duaribu"))
    project.report("satu", titled("Laporan Satu Baru"))
    code, _out, err = project.run("build")
    assert code == 1
    assert "✗ laporan 'dua' gagal:\ncontent/dua/laporan.yaml:4:8: tahun:" in err
    assert "  Versi terakhir yang berhasil dibangun tetap ada di situs.\n" in err
    assert {name: data for name, data in site_files(site).items() if name.startswith("dua/")} == kept
    index = text(site / "index.html")
    assert "Laporan Dua" in index and "Laporan Satu Baru" in index
    assert "/dua/" in search_urls(site)


def fail_inside_our_code_for(project, title: str) -> None:
    """A template that hands one report's title to a number filter: an exception raised in our own code."""
    page = project.root / "templates/report.html"
    trap = f'{{% block main %}}{{% if rep.judul == "{title}" %}}{{{{ rep.judul | angka }}}}{{% endif %}}'
    page.write_text(text(page).replace("{% block main %}", trap, 1), encoding="utf-8")


def test_an_internal_error_fails_one_report_with_one_line_and_a_log(project):
    make(project, "satu", "dua", "tiga")
    fail_inside_our_code_for(project, "Laporan Dua")
    code, out, err = project.run("build")
    assert code == 1
    assert "Traceback" not in err + out
    line = next(line for line in err.splitlines() if line.startswith("✗"))
    assert line.startswith("✗ laporan 'dua' gagal: kesalahan internal (")  # the exception's name and words
    assert line.endswith("); jejak lengkap di output/log/dua.log")
    assert "Traceback" in text(project.root / "output/log/dua.log")
    assert (project.root / "output/site/satu/satu.pdf").is_file() and (project.root / "output/site/tiga").is_dir()


# --- the site is always whole -----------------------------------------------------------------


def test_a_subset_build_keeps_the_index_whole(project):
    make(project, "satu", "dua", "tiga")
    run(project)
    project.report("satu", titled("Laporan Satu Diubah"))
    outcome = run(project, only=["satu"])
    assert statuses(outcome) == {"satu": BUILT, "dua": CACHED, "tiga": CACHED}
    site = project.root / "output/site"
    index = text(site / "index.html")
    assert all(f'href="{slug}/index.html"' in index for slug in ("satu", "dua", "tiga"))
    assert "Laporan Satu Diubah" in index
    assert search_urls(site) >= {"/satu/", "/dua/", "/tiga/"}


def test_a_removed_report_disappears_everywhere(project):
    make(project, "satu", "dua")
    run(project)
    project.config(site_config("satu"))
    run(project)
    site = project.root / "output/site"
    assert not (site / "dua").exists()
    for page in ("index.html", "rekapitulasi/index.html", "sitemap.xml"):
        assert "dua/" not in text(site / page)
    assert "/dua/" not in search_urls(site) and "/satu/" in search_urls(site)


# --- HTML without PDFs ------------------------------------------------------------------------


def test_pages_without_pdfs_say_so_and_a_full_build_adds_them(project):
    make(project, "satu")
    outcome = run(project, formats=("web",))
    site = project.root / "output/site"
    assert outcome.ok and not list(site.rglob("*.pdf"))
    assert "PDF belum dibangun" in text(site / "satu/index.html")
    assert "PDF belum dibangun" in text(site / "index.html") and ".pdf" not in text(site / "sitemap.xml")
    assert statuses(run(project)) == {"satu": BUILT}
    assert (site / "satu/satu.pdf").is_file() and "Unduh PDF (" in text(site / "satu/index.html")
    # a preview after a full build takes the full result: the PDF stays
    assert statuses(run(project, formats=("web",))) == {"satu": CACHED}
    assert (site / "satu/satu.pdf").is_file()


def test_check_imports_neither_the_pdf_renderer_nor_a_chart_library():
    code = (
        "import sys; from reportgen.cli import main; "
        f"code = main(['check', '--proyek', {str(REPO)!r}]); "
        "print(code, sorted(m for m in ('weasyprint', 'matplotlib') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "0 []", done.stderr


# --- killed at any moment ---------------------------------------------------------------------


@pytest.mark.parametrize("point", crashpoint.POINTS)
def test_a_build_killed_at_any_point_leaves_a_whole_site_and_the_next_build_completes_it(project, point):
    slugs = [f"laporan-{n}" for n in range(1, 5)]
    make(project, *slugs)
    site = project.root / "output/site"
    run(project)
    old = site_files(site)
    for slug in slugs:
        project.report(slug, titled(f"Laporan {slug} Edisi Dua"))
    command = [sys.executable, "-m", "reportgen", "build", "--proyek", str(project.root), "-q"]
    killed = subprocess.run(command, start_new_session=True, env={**os.environ, crashpoint.VARIABLE: point})
    assert killed.returncode == -signal.SIGKILL
    now = site_files(site)
    assert [p.name for p in site.rglob("*.tmp")] == []
    edited = all(f"Laporan {slug} Edisi Dua" in now[f"{slug}/index.html"].decode() for slug in slugs)
    assert edited == (point == "swapped")  # before the swap the old site, whole; after it the new one
    assert edited or now == old
    assert subprocess.run(command).returncode == 0
    final = site_files(site)
    assert all(f"Laporan {slug} Edisi Dua" in final[f"{slug}/index.html"].decode() for slug in slugs)
    assert not [p for p in (project.root / "output").iterdir() if re.match(r"\.site-", p.name)]


def start_rendering(command: list[str]) -> subprocess.Popen:
    """Start a build and return once its workers are rendering (the plan line is printed first)."""
    process = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert "akan dibangun" in process.stdout.readline()
    time.sleep(0.3)
    return process


def test_ctrl_c_stops_cleanly_leaving_no_process_and_the_site_whole(project):
    slugs = [f"laporan-{n}" for n in range(1, 9)]
    make(project, *slugs)
    run(project)
    site = project.root / "output/site"
    old = site_files(site)
    for slug in slugs:
        project.report(slug, titled(f"Laporan {slug} Edisi Dua"))
    command = [sys.executable, "-m", "reportgen", "build", "--proyek", str(project.root)]
    # Ctrl-C reaches the whole group just after the first report is stored, the others still rendering.
    interrupted = {**os.environ, crashpoint.VARIABLE: "cached:INT"}
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE, text=True, env=interrupted)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "dibatalkan" in err
    assert live_processes(process.pid) == []  # no worker or fork server left behind
    assert site_files(site) == old


def live_processes(group: int) -> list[int]:
    """The processes of `group` still running (exited ones waiting to be reaped do not count); from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # gone meanwhile
        state, pgid = fields[0], int(fields[2])
        if pgid == group and state != "Z":
            found.append(int(stat.parent.name))
    return found


# --- what the review found ----------------------------------------------------------------------


class EditDuring(Progress):
    """Edits a report after the build has planned (digested) it, before a worker reads it."""

    def __init__(self, project, slug: str, text: str):
        self.project, self.slug, self.text = project, slug, text

    def planned(self, total: int, to_render: int, cached: int) -> None:
        self.project.report(self.slug, self.text)


def test_an_input_edited_during_a_build_is_never_cached_under_its_old_digest(project):
    make(project, "satu")
    run(project)
    project.report("satu", titled("Laporan Satu Versi Dua"))
    run(project, progress=EditDuring(project, "satu", titled("Disunting Saat Build")))
    site = project.root / "output/site"
    assert "Disunting Saat Build" in text(site / "satu/index.html")  # what the worker read
    project.report("satu", titled("Laporan Satu Versi Dua"))  # the edit undone
    again = run(project)
    assert not again.unchanged and statuses(again) == {"satu": BUILT}
    assert "Laporan Satu Versi Dua" in text(site / "satu/index.html")


def test_a_kept_report_keeps_the_assets_its_pages_link(project):
    make(project, "satu", "dua")
    run(project)
    css = project.root / "templates/web.css"
    css.write_text(text(css) + "\n/* ubah */\n", encoding="utf-8")
    assert statuses(run(project, only=["satu"])) == {"satu": BUILT, "dua": KEPT}
    site = project.root / "output/site"
    for page in site.rglob("*.html"):
        for link in re.findall(r'(?:href|src)="((?:\.\./)*assets/[^"]+)"', text(page)):
            assert (page.parent / link).resolve().is_file(), f"{page.relative_to(site)} links {link}"


def test_without_the_site_record_a_failing_report_keeps_its_last_good_version(project):
    make(project, "satu", "dua")
    run(project)
    (project.root / "output/.reportgen-state.json").unlink()
    project.report("dua", titled("Laporan Dua").replace("tahun: 2026", "tahun: duaribu"))
    code, _out, err = project.run("build")
    assert code == 1 and "  Versi terakhir yang berhasil dibangun tetap ada di situs.\n" in err
    site = project.root / "output/site"
    assert (site / "dua/dua.pdf").is_file() and "Laporan Dua" in text(site / "index.html")


def test_an_unwritable_cache_folder_is_a_message_not_a_traceback(project):
    make(project, "satu")
    code, _out, err = project.run("build", "--tembolok", "/dev/null/tembolok")
    assert code == 1
    assert err.startswith("reportgen: tidak dapat membaca atau menulis /dev/null/tembolok") and "Traceback" not in err
    assert err.rstrip().endswith(": bagian jalurnya bukan folder")


def test_a_runtime_error_in_author_text_fails_that_report_with_its_line_and_builds_the_others(project):
    make(project, "satu", "dua")
    project.report("satu", MINIMAL_REPORT.replace("Kesimpulan singkat.", "Hasil {{ tahun / 0 }}."))
    code, out, err = project.run("check")
    assert code == 1
    assert "content/satu/laporan.yaml:11: bagian[2].teks: pembagian dengan nol\n" in err
    assert err.endswith("1 laporan diperiksa, 1 laporan gagal.\n") and out == ""
    code, out, err = project.run("build", "--tanpa-pdf")
    assert code == 1 and "Traceback" not in err + out
    assert "content/satu/laporan.yaml:11: bagian[2].teks: pembagian dengan nol\n" in err
    assert (project.root / "output/site/dua/index.html").is_file()
    assert not (project.root / "output/site/satu").exists()


def test_a_template_syntax_error_is_named_once_with_its_line_before_anything_renders(project):
    make(project, "satu", "dua")
    page = project.root / "templates/report.html"
    page.write_text(text(page).replace("{% block main %}", "{% block main %}\n{% if %}", 1), encoding="utf-8")
    (project.root / "templates/partials/table.html").unlink()
    code, _out, err = project.run("build")
    assert code == 1 and not (project.root / "output/site").exists()
    line = text(page).splitlines().index("{% if %}") + 1
    assert f"templates/report.html:{line}: sintaks templat tidak valid: " in err
    assert "templates/partials/table.html: templat 'partials/table.html' tidak ditemukan di folder templates/" in err
    assert err.count("templates/report.html") == 1


def test_a_second_build_on_the_same_output_is_refused_while_one_runs(project):
    from reportgen.engine import publish as assemble

    make(project, "satu")
    with assemble.lock(project.root / "output"):
        code, _out, err = project.run("build")
    assert code == 1
    assert err.startswith("reportgen: build lain sedang berjalan dengan folder keluaran ")
    assert project.run("build")[0] == 0  # and once it is over, the next one runs


def test_sigterm_stops_a_build_as_cleanly_as_ctrl_c(project):
    slugs = [f"laporan-{n}" for n in range(1, 9)]
    make(project, *slugs)
    command = [sys.executable, "-m", "reportgen", "build", "--proyek", str(project.root)]
    process = start_rendering(command)
    process.terminate()  # the main process only, as a service manager does
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 130 and "Traceback" not in err
    deadline = time.monotonic() + 5
    while live_processes(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert live_processes(process.pid) == []


def test_ctrl_c_while_the_fork_server_is_checked_is_held_back_and_never_lost(monkeypatch):
    """`serve` checks its warm fork server at every build while its HTTP server and watcher threads run.

    Ctrl-C is blocked in the main thread meanwhile, so the kernel hands it to one of those threads: it
    must still interrupt the build, once the check is done (it was dropped there when SIGINT was ignored).
    """
    from multiprocessing import forkserver

    schedule.stop()
    schedule.warm_up()  # a fresh fork server: Ctrl-C is blocked in it from the start, it ignores it later
    status = Path(f"/proc/{forkserver._forkserver._forkserver_pid}/status").read_text()
    assert int(re.search(r"SigBlk:\s*([0-9a-f]+)", status)[1], 16) & 1 << (signal.SIGINT - 1)
    handler = signal.getsignal(signal.SIGINT)
    other = threading.Thread(target=threading.Event().wait, args=(10,), daemon=True)  # SIGINT not blocked
    other.start()
    checked = []

    def ensure_running() -> None:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C to the process; this thread blocks it, `other` does not
        time.sleep(0.2)
        checked.append(True)

    monkeypatch.setattr(forkserver, "ensure_running", ensure_running)
    try:
        with pytest.raises(KeyboardInterrupt):
            schedule.warm_up()
        assert checked  # raised after the check, not in the middle of it
        assert signal.getsignal(signal.SIGINT) is handler
        assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())
    finally:
        schedule.stop()


def test_problems_name_files_by_absolute_paths_and_the_cli_alone_shortens_them(project, tmp_path, monkeypatch):
    make(project, "satu")
    project.report("satu", MINIMAL_REPORT.replace("tahun: 2026", "tahun: duaribu"))
    outcome = run(project, workers=1, formats=outputs.without("pdf"))
    (problem,) = outcome.failures[0].problems
    assert problem.file == project.root.resolve() / "content/satu/laporan.yaml"  # made in a worker
    monkeypatch.chdir(tmp_path.parent)
    code, _out, err = project.run("build", "--tanpa-pdf", "-j", "1")
    assert code == 1 and f"\n{tmp_path.name}/content/satu/laporan.yaml:4:8: tahun: " in err
