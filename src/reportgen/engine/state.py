"""Turn the record of the published site into data and back: which result each report published.

The record lies beside the site (output/.reportgen-state.json), never inside it. It names the site
folder's inode, so a record that does not describe the folder in place (a build killed between
writing the record and swapping the site) is recognised and not trusted for a no-op. A record that
is damaged in any way (nested 100 000 deep, a path outside its report's folder, a summary the
model refuses) is no record: the build goes on as if there were none.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.engine import untrusted
from reportgen.engine.cache import FileRef, files_from_json
from reportgen.summary import Summary
from reportgen.write import write_atomic

FILE = ".reportgen-state.json"
FORMAT = "reportgen-site/2"  # 2: summaries list downloads
LIMIT = 256 << 20  # bytes, as a shard.json's: about 5 kB a report


@dataclass(frozen=True)
class Published:
    """One report as the site holds it: the job it came from, its files, its summary."""

    key: str
    files: Mapping[str, FileRef]
    summary: Summary


@dataclass(frozen=True)
class State:
    """The published site: its folder's inode, what it was built from, and each report in it."""

    inode: int
    fingerprint: str
    complete: bool  # every listed report was built or taken from the cache, none failed
    reports: Mapping[str, Published] = field(default_factory=dict)


def read(output: Path) -> State | None:
    """The record in `output`, or None when there is none or it cannot be read."""
    try:
        data = untrusted.mapping(untrusted.Folder(output).read_json(FILE, LIMIT))
        if data["format"] != FORMAT:
            return None
        reports = {untrusted.slug(slug): published_from_json(r, slug) for slug, r in data["reports"].items()}
        fingerprint, complete = untrusted.line(data["fingerprint"], 200), data["complete"]
        return State(untrusted.count(data["inode"]), fingerprint, complete is True, reports)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # untrusted.Refused is a ValueError
        return None


def write(output: Path, state: State) -> None:
    """Record `state` in `output`, atomically."""
    data = {
        "format": FORMAT,
        "inode": state.inode,
        "fingerprint": state.fingerprint,
        "complete": state.complete,
        "reports": {slug: published_to_json(p) for slug, p in state.reports.items()},
    }
    write_atomic(output / FILE, json.dumps(data, ensure_ascii=False) + "\n")  # compact: the C encoder


def published_to_json(published: Published) -> dict[str, object]:
    """One published report as JSON-ready data."""
    files = {path: {"sha256": f.sha256, "size": f.size} for path, f in sorted(published.files.items())}
    return {"key": published.key, "files": files, "summary": published.summary.to_json()}


def published_from_json(data: object, slug: str) -> Published:
    """Report `slug` as `published_to_json` gave it; Refused (or KeyError, TypeError) when `data` is not one."""
    data = untrusted.mapping(data)
    summary = Summary.from_json(untrusted.mapping(data["summary"]))
    return Published(untrusted.digest(data["key"]), files_from_json(data["files"], slug, summary), summary)


def describes(state: State | None, site: Path) -> bool:
    """Whether `state` is the record of the folder now at `site`."""
    try:
        return state is not None and site.stat().st_ino == state.inode
    except OSError:
        return False
