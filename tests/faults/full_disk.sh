#!/bin/bash
# An output folder on its own small file system (a tmpfs in a private mount
# namespace): incremental builds move files within it (no "Invalid
# cross-device link"), and a full disk says so, with the path, leaving the
# previous output.
. "$(dirname "$0")/common.sh"
unshare -m true 2> /dev/null || unshare -r -m true 2> /dev/null || exit 77
make_project
mkdir "$P/site"
cat > "$WORK/inside.sh" <<SH
set -u
mount -t tmpfs -o size=2m tmpfs "$P/site" || exit 77
fail() { echo "FAIL: \$*" >&2; exit 1; }
cd "$P"
"$G" build -q || fail "build into the mounted site failed"
sed -i 's/Fixture Toolkit/Fixture Toolkit Two/' gpress.toml
"$G" build -q || fail "incremental build into the mounted site failed"
grep -q "Fixture Toolkit Two" site/index.html || fail "the incremental build did not reach the site"
before=\$(find site private -type f | sort | xargs md5sum)
{ printf -- '---\ntitle: Big\ntype: page\n---\n'; head -c 3000000 /dev/zero | tr '\0' 'x' | fold -w 80; } > content/pages/big.md
out=\$("$G" build 2>&1); code=\$?
[ "\$code" = 3 ] || fail "full disk: exit \$code: \$out"
[[ "\$out" == *"site/big/index.html (staged at "*"): cannot write: No space left on device"* ]] || fail "full disk: \$out"
[ "\$before" = "\$(find site private -type f | sort | xargs md5sum)" ] || fail "full disk: the output changed"
[ -z "\$(ls -A site | grep staging)" ] || fail "full disk: staging left in site/"
echo ok
SH
if unshare -m true 2> /dev/null; then unshare -m bash "$WORK/inside.sh"; else unshare -r -m bash "$WORK/inside.sh"; fi
