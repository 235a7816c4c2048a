"""Turn an author's Jinja text into plain text, in a sandbox that notes every mistake and runs on.

A wrong name does not stop the text at the first mistake: it is noted at its line, stands in as an
empty value, and the text runs to its end, so one `check` tells the author every mistake at once.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import resource
import sys
import threading
import time
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportgen.messages import translate, unknown_filter_or_test
from reportgen.validate import suggest


@dataclass(frozen=True)
class Mistake:
    """One mistake in author text: its message, its line counted from the text's first, what to point at."""

    message: str
    line: int | None = None
    needle: str | None = None  # the text on that line the caret points at


class AuthorTextError(Exception):
    """Every mistake found in one piece of author text."""

    def __init__(self, mistakes: list[Mistake] | tuple[Mistake, ...]):
        self.mistakes = tuple(dict.fromkeys(mistakes))
        super().__init__("; ".join(m.message for m in self.mistakes))


@dataclass(frozen=True)
class _Run:
    """The text being expanded: the names it may use and the mistakes noted so far."""

    names: tuple[str, ...]
    mistakes: list[Mistake]


_running: ContextVar[_Run | None] = ContextVar("reportgen_author_text", default=None)


def note(message: str, needle: str | None = None) -> None:
    """Note a mistake at the author-text line now running; outside `expand`, raise it at once.

    Functions and values that author text calls (a table that does not exist, a figure a data set
    does not have) call this instead of raising, then return a stand-in, so the text runs on.
    """
    run = _running.get()
    mistake = Mistake(message, running_line(), needle)
    if run is None:
        raise AuthorTextError([mistake])
    run.mistakes.append(mistake)


def stand_in() -> jinja2.Undefined:
    """The value that replaces a mistake so the text runs on; using it notes nothing more."""
    return _Missing(told=True)


# Bounds on what one section's text may do: authors write a few paragraphs, so each bound is far
# above any real text and far below what would hang a build or exhaust a worker's memory.
MAX_SECONDS = 3.0  # of running one section's text
MAX_OUTPUT = 1_000_000  # characters one section's text may expand to
MAX_ITEMS = 10_000  # in a range(), and the width a format or padding may ask for
MAX_NESTING = 50  # macros calling macros (a macro that calls itself stops here)


def environment() -> _Sandbox:
    """The sandbox author text runs in: no Python internals, no other files, every unknown name noted."""
    env = _Sandbox(undefined=_Missing, autoescape=False, optimized=False)  # nothing runs while compiling
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
    token = _running.set(_Run(tuple(context), mistakes))
    try:
        with bounded(mistakes):
            try:
                tree = env.parse(text)
            except jinja2.TemplateSyntaxError as err:
                raise AuthorTextError([Mistake(_syntax(err), err.lineno)]) from None
            refused = [_loading(node) for node in tree.find_all(_LOADING)]
            if refused:
                raise AuthorTextError(refused)
            expanded = _bounded_output(env.from_string(tree).generate(context))
    finally:
        _running.reset(token)
    if mistakes:
        raise AuthorTextError(mistakes)
    return expanded


@contextlib.contextmanager
def bounded(mistakes: list[Mistake], running: str = "teks bagian ini berjalan"):
    """Run the block with a deadline and a memory bound; what stops it is added to `mistakes`.

    AuthorTextError passes through; any other failure becomes a mistake, unless `mistakes`
    already explains it (an unknown name noted earlier, then used).
    """
    deadline = _Deadline()
    try:
        try:
            deadline.start()  # inside the try: the exception may arrive at any bytecode from here on
            with _memory_bounded():
                yield
        finally:
            deadline.disarm()
    except AuthorTextError:
        raise
    except _TimeUp as err:
        seconds = f"{MAX_SECONDS:g}".replace(".", ",")
        hint = "periksa perulangan (for) di sini" if running.startswith("teks") else "sederhanakan teksnya"
        mistakes.append(Mistake(f"{running} lebih dari {seconds} detik; {hint}", _traceback_line(err)))
    except jinja2.exceptions.SecurityError as err:
        attribute = re.search(r"attribute '([^']+)'", str(err))
        needle = attribute[1] if attribute else None
        mistakes.append(Mistake(_refused(needle), _traceback_line(err), needle))
    except _Stop as err:
        mistakes.append(Mistake(err.message, err.line or _traceback_line(err), err.needle))
    except RecursionError as err:
        message = "ekspresi atau makro bersarang terlalu dalam; sederhanakan tanda kurung atau pemanggilan makro"
        mistakes.append(Mistake(message, _traceback_line(err)))
    except Exception as err:
        if not mistakes:
            mistakes.append(Mistake(_runtime(err), _traceback_line(err)))


MAX_MEMORY = 256 * 1024 * 1024  # bytes author text may take beyond what the process holds


@contextlib.contextmanager
def _memory_bounded():
    """Lower the process's address-space limit for the block: a blow-up becomes a MemoryError.

    What the author text can build is bounded before it runs where that can be said (repetition,
    widths, ranges); this catches what cannot, such as a join with a long separator.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    try:
        with open("/proc/self/statm") as statm:
            held = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:  # not Linux: no bound beyond the others
        yield
        return
    limit = held + MAX_MEMORY
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY and soft < limit:
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class _Stop(Exception):  # noqa: N818 (not an error of ours: the author's text reached a bound)
    """A bound reached: the text cannot run on."""

    def __init__(self, message: str, line: int | None = None, needle: str | None = None):
        super().__init__(message)
        self.message, self.line, self.needle = message, line, needle


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
                raise _Stop("bilangan terlalu besar: hasil perkalian lebih dari 30.000 angka")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            if abs(left) > 1 and right > 0 and right * abs(left).bit_length() > 4096:
                raise _Stop("bilangan terlalu besar: pangkat ('**') menghasilkan lebih dari 1.000 angka")
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
        raise _Stop(
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
        raise _Stop(f"range() terlalu besar: {_count(len(numbers))} butir; paling banyak {_count(MAX_ITEMS)}")
    return numbers


def _count(n: int) -> str:
    """A count as Indonesian writes it: 1.000.000."""
    return f"{n:,}".replace(",", ".")


def _check_size(size: int, what: str) -> None:
    if size > MAX_OUTPUT:
        raise _Stop(f"{what}; paling banyak {_count(MAX_OUTPUT)} karakter per bagian")


def _check_widths(template: str) -> None:
    """A format string asking for a width or precision beyond MAX_ITEMS is refused before it runs."""
    for found in _FORMAT_WIDTH.finditer(template):
        for number in found.groups():
            if number == "*" or (number and number.startswith("{")):  # a width taken from the values
                raise _Stop(
                    "lebar format yang diambil dari nilai lain ('*' atau '{:{}}') tidak diizinkan di teks laporan"
                )
            if number and number.isdigit() and int(number) > MAX_ITEMS:
                message = f"lebar format {_count(int(number))} terlalu besar; paling banyak {_count(MAX_ITEMS)}"
                raise _Stop(message, needle=number)


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

    def bounded(*given, **kwargs):
        value, args = (given[1], given[2:]) if passes_context else (given[0], given[1:])
        size_args = [a for a in (*args, *kwargs.values()) if isinstance(a, int) and not isinstance(a, bool)]
        if any(a > MAX_ITEMS for a in size_args):
            biggest = _count(max(size_args))
            raise _Stop(f"nilai {biggest} terlalu besar untuk filter ini; paling banyak {_count(MAX_ITEMS)}")
        if function.__name__ == "sync_do_join" or function.__name__ == "do_join":
            items = list(value)
            separator = args[0] if args and isinstance(args[0], str) else kwargs.get("d", "")
            _check_size(_joined_size(str(separator), items), "'join' menghasilkan teks yang terlalu panjang")
            given = (given[0], items, *given[2:]) if passes_context else (items, *given[1:])
        if function.__name__ in ("sync_do_sum", "do_sum") and not isinstance(kwargs.get("start", 0), (int, float)):
            raise _Stop("filter 'sum' hanya menjumlahkan bilangan; 'start' harus bilangan")
        if function.__name__ == "do_format" and isinstance(value, str):
            _check_widths(value)
        if function.__name__ == "do_replace" and isinstance(value, str) and len(args) >= 2:
            size = _widened_size(value, "replace", args[:2], {})
            _check_size(size, "'replace' menghasilkan teks yang terlalu panjang")
        return function(*given, **kwargs)

    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    bounded.__name__ = function.__name__
    return bounded


def _bounded_output(chunks) -> str:
    """The text the template yields, stopped once it is longer than MAX_OUTPUT."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            message = f"teks bagian ini terlalu panjang setelah diuraikan; paling banyak {_count(MAX_OUTPUT)} karakter"
            raise _Stop(message)
        out.append(chunk)
    return "".join(out)


class _TimeUp(BaseException):
    """Raised in the thread running author text when it runs past MAX_SECONDS."""


class _Deadline:
    """Raises _TimeUp in this thread MAX_SECONDS after `start`, unless disarmed first.

    It costs nothing while the text runs (a trace function checking the clock made every call in
    the text, Babel's number formatting included, several times slower): one watchdog thread per
    process sleeps until the earliest deadline. The exception arrives between two bytecodes, so a
    loop of Jinja code is stopped wherever it is; one long operation in C is not, which is why
    repetition, padding and formats are bounded before they run.
    """

    def __init__(self):
        self.thread = threading.get_ident()
        self.fired = False

    def start(self) -> None:
        _WATCHDOG.watch(self, time.monotonic() + MAX_SECONDS)

    def disarm(self) -> None:
        """Stop watching; an exception set but not yet met by the thread is taken back."""
        _WATCHDOG.unwatch(self)


class _Watchdog:
    """One thread per process raising _TimeUp in threads whose author text ran past its deadline."""

    def __init__(self):
        self.condition = threading.Condition()
        self.deadlines: dict[_Deadline, float] = {}
        self.pid = None  # the process the thread runs in (a forked worker starts its own)

    def watch(self, deadline: _Deadline, at: float) -> None:
        with self.condition:
            if self.pid != os.getpid():
                self.pid = os.getpid()
                threading.Thread(target=self._run, name="reportgen-batas-waktu", daemon=True).start()
            self.deadlines[deadline] = at
            self.condition.notify()

    def unwatch(self, deadline: _Deadline) -> None:
        with self.condition:
            self.deadlines.pop(deadline, None)
            if deadline.fired:
                _set_async_exc(deadline.thread, None)

    def _run(self) -> None:
        with self.condition:
            while True:
                now = time.monotonic()
                for deadline, at in list(self.deadlines.items()):
                    if at <= now:
                        del self.deadlines[deadline]
                        deadline.fired = True
                        _set_async_exc(deadline.thread, _TimeUp)
                earliest = min(self.deadlines.values(), default=None)
                self.condition.wait(None if earliest is None else max(earliest - now, 0.001))


_WATCHDOG = _Watchdog()
os.register_at_fork(after_in_child=_WATCHDOG.__init__)  # a child starts with no deadlines and its own lock


def _set_async_exc(thread: int, exception: type[BaseException] | None) -> None:
    """Have `thread` raise `exception` at its next bytecode; None (NULL) takes back one not yet raised."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), None if exception is None else ctypes.py_object(exception)
    )


def _frame_line(frame) -> int | None:
    template = frame.f_globals.get("__jinja_template__")
    return template.get_corresponding_lineno(frame.f_lineno) if template is not None else None


def _innermost_line(frame) -> int | None:
    while frame is not None:
        if "__jinja_template__" in frame.f_globals:
            return _frame_line(frame)
        frame = frame.f_back
    return None


class _Missing(jinja2.Undefined):
    """An unknown name: noted once, when the text first uses it, then empty wherever it goes."""

    __slots__ = ("_told",)

    def __init__(self, *args, told: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._told = told

    def _tell(self) -> _Missing:
        if not self._told:
            self._told = True
            message = self._undefined_message
            if issubclass(self._undefined_exception, jinja2.exceptions.SecurityError):
                note(_refused(self._undefined_name), self._undefined_name)
            elif self._undefined_obj is jinja2.utils.missing and self._undefined_name and self._undefined_hint is None:
                note(_unknown_name(self._undefined_name), self._undefined_name)
            else:
                name = re.search(r"'([^']+)'$", message) or re.search(r"'([^']+)'", message)
                note(_translate(message), name[1] if name else None)
        return self

    def __str__(self) -> str:
        self._tell()
        return ""

    def __iter__(self):
        self._tell()
        return iter(())

    def __bool__(self) -> bool:
        self._tell()
        return False

    def __len__(self) -> int:
        self._tell()
        return 0

    def __int__(self) -> int:
        self._tell()
        return 0

    def __float__(self) -> float:
        self._tell()
        return 0.0

    def __eq__(self, other: object) -> bool:
        self._tell()
        return False

    def __hash__(self) -> int:
        return id(self)

    def __getattr__(self, name: str) -> _Missing:
        if name[:2] == "__" and name[-2:] == "__":
            raise AttributeError(name)
        return self._tell()

    def _operation(self, *args, **kwargs) -> _Missing:
        return self._tell()

    __getitem__ = __call__ = __neg__ = __pos__ = _operation
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _operation
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = _operation
    __pow__ = __rpow__ = __lt__ = __le__ = __gt__ = __ge__ = _operation
    __ne__ = __contains__ = __round__ = _operation


def explain(err: BaseException) -> str:
    """A template error (syntax, unknown name, failure while running) in the author's words."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        return _syntax(err)
    if isinstance(err, jinja2.UndefinedError):
        return _translate(err.message or "")
    if isinstance(err, Exception):
        return _runtime(err)
    return str(err)


def _syntax(err: jinja2.TemplateSyntaxError) -> str:
    """A syntax error in the author's words; an unknown filter or test is told as when running."""
    return unknown_filter_or_test(err.message or "") or f"sintaks templat tidak valid: {_translate(err.message or '')}"


def _runtime(err: Exception) -> str:
    """An error raised while author text ran, as the author reads it."""
    return translate("python", str(err), err) or str(err)


def _refused(attribute: str | None) -> str:
    what = f"akses ke '{attribute}'" if attribute else "perintah ini"
    return f"{what} tidak diizinkan di teks laporan"


def _unknown_name(name: str) -> str:
    run = _running.get()
    known = sorted(n for n in (run.names if run else ()) if not n.startswith("_"))
    return f"nama '{name}' tidak dikenal di teks laporan.{suggest(name, known)} Nama yang dikenal: {', '.join(known)}"


def running_line() -> int | None:
    """The line of author text being run now, found on the call stack."""
    return _innermost_line(sys._getframe(1))


def _traceback_line(err: BaseException) -> int | None:
    """The author-text line `err` was raised at: Jinja rewrites tracebacks to template lines, except
    for what it does not catch (a BaseException), whose frames still count lines of compiled code."""
    line, tb = None, err.__traceback__
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if template is not None:
            line = template.get_corresponding_lineno(tb.tb_lineno)
        elif tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _translate(message: str) -> str:
    """Jinja's English message in Indonesian; one the table does not know is shown as it is."""
    return translate("jinja", message) or message
