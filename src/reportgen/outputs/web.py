"""Turn a report view into its web page, the blocks placed through the partials and the downloads linked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from reportgen.outputs.format import Context, Format

if TYPE_CHECKING:
    from reportgen.render import ReportView


def make(view: ReportView, context: Context) -> Mapping[str, bytes]:
    """`<slug>/index.html`."""
    from reportgen import render

    page = render.render_page(
        context.env,
        "report.html",
        context.config,
        r=view,
        root="../",
        path=f"{view.slug}/",
        downloads=context.downloads,
    )
    return {f"{view.slug}/index.html": page.encode("utf-8")}


FORMAT = Format("web", "halaman", None, ("report.html",), ("jinja2", "markupsafe"), make)
