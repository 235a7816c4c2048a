"""Turn a YAML file into plain data plus the line and column of every key and value."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reportgen import inputfiles
from reportgen.errors import InputError, Problem
from reportgen.messages import translate

Path_ = tuple[str | int, ...]

MAX_BYTES = 4 * 1024 * 1024  # a report file is a few kB; reports.yaml of a national office some 100 kB
MAX_DEPTH = 40  # levels of nesting; a report uses six
MAX_VALUES = 100_000  # values once aliases are expanded; a report has a few hundred

# What YAML does not allow in a file (PyYAML's reader would stop with an English traceback).
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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
    text = _decode(_read(path, name), name)
    lines = tuple(text.splitlines())
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in lines):
        raise InputError([Problem(name, "berkas kosong; diharapkan isi berupa pemetaan (kunci: nilai)")])
    _check_characters(text, name, lines)
    too_deep = nesting_problem(text, name, lines)  # before composing: composers recurse
    if too_deep is not None:
        raise InputError([too_deep])
    loader = _Loader(text)
    try:
        node = _compose(loader, text)
        _check_shape(node, name, lines)
        values: dict[Path_, Mark] = {}
        keys: dict[Path_, Mark] = {}
        problems: list[tuple[Path_, Problem]] = []
        data = _construct(loader, node, (), values, keys, problems, name, lines)
    except yaml.MarkedYAMLError as err:
        raise InputError([_syntax_problem(err, name, lines)]) from None
    finally:
        loader.dispose()
    return Source(name, data, lines, values, keys, tuple(problems))


def _read(path: Path, name: Path) -> bytes:
    """The file's bytes; a folder, a missing, unreadable or special file, or one too large is a problem."""
    if path.is_dir():
        raise InputError([Problem(name, "ini sebuah folder, bukan berkas; diharapkan berkas YAML")])
    return inputfiles.read(path, name, MAX_BYTES, _too_large)


def _too_large(size: int) -> str:
    limit = MAX_BYTES // 1024 // 1024
    megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
    return f"berkas terlalu besar ({megabytes} MB); batasnya {limit} MB untuk berkas YAML"


def _check_characters(text: str, name: Path, lines: tuple[str, ...]) -> None:
    """A control character (often pasted from another document) is named at its line and column."""
    found = _NOT_PRINTABLE.search(text)
    if found is None:
        return
    before = text[: found.start()].splitlines(keepends=True)  # the same line breaks as `lines`
    ended = not before or before[-1] != before[-1].rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    line = len(before) + (1 if ended else 0)
    column = 1 if ended else len(before[-1]) + 1
    shown = _NOT_PRINTABLE.sub("\ufffd", lines[line - 1]) if line <= len(lines) else None
    message = (
        f"karakter kendali U+{ord(found[0]):04X} tidak boleh ada di berkas YAML; hapus karakter itu "
        "(biasanya terbawa saat menyalin dari dokumen lain)"
    )
    raise InputError([Problem(name, message, line=line, column=column, source_line=shown)])


def nesting_problem(text: str, name: Path, lines: tuple[str, ...], loader: type = _Loader) -> Problem | None:
    """Turn a YAML text into the problem of its first node nested deeper than MAX_DEPTH, aliases followed.

    Read from the parser's events, which no parser builds by recursing. A syntax error is no
    nesting problem: composing tells it, in the words authors get for it.
    """
    parser = loader(text)
    try:
        return _first_too_deep(parser, name, lines)
    except yaml.MarkedYAMLError:
        if loader is yaml.SafeLoader:
            return None
    finally:
        parser.dispose()
    # LibYAML looks up to a line ahead and stops at its own nesting limit (1 000 since 0.2.6) before
    # its events reach ours; the pure-Python parser has no such limit.
    return nesting_problem(text, name, lines, yaml.SafeLoader)


def _first_too_deep(parser: yaml.SafeLoader, name: Path, lines: tuple[str, ...]) -> Problem | None:
    """The first collection or alias whose depth passes MAX_DEPTH; an alias adds its anchor's height."""
    heights: dict[str, int] = {}  # anchor -> levels of collections in its value, once that value is closed
    open_: list[list] = [[0, None]]  # per open collection: the tallest child so far, its anchor
    while True:
        event = parser.get_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            continue
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(open_) > MAX_DEPTH:
                message = f"data bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat)"
                return _at(name, lines, _event_mark(event), message)
            heights.pop(event.anchor, None)  # an alias inside its own anchor is told by `_check_shape`
            open_.append([0, event.anchor])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            tallest, anchor = open_.pop()
            if anchor is not None:
                heights[anchor] = tallest + 1
            open_[-1][0] = max(open_[-1][0], tallest + 1)
        elif kind is yaml.AliasEvent:
            height = heights.get(event.anchor, 0)
            if len(open_) - 1 + height > MAX_DEPTH:
                message = (
                    f"data bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat, lewat alias *{event.anchor}); "
                    "tulis nilainya langsung, tanpa alias"
                )
                return _at(name, lines, _event_mark(event), message)
            open_[-1][0] = max(open_[-1][0], height)
        elif kind is yaml.StreamEndEvent:
            return None


def _event_mark(event: yaml.Event) -> Mark:
    start = event.start_mark
    return Mark(start.line + 1, start.column + 1, start.line + 1)


def _check_shape(root: yaml.Node, name: Path, lines: tuple[str, ...]) -> None:
    """The size the data would have once aliases are expanded, checked before anything is built.

    An alias (*x) repeats its anchor's value, so nine levels of nine aliases stand for 9^9 values:
    the size counted here is the size the data would have, without building it. (Nesting is
    checked on the parser's events, before composing: `nesting_problem`.)
    """
    sizes: dict[int, int] = {}
    open_: set[int] = set()  # nodes whose children are being counted: the path from the root
    shared = False  # whether a node was reached twice (through an alias)
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if not children_done and id(node) in open_:
            message = "alias (*) merujuk ke data yang memuat alias itu sendiri; data tidak dapat diuraikan"
            raise InputError([_at(name, lines, _mark(node), message)])
        children = _children(node)
        if children_done:
            open_.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[id(node)] > MAX_VALUES:
                limit = f"{MAX_VALUES:,}".replace(",", ".")
                if not shared:
                    message = f"data terlalu besar: lebih dari {limit} nilai"
                else:
                    message = f"alias (*) membuat data terlalu besar: lebih dari {limit} nilai setelah alias diuraikan"
                raise InputError([_at(name, lines, _mark(node), message)])
            continue
        if id(node) in sizes:
            shared = True  # reached again: an alias
            continue
        open_.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _at(name: Path, lines: tuple[str, ...], mark: Mark, message: str) -> Problem:
    line = mark.line
    return Problem(
        name, message, line=line, column=mark.column, source_line=lines[line - 1] if line <= len(lines) else None
    )


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
    message = f"sintaks YAML tidak valid: {translate('yaml', problem) or problem}"
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
            if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`: a list or mapping as a key
                km = _mark(key_node)
                message = "kunci harus berupa teks, bukan daftar atau pemetaan"
                if "{{" in lines[km.line - 1]:  # `teks: {{ x }}` reads as a mapping whose key is a mapping
                    message = (
                        "teks yang diawali '{{' dibaca sebagai pemetaan; tulis teksnya sebagai blok ('teks: |' "
                        "lalu teksnya di baris berikutnya) atau apit dengan tanda kutip"
                    )
                problem = dataclasses.replace(_at(name, lines, km, message), key=format_key(loc))
                problems.append((loc, problem))
                continue
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
