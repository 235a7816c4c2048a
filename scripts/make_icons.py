"""Turn one drawing (three rising bars on the site's blue) into the site's icons in templates/.

The icons are committed; run this again only to change the drawing:

    .venv/bin/python scripts/make_icons.py

It writes favicon.svg (what current browsers use), favicon.ico (16 and 32 px, for older browsers
and tools that ask for /favicon.ico) and apple-touch-icon.png (180 px, opaque: iOS rounds it).
The bitmaps are drawn with Pillow, four times larger, then scaled down, so edges are smooth.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
BLUE = "#0b4f8a"
GRID = 32  # the drawing's units: a 32 x 32 square
CORNER = 6
BARS = ((7, 17), (14, 11), (21, 6))  # (left, top) of each bar; 5 wide, down to the baseline
BAR_WIDTH, BASELINE = 5, 25


def svg() -> str:
    """The icon as SVG, in the drawing's units."""
    bars = "".join(f"M{x} {BASELINE}V{top}h{BAR_WIDTH}V{BASELINE}z" for x, top in BARS)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
        f'<rect width="{GRID}" height="{GRID}" rx="{CORNER}" fill="{BLUE}"/>'
        f'<path d="{bars}" fill="#fff"/></svg>\n'
    )


def bitmap(size: int, *, rounded: bool) -> Image.Image:
    """The icon as a `size` px RGBA image; square corners when not `rounded`."""
    scale = size * 4 / GRID
    image = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size * 4 - 1, size * 4 - 1), radius=CORNER * scale if rounded else 0, fill=BLUE)
    for x, top in BARS:
        draw.rectangle((x * scale, top * scale, (x + BAR_WIDTH) * scale - 1, BASELINE * scale - 1), fill="#fff")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    (TEMPLATES / "favicon.svg").write_text(svg(), encoding="utf-8")
    ico = io.BytesIO()
    bitmap(32, rounded=True).save(ico, format="ICO", sizes=[(16, 16), (32, 32)])
    (TEMPLATES / "favicon.ico").write_bytes(ico.getvalue())
    touch = io.BytesIO()
    bitmap(180, rounded=False).convert("RGB").save(touch, format="PNG", optimize=True)
    (TEMPLATES / "apple-touch-icon.png").write_bytes(touch.getvalue())


if __name__ == "__main__":
    main()
