//! Native contracts written by hand against the [`VMHooks`], without a framework: what a
//! framework's native backend generates, in its simplest form. Each endpoint calls hooks
//! with real addresses of its own memory and, when a hook stops it, unwinds with the
//! hook's [`EarlyExit`](executor_api::EarlyExit) (the rule of [`executor_api::native`]).

pub use executor_api::native::{memory_of as mem, stop_on_exit as ok};
use executor_api::{InstanceAccess, NativeContract, VMHooks};

type Hooks<'a> = &'a mut dyn VMHooks;
type Access<'a> = &'a mut dyn InstanceAccess;

const SUM_KEY: &[u8] = b"sum";

fn expect_arguments(hooks: Hooks<'_>, access: Access<'_>, count: i32) {
    if ok(hooks.get_num_arguments(access)) != count {
        let (message, length) = mem(b"wrong number of arguments");
        ok(hooks.signal_error(access, message, length));
    }
}

fn adder_init(hooks: Hooks<'_>, access: Access<'_>) {
    expect_arguments(hooks, access, 1);
    let initial = ok(hooks.big_int_new(access, 0));
    ok(hooks.big_int_get_unsigned_argument(access, 0, initial));
    let (key, length) = mem(SUM_KEY);
    ok(hooks.big_int_storage_store_unsigned(access, key, length, initial));
}

fn adder_add(hooks: Hooks<'_>, access: Access<'_>) {
    expect_arguments(hooks, access, 1);
    let sum = ok(hooks.big_int_new(access, 0));
    let value = ok(hooks.big_int_new(access, 0));
    let (key, length) = mem(SUM_KEY);
    ok(hooks.big_int_storage_load_unsigned(access, key, length, sum));
    ok(hooks.big_int_get_unsigned_argument(access, 0, value));
    ok(hooks.big_int_add(access, sum, sum, value));
    ok(hooks.big_int_storage_store_unsigned(access, key, length, sum));
}

fn adder_get_sum(hooks: Hooks<'_>, access: Access<'_>) {
    expect_arguments(hooks, access, 0);
    let sum = ok(hooks.big_int_new(access, 0));
    let (key, length) = mem(SUM_KEY);
    ok(hooks.big_int_storage_load_unsigned(access, key, length, sum));
    ok(hooks.big_int_finish_unsigned(access, sum));
}

/// The native twin of `scenarios/adder/adder.wat`, hook call for hook call: register it for
/// `scenarios/adder/adder.wasm` and the adder scenarios run natively with the same results.
pub const ADDER: NativeContract = NativeContract {
    name: "adder",
    endpoints: &[
        ("init", adder_init),
        ("add", adder_add),
        ("getSum", adder_get_sum),
    ],
};
