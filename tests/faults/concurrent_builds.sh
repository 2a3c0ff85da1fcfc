#!/bin/bash
# Two real gpress processes on one project: the second is refused with the
# first's pid while the first runs, and the first finishes a whole tree.
. "$(dirname "$0")/common.sh"
make_project
cd "$P"
# A Pagefind that holds the first build open until told to finish.
mkdir tools
cat > tools/slow-pagefind <<'SH'
#!/bin/sh
touch "$(dirname "$0")/started"
while [ ! -e "$(dirname "$0")/release" ]; do sleep 0.05; done
SH
chmod +x tools/slow-pagefind
sed -i 's/^enabled = false/enabled = true\npagefind = "tools\/slow-pagefind"/' gpress.toml

"$G" build --allow-project-tools > first.out 2>&1 &
first=$!
for _ in $(seq 600); do [ -e tools/started ] && break; sleep 0.1; done
[ -e tools/started ] || fail "the first build never reached Pagefind"

second=$("$G" build 2>&1); code=$?
[ "$code" = 1 ] || fail "the second build exited $code, not 1: $second"
[[ "$second" == *"another build is running (pid $first)"* ]] || fail "no pid in: $second"
import=$("$G" import epraccur "$SRC/tests/fixtures/data/epraccur.csv" 2>&1); code=$?
[ "$code" = 1 ] && [[ "$import" == *"another build is running (pid $first)"* ]] || fail "import ran beside a build: $import"

touch tools/release
wait "$first" || fail "the first build failed: $(cat first.out)"
# The first build's tree is whole: a clean build gives the same files.
tree_of > "$WORK/first.tree"
rm -rf site private .gpress
"$G" build -q --allow-project-tools || fail "clean build failed"
tree_of | diff "$WORK/first.tree" - || fail "the first build's tree differs from a clean build's"
echo ok
