"""Turn bytes another writer may have made (a cache entry, a shard output, the site record) into checked data.

The cache and shard outputs travel through CI caches and artifacts that other branches, jobs and
people can write, so nothing read from them is trusted for its shape:

- JSON is bounded in size and in depth before it is parsed: the depth is measured on the brackets
  outside strings, so the parser can never recurse past the bound (no RecursionError, whatever the
  nesting);
- a site path a report's result names must be one a result of that report can hold: its own page
  and PDF below `<slug>/`, or a shared asset whose name carries its content's digest; never a
  site-root file, another report's folder or a shared page;
- files are opened below their folder without following a link on the way, and read only when
  they are regular files (a FIFO, a device or a link is refused, never waited on or followed).

With a key (the environment variable KEY_VARIABLE), a keyed MAC (HMAC-SHA256) over a manifest
tells whether a writer holding the key made it; a checksum alone tells only accidental damage.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path

from reportgen import names

KEY_VARIABLE = "REPORTGEN_KUNCI_MAC"
MIN_KEY_LENGTH = 32  # characters: e.g. 64 hex digits from `openssl rand -hex 32`
DEPTH = 16  # our manifests nest 6 deep
SHA256 = re.compile(r"[0-9a-f]{64}")

# A JSON string, so that brackets inside strings are not counted (the unrolled form: no backtracking).
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
# Outside strings, every bracket as '(' or ')' and nothing else.
_AS_PARENS = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))

# What a report's result may hold besides its own folder: the assets, named by their content.
_ASSET = re.compile(
    "assets/(?:" + "|".join(re.escape(n).replace(r"\.", r"\.[0-9a-f]{10}\.") for n in names.ASSETS) + ")"
)
_OWN = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}(?:/[a-z0-9][a-z0-9._-]{0,99}){0,3}")
_SLUG = re.compile(names.SLUG_PATTERN)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Refused(ValueError):  # noqa: N818 (a verdict, not an error of ours)
    """Data that is not what reportgen writes; the reason in Indonesian."""


def load_json(data: bytes, *, limit: int, depth: int = DEPTH) -> object:
    """`data` parsed, once it is known to be at most `limit` bytes and `depth` levels deep; ValueError if not."""
    if len(data) > limit:
        raise Refused(f"lebih dari {limit} bita")
    # Removing every adjacent '()' lowers the deepest nesting by one at most, so `passes` plus the
    # opening brackets left over bound how deep a parser could ever go, truncated JSON included.
    brackets, passes = _STRING.sub(b"", data).translate(_AS_PARENS, _NOT_BRACKETS), 0
    while b"()" in brackets and passes <= depth:
        brackets, passes = brackets.replace(b"()", b""), passes + 1
    if passes + brackets.count(b"(") > depth:
        raise Refused(f"JSON bersarang lebih dari {depth} tingkat")
    return json.loads(data)  # a JSONDecodeError or UnicodeDecodeError (ValueErrors) when it is no JSON


def site_path(path: object, slug: str) -> str:
    """`path` when report `slug`'s result may hold it: below `<slug>/`, or a shared asset; else Refused."""
    if not isinstance(path, str):
        raise Refused(f"jalur {path!r} bukan teks")
    if _SLUG.fullmatch(slug) is None or slug in names.SITE_FOLDERS:
        raise Refused(f"nama laporan {slug[:80]!r} tidak sah")
    if _ASSET.fullmatch(path) is None and not (path.startswith(f"{slug}/") and _OWN.fullmatch(path[len(slug) + 1 :])):
        raise Refused(f"jalur {path[:120]!r} di luar folder laporan '{slug}' dan aset bersama")
    return path


def slug(value: object) -> str:
    """`value` when it is a report name the site can hold; else Refused."""
    if not isinstance(value, str) or _SLUG.fullmatch(value) is None or value in names.SITE_FOLDERS:
        raise Refused(f"nama laporan {str(value)[:80]!r} tidak sah")
    return value


def digest(value: object) -> str:
    """`value` when it is a SHA-256 in hex; else Refused."""
    if not isinstance(value, str) or SHA256.fullmatch(value) is None:
        raise Refused(f"{str(value)[:80]!r} bukan SHA-256")
    return value


def count(value: object, most: int = 2**53) -> int:
    """`value` when it is a whole number from 0 to `most` (a JSON true is not one); else Refused."""
    if type(value) is not int or not 0 <= value <= most:
        raise Refused(f"{str(value)[:80]!r} bukan bilangan bulat 0..{most}")
    return value


def line(value: object, longest: int = 2000) -> str:
    """`value` when it is one line of text without control characters; else Refused."""
    if not isinstance(value, str) or len(value) > longest or _CONTROL.search(value):
        raise Refused(f"{str(value)[:80]!r} bukan teks satu baris (paling panjang {longest})")
    return value


def mapping(value: object) -> Mapping[str, object]:
    """`value` when it is a JSON object; else Refused."""
    if not isinstance(value, dict):
        raise Refused(f"diharapkan objek JSON, ditemukan {type(value).__name__}")
    return value


class Folder:
    """A folder of another writer's files: each opened only below it, through no link, and only when regular."""

    def __init__(self, root: Path):
        self.root = root

    def open(self, relative: str) -> int:
        """A file descriptor of the regular file at `relative`; OSError or Refused otherwise."""
        *folders, name = relative.split("/")
        if any(part in ("", ".", "..") for part in (*folders, name)):
            raise Refused(f"jalur {relative[:120]!r} tidak dinormalkan")
        directory = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            for part in folders:  # each folder on the way opened without following a link
                inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=directory)
                os.close(directory)
                directory = inner
            # O_NONBLOCK: a FIFO is refused below instead of waiting for a writer
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=directory)
        finally:
            os.close(directory)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise Refused(f"{relative[:120]} bukan berkas biasa")
        return fd

    def read(self, relative: str, limit: int) -> bytes:
        """The bytes of the regular file at `relative`, refused past `limit` bytes."""
        fd = self.open(relative)
        with os.fdopen(fd, "rb") as handle:
            if os.fstat(fd).st_size > limit:
                raise Refused(f"{relative[:120]} lebih dari {limit} bita")
            return handle.read(limit + 1)

    def sha256(self, relative: str, size: int) -> str | None:
        """The SHA-256 of the regular file at `relative`, None when it is not of `size` bytes."""
        with os.fdopen(self.open(relative), "rb") as handle:
            if os.fstat(handle.fileno()).st_size != size:
                return None
            return hashlib.file_digest(handle, "sha256").hexdigest()

    def matches(self, relative: str, sha256: str, size: int) -> bool:
        """Whether `relative` is a regular file of `size` bytes whose SHA-256 is `sha256`."""
        try:
            return self.sha256(relative, size) == sha256
        except (OSError, Refused):
            return False

    def read_json(self, relative: str, limit: int) -> object:
        """The JSON of the regular file at `relative`, bounded (see `load_json`)."""
        return load_json(self.read(relative, limit), limit=limit)


def canonical(body: Mapping[str, object]) -> bytes:
    """The bytes a checksum or a MAC of `body` is computed over: equal for equal data, however it was written."""
    return json.dumps(body, sort_keys=True, ensure_ascii=False).encode()


def mac(key: bytes, body: Mapping[str, object]) -> str:
    """The keyed MAC (HMAC-SHA256) of `body` under `key`, in hex."""
    return hmac.new(key, canonical(body), hashlib.sha256).hexdigest()


def authentic(key: bytes, body: Mapping[str, object], given: object) -> bool:
    """Whether `given` is the MAC of `body` under `key` (compared in constant time)."""
    return isinstance(given, str) and hmac.compare_digest(mac(key, body), given)


def key_from(environ: Mapping[str, str]) -> bytes | None:
    """The MAC key KEY_VARIABLE holds, None when it is unset or empty; ValueError in Indonesian when too short."""
    value = environ.get(KEY_VARIABLE, "").strip()
    if not value:
        return None
    if len(value) < MIN_KEY_LENGTH:
        raise ValueError(
            f"variabel lingkungan {KEY_VARIABLE} berisi {len(value)} karakter; diharapkan paling sedikit "
            f"{MIN_KEY_LENGTH} karakter acak, mis. keluaran 'openssl rand -hex 32', atau kosongkan"
        )
    return value.encode()
