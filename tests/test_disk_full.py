"""A full disk, for real: the examples built into a small tmpfs, mounted in a private mount namespace."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

BLOCK = 4096  # tmpfs counts whole pages


def _blocks(files: list[Path]) -> int:
    return sum(-(-p.stat().st_size // BLOCK) * BLOCK for p in files)


def _build_on_small_disk(tmp_path: Path, size: int) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """`reportgen build` of the examples into a tmpfs of `size` bytes; its result and the files left there.

    The mount lives only in the namespace `unshare -m` makes for this one command, so the files are
    listed (path -> SHA-256) from inside it.
    """
    disk, listing = tmp_path / f"disk-{size}", tmp_path / f"listing-{size}"
    disk.mkdir()
    script = (
        'mount -t tmpfs -o size="$1" tmpfs "$2" || exit 99; '
        '"$3" -m reportgen build --proyek "$4" --keluaran "$2/out" -q; code=$?; '
        'cd "$2" && find . -type f -exec sha256sum {} + > "$5"; exit $code'
    )
    argv = ["unshare", "-m", "sh", "-c", script, "sh", str(size), str(disk), sys.executable, str(REPO), str(listing)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    if done.returncode == 99:
        pytest.skip(f"mounting a tmpfs needs root (or user namespaces): {done.stderr.strip()}")
    files = {}
    for line in listing.read_text(encoding="utf-8").splitlines():
        digest, path = line.split(maxsplit=1)
        files[path.removeprefix("./")] = digest
    return done, files


@pytest.mark.skipif(shutil.which("unshare") is None, reason="no unshare (util-linux) to mount a private tmpfs")
def test_a_full_disk_anywhere_in_the_search_index_is_one_line_and_leaves_nothing(examples: Path, tmp_path: Path):
    # The build places the reports' files, then writes the search index, then the shared pages:
    # disks that fill up at points spread over the index's files, then one large enough.
    reports = _blocks([p for p in examples.glob("*/*") if p.is_file() and p.parent.name != "pagefind"])
    index = _blocks([p for p in (examples / "pagefind").rglob("*") if p.is_file()])
    everything = _blocks([p for p in examples.rglob("*") if p.is_file()])
    full = re.compile(r"reportgen: tidak dapat membaca atau menulis( \S+)?: disk penuh\n")
    for size in [reports + index * k // 5 for k in range(1, 5)]:
        done, files = _build_on_small_disk(tmp_path, size)
        assert done.returncode == 1, (size, done.stderr)
        assert full.fullmatch(done.stderr), (size, done.stderr)
        assert list(files) == ["out/.reportgen.lock"], size  # no staged site, no empty or partial file
    done, files = _build_on_small_disk(tmp_path, 2 * everything)
    assert done.returncode == 0, done.stderr
    site = {path.removeprefix("out/site/"): digest for path, digest in files.items() if path.startswith("out/site/")}
    expected = {p.relative_to(examples).as_posix(): p for p in examples.rglob("*") if p.is_file()}
    assert sorted(site) == sorted(expected)
    assert [p for p, source in expected.items() if hashlib.sha256(source.read_bytes()).hexdigest() != site[p]] == []
