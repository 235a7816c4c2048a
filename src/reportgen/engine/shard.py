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

A shard output travels as a CI artifact, so it is read as another writer's data (engine/untrusted.py):
shard.json bounded before it is parsed, every slug, input name and failure message checked for its
form, each report one of those the slug hash gives this shard, each file path one that report's
result can hold, each summary valid, each file a regular one reached through no link. With a key,
shard.json carries a keyed MAC over its content, and a shard without a valid one is refused: only
then is a page edited together with its digest in shard.json told from a genuine one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.engine import publish, untrusted
from reportgen.engine.state import Published, published_from_json, published_to_json
from reportgen.engine.untrusted import Refused
from reportgen.errors import ShardError
from reportgen.write import write_atomic

MANIFEST = "shard.json"
SITE = "site"
FORMAT = "reportgen-shard/2"  # 2: formats instead of a PDF flag; summaries list downloads
MANIFEST_LIMIT = 256 << 20  # bytes of shard.json: about 5 kB a report, so some 50 000 reports
MOST_SHARDS = 1000
_INPUT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+-]{0,199}")


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


def write(folder: Path, manifest: Manifest, sources: Mapping[str, Path], key: bytes | None = None) -> None:
    """Replace the shard output in `folder`: `sources` (site path -> file) in site/, then shard.json (MAC: `key`)."""
    (folder / MANIFEST).unlink(missing_ok=True)  # until the new one is written, the folder is no shard output
    staging = publish.stage(folder / SITE, sources, dict, lambda _: lambda: None)
    publish.swap_in(staging, folder / SITE)
    write_atomic(folder / MANIFEST, json.dumps(to_json(manifest, key), ensure_ascii=False, indent=1) + "\n")


def to_json(manifest: Manifest, key: bytes | None = None) -> dict[str, object]:
    """shard.json's content; with `key`, its keyed MAC too."""
    body = {
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
    return {**body, **({"mac": untrusted.mac(key, body)} if key else {})}


def from_json(data: object, key: bytes | None = None) -> Manifest:
    """The manifest `to_json` gave; Refused (or KeyError, TypeError, ValueError) when `data` is not one.

    With `key`, its MAC must be valid. Without, its form is still checked: every name and path, and
    that it carries only reports the slug hash gives this shard.
    """
    data = untrusted.mapping(data)
    if data.get("format") != FORMAT:
        raise Refused(f"format {str(data.get('format'))[:80]!r}, bukan {FORMAT!r}")
    if key is not None and not untrusted.authentic(key, {k: v for k, v in data.items() if k != "mac"}, data.get("mac")):
        raise Refused(f"tanpa MAC yang sah untuk kunci di {untrusted.KEY_VARIABLE}")
    count = untrusted.count(data["shards"], MOST_SHARDS)
    shard = Shard(untrusted.count(data["shard"], count), count)
    if not 1 <= shard.index <= shard.count:
        raise Refused(f"shard {shard} tidak mungkin")
    inputs = {_input_name(k): untrusted.line(v, 200) for k, v in untrusted.mapping(data["inputs"]).items()}
    slugs = tuple(untrusted.slug(s) for s in _list(data["laporan"]))
    if len(set(slugs)) != len(slugs):
        raise Refused("daftar laporan memuat nama yang sama dua kali")
    own = set(select(slugs, shard))
    reports = {_own(slug, own, shard): published_from_json(r, slug) for slug, r in _items(data["reports"])}
    failed = {_own(slug, own, shard): untrusted.line(message) for slug, message in _items(data["failed"])}
    if both := reports.keys() & failed.keys():
        raise Refused(f"laporan '{sorted(both)[0]}' tercatat dibangun sekaligus gagal")
    return Manifest(shard, inputs, slugs, reports, failed)


def _input_name(name: str) -> str:
    if _INPUT_NAME.fullmatch(name) is None:
        raise Refused(f"nama masukan {name[:80]!r} tidak sah")
    return name


def _own(slug: str, own: set[str], shard: Shard) -> str:
    """`slug` when the slug hash gives it to `shard`: a shard carries no other's report."""
    if slug not in own:
        raise Refused(f"laporan {slug[:80]!r} bukan bagian shard {shard}")
    return slug


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise Refused(f"diharapkan daftar JSON, ditemukan {type(value).__name__}")
    return value


def _items(value: object) -> list[tuple[str, object]]:
    return list(untrusted.mapping(value).items())


def read(folder: Path, key: bytes | None = None) -> Output:
    """The shard output in `folder`; ShardError naming the folder when it is none (or, with `key`, unsigned)."""
    path = folder / MANIFEST
    if not path.is_file() and not path.is_symlink():
        what = "folder tidak ada" if not folder.is_dir() else f"tidak ada {MANIFEST}"
        hint = f"buat dengan: reportgen build --shard K/N --keluaran {folder}"
        raise ShardError([f"{folder}: bukan keluaran shard ({what}); {hint}"])
    try:
        return Output(folder, from_json(untrusted.Folder(folder).read_json(MANIFEST, MANIFEST_LIMIT), key))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        reason = str(err) if isinstance(err, Refused) else f"{type(err).__name__}: {err}"
        raise ShardError([f"{path}: rusak atau bukan keluaran shard reportgen ini ({reason})"]) from None


def read_all(folders: Sequence[Path], key: bytes | None = None) -> list[Output]:
    """Every shard output in `folders`; ShardError naming each folder that is none."""
    outputs, problems = [], []
    for folder in folders:
        try:
            outputs.append(read(folder, key))
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
        site = untrusted.Folder(output.folder / SITE)
        for slug in output.manifest.own:
            published = output.manifest.reports.get(slug)
            for path, ref in published.files.items() if published else ():
                source = output.folder / SITE / path
                if source in checked:  # an asset every report of the shard links
                    continue
                checked.add(source)
                try:
                    found = site.sha256(path, ref.size)
                except FileNotFoundError:
                    problems.append(f"{source}: tidak ada, padahal tercatat di {output.folder / MANIFEST}")
                    continue
                except (OSError, Refused):
                    problems.append(f"{source}: bukan berkas biasa (tautan, FIFO atau perangkat, atau di balik tautan)")
                    continue
                if found != ref.sha256:
                    problems.append(f"{source}: isinya tidak sesuai dengan {output.folder / MANIFEST} (rusak/diubah)")
                files[path] = source
    return files, problems
