//! The world's multi-shard mode: an asynchronous call to a contract of another shard runs in
//! that shard as its own transaction, then its callback back in the caller's shard.

use std::sync::{Arc, Mutex};

use blockchain_hooks::{
    Address, BlockchainHooks, CallType, ContractCallInput, ContractCreateInput, GasSchedule,
    OutputTransfer, ReturnCode, VmOutput, WASM_VM_TYPE,
};
use num_bigint::{BigInt, BigUint};
use strata_world_mock::{Account, World};
use vm_handler::{VmError, VmHandler};

fn sc(n: u8) -> Address {
    let mut bytes = [0u8; 32];
    bytes[8] = 5;
    bytes[31] = n;
    Address(bytes)
}

/// What the VM double ran: function, call type, shard, arguments.
type Seen = (String, CallType, u32, Vec<Vec<u8>>);

/// A VM double: `go` sends 10 with `echo@6869` to `sc(2)` asynchronously; `echo` answers its
/// argument; `callBack` records its arguments. It logs what it ran and in which shard.
#[derive(Default)]
struct FakeVm {
    seen: Mutex<Vec<Seen>>,
}

impl VmHandler for FakeVm {
    fn run_smart_contract_create(
        &self,
        _: &ContractCreateInput,
        _: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        Ok(VmOutput::failure(ReturnCode::ExecutionFailed, "no deploys"))
    }

    fn run_smart_contract_call(
        &self,
        input: &ContractCallInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        let vm = &input.vm_input;
        self.seen.lock().expect("lock").push((
            input.function.clone(),
            vm.call_type,
            chain.self_shard(),
            vm.arguments.clone(),
        ));
        let mut out = VmOutput {
            gas_remaining: vm.gas_provided / 2,
            ..VmOutput::default()
        };
        let value = BigInt::from(vm.egld_value.clone());
        out.account_mut(input.recipient).balance_delta += value;
        match input.function.as_str() {
            "go" => {
                out.account_mut(input.recipient).balance_delta -= 10;
                let dest = out.account_mut(sc(2));
                dest.balance_delta += 10;
                dest.output_transfers.push(OutputTransfer {
                    sender: input.recipient,
                    value: BigUint::from(10u32),
                    gas_limit: 1000,
                    gas_locked: 100,
                    data: b"echo@6869".to_vec(),
                    async_data: b"@01@02".to_vec(),
                    call_type: CallType::AsynchronousCall,
                    index: 1,
                });
            }
            "echo" => out.return_data = vm.arguments.clone(),
            _ => {
                let account = out.account_mut(input.recipient);
                account
                    .storage_updates
                    .insert(b"cb".to_vec(), vm.arguments.concat());
            }
        }
        Ok(out)
    }

    fn gas_schedule_change(&self, _: GasSchedule) -> Result<(), VmError> {
        Ok(())
    }
}

#[test]
fn the_destination_runs_in_its_shard_and_the_callback_back_home() {
    let vm = Arc::new(FakeVm::default());
    let mut world = World::new();
    world.register_vm(WASM_VM_TYPE, vm.clone());
    for n in [1, 2] {
        world.set_account(
            sc(n),
            Account {
                balance: BigUint::from(100u32),
                code: Some(vec![0]),
                ..Account::default()
            },
        );
    }
    world.set_shards(2, 0);
    world.set_shard(sc(1), 0);
    world.set_shard(sc(2), 1);
    let input = ContractCallInput {
        recipient: sc(1),
        function: "go".into(),
        ..ContractCallInput::default()
    };
    let out = world.execute_call(&input).expect("runs");
    world.apply_output(&out).expect("applies");
    let outputs = world.run_cross_shard_calls(&out, &[7; 32]).expect("runs");
    assert_eq!(outputs.len(), 2);
    let seen = vm.seen.lock().expect("lock").clone();
    assert_eq!(seen[1].0, "echo");
    assert_eq!((seen[1].1, seen[1].2), (CallType::AsynchronousCall, 1));
    assert_eq!(seen[2].0, "callBack");
    assert_eq!((seen[2].1, seen[2].2), (CallType::AsynchronousCallBack, 0));
    assert_eq!(seen[2].3, vec![vec![0], b"hi".to_vec()]);
    let balance = |n| world.account(&sc(n)).expect("account").balance.clone();
    assert_eq!(
        (balance(1), balance(2)),
        (BigUint::from(90u32), BigUint::from(110u32))
    );
    assert_eq!(
        world.account(&sc(1)).expect("account").storage[&b"cb".to_vec()],
        b"\0hi"
    );
}
