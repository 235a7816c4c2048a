"""Turn the built reports into the site around them: assets, index, comparison, search, 404, sitemap."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import jinja2

from reportgen.errors import ReportgenError
from reportgen.render import ReportView, draw_chart, render_page
from reportgen.results import ChartSpec
from reportgen.schema import SiteConfig

ASSETS = ("web.css", "site.js")


def assets(templates: Path) -> dict[str, tuple[str, bytes]]:
    """Each asset's fingerprinted path in the site ('assets/web.1a2b3c4d5e.css') and its bytes."""
    found = {}
    for name in ASSETS:
        data = (templates / name).read_bytes()
        stem, _, suffix = name.rpartition(".")
        found[name] = (f"assets/{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{suffix}", data)
    return found


def site_pages(
    env: jinja2.Environment, config: SiteConfig, views: Sequence[ReportView], charts: dict[str, str]
) -> dict[str, str]:
    """The shared pages by path in the site, rendered."""
    reports = sorted(views, key=lambda v: (-v.report.tahun, v.report.wilayah, v.report.judul))
    pages = {
        "index.html": render_page(env, "index.html", config, reports=reports, root="", path=""),
        "rekapitulasi/index.html": render_page(
            env, "rekapitulasi.html", config, reports=reports, charts=charts, root="../", path="rekapitulasi/"
        ),
        "cari/index.html": render_page(env, "cari.html", config, root="../", path="cari/"),
        "404.html": render_page(env, "404.html", config, root=_absolute_root(config), path="404.html"),
        "sitemap.xml": render_page(env, "sitemap.xml", config, reports=reports, path=""),
    }
    return pages


def comparison_charts(views: Sequence[ReportView]) -> dict[str, str]:
    """The comparison page's chart: IKM per report, where reports have one."""
    ikm = [
        (f"{v.report.wilayah} {v.report.tahun}: {v.report.program}", k.value)
        for v in views
        for k in v.key_figures
        if k.key == "ikm" and k.value is not None
    ]
    if not ikm:
        return {}
    labels, values = zip(*ikm, strict=True)
    return {"ikm": draw_chart(ChartSpec.bars(labels, values, value_label="Nilai IKM", value_format="angka:2"))}


def index_search(site: Path) -> None:
    """Build the Pagefind search index into site/pagefind/ (the pagefind package ships its binary)."""
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind", "--silent"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise ReportgenError(f"indeks pencarian gagal dibuat (pagefind): {done.stderr.strip() or done.stdout.strip()}")


def _absolute_root(config: SiteConfig) -> str:
    """The 404 page is served at any path, so its links start from the site's address when known."""
    base = config.situs.url_dasar
    return base if base and base.endswith("/") else (base + "/" if base else "/")
