//! The `strata` command end to end: selection, streaming lines, the JSON and JUnit reports,
//! exit codes, colors, `--force-check-gas`, traces, the gas report and `inspect`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn strata() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_strata"));
    for var in ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR"] {
        cmd.env_remove(var);
    }
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn last_line(out: &Output) -> String {
    stdout(out).lines().last().unwrap_or_default().to_owned()
}

fn adder_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/scenarios/adder")
}

const PASSING: &str = r#"{"steps": [
    {"step": "setState", "accounts": {"address:a": {"balance": "10"}}},
    {"step": "transfer", "tx": {"from": "address:a", "to": "address:b", "egldValue": "4"}},
    {"step": "checkState", "accounts": {"address:a": {"nonce": "1", "balance": "6"}, "address:b": {"balance": "4"}}}
]}"#;

const FAILING: &str = r#"{"steps": [
    {"step": "setState", "accounts": {"address:a": {"balance": "10"}}},
    {"step": "checkState", "id": "wrong", "accounts": {"address:a": {"balance": "11"}}}
]}"#;

/// The adder, deployed from its WAT source, called once; the gas expectation is wrong but
/// the scenario does not check gas.
fn adder_from_wat() -> String {
    let dir = adder_dir().canonicalize().unwrap();
    let dir = dir.display();
    format!(
        r#"{{"checkGas": false, "steps": [
    {{"step": "setState", "accounts": {{"address:owner": {{"balance": "0"}}}},
      "newAddresses": [{{"creatorAddress": "address:owner", "creatorNonce": "0", "newAddress": "sc:adder"}}]}},
    {{"step": "scDeploy", "id": "deploy", "tx": {{"from": "address:owner", "contractCode": "file:{dir}/adder.wat",
      "arguments": ["5"], "gasLimit": "5,000,000", "gasPrice": "0"}}, "expect": {{"status": "0"}}}},
    {{"step": "scCall", "id": "add", "tx": {{"from": "address:owner", "to": "sc:adder", "function": "add",
      "arguments": ["3"], "gasLimit": "5,000,000", "gasPrice": "0"}}, "expect": {{"status": "0", "gas": "1"}}}},
    {{"step": "checkState", "accounts": {{"address:owner": {{"nonce": "2"}},
      "sc:adder": {{"storage": {{"str:sum": "8"}}, "code": "file:{dir}/adder.wasm"}}}}}}
]}}"#
    )
}

#[test]
fn version() {
    let out = strata().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("strata "));
}

#[test]
fn test_streams_lines_and_ends_with_causes_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    write(dir.path(), "pass.scen.json", PASSING);
    write(&sub, "fail.scen.json", FAILING);
    write(&sub, "ignored.json", "not a scenario");
    let out = strata()
        .args(["test", "--jobs", "2"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert_eq!(last_line(&out), "1 passed, 1 failed", "{text}");
    let pass_line = text
        .lines()
        .find(|l| l.ends_with("pass.scen.json"))
        .unwrap();
    assert!(pass_line.starts_with("PASS ["), "{pass_line}");
    let fail_line = text
        .lines()
        .find(|l| l.ends_with("sub/fail.scen.json"))
        .unwrap();
    assert!(fail_line.starts_with("FAIL ["), "{fail_line}");
    assert!(
        text.contains("fail.scen.json: step 1 (id \"wrong\") checkState"),
        "{text}"
    );
    assert!(text.contains("- expected: \"11\""), "{text}");
    assert!(text.contains("+ actual:   10"), "{text}");
    assert!(text.contains("Failures by cause:\n  checkState account balance mismatch (1 file)"));
    assert!(text.contains("2 files run in "), "{text}");
    assert!(!text.contains('\x1b'), "no colors off a terminal");
}

#[test]
fn per_file_times_are_each_files_own_in_parallel_runs() {
    // Each worker runs one file at a time, so the files' times add up to at most the workers
    // times the whole run (a work-stealing pool let a waiting worker run other files inside
    // one file's timer: 1,771 s of file times in a 9.5 s run).
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(["test", "--jobs", "2", "--no-cache", "--json", "-"])
        .arg(&examples)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let wall = report["summary"]["time_ms"].as_f64().unwrap();
    let files: Vec<f64> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["time_ms"].as_f64())
        .collect();
    assert!(files.len() >= 20, "{} files", files.len());
    let sum: f64 = files.iter().sum();
    assert!(
        sum <= 2.0 * wall + 1.0,
        "file times add up to {sum} ms in a {wall} ms run"
    );
}

#[test]
fn json_report_has_a_schema_version_a_summary_and_structured_failures() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pass.scen.json", PASSING);
    write(dir.path(), "fail.scen.json", FAILING);
    write(dir.path(), "later.awaiting.json", PASSING);
    let json = dir.path().join("out.json");
    let out = strata()
        .args(["test", "--json"])
        .arg(&json)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(last_line(&out), "1 passed, 1 failed, 1 skipped");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["schema_version"], 1);
    let summary = &report["summary"];
    assert_eq!(summary["passed"], 1);
    assert_eq!(summary["failed"], 1);
    assert_eq!(summary["skipped"], 1);
    assert_eq!(summary["input_errors"], 0);
    assert_eq!(summary["total"], 3);
    assert!(summary["time_ms"].is_number());
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let by_status = |s: &str| results.iter().find(|r| r["status"] == s).unwrap();
    let passed = by_status("passed");
    assert_eq!(passed["passed"], true);
    assert!(passed["failure"].is_null() && passed["cause"].is_null());
    let skipped = by_status("skipped");
    assert!(
        skipped["file"]
            .as_str()
            .unwrap()
            .ends_with("later.awaiting.json")
    );
    let failed = by_status("failed");
    assert_eq!(failed["passed"], false);
    assert!(failed["time_ms"].is_number());
    assert!(failed["error"].as_str().unwrap().contains("balance"));
    assert_eq!(failed["cause"], "checkState account balance mismatch");
    let f = &failed["failure"];
    assert_eq!(f["step_index"], 1);
    assert_eq!(f["step_id"], "wrong");
    assert_eq!(f["step_kind"], "checkState");
    assert_eq!(f["field"], "account address:a balance");
    assert_eq!(f["expected"], "\"11\" = 11");
    assert_eq!(f["actual"], "10 (0x0a)");
    assert_eq!(
        f["message"],
        "checkState: account address:a balance mismatch"
    );
}

#[test]
fn json_to_stdout_moves_the_human_output_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "pass.scen.json", PASSING);
    let out = strata()
        .args(["test", "--json", "-"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["passed"], 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().last(), Some("1 passed, 0 failed"));
}

#[test]
fn junit_report_parses_back() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pass.scen.json", PASSING);
    write(dir.path(), "fail.scen.json", FAILING);
    write(dir.path(), "bad.scen.json", "{ not json <&>");
    write(dir.path(), "later.awaiting.json", PASSING);
    let junit = dir.path().join("junit.xml");
    let out = strata()
        .args(["test", "--junit"])
        .arg(&junit)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a malformed file is an input error"
    );
    let text = std::fs::read_to_string(&junit).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("4"));
    assert_eq!(root.attribute("failures"), Some("1"));
    assert_eq!(root.attribute("errors"), Some("1"));
    assert_eq!(root.attribute("skipped"), Some("1"));
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 4);
    let case = |suffix: &str| {
        *cases
            .iter()
            .find(|c| c.attribute("name").unwrap().ends_with(suffix))
            .unwrap()
    };
    assert_eq!(
        case("pass.scen.json")
            .children()
            .filter(|c| c.is_element())
            .count(),
        0
    );
    let failure = case("fail.scen.json")
        .children()
        .find(|c| c.has_tag_name("failure"))
        .unwrap();
    assert_eq!(
        failure.attribute("message"),
        Some("checkState account balance mismatch")
    );
    assert!(failure.text().unwrap().contains("expected: \"11\""));
    assert!(
        case("bad.scen.json")
            .children()
            .any(|c| c.has_tag_name("error"))
    );
    assert!(
        case("later.awaiting.json")
            .children()
            .any(|c| c.has_tag_name("skipped"))
    );
    for c in &cases {
        assert!(c.attribute("time").unwrap().parse::<f64>().is_ok());
    }
}

#[test]
fn filters_select_by_substring_or_exactly_and_paths_run_once() {
    let dir = tempfile::tempdir().unwrap();
    let alpha = write(dir.path(), "alpha.scen.json", PASSING);
    write(dir.path(), "alphabet.scen.json", PASSING);
    write(dir.path(), "beta.scen.json", FAILING);
    let run = |args: &[&str]| {
        strata()
            .arg("test")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    assert_eq!(
        last_line(&run(&["--filter", "alpha"])),
        "2 passed, 0 failed"
    );
    assert_eq!(
        last_line(&run(&["--filter", "alpha", "--exact"])),
        "1 passed, 0 failed"
    );
    assert_eq!(
        last_line(&run(&["--filter", "alpha.scen", "--filter", "beta"])),
        "1 passed, 1 failed"
    );
    let out = strata()
        .arg("test")
        .arg(&alpha)
        .arg(&alpha)
        .arg(dir.path().join(".").join("alpha.scen.json"))
        .output()
        .unwrap();
    assert_eq!(last_line(&out), "1 passed, 0 failed");
}

#[test]
fn awaiting_files_in_directories_are_skipped_not_hidden() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "now.scen.json", PASSING);
    write(dir.path(), "later.awaiting.json", FAILING);
    let out = strata().arg("test").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    assert_eq!(last_line(&out), "1 passed, 0 failed, 1 skipped");
}

#[test]
fn nothing_selected_is_exit_2_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.scen.json", PASSING);
    let out = strata()
        .arg("test")
        .arg(dir.path())
        .args(["--filter", "zzz"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no scenario file selected"));
    let out = strata()
        .arg("test")
        .arg(dir.path())
        .args(["--filter", "zzz", "--allow-empty"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(last_line(&out), "0 passed, 0 failed");
}

#[test]
fn exit_codes_of_test_and_run() {
    let dir = tempfile::tempdir().unwrap();
    let pass = write(dir.path(), "pass.scen.json", PASSING);
    let fail = write(dir.path(), "fail.scen.json", FAILING);
    let bad = write(dir.path(), "bad.scen.json", "{");
    for cmd in ["test", "run"] {
        let code = |file: &Path| strata().arg(cmd).arg(file).output().unwrap().status.code();
        assert_eq!(code(&pass), Some(0), "{cmd} pass");
        assert_eq!(code(&fail), Some(1), "{cmd} fail");
        assert_eq!(code(&bad), Some(2), "{cmd} malformed");
        assert_eq!(
            code(&dir.path().join("missing.scen.json")),
            Some(2),
            "{cmd} missing"
        );
    }
    let usage = strata()
        .args(["test", "--no-such-flag", "x"])
        .output()
        .unwrap()
        .status;
    assert_eq!(usage.code(), Some(2));
    let out = strata().args(["test", "no/such/dir"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file or directory"));
}

#[test]
fn an_unknown_executor_is_refused_naming_the_executors() {
    let out = strata()
        .args(["test", "--executor", "nosuch", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("wasmer") && stderr.contains("debugger"),
        "{stderr}"
    );
}

#[test]
fn color_follows_the_flag_and_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "fail.scen.json", FAILING);
    let colored = |cmd: &mut Command| {
        let out = cmd.arg("test").arg(&file).output().unwrap();
        stdout(&out).contains('\x1b')
    };
    assert!(colored(strata().args(["--color", "always"])));
    assert!(!colored(strata().args(["--color", "never"])));
    assert!(!colored(&mut strata()), "not a terminal");
    assert!(colored(strata().env("CLICOLOR_FORCE", "1")));
    assert!(!colored(
        strata().env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1")
    ));
    assert!(colored(
        strata().env("NO_COLOR", "1").args(["--color", "always"])
    ));
    let out = strata()
        .args(["--color", "sometimes", "test", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_wat_contract_deploys_and_force_check_gas_checks_gas() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "adder.scen.json", &adder_from_wat());
    let out = strata().arg("test").arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", stdout(&out));
    let out = strata()
        .args(["test", "--force-check-gas"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("step 2 (id \"add\") scCall: gas mismatch"),
        "{}",
        stdout(&out)
    );
    let out = strata()
        .args(["run", "--force-check-gas"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn run_with_trace_prints_transfers() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pass.scen.json", PASSING);
    let out = strata()
        .args(["run", "--trace"])
        .arg(dir.path().join("pass.scen.json"))
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("step 1 transfer: status 0 (ok)"), "{text}");
    assert!(
        text.contains("  tx: address:a → address:b\n  value 4 EGLD-wei\n"),
        "{text}"
    );
    assert!(text.contains("gas used: 0, refund: 0"), "{text}");
}

#[test]
fn run_trace_shows_transactions_results_gas_and_storage() {
    let out = strata()
        .args(["run", "--trace"])
        .arg(adder_dir().join("adder-add.scen.json"))
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "step 1 scCall \"add-3\": status 0 (ok)")
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(lines[at + 1], "  tx: address:user → sc:adder add(3)");
    assert_eq!(lines[at + 2], "  gas limit 5000000");
    let gas = lines[at + 3].strip_prefix("  gas used: ").unwrap();
    let (used, refund) = gas.split_once(", refund: ").unwrap();
    assert!(used.parse::<u64>().unwrap() > 0 && refund == "0", "{gas}");
    assert_eq!(lines[at + 4], "  storage sc:adder \"sum\" = 8");
    assert!(text.contains("deploy.steps.json: step 1 scDeploy \"deploy\": status 0 (ok)"));
    assert!(
        text.contains("tx: address:owner → deploy 674 bytes of code, init(5)"),
        "{text}"
    );
    assert!(text.contains("new contract sc:adder"), "{text}");
    assert!(text.contains("  out: [24]"), "{text}");
    assert!(!text.contains("hook "), "hooks only with --trace=hooks");
}

#[test]
fn run_trace_hooks_shows_each_hook_call_with_its_gas() {
    let out = strata()
        .args(["run", "--trace=hooks"])
        .arg(adder_dir().join("adder-query.scen.json"))
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("tx: (no sender) → sc:adder getSum()\n  gas: unbounded (query)"));
    let hook = text
        .lines()
        .find(|l| l.trim_start().starts_with("hook bigIntAdd("))
        .unwrap_or_else(|| panic!("{text}"));
    let gas = hook.rsplit_once(", gas ").unwrap().1;
    assert!(gas.parse::<u64>().unwrap() > 0, "{hook}");
    assert!(text.contains("hook getNumArguments() → 1, gas "), "{text}");
}

#[test]
fn gas_report_table_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("gas.json");
    let out = strata()
        .args(["test", "--gas-report", "--gas-report-json"])
        .arg(&json)
        .arg(adder_dir().join("adder-add.scen.json"))
        .arg(adder_dir().join("adder-query.scen.json"))
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert_eq!(last_line(&out), "2 passed, 0 failed");
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "Gas report")
        .take_while(|l| !l.contains("files run in"))
        .collect();
    assert_eq!(table[1], "sc:adder", "{text}");
    let header: Vec<&str> = table[2].split_whitespace().collect();
    assert_eq!(header, ["endpoint", "calls", "min", "median", "max"]);
    let row = |name: &str| -> Vec<String> {
        let line = table
            .iter()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap();
        line.split_whitespace().map(str::to_owned).collect()
    };
    assert_eq!(row("(deploy)")[1], "2");
    assert_eq!(row("add")[1], "3");
    assert_eq!(row("getSum")[1], "2");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["schema_version"], 1);
    let adder = &report["contracts"][0];
    assert_eq!(adder["contract"], "sc:adder");
    for e in adder["endpoints"].as_array().unwrap() {
        let (min, median, max) = (e["min"].as_u64(), e["median"].as_u64(), e["max"].as_u64());
        assert!(min <= median && median <= max, "{e}");
        let name = e["endpoint"].as_str().unwrap();
        assert_eq!(row(name)[1], e["calls"].to_string());
        assert_eq!(row(name)[4], e["max"].to_string());
    }
}

#[test]
fn inspect_describes_a_contract_from_wasm_and_wat_alike() {
    let wasm = strata()
        .args(["inspect"])
        .arg(adder_dir().join("adder.wasm"))
        .output()
        .unwrap();
    let text = stdout(&wasm);
    assert!(wasm.status.success(), "{text}");
    assert!(text.contains("size: 674 bytes"), "{text}");
    assert!(text.contains("validation: valid"), "{text}");
    assert!(text.contains("memory: "), "{text}");
    assert!(
        text.contains("exported functions (3): init, add, getSum"),
        "{text}"
    );
    assert!(text.contains("  bigIntAdd: implemented"), "{text}");
    assert!(
        text.contains("deploy gas (v4 schedule, before init runs): "),
        "{text}"
    );
    let wat = strata()
        .args(["inspect"])
        .arg(adder_dir().join("adder.wat"))
        .output()
        .unwrap();
    let strip = |t: &str| t.lines().skip(1).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(strip(&stdout(&wat)), strip(&text), "the same module");
}

#[test]
fn inspect_reports_invalid_contracts_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let float = write(
        dir.path(),
        "float.wat",
        r#"(module (memory (export "memory") 1)
            (func (export "run") (drop (f32.add (f32.const 1) (f32.const 2)))))"#,
    );
    let out = strata().arg("inspect").arg(&float).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("validation: invalid: "),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("operator F32Const is not allowed"));
    let out = strata()
        .arg("inspect")
        .arg(dir.path().join("none.wasm"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn directory_walks_survive_symlink_loops() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    write(&sub, "a.scen.json", PASSING);
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    let out = strata().arg("test").arg(dir.path()).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(last_line(&out), "1 passed, 0 failed");
    assert!(String::from_utf8_lossy(&out.stderr).contains("symlink loop"));
}

/// The code block of `lang` that follows `heading` in the README.
fn readme_block(readme: &str, heading: &str, lang: &str) -> String {
    let from = readme.find(heading).unwrap();
    let fence = format!("```{lang}\n");
    let start = readme[from..].find(&fence).unwrap() + from + fence.len();
    let end = readme[start..].find("```").unwrap() + start;
    readme[start..end].to_owned()
}

#[test]
fn the_readme_tutorial_works() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let heading = "## A contract in five minutes";
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "counter.wat",
        &readme_block(&readme, heading, "wat"),
    );
    let scenario = write(
        dir.path(),
        "counter.scen.json",
        &readme_block(&readme, heading, "json"),
    );
    let out = strata().arg("test").arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", stdout(&out));
    assert_eq!(last_line(&out), "1 passed, 0 failed");
    let out = strata()
        .arg("inspect")
        .arg(dir.path().join("counter.wat"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stdout(&out));
    let broken = std::fs::read_to_string(&scenario)
        .unwrap()
        .replace(r#""out": ["15"]"#, r#""out": ["16"]"#);
    std::fs::write(&scenario, broken).unwrap();
    let out = strata().arg("test").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("step 3 (id \"get\") scQuery: out mismatch"),
        "{}",
        stdout(&out)
    );
}
