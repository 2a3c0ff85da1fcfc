#!/usr/bin/env bash
# Builds gpress and its unit tests with address and undefined-behaviour
# sanitizers in BUILD_DIR, apart from the main build, and runs the unit tests
# there (the tests that run the gpress program run the sanitized one). Any
# sanitizer report fails the run: a memory error, a leak or undefined
# behaviour, in the tests or in a gpress process they start, whether or not the
# test that caused it noticed. Memory and leak reports are kept in
# BUILD_DIR/sanitizer-reports/.
#
# Usage: tests/sanitize/run.sh [BUILD_DIR] [doctest options, e.g. -tc="*csv*"]
#                                                   (default: build-sanitize)
# CTest runs it as `sanitized-unit-tests` where CI=true or GPRESS_SANITIZED=1,
# and skips it elsewhere (exit 77), so a developer's test run stays short.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build-sanitize}"
shift || true
if [[ -n "${CTEST_SKIP_UNLESS_ASKED:-}" && "${CI:-}" != "true" && "${GPRESS_SANITIZED:-}" != "1" ]]; then
  echo "sanitized-unit-tests: skipped (runs where CI=true or GPRESS_SANITIZED=1)"
  exit 77
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# -O1 keeps the tests quick and the reports' stack traces whole; asserts stay on.
cmake -S "$root" -B "$build" -G Ninja "${launcher[@]}" -DGPRESS_SANITIZE=ON -DGPRESS_TESTS=ON \
  -DGPRESS_WERROR=OFF -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" >/dev/null
# The compiler's output goes to a log, shown if the build fails: sanitizers
# make GCC warn about the standard library, which says nothing about gpress.
if ! cmake --build "$build" -j2 --target gpress_tests gpress >"$build/build.log" 2>&1; then
  grep -E 'error|FAILED' "$build/build.log" | head -40
  echo "sanitized-unit-tests: the build failed; $build/build.log has the whole output"
  exit 1
fi

reports="$build/sanitizer-reports"
rm -rf "$reports" && mkdir -p "$reports"
# A process a sanitizer stops exits 86, a code gpress never uses, so a test
# that expects gpress's own exit code fails too. Address and leak reports go
# to the reports folder; undefined-behaviour reports go to stderr, where the
# test that started the process shows them.
export ASAN_OPTIONS="log_path=$reports/asan:exitcode=86:detect_leaks=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="log_path=$reports/ubsan:exitcode=86:print_stacktrace=1:halt_on_error=1"
status=0
(cd "$root" && "$build/gpress_tests" "$@") || status=$?
if compgen -G "$reports/*" >/dev/null; then
  for report in "$reports"/*; do
    echo "==== $report"
    cat "$report"
  done
  echo "sanitized-unit-tests: FAILED, $(ls "$reports" | wc -l) sanitizer report(s) above"
  exit 1
fi
exit $status
