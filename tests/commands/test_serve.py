"""The live preview's build line says what a build changed on the site, from literal outcomes and site records."""

from __future__ import annotations

from reportgen.commands.serve import changes
from reportgen.engine.outcome import BUILT, CACHED, FAILED, Outcome, ReportOutcome
from reportgen.engine.state import Published, State


def record(**keys: str) -> State:
    """A site record whose reports were published from the results named by `keys` (slug -> cache key)."""
    return State(0, "f", True, {slug: Published(key, {}, None) for slug, key in keys.items()})


def test_a_report_from_the_cache_is_news_only_when_the_site_showed_another_result():
    outcome = Outcome((ReportOutcome("satu", CACHED), ReportOutcome("dua", CACHED)))
    before, after = record(satu="a", dua="b"), record(satu="a", dua="c")
    assert changes(outcome, before, after, set()) == "1 laporan diperbarui dari tembolok"
    assert changes(outcome, before, before, set()) == "tidak ada yang berubah"


def test_built_removed_failed_and_fixed_are_counted_in_that_order():
    outcome = Outcome((ReportOutcome("satu", BUILT), ReportOutcome("tiga", FAILED)))
    line = changes(outcome, record(satu="a", dua="b"), record(satu="x"), {"empat", ""})
    assert line == "1 laporan dibangun, 1 laporan dihapus dari situs, 1 laporan gagal, galat laporan 'empat' diperbaiki"
    assert changes(Outcome(), None, None, {""}) == "galat diperbaiki"
