//! The same scenario on two VMs, compared field by field except gas.
//!
//! [`record`] runs a scenario file and keeps each transaction's [`VmOutput`] and the world
//! it leaves; [`differences`] lists where two recordings differ in anything but gas: return
//! code, message and data, logs, every output account's nonce, balance change, storage
//! writes, ESDT changes, code and transfers (value, data, call type), deleted and touched
//! accounts, and in the final world every account's nonce, code, owner, storage and ESDT
//! holdings. Balances of the final world are left out: a sender pays its gas fee, and gas is
//! what may differ (the per-step balance changes above are compared).

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::Path;

use anyhow::{Context, Result};
use blockchain_hooks::{Address, OutputAccount, VmOutput};
use world_mock::{Account, ScenarioRunner, StepTrace, World};

/// What a scenario did on one VM.
#[derive(Clone, Debug)]
pub struct Recording {
    /// Each step: its index, its id and its transaction's output (`None` for steps that
    /// run no transaction).
    pub steps: Vec<(usize, Option<String>, Option<VmOutput>)>,
    /// The world after the last step.
    pub world: World,
}

/// Runs the scenario file at `path` with `runner` and records it.
///
/// # Errors
/// The scenario's failure, if it fails.
pub fn record(runner: &ScenarioRunner, path: &Path) -> Result<Recording> {
    let mut steps = Vec::new();
    let mut sink = |trace: &StepTrace| {
        steps.push((trace.index, trace.id.clone(), trace.output.clone()));
    };
    runner
        .run_file_traced(path, &mut sink)
        .with_context(|| format!("running {}", path.display()))?;
    let world = runner
        .run_file_world(path)
        .with_context(|| format!("running {} again for its world", path.display()))?;
    Ok(Recording { steps, world })
}

/// Adds a line to `out` when `a` and `b` differ.
fn field<T: PartialEq + Debug>(out: &mut Vec<String>, place: &str, name: &str, a: &T, b: &T) {
    if a != b {
        out.push(format!("{place}: {name}: {a:?} != {b:?}"));
    }
}

fn account_outputs(out: &mut Vec<String>, place: &str, a: &OutputAccount, b: &OutputAccount) {
    let place = format!("{place}: account {}", hex(&a.address));
    field(out, &place, "nonce", &a.nonce, &b.nonce);
    field(
        out,
        &place,
        "balance change",
        &a.balance_delta,
        &b.balance_delta,
    );
    field(
        out,
        &place,
        "storage writes",
        &a.storage_updates,
        &b.storage_updates,
    );
    field(
        out,
        &place,
        "ESDT changes",
        &a.esdt_updates,
        &b.esdt_updates,
    );
    field(out, &place, "code", &a.code, &b.code);
    field(
        out,
        &place,
        "code metadata",
        &a.code_metadata,
        &b.code_metadata,
    );
    field(
        out,
        &place,
        "code deployer",
        &a.code_deployer,
        &b.code_deployer,
    );
    let transfers = |account: &OutputAccount| -> Vec<_> {
        let t = &account.output_transfers;
        t.iter()
            .map(|t| {
                (
                    t.sender,
                    t.value.clone(),
                    t.data.clone(),
                    t.async_data.clone(),
                    t.call_type,
                    t.index,
                )
            })
            .collect()
    };
    field(out, &place, "transfers", &transfers(a), &transfers(b));
}

fn outputs(out: &mut Vec<String>, place: &str, a: &VmOutput, b: &VmOutput) {
    field(out, place, "return code", &a.return_code, &b.return_code);
    field(
        out,
        place,
        "return message",
        &a.return_message,
        &b.return_message,
    );
    field(out, place, "return data", &a.return_data, &b.return_data);
    field(out, place, "logs", &a.logs, &b.logs);
    field(
        out,
        place,
        "deleted accounts",
        &a.deleted_accounts,
        &b.deleted_accounts,
    );
    field(
        out,
        place,
        "touched accounts",
        &a.touched_accounts,
        &b.touched_accounts,
    );
    let addresses: BTreeSet<&Address> = a
        .output_accounts
        .keys()
        .chain(b.output_accounts.keys())
        .collect();
    for address in addresses {
        match (
            a.output_accounts.get(address),
            b.output_accounts.get(address),
        ) {
            (Some(x), Some(y)) => account_outputs(out, place, x, y),
            (x, y) => out.push(format!(
                "{place}: account {} changed in one output only ({} / {})",
                hex(address),
                x.is_some(),
                y.is_some()
            )),
        }
    }
}

fn accounts(out: &mut Vec<String>, address: &Address, a: &Account, b: &Account) {
    let place = format!("final world: account {}", hex(address));
    field(out, &place, "nonce", &a.nonce, &b.nonce);
    field(out, &place, "code", &a.code, &b.code);
    field(
        out,
        &place,
        "code metadata",
        &a.code_metadata,
        &b.code_metadata,
    );
    field(out, &place, "owner", &a.owner, &b.owner);
    field(out, &place, "username", &a.username, &b.username);
    field(out, &place, "storage", &a.storage, &b.storage);
    field(out, &place, "ESDT", &a.esdt, &b.esdt);
}

fn hex(address: &Address) -> String {
    address.0.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where recordings `a` and `b` differ, gas aside: one line per field that differs.
pub fn differences(a: &Recording, b: &Recording) -> Vec<String> {
    let mut out = Vec::new();
    if a.steps.len() != b.steps.len() {
        out.push(format!(
            "{} steps != {} steps",
            a.steps.len(),
            b.steps.len()
        ));
    }
    for ((index, id, x), (_, _, y)) in a.steps.iter().zip(&b.steps) {
        let place = format!(
            "step {index}{}",
            id.as_ref().map(|i| format!(" ({i})")).unwrap_or_default()
        );
        match (x, y) {
            (Some(x), Some(y)) => outputs(&mut out, &place, x, y),
            (None, None) => {}
            _ => out.push(format!("{place}: a transaction output on one side only")),
        }
    }
    let (wa, wb) = (a.world.accounts(), b.world.accounts());
    let addresses: BTreeSet<&Address> = wa.keys().chain(wb.keys()).collect();
    for address in addresses {
        match (wa.get(address), wb.get(address)) {
            (Some(x), Some(y)) => accounts(&mut out, address, x, y),
            _ => out.push(format!(
                "final world: account {} on one side only",
                hex(address)
            )),
        }
    }
    out
}

/// Runs the scenario at `path` with both runners and answers where they differ (empty:
/// the same outputs and world, gas aside).
///
/// # Errors
/// A scenario that fails on either runner.
pub fn compare(a: &ScenarioRunner, b: &ScenarioRunner, path: &Path) -> Result<Vec<String>> {
    let first = record(a, path)?;
    let second = record(b, path)?;
    Ok(differences(&first, &second))
}
