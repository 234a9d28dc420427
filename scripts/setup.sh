#!/usr/bin/env bash
# Installs what building and testing Strata needs on a fresh Debian machine, and nothing when
# it is already there (quiet then). The Rust toolchain itself (cargo, rustfmt, clippy) comes
# with the machine. Contracts build to wasm with Debian's rustc (`rustc-web`, with the library
# sources of `rust-web-src` for -Zbuild-std) and `wasm-ld` (`lld`); `clang` builds C contracts;
# `gdb` steps through contracts run by the debugger executor.
set -euo pipefail

need=()
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v cc >/dev/null 2>&1 || need+=(gcc)
[ -x /usr/bin/rustc ] || need+=(rustc-web)
[ -f /usr/lib/rustlib/src/rust/library/core/src/lib.rs ] || need+=(rust-web-src)
command -v wasm-ld >/dev/null 2>&1 || need+=(lld)
command -v clang >/dev/null 2>&1 || need+=(clang)
command -v gdb >/dev/null 2>&1 || need+=(gdb)

if ((${#need[@]})); then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing ${need[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
        echo "setup: please install (Debian packages): ${need[*]}" >&2
        echo "setup:   sudo apt-get install -y ${need[*]}" >&2
        exit 1
    fi
fi
if [ "$(command -v wasm-ld || true)" = "" ]; then
    echo "setup: wasm-ld still missing after installing lld" >&2
    exit 1
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
echo "setup: ok"
