"""The five examples, built, against the committed expected output: every page and the text of every PDF.

A change that alters what a reader sees shows here as a diff. When the change is meant, refresh the
expected files and review them like code:

    .venv/bin/python -m pytest tests/test_golden.py --update-golden
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import pytest

EXPECTED = Path(__file__).resolve().parent / "golden"
PAGES = ("*.html", "*/index.html", "sitemap.xml")
SHOWN_DIFF_LINES = 80


def outputs(site: Path) -> dict[str, str]:
    """What the golden files hold of a built site: its pages as text, and each PDF's text by pdftotext."""
    pages = [path for pattern in PAGES for path in site.glob(pattern)]
    found = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in pages}
    for pdf in sorted(site.glob("*/*.pdf")):
        found[pdf.relative_to(site).as_posix() + ".txt"] = pdf_text(pdf)
    return dict(sorted(found.items()))


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def expected() -> dict[str, str]:
    return {
        path.relative_to(EXPECTED).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(EXPECTED.rglob("*"))
        if path.is_file()
    }


def update(found: dict[str, str]) -> None:
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for name, text in found.items():
        path = EXPECTED / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def shown_diff(name: str, want: str, got: str) -> str:
    lines = list(
        difflib.unified_diff(want.splitlines(), got.splitlines(), f"expected/{name}", f"built/{name}", lineterm="")
    )
    more = f"\n... {len(lines) - SHOWN_DIFF_LINES} more lines" if len(lines) > SHOWN_DIFF_LINES else ""
    return "\n".join(lines[:SHOWN_DIFF_LINES]) + more


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext comes with make's set-up")
def test_the_examples_build_to_the_expected_pages_and_pdf_text(examples, request):
    found = outputs(examples)
    if request.config.getoption("--update-golden"):
        update(found)
    want = expected()
    assert sorted(found) == sorted(want), "files differ; refresh with --update-golden if the change is meant"
    differing = [name for name in want if found[name] != want[name]]
    details = "\n\n".join(shown_diff(name, want[name], found[name]) for name in differing[:3])
    assert differing == [], f"{len(differing)} file(s) differ from tests/golden (see the module docstring):\n{details}"
