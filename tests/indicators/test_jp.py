import pandas as pd
import pytest

from reportgen.indicators import jp
from reportgen.indicators.jp import compute as jp_compute
from reportgen.indicators.jp import present as jp_present
from reportgen.results import Figure
from reportgen.schema import DataSpec

OPTIONS = jp.Options()
UMUM, MUTASI = "Bagian Umum", "Bidang Mutasi"

# Seven rows, six civil servants: NIP ...03 attended two trainings (12 + 10 = 22 JP).
ROSTER = pd.DataFrame(
    {
        "nip": [f"1980010120050110{i:02d}" for i in (1, 2, 3, 3, 4, 5, 6)],
        "unit_kerja": [UMUM, UMUM, MUTASI, MUTASI, MUTASI, MUTASI, UMUM],
        "jp": [24.0, 0.0, 12.0, 10.0, 5.0, 30.0, 19.5],
    }
)
# Per person: 24, 0, 22, 5, 30, 19.5


def roster(jps: list[float], unit: str = UMUM) -> pd.DataFrame:
    nips = [f"1990{i:014d}" for i in range(len(jps))]
    return pd.DataFrame({"nip": nips, "unit_kerja": [unit] * len(jps), "jp": jps}, dtype=object).astype({"jp": float})


def spec(**extra) -> DataSpec:
    return DataSpec(nama="jp", jenis="jp", berkas="jp.csv", **extra)


def test_totals():
    result = jp_compute.compute(ROSTER, OPTIONS)
    total = result.total
    assert total.employees == 6  # distinct NIP
    assert total.trained == 5  # all but 0 JP
    assert total.meeting == 3  # 24, 22, 30 >= 20; 19.5 is not
    assert total.mean_jp == 16.75  # (24 + 0 + 22 + 5 + 30 + 19.5) / 6 = 100.5 / 6
    assert result.target == 6  # the roster, when no target is given
    assert result.share_trained == pytest.approx(5 / 6)
    assert result.share_meeting == 0.5  # 3 / 6


def test_target():
    result = jp_compute.compute(ROSTER, jp.Options(target_peserta=10))
    assert (result.target, result.share_trained, result.share_meeting) == (10, 0.5, 0.3)  # 5/10, 3/10


def test_distribution():
    result = jp_compute.compute(ROSTER, OPTIONS)
    assert result.bins == (
        jp_compute.Bin("0 JP", 1),  # 0
        jp_compute.Bin("> 0 s.d. < 10 JP", 1),  # 5
        jp_compute.Bin("10 s.d. < 20 JP", 1),  # 19.5
        jp_compute.Bin("20 s.d. < 30 JP", 2),  # 24, 22
        jp_compute.Bin("≥ 30 JP", 1),  # 30
    )


def test_distribution_follows_threshold():
    result = jp_compute.compute(roster([11.5, 12, 24, 36]), jp.Options(batas_jp=24))
    # halves at 12, 1.5 times at 36
    assert [(b.label, b.count) for b in result.bins] == [
        ("0 JP", 0),
        ("> 0 s.d. < 12 JP", 1),
        ("12 s.d. < 24 JP", 1),
        ("24 s.d. < 36 JP", 1),
        ("≥ 36 JP", 1),
    ]
    assert result.total.meeting == 2  # 24 and 36


def test_units():
    result = jp_compute.compute(ROSTER, OPTIONS)
    umum, mutasi = result.units
    # Umum: 24, 0, 19.5 -> trained 2, meeting 1, mean 43.5 / 3 = 14.5
    assert umum == jp_compute.Unit(UMUM, 3, 2, 1, 14.5)
    assert umum.share_meeting == pytest.approx(1 / 3)
    # Mutasi: 22, 5, 30 -> trained 3, meeting 2, mean 57 / 3 = 19
    assert mutasi == jp_compute.Unit(MUTASI, 3, 3, 2, 19.0)


def test_threshold_is_inclusive():
    result = jp_compute.compute(roster([20.0, 19.99]), OPTIONS)
    assert result.total.meeting == 1


def test_empty_roster():
    result = jp_compute.compute(roster([]), OPTIONS)
    assert (result.target, result.share_trained, result.share_meeting, result.total.mean_jp) == (0, None, None, None)
    assert result.units == ()
    presented = jp_present.present(result, spec(), OPTIONS)
    assert presented.charts == ()
    assert str(presented.figures["persen_memenuhi"]) == "–"
    result = jp_compute.compute(roster([]), jp.Options(target_peserta=5))
    assert (result.share_trained, result.share_meeting) == (0.0, 0.0)


def test_own_column_names():
    options = jp.Options(kolom_nip="NIP", kolom_unit="Unit", kolom_jp="Jam")
    frame = ROSTER.rename(columns={"nip": "NIP", "unit_kerja": "Unit", "jp": "Jam"})
    assert jp_compute.compute(frame, options) == jp_compute.compute(ROSTER, OPTIONS)
    assert [(c.name, c.kind, c.required, c.minimum) for c in jp_compute.columns(options)] == [
        ("NIP", "teks", True, None),
        ("nama", "teks", False, None),
        ("Unit", "teks", True, None),
        ("Jam", "angka", True, 0),
    ]


def test_present():
    result = jp_compute.compute(ROSTER, jp.Options(target_peserta=10))
    presented = jp_present.present(result, spec(sumber="SIASN"), OPTIONS)
    figures = {name: str(value) for name, value in presented.figures.items()}
    assert figures == {
        "pegawai": "6",
        "target": "10",
        "peserta": "5",
        "persen_peserta": "50,0%",
        "memenuhi": "3",
        "persen_memenuhi": "30,0%",
        "belum_memenuhi": "7",
        "rata_jp": "16,8",  # 16.75 to one decimal (babel rounds half to even)
        "batas_jp": "20",
    }
    distribution, units = presented.tables
    assert [t.name for t in presented.tables] == ["jp.sebaran", "jp.unit"]
    assert distribution.caption == "Pemenuhan Hak Pengembangan Kompetensi 20 JP: Sebaran Pegawai menurut Jumlah JP"
    assert distribution.total == {"rentang": "Jumlah", "jumlah": 6, "porsi": 1.0}
    assert units.source == "SIASN"
    assert units.columns[3].label == "Memenuhi ≥ 20 JP"
    assert units.rows[1] == {
        "unit": MUTASI,
        "pegawai": 3,
        "peserta": 3,
        "memenuhi": 2,
        "persen": pytest.approx(2 / 3),
        "rata": 19.0,
    }
    assert units.total["unit"] == "Jumlah"
    assert units.total["memenuhi"] == 3
    (chart,) = presented.charts
    assert chart.name == "jp.sebaran"
    assert "20 s.d. < 30 JP: 2 pegawai" in chart.alt


def test_mean_jp_is_added_in_decimal():
    # NIP 1: 0,7 + 0,1 = 0,8 (binary: 0.7999999999999999); NIP 2: 0,1; mean (0,8 + 0,1) / 2 = 0,45 -> 0,5
    result = jp_compute.compute(roster([0.7, 0.1, 0.1]).assign(nip=["1", "1", "2"]), OPTIONS)
    assert result.total.mean_jp == 0.45
    assert str(Figure(result.total.mean_jp, "angka:1")) == "0,5"
