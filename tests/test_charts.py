import itertools
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from reportgen import charts, textwidth
from reportgen.indicators.ikm import ELEMENTS
from reportgen.results import ChartSpec

NS = "{http://www.w3.org/2000/svg}"
IKM = [f"U{i} {name}" for i, name in enumerate(ELEMENTS, 1)]
IKM_VALUES = [82.5, 80.0, 75.17, 89.83, 81.33, 83.83, 85.0, 76.17, 78.67]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober"]


def ikm() -> ChartSpec:
    return ChartSpec.bars(IKM, IKM_VALUES, value_label="Nilai konversi", reference=81.39, reference_label="IKM 81,39")


def prepost() -> ChartSpec:
    series = {"Pre-test": [37.5, 56.875, 80.0], "Post-test": [47.5, 72.65625, 100.0]}
    return ChartSpec.grouped(
        ["Terendah", "Rata-rata", "Tertinggi"], series, value_label="Nilai", value_format="angka:1"
    )


def budget() -> ChartSpec:
    labels = ["Pelatihan Kepemimpinan Pengawas", "Coaching dan Mentoring", "Sertifikasi Kompetensi Jabatan Fungsional"]
    series = {"Pagu": [285.0, 45.0, 96.0], "Realisasi": [276.4, 40.3, 91.7], "Sisa": [8.6, 4.7, 4.3]}
    return ChartSpec.grouped(labels, series, value_label="Juta rupiah", value_format="angka:1")


def counts() -> ChartSpec:
    return ChartSpec.bars(
        ["Tinggi", "Sedang", "Rendah"], [3, 18, 11], value_label="Jumlah peserta", value_format="bulat"
    )


def line() -> ChartSpec:
    values = [46, 43, 48, 44, 37, 33, 30, 27, 25, 22]
    return ChartSpec.line(MONTHS, values, value_label="Jumlah keluhan", value_format="bulat")


def long_line() -> ChartSpec:
    values = [38, 41, 35, 33, 30, 27, 26, 23, 21, 19, 16, 1250]
    return ChartSpec.line([*MONTHS, "November", "Desember"], values, value_label="Pengaduan", value_format="bulat")


SPECS = [ikm, prepost, budget, counts, line, long_line]


def root(spec: ChartSpec) -> ET.Element:
    return ET.fromstring(charts.draw(spec))


def texts(spec: ChartSpec, role: str) -> list[str]:
    """The text of every element of class `role`: rg-v value, rg-c category, rg-t tick, rg-a axis title, rg-l legend."""
    return [" ".join(e.itertext()) for e in root(spec).iter() if e.get("class") == role]


def view_box(svg: ET.Element) -> list[float]:
    return [float(v) for v in svg.get("viewBox").split()]


def boxes(spec: ChartSpec, role: str) -> list[list[tuple[float, float, float, float]]]:
    """Estimated boxes (left, top, right, bottom) of each unrotated text of class `role`, one list per element."""
    found = []
    for element in root(spec).iter():
        if element.get("class") != role or "transform" in element.attrib:
            continue
        if element.tag == f"{NS}g":  # a value: its white ground is its box
            x, y, w, h = (float(element.find(f"{NS}rect").get(k)) for k in ("x", "y", "width", "height"))
            found.append([(x, y, x + w, y + h)])
            continue
        anchor = element.get("text-anchor", "start")
        lines = list(element.iter(f"{NS}tspan")) or [element]
        found.append([_box(e.text, float(e.get("x")), float(e.get("y")), anchor) for e in lines])
    return found


def _box(text: str, x: float, baseline: float, anchor: str) -> tuple[float, float, float, float]:
    width = textwidth.width(text, charts.SIZE)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, baseline - 0.75 * charts.SIZE, left + width, baseline + 0.25 * charts.SIZE


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("make", SPECS)
def test_same_spec_same_bytes(make):
    assert charts.draw(make()) == charts.draw(make())


def in_another_process(code: str, **env: str) -> str:
    """What `code` prints in a fresh interpreter where `specs` are the test charts (only reportgen imported)."""
    specs = ", ".join(repr(make()) for make in SPECS)
    head = f"import sys; from reportgen import charts; from reportgen.results import ChartSpec; specs = [{specs}]\n"
    done = subprocess.run(
        [sys.executable, "-c", head + code], capture_output=True, text=True, check=True, env={**os.environ, **env}
    )
    return done.stdout


def test_same_bytes_in_another_process_with_another_hash_seed():
    drawn = in_another_process("print('\\n'.join(charts.draw(s) for s in specs))", PYTHONHASHSEED="12345")
    assert drawn == "\n".join(charts.draw(make()) for make in SPECS) + "\n"


@pytest.mark.parametrize("make", SPECS)
def test_svg_is_inlinable(make):
    svg = charts.draw(make())
    element = ET.fromstring(svg)
    assert svg.startswith("<svg ") and "<?xml" not in svg and "DOCTYPE" not in svg and "<title" not in svg
    assert element.tag == f"{NS}svg" and element.get("class") == "rg-chart"
    assert "width" not in element.attrib and "height" not in element.attrib
    assert view_box(element)[:3] == [0, 0, 453.54]  # 16 cm in points
    assert element.get("font-family") == "'Liberation Sans', Arial, Helvetica, sans-serif"
    numbers = re.findall(r"-?\d+(?:\.\d+)?", " ".join(" ".join(e.attrib.values()) for e in element.iter()))
    assert all(len(n.partition(".")[2]) <= 2 for n in numbers)  # coordinates rounded to two decimals


def test_nine_cm_tall_and_taller_for_many_horizontal_bars():
    assert view_box(root(counts()))[3] == 255.12
    many = ChartSpec.bars([f"Unit {i}" for i in range(30)], range(30), value_label="x", value_format="bulat")
    assert view_box(root(many))[3] > 500


def test_ids_prefixed_per_chart_and_references_resolve():
    def ids(svg: ET.Element) -> set[str]:
        return {e.get("id") for e in svg.iter() if e.get("id")}

    one, other = root(prepost()), root(budget())
    assert ids(one) and ids(other) and not ids(one) & ids(other)
    for svg in (one, other):
        used = {m for e in svg.iter() for m in re.findall(r"url\(#([^)]+)\)", e.get("fill", ""))}
        assert used <= ids(svg)


def test_values_in_indonesian():
    assert texts(ikm(), "rg-v") == ["82,50", "80,00", "75,17", "89,83", "81,33", "83,83", "85,00", "76,17", "78,67"]
    assert {"56,9", "72,7", "100,0"} <= set(texts(prepost(), "rg-v"))
    assert "1.250" in texts(long_line(), "rg-v")
    percent = ChartSpec.bars(["A", "B"], [0.453, 0.9], value_label="Capaian", value_format="persen:1")
    assert texts(percent, "rg-v") == ["45,3%", "90,0%"]
    assert texts(percent, "rg-t") == ["0%", "20%", "40%", "60%", "80%", "100%"]


def test_negative_values_and_ticks_carry_the_true_minus_sign():
    spec = ChartSpec.bars(["Turun", "Naik"], [-4.0, 6.125], value_label="Selisih", value_format="angka:2")
    assert texts(spec, "rg-v") == ["\u22124,00", "6,13"]  # and 6.125 half up, as in the tables
    assert texts(spec, "rg-t") == ["\u22125,0", "\u22122,5", "0,0", "2,5", "5,0", "7,5"]


@pytest.mark.parametrize("values", [[1, 2, 2], [3, 18, 11], [0, 12, 7], [4, 9, 10], [1250, 980, 1430]])
def test_counts_have_whole_ticks_in_nice_steps(values):
    spec = ChartSpec.bars(["a", "b", "c"], values, value_label="Jumlah", value_format="bulat")
    ticks = [int(t.replace(".", "")) for t in texts(spec, "rg-t")]  # int() fails on '2,5'
    step = ticks[1] - ticks[0]
    assert ticks[0] == 0 and ticks[-1] >= max(values) and all(b - a == step for a, b in itertools.pairwise(ticks))
    assert step / 10 ** math.floor(math.log10(step)) in (1, 2, 5)


@pytest.mark.parametrize("top", [0.7, 3.3, 11, 47, 92.78, 1234.5])
def test_ticks_step_one_two_two_and_a_half_or_five(top):
    spec = ChartSpec.bars(["a", "b"], [top / 3, top], value_label="x", value_format="angka:2")
    ticks = [float(t.replace(".", "").replace(",", ".")) for t in texts(spec, "rg-t")]
    step = ticks[1] - ticks[0]
    assert round(step / 10 ** math.floor(math.log10(step)), 6) in (1, 2, 2.5, 5)
    assert ticks[-1] >= top and 3 <= len(ticks) <= 8


@pytest.mark.parametrize("make", [ikm, budget, prepost, line])
def test_category_labels_wrap_between_words_only(make):
    spec = make()
    found = texts(spec, "rg-c")
    assert found == list(spec.labels)  # the lines of each label, joined by spaces, give it back whole
    words = {w for label in spec.labels for w in label.split()}
    assert all(set(e.text.split()) <= words for e in root(spec).iter(f"{NS}tspan"))


def test_long_labels_take_balanced_lines():
    lines = [[t.text for t in e.iter(f"{NS}tspan")] for e in root(ikm()).iter() if e.get("class") == "rg-c"]
    assert lines[7] == ["U8 Penanganan Pengaduan,", "Saran dan Masukan"]
    assert all(len(label) == 1 for i, label in enumerate(lines) if i != 7)


def test_a_long_word_is_never_broken():
    spec = ChartSpec.bars(["Septemberoktobernovember", "Mei"], [1, 2], value_label="x")
    assert "Septemberoktobernovember" in [t.text for t in root(spec).iter(f"{NS}tspan")]


@pytest.mark.parametrize("make", SPECS)
def test_neighbouring_labels_never_touch(make):
    for role in ("rg-c", "rg-v", "rg-t"):
        labels = boxes(make(), role)
        for a, b in itertools.combinations(labels, 2):
            assert not any(_overlap(x, y) for x in a for y in b), (role, a, b)


def test_months_that_do_not_fit_are_slanted_not_split():
    slanted = [e for e in root(long_line()).iter() if e.get("class") == "rg-c"]
    assert [e.text for e in slanted] == list(long_line().labels)
    assert all("rotate(-45" in e.get("transform") for e in slanted)


def test_missing_value_is_a_dash_without_bar():
    spec = ChartSpec.bars(["A", "B", "C"], [1.5, None, math.nan], value_label="x", value_format="angka:1")
    assert texts(spec, "rg-v") == ["1,5", "–", "–"]
    bars = [r for r in root(spec).iter(f"{NS}rect") if r.get("fill") == "#a6a6a6"]
    assert len(bars) == 1
    gap = ChartSpec.line(["A", "B", "C"], [1, None, 3], value_label="x", value_format="bulat")
    assert texts(gap, "rg-v") == ["1", "–", "3"]
    assert len(list(root(gap).iter(f"{NS}circle"))) == 2


def test_grouped_series_differ_by_grey_and_hatch():
    svg = root(budget())
    patterns = {p.get("id"): p for p in svg.iter(f"{NS}pattern")}
    assert len(patterns) == 2  # the first series is solid
    fills = [e.get("fill") for e in svg.iter(f"{NS}rect") if e.get("stroke") == "#000" and "x" in e.attrib]
    series = list(dict.fromkeys(fills))
    assert len(series) == 3 and series[0].startswith("#")
    assert [f.removeprefix("url(#").removesuffix(")") for f in series[1:]] == list(patterns)
    grounds = [p.find(f"{NS}rect").get("fill") for p in patterns.values()]
    assert grounds[0] != grounds[1]
    assert texts(budget(), "rg-l") == ["Pagu", "Realisasi", "Sisa"]


def test_reference_legend_is_the_label_as_given():
    assert texts(ikm(), "rg-l") == ["IKM 81,39"]
    svg = charts.draw(ikm())
    assert "IKM 81,39:" not in svg and 'stroke-dasharray="5 3"' in svg


def test_reference_line_never_crosses_a_value():
    for spec in (ikm(), ChartSpec.bars(["A", "B", "C"], [80.0, 81.0, 90.0], value_label="x", reference=81.39)):
        svg = root(spec)
        (line,) = [e for e in svg.iter(f"{NS}path") if e.get("stroke-dasharray") == "5 3" and e.get("d")[1] != "0"]
        horizontal = "V" in line.get("d")
        at = float(re.match(r"M([\d.]+) ([\d.]+)", line.get("d")).group(1 if horizontal else 2))
        for ground in (g.find(f"{NS}rect") for g in svg.iter(f"{NS}g") if g.get("class") == "rg-v"):
            start = float(ground.get("x" if horizontal else "y"))
            size = float(ground.get("width" if horizontal else "height"))
            assert not start <= at <= start + size


def test_long_or_many_labels_turn_bars_horizontal():
    def horizontal(spec: ChartSpec) -> bool:
        bars = [r for r in root(spec).iter(f"{NS}rect") if r.get("fill") == "#a6a6a6"]
        return len({r.get("height") for r in bars}) == 1 and len({r.get("x") for r in bars}) == 1

    assert not horizontal(counts())
    assert horizontal(ikm())
    assert horizontal(ChartSpec.bars(["Penanganan Pengaduan", "B"], [1, 2], value_label="x"))
    assert horizontal(ChartSpec.bars(list("ABCDEFGH"), range(1, 9), value_label="x", value_format="bulat"))
    assert texts(ikm(), "rg-a") == ["Nilai konversi"]


def test_text_is_escaped():
    spec = ChartSpec.bars(["Kas & <Bank>", "B"], [1, 2], value_label="Nilai <juta>")
    assert texts(spec, "rg-c")[0] == "Kas & <Bank>" and texts(spec, "rg-a") == ["Nilai <juta>"]


def test_text_widths_are_liberation_sans_advances():
    assert textwidth.width("", 10) == 0
    assert textwidth.width("0", 1000) == 556 and textwidth.width("W", 1000) == 944
    assert textwidth.width("–", 1000) == 556 and textwidth.width("≥", 1000) == 549
    assert textwidth.width("漢", 1000) == 600  # not in the table: the default


def test_drawing_imports_no_plotting_or_font_library():
    libraries = "('matplotlib', 'numpy', 'pandas', 'fontTools')"
    code = f"[charts.draw(s) for s in specs]; print([m for m in {libraries} if m in sys.modules])"
    assert in_another_process(code) == "[]\n"
