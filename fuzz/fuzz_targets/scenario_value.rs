//! The scenario value interpreter on arbitrary expressions (files resolve in an empty
//! folder): an error or bytes, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_world_mock::ValueContext;

fuzz_target!(|data: &[u8]| {
    let Ok(expr) = std::str::from_utf8(data) else {
        return;
    };
    let ctx = ValueContext::new("/nonexistent-strata-fuzz");
    let _ = ctx.interpret(expr);
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(expr) {
        let _ = ctx.interpret_json(&json);
    }
});
