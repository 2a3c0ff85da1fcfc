#!/bin/bash
# A commit that fails halfway is undone: with site/ read-only, private/ (which
# moves first) is put back too, and the other way round.
. "$(dirname "$0")/common.sh"
command -v setpriv > /dev/null || exit 77
make_project
"$G" build -q --project "$P" || fail "first build failed"
chmod -R a+rX "$WORK"
chown -R nobody "$P"
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
n=0
for root in site private/practices; do
  n=$((n + 1))
  sed -i "s/^name = \"Fixture Programme.*\"/name = \"Fixture Programme $n\"/; s/^title = \"Fixture Toolkit.*\"/title = \"Fixture Toolkit $n\"/" "$P/gpress.toml"
  before=$(tree_of)
  chmod a-w "$P/$root"
  out=$(as_nobody "$G" build --project "$P" 2>&1); code=$?
  chmod u+w "$P/$root"
  [ "$code" = 3 ] || fail "read-only $root: exit $code: $out"
  [[ "$out" == *"Permission denied; the previous output was put back as it was"* ]] || fail "read-only $root: $out"
  [ "$before" = "$(tree_of)" ] || fail "read-only $root: the output changed"
  ls -a "$P" | grep -q staging && fail "read-only $root: a staging folder was left"
done
as_nobody "$G" build -q --project "$P" || fail "the build after the faults failed"
echo ok
