"""No process left behind: when a build returns, its workers, fork server and helpers are gone."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reportgen.cli import main
from tests.conftest import MINIMAL_REPORT, site_config


def processes() -> dict[int, tuple[int, str]]:
    """Every process of this machine: pid -> (parent pid, start time), read from /proc."""
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):  # not Path.glob: it stats entries that may vanish
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue  # gone meanwhile
        if fields[0] != "Z":  # exited, waiting to be reaped: no longer running
            found[int(pid)] = (int(fields[1]), fields[19])
    return found


def descendants(root: int, table: dict[int, tuple[int, str]]) -> dict[int, str]:
    """The processes below `root` in `table`: pid -> start time (which tells a reused pid apart)."""
    below: dict[int, str] = {}
    parents = {root}
    while True:
        new = {pid: start for pid, (parent, start) in table.items() if parent in parents and pid not in below}
        if not new:
            return below
        below.update(new)
        parents = set(new)


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class Watch:
    """Collects, every 20 ms while it runs, the processes below `root` (they are re-parented once it ends)."""

    def __init__(self, root: int):
        self.root, self.seen, self.done = root, {}, threading.Event()
        self.commands: dict[int, str] = {}
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while not self.done.is_set():
            for pid, start in descendants(self.root, processes()).items():
                if pid not in self.seen:
                    self.seen[pid] = start
                    self.commands[pid] = command_line(pid)
            time.sleep(0.02)

    def stop(self) -> dict[int, str]:
        """What was seen; and, checked at once, those of them still running."""
        self.done.set()
        self.thread.join()
        now = processes()
        alive = {pid: start for pid, start in self.seen.items() if pid in now and now[pid][1] == start}
        return alive


def run_watched(command: list[str], folder: Path, during=None) -> tuple[int, str, Watch, dict[int, str]]:
    """Run `command` until it exits, watching its descendants, and calling `during(process, output)` once.

    Output goes to a file: a pipe would make the caller wait for every process that inherited it too.
    Returns the exit code, the output, the watch, and the descendants still running at once after the exit.
    """
    log = folder / "output.txt"
    with open(log, "w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        watch = Watch(process.pid)
        if during is not None:
            during(process, log)
        process.wait(timeout=120)
        alive = watch.stop()
    return process.returncode, log.read_text(), watch, alive


def reports(project, count: int, broken: int = 0) -> None:
    slugs = [f"laporan-{n}" for n in range(1, count + 1)]
    for n, slug in enumerate(slugs):
        text = MINIMAL_REPORT.replace("tahun: 2026", "tahun: dua ribu") if n < broken else MINIMAL_REPORT
        project.report(slug, text.replace("judul: Evaluasi Program Uji", f"judul: Laporan {n}"))
    project.config(site_config(*slugs))


def build_command(project, *options: str) -> list[str]:
    return [sys.executable, "-m", "reportgen", "build", "--proyek", str(project.root), *options]


@pytest.mark.parametrize("broken", [0, 1, 4], ids=["success", "a report failing", "every report failing"])
def test_a_build_command_leaves_no_process_behind(project, tmp_path_factory, broken):
    reports(project, 4, broken)
    command = build_command(project, "-j", "2", "--tanpa-pdf")
    code, output, watch, alive = run_watched(command, tmp_path_factory.mktemp("log"))
    assert code == (1 if broken else 0), output
    assert watch.seen, "the fork server (and the workers) were there to see"
    assert alive == {}, f"still running after the build returned: {alive}"


def test_a_build_from_the_cache_leaves_no_process_behind(project, tmp_path_factory):
    # The fork server, started to overlap planning, is still importing when every report comes from the cache.
    reports(project, 3)
    assert project.run("build", "--tanpa-pdf")[0] == 0
    shutil.rmtree(project.root / "output")
    code, output, watch, alive = run_watched(build_command(project, "--tanpa-pdf"), tmp_path_factory.mktemp("log"))
    assert code == 0 and "3 dari tembolok" in output, output
    assert watch.seen, "the fork server was there to see"
    assert alive == {}, f"still running after the build returned: {alive}"


def interrupt_while_rendering(process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while "akan dibangun" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # the workers are rendering
    os.killpg(process.pid, signal.SIGINT)


def test_ctrl_c_leaves_no_process_behind(project, tmp_path_factory):
    reports(project, 8)
    command = build_command(project, "-j", "2")
    code, output, watch, alive = run_watched(command, tmp_path_factory.mktemp("log"), interrupt_while_rendering)
    assert code == 130, output
    assert len(watch.seen) >= 3, watch.seen  # the fork server and two workers
    assert alive == {}, f"still running after the build returned: {alive}"


def test_an_in_process_build_leaves_no_process_behind(project):
    reports(project, 3)
    watch = Watch(os.getpid())
    code = main(["build", "--proyek", str(project.root), "-j", "2", "--tanpa-pdf"], io.StringIO(), io.StringIO())
    alive = watch.stop()
    assert code == 0
    # This process may have others below it (a browser of the browser tests): ours are multiprocessing's
    # fork server, the workers forked from it and the resource tracker, started now or by an earlier build.
    ours = {pid for pid, command in watch.commands.items() if "multiprocessing" in command}
    assert len(ours) >= 3, watch.commands  # the fork server and two workers
    assert {pid: watch.commands[pid] for pid in alive if pid in ours} == {}, "still running after the build returned"
