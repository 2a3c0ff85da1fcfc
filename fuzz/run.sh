#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan, UBSan) in BUILD_DIR and runs each
# for SECONDS_EACH seconds from its committed seeds in fuzz/corpus/<target>/.
# What a run discovers goes to a scratch folder, never into the committed
# corpus. A crash, leak or sanitizer report fails the run; the input that
# caused it is kept in BUILD_DIR/crashes/<target>/ to reproduce it:
#   BUILD_DIR/<target>_fuzzer BUILD_DIR/crashes/<target>/crash-...
# Prints, per target, the runs and executions per second libFuzzer reports.
#
# Usage: fuzz/run.sh [BUILD_DIR] [SECONDS_EACH]     (defaults: build-fuzz, 25)
# CTest runs it as `fuzz` where CI=true or GPRESS_FUZZ=1, and skips it
# elsewhere (exit 77), so a developer's test run stays short.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build-fuzz}"
seconds="${2:-25}"
if [[ -n "${CTEST_SKIP_UNLESS_ASKED:-}" && "${CI:-}" != "true" && "${GPRESS_FUZZ:-}" != "1" ]]; then
  echo "fuzz: skipped (runs where CI=true or GPRESS_FUZZ=1)"
  exit 77
fi
for tool in clang-14 clang++-14; do
  command -v "$tool" >/dev/null || { echo "fuzz: $tool not found (scripts/install-deps.sh --tests installs it)"; exit 1; }
done
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
CC=clang-14 CXX=clang++-14 cmake -S "$here" -B "$build" -G Ninja "${launcher[@]}" >/dev/null
cmake --build "$build" -j2

status=0
for target in csv front_matter template config xlsx; do
  scratch="$(mktemp -d)"
  crashes="$build/crashes/$target"
  mkdir -p "$crashes"
  log="$build/$target.log"
  if "$build/${target}_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$crashes/" "$scratch" "$here/corpus/$target" >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(ls "$scratch" | wc -l)
  echo "fuzz $target: $result, ${runs:-?} runs in ${seconds} s, ${speed:-?} exec/s, $corpus new inputs kept"
  [[ $result == ok ]] || tail -40 "$log"
  rm -rf "$scratch"
done
exit $status
