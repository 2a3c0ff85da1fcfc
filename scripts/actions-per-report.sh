#!/bin/sh
# How many actions the options reports lead with and recommend, and how many
# practices each action reaches: run after `gpress build options`.
#   scripts/actions-per-report.sh [PROJECT]
set -eu
cd "${1:-.}"
reports=$(ls private/practices/*/options-report.html)
summary() {  # $1: label; stdin: one number per report
  sort -n | awk -v label="$1" '{ v[NR] = $1 } END { printf "%s: min %d, median %d, max %d (%d reports)\n", label, v[1], v[int((NR + 1) / 2)], v[NR], NR }'
}
for f in $reports; do grep -c 'class="op-action"' "$f" || true; done | summary "leading actions"
for f in $reports; do grep -c 'class="op-action"\|class="op-also__item"' "$f" || true; done | summary "recommended actions"
for f in $reports; do grep -c 'class="op-outside__item"' "$f" || true; done | summary "held but not at the practice's level"
echo "practices each action is recommended to (leading or also considered):"
grep -ho 'class="op-action" id="action-[a-z0-9-]*\|class="op-also__item" id="also-[a-z0-9-]*' $reports |
  sed 's/.*id="[a-z]*-//' | sort | uniq -c | sort -k1,1nr -k2
