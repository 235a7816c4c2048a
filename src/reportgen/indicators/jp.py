"""Turn a roster of lesson hours (JP) per civil servant into the yearly 20-JP obligation met.

Each PNS is owed at least 20 JP of competence development a year (PP 11/2017 art. 203(4),
kept by PP 17/2020). A roster may list one row per training attended: rows of the same NIP
are summed.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd
from pydantic import Field

from reportgen import fmt
from reportgen.csvdata import ColumnSpec
from reportgen.results import Chart, ChartSpec, Column, Figure, Result, Table
from reportgen.schema import DataSpec, Model, Text

KIND = "jp"
DEFAULT_TITLE = "Pemenuhan Hak Pengembangan Kompetensi 20 JP"


class Options(Model):
    """Settings of a JP roster, under `opsi:`."""

    batas_jp: float = Field(20, gt=0, description="Jam pelajaran minimal per pegawai per tahun.")
    target_peserta: int | None = Field(
        None, ge=1, description="Jumlah pegawai sasaran; bila kosong dipakai jumlah pegawai dalam daftar."
    )
    kolom_nip: Text = Field("nip", description="Kolom NIP pegawai.")
    kolom_nama: Text = Field("nama", description="Kolom nama pegawai (boleh tidak ada).")
    kolom_unit: Text = Field("unit_kerja", description="Kolom unit kerja.")
    kolom_jp: Text = Field("jp", description="Kolom jam pelajaran (JP) yang diikuti.")


@dataclass(frozen=True)
class Bin:
    """Employees whose yearly JP is in one range."""

    label: str
    count: int


@dataclass(frozen=True)
class Unit:
    """One work unit: its employees, those trained, those meeting the threshold, the mean JP."""

    name: str
    employees: int
    trained: int
    meeting: int
    mean_jp: float | None

    @property
    def share_meeting(self) -> float | None:
        """Share of the unit's employees meeting the threshold."""
        return self.meeting / self.employees if self.employees else None


@dataclass(frozen=True)
class JpResult:
    """The roster's totals against the target, the JP distribution and the units."""

    threshold: float
    target: int
    total: Unit  # the whole roster, as one unit
    bins: tuple[Bin, ...]
    units: tuple[Unit, ...]

    @property
    def share_trained(self) -> float | None:
        """Employees with any JP, as a share of the target."""
        return self.total.trained / self.target if self.target else None

    @property
    def share_meeting(self) -> float | None:
        """Employees meeting the threshold, as a share of the target."""
        return self.total.meeting / self.target if self.target else None


def columns(options: Options) -> list[ColumnSpec]:
    """NIP, optional name and unit as text; JP a number of at least 0."""
    return [
        ColumnSpec(options.kolom_nip, "teks"),
        ColumnSpec(options.kolom_nama, "teks", required=False),
        ColumnSpec(options.kolom_unit, "teks"),
        ColumnSpec(options.kolom_jp, "angka", minimum=0),
    ]


def compute(frame: pd.DataFrame, options: Options) -> JpResult:
    """Employees trained and meeting `batas_jp`, overall, by JP range and by work unit."""
    people = _per_person(frame, options)
    threshold = options.batas_jp
    units = tuple(_unit(name, group, threshold) for name, group in people.groupby("unit", sort=True))
    target = options.target_peserta or len(people)
    total = _unit("Jumlah", people, threshold)
    return JpResult(threshold, target, total, _bins(people["jp"], threshold), units)


def present(result: JpResult, spec: DataSpec, options: Options) -> Result:
    """Figures, the distribution and unit tables, and the distribution chart."""
    title = spec.judul or DEFAULT_TITLE
    total = result.total
    figures = {
        "pegawai": Figure(total.employees, "bulat"),
        "target": Figure(result.target, "bulat"),
        "peserta": Figure(total.trained, "bulat"),
        "persen_peserta": Figure(result.share_trained, "persen"),
        "memenuhi": Figure(total.meeting, "bulat"),
        "persen_memenuhi": Figure(result.share_meeting, "persen"),
        "belum_memenuhi": Figure(max(result.target - total.meeting, 0), "bulat"),
        "rata_jp": Figure(total.mean_jp, "angka:1"),
        "batas_jp": Figure(result.threshold, "angka"),
    }
    tables = (_bin_table(result, spec, title), _unit_table(result, spec, title))
    chart = (_bin_chart(result, spec, title),) if total.employees else ()
    return Result(figures, tables, chart)


# --- computation --------------------------------------------------------------------------


def _per_person(frame: pd.DataFrame, options: Options) -> pd.DataFrame:
    """One row per NIP: its first unit and its JP summed over rows."""
    rows = pd.DataFrame(
        {"nip": frame[options.kolom_nip], "unit": frame[options.kolom_unit], "jp": frame[options.kolom_jp]}
    )
    return rows.groupby("nip", sort=False).agg(unit=("unit", "first"), jp=("jp", _exact_sum))


def _exact_sum(values: pd.Series) -> float:
    """The sum of decimal JP values as a person adds them (0,1 + 0,2 = 0,3), not in binary."""
    return float(sum(map(fmt.exact_decimal, values), Fraction(0)))


def _unit(name: str, people: pd.DataFrame, threshold: float) -> Unit:
    jp = people["jp"]
    mean = _exact_sum(jp) / len(jp) if len(jp) else None
    return Unit(str(name), len(jp), int((jp > 0).sum()), int((jp >= threshold).sum()), mean)


def _bins(jp: pd.Series, threshold: float) -> tuple[Bin, ...]:
    """Employees with 0 JP, then in ranges of half the threshold, then 1.5 times it or more."""
    half, top = threshold / 2, threshold * 1.5
    j = fmt.angka
    ranges = (
        ("0 JP", jp == 0),
        (f"> 0 s.d. < {j(half)} JP", (jp > 0) & (jp < half)),
        (f"{j(half)} s.d. < {j(threshold)} JP", (jp >= half) & (jp < threshold)),
        (f"{j(threshold)} s.d. < {j(top)} JP", (jp >= threshold) & (jp < top)),
        (f"≥ {j(top)} JP", jp >= top),
    )
    return tuple(Bin(label, int(mask.sum())) for label, mask in ranges)


# --- presentation -------------------------------------------------------------------------


def _bin_table(result: JpResult, spec: DataSpec, title: str) -> Table:
    columns = (
        Column("rentang", "Jumlah JP"),
        Column("jumlah", "Jumlah Pegawai", "bulat"),
        Column("porsi", "Persentase", "persen"),
    )
    employees = result.total.employees
    rows = tuple(
        {"rentang": b.label, "jumlah": b.count, "porsi": b.count / employees if employees else None}
        for b in result.bins
    )
    total = {"rentang": "Jumlah", "jumlah": employees, "porsi": 1.0 if employees else None}
    caption = f"{title}: Sebaran Pegawai menurut Jumlah JP"
    return Table(f"{spec.nama}.sebaran", caption, columns, rows, spec.sumber or "", total)


def _unit_table(result: JpResult, spec: DataSpec, title: str) -> Table:
    threshold = fmt.angka(result.threshold)
    columns = (
        Column("unit", "Unit Kerja"),
        Column("pegawai", "Jumlah Pegawai", "bulat"),
        Column("peserta", "Mengikuti Pelatihan", "bulat"),
        Column("memenuhi", f"Memenuhi ≥ {threshold} JP", "bulat"),
        Column("persen", "Persentase Memenuhi", "persen"),
        Column("rata", "Rata-rata JP", "angka:1"),
    )
    rows = tuple(_unit_row(u) for u in result.units)
    caption = f"{title}: Pemenuhan {threshold} JP per Unit Kerja"
    return Table(f"{spec.nama}.unit", caption, columns, rows, spec.sumber or "", _unit_row(result.total))


def _unit_row(unit: Unit) -> dict[str, object]:
    return {
        "unit": unit.name,
        "pegawai": unit.employees,
        "peserta": unit.trained,
        "memenuhi": unit.meeting,
        "persen": unit.share_meeting,
        "rata": unit.mean_jp,
    }


def _bin_chart(result: JpResult, spec: DataSpec, title: str) -> Chart:
    labels = [b.label for b in result.bins]
    counts = [b.count for b in result.bins]
    chart_spec = ChartSpec.bars(labels, counts, value_label="Jumlah pegawai", value_format="bulat")
    parts = "; ".join(f"{b.label}: {b.count} pegawai" for b in result.bins)
    alt = f"Diagram batang jumlah pegawai menurut jumlah JP dalam setahun. {parts}."
    return Chart(
        f"{spec.nama}.sebaran", f"{title}: Sebaran Pegawai menurut Jumlah JP", alt, chart_spec, spec.sumber or ""
    )
