# Shared by the fault scripts: a project that builds site/ and private/, and
# a fingerprint of its output to compare before and after a fault.
# Each script is run by CTest as: script GPRESS_EXE SOURCE_DIR; exit 77 = skipped.
set -u
G="$1"
SRC="$2"
WORK="$(mktemp -d)"
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
P="$WORK/project"

fail() { echo "FAIL: $*" >&2; exit 1; }

# options-basic has the practice data; toolkit-basic's content adds pages.
make_project() {
  mkdir -p "$P"
  cp -a "$SRC/tests/fixtures/options-basic/." "$P/"
  rm -rf "$P/expected"
  cp -a "$SRC/tests/fixtures/toolkit-basic/content/." "$P/content/"
}

# Every file and folder under the output roots, with the bytes' checksums.
tree_of() { (cd "$P" && find site private | sort && find site private -type f | sort | xargs md5sum); }
