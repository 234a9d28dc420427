#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ for SECONDS each (default 600), one after the other, keeping
# each target's corpus in fuzz/corpus/<target> and any crash in fuzz/artifacts/<target>.
# Needs `cargo install cargo-fuzz`; the stable toolchain takes `-Z` flags with
# RUSTC_BOOTSTRAP=1. The fuzz crate is outside the workspace: the normal build never sees it.
set -euo pipefail
seconds="${1:-600}"
cd "$(dirname "$0")/../fuzz"
export RUSTC_BOOTSTRAP=1
sanitizer="${FUZZ_SANITIZER:-none}"
targets="${FUZZ_TARGETS:-wasm_bytes wasm_smith scenario_value scenario_json hook_calls differential}"
cargo fuzz build --sanitizer "$sanitizer"
status=0
for target in $targets; do
    mkdir -p "corpus/$target"
    echo "== $target for ${seconds}s"
    if ! nice cargo fuzz run --sanitizer "$sanitizer" "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
        2>&1 | tee "corpus/$target.log" | grep -E "^(stat::number_of_executed_units|Done|==|SUMMARY|.*panicked)"; then
        status=1
    fi
    if ls "artifacts/$target"/crash-* "artifacts/$target"/oom-* "artifacts/$target"/timeout-* >/dev/null 2>&1; then
        echo "!! $target left artifacts in fuzz/artifacts/$target"
        status=1
    fi
done
exit $status
