//! Example contracts with their scenarios, and the programs that assemble each VM/executor
//! combination.
//!
//! - [`wasmer_runner`]: vm-core on Wasmer in the world mock, the production-like assembly;
//! - [`DebugWorld`]: vm-core on the debugger executor in the world mock, for running a
//!   contract's scenarios on its native build from a Rust test (and stopping in it with a
//!   debugger), every unregistered contract on Wasmer;
//! - [`differential`]: the same scenario on both, compared step by step except gas;
//! - [`hand_written`]: native contracts written directly against the `VMHooks`, twins of
//!   the WAT examples.
//!
//! ```
//! use strata_examples::{DebugWorld, hand_written};
//!
//! let adder = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/adder");
//! DebugWorld::new()
//!     .register_contract(format!("{adder}/adder.wasm"), hand_written::ADDER)
//!     .run(format!("{adder}/adder-add.scen.json"))?;
//! # Ok::<(), anyhow::Error>(())
//! ```

mod debug_world;
pub mod differential;
pub mod hand_written;

pub use debug_world::{DebugWorld, wasmer_runner};

use executor_api::NativeContract;

/// The native builds of the bundled example contracts, each with the wasm it stands for
/// (the committed file, embedded at build time): what `strata --executor debugger`
/// registers. The framework contracts (`contracts/*`), and the WAT adder's hand-written
/// twin; the other WAT examples have no native build and run on Wasmer.
pub fn bundled_native_contracts() -> Vec<(&'static [u8], NativeContract)> {
    vec![
        (
            include_bytes!("../contracts/adder/output/adder.wasm").as_slice(),
            adder::native(),
        ),
        (
            include_bytes!("../contracts/token/output/token.wasm").as_slice(),
            token::native(),
        ),
        (
            include_bytes!("../contracts/nft-minter/output/nft-minter.wasm").as_slice(),
            nft_minter::native(),
        ),
        (
            include_bytes!("../contracts/marketplace/output/marketplace.wasm").as_slice(),
            marketplace::native(),
        ),
        (
            include_bytes!("../contracts/crowdfunding/output/crowdfunding.wasm").as_slice(),
            crowdfunding::native(),
        ),
        (
            include_bytes!("../contracts/multisig/output/multisig.wasm").as_slice(),
            multisig::native(),
        ),
        (
            include_bytes!("../contracts/xshard-caller/output/xshard-caller.wasm").as_slice(),
            xshard_caller::native(),
        ),
        (
            include_bytes!("../contracts/xshard-callee/output/xshard-callee.wasm").as_slice(),
            xshard_callee::native(),
        ),
        (
            include_bytes!("../scenarios/adder/adder.wasm").as_slice(),
            hand_written::ADDER,
        ),
    ]
}
