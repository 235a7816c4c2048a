import math
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from reportgen import charts
from reportgen.indicators.ikm import ELEMENTS

SVG = "{http://www.w3.org/2000/svg}"
IKM = list(ELEMENTS)
IKM_VALUES = [78.8889, 81.25, 76.5, 88.0, 79.75, 83.3333, 85.0, 72.1, 80.0]


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def bar() -> str:
    return charts.bar_chart(IKM, IKM_VALUES, value_label="Nilai IKM", reference=80.54, reference_label="IKM")


def grouped() -> str:
    series = {"Pre-test": [62.4, 55.1, 70.3], "Post-test": [78.2, 74.6, 81.0]}
    return charts.grouped_bar_chart(["Latsar", "PIM", "Teknis"], series, value_label="Rata-rata nilai")


def hist() -> str:
    return charts.histogram([12, 25, 33, 40, 41, 45, 52, 99.5, 100], [0, 20, 40, 60, 80, 100], value_label="Nilai")


def line() -> str:
    return charts.line_chart(["2023", "2024", "2025"], [1250, 980, 1430], value_label="Peserta")


ALL = [bar, grouped, hist, line]


@pytest.mark.parametrize("draw", ALL)
def test_same_input_same_bytes(draw):
    assert draw() == draw()


@pytest.mark.parametrize("draw", ALL)
def test_svg_is_inlinable(draw):
    svg = draw()
    root = ET.fromstring(svg)
    assert svg.startswith("<svg") and "<?xml" not in svg and "DOCTYPE" not in svg
    assert root.tag == f"{SVG}svg"
    assert "viewBox" in root.attrib and "width" not in root.attrib and "height" not in root.attrib
    assert root.find(f"{SVG}title") is None and "<title" not in svg
    assert "font-family: 'Liberation Sans'" in svg


def test_bar_chart_labels_in_indonesian():
    found = texts(bar())
    assert {"78,89", "83,33", "72,10", "IKM: 80,54", "Nilai IKM"} <= set(found)
    assert {"Penanganan Pengaduan,", "Saran dan Masukan"} <= set(found)  # a long label wrapped, one text a line
    assert not any("." in t for t in found if t[:1].isdigit())  # no decimal points


def test_long_labels_make_bars_horizontal():
    svg = charts.bar_chart(["A", "B"], [1, 2], value_label="x")
    long = charts.bar_chart(["Penanganan Pengaduan, Saran dan Masukan", "B"], [1, 2], value_label="x")
    # the value axis title is horizontal text under horizontal bars, rotated beside vertical ones
    assert "rotate(-90" in _title_transform(svg, "x") and "rotate(-90" not in _title_transform(long, "x")


def _title_transform(svg: str, title: str) -> str:
    return next(t.get("transform", "") for t in ET.fromstring(svg).iter(f"{SVG}text") if t.text == title)


def test_grouped_bars_hatched_with_legend():
    svg = grouped()
    assert "<pattern" in svg
    found = texts(svg)
    assert {"Pre-test", "Post-test", "62,4", "81,0"} <= set(found)


def test_percent_values_and_ticks():
    found = texts(charts.bar_chart(["A", "B"], [0.453, 0.9], value_label="Capaian", value_format="persen:1"))
    assert {"45,3%", "90,0%", "0%", "40%", "80%"} <= set(found)


def test_histogram_counts_and_edges():
    found = texts(hist())
    assert {"0", "20", "100", "1", "2", "3", "Nilai", "Jumlah"} <= set(found)


def test_line_chart_thousands_dot():
    assert {"1.250", "980", "1.430"} <= set(texts(line()))


def test_missing_values_shown_as_dash():
    found = texts(charts.bar_chart(["A", "B"], [1.5, math.nan], value_label="x", value_format="angka:1"))
    assert {"1,5", "–"} <= set(found)
    assert "1" in texts(charts.line_chart(["A", "B", "C"], [1, None, math.nan], value_label="x"))


def test_ids_unique_between_charts():
    def ids(svg: str) -> set[str]:
        return {e.get("id") for e in ET.fromstring(svg).iter() if e.get("id")}

    assert ids(bar()) and not ids(bar()) & ids(grouped())


def test_mismatched_lengths_rejected():
    with pytest.raises(ValueError, match="2 values for 3 labels"):
        charts.grouped_bar_chart(["a", "b", "c"], {"s": [1, 2]}, value_label="x")


def test_matplotlib_not_imported_until_drawing():
    code = "import reportgen.charts, sys; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
