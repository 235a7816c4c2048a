"""Turn a job's digest into the stored result of an identical earlier job, checked before it is served.

One entry per job: a JSON manifest at entries/<key[:2]>/<key>.json naming the job's files by their
SHA-256, and the files themselves once each in blobs/<sha[:2]>/<sha>; last/<slug> names the entry
most recently stored for a report, its last good version. Every file is written
atomically and the manifest last, so a build killed mid-write leaves no entry that looks whole.

A cache shared through CI is written by others, so an entry is served only when all of it is what
a build of this job makes (engine/untrusted.py): the manifest bounded before it is parsed, its key,
format and checksum, and with a key its keyed MAC; the report it names the job's, every file path
one that report's result can hold, its summary valid by the model that makes it; every blob a
regular file reached through no link, of the recorded size and digest. Anything else is treated as
absent (and rebuilt), never served. The format is plain JSON and bytes, never pickle: a cache
shared between machines runs no code.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reportgen.engine import untrusted
from reportgen.engine.untrusted import Refused
from reportgen.summary import Summary
from reportgen.write import write_atomic

FORMAT = "reportgen-cache/2"  # 2: a summary lists its downloads
MANIFEST_LIMIT = 1 << 20  # bytes of one entry's manifest; a real one is a few kilobytes
MOST_FILES = 100  # a result holds its page, its PDF and the assets


@dataclass(frozen=True)
class FileRef:
    """A file of a result, by content."""

    sha256: str
    size: int


@dataclass(frozen=True)
class Stored:
    """A job's result as the cache holds it: its files by site path, its summary, what it cost."""

    key: str
    slug: str
    files: Mapping[str, FileRef]
    summary: Summary
    seconds: float


class Cache:
    """A content-addressed store of job results under one folder; `key` set, every entry carries its MAC."""

    def __init__(self, root: Path, key: bytes | None = None):
        self.root = root
        self.key = key
        self._folder = untrusted.Folder(root)
        self._made: set[str] = set()  # folders known to be real folders, not links

    def get(self, key: str, slug: str) -> Stored | None:
        """The verified entry of `key` for report `slug`, or None when there is none or it is refused."""
        try:
            data = self._folder.read_json(f"entries/{key[:2]}/{key}.json", MANIFEST_LIMIT)
            stored = _from_manifest(data, key, slug, self.key)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):  # Refused is a ValueError
            return None
        if not all(self.verify(ref) for ref in stored.files.values()):
            return None
        return stored

    def put(self, key: str, slug: str, files: Mapping[str, bytes], summary: Summary, seconds: float) -> Stored:
        """Store a result: its blobs first, then the manifest that makes it visible."""
        self._mark()
        refs = {}
        for path, data in sorted(files.items()):
            ref = FileRef(hashlib.sha256(data).hexdigest(), len(data))
            if not self.verify(ref):  # absent, or damaged: (re)written
                write_atomic(self._own(self.blob(ref.sha256)), data)
            refs[path] = ref
        stored = Stored(key, slug, refs, summary, round(seconds, 3))
        manifest = json.dumps(_manifest(stored, self.key), ensure_ascii=False)
        write_atomic(self._own(self._entry(key)), manifest + "\n")
        write_atomic(self._own(self._last(slug)), key + "\n")
        return stored

    def last(self, slug: str) -> Stored | None:
        """The verified entry most recently stored for report `slug`, or None."""
        try:
            key = self._folder.read(f"last/{untrusted.slug(slug)}", 100).decode("ascii").strip()
        except (OSError, ValueError):  # UnicodeDecodeError and Refused are ValueErrors
            return None
        return self.get(key, slug) if untrusted.SHA256.fullmatch(key) else None

    def blob(self, sha256: str) -> Path:
        """Where the file of digest `sha256` is kept."""
        return self.root / "blobs" / sha256[:2] / sha256

    def verify(self, ref: FileRef) -> bool:
        """Whether the blob of `ref` is there, a regular file reached through no link, whole and unchanged."""
        return self._folder.matches(f"blobs/{ref.sha256[:2]}/{ref.sha256}", ref.sha256, ref.size)

    def _mark(self) -> None:
        """Tell git and backup tools that the folder is a cache (as pytest marks its own)."""
        if not (self.root / ".gitignore").exists():
            write_atomic(self.root / ".gitignore", "# reportgen's cache: safe to delete\n*\n")
            write_atomic(self.root / "CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n")

    def _own(self, path: Path) -> Path:
        """`path`, once every folder between the cache's root and it is a real folder.

        A link planted in a shared cache (blobs/ab -> a folder elsewhere) would send a write outside
        the cache: it is removed, never followed (the link goes, what it points to stays).
        """
        folder = self.root
        for part in path.parent.relative_to(self.root).parts:
            folder = folder / part
            if str(folder) in self._made:
                continue
            try:
                mode = os.lstat(folder).st_mode
            except FileNotFoundError:
                mode = None
            if mode is not None and not stat.S_ISDIR(mode):
                folder.unlink()
            if mode is None or not stat.S_ISDIR(mode):
                folder.mkdir()
            self._made.add(str(folder))
        return path

    def _entry(self, key: str) -> Path:
        return self.root / "entries" / key[:2] / f"{key}.json"

    def _last(self, slug: str) -> Path:
        return self.root / "last" / slug


def _manifest(stored: Stored, key: bytes | None) -> dict[str, object]:
    body = {
        "format": FORMAT,
        "key": stored.key,
        "slug": stored.slug,
        "files": {path: {"sha256": r.sha256, "size": r.size} for path, r in sorted(stored.files.items())},
        "summary": stored.summary.to_json(),
        "seconds": stored.seconds,
    }
    return {**body, "checksum": _checksum(body), **({"mac": untrusted.mac(key, body)} if key else {})}


def _from_manifest(data: object, key: str, slug: str, mac_key: bytes | None) -> Stored:
    """The entry `data` describes, when it is job `key`'s result for report `slug`; Refused otherwise."""
    data = untrusted.mapping(data)
    body = {k: v for k, v in data.items() if k not in ("checksum", "mac")}
    if data.get("format") != FORMAT or data.get("key") != key or data.get("checksum") != _checksum(body):
        raise Refused("entri tembolok asing atau rusak")
    if mac_key is not None and not untrusted.authentic(mac_key, body, data.get("mac")):
        raise Refused("entri tembolok tanpa MAC yang sah")
    if data["slug"] != slug:
        raise Refused(f"entri tembolok laporan lain ({str(data['slug'])[:80]!r})")
    summary = Summary.from_json(untrusted.mapping(data["summary"]))
    seconds = data["seconds"]
    if type(seconds) not in (int, float) or not math.isfinite(seconds) or seconds < 0:
        raise Refused(f"seconds {seconds!r}")
    return Stored(key, slug, files_from_json(data["files"], slug, summary), summary, float(seconds))


def files_from_json(data: object, slug: str, summary: Summary) -> dict[str, FileRef]:
    """The files of report `slug`'s result by site path, as a manifest lists them; Refused unless each is
    one a result of `slug` holds (engine/untrusted.py), with its page and every download its summary lists.
    """
    listed = untrusted.mapping(data)
    if len(listed) > MOST_FILES:
        raise Refused(f"lebih dari {MOST_FILES} berkas")
    files = {}
    for path, ref in listed.items():
        ref = untrusted.mapping(ref)
        files[untrusted.site_path(path, slug)] = FileRef(untrusted.digest(ref["sha256"]), untrusted.count(ref["size"]))
    for asset in (path for path in files if not path.startswith(f"{slug}/")):  # named by its own digest
        if asset.rsplit(".", 2)[1] != files[asset].sha256[:10]:
            raise Refused(f"aset {asset} tidak sesuai dengan isinya")
    if summary.slug != slug or f"{slug}/index.html" not in files:
        raise Refused(f"ringkasan atau halaman laporan '{slug}' tidak sesuai")
    for download in summary.downloads:
        listed = files.get(f"{slug}/{download.name}")
        if listed is None or listed.size != download.size:
            raise Refused(f"berkas unduhan '{download.name}' laporan '{slug}' tidak tercatat dengan ukurannya")
    return files


def _checksum(body: Mapping[str, object]) -> str:
    return hashlib.sha256(untrusted.canonical(body)).hexdigest()
