"""The Pagefind index the same for the same pages: the filter index put in order (literal CBOR in a tiny
bundle, read back), the pages fed in path order whatever order a folder lists them in, on any file system."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from reportgen import searchfeed, searchindex, site
from reportgen.cli import main
from reportgen.searchindex import SIGNATURE, decode, encode
from tests.conftest import REPO


def test_cbor_round_trip_in_shortest_form():
    value = ["Daerah", [["Sawahlunto", [1, 4]], ["Denpasar", [2]]], 23, 24, 255, 256, 70000, 2**33, b"\x00"]
    data = encode(value)
    assert decode(data) == (value, len(data))
    assert encode(23) == b"\x17" and encode(24) == b"\x18\x18" and encode(256) == b"\x19\x01\x00"
    assert encode("Tahun") == b"eTahun" and encode([]) == b"\x80"


def _pack(value: object) -> bytes:
    return gzip.compress(SIGNATURE + encode(value), mtime=0)


def _name(value: object, digits: int) -> str:
    return "id_" + hashlib.sha1(encode(value)).hexdigest()[:digits]


def bundle(regions: list, filters: list[str]) -> dict[str, bytes]:
    """A Pagefind bundle holding a Daerah and a Tahun filter, values and filter list in the order given."""
    files = {
        "Daerah": ["Daerah", regions],
        "Tahun": ["Tahun", [["2025", [3, 4]], ["2026", [0, 1, 2]]]],
    }
    names = {key: _name(value, 7) for key, value in files.items()}
    found = {f"filter/{names[key]}.pf_filter": _pack(value) for key, value in files.items()}
    meta = ["1.5.2", [["id_86acd52", 550]], [[key, names[key]] for key in filters], [], ["title"]]
    meta_hash = _name(meta, 10)
    found[f"pagefind.{meta_hash}.pf_meta"] = _pack(meta)
    entry = {"version": "1.5.2", "languages": {"id": {"hash": meta_hash, "wasm": "id", "page_count": 5}}}
    found["pagefind-entry.json"] = json.dumps(entry, separators=(",", ":")).encode("utf-8")
    return found


def test_any_order_pagefind_writes_gives_the_same_files():
    one = bundle([["Sawahlunto", [1, 4]], ["Denpasar", [2]]], ["Tahun", "Daerah"])
    other = bundle([["Denpasar", [2]], ["Sawahlunto", [4, 1]]], ["Daerah", "Tahun"])
    assert one != other
    one, other = searchindex.normalize(one), searchindex.normalize(other)
    assert one == other
    entry = json.loads(one["pagefind-entry.json"])
    meta_hash = entry["languages"]["id"]["hash"]
    meta, _ = decode(gzip.decompress(one[f"pagefind.{meta_hash}.pf_meta"])[len(SIGNATURE) :])
    assert [name for name, _ in meta[2]] == ["Daerah", "Tahun"]
    for _, file in meta[2]:  # every reference names a file that is there, under the digest of what it holds
        body = gzip.decompress(one[f"filter/{file}.pf_filter"])[len(SIGNATURE) :]
        assert file == "id_" + hashlib.sha1(body).hexdigest()[:7]
    daerah = [decode(gzip.decompress(b)[len(SIGNATURE) :])[0] for p, b in one.items() if p.startswith("filter/")]
    assert ["Daerah", [["Denpasar", [2]], ["Sawahlunto", [1, 4]]]] in daerah


@pytest.mark.parametrize("odd", [b"\xa1aab", b"\xf6"])  # a map, a null: not what Pagefind writes today
def test_an_unknown_shape_changes_nothing(odd: bytes):
    files = bundle([["Sawahlunto", [1]]], ["Daerah", "Tahun"])
    files["filter/id_0000000.pf_filter"] = gzip.compress(SIGNATURE + odd, mtime=0)
    assert searchindex.normalize(files) == files


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _copy_pages(examples: Path, folder: Path, order: list[str]) -> Path:
    """The example report pages copied into `folder`, each slug's folder created in `order`."""
    for slug in order:
        (folder / slug).mkdir(parents=True)
        shutil.copyfile(examples / slug / "index.html", folder / slug / "index.html")
    return folder


def test_the_order_a_folder_lists_its_pages_in_does_not_change_the_index(examples: Path, tmp_path: Path):
    # tmpfs lists a folder newest first, so the same pages created in two orders are listed in two
    # orders, and Pagefind reading the folder itself numbered them differently. ext4 lists by a hash
    # of the names whatever the order of creation: there, only the build on tmpfs below tells.
    slugs = sorted(p.parent.name for p in examples.glob("*/*.pdf"))
    place = _tmpfs() or tmp_path
    folder = Path(tempfile.mkdtemp(prefix="reportgen-order-", dir=place))
    try:
        one = _copy_pages(examples, folder / "one", slugs)
        other = _copy_pages(examples, folder / "other", slugs[::-1])
        if os.listdir(one) == os.listdir(other):
            pytest.skip(f"{_file_system(place)} lists the two folders in one order: nothing to tell apart")
        for pages in (one, other):
            site.start_search(pages)()
        bundle = _tree(one / "pagefind")
        assert any(p.startswith("index/") for p in bundle) and any(p.startswith("fragment/") for p in bundle)
        assert bundle == _tree(other / "pagefind")
        assert bundle == _tree(examples / "pagefind")  # and what the build published for the same pages
    finally:
        shutil.rmtree(folder)


def _tmpfs() -> Path | None:
    """/dev/shm when it is a writable tmpfs."""
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) and _file_system(shm) == "tmpfs" else None


def _file_system(path: Path) -> str:
    """The type of the file system holding `path` ('tmpfs', 'ext4'...), from /proc/mounts."""
    mounts = [line.split()[1:3] for line in Path("/proc/mounts").read_text().splitlines()]
    resolved = path.resolve()
    _point, kind = max(((Path(p), k) for p, k in mounts if resolved.is_relative_to(p)), key=lambda m: len(m[0].parts))
    return kind


def test_a_site_built_on_tmpfs_is_byte_identical_to_one_built_on_disk(examples: Path):
    shm = _tmpfs()
    if shm is None:
        pytest.skip("no writable tmpfs at /dev/shm on this machine")
    if _file_system(examples) == "tmpfs":
        pytest.skip("the temporary folder is on tmpfs itself: no disk folder to compare with")
    output = Path(tempfile.mkdtemp(prefix="reportgen-tmpfs-", dir=shm))
    try:
        err = io.StringIO()
        code = main(["build", "--proyek", str(REPO), "--keluaran", str(output)], stdout=io.StringIO(), stderr=err)
        assert code == 0, err.getvalue()
        on_tmpfs, on_disk = _tree(output / "site"), _tree(examples)
        assert any(p.startswith("pagefind/index/") for p in on_disk)
        assert sorted(on_tmpfs) == sorted(on_disk)
        assert [p for p in on_disk if on_tmpfs[p] != on_disk[p]] == []
    finally:
        shutil.rmtree(output)


def test_pagefind_ending_without_an_answer_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "laporan").mkdir()
    (tmp_path / "laporan" / "index.html").write_text("<html lang='id'><body>Isi</body></html>", encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", shutil.which("false") or "/bin/false")  # exits at once
    finish = site.start_search(tmp_path)
    with pytest.raises(searchfeed.SearchIndexError) as caught:
        finish()
    assert str(caught.value) == "indeks pencarian gagal dibuat (pagefind berhenti tanpa jawaban)"
    assert not (tmp_path / "pagefind").exists()
