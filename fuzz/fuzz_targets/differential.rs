//! Differential: small programs restricted to the allowed operators (integer arithmetic,
//! comparisons, conversions, loads and stores, bounded loops, `if`, `memory.grow`, traps),
//! run on executor-wasmer and on wasmi (an independent interpreter) with a reference gas meter
//! written apart from Strata's (`strata_fuzz::reference`, a module rewrite). Both must agree
//! on how the call ends (returned, trapped, out of gas, memory limit), on the gas used when it
//! returns, and on the memory it leaves. Gas limits are drawn small and large, so programs
//! run out of gas at every kind of point.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use strata_fuzz::blockchain_hooks::{GasSchedule, ReturnCode};
use strata_fuzz::executor_api::{CodeHash, Executor, InstanceOptions, messages};
use strata_fuzz::executor_wasmer::testing::RecordingHooks;
use strata_fuzz::reference;

const LOCALS: u32 = 4;

struct Gen<'a, 'b> {
    u: &'a mut Unstructured<'b>,
    grows: u32,
    loops: u32,
}

const I32_BIN: &[&str] = &[
    "add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s",
    "shr_u", "rotl", "rotr",
];
const CMP: &[&str] = &[
    "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u",
];
const UN: &[&str] = &["clz", "ctz", "popcnt"];

impl Gen<'_, '_> {
    fn int(&mut self, ty: &str, depth: u32) -> Result<String> {
        let choice = if depth == 0 {
            self.u.int_in_range(0..=1)?
        } else {
            self.u.int_in_range(0..=9)?
        };
        Ok(match choice {
            0 => {
                let v: i64 = if self.u.ratio(1, 2)? {
                    *self
                        .u
                        .choose(&[0, 1, -1, 31, 32, 63, 64, i64::from(i32::MIN), i64::MIN])?
                } else {
                    self.u.arbitrary()?
                };
                if ty == "i32" {
                    format!("(i32.const {})", v as i32)
                } else {
                    format!("(i64.const {v})")
                }
            }
            1 => format!("(local.get ${ty}{})", self.u.int_in_range(0..=LOCALS - 1)?),
            2..=4 => format!(
                "({ty}.{} {} {})",
                self.u.choose(I32_BIN)?,
                self.int(ty, depth - 1)?,
                self.int(ty, depth - 1)?
            ),
            5 => format!("({ty}.{} {})", self.u.choose(UN)?, self.int(ty, depth - 1)?),
            6 => {
                let cmp = format!(
                    "(i64.{} {} {})",
                    self.u.choose(CMP)?,
                    self.int("i64", depth - 1)?,
                    self.int("i64", depth - 1)?
                );
                if ty == "i32" {
                    cmp
                } else {
                    format!("(i64.extend_i32_u {cmp})")
                }
            }
            7 => {
                if ty == "i32" {
                    format!("(i32.wrap_i64 {})", self.int("i64", depth - 1)?)
                } else {
                    let op = self.u.choose(&["extend_i32_s", "extend_i32_u"])?;
                    format!("(i64.{op} {})", self.int("i32", depth - 1)?)
                }
            }
            8 => {
                let load = self
                    .u
                    .choose(&["load", "load8_s", "load8_u", "load16_s", "load16_u"])?;
                format!("({ty}.{load} {})", self.address(depth)?)
            }
            _ => format!(
                "(select {} {} {})",
                self.int(ty, depth - 1)?,
                self.int(ty, depth - 1)?,
                self.int("i32", depth - 1)?
            ),
        })
    }

    /// Mostly inside the first page, sometimes anywhere (to trap).
    fn address(&mut self, depth: u32) -> Result<String> {
        let raw = self.int("i32", depth.saturating_sub(1))?;
        Ok(if self.u.ratio(7, 8)? {
            format!("(i32.and {raw} (i32.const 0xfff8))")
        } else {
            raw
        })
    }

    fn statement(&mut self, depth: u32) -> Result<String> {
        let ty = *self.u.choose(&["i32", "i64"])?;
        Ok(match self.u.int_in_range(0..=7)? {
            0..=2 => format!(
                "(local.set ${ty}{} {})",
                self.u.int_in_range(0..=LOCALS - 1)?,
                self.int(ty, 3)?
            ),
            3 => format!("({ty}.store {} {})", self.address(2)?, self.int(ty, 2)?),
            4 if depth > 0 => format!(
                "(if {} (then {}) (else {}))",
                self.int("i32", 2)?,
                self.block(depth - 1)?,
                self.block(depth - 1)?
            ),
            5 if depth > 0 && self.loops < 3 => {
                // A counted loop: at most 8 turns.
                self.loops += 1;
                let counter = format!("$n{}", self.loops);
                let turns = self.u.int_in_range(1..=8)?;
                let (label, inner) = (self.loops, self.block(depth - 1)?);
                format!(
                    "(local.set {counter} (i32.const {turns})) (loop $l{} {} (local.set {counter} (i32.sub (local.get {counter}) (i32.const 1))) (br_if $l{} (local.get {counter})))",
                    label, inner, label
                )
            }
            6 if self.grows < 4 => {
                self.grows += 1;
                format!(
                    "(drop (memory.grow (i32.const {})))",
                    self.u.int_in_range(0..=1)?
                )
            }
            7 if self.u.ratio(1, 10)? => "(unreachable)".to_owned(),
            _ => format!(
                "(local.set $i64{} {})",
                self.u.int_in_range(0..=LOCALS - 1)?,
                self.int("i64", 2)?
            ),
        })
    }

    fn block(&mut self, depth: u32) -> Result<String> {
        let n = self.u.int_in_range(1..=4)?;
        let mut out = String::new();
        for _ in 0..n {
            out.push_str(&self.statement(depth)?);
            out.push(' ');
        }
        Ok(out)
    }
}

fn program(u: &mut Unstructured<'_>) -> Result<String> {
    let mut g = Gen {
        u,
        grows: 0,
        loops: 0,
    };
    let body = g.block(2)?;
    let mut locals = String::new();
    let mut dump = String::new();
    for i in 0..LOCALS {
        locals.push_str(&format!("(local $i32{i} i32) (local $i64{i} i64) "));
        dump.push_str(&format!(
            "(i32.store (i32.const {}) (local.get $i32{i})) (i64.store (i32.const {}) (local.get $i64{i})) ",
            60_000 + 4 * i,
            60_100 + 8 * i
        ));
    }
    for n in 1..=3 {
        locals.push_str(&format!("(local $n{n} i32) "));
    }
    Ok(format!(
        r#"(module (memory (export "memory") 1 20)
        (global $gas (export "gas") (mut i64) (i64.const 0))
        (global $grows (export "grows") (mut i32) (i32.const 0))
        (global $why (export "why") (mut i32) (i32.const 0))
        (func (export "run") {locals} {body} {dump}
          (i32.store (i32.const 60200) (memory.size))))"#
    ))
}

/// How a call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// Returned, having used this much gas.
    Returned(u64),
    Trapped,
    OutOfGas,
    MemoryLimit,
}

/// How the call ended, and the first page afterwards (compared unless out of gas or at the
/// memory limit, where the engines stop at different points of the same straight-line code).
type Outcome = (End, Vec<u8>);

fn on_wasmer(code: &[u8], gas_limit: u64) -> Option<Outcome> {
    let hash = CodeHash(blake_like(code));
    let module = strata_fuzz::EXECUTOR.compile(hash, code).ok()?;
    let options = InstanceOptions {
        gas_limit,
        time_limit: None,
    };
    let mut instance = module.instantiate(&options).ok()?;
    let mut hooks = RecordingHooks::new().without_recording();
    let end = match instance.call("run", &mut hooks) {
        Ok(()) => End::Returned(instance.gas_used()),
        Err(exit) if exit.code == ReturnCode::OutOfGas => End::OutOfGas,
        Err(exit) if exit.message == messages::MEMORY_LIMIT => End::MemoryLimit,
        Err(_) => End::Trapped,
    };
    let memory = instance.memory_load(0, 65536).ok()?;
    Some((end, memory))
}

fn on_wasmi(code: &[u8], gas_limit: u64) -> Option<Outcome> {
    let code = reference::instrument(code, &GasSchedule::v4().wasm_opcode_cost, gas_limit);
    let engine = wasmi::Engine::default();
    let module = wasmi::Module::new(&engine, &code).ok()?;
    let mut store = wasmi::Store::new(&engine, ());
    let linker = wasmi::Linker::<()>::new(&engine);
    let instance = linker.instantiate_and_start(&mut store, &module).ok()?;
    let run = instance.get_typed_func::<(), ()>(&store, "run").ok()?;
    let result = run.call(&mut store, ());
    let why = instance.get_global(&store, "why")?.get(&store).i32()?;
    let gas = instance.get_global(&store, "gas")?.get(&store).i64()?;
    let end = match (result, why) {
        (Ok(()), _) => End::Returned(gas.cast_unsigned()),
        (Err(_), reference::STOP_OUT_OF_GAS) => End::OutOfGas,
        (Err(_), reference::STOP_MEMORY_LIMIT) => End::MemoryLimit,
        (Err(_), _) => End::Trapped,
    };
    let memory = instance.get_memory(&store, "memory")?;
    Some((end, memory.data(&store)[..65536].to_vec()))
}

fn blake_like(data: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, b) in data.iter().enumerate() {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        out[i % 32] ^= h as u8;
    }
    out[..8].copy_from_slice(&h.to_le_bytes());
    out[8..16].copy_from_slice(&(data.len() as u64).to_le_bytes());
    out
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(gas_limit) = (if u.ratio(1, 2).unwrap_or(false) {
        u.int_in_range(0..=30_000u64)
    } else {
        Ok(u64::MAX / 4)
    }) else {
        return;
    };
    let Ok(text) = program(&mut u) else { return };
    let code = wat::parse_str(&text).expect("the generator writes valid WAT");
    let ours = on_wasmer(&code, gas_limit).expect("a generated program is a valid contract");
    let theirs = on_wasmi(&code, gas_limit).expect("wasmi runs it");
    let stopped_by_limit = matches!(ours.0, End::OutOfGas | End::MemoryLimit);
    if ours.0 != theirs.0 || (!stopped_by_limit && ours.1 != theirs.1) {
        let first = ours.1.iter().zip(&theirs.1).position(|(a, b)| a != b);
        panic!(
            "engines disagree (gas limit {gas_limit}): Strata {:?} vs reference {:?}, first differing byte {first:?}\n{text}",
            ours.0, theirs.0
        );
    }
});
