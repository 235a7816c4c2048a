"""The cache with literal results: what is stored comes back whole, anything else comes back as nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from reportgen.engine.cache import Cache
from reportgen.summary import Summary

KEY = "a" * 64
OTHER_KEY = "b" * 64
MAC_KEY = b"k" * 32
CSS = b"body{}"
FILES = {"satu/index.html": b"<p>Laporan Satu</p>", f"assets/web.{hashlib.sha256(CSS).hexdigest()[:10]}.css": CSS}


def summary(slug: str = "satu") -> Summary:
    return Summary(
        slug=slug,
        judul="Laporan Satu",
        wilayah="Contoh",
        program="Pelatihan ASN",
        jenis_program="pelatihan",
        tahun=2026,
        tanggal=dt.date(2026, 11, 22),
        status="final",
        data_contoh=False,
        agency="BKPSDM Uji",
    )


def files_of(cache: Cache, key: str, slug: str = "satu") -> dict[str, bytes] | None:
    stored = cache.get(key, slug)
    return None if stored is None else {p: cache.blob(r.sha256).read_bytes() for p, r in stored.files.items()}


def test_a_stored_result_comes_back_whole(tmp_path):
    cache = Cache(tmp_path)
    cache.put(KEY, "satu", FILES, summary(), 1.23456)
    stored = cache.get(KEY, "satu")
    assert files_of(cache, KEY) == FILES
    assert stored.summary == summary()
    assert stored.seconds == 1.235
    assert cache.last("satu").key == KEY
    assert (tmp_path / "CACHEDIR.TAG").is_file()


def test_each_file_is_kept_once_by_its_digest(tmp_path):
    cache = Cache(tmp_path)
    cache.put(KEY, "satu", FILES, summary(), 1.0)
    cache.put(OTHER_KEY, "satu", FILES, summary(), 1.0)
    blobs = sorted(p.name for p in (tmp_path / "blobs").rglob("*") if p.is_file())
    assert blobs == sorted(hashlib.sha256(data).hexdigest() for data in FILES.values())
    assert cache.last("satu").key == OTHER_KEY  # the entry stored last


@pytest.mark.parametrize(
    "damage",
    [
        "blob changed",
        "blob missing",
        "manifest truncated",
        "manifest of another key",
        "manifest nested too deep",
        "asset named for other bytes",
    ],
)
def test_a_damaged_entry_is_nothing(tmp_path, damage):
    cache = Cache(tmp_path)
    stored = cache.put(KEY, "satu", FILES, summary(), 1.0)
    blob = cache.blob(stored.files["satu/index.html"].sha256)
    manifest = tmp_path / "entries" / KEY[:2] / f"{KEY}.json"
    if damage == "blob changed":
        blob.write_bytes(b"<p>Laporan Palsu</p>")
    elif damage == "blob missing":
        blob.unlink()
    elif damage == "manifest truncated":
        manifest.write_bytes(manifest.read_bytes()[:-40])
    elif damage == "manifest of another key":
        other = tmp_path / "entries" / OTHER_KEY[:2] / f"{OTHER_KEY}.json"
        other.parent.mkdir(parents=True)
        other.write_bytes(manifest.read_bytes())
        assert cache.get(OTHER_KEY, "satu") is None
        return
    elif damage == "asset named for other bytes":
        stored = cache.put(KEY, "satu", {**FILES, "assets/web.0123456789.css": CSS}, summary(), 1.0)
    else:
        manifest.write_text("[" * 100_000, encoding="utf-8")
    assert cache.get(KEY, "satu") is None


def test_an_entry_is_only_for_its_own_report(tmp_path):
    cache = Cache(tmp_path)
    cache.put(KEY, "satu", FILES, summary(), 1.0)
    assert cache.get(KEY, "dua") is None
    assert cache.last("dua") is None


def test_with_a_key_only_entries_signed_with_it_are_served(tmp_path):
    Cache(tmp_path).put(KEY, "satu", FILES, summary(), 1.0)  # unsigned
    signed = Cache(tmp_path, MAC_KEY)
    assert signed.get(KEY, "satu") is None
    signed.put(OTHER_KEY, "satu", FILES, summary(), 1.0)
    assert files_of(signed, OTHER_KEY) == FILES
    assert Cache(tmp_path, b"x" * 32).get(OTHER_KEY, "satu") is None


def test_a_signed_manifest_edited_with_its_checksum_redone_is_refused(tmp_path):
    cache = Cache(tmp_path, MAC_KEY)
    cache.put(KEY, "satu", FILES, summary(), 1.0)
    manifest = tmp_path / "entries" / KEY[:2] / f"{KEY}.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["seconds"] = 0.5
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert cache.get(KEY, "satu") is None
