"""Turn a new report's name and facts into its first laporan.yaml, listed in reports.yaml."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Options:
    """What `reportgen new` was asked: the project, the report's name, the facts given (None: the default)."""

    root: Path
    slug: str
    wilayah: str | None = None
    program: str | None = None
    jenis_program: str | None = None
    tahun: int | None = None
    today: dt.date | None = None  # None: today


@dataclass(frozen=True)
class Created:
    """The report file written and the settings file that lists it now."""

    report: Path
    config: Path


def run(options: Options) -> Created:
    """Write the scaffold of the new report and list it; nothing is written when either would fail."""
    from reportgen import names, scaffold
    from reportgen.write import write_atomic

    root, slug = options.root, options.slug
    scaffold.check_new(root, slug)
    new = scaffold.defaults(slug, options.today or dt.date.today())
    given = {
        "wilayah": options.wilayah,
        "program": options.program,
        "jenis_program": options.jenis_program,
        "tahun": options.tahun,
    }
    new = dataclasses.replace(new, **{key: value for key, value in given.items() if value is not None})
    config = root / names.CONFIG_FILE
    listed = scaffold.add_to_config(config.read_text(encoding="utf-8"), slug)  # parsed before anything is written
    path = root / "content" / slug / names.REPORT_FILE
    write_atomic(path, scaffold.report_text(new))
    write_atomic(config, listed)
    return Created(path, config)
