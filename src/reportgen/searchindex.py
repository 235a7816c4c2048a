"""Turn the filter index Pagefind wrote into the same bytes for the same site.

Pagefind (1.5) writes the values of each filter (Daerah, Tahun) in hash-map order, which changes
from run to run, and names the filter files and the metadata file after digests of what they
hold; a site built twice would differ there and only there. This sorts the values and the list
of filters, names the files again the way Pagefind does (the language, '_', the first hex digits
of the SHA-1 of the CBOR after the 12-byte signature) and rewrites the names that point to them.
A file of a shape this does not know is left as Pagefind wrote it: search still works.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
_FILTER_DIGITS, _META_DIGITS = 7, 10


class _UnknownShapeError(ValueError):
    """CBOR this module does not read back byte for byte."""


def normalize(bundle: Path) -> None:
    """Make the filter and metadata files of every language in `bundle` (site/pagefind) deterministic."""
    entry_path = bundle / "pagefind-entry.json"
    entry_text = entry_path.read_text(encoding="utf-8")
    for language in json.loads(entry_text)["languages"].values():
        try:
            new_hash = _normalize_language(bundle, language["hash"])
        except _UnknownShapeError:
            continue
        entry_text = entry_text.replace(f'"hash":"{language["hash"]}"', f'"hash":"{new_hash}"')
    entry_path.write_text(entry_text, encoding="utf-8")


def _normalize_language(bundle: Path, meta_hash: str) -> str:
    """Sort and rename one language's filter files and its metadata file; returns the metadata's new hash.

    Everything is read and checked before anything is written, so an unknown shape changes nothing.
    """
    prefix = meta_hash.rpartition("_")[0]
    filters = sorted((bundle / "filter").glob(f"{prefix}_*.pf_filter"))
    bodies = {path: encode(_sorted_filter(_read(path))) for path in filters}
    renamed = {path.stem: _name(prefix, body, _FILTER_DIGITS) for path, body in bodies.items()}
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta_body = encode(_rename(_read(meta_path), renamed))
    new_hash = _name(prefix, meta_body, _META_DIGITS)
    for path, body in bodies.items():
        _replace(path, bundle / "filter" / f"{renamed[path.stem]}.pf_filter", body)
    _replace(meta_path, bundle / f"pagefind.{new_hash}.pf_meta", meta_body)
    return new_hash


def _sorted_filter(value: object) -> list:
    """A filter file's [name, [[value, [page, ...]], ...]] with values and pages in order."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
        raise _UnknownShapeError("filter file of an unknown shape")
    name, values = value
    if not all(isinstance(v, list) and len(v) == 2 and isinstance(v[1], list) for v in values):
        raise _UnknownShapeError("filter values of an unknown shape")
    return [name, sorted(([v, sorted(pages)] for v, pages in values), key=lambda v: v[0])]


def _name(prefix: str, body: bytes, digits: int) -> str:
    """The name Pagefind gives a file holding `body`."""
    return f"{prefix}_{hashlib.sha1(body).hexdigest()[:digits]}"


def _replace(old: Path, new: Path, body: bytes) -> None:
    """`body` written gzipped without a time stamp at `new`, and `old` gone (unless it is `new`)."""
    new.write_bytes(gzip.compress(SIGNATURE + body, mtime=0))
    if old != new:
        old.unlink()


def _rename(value: object, renamed: dict[str, str]) -> object:
    """`value` with every filter file name replaced by its new one, and the (filter, file) list sorted by filter."""
    if isinstance(value, str):
        return renamed.get(value, value)
    if not isinstance(value, list):
        return value
    items = [_rename(v, renamed) for v in value]
    pairs = all(isinstance(v, list) and len(v) == 2 and v[1] in renamed.values() for v in items)
    return sorted(items, key=lambda v: v[0]) if items and pairs else items


def _read(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise _UnknownShapeError(f"{path.name}: no Pagefind signature")
    body = data[len(SIGNATURE) :]
    value, end = decode(body)
    if end != len(body) or encode(value) != body:
        raise _UnknownShapeError(f"{path.name}: CBOR not read back byte for byte")
    return value


# --- the part of CBOR (RFC 8949) Pagefind writes: unsigned integers, text, byte strings, arrays ---


def decode(data: bytes, at: int = 0) -> tuple[object, int]:
    """The value starting at `at` and where it ends."""
    major, length, at = _head(data, at)
    if major == 0:
        return length, at
    if major in (2, 3):
        chunk = data[at : at + length]
        return (chunk.decode("utf-8") if major == 3 else chunk), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise _UnknownShapeError(f"CBOR major type {major}")


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    if at >= len(data):
        raise _UnknownShapeError("CBOR ends early")
    major, info = data[at] >> 5, data[at] & 31
    if info < 24:
        return major, info, at + 1
    if info > 27:
        raise _UnknownShapeError(f"CBOR length code {info}")
    size = 1 << (info - 24)
    return major, int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def encode(value: object) -> bytes:
    """`value` in the shortest CBOR form, as Pagefind writes it."""
    if isinstance(value, bool) or value is None:
        raise _UnknownShapeError(f"CBOR value {value!r}")
    if isinstance(value, int):
        return _encode_head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _encode_head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _encode_head(2, len(value)) + value
    if isinstance(value, list):
        return _encode_head(4, len(value)) + b"".join(encode(v) for v in value)
    raise _UnknownShapeError(f"CBOR value of type {type(value).__name__}")


def _encode_head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise _UnknownShapeError(f"CBOR length {length}")
