"""Turn a block of author-text work into one bounded in time and memory, whatever stops it a mistake.

This is the only module that reaches below Python: a watchdog thread injects an exception with
ctypes, and the process's address-space limit is lowered and restored. The reason, said once:
author text runs in the process that renders the report and then goes on to render others, so a
loop that never ends or a value that fills the memory must be stopped from outside the text,
without killing that process, and without a trace function that would make every call of every
text several times slower.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import resource
import threading
import time

import jinja2

from reportgen.sandbox.mistakes import AuthorTextError, Mistake, Stop, refused, runtime, traceback_line

MAX_SECONDS = 3.0  # of running one section's text (or turning its Markdown into HTML)
MAX_MEMORY = 256 * 1024 * 1024  # bytes author text may take beyond what the process holds


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
        mistakes.append(Mistake(f"{running} lebih dari {seconds} detik; {hint}", traceback_line(err)))
    except jinja2.exceptions.SecurityError as err:
        attribute = re.search(r"attribute '([^']+)'", str(err))
        needle = attribute[1] if attribute else None
        mistakes.append(Mistake(refused(needle), traceback_line(err), needle))
    except Stop as err:
        mistakes.append(Mistake(err.message, err.line or traceback_line(err), err.needle))
    except RecursionError as err:
        message = "ekspresi atau makro bersarang terlalu dalam; sederhanakan tanda kurung atau pemanggilan makro"
        mistakes.append(Mistake(message, traceback_line(err)))
    except Exception as err:
        if not mistakes:
            mistakes.append(Mistake(runtime(err), traceback_line(err)))


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
