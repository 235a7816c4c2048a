"""The registry's declarations: every indicator runs on a tiny frame and has the headline figures it declares."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

from reportgen.indicators import HEADLINES, REGISTRY
from reportgen.schema import DataSpec

# One tiny literal frame per kind, in the columns its default options (or the options here) name.
OPTIONS = {"tabel": {"kolom": [{"nama": "tahun", "format": "bulat"}, {"nama": "peserta", "format": "bulat"}]}}
FRAMES = {
    "ikm": pd.DataFrame({f"U{i}": [4, 3] for i in range(1, 10)}),
    "prepost": pd.DataFrame({"nip": ["1", "2", "3"], "pre": [50.0, 60.0, 70.0], "post": [70.0, 75.0, 90.0]}),
    "jp": pd.DataFrame({"nip": ["1", "2"], "unit_kerja": ["A", "B"], "jp": [24.0, 8.0]}),
    "anggaran": pd.DataFrame({"kegiatan": ["Diklat"], "pagu": [1_000_000.0], "realisasi": [900_000.0]}),
    "tabel": pd.DataFrame({"tahun": [2025, 2026], "peserta": [30, 40]}),
}


def test_every_registered_indicator_has_a_tiny_frame_here():
    assert set(FRAMES) == set(REGISTRY)


@pytest.mark.parametrize("kind", REGISTRY)
def test_every_indicator_computes_its_headline_figures(kind):
    indicator = REGISTRY[kind]
    options = indicator.options.model_validate(OPTIONS.get(kind, {}))
    spec = DataSpec(nama="uji", jenis=kind, berkas="uji.csv")
    assert indicator.columns(options)
    result = indicator.present(indicator.compute(FRAMES[kind], options), spec, options)
    for headline in indicator.headlines:
        assert headline.figure in result.figures, (kind, headline.figure, sorted(result.figures))
        assert headline.qualifier is None or headline.qualifier in result.figures
        assert float(result.figures[headline.figure]) == float(result.figures[headline.figure])  # a number, not NaN


def test_headline_keys_are_unique_and_fit_an_attribute_name():
    keys = [h.key for h in HEADLINES]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z0-9-]+", key) for key in keys)
    assert keys == ["ikm", "ngain", "jp", "anggaran"]  # registry order: the index, Rekapitulasi and the charts


def test_the_declarations_import_no_computation_library():
    code = (
        "import sys, reportgen.indicators, reportgen.schema; "
        "print(sorted(m for m in ('pandas', 'numpy', 'scipy', 'reportgen.csvdata') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
