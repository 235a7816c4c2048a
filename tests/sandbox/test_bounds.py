"""The sandbox's time and memory bounds: what overruns them is one mistake, and nothing is left behind."""

from __future__ import annotations

import os
import resource
import select
import signal
import time

import pytest

from reportgen import sandbox
from reportgen.sandbox import bounds

ENDLESS = "Paragraf pertama.\n{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"


@pytest.fixture
def short_deadline(monkeypatch):
    """The time bound lowered from 3 s to 0.2 s, so an endless loop is stopped quickly."""
    monkeypatch.setattr(bounds, "MAX_SECONDS", 0.2)


def mistakes(text: str) -> list[tuple[str, int | None]]:
    try:
        sandbox.expand(sandbox.environment(), text, {})
    except sandbox.AuthorTextError as err:
        return [(m.message, m.line) for m in err.mistakes]
    return []


def test_text_running_past_its_time_is_stopped_at_its_line(short_deadline):
    said = "teks bagian ini berjalan lebih dari 0,2 detik; periksa perulangan (for) di sini"
    assert mistakes(ENDLESS) == [(said, 2)]


def test_other_work_past_its_time_is_told_in_its_own_words(short_deadline):
    found: list[sandbox.Mistake] = []
    with sandbox.bounded(found, "mengubah Markdown bagian ini menjadi HTML berjalan"):
        while True:
            pass
    said = "mengubah Markdown bagian ini menjadi HTML berjalan lebih dari 0,2 detik; sederhanakan teksnya"
    assert found == [sandbox.Mistake(said)]


def test_a_deadline_met_leaves_nothing_to_arrive_later(short_deadline):
    found: list[sandbox.Mistake] = []
    with sandbox.bounded(found):
        total = sum(range(1000))
    time.sleep(0.5)  # past the deadline the block met: an exception still pending would arrive here
    sum(range(1000))
    assert (found, total) == ([], 499500)


def test_a_forked_worker_has_its_own_watchdog(short_deadline):
    mistakes("{{ 1 }}")  # the watchdog runs in this process now
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child reports through the pipe)
        os.close(read)
        os.write(write, repr(mistakes(ENDLESS)).encode())
        os._exit(0)
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 30)  # a child with no watchdog would loop for minutes
        said = os.read(read, 4096).decode() if ready else "nothing: the child's text was not stopped"
    finally:
        os.close(read)
        if not ready:
            os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    assert said == repr([("teks bagian ini berjalan lebih dari 0,2 detik; periksa perulangan (for) di sini", 2)])


def test_memory_beyond_its_bound_is_one_mistake_and_the_limit_is_restored():
    before = resource.getrlimit(resource.RLIMIT_AS)
    found: list[sandbox.Mistake] = []
    with sandbox.bounded(found):
        inside = resource.getrlimit(resource.RLIMIT_AS)
        bytearray(2 * bounds.MAX_MEMORY)  # twice: what the process holds varies by some pages
    assert found == [sandbox.Mistake("teks bagian ini memerlukan memori terlalu besar")]
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert inside[0] != resource.RLIM_INFINITY and inside[1] == before[1]


def test_a_lower_limit_set_before_is_kept():
    """A limit already below the bound (set by whoever started the build) is the bound."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        held = int(statm.read().split()[0]) * resource.getpagesize()
    lowered = (held + bounds.MAX_MEMORY // 4, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, lowered)
        with sandbox.bounded([]):
            inside = resource.getrlimit(resource.RLIMIT_AS)
        after = resource.getrlimit(resource.RLIMIT_AS)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    assert inside == lowered and after == lowered
