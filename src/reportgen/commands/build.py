"""Turn the build command's options into a built site (or a shard's output) and what happened to each report."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import outputs
from reportgen.engine import DEFAULT_TIMEOUT
from reportgen.engine.outcome import Outcome, Progress, Silent
from reportgen.engine.shard import Shard


@dataclass(frozen=True)
class Options:
    """What `reportgen build` was asked: the project, where to, which reports, how."""

    root: Path
    output: Path | None = None  # None: ROOT/output, or ROOT/output/shard-K-dari-N for a shard
    only: Sequence[str] = ()
    workers: int | None = None  # None: one per core
    formats: tuple[str, ...] = outputs.ALL  # outputs/: the formats to make
    fresh: bool = False
    timeout: float = DEFAULT_TIMEOUT
    cache: Path | None = None
    shard: Shard | None = None
    progress: Progress = field(default_factory=Silent)


@dataclass(frozen=True)
class Built:
    """What the build did, and the folder it wrote."""

    outcome: Outcome
    output: Path


def output_folder(root: Path, given: Path | None, part: Shard | None) -> Path:
    """Where a build writes: the folder given, else output/ of the project (a shard's own folder below it)."""
    if given is not None:
        return given
    return root / (f"output/shard-{part.index}-dari-{part.count}" if part else "output")


def run(options: Options) -> Built:
    """Build the project as `options` say; the progress is closed however the build ends."""
    from reportgen.engine import build, untrusted

    output = output_folder(options.root, options.output, options.shard)
    engine_options = build.Options(
        only=options.only,
        workers=options.workers,
        formats=options.formats,
        fresh=options.fresh,
        timeout=options.timeout,
        cache=options.cache,
        progress=options.progress,
        shard=options.shard,
        key=untrusted.key_from(os.environ),
    )
    try:
        outcome = build.build(options.root, output, engine_options)
    finally:
        options.progress.close()
    return Built(outcome, output)
