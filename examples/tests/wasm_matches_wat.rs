//! Every committed `.wasm` of the example scenarios is exactly its `.wat` compiled, so the
//! two cannot drift. `STRATA_BLESS=1 cargo test -p strata-examples` rewrites the `.wasm` files.

use std::path::{Path, PathBuf};

fn wat_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("examples/scenarios is readable")
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            wat_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "wat") {
            out.push(path);
        }
    }
}

#[test]
fn committed_wasm_equals_compiled_wat() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut wats = Vec::new();
    wat_files(&root, &mut wats);
    assert!(wats.len() >= 5, "the example contracts are there");
    let bless = std::env::var_os("STRATA_BLESS").is_some();
    for wat_path in wats {
        let text = std::fs::read_to_string(&wat_path).expect("readable .wat");
        let compiled =
            wat::parse_str(&text).unwrap_or_else(|e| panic!("{}: {e}", wat_path.display()));
        let wasm_path = wat_path.with_extension("wasm");
        if bless {
            std::fs::write(&wasm_path, &compiled).expect("writable .wasm");
            continue;
        }
        let committed =
            std::fs::read(&wasm_path).unwrap_or_else(|e| panic!("{}: {e}", wasm_path.display()));
        assert!(
            committed == compiled,
            "{} differs from its .wat: run STRATA_BLESS=1 cargo test -p strata-examples",
            wasm_path.display()
        );
    }
}
