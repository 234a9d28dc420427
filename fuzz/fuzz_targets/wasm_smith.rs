//! `wasm-smith` modules through validation, compilation, instantiation and a call of each
//! export, on the whole VM: a contract's bytes never make an infrastructure error.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

fn module(u: &mut Unstructured<'_>) -> Result<Vec<u8>> {
    let mut config: wasm_smith::Config = u.arbitrary()?;
    config.max_memories = 1;
    config.min_memories = 1;
    config.max_memory32_bytes = 20 * 65536;
    config.max_imports = 0;
    config.export_everything = true;
    config.simd_enabled = u.ratio(1, 8)?;
    config.threads_enabled = false;
    config.max_funcs = config.max_funcs.min(200);
    Ok(wasm_smith::Module::new(config, u)?.to_bytes())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(code) = module(&mut u) else { return };
    let chain = strata_fuzz::chain_with(code);
    let vm = strata_fuzz::vm();
    for function in ["init", "memory", "0", "1", "2"] {
        let _ = strata_fuzz::call(&vm, &chain, function, vec![], 500_000);
    }
});
