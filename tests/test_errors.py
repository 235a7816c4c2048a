"""Stages name files by absolute paths; `below` shortens them for a reader, naming a link where it lies."""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import Problem, below


def test_a_path_below_the_folder_is_named_from_it_and_one_elsewhere_stays_whole(tmp_path: Path):
    (tmp_path / "proyek" / "content").mkdir(parents=True)
    inside = tmp_path / "proyek" / "content" / "laporan.yaml"
    assert below(inside, tmp_path) == Path("proyek/content/laporan.yaml")
    assert below(inside, tmp_path / "lain") == inside
    problem = Problem(inside, "ditemukan 'x'", line=3)
    assert problem.relative_to(tmp_path / "proyek").render() == "content/laporan.yaml:3: ditemukan 'x'"


def test_a_link_is_named_where_it_lies_and_a_linked_folder_by_where_it_leads(tmp_path: Path):
    (tmp_path / "nyata").mkdir()
    (tmp_path / "tautan").symlink_to(tmp_path / "nyata")
    (tmp_path / "nyata" / "nol").symlink_to("/dev/zero")
    assert below(tmp_path / "nyata" / "nol", tmp_path) == Path("nyata/nol")  # not /dev/zero
    assert below(tmp_path / "tautan" / "nol", tmp_path) == Path("nyata/nol")
