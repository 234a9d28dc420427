//! Arbitrary bytes through validation, compilation and instantiation, then a call of `init`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_fuzz::executor_api::{CodeHash, Executor, InstanceOptions};
use strata_fuzz::executor_wasmer::{Limits, validate};

fuzz_target!(|data: &[u8]| {
    let valid = validate(data, &Limits::default()).is_ok();
    let hash = CodeHash(*blake_like(data));
    match strata_fuzz::EXECUTOR.compile(hash, data) {
        Ok(module) => {
            assert!(valid, "compiled a module validation refuses");
            let options = InstanceOptions {
                gas_limit: 1_000_000,
                time_limit: None,
            };
            let _ = module.instantiate(&options);
            // And through the whole VM: never an infrastructure error.
            let chain = strata_fuzz::chain_with(data.to_vec());
            let _ = strata_fuzz::call(&strata_fuzz::vm(), &chain, "init", vec![], 1_000_000);
        }
        Err(_) => {}
    }
});

/// A cheap 32-byte digest (the cache key only needs to differ between inputs).
fn blake_like(data: &[u8]) -> Box<[u8; 32]> {
    let mut out = [0u8; 32];
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, b) in data.iter().enumerate() {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        out[i % 32] ^= h as u8;
    }
    out[..8].copy_from_slice(&h.to_le_bytes());
    out[8..16].copy_from_slice(&(data.len() as u64).to_le_bytes());
    Box::new(out)
}
