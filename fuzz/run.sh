#!/usr/bin/env bash
# `make fuzz`: runs each libFuzzer target for FUZZ_SECONDS (default 120),
# seeded with the shipped skills and workflows, the kept corpus and the
# hand-made regressions, then merges the corpus with what it found
# (-merge=1: the smallest set with the same coverage) back into
# tests/fuzz/corpus/<target>/, which the corpus replay test runs in
# `make test`. A crash, hang or broken invariant stops the target: its input
# is in build/fuzz/artifacts/<target>/ and the run exits 1.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-120}
bin=build/fuzz/bin
flags=(-timeout=10 -rss_limit_mb=2048 -max_len=8192)
status=0

seeds() {
  case $1 in
    skill_parser) find skills tests/data -name '*.md' -not -path '*/node_modules/*' ;;
    workflow_loader) find skills/examples tests/data/workflows -name '*.json' ;;
  esac
}

for target in skill_parser workflow_loader; do
  work=build/fuzz/work/$target
  seed=build/fuzz/seeds/$target
  merged=build/fuzz/merged/$target
  artifacts=build/fuzz/artifacts/$target/
  corpus=tests/fuzz/corpus/$target
  log=build/fuzz/$target.log
  rm -rf "$seed" "$merged"
  mkdir -p "$work" "$seed" "$merged" "$artifacts" "$corpus"
  seeds "$target" | while read -r file; do cp "$file" "$seed/$(echo "$file" | tr / _)"; done
  echo "fuzz: $target for ${seconds}s (log: $log)"
  if ! "$bin/fuzz_$target" "${flags[@]}" -max_total_time="$seconds" -dict="fuzz/$target.dict" \
      -artifact_prefix="$artifacts" -print_final_stats=1 \
      "$work" "$corpus" "tests/fuzz/regressions/$target" "$seed" >"$log" 2>&1; then
    status=1
    echo "fuzz: $target FAILED; the input is in $artifacts:"
    grep -E "ERROR|invariant broken|Test unit written|SUMMARY" "$log" | head -20
  fi
  grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$log" | sed "s/^/  /"
  "$bin/fuzz_$target" "${flags[@]}" -merge=1 "$merged" "$corpus" "$work" "$seed" >>"$log" 2>&1 || status=1
  if [ "$(ls "$merged" | wc -l)" -gt 0 ]; then
    rm -rf "$corpus" && mv "$merged" "$corpus"
  fi
  echo "  corpus: $(ls "$corpus" | wc -l) files in $corpus"
done
exit $status
