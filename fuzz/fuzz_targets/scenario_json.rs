//! The scenario JSON parser (and the steps a scenario without a VM can run) on arbitrary
//! text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_world_mock::ScenarioRunner;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let runner = ScenarioRunner::without_vm();
    let _ = runner.run_str(
        text,
        std::path::Path::new("/nonexistent-strata-fuzz/x.scen.json"),
    );
});
