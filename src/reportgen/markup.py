"""Turn an author's text (Jinja in a sandbox, then Markdown) into safe HTML."""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.etree import ElementTree

import jinja2
import markdown
import nh3
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from reportgen.results import Result
from reportgen.validate import suggest

# Markdown that authors may write; anything else (raw <script>, <iframe>, on* attributes) is removed.
_ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}


class AuthorTextError(Exception):
    """A template error in author text, with its line counted from the text's first line."""

    def __init__(self, message: str, line: int | None, needle: str | None = None):
        super().__init__(message)
        self.message, self.line, self.needle = message, line, needle


def author_environment() -> ImmutableSandboxedEnvironment:
    """The sandbox author text runs in: no access to Python internals, missing names fail."""
    return ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)


def expand(env: jinja2.Environment, text: str, context: Mapping[str, object]) -> str:
    """Author text with its Jinja expressions evaluated; errors raise AuthorTextError."""
    try:
        return env.from_string(text).render(context)
    except jinja2.TemplateSyntaxError as err:
        raise AuthorTextError(f"sintaks templat tidak valid: {_translate(err.message or '')}", err.lineno) from None
    except jinja2.UndefinedError as err:
        name = re.search(r"'([^']+)'", err.message or "")
        message = _translate(err.message or "")
        raise AuthorTextError(message, _template_line(err), name[1] if name else None) from None
    except AuthorTextError as err:  # raised by a function author text called
        raise AuthorTextError(err.message, _template_line(err), err.needle) from None
    except jinja2.exceptions.SecurityError as err:
        attribute = re.search(r"attribute '([^']+)'", str(err))
        what = f"akses ke '{attribute[1]}'" if attribute else "perintah ini"
        needle = attribute[1] if attribute else None
        raise AuthorTextError(f"{what} tidak diizinkan di teks laporan", _template_line(err), needle) from None


def to_html(text: str) -> str:
    """Markdown to HTML, headings demoted below the section's <h2>, raw HTML sanitized."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists", _DemoteHeadings()], output_format="html")
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer")


def _template_line(err: BaseException) -> int | None:
    line, tb = None, err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"^'(?P<obj>[^']+)' (?:object )?has no attribute '(?P<name>[^']+)'$")


def _translate(message: str) -> str:
    """Jinja's English messages for the errors authors make, in Indonesian."""
    if m := _UNDEFINED.match(message):
        return f"nama '{m['name']}' tidak dikenal di teks laporan"
    if m := _NO_ATTRIBUTE.match(message):
        return f"'{m['obj']}' tidak mempunyai '{m['name']}'"
    if message.startswith("unexpected end of template"):
        return "templat berakhir sebelum blok ditutup (kurang '{% end... %}' atau '}}')"
    if message.startswith("unexpected"):
        return f"tanda tidak terduga ({message.removeprefix('unexpected ')})"
    return message


def figure_names(results: Mapping[str, Result]) -> dict[str, Figures]:
    """The figures of each result, as author text reaches them: `{{ ikm.nilai }}`."""
    return {name: Figures(name, result.figures) for name, result in results.items()}


class Figures(dict):
    """A result's figures; a name that is not there fails with the names that are."""

    def __init__(self, owner: str, figures: Mapping[str, object]):
        super().__init__(figures)
        self.owner = owner

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        if name in self:
            return self[name]
        known = ", ".join(sorted(self))
        raise AuthorTextError(
            f"data '{self.owner}' tidak mempunyai nilai '{name}'.{suggest(name, self)} Nilai yang ada: {known}",
            None,
            name,
        )


class _Demote(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if re.fullmatch(r"h[1-6]", element.tag):
                element.tag = f"h{min(int(element.tag[1]) + 2, 6)}"


class _DemoteHeadings(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_Demote(md), "reportgen_demote", 0)
