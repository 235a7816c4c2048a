#!/bin/sh
# Install the Debian packages reportgen needs, only those missing.
# pango: WeasyPrint's text layout; harfbuzz-subset: its font subsetting; fonts-liberation2: the report font family,
# embedded in every PDF; poppler-utils and qpdf: reading and checking PDFs; chromium: the browser tests
# (Playwright drives /usr/bin/chromium, never a browser of its own); nodejs and npm: axe-core for those tests,
# only when no npm is on the PATH (a NodeSource nodejs bundles its own npm and conflicts with Debian's).
set -eu
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 poppler-utils qpdf chromium"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0
echo "Installing Debian packages:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
