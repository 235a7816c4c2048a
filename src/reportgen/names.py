"""The files the code uses by name: the project's settings and report files, and what templates/ must hold."""

CONFIG_FILE = "reports.yaml"
REPORT_FILE = "laporan.yaml"  # in content/<slug>/

# Rendered for every report: the web page, the print page and its stylesheet, the blocks placed in text.
REPORT_TEMPLATES = ("report.html", "print.html", "print.css", "partials/table.html", "partials/figure.html")
# Rendered once per site, over the summaries of every report.
SITE_TEMPLATES = ("index.html", "rekapitulasi.html", "cari.html", "404.html", "sitemap.xml")
# Copied into the site as they are, under a name carrying their digest (every page links them).
ASSETS = ("web.css", "site.js", "favicon.svg", "favicon.ico", "apple-touch-icon.png")
