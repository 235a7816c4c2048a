"""The names the code uses: the project's settings and report files, what templates/ must hold, report names."""

CONFIG_FILE = "reports.yaml"
REPORT_FILE = "laporan.yaml"  # in content/<slug>/

# Rendered for every report: the web page, the print page and its stylesheet, the blocks placed in text.
REPORT_TEMPLATES = (
    "report.html",
    "print.html",
    "print.css",
    "partials/blocks.html",
    "partials/table.html",
    "partials/figure.html",
)
# Rendered once per site, over the summaries of every report.
SITE_TEMPLATES = ("index.html", "rekapitulasi.html", "cari.html", "404.html", "sitemap.xml")
# Copied into the site as they are, under a name carrying their digest (every page links them).
ASSETS = ("web.css", "site.js", "favicon.svg", "favicon.ico", "apple-touch-icon.png")

# A report's folder name, in content/ and in the site; checked where authors write it (schema) and
# where a cache entry or a shard output says it (summary, engine/untrusted).
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# The site's own folders: a report of one of these names would be written over by a shared page.
SITE_FOLDERS = ("assets", "cari", "pagefind", "rekapitulasi")
PROGRAM_KINDS = ("pelatihan", "pembinaan", "pengembangan karier", "peningkatan kualitas", "lainnya")
FIRST_YEAR, LAST_YEAR = 2000, 2100  # a program's budget year (tahun)
