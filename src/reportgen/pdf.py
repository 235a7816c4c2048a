"""Turn a print HTML page into PDF bytes with WeasyPrint, fetching only files inside the project."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from reportgen.errors import ReportgenError

# Set (to any non-empty value) by template developers and the test suite: a warning of WeasyPrint's
# (a CSS property it ignores, a selector it cannot parse, a missing font) fails the report instead of
# passing silently, so a template mistake is seen where it was made.
STRICT_VARIABLE = "REPORTGEN_WEASYPRINT_KETAT"


class FetchRefusedError(ReportgenError):
    """A page asked for a resource outside the project, on the network, or missing."""


class RendererWarningError(ReportgenError):
    """WeasyPrint warned while printing and strict mode is on."""


def render_pdf(
    html: str,
    base_dir: Path,
    allowed_root: Path,
    *,
    variant: str | None = None,
    tagged: bool = False,
    attachments: Sequence[Path] = (),
    stamp: dt.datetime | None = None,
    stylesheet: str | None = None,
) -> bytes:
    """The PDF of `html`; relative URLs resolve against `base_dir`, nothing outside `allowed_root`.

    `variant` is a WeasyPrint pdf_variant such as 'pdf/a-3b'; `attachments` are embedded files
    (the report's own sources, so an archived PDF carries its data), dated `stamp` so that
    the same inputs give the same bytes. `stylesheet` is CSS applied besides the page's own; it
    is parsed once per process for as long as its text stays the same.
    """
    import weasyprint  # costly: only builds that print pay for it

    fetcher = _project_fetcher(allowed_root.resolve())
    document = weasyprint.HTML(string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher)
    files = [
        weasyprint.Attachment(
            filename=str(path),
            url_fetcher=fetcher,
            name=path.name,
            relationship="Source",
            created=stamp,
            modified=stamp,
        )
        for path in attachments
    ]
    try:
        with _warnings_fail(bool(os.environ.get(STRICT_VARIABLE))):
            return document.write_pdf(
                pdf_identifier=b"reportgen",
                pdf_variant=variant,
                pdf_tags=tagged,
                attachments=files or None,
                uncompressed_pdf=False,
                font_config=_font_config(),
                stylesheets=[_parsed(stylesheet)] if stylesheet else None,
            )
    except _Refusal as refusal:
        raise FetchRefusedError(str(refusal.args[0])) from None


@contextlib.contextmanager
def _warnings_fail(strict: bool) -> Iterator[None]:
    """With `strict`, raise RendererWarningError after the block when WeasyPrint logged a warning in it."""
    if not strict:
        yield
        return
    seen: list[str] = []
    handler = _Collect(seen)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if seen:
        raise RendererWarningError("WeasyPrint memberi peringatan saat mencetak PDF: " + "; ".join(seen))


class _Collect(logging.Handler):
    def __init__(self, into: list[str]):
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())


@functools.cache
def _font_config():
    """One font configuration per process: the system's fonts are looked up once, not per report."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.lru_cache(maxsize=8)
def _parsed(css: str):
    """`css` parsed by WeasyPrint, kept for the next report with the same print settings."""
    import weasyprint

    return weasyprint.CSS(string=css, font_config=_font_config())


class _Refusal(BaseException):
    """Raised inside WeasyPrint's fetch; a BaseException subclass so rendering stops at once."""


def _project_fetcher(root: Path):
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class ProjectFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme != "file":
                raise _FatalRefusalError(f"sumber dari jaringan tidak diizinkan: {url}")
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not path.is_relative_to(root):
                raise _FatalRefusalError(f"berkas di luar folder proyek tidak diizinkan: {path}")
            if not path.is_file():
                raise _FatalRefusalError(f"berkas tidak ditemukan: {path.relative_to(root)}")
            return super().fetch(url, headers)

    class _FatalRefusalError(FatalURLFetchingError, _Refusal):
        pass

    return ProjectFetcher(allowed_protocols={"file", "data"})
