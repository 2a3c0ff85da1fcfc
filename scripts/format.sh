#!/usr/bin/env bash
# Formats gpress's C++ (generator/, tests/unit/, fuzz/) with clang-format and
# the repository's .clang-format.
#
#   scripts/format.sh           formats the files in place
#   scripts/format.sh --check   changes nothing; lists the files that differ
#                               from the format and exits 1 if there are any
#
# clang-format 14 is Debian 12's (package clang-format-14, installed by
# scripts/install-deps.sh --tests); other versions format a little differently.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
case "${1:-}" in
  "") ;;
  --check) check=true ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

format=""
for name in clang-format-14 clang-format; do
  if command -v "$name" >/dev/null; then format="$name"; break; fi
done
[[ -n $format ]] || { echo "format: clang-format not found (scripts/install-deps.sh --tests installs it)" >&2; exit 2; }

mapfile -t files < <(find generator tests/unit fuzz -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) | sort)
if ! $check; then
  "$format" -i --style=file "${files[@]}"
  exit 0
fi
differ=()
for f in "${files[@]}"; do
  cmp -s "$f" <("$format" --style=file "$f") || differ+=("$f")
done
if ((${#differ[@]})); then
  printf '%s\n' "${differ[@]}"
  echo "format: ${#differ[@]} file(s) differ from .clang-format; scripts/format.sh formats them" >&2
  exit 1
fi
