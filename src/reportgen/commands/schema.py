"""Turn the schema's models into the JSON Schema files editors read, written into the project."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Options:
    """What `reportgen schema` was asked: the project, and the folder to write into (None: ROOT/schema)."""

    root: Path
    output: Path | None = None


@dataclass(frozen=True)
class Written:
    """The folder written into and the files written there."""

    folder: Path
    files: Sequence[str]


def run(options: Options) -> Written:
    """Write every editor schema, each atomically."""
    from reportgen import editor_schema
    from reportgen.write import write_atomic

    folder = options.output or options.root / "schema"
    written = editor_schema.schemas()
    for name, schema in written.items():
        write_atomic(folder / name, editor_schema.to_text(schema))
    return Written(folder, tuple(written))
