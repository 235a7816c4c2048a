"""Files that come and go in report folders: editors' leftovers are no inputs, only regular files are read,
a file gone or refused fails its report at most, with one line, and the next build recovers."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reportgen import inputfiles, serve
from reportgen.engine import plan
from reportgen.errors import InputError
from tests.conftest import site_config
from tests.test_engine import titled
from tests.test_serve import Server

EDITOR_FILES = [
    "~$laporan.docx",  # Microsoft Office, an open document's owner file
    "~$ta.xlsx",
    "~WRL0001.tmp",  # Word
    "lu12345abc.tmp",  # LibreOffice
    "LU12345.TMP",
    "data.csv.temp",
    "laporan.yaml~",  # Vim, Emacs, gedit
    "#laporan.yaml#",  # Emacs auto-save
    ".#laporan.yaml",  # Emacs lock (a dangling link)
    ".~lock.survei.csv#",  # LibreOffice lock
    ".laporan.yaml.swp",  # Vim swap
    "laporan.yaml.swp",
    "4913",  # Vim's test of a writable folder
    "laporan.yaml___jb_tmp___",  # JetBrains
    "data.csv.part",
    "data.csv.crdownload",
    "Thumbs.db",
    "desktop.ini",
]
INPUTS = ["laporan.yaml", "survei_ikm.csv", "logo.png", "catatan.txt", "data~lama.csv", "tmp.csv", "lu.csv", "4914"]


@pytest.mark.parametrize("name", EDITOR_FILES)
def test_editor_files_are_no_inputs(name):
    assert inputfiles.is_editor_file(name)


@pytest.mark.parametrize("name", INPUTS)
def test_other_files_are_inputs(name):
    assert not inputfiles.is_editor_file(name)


def in_thread(call, *args):
    """`call(*args)` in a thread: its result, or the thread still running after 20 s (it blocked)."""
    found: dict[str, object] = {}

    def run():
        try:
            found["value"] = call(*args)
        except InputError as err:
            found["value"] = err.problems

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)
    assert not thread.is_alive(), f"{call.__name__} blocked"
    return found["value"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "data.csv").write_text("a;b\n1;2\n")
    os.mkfifo(tmp_path / "pipa.csv")
    (tmp_path / "nol.csv").symlink_to("/dev/zero")
    (tmp_path / "hilang.csv").symlink_to(tmp_path / "tidak-ada.csv")
    for name in EDITOR_FILES:
        (tmp_path / name).write_text("sementara")
    return tmp_path


def test_a_folder_lists_its_inputs_and_links_but_no_editor_files(folder):
    names = [path.name for path in inputfiles.listing(folder)]
    assert names == ["data.csv", "hilang.csv", "nol.csv", "pipa.csv"]


def test_a_named_pipe_or_a_device_is_refused_without_reading_it(folder):
    fifo = in_thread(inputfiles.read, folder / "pipa.csv", Path("pipa.csv"), 1000, str)
    assert [p.message for p in fifo] == [
        "bukan berkas biasa, melainkan pipa bernama (FIFO); hanya berkas biasa yang dibaca: hapus atau pindahkan "
        "dari folder ini"
    ]
    device = in_thread(inputfiles.read, folder / "nol.csv", Path("nol.csv"), 1000, str)
    assert [p.message for p in device] == [
        "bukan berkas biasa, melainkan perangkat (lewat tautan ke /dev/zero); hanya berkas biasa yang dibaca: "
        "hapus atau pindahkan dari folder ini"
    ]
    assert in_thread(inputfiles.read, folder / "hilang.csv", Path("hilang.csv"), 1000, str)[0].message == (
        "berkas tidak ditemukan"
    )
    assert in_thread(inputfiles.read, folder / "data.csv", Path("data.csv"), 1000, str) == b"a;b\n1;2\n"


def test_the_plan_digests_regular_files_skips_gone_ones_and_marks_the_rest(folder):
    root = folder.parent
    (root / "content").mkdir(exist_ok=True)
    report = root / "content" / folder.name
    folder.rename(report)
    (report / "hilang.csv").unlink()
    (report / "hilang.csv").symlink_to(report / "tidak-ada.csv")  # dangling again after the move
    inputs = dict(in_thread(plan.report_inputs, root, folder.name))
    slug = folder.name
    assert sorted(inputs) == [f"content/{slug}/data.csv", f"content/{slug}/nol.csv", f"content/{slug}/pipa.csv"]
    assert len(inputs[f"content/{slug}/data.csv"]) == 64
    problems = plan.unreadable(root, inputs.items())
    assert [p.message.split(";")[0] for p in problems] == [
        "bukan berkas biasa, melainkan perangkat (lewat tautan ke /dev/zero)",
        "bukan berkas biasa, melainkan pipa bernama (FIFO)",
    ]
    assert [p.file.name for p in problems] == ["nol.csv", "pipa.csv"]


def make(project, *slugs: str) -> None:
    for slug in slugs:
        project.report(slug, titled(f"Laporan {slug.capitalize()}"))
    project.config(site_config(*slugs))


def build(project, *options: str) -> subprocess.CompletedProcess:
    """`reportgen build` as a command (a hang would be a time-out here, not a stuck test run)."""
    command = [sys.executable, "-m", "reportgen", "build", "--proyek", str(project.root), "--tanpa-pdf", *options]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=project.root)


def test_a_pipe_a_device_and_a_dangling_link_fail_only_their_reports_and_the_next_build_recovers(project):
    make(project, "satu", "dua", "tiga")
    content = project.root / "content"
    os.mkfifo(content / "satu" / "pipa.csv")
    (content / "dua" / "nol.csv").symlink_to("/dev/zero")
    (content / "tiga" / "hilang.csv").symlink_to(content / "tiga" / "tidak-ada.csv")
    (content / "tiga" / "~$catatan.docx").write_text("pemilik")
    (content / "tiga" / ".~lock.data.csv#").write_text("kunci")
    done = build(project)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "kesalahan internal" not in done.stderr
    lines = done.stderr.splitlines()
    assert "✗ laporan 'satu' gagal:" in lines and "✗ laporan 'dua' gagal:" in lines
    fifo = "content/satu/pipa.csv: bukan berkas biasa, melainkan pipa bernama (FIFO); hanya berkas biasa yang dibaca"
    assert f"{fifo}: hapus atau pindahkan dari folder ini" in lines
    assert any(
        line.startswith("content/dua/nol.csv: bukan berkas biasa, melainkan perangkat (lewat tautan ke /dev/zero)")
        for line in lines
    )
    assert "laporan 'tiga'" not in done.stderr
    assert "Laporan Tiga" in (project.root / "output/site/tiga/index.html").read_text(encoding="utf-8")
    (content / "satu" / "pipa.csv").unlink()
    (content / "dua" / "nol.csv").unlink()
    again = build(project)
    assert again.returncode == 0, again.stderr
    assert "2 dibangun" in again.stdout or "2 laporan dibangun" in again.stdout, again.stdout


class Churn:
    """A thread that creates and deletes files in report folders in a loop, as open office programs do."""

    def __init__(self, folders: list[Path], names: list[str]):
        self.stop, self.rounds = threading.Event(), 0
        self.paths = [folder / name for folder in folders for name in names]
        self.thread = threading.Thread(target=self._churn, daemon=True)
        self.thread.start()

    def _churn(self) -> None:
        while not self.stop.is_set():
            for path in self.paths:
                path.write_text("sementara")
            for path in self.paths:
                path.unlink()
            self.rounds += 1

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join()


def test_files_created_and_deleted_during_a_build_fail_at_most_their_report(project):
    slugs = ["satu", "dua", "tiga", "empat"]
    make(project, *slugs)
    content = project.root / "content"
    editors = [content / slug for slug in slugs]
    with (
        Churn(editors, ["~$laporan.docx", "lu123.tmp", ".~lock.data.csv#"]) as editor,
        Churn(
            [content / "empat"],
            ["catatan.txt"],  # not an editor's name: an input that comes and goes
        ) as other,
    ):
        done = build(project, "--bersih")
    assert editor.rounds > 10 and other.rounds > 10  # the files did come and go during the build
    assert "Traceback" not in done.stderr and "tidak dapat membaca" not in done.stderr, done.stderr
    failed = [line for line in done.stderr.splitlines() if line.startswith("✗ laporan")]
    assert failed in ([], ["✗ laporan 'empat' gagal:"]), done.stderr
    for slug in ["satu", "dua", "tiga"]:
        assert (project.root / f"output/site/{slug}/index.html").is_file()
    again = build(project)
    assert again.returncode == 0, again.stderr


def test_serve_survives_files_that_come_and_go(project):
    make(project, "satu", "dua")
    server = Server(project)
    try:
        state = server.settled()
        content = project.root / "content"
        editors = Churn([content / "satu", content / "dua"], ["~$laporan.docx", "lu123.tmp", ".~lock.data.csv#"])
        with editors, Churn([content / "dua"], ["catatan.txt"]) as inputs:  # an input that comes and goes
            while inputs.rounds < 300 or editors.rounds < 300:
                time.sleep(0.01)
            (content / "dua" / "hilang.csv").symlink_to(content / "dua" / "tidak-ada.csv")
        project.report("satu", titled("Laporan Satu Disunting"))
        deadline = time.monotonic() + 120
        while "Laporan Satu Disunting" not in server.get("/satu/index.html")[1] and time.monotonic() < deadline:
            state = server.next_build(state["epoch"])
        assert "Laporan Satu Disunting" in server.get("/satu/index.html")[1]
        assert server.settled()["galat"] == ""
        assert server.process.poll() is None
    finally:
        code, _out, err = server.stop()
    assert code == 0 and "Traceback" not in err and "tidak dapat membaca" not in err, err


def test_serve_watches_no_editor_files(project):
    make(project, "satu")
    content = project.root / "content"
    stop, batches = threading.Event(), []

    def watch():
        for batch in serve.changes(project.root, stop):
            batches.append(batch)
            if any(path.endswith("catatan.txt") for path in batch):
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    time.sleep(0.5)  # the watcher is watching
    with Churn([content / "satu"], ["~$laporan.docx", "lu123.tmp", ".~lock.data.csv#", "laporan.yaml~"]) as churn:
        while churn.rounds < 100:
            time.sleep(0.01)
    for attempt in range(30):  # until the watcher has seen it
        (content / "satu" / "catatan.txt").write_text(f"masukan {attempt}")
        watcher.join(1)
        if not watcher.is_alive():
            break
    stop.set()
    seen = {Path(path).name for batch in batches for path in batch}
    assert seen == {"catatan.txt"}, seen
