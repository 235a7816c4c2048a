"""Turn a job's digest into the stored result of an identical earlier job, checked before it is served.

One entry per job: a JSON manifest at entries/<key[:2]>/<key>.json naming the job's files by their
SHA-256, and the files themselves once each in blobs/<sha[:2]>/<sha>; last/<slug> names the entry
most recently stored for a report, its last good version. Every file is written
atomically and the manifest last, so a build killed mid-write leaves no entry that looks whole. A
manifest that does not parse, belongs to another key or format, fails its own checksum, or names a
blob that is missing or whose bytes do not match is treated as absent (and rebuilt), never served.
The format is plain JSON and bytes, never pickle: a cache shared between machines runs no code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reportgen.summary import Summary
from reportgen.write import write_atomic

FORMAT = "reportgen-cache/1"


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
    """A content-addressed store of job results under one folder."""

    def __init__(self, root: Path):
        self.root = root

    def get(self, key: str) -> Stored | None:
        """The verified entry of `key`, or None when there is none or it is damaged."""
        try:
            data = json.loads(self._entry(key).read_bytes())
            stored = _from_manifest(data, key)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
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
                write_atomic(self.blob(ref.sha256), data)
            refs[path] = ref
        stored = Stored(key, slug, refs, summary, round(seconds, 3))
        write_atomic(self._entry(key), json.dumps(_manifest(stored), ensure_ascii=False) + "\n")
        write_atomic(self._last(slug), key + "\n")
        return stored

    def last(self, slug: str) -> Stored | None:
        """The verified entry most recently stored for report `slug`, or None."""
        try:
            key = self._last(slug).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        stored = self.get(key) if len(key) == 64 and key.isalnum() else None
        return stored if stored is not None and stored.slug == slug else None

    def blob(self, sha256: str) -> Path:
        """Where the file of digest `sha256` is kept."""
        return self.root / "blobs" / sha256[:2] / sha256

    def verify(self, ref: FileRef) -> bool:
        """Whether the blob of `ref` is there, whole and unchanged."""
        path = self.blob(ref.sha256)
        try:
            if path.stat().st_size != ref.size:
                return False
            return hashlib.sha256(path.read_bytes()).hexdigest() == ref.sha256
        except OSError:
            return False

    def _mark(self) -> None:
        """Tell git and backup tools that the folder is a cache (as pytest marks its own)."""
        if not (self.root / ".gitignore").exists():
            write_atomic(self.root / ".gitignore", "# reportgen's cache: safe to delete\n*\n")
            write_atomic(self.root / "CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n")

    def _entry(self, key: str) -> Path:
        return self.root / "entries" / key[:2] / f"{key}.json"

    def _last(self, slug: str) -> Path:
        return self.root / "last" / slug


def _manifest(stored: Stored) -> dict[str, object]:
    body = {
        "format": FORMAT,
        "key": stored.key,
        "slug": stored.slug,
        "files": {path: {"sha256": r.sha256, "size": r.size} for path, r in sorted(stored.files.items())},
        "summary": stored.summary.to_json(),
        "seconds": stored.seconds,
    }
    return {**body, "checksum": _checksum(body)}


def _from_manifest(data: dict, key: str) -> Stored:
    body = {k: v for k, v in data.items() if k != "checksum"}
    if data.get("format") != FORMAT or data.get("key") != key or data.get("checksum") != _checksum(body):
        raise ValueError("foreign or damaged cache entry")
    files = {path: FileRef(str(r["sha256"]), int(r["size"])) for path, r in data["files"].items()}
    return Stored(key, str(data["slug"]), files, Summary.from_json(data["summary"]), float(data["seconds"]))


def _checksum(body: Mapping[str, object]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
