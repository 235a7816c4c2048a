"""Publishing with literal files: the staged site holds exactly what it is given, and swaps in whole."""

from __future__ import annotations

import pytest

from reportgen.engine import publish


def no_search(folder):
    return lambda: None


def files_under(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def sources(tmp_path):
    (tmp_path / "blobs").mkdir()
    page, pdf = tmp_path / "blobs/page", tmp_path / "blobs/pdf"
    page.write_bytes(b"<p>Satu</p>")
    pdf.write_bytes(b"%PDF-1.7")
    return {"satu/index.html": page, "satu/satu.pdf": pdf}


def test_a_staged_site_holds_exactly_the_files_and_pages_given(tmp_path, sources):
    site = tmp_path / "output/site"
    staging = publish.stage(site, sources, lambda: {"index.html": "<p>Indeks</p>"}, no_search)
    assert staging.parent == site.parent and staging.name.startswith(publish.STAGING_PREFIX)
    assert files_under(staging) == {
        "index.html": b"<p>Indeks</p>",
        "satu/index.html": b"<p>Satu</p>",
        "satu/satu.pdf": b"%PDF-1.7",
    }
    assert not any(p.is_symlink() for p in staging.rglob("*"))


def test_a_failure_while_staging_leaves_nothing_behind(tmp_path, sources):
    def broken_pages():
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        publish.stage(tmp_path / "output/site", sources, broken_pages, no_search)
    assert list((tmp_path / "output").iterdir()) == []


def test_swapping_in_replaces_the_whole_site_and_removes_the_old_one(tmp_path, sources):
    site = tmp_path / "output/site"
    site.mkdir(parents=True)
    (site / "lama.html").write_text("lama", encoding="utf-8")
    staging = publish.stage(site, sources, lambda: {"index.html": "baru"}, no_search)
    inode = staging.stat().st_ino
    publish.swap_in(staging, site)
    assert site.stat().st_ino == inode  # the staged folder itself, renamed: never a half-copied site
    assert "lama.html" not in files_under(site)
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["site"]


def test_the_first_swap_needs_no_site_to_replace(tmp_path, sources):
    site = tmp_path / "output/site"
    publish.swap_in(publish.stage(site, sources, lambda: {}, no_search), site)
    assert sorted(files_under(site)) == ["satu/index.html", "satu/satu.pdf"]


def test_leftovers_of_a_killed_build_are_cleaned_and_a_site_set_aside_comes_back(tmp_path):
    output = tmp_path / "output"
    aside = output / f"{publish.ASIDE_PREFIX}abc"
    aside.mkdir(parents=True)
    (aside / "index.html").write_text("lama", encoding="utf-8")
    (output / f"{publish.STAGING_PREFIX}def").mkdir()
    publish.remove_leftovers(output)
    assert sorted(p.name for p in output.iterdir()) == ["site"]
    assert (output / "site/index.html").read_text(encoding="utf-8") == "lama"


def test_one_build_at_a_time_per_output_folder(tmp_path):
    from reportgen.errors import ReportgenError

    busy = pytest.raises(ReportgenError, match="build lain sedang berjalan")
    with publish.lock(tmp_path), busy, publish.lock(tmp_path):
        pass
    with publish.lock(tmp_path):  # released once the first build is over
        pass
