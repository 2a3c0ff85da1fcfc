#!/usr/bin/env bash
# The Debian package, unpacked into an empty root, builds the sample project
# with nothing from the source tree: templates and assets compiled in,
# Pagefind carried, a man page, and the shared libraries it links declared.
#
#   tests/package/check_deb.sh BUILD_DIR SOURCE_DIR [CPACK]
#
# The root is made with `dpkg-deb -x` (a debootstrap would take minutes and
# the network); README.md says how to install the package on a fresh system.
set -euo pipefail
build=$1
src=$2
cpack=${3:-cpack}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cpack" --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; fail "cpack"; }
deb=$(ls "$tmp"/out/gpress_*_*.deb)

depends=$(dpkg-deb -f "$deb" Depends)
for lib in libcmark-gfm0 libcmark-gfm-extensions0 libxlsxwriter libyaml-cpp libfmt libtomlplusplus libjemalloc; do
  [[ $depends == *"$lib"* ]] || fail "Depends does not name $lib: $depends"
done

root=$tmp/root
dpkg-deb -x "$deb" "$root"
[[ -x $root/usr/bin/gpress ]] || fail "no /usr/bin/gpress"
[[ -x $root/usr/lib/gpress/pagefind ]] || fail "no /usr/lib/gpress/pagefind"
[[ -f $root/usr/share/doc/gpress/configuration.md ]] || fail "no docs"
[[ -f $root/usr/share/gpress/templates/item.html ]] || fail "no templates to override from"
zcat "$root/usr/share/man/man1/gpress.1.gz" | grep -q '^\.SS gpress init' || fail "the man page lacks gpress init"

# The sample project without templates/ or node_modules/.
project=$tmp/project
mkdir "$project"
cp -r "$src/gpress.toml" "$src/content" "$src/data" "$project/"
env -i PATH=/usr/bin:/bin "$root/usr/bin/gpress" build --project "$project" >"$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log"; fail "gpress build"; }
if grep -q 'warning' "$tmp/build.log"; then cat "$tmp/build.log"; fail "warnings"; fi
for f in site/index.html site/maturity-framework/index.html site/pagefind/pagefind-entry.json \
  private/practices/index.html; do
  [[ -f $project/$f ]] || fail "$f not built"
done
ls "$project"/private/practices/*/data-pack.html >/dev/null || fail "no data pack"
ls "$project"/private/practices/*/options-report.html >/dev/null || fail "no options report"
ls "$project"/private/thematic/*/index.html >/dev/null || fail "no thematic report"
echo "package: installs into an empty root and builds the sample project"
