#!/usr/bin/env bash
# Installs what building and testing Strata needs on a fresh machine, and nothing when it is
# already there. The Rust toolchain itself (cargo, rustfmt, clippy) comes with the machine.
set -euo pipefail

need=()
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v cc >/dev/null 2>&1 || need+=(gcc)

if ((${#need[@]})); then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
    else
        echo "setup: please install: ${need[*]}" >&2
        exit 1
    fi
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
echo "setup: ok"
