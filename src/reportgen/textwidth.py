"""Turn text into its width in points, as set in Liberation Sans Regular (metric-compatible with Arial).

Charts measure labels with this to wrap and place them; nothing here reads a font at run time.
The tables are advance widths in thousandths of an em, generated once with fontTools 4.68 from
/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf (Debian fonts-liberation2):

    font = TTFont(path)
    cmap, hmtx, upem = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    width = round(hmtx[cmap[ord(ch)]][0] * 1000 / upem)

for U+0020-U+007E, U+00A0-U+00FF and the punctuation in `_EXTRA`. Kerning is ignored (it only
narrows text, so a measure errs on the wide side). Any other character counts as `_DEFAULT`.
"""

from __future__ import annotations

# U+0020 to U+007E, in order
_ASCII = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 "
    "556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 "
    "667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 "
    "556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584 "
)
# U+00A0 to U+00FF, in order
_LATIN1 = (
    "278 333 556 556 556 556 260 556 333 737 370 556 584 333 737 552 400 549 333 333 333 576 537 333 "
    "333 333 365 556 834 834 834 611 667 667 667 667 667 667 1000 722 667 667 667 667 278 278 278 278 "
    "722 722 778 778 778 778 778 584 778 722 722 722 722 667 667 611 556 556 556 556 556 556 889 500 "
    "556 556 556 556 278 278 278 278 556 556 556 556 556 556 556 549 611 556 556 556 556 500 556 500 "
)
_EXTRA = {
    "–": 556,  # U+2013
    "—": 1000,  # U+2014
    "‘": 222,  # U+2018
    "’": 222,  # U+2019
    "‚": 222,  # U+201A
    "“": 333,  # U+201C
    "”": 333,  # U+201D
    "„": 333,  # U+201E
    "…": 1000,  # U+2026
    "•": 350,  # U+2022
    "−": 584,  # U+2212
    "≤": 549,  # U+2264
    "≥": 549,  # U+2265
    "≠": 549,  # U+2260
    "→": 1000,  # U+2192
    "←": 1000,  # U+2190
    "€": 556,  # U+20AC
    "‰": 1000,  # U+2030
    "′": 188,  # U+2032
    "″": 354,  # U+2033
}
_DEFAULT = 600  # a little wider than a digit (556): unknown characters are rarely narrow
_WIDTHS = (
    {chr(32 + i): int(w) for i, w in enumerate(_ASCII.split())}
    | {chr(160 + i): int(w) for i, w in enumerate(_LATIN1.split())}
    | _EXTRA
)


def width(text: str, size: float) -> float:
    """The advance width of `text` set at `size` points, in points."""
    get = _WIDTHS.get
    return sum(get(ch, _DEFAULT) for ch in text) * size / 1000
