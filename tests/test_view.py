"""The report view is format-neutral: sections are blocks of text, placed tables and placed charts."""

from __future__ import annotations

from reportgen import load, render
from reportgen.data import compute_results
from reportgen.render import ChartBlock, TableBlock, TextBlock
from tests.conftest import site_config
from tests.test_figures import REPORT, SURVEY

INLINE = (
    REPORT.split("bagian:")[0]
    + """\
bagian:
  - jenis: temuan
    teks: |
      # Hasil
      - Lihat {{ nomor_tabel("ikm.unsur") }}: {{ tabel("ikm.unsur") }}
      - Selesai.
"""
)


def view(project, text: str) -> render.ReportView:
    project.report("uji", text, files={"survei.csv": SURVEY})
    project.config(site_config("uji"))
    loaded = load.load_report(load.load_project(project.root), "uji")
    return render.report_view(loaded, load.load_project(project.root).config, compute_results(loaded))


def test_sections_are_text_tables_and_charts_with_their_numbers(project):
    drawn = render.draw_chart.cache_info()
    (section,) = view(project, REPORT).sections
    shown = [b for b in section.blocks if b.kind != "teks" or b.html.strip()]  # not the line breaks between
    assert [b.kind for b in shown] == ["teks", "tabel", "gambar", "tabel"]
    text, table, chart, second = shown
    assert isinstance(text, TextBlock) and "(Tabel 1, Gambar 1)." in text.html and "⟦" not in text.html
    assert isinstance(table, TableBlock) and table.table.name == "ikm.unsur" and str(table.number) == "Tabel 1"
    assert isinstance(chart, ChartBlock) and chart.chart.name == "ikm.unsur" and chart.number.id == "gambar-1"
    assert str(second.number) == "Tabel 2" and second.table.rows  # the numbers themselves, not HTML
    assert render.draw_chart.cache_info() == drawn  # a view draws nothing: the output that shows a chart does


def test_blocks_keep_the_text_around_them_whole(project):
    (section,) = view(project, INLINE).sections
    before, table, after = section.blocks
    assert before.html == '<h3 id="hasil-evaluasi--1">Hasil</h3>\n<ul>\n<li>Lihat Tabel 1: </li>\n</ul>\n'
    assert table.table.name == "ikm.unsur" and after.html == "\n<ul>\n<li>Selesai.</li>\n</ul>"
    assert [s.text for s in section.subheadings] == ["Hasil"]
