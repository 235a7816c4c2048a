"""Turn a report list into stable shares (shards), a shard's results into a self-describing folder, and back.

A report's shard depends on its slug only (its SHA-256 modulo N), so adding a report moves no other.
A shard output folder holds:

    shard.json  which shard K/N; the inputs every report shares (each template, the site settings,
                the versions of reportgen, its code and the libraries) and their digest; every slug of
                the project and this shard's; each report's files (site path, SHA-256, size) and
                summary; the reports that failed, with their first problem
    site/       this shard's part of the site: its reports' pages and PDFs and the assets they link

A build replaces the folder as a whole: shard.json goes first, site/ is staged and swapped in (the
build's own atomic exchange), shard.json comes back last. A folder with a shard.json is therefore
complete, and every file is checked against it when the folder is read.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.engine import assemble
from reportgen.engine.state import Published, published_from_json, published_to_json
from reportgen.errors import ShardError
from reportgen.write import write_atomic

MANIFEST = "shard.json"
SITE = "site"
FORMAT = "reportgen-shard/1"


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `count` (1-based)."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse(text: str) -> Shard:
    """'2/4' as a Shard; ValueError with an Indonesian message for anything else."""
    found = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if found is None or not 1 <= int(found[1]) <= int(found[2]):
        raise ValueError(f"diharapkan K/N dengan 1 ≤ K ≤ N, mis. 1/4; ditemukan '{text}'")
    return Shard(int(found[1]), int(found[2]))


def shard_of(slug: str, count: int) -> int:
    """The shard (1..count) report `slug` belongs to, whatever the other reports are."""
    return int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big") % count + 1


def select(slugs: Sequence[str], shard: Shard) -> list[str]:
    """The slugs of `slugs` that belong to `shard`, in their order."""
    return [slug for slug in slugs if shard_of(slug, shard.count) == shard.index]


@dataclass(frozen=True)
class Manifest:
    """What shard.json says: the shard, the shared inputs, the project's slugs, each report of the shard."""

    shard: Shard
    inputs: Mapping[str, str]  # every shared input by name: 'templates/index.html', 'settings', 'reportgen', ...
    slugs: tuple[str, ...]  # every report of the project
    reports: Mapping[str, Published]  # the shard's reports that were built
    failed: Mapping[str, str]  # the shard's reports that failed, with their first problem

    @property
    def fingerprint(self) -> str:
        """One digest of the shared inputs: equal for shards that can be assembled together."""
        return digest_inputs(self.inputs)

    @functools.cached_property
    def own(self) -> list[str]:
        """The slugs this shard is responsible for (computed once: assembling asks often)."""
        return select(self.slugs, self.shard)


@dataclass(frozen=True)
class Output:
    """A shard output folder, read."""

    folder: Path
    manifest: Manifest

    def __str__(self) -> str:
        return f"{self.folder} (shard {self.manifest.shard})"


def digest_inputs(inputs: Mapping[str, str]) -> str:
    """The digest of a set of named inputs."""
    return hashlib.sha256(json.dumps(sorted(inputs.items()), ensure_ascii=False).encode()).hexdigest()


def write(folder: Path, manifest: Manifest, sources: Mapping[str, Path]) -> None:
    """Replace the shard output in `folder`: `sources` (site path -> file) in site/, then shard.json."""
    (folder / MANIFEST).unlink(missing_ok=True)  # until the new one is written, the folder is no shard output
    staging = assemble.stage(folder / SITE, sources, dict, lambda _: lambda: None)
    assemble.publish(staging, folder / SITE)
    write_atomic(folder / MANIFEST, json.dumps(to_json(manifest), ensure_ascii=False, indent=1) + "\n")


def to_json(manifest: Manifest) -> dict[str, object]:
    """shard.json's content."""
    return {
        "format": FORMAT,
        "shard": manifest.shard.index,
        "shards": manifest.shard.count,
        "fingerprint": manifest.fingerprint,
        "inputs": dict(sorted(manifest.inputs.items())),
        "laporan": list(manifest.slugs),
        "laporan_shard": manifest.own,
        "reports": {slug: published_to_json(p) for slug, p in manifest.reports.items()},
        "failed": dict(manifest.failed),
    }


def from_json(data: Mapping[str, object]) -> Manifest:
    """The manifest `to_json` gave; KeyError, TypeError or ValueError when `data` is not one."""
    if data["format"] != FORMAT:
        raise ValueError(f"format {data['format']!r}, bukan {FORMAT!r}")
    shard = Shard(int(data["shard"]), int(data["shards"]))
    if not 1 <= shard.index <= shard.count:
        raise ValueError(f"shard {shard} tidak mungkin")
    inputs = {str(k): str(v) for k, v in data["inputs"].items()}
    reports = {str(slug): published_from_json(r) for slug, r in data["reports"].items()}
    failed = {str(slug): str(message) for slug, message in data["failed"].items()}
    return Manifest(shard, inputs, tuple(str(s) for s in data["laporan"]), reports, failed)


def read(folder: Path) -> Output:
    """The shard output in `folder`; ShardError naming the folder when it is none."""
    path = folder / MANIFEST
    if not path.is_file():
        what = "folder tidak ada" if not folder.is_dir() else f"tidak ada {MANIFEST}"
        hint = f"buat dengan: reportgen build --shard K/N --keluaran {folder}"
        raise ShardError([f"{folder}: bukan keluaran shard ({what}); {hint}"])
    try:
        return Output(folder, from_json(json.loads(path.read_bytes())))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        reason = f"{type(err).__name__}: {err}"
        raise ShardError([f"{path}: rusak atau bukan keluaran shard reportgen ini ({reason})"]) from None


def read_all(folders: Sequence[Path]) -> list[Output]:
    """Every shard output in `folders`; ShardError naming each folder that is none."""
    outputs, problems = [], []
    for folder in folders:
        try:
            outputs.append(read(folder))
        except ShardError as err:
            problems.extend(err.lines)
    if problems:
        raise ShardError(problems)
    return outputs


def mismatches(outputs: Sequence[Output]) -> list[str]:
    """Why `outputs` do not make one whole project: missing or repeated shards, other inputs, failures."""
    first = outputs[0]
    problems = []
    for other in outputs[1:]:
        if other.manifest.shard.count != first.manifest.shard.count:
            problems.append(f"{other}: jumlah shard {other.manifest.shard.count}, {first} {first.manifest.shard.count}")
        elif changed := differences(first.manifest.inputs, other.manifest.inputs):
            problems.append(f"{other}: dibangun dari masukan lain daripada {first}; berbeda: {changed}")
        elif listed := slug_differences(first.manifest.slugs, other.manifest.slugs, "hanya di sini", "tidak di sini"):
            problems.append(f"{other}: daftar laporan berbeda dengan {first}; {listed}")
    if problems:
        return problems
    count = first.manifest.shard.count
    for index in range(1, count + 1):
        given = [o for o in outputs if o.manifest.shard.index == index]
        if not given:
            problems.append(f"shard {index}/{count} tidak ada di antara folder yang diberikan")
        elif len(given) > 1:
            folders = ", ".join(str(o.folder) for o in given)
            problems.append(f"shard {index}/{count} diberikan lebih dari sekali: {folders}")
    for output in outputs:
        for slug, message in output.manifest.failed.items():
            problems.append(f"{output}: laporan '{slug}' gagal dibangun ({message}); perbaiki, lalu bangun ulang shard")
        for slug in output.manifest.own:
            if slug not in output.manifest.reports and slug not in output.manifest.failed:
                problems.append(f"{output}: laporan '{slug}' tidak ada di keluaran shard")
    return problems


def differences(expected: Mapping[str, str], found: Mapping[str, str]) -> str:
    """The names of the inputs whose values differ ('templates/index.html, reportgen-code'), '' when none."""
    names = sorted(name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name))
    return ", ".join(names[:5]) + (f" dan {len(names) - 5} lainnya" if len(names) > 5 else "")


def slug_differences(expected: Sequence[str], found: Sequence[str], only_found: str, only_expected: str) -> str:
    """The slugs found but not expected and expected but not found, each list after its label; '' when none."""
    extra = [slug for slug in found if slug not in expected]
    absent = [slug for slug in expected if slug not in found]
    parts = [f"{only_found}: {', '.join(extra)}"] if extra else []
    return "; ".join([*parts, *([f"{only_expected}: {', '.join(absent)}"] if absent else [])])


def site_files(outputs: Sequence[Output]) -> tuple[dict[str, Path], list[str]]:
    """Every report file of `outputs` by site path, each checked against its shard.json, and what is wrong."""
    files, problems, checked = {}, [], set()
    for output in outputs:
        for slug in output.manifest.own:
            published = output.manifest.reports.get(slug)
            for path, ref in published.files.items() if published else ():
                source = output.folder / SITE / path
                if source in checked:  # an asset every report of the shard links
                    continue
                checked.add(source)
                try:
                    data = source.read_bytes()
                except OSError:
                    problems.append(f"{source}: tidak ada, padahal tercatat di {output.folder / MANIFEST}")
                    continue
                if len(data) != ref.size or hashlib.sha256(data).hexdigest() != ref.sha256:
                    problems.append(f"{source}: isinya tidak sesuai dengan {output.folder / MANIFEST} (rusak/diubah)")
                files[path] = source
    return files, problems
