"""Turn the summaries of the built reports into the site around them: index, comparison, search, 404, sitemap."""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen import names, searchfeed, searchindex
from reportgen.indicators import HEADLINES
from reportgen.render import draw_chart, page_environment, render_page
from reportgen.results import ChartSpec
from reportgen.schema import SiteConfig
from reportgen.summary import KeyFigure, Summary
from reportgen.write import write_atomic


def assets(templates: Path) -> dict[str, tuple[str, bytes]]:
    """Each asset's fingerprinted path in the site ('assets/web.1a2b3c4d5e.css') and its bytes."""
    found = {}
    for name in names.ASSETS:
        data = (templates / name).read_bytes()
        stem, _, suffix = name.rpartition(".")
        found[name] = (f"assets/{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{suffix}", data)
    return found


def shared_pages(templates: Path, config: SiteConfig, summaries: Sequence[Summary]) -> dict[str, str | bytes]:
    """Every file of the site besides the reports' own, by path: assets, index, Rekapitulasi, search, 404, sitemap."""
    found = assets(templates)
    env = page_environment(templates)
    env.globals["assets"] = {name: path for name, (path, _) in found.items()}
    reports = sorted(map(_known_figures, summaries), key=lambda s: (-s.tahun, s.wilayah, s.judul, s.slug))
    charts = comparison_charts(reports)
    pages: dict[str, str | bytes] = {path: data for path, data in found.values()}
    pages["favicon.ico"] = found["favicon.ico"][1]  # where browsers and tools look without a <link>
    figures = _figures_present(reports)
    pages["index.html"] = render_page(
        env, "index.html", config, reports=reports, sort_figures=figures, root="", path=""
    )
    columns = [(h.key, h.column) for h in HEADLINES]
    pages["rekapitulasi/index.html"] = render_page(
        env,
        "rekapitulasi.html",
        config,
        reports=reports,
        columns=columns,
        charts=charts,
        root="../",
        path="rekapitulasi/",
    )
    pages["cari/index.html"] = render_page(env, "cari.html", config, root="../", path="cari/")
    pages["404.html"] = render_page(env, "404.html", config, root=_absolute_root(config), path="404.html")
    pages["sitemap.xml"] = render_page(env, "sitemap.xml", config, reports=reports, path="")
    return pages


def _known_figures(summary: Summary) -> Summary:
    """`summary` with only the registry's headline figures: a figure's key names an attribute of the index's card.

    Summaries are checked where they are made and read back; this is the wall behind that check,
    as the templates' `data_attribute` and `url_segment` filters are.
    """
    known = tuple(k for k in summary.key_figures if k.key in _KEYS)
    if len(known) == len(summary.key_figures):
        return summary
    trimmed = copy.copy(summary)  # not dataclasses.replace: a wall must not depend on the check it stands behind
    object.__setattr__(trimmed, "key_figures", known)
    return trimmed


_KEYS = frozenset(h.key for h in HEADLINES)


def _figures_present(reports: Sequence[Summary]) -> list[tuple[str, str]]:
    """(key, label) of each headline figure some report has, in registry order: the index sorts by them."""
    present = {k.key for r in reports for k in r.key_figures if k.value is not None}
    return [(h.key, h.label) for h in HEADLINES if h.key in present]


@dataclass(frozen=True)
class ComparisonChart:
    """One numbered figure of the comparison page: a key figure across the reports that have it."""

    number: int
    key: str
    caption: str
    alt: str
    svg: str
    source: str

    @property
    def id(self) -> str:
        """Its anchor id."""
        return f"gambar-{self.number}"


def comparison_charts(reports: Sequence[Summary]) -> tuple[ComparisonChart, ...]:
    """A bar chart for each headline figure that at least one report has, numbered in registry order."""
    found = []
    for h in HEADLINES:
        points = [(r, k) for r in reports for k in r.key_figures if k.key == h.key and k.value is not None]
        if points:
            found.append(_comparison_chart(len(found) + 1, h.key, h.caption, h.axis, points))
    return tuple(found)


def _comparison_chart(
    number: int, key: str, caption: str, axis: str, points: Sequence[tuple[Summary, KeyFigure]]
) -> ComparisonChart:
    labels = [f"{r.wilayah} {r.tahun}: {r.program}" for r, _ in points]
    spec = ChartSpec.bars(labels, [k.value for _, k in points], value_label=axis, value_format=points[0][1].format)
    listing = "; ".join(f"{r.wilayah} {r.tahun} ({r.program}): {k.text}" for r, k in points)
    alt = f"Diagram batang {caption[0].lower()}{caption[1:]}. {listing}."
    sample = " (data contoh)" if any(r.data_contoh for r, _ in points) else ""
    source = f"Laporan evaluasi yang dimuat di situs ini, diolah{sample}"
    return ComparisonChart(number, key, caption, alt, draw_chart(spec), source)


def start_search(site: Path) -> Callable[[], None]:
    """Start building the Pagefind search index of `site` into site/pagefind/; returns the function that waits for it.

    Only report pages carry data-pagefind-body, so the index is the same whether the shared pages
    are there yet or not. The pages are fed in path order (`searchfeed`) and the filter index is put
    in a fixed order (`searchindex`), so the same pages give the same bytes on any file system; each
    file of the bundle is then written atomically, so a full disk leaves none of it half-written.
    """
    bundle = searchfeed.start(site)

    def finish() -> None:
        for path, data in sorted(searchindex.normalize(bundle()).items()):
            write_atomic(site / "pagefind" / path, data)

    return finish


def _absolute_root(config: SiteConfig) -> str:
    """The 404 page is served at any path, so its links start from the site's address when known."""
    base = config.situs.url_dasar
    return base if base and base.endswith("/") else (base + "/" if base else "/")
