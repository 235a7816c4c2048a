"""The Pagefind filter index put in order: literal CBOR in a tiny bundle, read back."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from reportgen import searchindex
from reportgen.searchindex import SIGNATURE, decode, encode


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


def bundle(folder: Path, regions: list, filters: list[str]) -> Path:
    """A Pagefind bundle holding a Daerah and a Tahun filter, values and filter list in the order given."""
    files = {
        "Daerah": ["Daerah", regions],
        "Tahun": ["Tahun", [["2025", [3, 4]], ["2026", [0, 1, 2]]]],
    }
    names = {key: _name(value, 7) for key, value in files.items()}
    (folder / "filter").mkdir(parents=True)
    for key, value in files.items():
        (folder / "filter" / f"{names[key]}.pf_filter").write_bytes(_pack(value))
    meta = ["1.5.2", [["id_86acd52", 550]], [[key, names[key]] for key in filters], [], ["title"]]
    meta_hash = _name(meta, 10)
    (folder / f"pagefind.{meta_hash}.pf_meta").write_bytes(_pack(meta))
    entry = {"version": "1.5.2", "languages": {"id": {"hash": meta_hash, "wasm": "id", "page_count": 5}}}
    (folder / "pagefind-entry.json").write_text(json.dumps(entry, separators=(",", ":")), encoding="utf-8")
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_any_order_pagefind_writes_gives_the_same_files(tmp_path: Path):
    one = bundle(tmp_path / "a", [["Sawahlunto", [1, 4]], ["Denpasar", [2]]], ["Tahun", "Daerah"])
    other = bundle(tmp_path / "b", [["Denpasar", [2]], ["Sawahlunto", [4, 1]]], ["Daerah", "Tahun"])
    assert files(one) != files(other)
    searchindex.normalize(one)
    searchindex.normalize(other)
    assert files(one) == files(other)
    entry = json.loads((one / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_hash = entry["languages"]["id"]["hash"]
    meta, _ = decode(gzip.decompress((one / f"pagefind.{meta_hash}.pf_meta").read_bytes())[len(SIGNATURE) :])
    assert [name for name, _ in meta[2]] == ["Daerah", "Tahun"]
    for _, file in meta[2]:  # every reference names a file that is there, under the digest of what it holds
        body = gzip.decompress((one / "filter" / f"{file}.pf_filter").read_bytes())[len(SIGNATURE) :]
        assert file == "id_" + hashlib.sha1(body).hexdigest()[:7]
    daerah = [decode(gzip.decompress(b)[len(SIGNATURE) :])[0] for p, b in files(one).items() if p.startswith("filter/")]
    assert ["Daerah", [["Denpasar", [2]], ["Sawahlunto", [1, 4]]]] in daerah


@pytest.mark.parametrize("odd", [b"\xa1aab", b"\xf6"])  # a map, a null: not what Pagefind writes today
def test_an_unknown_shape_changes_nothing(tmp_path: Path, odd: bytes):
    folder = bundle(tmp_path / "a", [["Sawahlunto", [1]]], ["Daerah", "Tahun"])
    (folder / "filter" / "id_0000000.pf_filter").write_bytes(gzip.compress(SIGNATURE + odd, mtime=0))
    before = files(folder)
    searchindex.normalize(folder)
    assert files(folder) == before
