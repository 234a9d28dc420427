#!/usr/bin/env bash
# Strata's benchmarks, as one table: the scenario suite at 1 and 2 jobs (wall time and peak
# RSS, best of RUNS), then the criterion benches (VM-level calls of a cached contract; the
# executor's instantiation, hook round trip and metering overhead). Figures depend on the
# machine: record them with its description.
#
#   scripts/bench.sh [SUITE_DIR]     (default ../shared/conformance/mx-chain-vm-go/test)
#   RUNS=5 BENCH_FILTER='instance|tight_loop' scripts/bench.sh
#   SKIP_CRITERION=1 scripts/bench.sh    (the suite only)
set -euo pipefail
cd "$(dirname "$0")/.."
suite="${1:-../shared/conformance/mx-chain-vm-go/test}"
runs="${RUNS:-3}"
filter="${BENCH_FILTER:-instance|tight_loop_1M}"
if [ ! -d "$suite" ]; then
    echo "bench: no suite at $suite (pass a folder of scenarios)" >&2
    exit 2
fi
cargo build --release --quiet
strata=target/release/strata
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
export STRATA_CACHE_DIR="$cache"

# One run: prints "wall_seconds max_rss_kb".
measure() {
    /usr/bin/time -f "%e %M" "$strata" test "$@" "$suite" >/dev/null 2>"$cache/time" || true
    tail -1 "$cache/time"
}
# Best wall time and largest RSS over $runs runs.
best() {
    local best_wall="" max_rss=0 wall rss
    for _ in $(seq "$runs"); do
        read -r wall rss < <(measure "$@")
        if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; fi
        if [ "$rss" -gt "$max_rss" ]; then max_rss=$rss; fi
    done
    echo "$best_wall $max_rss"
}

files=$(find "$suite" -name '*.scen.json' | wc -l)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "suite: $suite ($files files), best of $runs runs"
echo
printf '%-44s %12s %12s\n' "scenario suite" "wall (s)" "peak RSS (MB)"
read -r w r < <(measure --jobs 1 --no-cache)
printf '%-44s %12s %12d\n' "1 job, compiling every contract" "$w" $((r / 1024))
measure --jobs 1 >/dev/null   # fills the disk cache
for jobs in 1 2; do
    read -r w r < <(best --jobs "$jobs")
    printf '%-44s %12s %12d\n' "$jobs job(s), disk cache warm" "$w" $((r / 1024))
done

if [ -n "${SKIP_CRITERION:-}" ]; then
    exit 0
fi
echo
cargo bench --quiet -p strata-executor-wasmer --bench executor -- "$filter" >/dev/null 2>&1
# The VM-level calls (vm-core's `call` bench: its names start with "call ").
cargo bench --quiet -p strata-vm-core --bench call >/dev/null 2>&1
python3 - "$filter|^call " <<'PY'
import json, pathlib, re, sys
pattern = re.compile(sys.argv[1])
root = pathlib.Path("target/criterion")
rows = []
for estimates in sorted(root.glob("**/new/estimates.json")):
    name = estimates.parent.parent.relative_to(root).as_posix()
    if not pattern.search(name) or "/report" in name:
        continue
    mean = json.loads(estimates.read_text())["mean"]["point_estimate"]
    rows.append((name, mean))
print(f"{'criterion bench (mean)':<60} {'time':>12}")
for name, ns in rows:
    text = f"{ns / 1e6:.2f} ms" if ns >= 1e6 else f"{ns / 1e3:.2f} µs"
    print(f"{name:<60} {text:>12}")
means = dict(rows)
for kind in ("count", "hash", "branchy"):
    metered = means.get(f"tight_loop_1M/{kind}_metered")
    bare = means.get(f"tight_loop_1M/{kind}_unmetered")
    if metered and bare:
        print(f"{'metering overhead, ' + kind + ' loop':<60} {100 * (metered / bare - 1):>10.0f} %")
hooks = means.get("instance/call_with_100_hook_calls")
empty = means.get("instance/empty_call")
if hooks and empty:
    print(f"{'hook round trip ((100 hooks - empty call) / 100)':<60} {(hooks - empty) / 100:>9.0f} ns")
PY
