"""Turn a report view into its PDF: the print page and stylesheet, laid out by WeasyPrint (reportgen.pdf)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from reportgen.outputs.format import Context, Format

if TYPE_CHECKING:
    from reportgen.render import ReportView

# What WeasyPrint lays out, shapes, subsets and writes with.
LIBRARIES = ("cssselect2", "fonttools", "pillow", "pydyf", "pyphen", "tinycss2", "tinyhtml5", "weasyprint")


def make(view: ReportView, context: Context) -> Mapping[str, bytes]:
    """`<slug>/<slug>.pdf`."""
    from reportgen import load, render
    from reportgen.pdf import render_pdf

    loaded, settings = context.loaded, view.print
    sources = [loaded.folder / load.REPORT_FILE] + [loaded.folder / spec.berkas for spec in loaded.report.data]
    # The print stylesheet is rendered apart and handed over parsed: reports with the same print
    # settings share one parsed stylesheet in this worker instead of parsing it for every report.
    stylesheet = render.render_page(context.env, "print.css", context.config, r=view)
    pdf = render_pdf(
        render.render_page(context.env, "print.html", context.config, r=view, stylesheet_given=True),
        loaded.folder,
        context.root,
        stylesheet=stylesheet,
        variant=settings.varian_pdf,
        tagged=settings.tag_pdf,
        attachments=sources if settings.lampirkan_data else (),
        stamp=dt.datetime.combine(loaded.report.tanggal, dt.time(), dt.timezone(dt.timedelta(hours=7))),
    )
    return {f"{view.slug}/{view.slug}.{FORMAT.extension}": pdf}


FORMAT = Format("pdf", "PDF", "pdf", ("print.html", "print.css"), LIBRARIES, make)
