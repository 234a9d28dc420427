//! `strata build [PATH...]`: compiles contract crates (and C contracts, see [`c_contract`])
//! to wasm and writes, per contract, `output/<name>.wasm`, `<name>.abi.json` and
//! `<name>.mxsc.json`.
//!
//! The wasm is built with `cargo rustc --lib --crate-type cdylib --profile contract --target
//! wasm32-unknown-unknown` into `<workspace target>/wasm`, with a fixed stack size and the
//! crate's, the workspace's, cargo's and the standard library's folders remapped so the bytes
//! do not depend on where the sources are: two clones build the same bytes. The result must
//! pass executor-wasmer's validation (what `strata inspect` reports) or the build fails.

mod abi;
mod c_contract;
mod crates;
mod toolchain;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use executor_wasmer::{Limits, validate};
use serde_json::json;

use crate::inspect;
use c_contract::{CContract, Clang};
use crates::{ContractCrate, Found};
pub use toolchain::ToolchainChoice;
use toolchain::{Toolchain, WASM_TARGET};

/// The stack the contract's linear memory reserves (`-z stack-size`), as the framework's
/// README asks: 128 KiB, the ecosystem's default.
pub const STACK_SIZE: u32 = 131_072;

/// The compiler flags every contract is built with (the folder remaps come on top). `mvp`
/// keeps post-MVP instructions (bulk memory among them) out: the VM refuses them.
pub fn contract_rustflags() -> Vec<String> {
    vec![
        "-C".to_owned(),
        format!("link-arg=-zstack-size={STACK_SIZE}"),
        "-C".to_owned(),
        "target-cpu=mvp".to_owned(),
    ]
}

/// The profile used when the crate's workspace declares no `[profile.contract]`.
const DEFAULT_PROFILE: &[(&str, &str)] = &[
    ("inherits", "\"release\""),
    ("opt-level", "\"z\""),
    ("lto", "true"),
    ("panic", "\"abort\""),
    ("codegen-units", "1"),
    ("strip", "true"),
    ("debug", "false"),
    ("overflow-checks", "false"),
];

/// What `strata build` was asked.
#[derive(Debug)]
pub struct BuildArgs {
    /// Contract crate folders, or folders holding several.
    pub paths: Vec<PathBuf>,
    /// Writes every output into this folder instead of `<crate>/output`.
    pub output: Option<PathBuf>,
    /// Skips the ABI and the `.mxsc.json`.
    pub no_abi: bool,
    /// Which toolchain compiles.
    pub toolchain: ToolchainChoice,
}

/// Runs `strata build`: 0 when every contract built, 1 when one failed to build or the VM
/// would refuse its wasm (the others still build).
///
/// # Errors
/// No toolchain for a kind of contract found (Rust or C), or a path that is neither a
/// contract nor a folder of contracts (exit code 2).
pub fn run(args: &BuildArgs) -> Result<u8> {
    let found = crates::find(&args.paths)?;
    let toolchain = if found.iter().any(|f| matches!(f, Found::Crate(_))) {
        let toolchain = Toolchain::detect(args.toolchain)?;
        say!("toolchain: {}", toolchain.describe());
        Some(toolchain)
    } else {
        None
    };
    let clang = if found.iter().any(|f| matches!(f, Found::C(_))) {
        let clang = Clang::detect()?;
        say!("C compiler: {}", clang.describe());
        Some(clang)
    } else {
        None
    };
    let mut failed = 0usize;
    let mut built = 0usize;
    for found in found {
        let (name, result) = match (found, &toolchain, &clang) {
            (Found::Crate(krate), Some(toolchain), _) => {
                (krate.name.clone(), build_one(toolchain, &krate, args))
            }
            (Found::C(contract), _, Some(clang)) => {
                (contract.name.clone(), build_c(clang, &contract, args))
            }
            (Found::Skipped(dir, why), _, _) => {
                say!("skipped {}: {why}", dir.display());
                continue;
            }
            _ => continue,
        };
        match result {
            Ok(()) => built += 1,
            Err(e) => {
                eprintln!("error: {name}: {e:#}");
                failed += 1;
            }
        }
    }
    if built + failed == 0 {
        bail!("no contract crate to build");
    }
    say!("{built} built, {failed} failed");
    Ok(u8::from(failed > 0))
}

/// Builds a C contract: the wasm, and with its hand-written ABI the `.abi.json`; the
/// `.mxsc.json` in any case (its `abi` only the contract's name without one).
fn build_c(clang: &Clang, contract: &CContract, args: &BuildArgs) -> Result<()> {
    say!("building {} (C, {})", contract.name, contract.dir.display());
    let code = c_contract::compile(contract)?;
    check_with_vm(&code)?;
    let abi = contract.abi()?;
    let exports: Vec<String> = inspect::facts(&code)
        .0
        .exports
        .into_iter()
        .filter(|(_, kind)| *kind == "func")
        .map(|(name, _)| name)
        .collect();
    if let Some((_, abi)) = &abi {
        let missing = c_contract::missing_exports(abi, &exports);
        if !missing.is_empty() {
            bail!(
                "the ABI names endpoints the wasm does not export: {}",
                missing.join(", ")
            );
        }
    }
    let out_dir = args
        .output
        .clone()
        .unwrap_or_else(|| contract.dir.join("output"));
    std::fs::create_dir_all(&out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    let mut written = vec![(
        out_dir.join(format!("{}.wasm", contract.name)),
        code.clone(),
    )];
    if !args.no_abi {
        let abi_json = abi
            .as_ref()
            .map_or_else(|| json!({"name": contract.name}), |(_, v)| v.clone());
        let info = c_contract::build_info(contract, abi.as_ref().map(|(_, v)| v), clang);
        if let Some((text, _)) = abi {
            written.push((
                out_dir.join(format!("{}.abi.json", contract.name)),
                text.into_bytes(),
            ));
        }
        written.push((
            out_dir.join(format!("{}.mxsc.json", contract.name)),
            abi::pretty(&abi::mxsc(&info, &abi_json, &code)).into_bytes(),
        ));
    }
    write_all(&written)
}

fn write_all(written: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    for (path, bytes) in written {
        std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
        say!("  {} ({} bytes)", path.display(), bytes.len());
    }
    Ok(())
}

fn build_one(toolchain: &Toolchain, krate: &ContractCrate, args: &BuildArgs) -> Result<()> {
    say!(
        "building {} {} ({})",
        krate.name,
        krate.version,
        krate.dir.display()
    );
    for (dir, _) in &krate.outside_deps {
        say!(
            "  note: {} is outside the workspace folder: cargo hashes its absolute path into \
             symbol names, so the bytes depend on where it is",
            dir.display()
        );
    }
    let code = compile(toolchain, krate)?;
    check_with_vm(&code)?;
    let out_dir = abi::output_dir(krate, args.output.as_deref());
    std::fs::create_dir_all(&out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    let mut written = vec![(out_dir.join(format!("{}.wasm", krate.name)), code.clone())];
    if !args.no_abi {
        let (text, native) = abi::native_abi(krate)?;
        let info = abi::build_info(Some(&native), krate, &toolchain.info);
        let file = abi::mxsc(&info, &native, &code);
        written.push((
            out_dir.join(format!("{}.abi.json", krate.name)),
            text.into_bytes(),
        ));
        written.push((
            out_dir.join(format!("{}.mxsc.json", krate.name)),
            abi::pretty(&file).into_bytes(),
        ));
    }
    write_all(&written)
}

/// Compiles the crate to wasm and answers the bytes.
fn compile(toolchain: &Toolchain, krate: &ContractCrate) -> Result<Vec<u8>> {
    let target_dir = krate.target_dir.join("wasm");
    let mut cmd = Command::new("cargo");
    cmd.args([
        "rustc",
        "--lib",
        "--crate-type",
        "cdylib",
        "--profile",
        "contract",
    ])
    .args(["--target", WASM_TARGET])
    .arg("--manifest-path")
    .arg(krate.dir.join("Cargo.toml"))
    .arg("--target-dir")
    .arg(&target_dir)
    .args(toolchain.cargo_args());
    if !declares_contract_profile(&krate.workspace_root) {
        for (key, value) in DEFAULT_PROFILE {
            cmd.arg("--config")
                .arg(format!("profile.contract.{key}={value}"));
        }
    }
    let mut flags = contract_rustflags();
    flags.extend(remap_flags(toolchain, krate));
    // The encoded form keeps paths with spaces whole and overrides RUSTFLAGS from the
    // environment and cargo's config, which would change the bytes.
    cmd.env("CARGO_ENCODED_RUSTFLAGS", flags.join("\u{1f}"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_TARGET_DIR")
        .envs(toolchain.cargo_env());
    let status = cmd.status().context("running cargo")?;
    if !status.success() {
        bail!("cargo failed to build the contract ({status})");
    }
    let artifact = target_dir
        .join(WASM_TARGET)
        .join("contract")
        .join(format!("{}.wasm", krate.lib_name));
    std::fs::read(&artifact).with_context(|| format!("reading {}", artifact.display()))
}

/// Whether the workspace's root manifest has a `[profile.contract]` table.
fn declares_contract_profile(workspace_root: &Path) -> bool {
    std::fs::read_to_string(workspace_root.join("Cargo.toml"))
        .is_ok_and(|text| text.lines().any(|l| l.trim() == "[profile.contract]"))
}

/// `--remap-path-prefix` flags so that no absolute folder of this machine reaches the wasm:
/// cargo's home (registry sources), the standard library's sources, the workspace, local
/// packages outside it, and the crate (when outside the workspace folder). Later flags win in rustc, so the most specific
/// come last.
fn remap_flags(toolchain: &Toolchain, krate: &ContractCrate) -> Vec<String> {
    let mut pairs: Vec<(PathBuf, String)> = Vec::new();
    if let Some(home) = cargo_home() {
        pairs.push((home, "/cargo".to_owned()));
    }
    if let Some(library) = &toolchain.library_src {
        let to = format!("/rustc/{}/library", toolchain.info.commit_hash);
        // Debian's sysroot sources are a symbolic link: remap where it points too.
        if let Ok(real) = library.canonicalize()
            && real != *library
        {
            pairs.push((real, to.clone()));
        }
        pairs.push((library.clone(), to));
    }
    pairs.push((krate.workspace_root.clone(), "/workspace".to_owned()));
    pairs.extend(krate.outside_deps.iter().cloned());
    if !krate.dir.starts_with(&krate.workspace_root) {
        pairs.push((krate.dir.clone(), "/contract".to_owned()));
    }
    pairs
        .into_iter()
        .map(|(from, to)| format!("--remap-path-prefix={}={to}", from.display()))
        .collect()
}

fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
}

/// Fails with the VM's own message when it would refuse the code: executor-wasmer's
/// validation, then hooks this VM does not implement.
fn check_with_vm(code: &[u8]) -> Result<()> {
    if let Err(e) = validate(code, &Limits::default()) {
        bail!("the VM would refuse the built wasm: {e}");
    }
    let (facts, _) = inspect::facts(code);
    let refused: Vec<&str> = facts
        .imports
        .iter()
        .filter(|(module, name, _)| module == "env" && vm_core::is_refused(name))
        .map(|(_, name, _)| name.as_str())
        .collect();
    if !refused.is_empty() {
        bail!(
            "the built wasm imports VM hooks this VM does not implement yet: {}",
            refused.join(", ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_code_the_vm_would_refuse() {
        let err = check_with_vm(b"not wasm").unwrap_err();
        assert!(err.to_string().starts_with("the VM would refuse"), "{err}");
        let unknown_hook = wat::parse_str(
            r#"(module (import "env" "notAHook" (func)) (memory (export "memory") 1))"#,
        )
        .unwrap();
        let err = check_with_vm(&unknown_hook).unwrap_err().to_string();
        assert!(err.contains("notAHook"), "{err}");
        let fine = wat::parse_str(
            r#"(module (import "env" "smallIntFinishUnsigned" (func (param i64)))
                (memory (export "memory") 1) (func (export "init")))"#,
        )
        .unwrap();
        check_with_vm(&fine).unwrap();
    }

    #[test]
    fn remaps_the_workspace_and_an_outside_crate() {
        let toolchain = Toolchain {
            kind: ToolchainChoice::Debian,
            rustc: None,
            library_src: Some(PathBuf::from("/usr/lib/rustlib/src/rust/library")),
            info: toolchain::RustcInfo {
                commit_hash: "abc".to_owned(),
                ..Default::default()
            },
        };
        let mut krate = ContractCrate {
            name: "adder".to_owned(),
            lib_name: "adder".to_owned(),
            version: "0.1.0".to_owned(),
            dir: PathBuf::from("/home/me/strata/examples/contracts/adder"),
            workspace_root: PathBuf::from("/home/me/strata"),
            target_dir: PathBuf::from("/home/me/strata/target"),
            framework_version: None,
            outside_deps: vec![(PathBuf::from("/x/helper"), "/deps/helper-1.0.0".to_owned())],
        };
        let flags = remap_flags(&toolchain, &krate);
        assert!(flags.contains(
            &"--remap-path-prefix=/usr/lib/rustlib/src/rust/library=/rustc/abc/library".to_owned()
        ));
        assert!(flags.contains(&"--remap-path-prefix=/home/me/strata=/workspace".to_owned()));
        assert_eq!(
            flags.last().map(String::as_str),
            Some("--remap-path-prefix=/x/helper=/deps/helper-1.0.0")
        );
        krate.dir = PathBuf::from("/elsewhere/adder");
        assert_eq!(
            remap_flags(&toolchain, &krate).last().map(String::as_str),
            Some("--remap-path-prefix=/elsewhere/adder=/contract")
        );
    }
}
