"""Mutated report files and CSV exports: whatever hypothesis makes of them, only our own errors come out."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen import load, pipeline
from reportgen.errors import InputError
from tests.conftest import REPO

SLUGS = ("sawahlunto-pembinaan", "kotabumi-pengembangan-karier", "batanghari-pelatihan")
# Deterministic, so that CI runs the same examples every time; a few hundred in all.
FUZZ = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def project():
    """One copy of the example project; each example rewrites a file and puts it back."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in ("reports.yaml", "content", "templates"):
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
        yield root


def check_report(root: Path, slug: str) -> None:
    """What `reportgen check` does with one report, without the net that turns our bugs into messages."""
    pipeline.run(load.load_project(root), slug)


def only_our_errors(root: Path, path: Path, data: bytes, slug: str) -> None:
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        check_report(root, slug)
    except InputError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.message and str(problem.file), problem
            problem.render()  # every problem renders, whatever its source line holds
    finally:
        path.write_bytes(original)


def flips(data: bytes) -> st.SearchStrategy[bytes]:
    """`data` with a few bytes replaced, inserted or deleted."""
    kinds = st.sampled_from(["set", "insert", "delete"])
    edit = st.tuples(st.integers(0, len(data) - 1), kinds, st.binary(min_size=1, max_size=3))

    def apply(edits) -> bytes:
        out = bytearray(data)
        for position, kind, value in edits:
            position = min(position, len(out) - 1)
            if kind == "set":
                out[position : position + len(value)] = value
            elif kind == "insert":
                out[position:position] = value
            else:
                del out[position : position + len(value)]
        return bytes(out)

    return st.lists(edit, min_size=1, max_size=4).map(apply)


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(["{{ 1/0 }}", "{{ tidakada }}", "2026-02-30", "../../reports.yaml", "\x00", "1e309"]),
)


def paths(value, prefix=()):
    """Every key path in parsed YAML."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from paths(item, (*prefix, i))


def mutated(document, path, action, new):
    """`document` with the value at `path` deleted or replaced by `new`."""
    if not path:
        return new
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    if action == "delete":
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return document


@pytest.mark.parametrize("slug", SLUGS)
@FUZZ
@given(data=st.data())
def test_bytes_flipped_in_a_report_file(project, slug, data):
    path = project / "content" / slug / "laporan.yaml"
    only_our_errors(project, path, data.draw(flips(path.read_bytes())), slug)


@pytest.mark.parametrize("slug", SLUGS)
@FUZZ
@given(data=st.data())
def test_keys_deleted_and_values_swapped_in_a_report_file(project, slug, data):
    path = project / "content" / slug / "laporan.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(list(paths(document))))
        action = data.draw(st.sampled_from(["delete", "swap"]))
        document = mutated(document, where, action, data.draw(ODD_VALUES))
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    only_our_errors(project, path, text.encode("utf-8", "surrogatepass"), slug)


CSV_FILES = [(slug, path.name) for slug in SLUGS for path in sorted((REPO / "content" / slug).glob("*.csv"))]


@pytest.mark.parametrize(("slug", "name"), CSV_FILES)
@FUZZ
@given(data=st.data())
def test_bytes_flipped_and_cells_replaced_in_a_csv_file(project, slug, name, data):
    path = project / "content" / slug / name
    original = path.read_bytes()
    if data.draw(st.booleans()):
        changed = data.draw(flips(original))
    else:
        lines = original.split(b"\n")
        row = data.draw(st.integers(0, len(lines) - 1))
        separator = b";" if b";" in lines[0] else b","
        cells = lines[row].split(separator)
        column = data.draw(st.integers(0, max(len(cells) - 1, 0)))
        odd = data.draw(
            st.one_of(
                st.text(max_size=20),
                st.sampled_from(["", "1e400", "-0", "nan", "1.000.000.000.000.000", "9" * 400, '"', "\x00"]),
            )
        )
        cells[column] = odd.encode("utf-8", "surrogatepass")
        lines[row] = separator.join(cells)
        changed = b"\n".join(lines)
    only_our_errors(project, path, changed, slug)
