#!/usr/bin/env bash
# Installs what gpress needs on Debian 12, then the npm packages from
# package-lock.json. Safe to run again: it only adds what is missing. Run as
# root (or with sudo).
#
#   scripts/install-deps.sh           build and run gpress (compiler, libraries,
#                                     the NHS.UK frontend and Pagefind)
#   scripts/install-deps.sh --tests   also what the tests read pages and
#                                     workbooks with (Chromium, LibreOffice,
#                                     openpyxl, poppler), clang for the fuzz
#                                     targets, clang-format and the
#                                     browser-test tools
set -euo pipefail
cd "$(dirname "$0")/.."

tests=false
case "${1:-}" in
  "") ;;
  --tests) tests=true ;;
  *) echo "usage: $0 [--tests]" >&2; exit 2 ;;
esac

export DEBIAN_FRONTEND=noninteractive
packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries gpress links (design.md's dependencies)
  libcmark-gfm-dev libcmark-gfm-extensions-dev libxlsxwriter-dev libdeflate-dev libfmt-dev libyaml-cpp-dev
  libtomlplusplus-dev libkainjow-mustache-dev libcli11-dev nlohmann-json3-dev libcpp-httplib-dev zlib1g-dev libjemalloc-dev
  # the man page of the Debian package (`cmake --build build --target package`)
  help2man
)
test_packages=(
  doctest-dev
  # real readers for the tests: a browser for pages (and PDFs), openpyxl for workbooks
  chromium python3 python3-openpyxl
  # LibreOffice headless opens the workbooks as a user would (tests/readers)
  libreoffice-calc-nogui
  # pdftotext and pdfinfo read the PDFs back
  poppler-utils
  # the parsers' libFuzzer targets, with address and undefined-behaviour sanitizers (fuzz/)
  clang-14 libclang-rt-14-dev
  # the C++ format check (scripts/format.sh)
  clang-format-14
)
if $tests; then packages+=("${test_packages[@]}"); fi

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

# The browser tests' tools (axe-core, Playwright) are devDependencies.
if $tests; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm ci --omit=dev --no-audit --no-fund --loglevel=error
fi
