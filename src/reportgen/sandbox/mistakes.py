"""Turn what goes wrong in author text into mistakes at its lines, noted so that the text runs on.

A wrong name does not stop the text at the first mistake: it is noted at its line, stands in as an
empty value, and the text runs to its end, so one `check` tells the author every mistake at once.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass

import jinja2

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


class Stop(Exception):  # noqa: N818 (not an error of ours: the author's text reached a bound)
    """A bound reached: the text cannot run on."""

    def __init__(self, message: str, line: int | None = None, needle: str | None = None):
        super().__init__(message)
        self.message, self.line, self.needle = message, line, needle


@dataclass(frozen=True)
class _Run:
    """The text being expanded: the names it may use and the mistakes noted so far."""

    names: tuple[str, ...]
    mistakes: list[Mistake]


_running: ContextVar[_Run | None] = ContextVar("reportgen_author_text", default=None)


@contextlib.contextmanager
def noting(names: Iterable[str], mistakes: list[Mistake]):
    """Within the block, `note` adds to `mistakes`, and an unknown name is told with `names` listed."""
    token = _running.set(_Run(tuple(names), mistakes))
    try:
        yield
    finally:
        _running.reset(token)


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
    return Missing(told=True)


def running_line() -> int | None:
    """The line of author text being run now, found on the call stack."""
    return _innermost_line(sys._getframe(1))


def traceback_line(err: BaseException) -> int | None:
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


def _frame_line(frame) -> int | None:
    template = frame.f_globals.get("__jinja_template__")
    return template.get_corresponding_lineno(frame.f_lineno) if template is not None else None


def _innermost_line(frame) -> int | None:
    while frame is not None:
        if "__jinja_template__" in frame.f_globals:
            return _frame_line(frame)
        frame = frame.f_back
    return None


class Missing(jinja2.Undefined):
    """An unknown name: noted once, when the text first uses it, then empty wherever it goes."""

    __slots__ = ("_told",)

    def __init__(self, *args, told: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._told = told

    def _tell(self) -> Missing:
        if not self._told:
            self._told = True
            message = self._undefined_message
            if issubclass(self._undefined_exception, jinja2.exceptions.SecurityError):
                note(refused(self._undefined_name), self._undefined_name)
            elif self._undefined_obj is jinja2.utils.missing and self._undefined_name and self._undefined_hint is None:
                note(_unknown_name(self._undefined_name), self._undefined_name)
            else:
                name = re.search(r"'([^']+)'$", message) or re.search(r"'([^']+)'", message)
                note(_jinja(message), name[1] if name else None)
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

    def __getattr__(self, name: str) -> Missing:
        if name[:2] == "__" and name[-2:] == "__":
            raise AttributeError(name)
        return self._tell()

    def _operation(self, *args, **kwargs) -> Missing:
        return self._tell()

    __getitem__ = __call__ = __neg__ = __pos__ = _operation
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _operation
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = _operation
    __pow__ = __rpow__ = __lt__ = __le__ = __gt__ = __ge__ = _operation
    __ne__ = __contains__ = __round__ = _operation


def explain(err: BaseException) -> str:
    """A template error (syntax, unknown name, failure while running) in the author's words."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        return syntax(err)
    if isinstance(err, jinja2.UndefinedError):
        return _jinja(err.message or "")
    if isinstance(err, Exception):
        return runtime(err)
    return str(err)


def syntax(err: jinja2.TemplateSyntaxError) -> str:
    """A syntax error in the author's words; an unknown filter or test is told as when running."""
    return unknown_filter_or_test(err.message or "") or f"sintaks templat tidak valid: {_jinja(err.message or '')}"


def runtime(err: Exception) -> str:
    """An error raised while author text ran, as the author reads it."""
    return translate("python", str(err), err) or str(err)


def refused(attribute: str | None) -> str:
    """What the sandbox refused (an attribute such as '__class__'), in the author's words."""
    what = f"akses ke '{attribute}'" if attribute else "perintah ini"
    return f"{what} tidak diizinkan di teks laporan"


def _unknown_name(name: str) -> str:
    run = _running.get()
    known = sorted(n for n in (run.names if run else ()) if not n.startswith("_"))
    return f"nama '{name}' tidak dikenal di teks laporan.{suggest(name, known)} Nama yang dikenal: {', '.join(known)}"


def _jinja(message: str) -> str:
    """Jinja's English message in Indonesian; one the table does not know is shown as it is."""
    return translate("jinja", message) or message
