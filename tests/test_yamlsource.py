"""The YAML reader on its own: nesting told at its place by LibYAML's parser and by PyYAML's own alike."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen import yamlsource
from reportgen.errors import InputError

PARSERS = [
    pytest.param(getattr(yaml, "CSafeLoader", None), id="libyaml"),
    pytest.param(yaml.SafeLoader, id="python"),
]
NAME = Path("content/uji/laporan.yaml")
TOO_DEEP = "data bersarang terlalu dalam (lebih dari 40 tingkat)"
CHAIN = "a0: &a0 [1]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 60))

# (text, line, column, message) of the first node too deep; the root mapping is the first level.
DEEP = {
    "flow, 5 000 levels (past LibYAML's own limit)": ("judul: Uji\nx: " + "[" * 5000 + "]" * 5000, 2, 43, TOO_DEEP),
    "flow, 100 000 levels": ("x: " + "[" * 100_000 + "]" * 100_000, 1, 43, TOO_DEEP),
    "flow mappings": ("x: " + "{a: " * 45 + "1" + "}" * 45, 1, 4 + 39 * 4, TOO_DEEP),
    "block": ("x:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60)), 41, 81, TOO_DEEP),
    "block lists": ("x:\n" + "".join("  " * i + "-\n" for i in range(1, 60)) + "  " * 60 + "- 1\n", 41, 81, TOO_DEEP),
    "a key": ("? " + "[" * 50 + "]" * 50 + "\n: v\n", 1, 42, TOO_DEEP),
    "after wide characters": ('x: ["Évaluasi — 県 😀", ' + "[" * 50 + "]" * 51, 1, 61, TOO_DEEP),  # in characters
    "an alias chain": (
        CHAIN,
        40,
        12,
        "data bersarang terlalu dalam (lebih dari 40 tingkat, lewat alias *a38); tulis nilainya langsung, tanpa alias",
    ),
    "an alias within flow": (
        "a: &a " + "[" * 30 + "]" * 30 + "\nb: " + "[" * 10 + "*a" + "]" * 10,
        2,
        14,
        "data bersarang terlalu dalam (lebih dari 40 tingkat, lewat alias *a); tulis nilainya langsung, tanpa alias",
    ),
}

WITHIN = {
    "40 levels": "x: " + "[" * 39 + "]" * 39,
    "an alias reaching 40": "a: &a " + "[" * 30 + "]" * 30 + "\nb: " + "[" * 9 + "*a" + "]" * 9,
    "an alias to a scalar": "a: &a " + "x\nb: " + "[" * 39 + "*a" + "]" * 39,
    "an alias inside its own anchor": "a: &d [[*d]]",  # told as a loop by the shape check
    "a syntax error past the limit": "x: " + "[" * 45 + "@",  # told by composing, at its place
}


def lines_of(text: str) -> tuple[str, ...]:
    return tuple(text.splitlines())


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("case", DEEP)
def test_the_first_node_too_deep_is_told_at_its_line_and_column(case, parser):
    if parser is None:
        pytest.skip("PyYAML without LibYAML")
    text, line, column, message = DEEP[case]
    problem = yamlsource.nesting_problem(text, NAME, lines_of(text), parser)
    assert problem is not None
    assert (problem.message, problem.line, problem.column) == (message, line, column)
    assert problem.source_line == text.splitlines()[line - 1]


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("case", WITHIN)
def test_nesting_within_the_limit_is_no_problem(case, parser):
    if parser is None:
        pytest.skip("PyYAML without LibYAML")
    text = WITHIN[case]
    assert yamlsource.nesting_problem(text, NAME, lines_of(text), parser) is None


@pytest.mark.parametrize("case", ["flow, 5 000 levels (past LibYAML's own limit)", "an alias chain"])
def test_loading_a_file_too_deep_is_one_problem_never_a_recursion_error(tmp_path, case):
    text, line, column, message = DEEP[case]
    path = tmp_path / "laporan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        yamlsource.load(path, NAME)
    [problem] = raised.value.problems
    assert (problem.file, problem.message, problem.line, problem.column) == (NAME, message, line, column)


def test_a_syntax_error_past_the_limit_is_told_as_a_syntax_error(tmp_path):
    path = tmp_path / "laporan.yaml"
    path.write_text(WITHIN["a syntax error past the limit"], encoding="utf-8")
    with pytest.raises(InputError) as raised:
        yamlsource.load(path, NAME)
    [problem] = raised.value.problems
    assert problem.message.startswith("sintaks YAML tidak valid: nilai tidak boleh diawali '@'")
    assert (problem.line, problem.column) == (1, 49)
