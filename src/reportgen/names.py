"""The files of templates/ that the code uses by name: what a project must have, and what a report reads."""

# Rendered for every report: the web page, the print page and its stylesheet, the blocks placed in text.
REPORT_TEMPLATES = ("report.html", "print.html", "print.css", "partials/table.html", "partials/figure.html")
# Rendered once per site, over the summaries of every report.
SITE_TEMPLATES = ("index.html", "rekapitulasi.html", "cari.html", "404.html", "sitemap.xml")
# Copied into the site as they are, under a name carrying their digest (every page links them).
ASSETS = ("web.css", "site.js")
