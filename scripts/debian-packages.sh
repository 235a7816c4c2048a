#!/bin/sh
# Install the Debian packages reportgen needs, only those missing.
# pango: WeasyPrint's text layout; harfbuzz-subset: its font subsetting; fonts-liberation2: the report font family,
# embedded in every PDF; poppler-utils and qpdf: reading and checking PDFs.
set -eu
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 poppler-utils qpdf"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "Installing Debian packages:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
