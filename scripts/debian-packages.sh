#!/bin/sh
# Install the Debian packages reportgen needs, only those missing.
#   scripts/debian-packages.sh build   what building reports needs
#   scripts/debian-packages.sh test    that, plus what the test suite needs
# build: pango (WeasyPrint's text layout), harfbuzz-subset (its font subsetting), fonts-liberation2 (the
# report font family, embedded in every PDF).
# test: poppler-utils and qpdf (reading and checking PDFs), chromium (the browser tests; Playwright drives
# /usr/bin/chromium, never a browser of its own), nodejs and npm (axe-core for those tests), the last two
# only when no npm is on the PATH (a NodeSource nodejs bundles its own npm and conflicts with Debian's).
# Not root and no password-free sudo: prints what is missing and the one command that installs it.
set -eu
profile="${1:-build}"
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2"
[ "$profile" = "test" ] && PACKAGES="$PACKAGES poppler-utils qpdf chromium"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ "$profile" = "test" ] && { command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"; }
[ -z "$missing" ] && exit 0
command="apt-get update && apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
else
    echo "reportgen needs these Debian packages, which are not installed:$missing" >&2
    echo "Install them once (as root, or with sudo), then run make again:" >&2
    echo "    sudo sh -c '$command'" >&2
    exit 1
fi
echo "Installing Debian packages:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
