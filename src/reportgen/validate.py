"""Turn parsed YAML into schema models, or into every problem found, in Indonesian."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
from typing import TypeVar

from pydantic import BaseModel, Tag, ValidationError

from reportgen.errors import InputError, Problem
from reportgen.messages import translate
from reportgen.yamlsource import Source

M = TypeVar("M", bound=BaseModel)


def validate(source: Source, model: type[M], *, at: tuple = (), data: object = None) -> M:
    """The validated model of `source` (or of `data` found at key path `at`), else every problem."""
    early = [problem for loc, problem in source.problems if loc[: len(at)] == at]
    try:
        validated = model.model_validate(source.data if not at else data)
    except ValidationError as err:
        seen = {loc for loc, _ in source.problems}
        errors = _without_typo_echoes(model, err.errors(include_url=False))
        problems = [_problem(source, model, e, at) for e in errors if (*at, *_loc(model, e)) not in seen]
        raise InputError(_unique(early + problems)) from None
    if early:
        raise InputError(early)
    return validated


def describe(value: object) -> str:
    """An author-readable rendering of a value found in the input."""
    if value is None:
        return "kosong"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "teks kosong" if not value.strip() else f"'{_shorten(value)}'"
    if isinstance(value, (int, float)):
        return f"bilangan {str(value).replace('.', ',')}"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"tanggal {value.isoformat()}"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "pemetaan (kunci: nilai)"
    return repr(value)


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """' Mungkin maksud Anda 'x'?' when a choice is close to `word`, else ''."""
    close = closest(word, choices)
    return f" Mungkin maksud Anda '{close}'?" if close else ""


def closest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The choice an author most likely meant by `word`, if one is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def _without_typo_echoes(model: type[BaseModel], errors: list[dict]) -> list[dict]:
    """`errors` without "missing" for a key whose mistyped spelling is already reported as unknown.

    `judl: ...` gives one message at the typo, with its suggestion, not a second one saying that
    `judul` is missing.
    """
    meant = set()
    for error in errors:
        loc = _loc(model, error)
        if error["type"] == "extra_forbidden":
            meant.add((*loc[:-1], closest(str(loc[-1]), _fields_at(model, error["loc"][:-1]))))
    return [e for e in errors if not (e["type"] == "missing" and _loc(model, e) in meant)]


def _loc(model: type[BaseModel], error: dict) -> tuple:
    """Pydantic's error location without the union-member labels and tags it inserts (e.g. 'str', 'ikm')."""
    return _walk(model, error["loc"])[0]


def _walk(model: type[BaseModel], loc: tuple) -> tuple[tuple, object]:
    """`loc` without union-member labels and tags, and the annotation it leads to in `model`.

    A tag ('ikm' in data[0].ikm.opsi) is recognized where the walk stands at a tagged union, so a key
    an author wrote with the same name is never mistaken for one.
    """
    kept, annotation = [], model
    for part in loc:
        if isinstance(part, str) and "[" in part:
            continue
        members = _tagged_members(annotation)
        if part in members:
            annotation = members[part]
            continue
        kept.append(part)
        if isinstance(part, str):
            found = _model_in(annotation)
            fields = found.model_fields if found is not None else {}
            annotation = fields[part].annotation if part in fields else None
    return tuple(kept), annotation


def _tagged_members(annotation: object) -> dict[str, object]:
    """The members of the tagged union in `annotation` (itself, or inside list[...]) by tag."""
    found = {}
    for arg in typing.get_args(annotation):
        tags = [m.tag for m in getattr(arg, "__metadata__", ()) if isinstance(m, Tag)]
        if tags:
            found[tags[0]] = arg.__origin__
        elif not isinstance(arg, type):
            found.update(_tagged_members(arg))
    return found


def _problem(source: Source, model: type[BaseModel], error: dict, at: tuple = ()) -> Problem:
    relative = _loc(model, error)
    loc = (*at, *relative)
    kind, found = error["type"], error.get("input")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, error["loc"][:-1])
        hint = suggest(str(loc[-1]), allowed)
        listing = ", ".join(sorted(allowed))
        return source.problem(
            loc, f"kunci tidak dikenal '{loc[-1]}'.{hint} Kunci yang dikenal di sini: {listing}", at_key=True
        )
    message = _message(kind, error, found)
    named = _NAMED_KEY.match(message) if kind == "value_error" else None
    if named and source.mark((*loc, *named[1].split(".")), at_key=False) != source.mark(loc):
        # A whole-model check names the key it is about ("grafik.x: ..."): point at that key.
        return source.problem((*loc, *named[1].split(".")), named[2])
    return source.problem(loc, message)


def _message(kind: str, error: dict, found: object) -> str:
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "wajib diisi, tetapi tidak ada"
    if kind == "literal_error":
        choices = _choices(ctx.get("expected", ""))
        hint = suggest(str(found), choices) if isinstance(found, str) else ""
        return f"diharapkan salah satu dari: {', '.join(choices)}; ditemukan {describe(found)}.{hint}".rstrip(".")
    if kind in ("string_too_short", "too_short") and (not found or (isinstance(found, str) and not found.strip())):
        return f"tidak boleh kosong; ditemukan {describe(found) if found else 'daftar kosong'}"
    if kind == "too_short":
        return f"diharapkan paling sedikit {ctx.get('min_length')} butir; ditemukan {len(found)}"
    if kind == "string_pattern_mismatch":
        from reportgen.schema import PATTERNS

        expected = PATTERNS.get(ctx.get("pattern", ""), f"teks berpola {ctx.get('pattern')}")
        return f"diharapkan {expected}; ditemukan {describe(found)}"
    if kind in _BOUNDS:
        bound = ctx.get({"greater_than_equal": "ge", "less_than_equal": "le"}.get(kind, kind[:1] + "t"))
        if kind == "less_than":
            bound = ctx.get("lt")
        return f"diharapkan bilangan {_BOUNDS[kind]} {_number(bound)}; ditemukan {describe(found)}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    expected = translate("pydantic", kind)
    if kind == "string_type" and isinstance(found, dict):  # `teks: {{ x }}` reads as a mapping in YAML
        return (
            f"diharapkan {expected}; ditemukan {describe(found)}. Teks yang diawali '{{{{' ditulis sebagai blok "
            "('teks: |' lalu teksnya di baris berikutnya) atau diapit tanda kutip"
        )
    if expected:
        return f"diharapkan {expected}; ditemukan {describe(found)}"
    return f"nilai tidak valid ({error['msg']}); ditemukan {describe(found)}"


_NAMED_KEY = re.compile(r"^([a-z_]+(?:\.[a-z_]+)*): (.+)$", re.DOTALL)
_BOUNDS = {
    "greater_than_equal": "paling kecil",
    "greater_than": "lebih dari",
    "less_than_equal": "paling besar",
    "less_than": "kurang dari",
}
_SHOWN_CHOICES = {"\t": "tab (\\t)", ",": "koma (,)", ";": "titik koma (;)", "|": "garis tegak (|)", ".": "titik (.)"}


def _choices(expected: str) -> list[str]:
    """Pydantic's "'a', 'b' or 'c'" as a list; choices an author cannot read bare are named."""
    choices = [c.strip("'") for c in re.findall(r"'(?:[^'\\]|\\.)*'", expected)]
    return [_SHOWN_CHOICES.get(c.encode().decode("unicode_escape"), c) for c in choices]


def _number(value: object) -> str:
    """A bound as Indonesian writes it: 0,5 and 6, not 0.5 and 6.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed in the mapping at pydantic's location `loc` of `model`."""
    found = _model_in(_walk(model, loc)[1])
    return list(found.model_fields) if found is not None else []


def _model_in(annotation: object) -> object:
    """The BaseModel class inside `X`, `list[X]` or `X | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return sorted(out, key=lambda p: (p.line or 0, p.column or 0))
