import pandas as pd
import pytest

from reportgen.indicators import anggaran
from reportgen.indicators.anggaran import compute as anggaran_compute
from reportgen.indicators.anggaran import present as anggaran_present
from reportgen.schema import DataSpec

OPTIONS = anggaran.Options()

BUDGET = pd.DataFrame(
    {
        "kegiatan": ["Diklat Kepemimpinan", "Bimtek SIASN", "Sosialisasi", "Rapat Koordinasi"],
        "pagu": [100_000_000.0, 50_000_000.0, 0.0, 20_000_000.0],
        "realisasi": [95_500_000.0, 50_000_000.0, 0.0, 22_000_000.0],
    }
)


def spec(**extra) -> DataSpec:
    return DataSpec(nama="anggaran", jenis="anggaran", berkas="anggaran.csv", **extra)


def test_lines():
    result = anggaran_compute.compute(BUDGET, OPTIONS)
    lines = result.lines
    assert [line.name for line in lines] == list(BUDGET["kegiatan"])
    assert [line.remaining for line in lines] == [4_500_000, 0, 0, -2_000_000]  # pagu - realisasi
    assert lines[0].share == 0.955  # 95.5 / 100
    assert lines[1].share == 1.0
    assert lines[2].share is None  # zero budget: no percent, no crash
    assert lines[3].share == pytest.approx(1.1)  # 22 / 20, over budget


def test_totals():
    total = anggaran_compute.compute(BUDGET, OPTIONS).total
    # pagu 100 + 50 + 0 + 20 = 170 million; realisasi 95.5 + 50 + 0 + 22 = 167.5 million
    assert (total.name, total.budget, total.spent, total.remaining) == ("Jumlah", 170e6, 167.5e6, 2.5e6)
    assert total.share == pytest.approx(167.5 / 170)  # 0.98529..


def test_all_budgets_zero():
    frame = pd.DataFrame({"kegiatan": ["Rapat"], "pagu": [0.0], "realisasi": [0.0]})
    result = anggaran_compute.compute(frame, OPTIONS)
    assert result.total.share is None
    presented = anggaran_present.present(result, spec(), OPTIONS)
    assert str(presented.figures["persen_realisasi"]) == "–"
    assert presented.tables[0].rows[0]["persen"] is None


def test_no_activities():
    frame = pd.DataFrame({"kegiatan": [], "pagu": [], "realisasi": []})
    result = anggaran_compute.compute(frame, OPTIONS)
    assert (result.lines, result.total.budget, result.total.share) == ((), 0, None)
    assert anggaran_present.present(result, spec(), OPTIONS).charts == ()


def test_own_column_names():
    options = anggaran.Options(kolom_kegiatan="Sub Kegiatan", kolom_pagu="Pagu (Rp)", kolom_realisasi="Realisasi (Rp)")
    frame = BUDGET.set_axis(["Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)"], axis=1)
    assert anggaran_compute.compute(frame, options) == anggaran_compute.compute(BUDGET, OPTIONS)
    assert [(c.name, c.kind, c.minimum) for c in anggaran_compute.columns(options)] == [
        ("Sub Kegiatan", "teks", None),
        ("Pagu (Rp)", "angka", 0),
        ("Realisasi (Rp)", "angka", 0),
    ]


def test_present():
    result = anggaran_compute.compute(BUDGET, OPTIONS)
    presented = anggaran_present.present(result, spec(judul="Anggaran Pembinaan ASN 2025", sumber="BPKAD"), OPTIONS)
    figures = {name: str(value) for name, value in presented.figures.items()}
    assert figures == {
        "kegiatan": "4",
        "total_pagu": "Rp170.000.000",
        "total_realisasi": "Rp167.500.000",
        "total_sisa": "Rp2.500.000",
        "persen_realisasi": "98,53%",  # 167.5 / 170 = 0.985294..
    }
    (table,) = presented.tables
    assert table.name == "anggaran.realisasi"
    assert table.caption == "Anggaran Pembinaan ASN 2025: Pagu dan Realisasi per Kegiatan"
    assert table.source == "BPKAD"
    assert [(c.label, c.format) for c in table.columns] == [
        ("No", "bulat"),
        ("Kegiatan", "teks"),
        ("Pagu", "rupiah"),
        ("Realisasi", "rupiah"),
        ("Sisa Anggaran", "rupiah"),
        ("Persentase Realisasi", "persen:2"),
    ]
    assert table.rows[0] == {
        "no": 1,
        "kegiatan": "Diklat Kepemimpinan",
        "pagu": 100e6,
        "realisasi": 95.5e6,
        "sisa": 4.5e6,
        "persen": 0.955,
    }
    assert table.total["kegiatan"] == "Jumlah"
    assert table.total["sisa"] == 2.5e6
    (chart,) = presented.charts
    assert chart.name == "anggaran.realisasi"
    assert chart.spec.kind == "batang" and [name for name, _ in chart.spec.series] == ["Pagu", "Realisasi"]
    assert "Rp170.000.000" in chart.alt


def test_amounts_are_added_in_decimal():
    # 0,10 + 0,20 = 0,30 rupiah; binary floats give 0,30000000000000004
    frame = pd.DataFrame({"kegiatan": ["a", "b"], "pagu": [0.1, 0.2], "realisasi": [0.1, 0.05]})
    total = anggaran_compute.compute(frame, OPTIONS).total
    assert (total.budget, total.spent, total.remaining) == (0.3, 0.15, 0.15)
    assert total.share == 0.5
    assert anggaran_compute.Line("x", 20_000_000.0, 22_000_000.0).share == 1.1  # exactly the decimal 1.1
