"""Turn an author's Jinja text into plain text, in a sandbox that notes every mistake and runs on.

A wrong name does not stop the text at the first mistake: it is noted at its line, stands in as an
empty value, and the text runs to its end, so one `check` tells the author every mistake at once.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

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
    mistake = Mistake(message, _running_line(), needle)
    if run is None:
        raise AuthorTextError([mistake])
    run.mistakes.append(mistake)


def stand_in() -> jinja2.Undefined:
    """The value that replaces a mistake so the text runs on; using it notes nothing more."""
    return _Missing(told=True)


def environment() -> ImmutableSandboxedEnvironment:
    """The sandbox author text runs in: no access to Python internals, every unknown name noted."""
    return ImmutableSandboxedEnvironment(undefined=_Missing, autoescape=False)


def expand(env: jinja2.Environment, text: str, context: Mapping[str, object]) -> str:
    """Author text with its expressions evaluated; AuthorTextError lists every mistake in it."""
    try:
        template = env.from_string(text)
    except jinja2.TemplateSyntaxError as err:
        message = f"sintaks templat tidak valid: {_translate(err.message or '')}"
        raise AuthorTextError([Mistake(message, err.lineno)]) from None
    mistakes: list[Mistake] = []
    token = _running.set(_Run(tuple(context), mistakes))
    try:
        expanded = template.render(context)
    except jinja2.exceptions.SecurityError as err:
        attribute = re.search(r"attribute '([^']+)'", str(err))
        needle = attribute[1] if attribute else None
        mistakes.append(Mistake(_refused(needle), _traceback_line(err), needle))
    except Exception:
        if not mistakes:  # a failure the noted mistakes do not explain is not theirs to hide
            raise
    finally:
        _running.reset(token)
    if mistakes:
        raise AuthorTextError(mistakes)
    return expanded


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


def _refused(attribute: str | None) -> str:
    what = f"akses ke '{attribute}'" if attribute else "perintah ini"
    return f"{what} tidak diizinkan di teks laporan"


def _unknown_name(name: str) -> str:
    run = _running.get()
    known = sorted(n for n in (run.names if run else ()) if not n.startswith("_"))
    return f"nama '{name}' tidak dikenal di teks laporan.{suggest(name, known)} Nama yang dikenal: {', '.join(known)}"


def _running_line() -> int | None:
    """The line of author text being run now, found on the call stack."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return None


def _traceback_line(err: BaseException) -> int | None:
    line, tb = None, err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"^'(?P<obj>[^']+)' (?:object )?has no attribute '(?P<name>[^']+)'$")


def _translate(message: str) -> str:
    """Jinja's English messages for the errors authors make, in Indonesian."""
    if m := _UNDEFINED.match(message):
        return f"nama '{m['name']}' tidak dikenal di teks laporan"
    if m := _NO_ATTRIBUTE.match(message):
        return f"'{m['obj']}' tidak mempunyai '{m['name']}'"
    if message.startswith("unexpected end of template"):
        return "templat berakhir sebelum blok ditutup (kurang '{% end... %}' atau '}}')"
    if message.startswith("unexpected"):
        return f"tanda tidak terduga ({message.removeprefix('unexpected ')})"
    return message
