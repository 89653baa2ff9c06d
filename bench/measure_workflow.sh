#!/usr/bin/env bash
# Measures the workbook's everyday timings on this machine (numbers for the notes, not a test):
#   1. clean build + every test of the default build (the `test` workflow, docs included): on a
#      fresh machine (empty compiler cache), then again from an empty build folder (cache warm);
#   2. a student's edit-and-check loop: after editing one exercise, rebuild and re-run its
#      chapter's tests, in a build against the stubs (as a student edition is);
#   3. generating the HTML course after editing a chapter's notes.
# Uses its own build folders (build-timing-*), removed at the end. Step 1 has ccache on, as
# scripts/setup installs it and scripts/test runs it, with a cache of its own that starts empty
# (CCACHE_DIR, which the workbook tool's end-to-end tests inherit for the builds they make).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
reference=$root/build-timing-reference
student=$root/build-timing-student
cache=$root/build-timing-ccache
trap 'rm -rf "$reference" "$student" "$cache"' EXIT
rm -rf "$reference" "$student" "$cache"

# Runs a command quietly and prints how long it took, in seconds with one decimal.
seconds() {
  local start=${EPOCHREALTIME/./} end
  "$@" >/dev/null
  end=${EPOCHREALTIME/./}
  local tenths=$(((end - start) / 100000))
  echo "$((tenths / 10)).$((tenths % 10))"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

configure() {
  cmake -S "$root" -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=Debug "${@:2}" >/dev/null
}

build_and_test() {
  configure "$reference"
  cmake --build "$reference"
  (cd "$reference" && ctest -j "$(nproc)" -LE docs)
  cmake --build "$reference" --target docs
  (cd "$reference" && ctest -j "$(nproc)" -L docs)
}
export CCACHE_DIR=$cache CCACHE_NOHASHDIR=true
echo "clean build + all tests (default build, docs included), empty ccache: $(seconds build_and_test) s"
rm -rf "$reference"
echo "the same from an empty build folder, ccache warm from that run: $(seconds build_and_test) s"
unset CCACHE_DIR

configure "$student" -DWORKBOOK_SOLUTIONS=stubs -DWORKBOOK_DOCS=OFF -DWORKBOOK_DIAGNOSIS_TESTS=OFF
cmake --build "$student" >/dev/null
edit_and_check() {
  touch "$root/exercises/ch01/gradient_descent_step.cpp"
  cmake --build "$student"
  (cd "$student" && ctest -j "$(nproc)" -L ch01 2>/dev/null || true)  # the stubs fail: that is the point
}
echo "edit one exercise, rebuild, re-run its chapter (ch01): $(seconds edit_and_check) s"

generate_docs() {
  touch "$root/chapters/ch01_gradient_descent.md"
  cmake --build "$reference" --target docs
}
echo "edit a chapter, regenerate the HTML course: $(seconds generate_docs) s"
