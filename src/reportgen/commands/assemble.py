"""Turn shard outputs into the published site: checked against each other and the project, then swapped in.

`reportgen assemble` renders no report and needs no PDF renderer: the shards bring every report's
pages, PDFs and summaries; the project folder brings the templates and site settings the shared
pages (index, Rekapitulasi, search, 404, sitemap) are rendered with. Everything is checked before
anything is written: the shards must be 1..N of one N, each once, built from the same shared inputs
(templates, settings, reportgen and library versions) as each other and as this project and this
reportgen, over the project's report list, each report from the files its folder holds here (its
cache key computed again), with no report failed and every file as shard.json records it. Then the
site is staged and swapped in as a build does, under the same lock, with the same record of what
it holds.

A shard with a failed report is refused rather than published without it, or with an older version
of it: a site of official documents that silently lacks a regency's report, or shows last year's,
is worse than the previous site left in place one more day.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.engine import plan, publish, shard, state, untrusted
from reportgen.engine.clock import Clock
from reportgen.engine.publish import Chosen
from reportgen.engine.shard import Output
from reportgen.errors import ShardError
from reportgen.outputs import ALL, FORMATS


@dataclass(frozen=True)
class Assembled:
    """What an assembly did: how many reports from how many shards, the time it took and its phases."""

    reports: int
    shards: int
    seconds: float
    phases: Mapping[str, float]


@dataclass(frozen=True)
class Options:
    """What `reportgen assemble` was asked: the project, the shard outputs, where to publish (None: ROOT/output)."""

    root: Path
    shards: Sequence[Path]
    output: Path | None = None


@dataclass(frozen=True)
class Done:
    """What the command did, and the output folder whose site/ it published."""

    assembled: Assembled
    output: Path


def run(options: Options) -> Done:
    """Assemble the shards as `options` say, authenticated with the key of the environment if there is one."""
    output = options.output or options.root / "output"
    return Done(assemble(options.root, output, options.shards, untrusted.key_from(os.environ)), output)


def assemble(root: Path, output: Path, folders: Sequence[Path], key: bytes | None = None) -> Assembled:
    """Publish the site of the shard outputs in `folders` into `output/site`, with `root`'s templates.

    With `key`, every shard.json must carry a valid keyed MAC (engine/untrusted.py).
    """
    from reportgen import load, render  # after the shards are read: a folder given by mistake costs no import

    clock = Clock()
    outputs = shard.read_all(folders, key)
    _refuse(shard.mismatches(outputs) + _not_an_output(output, outputs))
    project = load.load_project(root)
    render.check_templates(root / "templates")
    settings = project.config.model_dump(mode="json", exclude={"laporan"})
    here = dict(plan.site_inputs(root, settings, formats=_formats(outputs[0]), machine=False))
    files, damaged = shard.site_files(outputs)
    problems = _against_project(outputs[0], here, project.config.laporan)
    _refuse(problems + damaged + ([] if problems else _against_content(outputs, root, settings)))
    clock.lap("periksa")
    owner = {slug: o for o in outputs for slug in o.manifest.own}
    published: Chosen = {}
    for slug in project.config.laporan:
        entry = owner[slug].manifest.reports[slug]
        published[slug] = (entry, {path: files[path] for path in entry.files})
    fingerprint = "rakitan:" + outputs[0].manifest.fingerprint  # never a build's: a later build plans afresh
    record = state.State(0, fingerprint, True, {slug: entry for slug, (entry, _) in published.items()})
    with publish.lock(output):
        publish.remove_leftovers(output)
        publish.publish_site(project, output / "site", output, published, record, clock)
    return Assembled(len(published), len(outputs), clock.total(), dict(clock.phases))


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ShardError(problems)


def _not_an_output(output: Path, outputs: Sequence[Output]) -> list[str]:
    """The site must not be assembled into a shard output folder (its site/ is the shard's part)."""
    if (output / shard.MANIFEST).is_file() or any(o.folder.resolve() == output.resolve() for o in outputs):
        return [f"{output}: folder keluaran ini adalah keluaran shard; pilih folder lain dengan --keluaran"]
    return []


def _against_project(first: Output, here: Mapping[str, str], slugs: Sequence[str]) -> list[str]:
    """Whether the shards were built from this project's templates, settings and report list, by this reportgen."""
    problems = []
    recorded = {name: value for name, value in first.manifest.inputs.items() if name in here}
    if changed := shard.differences(recorded, here):
        problems.append(
            f"proyek dan reportgen ini berbeda dengan yang membangun {first}; berbeda: {changed}. "
            "Rakit dengan proyek dan versi yang sama, atau bangun ulang shard"
        )
    if listed := shard.slug_differences(first.manifest.slugs, slugs, "tidak ada di shard", "tidak ada di reports.yaml"):
        problems.append(f"reports.yaml: daftar laporan berbeda dengan {first}; {listed}")
    return problems


def _formats(output: Output) -> tuple[str, ...]:
    """The formats a shard was built with, as its inputs name them (a name no format has is left out:
    the inputs then differ from the project's, which refuses the shard)."""
    return tuple(name for name in output.manifest.inputs.get("formats", "").split() if name in FORMATS)


def _against_content(outputs: Sequence[Output], root: Path, settings: Mapping[str, object]) -> list[str]:
    """Whether each report was built from the files its folder in this project holds now.

    A report's cache key is the digest of all its inputs; it is computed again here from this
    project's files, with the text libraries and fonts of the machines that rendered.
    """
    machine = tuple((name, outputs[0].manifest.inputs.get(name, "-")) for name in plan.MACHINE)
    shared = plan.shared_inputs(root, settings, machine).inputs
    problems = []
    for output in outputs:
        reports = output.manifest.reports
        scanned = plan.scan(root, [slug for slug in output.manifest.own if slug in reports])
        # a build of fewer formats may publish a full build's result from the cache: either key is its own
        formats = (_formats(outputs[0]), ALL)
        changed = [
            slug
            for slug, own in scanned.items()
            if reports[slug].key not in {plan.job_key((*own, *shared), f) for f in formats}
        ]
        if changed:
            listed = ", ".join(changed[:10]) + (f" dan {len(changed) - 10} lainnya" if len(changed) > 10 else "")
            problems.append(
                f"{output}: {len(changed)} laporan dibangun dari isi yang berbeda dengan folder content/ proyek ini: "
                f"{listed}. Rakit dengan proyek yang sama, atau bangun ulang shard"
            )
    return problems
