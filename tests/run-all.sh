#!/usr/bin/env bash
# Runs every test suite, keeps going past a failing one, and ends with a table
# of passed / failed / skipped per suite and one summary line.
#
# A suite fails the run when any of its tests fails, when its directory (or
# build) is missing, when it holds no test, or when it ran fewer tests than
# its runner discovered: ctest -N for the gtest suites, the tests node's
# runner registered, unittest discovery for Python. A test file that no
# suite runs fails the run too. Skipped tests are listed by name under the
# table, so a skip cannot hide.
#
# The functions are checked by tests/run-all/run-all.test.mjs, which sources
# this file (sourcing defines them without running anything).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
results=${LLMOS_TEST_RESULTS:-build/test-results}
jobs=$(nproc)

declare -a suite_names=() suite_passed=() suite_failed=() suite_skipped=() suite_problems=()

# suite_problem DISCOVERED RAN FAILED STATUS -> why the suite fails beyond its
# failed tests (empty when it does not).
suite_problem() {
  local discovered=$1 ran=$2 failed=$3 status=$4
  if [ "$discovered" -eq 0 ] && [ "$ran" -eq 0 ]; then
    echo "no tests found"
  elif [ "$ran" -lt "$discovered" ]; then
    echo "ran $ran of $discovered discovered tests"
  elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "runner exited with status $status and reported no failed test"
  fi
}

# record NAME DISCOVERED RAN PASSED FAILED SKIPPED STATUS [PROBLEM]: remembers a
# suite for the table and prints its line.
record() {
  local name=$1 discovered=$2 ran=$3 passed=$4 failed=$5 skipped=$6 status=$7 problem=${8:-}
  [ -n "$problem" ] || problem=$(suite_problem "$discovered" "$ran" "$failed" "$status")
  suite_names+=("$name"); suite_passed+=("$passed"); suite_failed+=("$failed")
  suite_skipped+=("$skipped"); suite_problems+=("$problem")
  echo "-- $name: $passed passed, $failed failed, $skipped skipped ($ran ran of $discovered discovered)${problem:+; FAILS: $problem}"
}

# missing NAME WHAT: records a suite that could not run at all.
missing() {
  echo  # the runner may have died mid-line
  record "$1" 0 0 0 0 0 1 "$2"
}

# json_counts FILE -> "discovered ran passed failed skipped" from the JSON the
# Python and node runners write; also appends skipped test names to
# $results/skipped.txt (one per line, prefixed by the suite name).
json_counts() {
  python3 - "$1" "$2" "$results/skipped.txt" <<'PY'
import json, sys
path, suite, skipped_file = sys.argv[1:4]
data = json.load(open(path, encoding="utf-8"))
with open(skipped_file, "a", encoding="utf-8") as out:
    for name in data.get("skipped_names", []):
        out.write("%s: %s\n" % (suite, name))
for name in data.get("missing_names", []):
    print("   discovered, never ran: %s" % name, file=sys.stderr)
print(*(int(data[k]) for k in ("discovered", "ran", "passed", "failed", "skipped")))
PY
}

# junit_counts FILE SUITE -> "reported passed failed skipped" from a ctest
# junit file. GTEST_SKIP (SKIP_REGULAR_EXPRESSION) and disabled tests are
# skips; a test ctest could not start (missing executable) is a failure.
junit_counts() {
  python3 - "$1" "$2" "$results/skipped.txt" <<'PY'
import sys, xml.etree.ElementTree as ET
path, suite, skipped_file = sys.argv[1:4]
cases = list(ET.parse(path).getroot().iter("testcase"))
passed = failed = skipped = 0
with open(skipped_file, "a", encoding="utf-8") as out:
    for case in cases:
        status, skip = case.get("status"), case.find("skipped")
        skip_reason = skip.get("message", "") if skip is not None else ""
        if status == "disabled" or skip_reason.startswith("SKIP_"):
            skipped += 1
            out.write("%s: %s (%s)\n" % (suite, case.get("name"), status if status == "disabled" else "skipped"))
        elif status == "run" and case.find("failure") is None:
            passed += 1
        else:
            failed += 1
print(len(cases), passed, failed, skipped)
PY
}

# ctest_discovered BUILD_DIR -> how many tests `ctest -N` lists.
ctest_discovered() {
  ctest --test-dir "$1" -N 2>/dev/null | sed -n 's/^Total Tests: \([0-9]*\)$/\1/p' | tail -1
}

run_ctest() {  # name build_dir
  local name=$1 dir=$2
  echo "== $name ($dir) =="
  if [ ! -f "$dir/CTestTestfile.cmake" ]; then missing "$name" "$dir is not built (no CTestTestfile.cmake)"; return; fi
  local discovered
  discovered=$(ctest_discovered "$dir"); discovered=${discovered:-0}
  ctest --test-dir "$dir" --no-tests=error --output-on-failure -j"$jobs" --output-junit "$(realpath -m "$results/$name.xml")"
  local status=$?
  if [ ! -s "$results/$name.xml" ]; then missing "$name" "ctest wrote no results (status $status)"; return; fi
  local counts reported passed failed skipped
  if ! counts=$(junit_counts "$results/$name.xml" "$name"); then missing "$name" "cannot read $results/$name.xml"; return; fi
  read -r reported passed failed skipped <<<"$counts"
  record "$name" "$discovered" "$reported" "$passed" "$failed" "$skipped" "$status"
}

run_python_suite() {  # name dir
  local name=$1 dir=$2
  echo "== $name ($dir) =="
  if [ ! -d "$dir" ]; then missing "$name" "$dir does not exist"; return; fi
  python3 "$here/run-all/unittest_suite.py" "$dir" "$results/$name.json" 2>&1
  local status=$?
  if [ ! -s "$results/$name.json" ]; then missing "$name" "the Python runner wrote no results (status $status): did a test exit the interpreter?"; return; fi
  local counts discovered ran passed failed skipped
  if ! counts=$(json_counts "$results/$name.json" "$name"); then missing "$name" "cannot read $results/$name.json"; return; fi
  read -r discovered ran passed failed skipped <<<"$counts"
  record "$name" "$discovered" "$ran" "$passed" "$failed" "$skipped" "$status"
}

run_node_suite() {  # name dir...
  local name=$1; shift
  echo "== $name ($*) =="
  local files=() dir
  for dir in "$@"; do
    if [ ! -d "$dir" ]; then missing "$name" "$dir does not exist"; return; fi
    while IFS= read -r f; do files+=("$f"); done < <(find "$dir" -name '*.test.mjs' | sort)
  done
  if [ ${#files[@]} -eq 0 ]; then missing "$name" "no *.test.mjs files in $*"; return; fi
  node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter="$here/run-all/count-reporter.mjs" --test-reporter-destination="$results/$name.json" "${files[@]}"
  local status=$?
  if [ ! -s "$results/$name.json" ]; then missing "$name" "node's runner wrote no results (status $status)"; return; fi
  local counts discovered ran passed failed skipped
  if ! counts=$(json_counts "$results/$name.json" "$name"); then missing "$name" "cannot read $results/$name.json"; return; fi
  read -r discovered ran passed failed skipped <<<"$counts"
  record "$name" "$discovered" "$ran" "$passed" "$failed" "$skipped" "$status"
}

# orphan_tests NATIVE_BUILD SUITE_DIR... -> test files under tests/ that no
# suite runs: a *.test.mjs or test_*.py outside every suite directory, or a
# test_*.cpp that the native build did not compile.
orphan_tests() {
  local build=$1 file dir claimed; shift
  while IFS= read -r file; do
    claimed=
    if [[ "$file" == *.cpp ]]; then
      [ -z "$(find "$build" -name "$(basename "$file").o" -print -quit 2>/dev/null)" ] || claimed=1
    else
      for dir in "$@"; do [[ "$file" != "$dir"/* ]] || claimed=1; done
    fi
    [ -n "$claimed" ] || echo "$file"
  done < <(find tests -name node_modules -prune -o -type f \( -name '*.test.mjs' -o -name 'test_*.py' -o -name 'test_*.cpp' \) -print | sort)
}

# check_orphans NATIVE_BUILD SUITE_DIR...: a suite "orphans" fails the run when
# a test file would silently never run.
check_orphans() {
  local orphans
  orphans=$(orphan_tests "$@")
  if [ -z "$orphans" ]; then echo "== orphans: every test file belongs to a suite =="; return; fi
  echo "== orphans: test files no suite runs =="; echo "$orphans" | sed 's/^/   /'
  record orphans 0 0 0 "$(echo "$orphans" | wc -l)" 0 1 "test files no suite runs"
}

# summary: the table; returns non-zero when any suite failed.
summary() {
  local total_passed=0 total_failed=0 total_skipped=0 failing=0 i
  echo
  printf '%-10s %8s %8s %8s  %s\n' suite passed failed skipped problem
  for i in "${!suite_names[@]}"; do
    printf '%-10s %8s %8s %8s  %s\n' "${suite_names[$i]}" "${suite_passed[$i]}" "${suite_failed[$i]}" \
      "${suite_skipped[$i]}" "${suite_problems[$i]}"
    total_passed=$((total_passed + suite_passed[i])); total_failed=$((total_failed + suite_failed[i]))
    total_skipped=$((total_skipped + suite_skipped[i]))
    if [ "${suite_failed[$i]}" -ne 0 ] || [ -n "${suite_problems[$i]}" ]; then failing=$((failing + 1)); fi
  done
  if [ -s "$results/skipped.txt" ]; then
    echo; echo "skipped:"; sed 's/^/  /' "$results/skipped.txt"
  fi
  echo
  echo "$total_passed passed, $total_failed failed, $total_skipped skipped; $failing of ${#suite_names[@]} suites failing"
  [ "$failing" -eq 0 ] && [ ${#suite_names[@]} -gt 0 ]
}

main() {
  cd "$here/.."
  export NODE_PATH=/usr/share/nodejs:/usr/lib/nodejs
  export LLMOS_BIN=${LLMOS_BIN:-$PWD/build/native/bin/llmos}
  rm -rf "$results" && mkdir -p "$results" && : > "$results/skipped.txt"
  local node_dirs=(tests/cli tests/skills tests/web tests/server tests/bundle)
  run_node_suite run-all tests/run-all
  check_orphans build/native tests/run-all tests/python "${node_dirs[@]}" tests/e2e
  run_ctest native build/native
  run_ctest asan build/asan
  run_ctest wasm build/wasm
  run_python_suite python tests/python
  run_node_suite node "${node_dirs[@]}"
  run_node_suite e2e tests/e2e
  summary
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
