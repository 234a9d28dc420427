//! `strata build` end to end on a throwaway `no_std` contract crate written to a temp folder
//! (no framework: hooks declared by hand) in a workspace laid out as this repository's, with a
//! library it uses: the build succeeds, imports only hooks, gives the same bytes twice and from
//! a copy in another folder, leaks no folder of the machine, and its `.mxsc.json` deploys in a
//! scenario. Skips with a message when no wasm toolchain is installed. The first builds share
//! a target folder under cargo's `CARGO_TARGET_TMPDIR` (kept between runs); the copy builds
//! from scratch in its own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wasmparser::{Parser, Payload};

const OUTPUTS: [&str; 3] = ["fixture.wasm", "fixture.abi.json", "fixture.mxsc.json"];

/// A workspace laid out as this repository: contracts under `contracts/`, a library they use
/// at the top, the contract profile at the root.
const WORKSPACE_MANIFEST: &str = r#"[workspace]
resolver = "3"
members = ["contracts/fixture", "helper"]

[profile.contract]
inherits = "release"
opt-level = "z"
lto = true
panic = "abort"
codegen-units = 1
strip = true
debug = false
"#;

const CONTRACT_MANIFEST: &str = r#"[package]
name = "fixture"
version = "0.3.0"
edition = "2024"

[dependencies]
helper = { path = "../../helper" }
"#;

const CONTRACT_LIB: &str = r###"#![no_std]
//! A contract without the framework: `scale(i)` finishes `3 × LIMITS[i]`, `origin()` the
//! helper's source file name as the compiler saw it.

#[cfg(not(target_arch = "wasm32"))]
extern crate alloc;

/// The ABI, on the host only.
#[cfg(not(target_arch = "wasm32"))]
pub fn abi_json() -> alloc::string::String {
    alloc::string::String::from(
        r##"{"name": "Fixture", "endpoints": [{"name": "scale", "mutability": "readonly",
            "inputs": [{"name": "index", "type": "u64"}], "outputs": [{"type": "u64"}]}]}"##,
    )
}

#[link(wasm_import_module = "env")]
unsafe extern "C" {
    fn smallIntFinishUnsigned(value: i64);
    fn smallIntGetUnsignedArgument(index: i32) -> i64;
    fn signalError(message_offset: i32, message_length: i32);
    fn finish(pointer: i32, length: i32);
}

static LIMITS: [u64; 4] = [1, 10, 100, 1000];

#[unsafe(no_mangle)]
pub extern "C" fn init() {}

#[unsafe(no_mangle)]
pub extern "C" fn scale() {
    let index = unsafe { smallIntGetUnsignedArgument(0) } as usize;
    let Some(limit) = LIMITS.get(index) else {
        let message = b"bad index";
        unsafe { signalError(message.as_ptr() as i32, message.len() as i32) };
        return;
    };
    unsafe { smallIntFinishUnsigned((*limit * 3) as i64) };
}

#[unsafe(no_mangle)]
pub extern "C" fn origin() {
    let file = helper::source_file();
    unsafe { finish(file.as_ptr() as i32, file.len() as i32) };
}

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
"###;

const HELPER_MANIFEST: &str = r#"[package]
name = "helper"
version = "0.1.0"
edition = "2024"
"#;

const HELPER_LIB: &str = r#"#![no_std]
/// This file's name as the compiler saw it.
pub fn source_file() -> &'static str {
    file!()
}
"#;

/// Writes the workspace at `root`; answers the contract's folder.
fn write_fixture(root: &Path) -> PathBuf {
    for (path, text) in [
        ("Cargo.toml", WORKSPACE_MANIFEST),
        ("contracts/fixture/Cargo.toml", CONTRACT_MANIFEST),
        ("contracts/fixture/src/lib.rs", CONTRACT_LIB),
        ("helper/Cargo.toml", HELPER_MANIFEST),
        ("helper/src/lib.rs", HELPER_LIB),
    ] {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    root.join("contracts/fixture")
}

/// Runs `strata`; with `shared_target` the crate builds in a target folder kept between test
/// runs (fast reruns), else in its own workspace's `target` (from scratch).
fn strata_in(args: &[&str], paths: &[&Path], shared_target: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_strata"));
    cmd.args(args).args(paths).env("NO_COLOR", "1");
    if shared_target {
        cmd.env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("strata-build-fixture"),
        );
    } else {
        cmd.env_remove("CARGO_TARGET_DIR");
    }
    cmd.output().unwrap()
}

fn strata(args: &[&str], paths: &[&Path]) -> Output {
    strata_in(args, paths, true)
}

fn text(out: &Output) -> String {
    format!(
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// True (and says why) when the build failed for want of a toolchain.
fn no_toolchain(out: &Output) -> bool {
    let missing = out.status.code() == Some(2)
        && String::from_utf8_lossy(&out.stderr).contains("scripts/setup.sh");
    if missing {
        eprintln!("skipped: no wasm toolchain installed (run scripts/setup.sh)");
    }
    missing
}

fn imports(code: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for payload in Parser::new(0).parse_all(code) {
        if let Payload::ImportSection(reader) = payload.unwrap() {
            for import in reader.into_imports() {
                let import = import.unwrap();
                out.push((import.module.to_owned(), import.name.to_owned()));
            }
        }
    }
    out.sort();
    out
}

fn assert_same_outputs(a: &Path, b: &Path) {
    for name in OUTPUTS {
        let left = std::fs::read(a.join(name)).unwrap();
        let right = std::fs::read(b.join(name)).unwrap();
        assert!(left == right, "{name} differs between {a:?} and {b:?}");
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn builds_a_contract_reproducibly_and_deploys_its_mxsc_file() {
    let first = tempfile::tempdir().unwrap();
    let contract = write_fixture(first.path());
    let out = strata(&["build"], &[&contract]);
    if no_toolchain(&out) {
        return;
    }
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("toolchain: "), "{stdout}");
    let output = contract.join("output");
    let code = std::fs::read(output.join("fixture.wasm")).unwrap();
    assert!(
        stdout.contains(&format!("fixture.wasm ({} bytes)", code.len())),
        "{stdout}"
    );
    assert!(stdout.ends_with("1 built, 0 failed\n"), "{stdout}");

    // Only hooks of the reference table, from module `env`.
    let hooks: Vec<&str> = imports(&code)
        .iter()
        .map(|(module, name)| {
            assert_eq!(module, "env");
            assert!(executor_api::hook_info(name).is_some(), "{name}");
            executor_api::hook_info(name).unwrap().name
        })
        .collect();
    assert_eq!(
        hooks,
        [
            "finish",
            "signalError",
            "smallIntFinishUnsigned",
            "smallIntGetUnsignedArgument"
        ]
    );
    // No folder of this machine in the bytes: the helper's file is named from the workspace.
    let root = first.path().canonicalize().unwrap();
    assert!(!contains(&code, root.to_string_lossy().as_bytes()));
    assert!(contains(&code, b"helper/src/lib.rs"));

    // The ABI as the contract describes it; the contract file with the compiler.
    let abi = std::fs::read_to_string(output.join("fixture.abi.json")).unwrap();
    assert!(
        abi.starts_with(r#"{"name": "Fixture", "endpoints": [{"name": "scale""#),
        "{abi}"
    );
    let mxsc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join("fixture.mxsc.json")).unwrap()).unwrap();
    let build_info = &mxsc["buildInfo"];
    assert!(
        build_info["rustc"]["version"]
            .as_str()
            .unwrap()
            .starts_with("1.")
    );
    assert_eq!(build_info["contractCrate"]["name"], "fixture");
    assert_eq!(build_info["contractCrate"]["version"], "0.3.0");
    assert!(build_info.get("framework").is_none(), "{build_info}");
    assert_eq!(mxsc["size"], code.len());
    assert_eq!(mxsc["abi"]["name"], "Fixture");
    assert_eq!(mxsc["abi"]["endpoints"][0]["outputs"][0]["type"], "u64");
    let loaded = world_mock::ValueContext::new(&output)
        .interpret("mxsc:fixture.mxsc.json")
        .unwrap();
    assert_eq!(loaded, code);

    // Built again into another folder: the same bytes.
    let again = first.path().join("again");
    let out = strata(
        &["build", "--output", again.to_str().unwrap()],
        &[&contract],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_same_outputs(&output, &again);

    // A copy elsewhere (deeper, with a space), built from scratch: the same bytes.
    let second = tempfile::tempdir().unwrap();
    let copy = write_fixture(&second.path().join("some where/deeper"));
    let elsewhere = second.path().join("out");
    let out = strata_in(
        &["build", "--output", elsewhere.to_str().unwrap()],
        &[&copy],
        false,
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_same_outputs(&output, &elsewhere);

    run_scenario(first.path());
}

/// Deploys the `.mxsc.json` in a scenario and calls both endpoints.
fn run_scenario(root: &Path) {
    let scenario = r#"{"steps": [
        {"step": "setState", "accounts": {"address:owner": {}},
         "newAddresses": [{"creatorAddress": "address:owner", "creatorNonce": "0", "newAddress": "sc:fixture"}]},
        {"step": "scDeploy", "tx": {"from": "address:owner", "contractCode": "mxsc:contracts/fixture/output/fixture.mxsc.json",
         "arguments": [], "gasLimit": "5,000,000"}, "expect": {"status": "0"}},
        {"step": "scCall", "id": "scale", "tx": {"from": "address:owner", "to": "sc:fixture", "function": "scale",
         "arguments": ["2"], "gasLimit": "5,000,000"}, "expect": {"out": ["300"], "status": "0"}},
        {"step": "scCall", "id": "bad", "tx": {"from": "address:owner", "to": "sc:fixture", "function": "scale",
         "arguments": ["7"], "gasLimit": "5,000,000"}, "expect": {"status": "4", "message": "str:bad index"}},
        {"step": "scCall", "id": "origin", "tx": {"from": "address:owner", "to": "sc:fixture", "function": "origin",
         "arguments": [], "gasLimit": "5,000,000"}, "expect": {"out": ["str:helper/src/lib.rs"], "status": "0"}}
    ]}"#;
    let file = root.join("fixture.scen.json");
    std::fs::write(&file, scenario).unwrap();
    let out = strata_in(&["test"], &[&file], false);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn a_folder_without_framework_crates_builds_nothing() {
    let root = tempfile::tempdir().unwrap();
    write_fixture(root.path());
    let out = strata(&["build", "--no-abi"], &[&root.path().join("contracts")]);
    if no_toolchain(&out) {
        return;
    }
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let all = text(&out);
    assert!(
        all.contains("does not depend on strata-contract-framework"),
        "{all}"
    );
    assert!(all.contains("no contract crate to build"), "{all}");
}

#[test]
fn a_contract_the_vm_refuses_fails_the_build() {
    let root = tempfile::tempdir().unwrap();
    let contract = write_fixture(root.path());
    let lib = contract.join("src/lib.rs");
    let source = std::fs::read_to_string(&lib)
        .unwrap()
        .replace("fn finish(", "fn notAHook(")
        .replace("unsafe { finish(", "unsafe { notAHook(");
    std::fs::write(&lib, source).unwrap();
    let out = strata(&["build", "--no-abi"], &[&contract]);
    if no_toolchain(&out) {
        return;
    }
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the VM would refuse the built wasm"),
        "{stderr}"
    );
    assert!(stderr.contains("notAHook"), "{stderr}");
    assert!(!contract.join("output/fixture.wasm").exists());
}

// ---- C contracts ----

/// A C contract in the layout of the production VM's C test contracts: plain function
/// names, exported through `<name>.export`.
const C_EXPORT_FILE_SOURCE: &str = r#"
typedef unsigned long long u64;
u64 smallIntGetUnsignedArgument(int index);
void smallIntFinishUnsigned(u64 value);
void init(void) {}
/* triple(n) = 3 n */
void triple(void) { smallIntFinishUnsigned(3 * smallIntGetUnsignedArgument(0)); }
"#;

/// A C contract with `export_name` attributes, a helper file in `src/` and a hand-written ABI.
const C_ATTRIBUTE_SOURCE: &str = r#"
#define HOOK(name) __attribute__((import_module("env"), import_name(name)))
HOOK("signalError") void signal_error(const char *message, int length);
HOOK("smallIntFinishUnsigned") void finish_u64(unsigned long long value);
int answer(void);
__attribute__((export_name("init"))) void init(void) {}
__attribute__((export_name("getAnswer"))) void get_answer(void) { finish_u64(answer()); }
__attribute__((export_name("refuse"))) void refuse(void) { signal_error("no", 2); }
"#;

const C_HELPER_SOURCE: &str = "int answer(void) { return 42; }\n";

const C_ABI: &str = r#"{"buildInfo": {"contractCrate": {"name": "answers", "version": "1.2.3"}},
 "name": "Answers", "constructor": {"inputs": [], "outputs": []},
 "endpoints": [{"name": "getAnswer", "inputs": [], "outputs": [{"type": "u64"}]}]}"#;

/// Writes both C contracts under `root/c`; answers their folders.
fn write_c_fixtures(root: &Path) -> (PathBuf, PathBuf) {
    let triple = root.join("c/triple");
    let answers = root.join("c/answers");
    for (path, text) in [
        (triple.join("triple.c"), C_EXPORT_FILE_SOURCE),
        (triple.join("triple.export"), "init\ntriple\n"),
        (answers.join("src/answers.c"), C_ATTRIBUTE_SOURCE),
        (answers.join("src/helper.c"), C_HELPER_SOURCE),
        (answers.join("answers.abi.json"), C_ABI),
    ] {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    (triple, answers)
}

fn exports(code: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for payload in Parser::new(0).parse_all(code) {
        if let Payload::ExportSection(reader) = payload.unwrap() {
            for export in reader {
                out.push(export.unwrap().name.to_owned());
            }
        }
    }
    out.sort();
    out
}

/// True (and says why) when the build failed for want of clang.
fn no_c_toolchain(out: &Output) -> bool {
    let missing = out.status.code() == Some(2)
        && String::from_utf8_lossy(&out.stderr).contains("no C toolchain");
    if missing {
        eprintln!("skipped: clang or wasm-ld missing (run scripts/setup.sh)");
    }
    missing
}

#[test]
fn builds_c_contracts_reproducibly_and_runs_them() {
    let first = tempfile::tempdir().unwrap();
    let (triple, answers) = write_c_fixtures(first.path());
    // The folder holding both: each is found one level down.
    let out = strata(&["build"], &[&first.path().join("c")]);
    if no_c_toolchain(&out) {
        return;
    }
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("C compiler: "), "{stdout}");
    assert!(!stdout.contains("toolchain: "), "no Rust crate: {stdout}");
    assert!(stdout.ends_with("2 built, 0 failed\n"), "{stdout}");

    let code = std::fs::read(triple.join("output/triple.wasm")).unwrap();
    assert_eq!(exports(&code), ["init", "memory", "triple"]);
    let hooks: Vec<(String, String)> = imports(&code);
    assert_eq!(
        hooks,
        [
            ("env".to_owned(), "smallIntFinishUnsigned".to_owned()),
            ("env".to_owned(), "smallIntGetUnsignedArgument".to_owned())
        ]
    );
    // No ABI written by hand: no .abi.json, the .mxsc.json names the contract only.
    assert!(!triple.join("output/triple.abi.json").exists());
    let mxsc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(triple.join("output/triple.mxsc.json")).unwrap())
            .unwrap();
    assert_eq!(mxsc["abi"], serde_json::json!({"name": "triple"}));
    assert_eq!(mxsc["buildInfo"]["contractCrate"]["version"], "0.0.0");
    assert!(
        mxsc["buildInfo"]["clang"]["short"]
            .as_str()
            .unwrap()
            .contains("clang")
    );
    assert_eq!(mxsc["size"], code.len());
    // No folder of this machine, no compiler name in the bytes.
    let root = first.path().canonicalize().unwrap();
    assert!(!contains(&code, root.to_string_lossy().as_bytes()));
    assert!(!contains(&code, b"clang"));

    let code = std::fs::read(answers.join("output/answers.wasm")).unwrap();
    assert_eq!(exports(&code), ["getAnswer", "init", "memory", "refuse"]);
    let abi = std::fs::read_to_string(answers.join("output/answers.abi.json")).unwrap();
    assert_eq!(abi, C_ABI);
    let mxsc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(answers.join("output/answers.mxsc.json")).unwrap())
            .unwrap();
    assert_eq!(mxsc["buildInfo"]["contractCrate"]["version"], "1.2.3");
    assert_eq!(mxsc["abi"]["name"], "Answers");
    assert!(mxsc["abi"].get("buildInfo").is_none());

    // A copy elsewhere (with a space in its path), on a machine where binaryen's `wasm-opt`
    // is installed (here one that always fails, where clang looks first: `COMPILER_PATH`;
    // clang runs it after an optimised link): the same bytes.
    let second = tempfile::tempdir().unwrap();
    let (_, copy) = write_c_fixtures(&second.path().join("some where"));
    let elsewhere = second.path().join("out");
    let fake_bin = second.path().join("bin");
    std::fs::create_dir_all(&fake_bin).unwrap();
    let wasm_opt = fake_bin.join("wasm-opt");
    std::fs::write(&wasm_opt, "#!/bin/sh\necho fake wasm-opt ran >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(
        &wasm_opt,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(["build", "--output", elsewhere.to_str().unwrap()])
        .arg(&copy)
        .env("NO_COLOR", "1")
        .env("COMPILER_PATH", &fake_bin)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains("fake wasm-opt ran"), "{}", text(&out));
    for name in ["answers.wasm", "answers.abi.json", "answers.mxsc.json"] {
        assert_eq!(
            std::fs::read(elsewhere.join(name)).unwrap(),
            std::fs::read(answers.join("output").join(name)).unwrap(),
            "{name}"
        );
    }
    run_c_scenario(first.path());
}

fn run_c_scenario(root: &Path) {
    let scenario = r#"{"steps": [
        {"step": "setState", "accounts": {"address:owner": {}},
         "newAddresses": [{"creatorAddress": "address:owner", "creatorNonce": "0", "newAddress": "sc:triple"},
                          {"creatorAddress": "address:owner", "creatorNonce": "1", "newAddress": "sc:answers"}]},
        {"step": "scDeploy", "tx": {"from": "address:owner", "contractCode": "mxsc:c/triple/output/triple.mxsc.json",
         "arguments": [], "gasLimit": "5,000,000"}, "expect": {"status": "0"}},
        {"step": "scDeploy", "tx": {"from": "address:owner", "contractCode": "mxsc:c/answers/output/answers.mxsc.json",
         "arguments": [], "gasLimit": "5,000,000"}, "expect": {"status": "0"}},
        {"step": "scCall", "id": "triple", "tx": {"from": "address:owner", "to": "sc:triple", "function": "triple",
         "arguments": ["14"], "gasLimit": "5,000,000"}, "expect": {"out": ["42"], "status": "0"}},
        {"step": "scCall", "id": "answer", "tx": {"from": "address:owner", "to": "sc:answers", "function": "getAnswer",
         "arguments": [], "gasLimit": "5,000,000"}, "expect": {"out": ["42"], "status": "0"}},
        {"step": "scCall", "id": "refuse", "tx": {"from": "address:owner", "to": "sc:answers", "function": "refuse",
         "arguments": [], "gasLimit": "5,000,000"}, "expect": {"status": "4", "message": "str:no"}}
    ]}"#;
    let file = root.join("c.scen.json");
    std::fs::write(&file, scenario).unwrap();
    let out = strata_in(&["test"], &[&file], false);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn a_c_contract_the_vm_refuses_or_its_abi_contradicts_fails_the_build() {
    let root = tempfile::tempdir().unwrap();
    let (triple, answers) = write_c_fixtures(root.path());
    // Floating point: the VM refuses every f32/f64 operator.
    std::fs::write(
        triple.join("triple.c"),
        "void smallIntFinishUnsigned(unsigned long long v);\n\
         unsigned long long smallIntGetUnsignedArgument(int i);\n\
         void init(void) {}\n\
         void triple(void) { smallIntFinishUnsigned((unsigned long long)\
         ((double)smallIntGetUnsignedArgument(0) * 1.5)); }\n",
    )
    .unwrap();
    // The ABI names an endpoint the source does not export.
    std::fs::write(
        answers.join("answers.abi.json"),
        C_ABI.replace("getAnswer", "getQuestion"),
    )
    .unwrap();
    let out = strata(&["build"], &[&triple, &answers]);
    if no_c_toolchain(&out) {
        return;
    }
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: triple: the VM would refuse the built wasm"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "error: answers: the ABI names endpoints the wasm does not export: getQuestion"
        ),
        "{stderr}"
    );
    assert!(!triple.join("output").exists());
    assert!(!answers.join("output").exists());
}
