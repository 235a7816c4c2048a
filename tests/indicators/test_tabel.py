import math

import pandas as pd
import pytest
from pydantic import ValidationError

from reportgen.indicators import tabel
from reportgen.indicators.tabel import compute as tabel_compute
from reportgen.indicators.tabel import present as tabel_present
from reportgen.schema import DataSpec

COLUMNS = [
    {"nama": "tahun", "label": "Tahun", "format": "teks"},
    {"nama": "peserta", "label": "Jumlah Peserta", "format": "bulat"},
    {"nama": "nilai", "format": "angka:1"},
    {"nama": "lulus", "label": "Kelulusan", "format": "persen", "wajib": False},
    {"nama": "biaya", "format": "rupiah"},
]
FRAME = pd.DataFrame(
    {
        "tahun": ["2023", "2024"],
        "peserta": [40, 52],
        "nilai": [78.25, 81.5],
        "lulus": [92.5, math.nan],  # read as written in the CSV: percent, an empty cell is NaN
        "biaya": [15_000_000.0, 18_250_000.0],
    }
)


def options(**extra) -> tabel.Options:
    return tabel.Options.model_validate({"kolom": COLUMNS, **extra})


def spec(**extra) -> DataSpec:
    return DataSpec(nama="rekap", jenis="tabel", berkas="rekap.csv", **extra)


def test_columns():
    assert [(c.name, c.kind, c.required) for c in tabel_compute.columns(options())] == [
        ("tahun", "teks", True),
        ("peserta", "bulat", True),
        ("nilai", "angka", True),
        ("lulus", "angka", False),
        ("biaya", "angka", True),
    ]


def test_compute():
    result = tabel_compute.compute(FRAME, options())
    assert result.rows == (
        {"tahun": "2023", "peserta": 40, "nilai": 78.25, "lulus": 0.925, "biaya": 15e6},  # 92.5% = 0.925
        {"tahun": "2024", "peserta": 52, "nilai": 81.5, "lulus": None, "biaya": 18.25e6},
    )
    assert all(type(row["peserta"]) is int for row in result.rows)


def test_absent_optional_column():
    result = tabel_compute.compute(FRAME.drop(columns="lulus"), options())
    assert [row["lulus"] for row in result.rows] == [None, None]


def test_present_table():
    presented = tabel_present.present(
        tabel_compute.compute(FRAME, options()), spec(judul="Rekap Pelatihan", sumber="BKPSDM"), options()
    )
    (table,) = presented.tables
    assert (table.name, table.caption, table.source, table.total) == ("rekap.tabel", "Rekap Pelatihan", "BKPSDM", None)
    assert [(c.key, c.label, c.format) for c in table.columns] == [
        ("tahun", "Tahun", "teks"),
        ("peserta", "Jumlah Peserta", "bulat"),
        ("nilai", "nilai", "angka:1"),
        ("lulus", "Kelulusan", "persen"),
        ("biaya", "biaya", "rupiah"),
    ]
    assert str(presented.figures["baris"]) == "2"
    assert presented.charts == ()


@pytest.mark.parametrize(("jenis", "kind"), [("garis", "garis"), ("batang", "batang")])
def test_present_chart(jenis, kind):
    opts = options(grafik={"jenis": jenis, "x": "tahun", "y": "biaya"})
    presented = tabel_present.present(tabel_compute.compute(FRAME, opts), spec(), opts)
    (chart,) = presented.charts
    assert (chart.name, chart.caption) == ("rekap.grafik", "Tabel Data")
    assert chart.spec.kind == kind and chart.spec.labels == ("2023", "2024")
    assert chart.spec.series == (("", (15e6, 18.25e6)),)
    assert chart.alt == f"Grafik {kind} biaya menurut tahun. 2023: Rp15.000.000; 2024: Rp18.250.000."


def test_chart_skips_empty_values():
    opts = options(grafik={"x": "tahun", "y": "lulus"})
    (chart,) = tabel_present.present(tabel_compute.compute(FRAME, opts), spec(), opts).charts
    assert chart.alt == "Grafik batang kelulusan menurut tahun. 2023: 92,5%."


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"kolom": [{"nama": "a", "format": "uang"}]}, "format tidak dikenal 'uang'; diharapkan salah satu dari: teks"),
        ({"kolom": [{"nama": "a"}, {"nama": "a"}]}, "kolom disebut lebih dari sekali: a"),
        ({"grafik": {"x": "tahun", "y": "skor"}}, "grafik.y: kolom 'skor' tidak ada di 'kolom'"),
        ({"grafik": {"x": "tahun", "y": "tahun"}}, "grafik.y: kolom 'tahun' berformat teks"),
        ({"kolom": []}, "at least 1 item"),
    ],
)
def test_invalid_options(extra, message):
    with pytest.raises(ValidationError, match=message):
        tabel.Options.model_validate({"kolom": COLUMNS, **extra})


def test_formats_accepted():
    for spec_ in ("teks", "angka", "angka:3", "bulat", "persen", "persen:2", "rupiah"):
        assert tabel.TableColumn(nama="x", format=spec_).format == spec_
