//! Hand-written native contracts: each endpoint calls the VM's hooks directly and unwinds
//! with the hook's `EarlyExit` when one stops it, following `executor_api::native`.

pub use executor_api::native::{memory_of as ptr, stop_on_exit as ok};
use executor_api::{InstanceAccess, NativeContract, VMHooks};

type H<'a> = &'a mut dyn VMHooks;
type I<'a> = &'a mut dyn InstanceAccess;

const SUM: &[u8] = b"sum";

fn expect_args(h: H<'_>, i: I<'_>, n: i32) {
    if ok(h.get_num_arguments(i)) != n {
        let (p, l) = ptr(b"wrong number of arguments");
        ok(h.signal_error(i, p, l));
    }
}

fn adder_init(h: H<'_>, i: I<'_>) {
    expect_args(h, i, 1);
    let v = ok(h.big_int_new(i, 0));
    ok(h.big_int_get_unsigned_argument(i, 0, v));
    let (p, l) = ptr(SUM);
    ok(h.big_int_storage_store_unsigned(i, p, l, v));
}

fn adder_add(h: H<'_>, i: I<'_>) {
    expect_args(h, i, 1);
    let sum = ok(h.big_int_new(i, 0));
    let v = ok(h.big_int_new(i, 0));
    let (p, l) = ptr(SUM);
    ok(h.big_int_storage_load_unsigned(i, p, l, sum));
    ok(h.big_int_get_unsigned_argument(i, 0, v));
    ok(h.big_int_add(i, sum, sum, v));
    ok(h.big_int_storage_store_unsigned(i, p, l, sum));
}

fn adder_get_sum(h: H<'_>, i: I<'_>) {
    expect_args(h, i, 0);
    let sum = ok(h.big_int_new(i, 0));
    let (p, l) = ptr(SUM);
    ok(h.big_int_storage_load_unsigned(i, p, l, sum));
    ok(h.big_int_finish_unsigned(i, sum));
}

/// The native twin of `examples/scenarios/adder/adder.wat`, hook for hook.
pub const ADDER: NativeContract = NativeContract {
    name: "adder",
    endpoints: &[
        ("init", adder_init),
        ("add", adder_add),
        ("getSum", adder_get_sum),
    ],
};

fn no_op(_: H<'_>, _: I<'_>) {}

fn panics(_: H<'_>, _: I<'_>) {
    let numbers: Vec<u32> = Vec::new();
    // An index out of bounds: a bug of the contract.
    let _ = numbers[usize::from(numbers.is_empty())];
}

fn finishes_then_fails(h: H<'_>, i: I<'_>) {
    ok(h.int64finish(i, 5));
    let (p, l) = ptr(b"refused by the contract");
    ok(h.signal_error(i, p, l));
    unreachable!("signalError stops the endpoint");
}

fn spends_gas(h: H<'_>, i: I<'_>) {
    // Only hooks cost gas natively: this loops until a hook runs out of it.
    loop {
        ok(h.get_gas_left(i));
    }
}

fn my_address(h: H<'_>, i: I<'_>) {
    let mut address = [0u8; 32];
    let (p, _) = ptr(&address);
    ok(h.get_sc_address(i, p));
    let (p, l) = ptr(&address);
    ok(h.finish(i, p, l));
    address[0] ^= 0xff;
    let (p, l) = ptr(&address);
    ok(h.finish(i, p, l));
}

/// A contract of small behaviors: a panic, a user error after a result, a hook loop that
/// runs out of gas, its own address written into its memory by a hook.
pub const MISC: NativeContract = NativeContract {
    name: "misc",
    endpoints: &[
        ("init", no_op),
        ("panics", panics),
        ("finishesThenFails", finishes_then_fails),
        ("spendsGas", spends_gas),
        ("myAddress", my_address),
    ],
};

/// Calls `function` of the contract whose address is argument 0 with the rest of the
/// arguments, synchronously (`managedExecuteOnDestContext`), with all its gas but 100,000.
fn forward(h: H<'_>, i: I<'_>) {
    let count = ok(h.get_num_arguments(i));
    let dest = ok(h.mbuffer_new(i));
    ok(h.mbuffer_get_argument(i, 0, dest));
    let function = ok(h.mbuffer_new(i));
    ok(h.mbuffer_get_argument(i, 1, function));
    let args = ok(h.mbuffer_new(i));
    for index in 2..count {
        let arg = ok(h.mbuffer_new(i));
        ok(h.mbuffer_get_argument(i, index, arg));
        // A managed vector of buffers holds their handles, big-endian.
        let (p, l) = ptr(&arg.to_be_bytes());
        ok(h.mbuffer_append_bytes(i, args, p, l));
    }
    let value = ok(h.big_int_new(i, 0));
    let results = ok(h.mbuffer_new(i));
    let gas = ok(h.get_gas_left(i)).saturating_sub(100_000);
    ok(h.managed_execute_on_dest_context(i, gas, dest, value, function, args, results));
}

/// Forwards calls to other contracts: a native contract calling natives and wasm alike.
pub const FORWARDER: NativeContract = NativeContract {
    name: "forwarder",
    endpoints: &[("init", no_op), ("forward", forward)],
};
