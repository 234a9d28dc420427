//! Fingerprints this crate's sources for the disk cache key: compiled artifacts embed the
//! middleware's code layout and the tunables' memory styles, so any change to the sources must
//! make artifacts of an earlier build unloadable (a stale artifact with the same key made
//! instantiation panic inside Wasmer). The fingerprint is FNV-1a over every file of `src/`
//! and `allowed-opcodes.txt`, by relative path, in sorted order.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn fnv1a(hash: &mut u64, bytes: &[u8]) {
    for byte in bytes {
        *hash ^= u64::from(*byte);
        *hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
}

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let mut paths = vec![root.join("allowed-opcodes.txt")];
    files(&root.join("src"), &mut paths);
    paths.sort();
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for path in &paths {
        let relative = path.strip_prefix(&root).unwrap_or(path);
        fnv1a(&mut hash, relative.to_string_lossy().as_bytes());
        fnv1a(&mut hash, &[0]);
        fnv1a(&mut hash, &std::fs::read(path).unwrap_or_default());
        fnv1a(&mut hash, &[0]);
    }
    println!("cargo:rustc-env=STRATA_EXECUTOR_SOURCE_HASH={hash:016x}");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=allowed-opcodes.txt");
}
