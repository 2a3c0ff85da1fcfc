#!/usr/bin/env bash
# Installs everything gpress needs to build, run and test on Debian 12, then
# the npm packages from package-lock.json. Safe to run again: it only adds
# what is missing. Run as root (or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries gpress links (design.md's dependencies)
  libcmark-gfm-dev libcmark-gfm-extensions-dev libxlsxwriter-dev libfmt-dev libyaml-cpp-dev
  libtomlplusplus-dev libkainjow-mustache-dev libcli11-dev nlohmann-json3-dev libcpp-httplib-dev zlib1g-dev libjemalloc-dev
  doctest-dev
  # real readers for the tests: a browser for pages, openpyxl for workbooks
  chromium python3 python3-openpyxl
  # LibreOffice headless opens the workbooks as a user would (tests/readers)
  libreoffice-calc-nogui
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js: Debian's, unless the machine already has one (e.g. from NodeSource,
# whose nodejs package conflicts with Debian's npm).
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund --loglevel=error
