//! Scenarios run with a VM that executes every step both in-process and out-of-process and
//! compares the two whole results (`Result<VmOutput, VmError>`), step by step.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use blockchain_hooks::{
    BlockchainHooks, ContractCallInput, ContractCreateInput, GasSchedule, VmOutput,
};
use strata_vm_host_process::OutOfProcessVm;
use vm_core::VmHost;
use vm_handler::{VmError, VmHandler};
use world_mock::ScenarioRunner;

use crate::harness::{in_process, out_of_process};

/// Runs each execution both ways; answers the in-process result.
struct Both {
    inside: VmHost,
    outside: OutOfProcessVm,
    compared: Arc<AtomicUsize>,
    differences: Arc<Mutex<Vec<String>>>,
}

impl Both {
    fn compare(
        &self,
        what: &str,
        inside: Result<VmOutput, VmError>,
        outside: Result<VmOutput, VmError>,
    ) -> Result<VmOutput, VmError> {
        self.compared.fetch_add(1, Ordering::Relaxed);
        if inside != outside {
            self.differences.lock().unwrap().push(format!(
                "{what}:\n  in-process:     {inside:?}\n  out-of-process: {outside:?}"
            ));
        }
        inside
    }
}

impl VmHandler for Both {
    fn run_smart_contract_create(
        &self,
        input: &ContractCreateInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        let inside = self.inside.run_smart_contract_create(input, chain);
        let outside = self.outside.run_smart_contract_create(input, chain);
        self.compare("deploy", inside, outside)
    }

    fn run_smart_contract_call(
        &self,
        input: &ContractCallInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        let inside = self.inside.run_smart_contract_call(input, chain);
        let outside = self.outside.run_smart_contract_call(input, chain);
        self.compare(&input.function, inside, outside)
    }

    fn gas_schedule_change(&self, schedule: GasSchedule) -> Result<(), VmError> {
        self.inside.gas_schedule_change(schedule.clone())?;
        self.outside.gas_schedule_change(schedule)
    }
}

/// Runs `files` with [`Both`]: every execution must agree. A file that fails (in-process,
/// whose results the runner checks) is reported, not failed: the in-process suites judge
/// the VM; this one judges the out-of-process path.
fn run_both_ways(files: &[PathBuf]) {
    let compared = Arc::new(AtomicUsize::new(0));
    let differences = Arc::new(Mutex::new(Vec::new()));
    let (c, d) = (compared.clone(), differences.clone());
    let runner = ScenarioRunner::new(move |schedule: &GasSchedule| {
        Ok(Arc::new(Both {
            inside: in_process(schedule),
            outside: out_of_process(schedule),
            compared: c.clone(),
            differences: d.clone(),
        }) as Arc<dyn VmHandler>)
    });
    let mut failed = Vec::new();
    let mut scenario_failures = 0;
    for file in files {
        let before = differences.lock().unwrap().len();
        if let Err(e) = runner.run_file(file) {
            scenario_failures += 1;
            eprintln!("(fails in-process too) {}: {e}", file.display());
        }
        let diffs = differences.lock().unwrap();
        for diff in &diffs[before..] {
            failed.push(format!("{}: {diff}", file.display()));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    let compared = compared.load(Ordering::Relaxed);
    assert!(
        compared >= files.len(),
        "only {compared} executions compared"
    );
    eprintln!(
        "{} files ({scenario_failures} failing in-process), {compared} executions identical \
         both ways",
        files.len()
    );
}

fn scenario_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            scenario_files(&path, out);
        } else if path.to_string_lossy().ends_with(".scen.json") {
            out.push(path);
        }
    }
}

#[test]
fn the_bundled_examples_give_identical_outputs_out_of_process() {
    let mut files = Vec::new();
    scenario_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/scenarios"),
        &mut files,
    );
    assert!(files.len() >= 20, "{} example scenarios", files.len());
    run_both_ways(&files);
}

/// Every file of the production VM's suite that passes in-process (as recorded in the cli's
/// conformance expectations).
#[test]
fn conformance_files_that_pass_give_identical_outputs_out_of_process() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = match std::env::var_os("STRATA_CONFORMANCE") {
        Some(dir) => PathBuf::from(dir),
        None => manifest.join("../../shared/conformance"),
    }
    .join("mx-chain-vm-go/test");
    if !corpus.is_dir() {
        eprintln!("no conformance corpus at {}: skipped", corpus.display());
        return;
    }
    let expected =
        std::fs::read_to_string(manifest.join("../cli/tests/conformance/expected.tsv")).unwrap();
    let passing: Vec<PathBuf> = expected
        .lines()
        .filter_map(|l| l.strip_suffix("\tpass"))
        .map(|f| corpus.join(f))
        .collect();
    assert!(passing.len() >= 40, "{} passing files", passing.len());
    run_both_ways(&passing);
}
