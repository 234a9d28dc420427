//! The production VM's own scenario suite (`../shared/conformance`, read in place, never
//! copied), run through `strata test` and ratcheted against `tests/conformance/expected.tsv`.
//!
//! The check fails when a file expected to pass fails (a regression), when a file expected to
//! fail passes (record the progress, so the ratchet only moves forward), and when the corpus
//! and the expectation file do not list the same files. A failure whose cause class changed
//! is reported, not failed. Rewrite the expectation file with
//! `STRATA_BLESS=1 cargo test -p strata-cli --test conformance`.
//!
//! Files the production VM's own tests run (`production-run.txt`) are the target and are
//! reported apart from the others, whose expectations the production VM does not check.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One file's verdict: `None` when it passes, else its cause class.
type Verdicts = BTreeMap<String, Option<String>>;

fn expectation_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/expected.tsv")
}

/// The corpus folder: `STRATA_CONFORMANCE`, else `shared/conformance` beside the project.
fn corpus() -> PathBuf {
    match std::env::var_os("STRATA_CONFORMANCE") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance"),
    }
}

fn production_run(corpus: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(corpus.join("production-run.txt"))
        .expect("production-run.txt in the conformance corpus");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// Runs `strata test` on the suite and reads each file's verdict from its JSON report.
fn run_suite(tests: &Path) -> Verdicts {
    let json = tempfile::NamedTempFile::new().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .arg("test")
        .arg("--json")
        .arg(json.path())
        .arg(tests)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = std::fs::read_to_string(json.path()).unwrap();
    let results: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "strata test wrote no JSON report ({e}):\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut verdicts = Verdicts::new();
    let results = results["results"].as_array().expect("a list of results");
    for r in results.iter().filter(|r| r["status"] != "skipped") {
        let file = Path::new(r["file"].as_str().unwrap());
        let relative = file.strip_prefix(tests).unwrap_or(file);
        let cause = (r["passed"] != true).then(|| r["cause"].as_str().unwrap_or("?").to_owned());
        verdicts.insert(relative.to_string_lossy().replace('\\', "/"), cause);
    }
    verdicts
}

fn read_expected(path: &Path) -> Verdicts {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut verdicts = Verdicts::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let mut parts = line.splitn(3, '\t');
        let (Some(file), Some(verdict)) = (parts.next(), parts.next()) else {
            panic!("malformed expectation line: {line:?}");
        };
        let cause = match verdict {
            "pass" => None,
            "fail" => Some(parts.next().unwrap_or("").to_owned()),
            other => panic!("unknown verdict {other:?} in {line:?}"),
        };
        verdicts.insert(file.to_owned(), cause);
    }
    verdicts
}

fn passed(verdicts: &Verdicts, files: impl Fn(&str) -> bool) -> (usize, usize) {
    let selected: Vec<_> = verdicts.iter().filter(|(f, _)| files(f)).collect();
    let passed = selected.iter().filter(|(_, c)| c.is_none()).count();
    (passed, selected.len())
}

/// The remaining failures of a set of files, by cause class, largest first.
fn causes(verdicts: &Verdicts, files: impl Fn(&str) -> bool) -> Vec<(usize, String)> {
    let mut by_cause: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, cause) in verdicts.iter().filter(|(f, _)| files(f)) {
        if let Some(cause) = cause {
            *by_cause.entry(cause).or_default() += 1;
        }
    }
    let mut list: Vec<_> = by_cause
        .into_iter()
        .map(|(c, n)| (n, c.to_owned()))
        .collect();
    list.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    list
}

fn render(verdicts: &Verdicts, production: &BTreeSet<String>) -> String {
    let in_production = |f: &str| production.contains(f);
    let (p_pass, p_all) = passed(verdicts, in_production);
    let (o_pass, o_all) = passed(verdicts, |f| !in_production(f));
    let mut text = String::from(
        "# Conformance expectations: each file of ../shared/conformance/mx-chain-vm-go/test,\n\
         # its verdict on Strata (pass, or fail and the cause class). Written by\n\
         # STRATA_BLESS=1 cargo test -p strata-cli --test conformance\n",
    );
    text.push_str(&format!(
        "# production-run files: {p_pass} of {p_all} pass; other files: {o_pass} of {o_all} pass\n"
    ));
    for (file, cause) in verdicts {
        match cause {
            None => text.push_str(&format!("{file}\tpass\n")),
            Some(cause) => text.push_str(&format!("{file}\tfail\t{cause}\n")),
        }
    }
    text
}

fn report(verdicts: &Verdicts, production: &BTreeSet<String>) {
    let in_production = |f: &str| production.contains(f);
    let (p_pass, p_all) = passed(verdicts, in_production);
    let (o_pass, o_all) = passed(verdicts, |f| !in_production(f));
    println!("conformance: production-run files {p_pass} of {p_all} pass");
    println!("conformance: other files {o_pass} of {o_all} pass");
    println!("remaining failures of production-run files, by cause:");
    for (n, cause) in causes(verdicts, in_production) {
        println!("  {n:4}  {cause}");
    }
}

#[test]
fn conformance_suite_does_not_regress() {
    let corpus = corpus();
    let tests = corpus.join("mx-chain-vm-go/test");
    if !tests.is_dir() {
        println!(
            "conformance corpus not found at {}: SKIPPED (set STRATA_CONFORMANCE to its folder)",
            corpus.display()
        );
        return;
    }
    let production = production_run(&corpus);
    let actual = run_suite(&tests);
    assert!(
        actual.len() >= production.len(),
        "only {} scenario files found under {}",
        actual.len(),
        tests.display()
    );
    for file in &production {
        assert!(actual.contains_key(file), "{file} listed but not run");
    }
    report(&actual, &production);

    if std::env::var_os("STRATA_BLESS").is_some() {
        let path = expectation_file();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, render(&actual, &production)).unwrap();
        println!("wrote {}", path.display());
        return;
    }

    let expected = read_expected(&expectation_file());
    let mut problems = Vec::new();
    for (file, cause) in &actual {
        match (expected.get(file), cause) {
            (None, _) => problems.push(format!("new file without expectation: {file}")),
            (Some(None), Some(cause)) => problems.push(format!("REGRESSION {file}: {cause}")),
            (Some(Some(_)), None) => {
                problems.push(format!("now passes (record it): {file}"));
            }
            (Some(Some(was)), Some(now)) if was != now => {
                println!("cause changed for {file}:\n  was {was}\n  now {now}");
            }
            _ => {}
        }
    }
    for file in expected.keys().filter(|f| !actual.contains_key(*f)) {
        problems.push(format!("expected but not found in the corpus: {file}"));
    }
    assert!(
        problems.is_empty(),
        "{} difference(s) from {} (rewrite it with STRATA_BLESS=1 when progress is real):\n{}",
        problems.len(),
        expectation_file().display(),
        problems.join("\n")
    );
}
