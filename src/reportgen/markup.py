"""Turn an author's expanded text (Markdown) into safe HTML, and figures into names the text can use."""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.etree import ElementTree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from reportgen.results import Result
from reportgen.sandbox import note, stand_in
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


def to_html(text: str) -> str:
    """Markdown to HTML, headings demoted below the section's <h2>, raw HTML sanitized."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists", _DemoteHeadings()], output_format="html")
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer")


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
        note(f"data '{self.owner}' tidak mempunyai nilai '{name}'.{suggest(name, self)} Nilai yang ada: {known}", name)
        return stand_in()


class _Demote(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if re.fullmatch(r"h[1-6]", element.tag):
                element.tag = f"h{min(int(element.tag[1]) + 2, 6)}"


class _DemoteHeadings(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_Demote(md), "reportgen_demote", 0)
