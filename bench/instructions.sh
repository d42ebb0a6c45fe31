#!/usr/bin/env bash
# Counts the instructions the scheduler executes per node (valgrind's
# callgrind, inside Scheduler::start only) at 10k and 100k nodes. Unlike
# times, counts do not depend on the CPU caches: equal counts per node mean
# the work grows linearly, and any growth of the times beyond 10x is the
# memory hierarchy. Prints a table; never passes or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=build/native/bin/bench_scheduler
if ! command -v valgrind >/dev/null; then
  echo "(valgrind is not installed: no instruction counts; apt install valgrind)"
  exit 0
fi

# instructions SHAPE NODES MODE -> instructions collected inside Scheduler::start
instructions() {
  local out
  out=$(LLMOS_BENCH_REPEATS=1 LLMOS_BENCH_PASSES=1 LLMOS_BENCH_WARMUP=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    --toggle-collect='llmos::Scheduler::start(std::shared_ptr*' "$bench" "$1" "$2" "$3" 2>&1 >/dev/null)
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' <<<"$out"
}

printf '%-7s %-6s %16s %17s %10s\n' shape cache "instr/node 10k" "instr/node 100k" "i100k/i10k"
for shape in chain wide random; do
  declare -A count=()
  for nodes in 10000 100000; do
    for mode in off cold warm; do count[$mode,$nodes]=$(instructions "$shape" "$nodes" "$mode"); done
    # A warm case starts the run twice (once to fill the cache): keep the second.
    count[warm,$nodes]=$((count[warm,$nodes] - count[cold,$nodes]))
  done
  for mode in off cold warm; do
    awk -v shape="$shape" -v mode="$mode" -v small="${count[$mode,10000]}" -v large="${count[$mode,100000]}" \
      'BEGIN { printf "%-7s %-6s %16.0f %17.0f %10.2f\n", shape, mode, small / 1e4, large / 1e5, large / small }'
  done
  unset count
done
