//! The whole Environment Interface: every hook of the table is implemented (none refused)
//! and exercised by at least one test of this crate.
//!
//! A hook counts as tested when a test imports it by its wasm name (`"env" "name"` in a WAT
//! contract) or calls its handler (`method(`) in a unit test (`tests.rs` files and
//! `#[cfg(test)]` modules of `src/`).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The text of every test of the crate.
fn test_sources() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("tests"), &mut files);
    let mut text = String::new();
    for file in &files {
        text.push_str(&std::fs::read_to_string(file).unwrap());
    }
    let mut sources = Vec::new();
    rust_files(&root.join("src"), &mut sources);
    for file in &sources {
        let source = std::fs::read_to_string(file).unwrap();
        let in_tests = file.components().any(|c| c.as_os_str() == "tests")
            || file.file_name().is_some_and(|n| n == "tests.rs");
        if in_tests {
            text.push_str(&source);
        } else if let Some(at) = source.find("#[cfg(test)]") {
            text.push_str(&source[at..]);
        }
    }
    text
}

#[test]
fn no_hook_is_refused() {
    assert_eq!(strata_vm_core::refused_hooks(), Vec::<&str>::new());
}

#[test]
fn every_hook_has_a_test() {
    let tests = test_sources();
    let untested: Vec<&str> = executor_api::HOOKS
        .iter()
        .filter(|hook| {
            let imported = tests.contains(&format!("\"env\" \"{}\"", hook.name));
            let called = tests.contains(&format!("{}(", hook.method));
            !imported && !called
        })
        .map(|hook| hook.name)
        .collect();
    assert_eq!(executor_api::HOOKS.len(), 277);
    assert!(untested.is_empty(), "hooks without a test: {untested:?}");
}
