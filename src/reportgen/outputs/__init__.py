"""Turn a report view into the files of each output format; the formats, declared as data, in one registry.

A format is one module here declaring a `Format` (outputs/format.py). Adding one (a Word document,
say) is a module and a line in FORMATS: jobs carry the names of the formats they build (in their
cache key), summaries list the downloads, the pages link them. Importing this package imports no
library a format uses: each imports its own when it runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.outputs import pdf, web
from reportgen.outputs.format import Context, Format

__all__ = ["ALL", "FORMATS", "LIBRARIES", "PAGES", "TEMPLATES", "Context", "Format", "chosen", "in_order", "without"]

FORMATS: dict[str, Format] = {f.name: f for f in (web.FORMAT, pdf.FORMAT)}
ALL = tuple(FORMATS)  # what a build makes unless told otherwise
PAGES = tuple(name for name, f in FORMATS.items() if f.extension is None)  # the live preview's first build
TEMPLATES = tuple(t for f in FORMATS.values() for t in f.templates)
LIBRARIES = tuple(sorted({name for f in FORMATS.values() for name in f.libraries}))


def chosen(names: Iterable[str]) -> tuple[str, ...]:
    """`names` in registry order, each once; ValueError for a name no format has."""
    wanted = set(names)
    if unknown := wanted - FORMATS.keys():
        raise ValueError(f"format tidak dikenal: {', '.join(sorted(unknown))}; yang ada: {', '.join(FORMATS)}")
    return tuple(name for name in FORMATS if name in wanted)


def without(*names: str) -> tuple[str, ...]:
    """Every format but `names` (`--tanpa-pdf`: without('pdf'))."""
    return tuple(name for name in FORMATS if name not in names)


def in_order(names: Iterable[str]) -> list[Format]:
    """The formats named, downloads first: the page made after them links them."""
    return sorted((FORMATS[name] for name in chosen(names)), key=lambda f: f.extension is None)
