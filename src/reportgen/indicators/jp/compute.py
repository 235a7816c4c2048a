"""Turn a roster of lesson hours (JP) per civil servant into the yearly 20-JP obligation met.

Each PNS is owed at least 20 JP of competence development a year (PP 11/2017 art. 203(4),
kept by PP 17/2020). A roster may list one row per training attended: rows of the same NIP
are summed.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from reportgen import fmt
from reportgen.csvdata import ColumnSpec
from reportgen.indicators.jp import Options


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
