"""What every output format declares: its name, what it depends on, and a function from a report view to files."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from reportgen.load import LoadedReport
    from reportgen.render import ReportView
    from reportgen.schema import SiteConfig
    from reportgen.summary import Download


@dataclass(frozen=True)
class Context:
    """What a format is made with besides the view: the page templates, the settings, the report's own files."""

    env: jinja2.Environment
    config: SiteConfig
    loaded: LoadedReport  # its folder and data files: what a PDF attaches, where its text's links resolve
    root: Path  # the project: nothing outside it may be read
    downloads: tuple[Download, ...] = ()  # the files made before the page, which links them


@dataclass(frozen=True)
class Format:
    """One output format of a report.

    `extension` set, the format makes one download, `<slug>.<extension>` beside the report's page,
    and the page links it; unset, it makes the page itself (made after the downloads). `templates`
    are those it renders (the plan digests them and every template they reach), `libraries` the
    distributions whose version can change its bytes (the plan records their versions).
    """

    name: str
    label: str  # as readers see it named: 'Unduh PDF'
    extension: str | None
    templates: tuple[str, ...]
    libraries: tuple[str, ...]
    make: Callable[[ReportView, Context], Mapping[str, bytes]]  # files by site path
