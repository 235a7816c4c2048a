"""Turn the filter index Pagefind made into the same bytes for the same site.

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
import zlib
from collections.abc import Mapping

SIGNATURE = b"pagefind_dcd"
_FILTER_DIGITS, _META_DIGITS = 7, 10


class _UnknownShapeError(ValueError):
    """CBOR this module does not read back byte for byte."""


def normalize(bundle: Mapping[str, bytes]) -> dict[str, bytes]:
    """`bundle` (path in site/pagefind -> bytes) with every language's filter and metadata files deterministic."""
    files = dict(bundle)
    if "pagefind-entry.json" not in files:
        return files
    entry_text = files["pagefind-entry.json"].decode("utf-8")
    for language in json.loads(entry_text)["languages"].values():
        try:
            new_hash, files = _normalize_language(files, language["hash"])
        except _UnknownShapeError:
            continue
        entry_text = entry_text.replace(f'"hash":"{language["hash"]}"', f'"hash":"{new_hash}"')
    files["pagefind-entry.json"] = entry_text.encode("utf-8")
    return files


def _normalize_language(files: Mapping[str, bytes], meta_hash: str) -> tuple[str, dict[str, bytes]]:
    """The metadata's new hash, and `files` with one language's filter files and metadata sorted and renamed.

    Everything is read and checked before anything is replaced, so an unknown shape changes nothing.
    """
    prefix = meta_hash.rpartition("_")[0]
    filters = sorted(p for p in files if p.startswith(f"filter/{prefix}_") and p.endswith(".pf_filter"))
    bodies = {path: encode(_sorted_filter(_read(path, files[path]))) for path in filters}
    renamed = {_stem(path): _name(prefix, body, _FILTER_DIGITS) for path, body in bodies.items()}
    meta_path = f"pagefind.{meta_hash}.pf_meta"
    if meta_path not in files:
        raise _UnknownShapeError(f"{meta_path} missing")
    meta_body = encode(_rename(_read(meta_path, files[meta_path]), renamed))
    new_hash = _name(prefix, meta_body, _META_DIGITS)
    result = {path: data for path, data in files.items() if path not in bodies and path != meta_path}
    for path, body in bodies.items():
        result[f"filter/{renamed[_stem(path)]}.pf_filter"] = _pack(body)
    result[f"pagefind.{new_hash}.pf_meta"] = _pack(meta_body)
    return new_hash, result


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


def _stem(path: str) -> str:
    """'filter/id_1a2b3c4.pf_filter' -> 'id_1a2b3c4'."""
    return path.rpartition("/")[2].partition(".")[0]


def _pack(body: bytes) -> bytes:
    """`body` as Pagefind stores it: signed and gzipped, without a time stamp."""
    return gzip.compress(SIGNATURE + body, mtime=0)


def _rename(value: object, renamed: dict[str, str]) -> object:
    """`value` with every filter file name replaced by its new one, and the (filter, file) list sorted by filter."""
    if isinstance(value, str):
        return renamed.get(value, value)
    if not isinstance(value, list):
        return value
    items = [_rename(v, renamed) for v in value]
    pairs = all(isinstance(v, list) and len(v) == 2 and v[1] in renamed.values() for v in items)
    return sorted(items, key=lambda v: v[0]) if items and pairs else items


def _read(path: str, packed: bytes) -> object:
    try:
        data = gzip.decompress(packed)
    except (OSError, EOFError, zlib.error) as err:  # what is not gzip, or a damaged one
        raise _UnknownShapeError(f"{path}: {err}") from None
    if not data.startswith(SIGNATURE):
        raise _UnknownShapeError(f"{path}: no Pagefind signature")
    body = data[len(SIGNATURE) :]
    value, end = decode(body)
    if end != len(body) or encode(value) != body:
        raise _UnknownShapeError(f"{path}: CBOR not read back byte for byte")
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
