"""Turn series of numbers into deterministic, print-readable SVG charts.

Every chart is 16 x 9 cm (taller for many horizontal bars) at 1:1 on A4 text width, in greys with hatches so it
survives black-and-white printing, with Indonesian numbers. Matplotlib is imported only when a chart is drawn.
The SVG comes without XML declaration, width or height (it scales to its container through its viewBox), and
with ids prefixed by a hash of the chart, so several charts can be inlined in one HTML page.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from reportgen import fmt
from reportgen.results import ChartSpec, format_value

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH_CM = 16.0
HEIGHT_CM = 9.0
FONTS = ("Liberation Sans", "Arial", "Helvetica", "DejaVu Sans")

# Fill and hatch of each series: distinct in greyscale and again by pattern.
_FILLS = ("#595959", "#d9d9d9", "#ffffff", "#a6a6a6", "#ffffff", "#bfbfbf")
_HATCHES = ("", "////", "....", "xxx", "\\\\\\\\", "--")
_SINGLE_FILL = "#a6a6a6"
_DASH = "–"
_LONG_LABEL = 15  # characters; a category label longer than this turns bars horizontal
_CHAR_PT = 4.6  # average width of a character at the value-label size, in points
_AXES_WIDTH_PT = 330.0  # about what is left of 16 cm beside wrapped category labels
_AXES_HEIGHT_PT = 180.0  # about what is left of 9 cm under the legend and above the category labels

_RC = {
    "svg.hashsalt": "reportgen",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": list(FONTS),
    "font.size": 9,
    "axes.labelsize": 9,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "legend.fontsize": 8.5,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 0.8,
    "axes.edgecolor": "#000000",
    "grid.color": "#c8c8c8",
    "grid.linewidth": 0.5,
    "hatch.linewidth": 0.6,
    "figure.constrained_layout.h_pad": 0.06,
    "figure.constrained_layout.w_pad": 0.06,
}
_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
# Value labels sit on a white ground so a reference line or grid line never crosses the digits.
_VALUE_LABEL = {"fontsize": 8, "padding": 2, "bbox": {"facecolor": "#ffffff", "edgecolor": "none", "pad": 0.5}}


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    value_label: str,
    value_format: str = "angka:2",
    reference: float | None = None,
    reference_label: str | None = None,
) -> str:
    """Bars with their values written on; horizontal when labels are long; an optional dashed reference line."""
    _check(labels, {"": values})
    horizontal = _is_horizontal(labels)

    def paint(fig: Figure, ax: Axes) -> None:
        room = _bars(ax, labels, {"": values}, value_format, horizontal)
        shown = [*values, *([reference] if reference is not None else [])]
        _value_axis(ax, shown, value_label, value_format, horizontal, room)
        if reference is not None:
            line = ax.axvline if horizontal else ax.axhline
            name = f"{reference_label or 'Acuan'}: {_text(reference, value_format)}"
            line(reference, color="#000000", linestyle=(0, (5, 3)), linewidth=1.1, label=name)
            fig.legend(loc="outside upper right")

    return _render(_height(len(labels), 1, horizontal), paint)


def grouped_bar_chart(
    labels: Sequence[str], series: Mapping[str, Sequence[float]], *, value_label: str, value_format: str = "angka:1"
) -> str:
    """Bars grouped by category, one hatched grey per series, with a legend and values written on."""
    _check(labels, series)
    horizontal = _is_horizontal(labels)

    def paint(fig: Figure, ax: Axes) -> None:
        room = _bars(ax, labels, series, value_format, horizontal)
        _value_axis(ax, [v for values in series.values() for v in values], value_label, value_format, horizontal, room)
        fig.legend(loc="outside upper center", ncols=min(len(series), 4))

    return _render(_height(len(labels), len(series), horizontal), paint)


def histogram(values: Sequence[float], bins: Sequence[float], *, value_label: str, count_label: str = "Jumlah") -> str:
    """How many values fall in each bin (edges `bins`; the last bin includes its right edge; others are dropped)."""
    if len(bins) < 2 or any(b >= a for a, b in zip(bins[1:], bins, strict=False)):
        raise ValueError("bins must be at least two increasing edges")

    def paint(fig: Figure, ax: Axes) -> None:
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        kept = [v for v in values if not _missing(v)]
        counts, _, bars = ax.hist(kept, bins=list(bins), color=_SINGLE_FILL, edgecolor="#000000", linewidth=0.6)
        ax.bar_label(bars, labels=[fmt.angka(c, 0) if c else "" for c in counts], **_VALUE_LABEL)
        ax.set_xticks(list(bins))
        ax.xaxis.set_major_formatter(FuncFormatter(_axis_formatter("angka")))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(_axis_formatter("angka")))
        ax.set_ylim(0, max(max(counts, default=0), 1) * 1.12)
        ax.grid(axis="y")
        ax.set_axisbelow(True)
        ax.set_xlabel(value_label)
        ax.set_ylabel(count_label)

    return _render(HEIGHT_CM, paint)


def line_chart(labels: Sequence[str], values: Sequence[float], *, value_label: str, value_format: str = "bulat") -> str:
    """A line through the values with markers, each value written above its point."""
    _check(labels, {"": values})

    def paint(fig: Figure, ax: Axes) -> None:
        ys = [math.nan if _missing(v) else v for v in values]
        ax.plot(range(len(ys)), ys, color="#000000", linewidth=1.2, marker="o", markersize=4.5)
        for x, y in enumerate(ys):
            if not math.isnan(y):
                ax.annotate(
                    _text(y, value_format),
                    (x, y),
                    xytext=(0, 6),
                    textcoords="offset points",
                    ha="center",
                    fontsize=_VALUE_LABEL["fontsize"],
                    bbox=_VALUE_LABEL["bbox"],
                )
        ax.set_xticks(range(len(labels)), _wrapped(labels, max(6, 96 // len(labels))))
        ax.set_xmargin(0.06)
        _value_axis(ax, values, value_label, value_format, False, room=0.12)

    return _render(HEIGHT_CM, paint)


# --- drawing --------------------------------------------------------------------------------


def _bars(
    ax: Axes, labels: Sequence[str], series: Mapping[str, Sequence[float]], value_format: str, horizontal: bool
) -> float:
    """Draw the series side by side per category, values at the bar ends; return the room those values need.

    The room is a fraction of the value span, added past the longest bar.
    """
    slot = 0.8 / len(series)
    width = _label_width(series, value_format)
    rotate = not horizontal and width > _bar_width_pt(len(labels), len(series))
    for i, (name, values) in enumerate(series.items()):
        where = [c - 0.4 + slot * (i + 0.5) for c in range(len(labels))]
        sizes = [0.0 if _missing(v) else v for v in values]
        single = len(series) == 1
        draw = ax.barh if horizontal else ax.bar
        bars = draw(
            where,
            sizes,
            slot * 0.92,
            color=_SINGLE_FILL if single else _FILLS[i % len(_FILLS)],
            hatch=None if single else _HATCHES[i % len(_HATCHES)] or None,
            edgecolor="#000000",
            linewidth=0.6,
            label=name or None,
        )
        ax.bar_label(
            bars, labels=[_text(v, value_format) for v in values], rotation=90 if rotate else 0, **_VALUE_LABEL
        )
    positions = range(len(labels))
    if horizontal:
        ax.set_yticks(positions, _wrapped(labels, 26))
        ax.invert_yaxis()
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_xticks(positions, _wrapped(labels, max(8, 100 // len(labels))))
        ax.tick_params(axis="x", length=0)
    if horizontal:
        return (width + 6) / _AXES_WIDTH_PT
    return (width + 6) / _AXES_HEIGHT_PT if rotate else 0.1


def _value_axis(
    ax: Axes, values: Sequence[float], label: str, value_format: str, horizontal: bool, room: float
) -> None:
    """Axis title, Indonesian ticks no closer than their text allows, light grid, `room` past the extremes."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    present = [v for v in values if not _missing(v)] or [0.0]
    low, high = min(0.0, *present), max(0.0, *present)
    span = (high - low) or 1.0
    axis = ax.xaxis if horizontal else ax.yaxis
    axis.set_label_text(label)
    tick = _axis_formatter(value_format)
    axis.set_major_formatter(FuncFormatter(tick))
    if horizontal:  # tick texts side by side: fewer ticks when they are long ('1.000.000.000')
        chars = max(len(tick(low, 0)), len(tick(high, 0)))
        nbins = min(6, max(2, int(_AXES_WIDTH_PT // (chars * _CHAR_PT + 12))))
        axis.set_major_locator(MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10]))
    ax.grid(axis="x" if horizontal else "y")
    ax.set_axisbelow(True)
    limits = (low - span * room if low < 0 else 0.0, high + span * room)
    (ax.set_xlim if horizontal else ax.set_ylim)(*limits)


def _render(height_cm: float, paint: Callable[[Figure, Axes], None]) -> str:
    """Run `paint` on a fresh figure in the house style and return it as inline SVG."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(WIDTH_CM / 2.54, height_cm / 2.54), layout="constrained")
        paint(fig, fig.add_subplot())
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata=_METADATA)
    return _inline(out.getvalue())


def _inline(svg: str) -> str:
    """SVG fit for inlining in HTML5: no prolog or size, group ids dropped, other ids made unique per chart."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r'\1 class="rg-chart"', svg, count=1)
    svg = svg.replace('<style type="text/css">*{', '<style type="text/css">.rg-chart *{', 1)
    svg = re.sub(r'<g id="[^"]*"', "<g", svg)
    svg = re.sub(
        r"font-family: 'Liberation Sans'[^;\"]*", "font-family: 'Liberation Sans', Arial, Helvetica, sans-serif", svg
    )
    prefix = "c" + hashlib.sha256(svg.encode()).hexdigest()[:8] + "-"
    svg = re.sub(r'\bid="', f'id="{prefix}', svg)
    return re.sub(r"(url\(#|href=\"#)", rf"\g<1>{prefix}", svg)


# --- sizes and text -------------------------------------------------------------------------


def _check(labels: Sequence[str], series: Mapping[str, Sequence[float]]) -> None:
    if not labels:
        raise ValueError("a chart needs at least one category")
    for name, values in series.items():
        if len(values) != len(labels):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(labels)} labels")


def _is_horizontal(labels: Sequence[str]) -> bool:
    return len(labels) > 7 or max(len(label) for label in labels) > _LONG_LABEL


def _height(categories: int, series: int, horizontal: bool) -> float:
    if not horizontal:
        return HEIGHT_CM
    return max(HEIGHT_CM, 2.5 + categories * max(0.75, 0.42 * series + 0.3))


def _bar_width_pt(categories: int, series: int) -> float:
    """The width of one vertical bar in points, for an axes about 85% of the figure wide."""
    return WIDTH_CM / 2.54 * 72 * 0.85 / categories * 0.8 / series


def _label_width(series: Mapping[str, Sequence[float]], value_format: str) -> float:
    longest = max((len(_text(v, value_format)) for values in series.values() for v in values), default=1)
    return longest * _CHAR_PT


def _wrapped(labels: Sequence[str], width: int) -> list[str]:
    return [textwrap.fill(str(label), width) for label in labels]


def _text(value: float | None, value_format: str) -> str:
    return _DASH if _missing(value) else format_value(value, value_format)


def _axis_formatter(value_format: str) -> Callable[[float, int], str]:
    """Tick text in Indonesian; fractions shown as percent when the values are."""
    percent = value_format.partition(":")[0] == "persen"

    def tick(value: float, _position: int) -> str:
        value = 0.0 if abs(value) < 1e-9 else value
        return fmt.angka(round(value * 100, 6)) + "%" if percent else fmt.angka(round(value, 6))

    return tick


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def draw(spec: ChartSpec) -> str:
    """The SVG of `spec`."""
    options = {"value_label": spec.value_label, "value_format": spec.value_format}
    labels = list(spec.labels)
    if spec.kind == "garis":
        return line_chart(labels, list(spec.series[0][1]), **options)
    if len(spec.series) == 1:
        return bar_chart(
            labels, list(spec.series[0][1]), reference=spec.reference, reference_label=spec.reference_label, **options
        )
    return grouped_bar_chart(labels, {name: list(values) for name, values in spec.series}, **options)
