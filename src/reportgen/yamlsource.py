"""Turn a YAML file into plain data plus the line and column of every key and value."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reportgen.errors import InputError, Problem

Path_ = tuple[str | int, ...]

# PyYAML's messages are English; authors read Indonesian.
_YAML_PROBLEMS = {
    "mapping values are not allowed here": "tanda titik dua (:) tidak boleh ada di sini; "
    "apakah teksnya perlu diapit tanda kutip?",
    "could not find expected ':'": "tanda titik dua (:) setelah nama kunci tidak ditemukan",
    "found character '\\t' that cannot start any token": "karakter tab tidak boleh dipakai; "
    "gunakan spasi untuk indentasi",
    "found a tab character that violates indentation": "karakter tab tidak boleh dipakai; "
    "gunakan spasi untuk indentasi",
    "did not find expected key": "indentasi tidak sesuai: kunci berikutnya tidak ditemukan di tempat yang diharapkan",
    "expected <block end>, but found '-'": "indentasi butir daftar (-) tidak sesuai",
    "did not find expected '-' indicator": "indentasi butir daftar (-) tidak sesuai",
    "found unexpected end of stream": "berkas berakhir sebelum teks yang diapit tanda kutip ditutup",
    "found undefined alias": "alias (*) merujuk ke jangkar (&) yang tidak ada",
    "expected a single document in the stream": "berkas hanya boleh berisi satu dokumen YAML (tanpa '---' kedua)",
}


@dataclass(frozen=True)
class Mark:
    """Where a key or value starts (1-based); `text_line` is the first line of a block scalar's text."""

    line: int
    column: int
    text_line: int


@dataclass(frozen=True)
class Source:
    """A parsed YAML file: its data, its lines and where each key path sits."""

    path: Path
    data: object
    lines: tuple[str, ...]
    values: dict[Path_, Mark] = field(default_factory=dict)
    keys: dict[Path_, Mark] = field(default_factory=dict)
    problems: tuple[tuple[Path_, Problem], ...] = ()

    def problem(self, loc: Path_, message: str, *, at_key: bool = False) -> Problem:
        """A Problem at key path `loc`, falling back to the nearest enclosing value."""
        mark = self.mark(loc, at_key=at_key)
        line = mark.line if mark else None
        return Problem(
            file=self.path,
            message=message,
            line=line,
            column=mark.column if mark else None,
            key=format_key(loc),
            source_line=self.lines[line - 1] if line and line <= len(self.lines) else None,
        )

    def mark(self, loc: Path_, *, at_key: bool = False) -> Mark | None:
        """The mark of `loc`, or of its closest known ancestor."""
        if at_key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), None)


def format_key(loc: Path_) -> str:
    """Key path as an author reads it: `bagian[3].jenis`, list positions counted from 1."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


# LibYAML composes nodes (with their marks) several times faster than the pure-Python loader.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(loader: yaml.SafeLoader, text: str) -> yaml.Node:
    """The document's node tree; a syntax error is raised as the pure-Python loader words it."""
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError:
        if _Loader is yaml.SafeLoader:
            raise
    again = yaml.SafeLoader(text)  # the messages we translate are this loader's
    try:
        return again.get_single_node()
    finally:
        again.dispose()


def load(path: Path, shown_as: Path | None = None) -> Source:
    """Read and parse `path`; every problem raises InputError naming `shown_as` (default `path`)."""
    name = shown_as or path
    text = _decode(path.read_bytes(), name)
    lines = tuple(text.splitlines())
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in lines):
        raise InputError([Problem(name, "berkas kosong; diharapkan isi berupa pemetaan (kunci: nilai)")])
    loader = _Loader(text)
    try:
        node = _compose(loader, text)
        values: dict[Path_, Mark] = {}
        keys: dict[Path_, Mark] = {}
        problems: list[tuple[Path_, Problem]] = []
        data = _construct(loader, node, (), values, keys, problems, name, lines)
    except yaml.MarkedYAMLError as err:
        raise InputError([_syntax_problem(err, name, lines)]) from None
    finally:
        loader.dispose()
    return Source(name, data, lines, values, keys, tuple(problems))


def _decode(raw: bytes, name: Path) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        column = err.start - line_start + 1
        line_end = raw.find(b"\n", err.start)
        shown = raw[line_start : None if line_end < 0 else line_end].decode("utf-8", "replace").rstrip("\r")
        raise InputError(
            [
                Problem(
                    name,
                    f"berkas bukan UTF-8: byte 0x{raw[err.start]:02x} tidak valid; "
                    "simpan ulang berkas dengan pengodean UTF-8",
                    line=line,
                    column=column,
                    source_line=shown,
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def _syntax_problem(err: yaml.MarkedYAMLError, name: Path, lines: tuple[str, ...]) -> Problem:
    mark = err.problem_mark or err.context_mark
    problem = (err.problem or "").strip()
    message = _YAML_PROBLEMS.get(problem)
    if message is None:
        message = next((v for k, v in _YAML_PROBLEMS.items() if problem.startswith(k)), None)
    message = f"sintaks YAML tidak valid: {message or problem}"
    line = mark.line + 1 if mark else None
    return Problem(
        name,
        message,
        line=line,
        column=mark.column + 1 if mark else None,
        source_line=lines[line - 1] if line and line <= len(lines) else None,
    )


def _mark(node: yaml.Node) -> Mark:
    start = node.start_mark
    block = isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")
    return Mark(start.line + 1, start.column + 1, start.line + 2 if block else start.line + 1)


def _construct(loader, node, loc, values, keys, problems, name, lines):
    values[loc] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key = key if isinstance(key, str) else str(key)
            if key in out:
                km = _mark(key_node)
                problems.append(
                    (
                        (*loc, key),
                        Problem(
                            name,
                            f"kunci '{key}' ditulis dua kali dalam pemetaan yang sama; hapus salah satunya",
                            line=km.line,
                            column=km.column,
                            key=format_key((*loc, key)),
                            source_line=lines[km.line - 1],
                        ),
                    )
                )
                continue
            keys[(*loc, key)] = _mark(key_node)
            out[key] = _construct(loader, value_node, (*loc, key), values, keys, problems, name, lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(loader, child, (*loc, i), values, keys, problems, name, lines)
            for i, child in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:  # a timestamp-shaped scalar that is no real date, e.g. 2026-13-01
        mark = _mark(node)
        problems.append(
            (
                loc,
                Problem(
                    name,
                    f"tanggal tidak valid '{node.value}'; diharapkan tanggal yang ada, berformat TTTT-BB-HH",
                    line=mark.line,
                    column=mark.column,
                    key=format_key(loc),
                    source_line=lines[mark.line - 1],
                ),
            )
        )
        return node.value
