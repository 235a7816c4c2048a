"""Turn the record of the published site into data and back: which result each report published.

The record lies beside the site (output/.reportgen-state.json), never inside it. It names the site
folder's inode, so a record that does not describe the folder in place (a build killed between
writing the record and swapping the site) is recognised and not trusted for a no-op.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.engine.cache import FileRef
from reportgen.summary import Summary
from reportgen.write import write_atomic

FILE = ".reportgen-state.json"
FORMAT = "reportgen-site/1"


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
        data = json.loads((output / FILE).read_bytes())
        if data["format"] != FORMAT:
            return None
        reports = {slug: published_from_json(r) for slug, r in data["reports"].items()}
        return State(int(data["inode"]), str(data["fingerprint"]), bool(data["complete"]), reports)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
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


def published_from_json(data: Mapping[str, object]) -> Published:
    """The report `published_to_json` gave; KeyError, TypeError or ValueError when `data` is not one."""
    files = {str(path): FileRef(str(f["sha256"]), int(f["size"])) for path, f in data["files"].items()}
    return Published(str(data["key"]), files, Summary.from_json(data["summary"]))


def describes(state: State | None, site: Path) -> bool:
    """Whether `state` is the record of the folder now at `site`."""
    try:
        return state is not None and site.stat().st_ino == state.inode
    except OSError:
        return False
