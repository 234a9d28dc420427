//! C contracts: a folder without a `Cargo.toml` holding `*.c` files (in the folder itself or
//! in `src/`), built with clang and wasm-ld into one wasm.
//!
//! The folder's name is the contract's name. Exports come from the sources'
//! `__attribute__((export_name("…")))` (clang marks those functions exported), and from an
//! optional `<name>.export` file, one symbol per line (`-Wl,--export=<symbol>`: the layout of
//! the MultiversX VM's own C test contracts). An optional hand-written `<name>.abi.json` in the
//! folder is copied to the outputs and goes into the `.mxsc.json`; every endpoint it names
//! must be exported by the wasm.
//!
//! The build is reproducible: clang runs in the contract's folder on relative paths, with its
//! folder remapped (`-ffile-prefix-map`), a fixed stack and every custom section stripped
//! (`--strip-all` drops the name and producers sections, which name the compiler build).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

/// The C compiler `strata build` runs.
const CLANG: &str = "clang";

/// The stack wasm-ld reserves at the start of memory (64 KiB: the initial memory is 2 pages).
pub const C_STACK_SIZE: u32 = 65_536;

/// The flags every C source is compiled with (`-c`, one object per source).
/// `-mcpu=mvp` keeps post-MVP instructions out (the VM refuses bulk memory, sign extension
/// and the like); `-ffreestanding` keeps clang from assuming a C library.
pub fn compile_flags() -> Vec<String> {
    [
        "--target=wasm32-unknown-unknown",
        "-mcpu=mvp",
        "-ffreestanding",
        "-nostdlib",
        "-Os",
        "-c",
    ]
    .iter()
    .map(|f| (*f).to_owned())
    .collect()
}

/// The flags the objects are linked with. No optimisation level: given one, clang's
/// WebAssembly driver runs binaryen's `wasm-opt` on the linked module whenever it finds one,
/// so the bytes would depend on whether binaryen happens to be installed.
pub fn link_flags() -> Vec<String> {
    [
        "--target=wasm32-unknown-unknown",
        "-mcpu=mvp",
        "-nostdlib",
        "-Wl,--no-entry",
        "-Wl,--allow-undefined",
        "-Wl,--strip-all",
    ]
    .iter()
    .map(|f| (*f).to_owned())
    .chain([format!("-Wl,-zstack-size={C_STACK_SIZE}")])
    .collect()
}

/// A C contract to build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CContract {
    /// The folder's name: the outputs are named after it.
    pub name: String,
    /// The contract's folder.
    pub dir: PathBuf,
    /// The `*.c` files, relative to `dir`, sorted.
    pub sources: Vec<PathBuf>,
}

impl CContract {
    /// The C contract in `dir`: `None` when `dir` has a `Cargo.toml` or no `*.c` file in
    /// itself or in `src/`.
    pub fn detect(dir: &Path) -> Option<Self> {
        if dir.join("Cargo.toml").exists() {
            return None;
        }
        let mut sources = Vec::new();
        for sub in [Path::new(""), Path::new("src")] {
            let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_file() && path.extension().is_some_and(|e| e == "c") {
                    sources.push(sub.join(entry.file_name()));
                }
            }
        }
        if sources.is_empty() {
            return None;
        }
        sources.sort();
        let name = dir.file_name()?.to_string_lossy().into_owned();
        Some(Self {
            name,
            dir: dir.to_path_buf(),
            sources,
        })
    }

    /// The symbols the `<name>.export` file lists (none without the file).
    ///
    /// # Errors
    /// The file exists but cannot be read.
    pub fn export_file_symbols(&self) -> Result<Vec<String>> {
        let path = self.dir.join(format!("{}.export", self.name));
        if !path.is_file() {
            return Ok(Vec::new());
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        Ok(text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect())
    }

    /// The hand-written ABI (`<name>.abi.json`), as text and JSON, when there is one.
    ///
    /// # Errors
    /// The file exists but is not a JSON object.
    pub fn abi(&self) -> Result<Option<(String, Value)>> {
        let path = self.dir.join(format!("{}.abi.json", self.name));
        if !path.is_file() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let abi: Value =
            serde_json::from_str(&text).with_context(|| format!("{}: not JSON", path.display()))?;
        if !abi.is_object() {
            bail!("{}: not a JSON object", path.display());
        }
        Ok(Some((text, abi)))
    }
}

/// The clang that builds C contracts.
#[derive(Clone, Debug)]
pub struct Clang {
    /// The first line of `clang --version` (`Debian clang version 14.0.6`).
    pub short: String,
    /// The version number (`14.0.6`).
    pub version: String,
}

impl Clang {
    /// Finds clang and wasm-ld.
    ///
    /// # Errors
    /// Either is missing (the message names `scripts/setup.sh`).
    pub fn detect() -> Result<Self> {
        let missing = || {
            format!(
                "no C toolchain: run `scripts/setup.sh` (installs Debian's clang and lld), \
                 `{CLANG}` and `wasm-ld` must be on the PATH"
            )
        };
        let out = Command::new(CLANG)
            .arg("--version")
            .output()
            .with_context(missing)?;
        let wasm_ld = Command::new("wasm-ld").arg("--version").output();
        if !out.status.success() || !wasm_ld.is_ok_and(|o| o.status.success()) {
            bail!("{}", missing());
        }
        let short = String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        Ok(Self {
            version: version_of(&short),
            short,
        })
    }

    /// One line saying which compiler builds.
    pub fn describe(&self) -> String {
        format!("{} and wasm-ld, for C contracts", self.short)
    }
}

/// The version number in the first line of `clang --version`.
fn version_of(short: &str) -> String {
    short
        .split_whitespace()
        .skip_while(|w| *w != "version")
        .nth(1)
        .unwrap_or_default()
        .to_owned()
}

/// Compiles each source to an object, links them, and answers the wasm bytes.
///
/// # Errors
/// clang fails, or its output cannot be read.
pub fn compile(contract: &CContract) -> Result<Vec<u8>> {
    let work = std::env::temp_dir().join(format!(
        "strata-build-{}-{}",
        std::process::id(),
        contract.name
    ));
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let built = compile_in(contract, &work);
    let _ = std::fs::remove_dir_all(&work);
    built
}

fn compile_in(contract: &CContract, work: &Path) -> Result<Vec<u8>> {
    let mut objects = Vec::new();
    for (i, source) in contract.sources.iter().enumerate() {
        let object = work.join(format!("{i}.o"));
        let mut cmd = Command::new(CLANG);
        cmd.current_dir(&contract.dir)
            .args(compile_flags())
            .arg(format!(
                "-ffile-prefix-map={}=/contract",
                contract.dir.display()
            ))
            .arg("-o")
            .arg(&object)
            .arg(source);
        run_clang(&mut cmd, "compile the contract")?;
        objects.push(object);
    }
    let out = work.join(format!("{}.wasm", contract.name));
    let mut cmd = Command::new(CLANG);
    cmd.current_dir(&contract.dir).args(link_flags());
    for symbol in contract.export_file_symbols()? {
        cmd.arg(format!("-Wl,--export={symbol}"));
    }
    cmd.arg("-o").arg(&out).args(&objects);
    run_clang(&mut cmd, "link the contract")?;
    std::fs::read(&out).with_context(|| format!("reading {}", out.display()))
}

fn run_clang(cmd: &mut Command, what: &str) -> Result<()> {
    let status = cmd.status().context("running clang")?;
    if !status.success() {
        bail!("clang failed to {what} ({status})");
    }
    Ok(())
}

/// The `buildInfo` of a C contract: the compiler, and the contract's name and version (from
/// the ABI's `buildInfo.contractCrate` when it has one, else version `0.0.0`).
pub fn build_info(contract: &CContract, abi: Option<&Value>, clang: &Clang) -> Value {
    let contract_crate = abi
        .and_then(|a| a.pointer("/buildInfo/contractCrate"))
        .cloned()
        .unwrap_or_else(|| json!({"name": contract.name, "version": "0.0.0"}));
    json!({
        "clang": {"version": clang.version, "short": clang.short},
        "contractCrate": contract_crate,
    })
}

/// The endpoints an ABI names (the constructor as `init`, the upgrade constructor as
/// `upgrade`) that `exports` lacks.
pub fn missing_exports(abi: &Value, exports: &[String]) -> Vec<String> {
    let mut named: Vec<String> = abi
        .get("endpoints")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e.get("name").and_then(Value::as_str).map(str::to_owned))
        .collect();
    for (key, export) in [("constructor", "init"), ("upgradeConstructor", "upgrade")] {
        if abi.get(key).is_some() {
            named.push(export.to_owned());
        }
    }
    named.retain(|n| !exports.contains(n));
    named
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_c_folders_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("counter");
        std::fs::create_dir_all(root.join("src")).unwrap();
        assert_eq!(CContract::detect(&root), None);
        std::fs::write(root.join("src/b.c"), "").unwrap();
        std::fs::write(root.join("a.c"), "").unwrap();
        std::fs::write(root.join("notes.h"), "").unwrap();
        let found = CContract::detect(&root).unwrap();
        assert_eq!(found.name, "counter");
        assert_eq!(
            found.sources,
            [PathBuf::from("a.c"), PathBuf::from("src/b.c")]
        );
        std::fs::write(root.join("Cargo.toml"), "").unwrap();
        assert_eq!(CContract::detect(&root), None);
    }

    #[test]
    fn reads_the_export_file() {
        let dir = tempfile::tempdir().unwrap();
        let contract = CContract {
            name: "c".to_owned(),
            dir: dir.path().to_path_buf(),
            sources: Vec::new(),
        };
        assert!(contract.export_file_symbols().unwrap().is_empty());
        std::fs::write(dir.path().join("c.export"), "init\n\n  get \n# note\n").unwrap();
        assert_eq!(contract.export_file_symbols().unwrap(), ["init", "get"]);
    }

    #[test]
    fn parses_the_clang_version() {
        assert_eq!(version_of("Debian clang version 14.0.6"), "14.0.6");
        assert_eq!(
            version_of("clang version 19.1.7 (Fedora 19.1.7-3.fc41)"),
            "19.1.7"
        );
        assert_eq!(version_of("something else"), "");
    }

    #[test]
    fn finds_endpoints_the_wasm_does_not_export() {
        let abi = json!({"constructor": {}, "endpoints": [{"name": "add"}, {"name": "get"}]});
        let exports = ["init".to_owned(), "get".to_owned()];
        assert_eq!(missing_exports(&abi, &exports), ["add"]);
        let all = ["init".to_owned(), "get".to_owned(), "add".to_owned()];
        assert!(missing_exports(&abi, &all).is_empty());
        let upgrade = json!({"upgradeConstructor": {}});
        assert_eq!(missing_exports(&upgrade, &all), ["upgrade"]);
    }
}
