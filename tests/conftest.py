"""Shared fixtures: tiny real projects in temporary folders, and one build of the examples."""

from __future__ import annotations

import io
import os
import shutil
import textwrap
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.pdf import STRICT_VARIABLE

# Every build of the suite fails on a WeasyPrint warning (a CSS mistake in a template would otherwise
# pass silently). Set before any worker or fork server starts, so they all inherit it.
os.environ[STRICT_VARIABLE] = "1"

REPO = Path(__file__).resolve().parent.parent

MINIMAL_REPORT = """\
judul: Evaluasi Program Uji
wilayah: Contoh
program: Pelatihan ASN
tahun: 2026
tanggal: 2026-11-22
bagian:
  - jenis: pendahuluan
    teks: |
      Paragraf pertama laporan uji.
  - jenis: kesimpulan
    teks: Kesimpulan singkat.
"""


def site_config(*slugs: str) -> str:
    """A reports.yaml listing `slugs`."""
    listing = "\n".join(f"  - {s}" for s in slugs)
    return f"situs:\n  judul: Situs Uji\n  instansi: BKPSDM Uji\nlaporan:\n{listing}\n"


def unchecked(cls: type, **fields: object) -> object:
    """An instance of the frozen dataclass `cls` made without running its checks, as a forgery would arrive
    had a check been missed: for tests of the walls behind the checks."""
    made = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(made, name, value)
    return made


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="write the examples' output to tests/golden")


class Project:
    """A throwaway project folder with the real templates."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(REPO / "templates", root / "templates")

    def report(self, slug: str, text: str = MINIMAL_REPORT, files: dict[str, str | bytes] | None = None) -> Path:
        """Write content/<slug>/laporan.yaml (and extra files); returns its path."""
        folder = self.root / "content" / slug
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "laporan.yaml"
        _write(path, textwrap.dedent(text) if isinstance(text, str) else text)
        for name, data in (files or {}).items():
            _write(folder / name, data)
        return path

    def config(self, text: str) -> Path:
        """Write reports.yaml."""
        path = self.root / "reports.yaml"
        _write(path, text)
        return path

    def run(self, *argv: str) -> tuple[int, str, str]:
        """Run the CLI in-process in this project; returns (exit code, stdout, stderr)."""
        out, err = io.StringIO(), io.StringIO()
        code = main([*argv, "--proyek", str(self.root)], stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """An empty project in a temporary folder, which is also the working directory."""
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path)


@pytest.fixture(scope="session")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """output/site of the example reports, built once for the whole session."""
    out = tmp_path_factory.mktemp("examples")
    err = io.StringIO()
    code = main(["build", "--proyek", str(REPO), "--keluaran", str(out)], stdout=io.StringIO(), stderr=err)
    assert code == 0, err.getvalue()
    return out / "site"
