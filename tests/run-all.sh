#!/usr/bin/env bash
# Runs every test suite, keeps going past a failing one, and ends with one
# summary line over all of them: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs:/usr/lib/nodejs
export LLMOS_BIN=${LLMOS_BIN:-$PWD/build/native/bin/llmos}
results=build/test-results
rm -rf "$results" && mkdir -p "$results"
jobs=$(nproc)

declare -a names passed failed
record() { names+=("$1"); passed+=("$2"); failed+=("$3"); }

# junit_counts FILE -> "passed failed" from a ctest/gtest/node junit file.
junit_counts() {
  python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    print(0, 1); sys.exit()
cases = list(root.iter('testcase'))
bad = sum(1 for c in cases if c.find('failure') is not None or c.find('error') is not None)
skipped = sum(1 for c in cases if c.find('skipped') is not None)
print(len(cases) - bad - skipped, bad)
PY
}

run_ctest() {  # name preset
  echo "== $1 =="
  ctest --preset "$2" -j"$jobs" --output-junit "$PWD/$results/$1.xml"
  local status=$?
  read -r ok bad < <(junit_counts "$results/$1.xml")
  if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
  record "$1" "$ok" "$bad"
}

run_node_tests() {  # name dir...
  local name=$1; shift
  local files=()
  for dir in "$@"; do
    while IFS= read -r f; do files+=("$f"); done < <(find "$dir" -name '*.test.mjs' 2>/dev/null | sort)
  done
  [ ${#files[@]} -gt 0 ] || return 0
  echo "== $name =="
  node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=junit --test-reporter-destination="$results/$name.xml" "${files[@]}"
  local status=$?
  read -r ok bad < <(junit_counts "$results/$name.xml")
  if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
  record "$name" "$ok" "$bad"
}

run_python_tests() {
  [ -d tests/python ] || return 0
  echo "== python =="
  local log="$results/python.log"
  python3 -m unittest discover -s tests/python 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local total bad
  total=$(grep -oP '^Ran \K[0-9]+' "$log" | tail -1)
  bad=$(grep -oP '^FAILED \(\K.*(?=\))' "$log" | grep -oP '[0-9]+' | awk '{s+=$1} END {print s+0}')
  total=${total:-0}; bad=${bad:-0}
  if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
  record python $((total - bad)) "$bad"
}

run_ctest native native
run_ctest wasm wasm
run_python_tests
run_node_tests node tests/cli tests/skills tests/web tests/server tests/bundle
run_node_tests e2e tests/e2e

echo
printf '%-10s %8s %8s\n' suite passed failed
total_ok=0 total_bad=0
for i in "${!names[@]}"; do
  printf '%-10s %8s %8s\n' "${names[$i]}" "${passed[$i]}" "${failed[$i]}"
  total_ok=$((total_ok + passed[i])); total_bad=$((total_bad + failed[i]))
done
echo
echo "$total_ok passed, $total_bad failed"
[ "$total_bad" -eq 0 ]
