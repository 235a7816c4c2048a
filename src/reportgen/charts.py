"""Turn a chart specification into deterministic, print-readable SVG for inlining in HTML.

A chart is 16 x 9 cm (taller when many horizontal bars need it) in a viewBox measured in points,
so it shows at 1:1 on the A4 text width with 8-9 pt Liberation Sans. Series are greys and hatches
that survive black-and-white printing; every bar and point has its value written, in Indonesian.
The SVG is built as plain text: no prolog, size or title; the only ids (hatch patterns) start
with a prefix taken from the specification's digest, so equal specifications give equal bytes and
several charts can share one page. Labels are measured with `textwidth` to wrap them between
words and to keep neighbours apart: vertical bars turn horizontal when their labels do not fit.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen import fmt
from reportgen.results import ChartSpec, format_value
from reportgen.textwidth import width as text_width

WIDTH = 453.54  # 16 cm in points, the A4 text width
HEIGHT = 255.12  # 9 cm
FAMILY = "'Liberation Sans', Arial, Helvetica, sans-serif"
SIZE = 8.5  # axis, category and legend text, in points
VALUE_SIZE = 8.0  # values written on bars and points
LINE = 10.5  # line height of SIZE text
PAD = 4.0  # free border around everything
GAP = 5.0  # least space between two neighbouring labels
LONG_LABEL = 15  # characters; a longer category label turns bars horizontal
MAX_VERTICAL = 7  # categories; more turn bars horizontal
DASH = "–"
SLANTED = 120.0  # the widest slanted category label; longer words are cut
SWATCH = 21  # legend swatch width: three dashes of the reference line
_SPACE = text_width(" ", SIZE)
_RAISE = 0.36  # how far a baseline lies below the middle of digits and capitals, in ems

_GRID = 'stroke="#c8c8c8" stroke-width=".5"'
_AXIS = 'stroke="#000" stroke-width=".8"'
_OUTLINE = 'stroke="#000" stroke-width=".6"'
_REFERENCE = 'stroke="#000" stroke-width="1.1" stroke-dasharray="5 3"'
_SINGLE = "#a6a6a6"  # the fill of a chart's only series
_SOLID = "#595959"  # the first of several series
# Ground and hatch (in a 5 x 5 tile) of the second, third, ... series: apart in grey and again by pattern.
_HATCHES = (
    ("#d9d9d9", '<path d="M0 5L5 0M-1 1L1-1M4 6L6 4" stroke="#000" stroke-width=".7"/>'),
    ("#fff", '<path d="M1 1h1.2v1.2H1zM3.5 3.5h1.2v1.2H3.5z" fill="#000"/>'),
    ("#a6a6a6", '<path d="M0 5L5 0M-1 1L1-1M4 6L6 4M0 0L5 5M-1 4L1 6M4-1L6 1" stroke="#000" stroke-width=".5"/>'),
    ("#fff", '<path d="M0 0L5 5M-1 4L1 6M4-1L6 1" stroke="#000" stroke-width=".7"/>'),
    ("#bfbfbf", '<path d="M0 2.5H5" stroke="#000" stroke-width=".7"/>'),
    ("#fff", '<path d="M2.5 0V5" stroke="#000" stroke-width=".7"/>'),
    ("#808080", '<path d="M1 1h1.4v1.4H1zM3.5 3.5h1.4v1.4H3.5z" fill="#fff"/>'),
)
_STYLES = len(_HATCHES) + 1  # series beyond this many repeat the first styles
_DASHES = ("", ' stroke-dasharray="5 3"', ' stroke-dasharray="1.5 2"', ' stroke-dasharray="7 2 1.5 2"')


def draw(spec: ChartSpec) -> str:
    """The SVG of `spec`: vertical or horizontal bars, or a line with markers."""
    prefix = "c" + spec.digest()[:10] + "-"
    if spec.kind == "garis":
        return _line_chart(spec, prefix)
    return _vertical_bars(spec, prefix) or _horizontal_bars(spec, prefix)


# --- the value axis ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Axis:
    """Nice ticks over the values shown (zero always among them) and their Indonesian text."""

    ticks: tuple[float, ...]
    texts: tuple[str, ...]

    @property
    def widest(self) -> float:
        return max(text_width(t, SIZE) for t in self.texts)


def _axis(spec: ChartSpec, count: int) -> _Axis:
    """About `count` steps of 1, 2, 2.5 or 5 x 10^n; whole steps only for counts ('bulat')."""
    shown = [v for _, values in spec.series for v in values if v is not None]
    shown += [spec.reference] if spec.reference is not None else []
    low, high = min(0.0, *shown), max(0.0, *shown)
    if low == high:
        high = 1.0
    whole = spec.value_format == "bulat"
    raw = (high - low) / count
    raw = max(raw, 1.0) if whole else raw
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * 0.999 and _allowed(m * power, whole))
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    ticks = tuple(round(k * step, 10) for k in range(first, last + 1))
    return _Axis(ticks, tuple(_tick_text(t, step, spec.value_format) for t in ticks))


def _allowed(step: float, whole: bool) -> bool:
    return not whole or abs(step - round(step)) < 1e-9


def _tick_text(value: float, step: float, value_format: str) -> str:
    """A tick in Indonesian with as many decimals as the step needs; fractions as percent when values are."""
    percent = value_format.partition(":")[0] == "persen"
    scale = 100 if percent else 1
    digits = next(d for d in range(8) if abs(step * scale * 10**d - round(step * scale * 10**d)) < 1e-6)
    return fmt.angka(value * scale, digits) + ("%" if percent else "")


@dataclass(frozen=True)
class _Plot:
    """The rectangle the values are drawn in, and where a value lies in it."""

    left: float
    top: float
    right: float
    bottom: float
    axis: _Axis
    horizontal: bool  # values grow to the right (horizontal bars) rather than upwards
    reference: float | None = None  # where the dashed line lies, which value labels step over

    def at(self, value: float) -> float:
        low, high = self.axis.ticks[0], self.axis.ticks[-1]
        share = (value - low) / (high - low)
        if self.horizontal:
            return self.left + share * (self.right - self.left)
        return self.bottom - share * (self.bottom - self.top)


# --- the three kinds of chart -----------------------------------------------------------------


def _vertical_bars(spec: ChartSpec, prefix: str) -> str | None:
    """Upright bars, or None when they would not read well (many or long labels, values too wide)."""
    count, series = len(spec.labels), len(spec.series)
    if count > MAX_VERTICAL or max(map(len, spec.labels)) > LONG_LABEL:
        return None
    axis = _axis(spec, 5)
    left = PAD + LINE + GAP + axis.widest + 4
    slot = (WIDTH - PAD - left) / count
    labels = _wrap_row(spec.labels, slot, left)
    group = min(slot * (0.55 if series == 1 else 0.8), 60.0 * series)
    values = _value_texts(spec)
    room = group / series if series > 1 else slot
    if labels is None or _widest(values) + GAP > room:
        return None
    legend = _legend(spec, prefix)
    top = PAD + legend.height + VALUE_SIZE + 6
    foot = VALUE_SIZE + 6 if axis.ticks[0] < 0 else 0.0
    bottom = HEIGHT - PAD - max(len(lines) for lines in labels) * LINE - 4 - foot
    plot = _Plot(left, top, WIDTH - PAD, bottom, axis, False, spec.reference)
    shapes, texts = _bars(spec, plot, values, prefix, (left, slot, group, 2.0))
    texts += [_lines_below(label, left + slot * (c + 0.5), bottom + foot + 4) for c, label in enumerate(labels)]
    return _finish(spec, plot, legend, HEIGHT, shapes, texts)


def _horizontal_bars(spec: ChartSpec, prefix: str) -> str:
    """Bars from the left, category labels wrapped beside them; as tall as the categories need."""
    count, series = len(spec.labels), len(spec.series)
    values = _value_texts(spec)
    room = _widest(values) + 6
    column = min(max(text_width(label, SIZE) for label in spec.labels), WIDTH * 0.36)
    labels = [_wrap(_shorten(label, WIDTH * 0.45), column) for label in spec.labels]
    left = PAD + max(text_width(line, SIZE) for lines in labels for line in lines) + 6
    axis = _horizontal_axis(spec, WIDTH - PAD - room - left)
    left += room if axis.ticks[0] < 0 else 0.0
    legend = _legend(spec, prefix)
    top = PAD + legend.height + 2
    below = 4 + LINE + 2 + LINE + PAD  # tick labels, then the axis title
    slot = max(max(map(len, labels)) * LINE + 5, series * 12.0 + 6, 20.0)
    height = max(HEIGHT, top + count * slot + below)
    slot = (height - top - below) / count
    plot = _Plot(left, top, WIDTH - PAD - room, height - below, axis, True, spec.reference)
    group = min(slot * 0.68, 22.0) if series == 1 else min(slot - 6, 15.0 * series)
    shapes, texts = _bars(spec, plot, values, prefix, (top, slot, group, 1.5))
    texts += [_lines_beside(label, left - 6, top + slot * (c + 0.5)) for c, label in enumerate(labels)]
    return _finish(spec, plot, legend, height, shapes, texts)


def _line_chart(spec: ChartSpec, prefix: str) -> str:
    """A line with markers per series, values beside the points where the line leaves room."""
    count = len(spec.labels)
    axis = _axis(spec, 5)
    left = PAD + LINE + GAP + axis.widest + 4
    slot = (WIDTH - PAD - left) / count
    values = _value_texts(spec)
    upright = _widest(values) + GAP > slot
    legend = _legend(spec, prefix)
    headroom = _widest(values) + 8 if upright else VALUE_SIZE + 8
    labels = _wrap_row(spec.labels, slot, left)
    band = max(map(len, labels)) * LINE + 4 if labels else _slanted_band(spec.labels)
    plot = _Plot(left, PAD + legend.height + headroom, WIDTH - PAD, HEIGHT - PAD - band, axis, False, spec.reference)
    xs = [left + slot * (c + 0.5) for c in range(count)]
    shapes, texts = _grid(plot), []
    for s, (_, column) in enumerate(spec.series):
        shapes += _polyline(plot, xs, column, s)
        texts += _point_labels(plot, xs, column, values[s], upright)
    if labels is None:
        every = math.ceil(LINE / (slot * 0.71))  # so many labels that even slanted they touch: every n-th
        texts += [_slanted(label, x, plot.bottom + 6) for label, x in zip(spec.labels, xs, strict=True)][::every]
    else:
        texts += [_lines_below(lines, x, plot.bottom + 4) for lines, x in zip(labels, xs, strict=True)]
    return _finish(spec, plot, legend, HEIGHT, shapes, texts)


def _horizontal_axis(spec: ChartSpec, length: float) -> _Axis:
    """Ticks along a horizontal axis of `length` points, fewer when their texts would touch."""
    for count in range(6, 0, -1):
        axis = _axis(spec, count)
        if len(axis.ticks) < 3 or length / (len(axis.ticks) - 1) >= axis.widest + 2 * GAP:
            break
    return axis


# --- pieces -----------------------------------------------------------------------------------


def _grid(plot: _Plot) -> list[str]:
    """Light grid lines and tick labels of the value axis, behind everything else."""
    parts = []
    for tick, text in zip(plot.axis.ticks, plot.axis.texts, strict=True):
        at = _n(plot.at(tick))
        if plot.horizontal:
            parts.append(f'<path d="M{at} {_n(plot.top)}V{_n(plot.bottom)}" {_GRID}/>')
            parts.append(_text(text, plot.at(tick), plot.bottom + 4 + SIZE, "middle", "rg-t"))
        else:
            parts.append(f'<path d="M{_n(plot.left)} {at}H{_n(plot.right)}" {_GRID}/>')
            parts.append(_text(text, plot.left - 4, plot.at(tick) + _RAISE * SIZE, "end", "rg-t"))
    return parts


def _bars(
    spec: ChartSpec, plot: _Plot, values: list[list[str]], prefix: str, slots: tuple[float, float, float, float]
) -> tuple[list[str], list[str]]:
    """The grid, every bar and every value.

    `slots` measures across the value axis: (where the first category starts, a category's slot,
    the width of its group of bars, the gap between bars of a group).
    """
    first, slot, group, gap = slots
    series = len(spec.series)
    pitch = group / series
    bar = pitch if series == 1 else pitch - gap
    shapes, texts = _grid(plot), []
    for c in range(len(spec.labels)):
        start = first + slot * c + (slot - group) / 2
        for s, (_, column) in enumerate(spec.series):
            across = start + pitch * s + (pitch - bar) / 2
            shapes += _bar(plot, across, bar, column[c], _fill(s, series, prefix))
            texts.append(_bar_label(plot, across, bar, column[c], values[s][c]))
    return shapes, texts


def _bar(plot: _Plot, across: float, thickness: float, value: float | None, fill: str) -> list[str]:
    """One bar from zero to `value` (none for a missing value); `across` its left or top edge."""
    if value is None:
        return []
    zero, end = plot.at(0.0), plot.at(value)
    if plot.horizontal:
        box = (min(zero, end), across, abs(end - zero), thickness)
    else:
        box = (across, min(zero, end), thickness, abs(end - zero))
    x, y, w, h = map(_n, box)
    return [f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}" {_OUTLINE}/>']


def _bar_label(plot: _Plot, across: float, thickness: float, value: float | None, text: str) -> str:
    """A bar's value just past its end (at zero for a missing value), moved past the reference line, never crossed."""
    end = plot.at(value if value is not None else 0.0)
    way = 1 if (value or 0.0) >= 0 else -1  # away from zero: right or up
    line = plot.at(plot.reference) if plot.reference is not None else math.nan
    middle = across + thickness / 2
    if plot.horizontal:
        near, far = end + 3 * way, end + (3 + text_width(text, VALUE_SIZE)) * way
        if min(near, far) - 2 <= line <= max(near, far) + 2:
            near = line + 3 * way
        return _value_label(text, near, middle, "start" if way > 0 else "end")
    if way > 0:
        baseline = end - 3
        if baseline - VALUE_SIZE - 2 <= line <= end:
            baseline = line - 3
    else:
        baseline = end + 3 + VALUE_SIZE * 0.72
        if end <= line <= baseline + 3:
            baseline = line + 3 + VALUE_SIZE * 0.72
    return _value_label(text, middle, baseline, "middle", centred=False)


def _polyline(plot: _Plot, xs: Sequence[float], values: Sequence[float | None], series: int) -> list[str]:
    """The line through the present values (broken where one is missing), a marker at each."""
    dash = _DASHES[series % len(_DASHES)]
    runs, run = [], []
    for x, value in zip(xs, values, strict=True):
        if value is None:
            runs, run = [*runs, run], []
        else:
            run.append(f"{_n(x)} {_n(plot.at(value))}")
    paths = [
        f'<path d="M{"L".join(r)}" fill="none" stroke="#000" stroke-width="1.2"{dash}/>' for r in [*runs, run] if r
    ]
    marker = "#000" if series % 2 == 0 else "#fff"
    points = [
        f'<circle cx="{_n(x)}" cy="{_n(plot.at(v))}" r="2.4" fill="{marker}" {_OUTLINE}/>'
        for x, v in zip(xs, values, strict=True)
        if v is not None
    ]
    return paths + points


def _point_labels(
    plot: _Plot, xs: Sequence[float], values: Sequence[float | None], texts: Sequence[str], upright: bool
) -> list[str]:
    """Each point's value on the side its line leaves free: above a peak, below a dip, else the open upper side."""
    parts = []
    for i, (x, value, text) in enumerate(zip(xs, values, texts, strict=True)):
        if value is None:
            parts.append(_value_label(text, x, plot.bottom - 4, "middle", centred=False))
            continue
        y = plot.at(value)
        if upright:
            parts.append(_value_label(text, x, y - 6, "start", rotate=True))
            continue
        before = values[i - 1] if i > 0 else None
        after = values[i + 1] if i + 1 < len(values) else None
        higher_before, higher_after = before is not None and before > value, after is not None and after > value
        if higher_before and higher_after and plot.bottom - y > VALUE_SIZE + 8:
            parts.append(_value_label(text, x, y + 6 + VALUE_SIZE * 0.72, "middle", centred=False))
        elif higher_before and not higher_after:
            parts.append(_value_label(text, x + 3, y - 5, "start", centred=False))
        elif higher_after and not higher_before:
            parts.append(_value_label(text, x - 3, y - 5, "end", centred=False))
        else:
            parts.append(_value_label(text, x, y - 6, "middle", centred=False))
    return parts


@dataclass(frozen=True)
class _Legend:
    """The legend rows above the plot: (swatch, text, width) entries, and the height they take."""

    rows: tuple[tuple[tuple[str, str, float], ...], ...]
    defs: str

    @property
    def height(self) -> float:
        return len(self.rows) * (LINE + 2) + (4 if self.rows else 0)


def _legend(spec: ChartSpec, prefix: str) -> _Legend:
    """One entry per named series and one for the reference line, in rows no wider than the chart."""
    series = len(spec.series)
    entries = [(_swatch(spec.kind, s, series, prefix), name) for s, (name, _) in enumerate(spec.series) if name]
    if spec.reference is not None:
        name = spec.reference_label or f"Acuan {format_value(spec.reference, spec.value_format)}"
        entries.append((f'<path d="M0 {_n(-SIZE * _RAISE)}h{SWATCH}" {_REFERENCE}/>', name))
    rows, row, used = [], [], 0.0
    for swatch, name in entries:
        width = SWATCH + 4 + text_width(name, SIZE)
        if row and used + 14 + width > WIDTH - 2 * PAD:
            rows, row, used = [*rows, tuple(row)], [], 0.0
        used += (14 if row else 0) + width
        row.append((swatch, name, width))
    rows += [tuple(row)] if row else []
    defs = "".join(_pattern(s, prefix) for s in range(1, min(series, _STYLES)) if spec.kind == "batang")
    return _Legend(tuple(rows), defs)


def _legend_svg(legend: _Legend) -> list[str]:
    parts = []
    for r, row in enumerate(legend.rows):
        x = (WIDTH - sum(w for _, _, w in row) - 14 * (len(row) - 1)) / 2
        baseline = PAD + r * (LINE + 2) + SIZE
        for swatch, name, width in row:
            parts.append(f'<g transform="translate({_n(x)} {_n(baseline)})">{swatch}</g>')
            parts.append(_text(name, x + SWATCH + 4, baseline, "start", "rg-l"))
            x += width + 14
    return parts


def _swatch(kind: str, series: int, count: int, prefix: str) -> str:
    if kind == "garis":
        marker = "#000" if series % 2 == 0 else "#fff"
        line = f'<path d="M0 {_n(-SIZE * _RAISE)}h{SWATCH}" stroke="#000" stroke-width="1.2"{_DASHES[series % 4]}/>'
        return line + f'<circle cx="{SWATCH / 2}" cy="{_n(-SIZE * _RAISE)}" r="2.4" fill="{marker}" {_OUTLINE}/>'
    fill = _fill(series, count, prefix)
    return f'<rect x="0" y="{_n(-SIZE * 0.8)}" width="{SWATCH}" height="{_n(SIZE * 0.9)}" fill="{fill}" {_OUTLINE}/>'


def _fill(series: int, count: int, prefix: str) -> str:
    if count == 1:
        return _SINGLE
    return _SOLID if series % _STYLES == 0 else f"url(#{prefix}h{series % _STYLES})"


def _pattern(series: int, prefix: str) -> str:
    ground, hatch = _HATCHES[series - 1]
    return (
        f'<pattern id="{prefix}h{series}" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" fill="{ground}"/>{hatch}</pattern>'
    )


def _finish(spec: ChartSpec, plot: _Plot, legend: _Legend, height: float, shapes: list[str], texts: list[str]) -> str:
    """Axis lines, reference line, axis title and legend around the plot, as one SVG element.

    The reference line and axes lie over the bars, the value labels (on white grounds) over them.
    """
    left, top, right, bottom, zero = map(_n, (plot.left, plot.top, plot.right, plot.bottom, plot.at(0.0)))
    if plot.horizontal:
        axes = f'<path d="M{zero} {top}V{bottom}M{left} {bottom}H{right}" {_AXIS}/>'
        title = _text(spec.value_label, (plot.left + plot.right) / 2, height - PAD - 2, "middle", "rg-a")
    else:
        axes = f'<path d="M{left} {top}V{bottom}M{left} {zero}H{right}" {_AXIS}/>'
        title = _text(spec.value_label, PAD + SIZE, (plot.top + plot.bottom) / 2, "middle", "rg-a", rotate=True)
    if spec.reference is not None:
        at = _n(plot.at(spec.reference))
        way = f"M{at} {top}V{bottom}" if plot.horizontal else f"M{left} {at}H{right}"
        axes = f'<path d="{way}" {_REFERENCE}/>' + axes
    defs = f"<defs>{legend.defs}</defs>" if legend.defs else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(WIDTH)} {_n(height)}" class="rg-chart" '
        f'font-family="{FAMILY}" font-size="{_n(SIZE)}">{defs}{"".join(shapes)}{axes}{"".join(texts)}'
        f"{title}{''.join(_legend_svg(legend))}</svg>"
    )


# --- text -------------------------------------------------------------------------------------


def _value_texts(spec: ChartSpec) -> list[list[str]]:
    return [[DASH if v is None else format_value(v, spec.value_format) for v in values] for _, values in spec.series]


def _widest(values: list[list[str]]) -> float:
    return max(text_width(text, VALUE_SIZE) for column in values for text in column)


def _value_label(text: str, x: float, y: float, anchor: str, *, centred: bool = True, rotate: bool = False) -> str:
    """A value on a white ground, so no grid or reference line crosses it.

    `y` is the middle of the digits, or their baseline when not `centred`; a rotated label reads
    upwards from (x, y), centred on x.
    """
    width = text_width(text, VALUE_SIZE)
    baseline = y + _RAISE * VALUE_SIZE if centred or rotate else y
    start = x if rotate else {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    gx, gy, gw, gh = map(_n, (start - 1.5, baseline - VALUE_SIZE * 0.9, width + 3, VALUE_SIZE * 1.15))
    turn = f' transform="rotate(-90 {_n(x)} {_n(y)})"' if rotate else ""
    return (
        f'<g class="rg-v"{turn}><rect x="{gx}" y="{gy}" width="{gw}" height="{gh}" fill="#fff"/>'
        f'<text x="{_n(x)}" y="{_n(baseline)}" font-size="{_n(VALUE_SIZE)}"{_anchor("start" if rotate else anchor)}>'
        f"{_escape(text)}</text></g>"
    )


def _text(text: str, x: float, y: float, anchor: str, role: str, *, rotate: bool = False) -> str:
    """One line of text; `role` (its class) says what it is: rg-t a tick, rg-a the axis title, rg-l a legend entry."""
    turn = f' transform="rotate(-90 {_n(x)} {_n(y)})"' if rotate else ""
    return f'<text class="{role}" x="{_n(x)}" y="{_n(y)}"{_anchor(anchor)}{turn}>{_escape(text)}</text>'


def _lines_below(lines: Sequence[str], x: float, top: float) -> str:
    """A category label centred under its place, one tspan a line."""
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(top + SIZE + i * LINE)}">{_escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text class="rg-c" text-anchor="middle">{spans}</text>'


def _lines_beside(lines: Sequence[str], right: float, middle: float) -> str:
    """A category label ending at `right`, its lines centred on `middle`."""
    first = middle - (len(lines) - 1) * LINE / 2 + _RAISE * SIZE
    spans = "".join(
        f'<tspan x="{_n(right)}" y="{_n(first + i * LINE)}">{_escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text class="rg-c" text-anchor="end">{spans}</text>'


def _slanted(label: str, x: float, top: float) -> str:
    """A category label slanted at 45 degrees, ending under its place."""
    x += SIZE * 0.25
    turn = f"rotate(-45 {_n(x)} {_n(top)})"
    text = _escape(_shorten(label, SLANTED))
    return f'<text class="rg-c" x="{_n(x)}" y="{_n(top)}" text-anchor="end" transform="{turn}">{text}</text>'


def _slanted_band(labels: Sequence[str]) -> float:
    return min(max(text_width(label, SIZE) for label in labels), SLANTED) * 0.71 + SIZE + 8


def _wrap_row(labels: Sequence[str], slot: float, left: float) -> list[list[str]] | None:
    """Labels wrapped to their slot along a horizontal axis, or None when neighbours would touch."""
    wrapped = [_wrap(label, slot - GAP) for label in labels]
    widths = [max(text_width(line, SIZE) for line in lines) for lines in wrapped]
    if max(map(len, wrapped)) > 3 or widths[0] / 2 > left - PAD + slot / 2:
        return None
    if widths[-1] / 2 > slot / 2 + PAD - 1:
        return None
    if any((a + b) / 2 + GAP > slot for a, b in itertools.pairwise(widths)):
        return None
    return wrapped


def _wrap(text: str, width: float) -> list[str]:
    """`text` in lines no wider than `width`, broken only between words, and as even as that many lines allow.

    A word wider than `width` keeps a line of its own.
    """
    words = [(word, text_width(word, SIZE)) for word in text.split()]
    lines = _greedy(words, width)
    if len(lines) < 2:
        return [" ".join(line) for line in lines] or [""]
    low, high = max(size for _, size in words), width
    while high - low > 2:  # the narrowest measure that still needs no more lines: no lone last word
        middle = (low + high) / 2
        low, high = (low, middle) if len(_greedy(words, middle)) == len(lines) else (middle, high)
    return [" ".join(line) for line in _greedy(words, high)]


def _greedy(words: Sequence[tuple[str, float]], width: float) -> list[list[str]]:
    """Words (with their widths) filled into lines no wider than `width`."""
    lines: list[list[str]] = []
    used = 0.0
    for word, size in words:
        if lines and used + _SPACE + size <= width:
            lines[-1].append(word)
            used += _SPACE + size
        else:
            lines.append([word])
            used = size
    return lines


def _shorten(text: str, width: float) -> str:
    """`text` with every word cut to `width` (and an ellipsis): an endless word must not push the plot away."""
    words = text.split(" ")
    for i, word in enumerate(words):
        while text_width(words[i], SIZE) > width:
            word = word[:-1]
            words[i] = word + "…"
    return " ".join(words)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _anchor(anchor: str) -> str:
    return "" if anchor == "start" else f' text-anchor="{anchor}"'


def _n(x: float) -> str:
    """A coordinate with at most two decimals, the same text for the same value on every machine."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
