"""Turn jobs into results in 1..N worker processes, one job at a time per worker.

Each worker is a process forked from a fork server that has the rendering libraries imported
already, so starting one costs milliseconds and a worker never inherits a thread. A worker takes
one job, returns its result, and takes the next, reusing what the unit of work keeps between
reports. Because the scheduler knows which job each worker holds, a worker that dies (a crash in a
C library, the kernel's out-of-memory killer) or overruns the time limit fails that job only: it
is killed, replaced, and the other jobs go on.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import multiprocessing
import os
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from reportgen.engine import unit
from reportgen.engine.plan import Job
from reportgen.errors import internal_error

Result = unit.Rendered | unit.Failed
# A worker is replaced once it has grown past this (its peak resident memory), so memory stays flat
# however many reports there are; replacing one costs its imports' warm-up and its settings again.
MEMORY_LIMIT_MIB = 260
JOBS_PER_WORKER = 1000  # and after this many jobs in any case


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def warm_up() -> None:
    """Start the fork server now, so that its imports overlap with the planning still to do."""
    _context()
    _start()


def _start() -> None:
    """Start the fork server (unless it runs) with Ctrl-C blocked in it from its first instruction: a blocked
    signal stays blocked across fork and exec. Ctrl-C reaches the whole process group; the build, not the
    fork server in the middle of its imports, answers it (the fork server ignores it once they are done).

    Here Ctrl-C is held back, never lost. Blocking it in this thread does not hold it: the kernel hands a
    signal to any thread that does not block it (the preview's HTTP server, its file watcher), so the
    handler is never made SIG_IGN meanwhile, which would drop it there. A Ctrl-C that comes while the
    fork server is checked or started is noted, and raised again once the handler is back. The resource
    tracker is started first: starting it unblocks Ctrl-C, which would start the fork server unprotected.
    """
    from multiprocessing import forkserver, resource_tracker

    resource_tracker.ensure_running()
    noted: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, _frame: noted.append(signum))
    except ValueError:  # not the main thread, which alone may set handlers and alone gets KeyboardInterrupt
        previous = None
    else:
        previous = signal.SIG_DFL if previous is None else previous  # None: a handler set outside Python
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        forkserver.ensure_running()  # a fork server that died is started again
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if previous is not None:
            signal.signal(signal.SIGINT, previous)  # a Ctrl-C just handled in another thread is noted first
    if noted:
        signal.raise_signal(signal.SIGINT)  # answered as it would have been: KeyboardInterrupt, as a rule


def stop() -> None:
    """End the fork server and the resource tracker started with it, and wait for both.

    Called when a build returns (or the preview stops): no process of ours outlives it. The fork
    server reads its request to end (its pipe closed) only once its imports are done, seconds after
    a build whose reports all came from the cache; it holds nothing that needs a tidy end, so it is
    ended at once. Workers are ended before, by `Workers.close`.
    """
    from multiprocessing import forkserver, resource_tracker

    server = forkserver._forkserver  # the standard library ends it this way in its own tests
    with server._lock:
        if server._forkserver_pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(server._forkserver_pid, signal.SIGTERM)
            with contextlib.suppress(ChildProcessError):
                server._stop_unlocked()
            server._forkserver_pid = server._forkserver_alive_fd = server._forkserver_address = None
    resource_tracker._resource_tracker._stop()


@functools.cache
def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["reportgen.engine.worker"])
    return context


def run(
    jobs: Sequence[Job],
    workers: int | Workers,
    *,
    timeout: float | None = None,
    started: Callable[[Job], None] = lambda _: None,
    finished: Callable[[Result], None] = lambda _: None,
) -> None:
    """Compute every job in `workers` processes (or the given `Workers`), handing each result to `finished`.

    Results are not kept here: a build of thousands of reports holds one report's files at a time.
    Workers made here end with the run; given ones stay, warm, for the next run, unless the run
    is interrupted, which leaves them in an unknown state and so ends them too.
    """
    pool = workers if isinstance(workers, Workers) else Workers(min(workers, len(jobs)), timeout)
    pending = deque(jobs)
    completed = False
    try:
        while pending or pool.busy():
            while pending and (worker := pool.idle()) is not None:
                job = pending.popleft()
                pool.give(worker, job)
                started(job)
            for result in pool.collect():
                finished(result)
        completed = True
    finally:
        if pool is not workers or not completed:
            pool.close()


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    job: Job | None = None
    since: float = 0.0
    done: int = 0


@dataclass
class Workers:
    """Worker processes forked from the fork server, one job at a time each; `close` ends them."""

    size: int
    timeout: float | None = None
    workers: list[_Worker] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.context = _context()
        warm_up()
        self.workers = [self._spawn() for _ in range(self.size)]

    def _spawn(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs,), daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def give(self, worker: _Worker, job: Job) -> None:
        """Hand `job` to `worker`; one that died while idle is replaced first."""
        place = self.workers.index(worker)
        try:
            worker.conn.send(job)
        except OSError:
            self._replace(worker, None)
            worker = self.workers[place]
            worker.conn.send(job)
        worker.job, worker.since = job, time.monotonic()

    def busy(self) -> bool:
        return any(w.job is not None for w in self.workers)

    def idle(self) -> _Worker | None:
        return next((w for w in self.workers if w.job is None), None)

    def collect(self) -> list[Result]:
        """Wait for at least one worker to finish, die or overrun; their results."""
        busy = [w for w in self.workers if w.job is not None]
        waits = {w.conn: w for w in busy} | {w.process.sentinel: w for w in busy}
        ready = wait(list(waits), timeout=self._next_deadline(busy))
        results, seen = [], set()
        for handle in ready:
            worker = waits[handle]
            if id(worker) in seen:
                continue
            seen.add(id(worker))
            results.append(self._receive(worker))
        for worker in busy:
            if worker.job is not None and self.timeout is not None and self._overdue(worker):
                from reportgen.fmt import angka  # Babel: only when a report overruns

                limit = angka(self.timeout)
                results.append(self._replace(worker, f"melebihi batas waktu {limit} detik per laporan"))
        return results

    def _receive(self, worker: _Worker) -> Result:
        try:
            result = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(1)
            return self._replace(worker, f"proses pekerja berhenti mendadak ({_ending(worker.process.exitcode)})")
        worker.job, worker.done = None, worker.done + 1
        grown = getattr(result, "memory_mib", 0.0) > MEMORY_LIMIT_MIB
        if grown or worker.done >= JOBS_PER_WORKER:
            self._replace(worker, None)
        return result

    def _replace(self, worker: _Worker, reason: str | None) -> Result | None:
        """Stop `worker` (failing its job with `reason`) and start a fresh one in its place."""
        job, seconds = worker.job, time.monotonic() - worker.since
        worker.job = None
        _stop(worker, at_once=job is not None)
        self.workers[self.workers.index(worker)] = self._spawn()
        if job is None or reason is None:
            return None
        return unit.Failed(job.slug, job.key, (unit.report_problem(job, reason),), seconds)

    def _overdue(self, worker: _Worker) -> bool:
        return time.monotonic() - worker.since >= self.timeout

    def _next_deadline(self, busy: list[_Worker]) -> float | None:
        if self.timeout is None or not busy:
            return None
        return max(0.0, min(w.since + self.timeout for w in busy) - time.monotonic())

    def close(self) -> None:
        for worker in self.workers:
            _stop(worker)


def _stop(worker: _Worker, at_once: bool = False) -> None:
    """Ask `worker` to end; kill it if it is busy (`at_once`) or does not end within half a second."""
    with contextlib.suppress(OSError, ValueError):
        worker.conn.send(None)
    worker.conn.close()
    worker.process.join(0 if at_once or worker.job is not None else 0.5)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()


def _ending(code: int | None) -> str:
    """How a worker ended, in words: 'dihentikan sinyal 9 (SIGKILL), mungkin kehabisan memori'."""
    if code is None:
        return "tanpa kode keluar"
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else "?"
        hint = ", mungkin kehabisan memori" if -code == signal.SIGKILL else ""
        return f"dihentikan sinyal {-code} ({name}){hint}"
    return f"kode keluar {code}"


def _serve(conn: Connection) -> None:
    """A worker's life: take a job, send its result, until told to stop or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the scheduler's to handle
    _die_with_parent()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        job = message
        try:
            conn.send(unit.run(job))
        except OSError:  # the scheduler is gone or gave up on this job
            return
        except Exception as err:  # a result that cannot be sent back is our bug: say so, keep serving
            problem = unit.report_problem(job, internal_error(err))
            conn.send(unit.Failed(job.slug, job.key, (problem,), traceback=traceback.format_exc()))


def _die_with_parent() -> None:
    """Have Linux kill this worker when its fork server ends (which it does when the build ends)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the worker still ends when its pipe closes
