"""Turn an author's Jinja text into plain text, in a sandbox bounded in what it may repeat, pad or nest.

No Python internals and no other files are reachable; every unknown name is noted (`mistakes`);
sizes are bounded before they are made, here, and time and memory while the text runs (`bounds`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextvars import ContextVar

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportgen.sandbox.bounds import bounded
from reportgen.sandbox.mistakes import AuthorTextError, Missing, Mistake, Stop, noting, syntax

# Bounds on what one section's text may make: authors write a few paragraphs, so each bound is far
# above any real text and far below what would hang a build or exhaust a worker's memory.
MAX_OUTPUT = 1_000_000  # characters one section's text may expand to
MAX_ITEMS = 10_000  # in a range(), and the width a format or padding may ask for
MAX_NESTING = 50  # macros calling macros (a macro that calls itself stops here)


def environment() -> _Sandbox:
    """The sandbox author text runs in: no Python internals, no other files, every unknown name noted."""
    env = _Sandbox(undefined=Missing, autoescape=False, optimized=False)  # nothing runs while compiling
    env.globals = {"range": _range, "dict": dict, "namespace": env.globals["namespace"]}
    for name in _WIDENING_FILTERS:
        env.filters[name] = _bounded_filter(env.filters[name])
    return env


def expand(env: jinja2.Environment, text: str, context: Mapping[str, object]) -> str:
    """Author text with its expressions evaluated; AuthorTextError lists every mistake in it.

    Parsing and compiling run under the same bounds as running: Jinja evaluates constant
    expressions while it compiles.
    """
    mistakes: list[Mistake] = []
    with noting(context, mistakes), bounded(mistakes):
        try:
            tree = env.parse(text)
        except jinja2.TemplateSyntaxError as err:
            raise AuthorTextError([Mistake(syntax(err), err.lineno)]) from None
        refused = [_loading(node) for node in tree.find_all(_LOADING)]
        if refused:
            raise AuthorTextError(refused)
        expanded = _bounded_output(env.from_string(tree).generate(context))
    if mistakes:
        raise AuthorTextError(mistakes)
    return expanded


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox with bounds on what repeats or pads text: `"x" * 10**9`, `"{:>99999999}".format(1)`."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context, operator: str, left, right):
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    size = len(seq) * times
                    _check_size(size, f"pengulangan dengan '*' menghasilkan {_count(size)} butir")
        if operator == "*" and isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > 100_000:
                raise Stop("bilangan terlalu besar: hasil perkalian lebih dari 30.000 angka")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            if abs(left) > 1 and right > 0 and right * abs(left).bit_length() > 4096:
                raise Stop("bilangan terlalu besar: pangkat ('**') menghasilkan lebih dari 1.000 angka")
        elif operator == "%" and isinstance(left, str):
            _check_widths(left)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        _check_widths(value.__self__)
        return wrapped

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        if isinstance(__obj, jinja2.runtime.Macro):
            return _nested_macro(lambda: super(_Sandbox, __self).call(__context, __obj, *args, **kwargs))
        name = getattr(__obj, "__name__", "")
        if isinstance(getattr(__obj, "__self__", None), str) and name == "join" and args:
            items = list(args[0])
            _check_size(_joined_size(__obj.__self__, items), "'join' menghasilkan teks yang terlalu panjang")
            return super().call(__context, __obj, items)
        if isinstance(getattr(__obj, "__self__", None), str) and name in _WIDENING_METHODS:
            size = _widened_size(__obj.__self__, name, args, kwargs)
            _check_size(size, f"'{name}' menghasilkan teks yang terlalu panjang")
        return super().call(__context, __obj, *args, **kwargs)


_depth: ContextVar[int] = ContextVar("reportgen_macro_depth", default=0)


def _nested_macro(call):
    """Run a macro call one level deeper, refusing to go beyond MAX_NESTING levels."""
    depth = _depth.get() + 1
    if depth > MAX_NESTING:
        raise Stop(
            f"makro dipanggil bertingkat lebih dari {MAX_NESTING} kali; apakah makro memanggil dirinya sendiri "
            "tanpa henti?"
        )
    token = _depth.set(depth)
    try:
        return call()
    finally:
        _depth.reset(token)


_LOADING = (jinja2.nodes.Include, jinja2.nodes.Import, jinja2.nodes.FromImport, jinja2.nodes.Extends)
_WIDENING_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs", "replace"}
_WIDENING_FILTERS = frozenset({"center", "indent", "format", "replace", "slice", "batch", "join", "sum"})
_FORMAT_WIDTH = re.compile(
    r"%(?:\([^)]*\))?[-+ #0]*(\d+|\*)?(?:\.(\d+|\*))?|\{[^{}]*?:[^{}]*?(\d+)(?:\.(\d+))?[^{}]*\}|(\{[^{}]*:[^{}]*\{)"
)


def _loading(node: jinja2.nodes.Node) -> Mistake:
    word = {"Include": "include", "Import": "import", "FromImport": "from ... import", "Extends": "extends"}
    tag = word[type(node).__name__]
    message = (
        f"teks laporan tidak dapat memuat berkas lain ('{{% {tag} %}}' tidak diizinkan); "
        "tulis isinya langsung di bagian ini"
    )
    return Mistake(message, node.lineno, tag.split()[0])


def _range(*args: int) -> range:
    """`range`, refusing one longer than MAX_ITEMS."""
    numbers = range(*args)
    if len(numbers) > MAX_ITEMS:
        raise Stop(f"range() terlalu besar: {_count(len(numbers))} butir; paling banyak {_count(MAX_ITEMS)}")
    return numbers


def _count(n: int) -> str:
    """A count as Indonesian writes it: 1.000.000."""
    return f"{n:,}".replace(",", ".")


def _check_size(size: int, what: str) -> None:
    if size > MAX_OUTPUT:
        raise Stop(f"{what}; paling banyak {_count(MAX_OUTPUT)} karakter per bagian")


def _check_widths(template: str) -> None:
    """A format string asking for a width or precision beyond MAX_ITEMS is refused before it runs."""
    for found in _FORMAT_WIDTH.finditer(template):
        for number in found.groups():
            if number == "*" or (number and number.startswith("{")):  # a width taken from the values
                raise Stop(
                    "lebar format yang diambil dari nilai lain ('*' atau '{:{}}') tidak diizinkan di teks laporan"
                )
            if number and number.isdigit() and int(number) > MAX_ITEMS:
                message = f"lebar format {_count(int(number))} terlalu besar; paling banyak {_count(MAX_ITEMS)}"
                raise Stop(message, needle=number)


def _joined_size(separator: str, items: list) -> int:
    return len(separator) * max(len(items) - 1, 0) + sum(len(str(item)) for item in items)


def _widened_size(text: str, name: str, args: tuple, kwargs: dict) -> int:
    """How long `text.<name>(*args)` would be, computed without making it."""
    first = args[0] if args else next(iter(kwargs.values()), 0)
    if name == "replace":
        old, new = (*args, "", "")[:2]
        if not isinstance(old, str) or not isinstance(new, str):
            return 0
        count = text.count(old) if old else len(text) + 1
        return len(text) + count * max(len(new) - len(old), 0)
    if name == "expandtabs":
        return len(text) + text.count("\t") * (first if isinstance(first, int) else 8)
    return first if isinstance(first, int) else 0


def _bounded_filter(function):
    """A filter that pads, repeats or splits text, refusing sizes beyond the bounds."""

    passes_context = hasattr(function, "jinja_pass_arg")  # then Jinja hands it a context first

    def checked(*given, **kwargs):
        value, args = (given[1], given[2:]) if passes_context else (given[0], given[1:])
        size_args = [a for a in (*args, *kwargs.values()) if isinstance(a, int) and not isinstance(a, bool)]
        if any(a > MAX_ITEMS for a in size_args):
            biggest = _count(max(size_args))
            raise Stop(f"nilai {biggest} terlalu besar untuk filter ini; paling banyak {_count(MAX_ITEMS)}")
        if function.__name__ == "sync_do_join" or function.__name__ == "do_join":
            items = list(value)
            separator = args[0] if args and isinstance(args[0], str) else kwargs.get("d", "")
            _check_size(_joined_size(str(separator), items), "'join' menghasilkan teks yang terlalu panjang")
            given = (given[0], items, *given[2:]) if passes_context else (items, *given[1:])
        if function.__name__ in ("sync_do_sum", "do_sum") and not isinstance(kwargs.get("start", 0), (int, float)):
            raise Stop("filter 'sum' hanya menjumlahkan bilangan; 'start' harus bilangan")
        if function.__name__ == "do_format" and isinstance(value, str):
            _check_widths(value)
        if function.__name__ == "do_replace" and isinstance(value, str) and len(args) >= 2:
            size = _widened_size(value, "replace", args[:2], {})
            _check_size(size, "'replace' menghasilkan teks yang terlalu panjang")
        return function(*given, **kwargs)

    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(checked, attribute, getattr(function, attribute))
    checked.__name__ = function.__name__
    return checked


def _bounded_output(chunks) -> str:
    """The text the template yields, stopped once it is longer than MAX_OUTPUT."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            message = f"teks bagian ini terlalu panjang setelah diuraikan; paling banyak {_count(MAX_OUTPUT)} karakter"
            raise Stop(message)
        out.append(chunk)
    return "".join(out)
