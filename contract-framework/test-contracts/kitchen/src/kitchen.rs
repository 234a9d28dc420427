//! A contract using every part of the framework, for the framework's tests: mappers, typed
//! storage, arguments and results, payable checks, call value (EGLD and ESDT), events,
//! blockchain information, transfers, synchronous calls, promises with callbacks, deploys.
#![no_std]

extern crate alloc;

use strata_contract_framework::io::all_arguments;
use strata_contract_framework::prelude::*;

#[contract]
pub trait Kitchen {
    #[init]
    fn init(&self) {}

    #[storage_mapper("list")]
    fn list(&self) -> VecMapper<u32>;

    #[storage_mapper("set")]
    fn set(&self) -> SetMapper<ManagedBuffer>;

    #[storage_mapper("uset")]
    fn uset(&self) -> UnorderedSetMapper<ManagedBuffer>;

    #[storage_mapper("map")]
    fn map(&self) -> MapMapper<u64, BigUint>;

    #[storage("plain")]
    fn plain(&self, id: u8) -> u64;

    #[storage("plain")]
    fn set_plain(&self, id: u8, value: u64);

    #[endpoint(vecPush)]
    fn vec_push(&self, value: u32) -> usize {
        self.list().push(&value)
    }

    #[endpoint(vecSwapRemove)]
    fn vec_swap_remove(&self, index: u32) {
        self.list().swap_remove(index as usize);
    }

    #[view(vecGet)]
    fn vec_get(&self, index: u32) -> u32 {
        self.list().get(index as usize)
    }

    #[endpoint(setInsert)]
    fn set_insert(&self, value: ManagedBuffer) -> bool {
        self.set().insert(value)
    }

    #[endpoint(setRemove)]
    fn set_remove(&self, value: ManagedBuffer) -> bool {
        self.set().remove(&value)
    }

    #[view(setItems)]
    fn set_items(&self) -> ManagedVec<ManagedBuffer> {
        let mut items = ManagedVec::new();
        for item in self.set().iter() {
            items.push(item);
        }
        items
    }

    #[endpoint(usetInsert)]
    fn uset_insert(&self, value: ManagedBuffer) -> bool {
        self.uset().insert(value)
    }

    #[endpoint(usetRemove)]
    fn uset_remove(&self, value: ManagedBuffer) -> bool {
        self.uset().swap_remove(&value)
    }

    #[endpoint(mapInsert)]
    fn map_insert(&self, key: u64, value: BigUint) {
        self.map().insert(key, value);
    }

    #[endpoint(mapRemove)]
    fn map_remove(&self, key: u64) -> Option<BigUint> {
        self.map().remove(&key)
    }

    #[view(mapGet)]
    fn map_get(&self, key: u64) -> Option<BigUint> {
        self.map().get(&key)
    }

    #[endpoint(plainSet)]
    fn plain_set(&self, id: u8, value: u64) {
        self.set_plain(id, value);
    }

    #[view(plainGet)]
    fn plain_get(&self, id: u8) -> u64 {
        self.plain(id)
    }

    #[endpoint]
    #[payable("*")]
    fn deposit(&self) -> BigUint {
        let value = call_value::egld_value();
        self.deposit_event(&blockchain::caller(), &value);
        value
    }

    #[endpoint(egldOnly)]
    #[payable("EGLD")]
    fn egld_only(&self) -> BigUint {
        call_value::egld_value()
    }

    #[view]
    fn whoami(&self) -> ManagedAddress {
        blockchain::caller()
    }

    #[view]
    fn me(&self) -> ManagedAddress {
        blockchain::sc_address()
    }

    #[view(egldBalance)]
    fn egld_balance(&self, address: ManagedAddress) -> BigUint {
        blockchain::balance(&address)
    }

    #[view(ownBalance)]
    fn own_balance(&self) -> BigUint {
        blockchain::sc_balance()
    }

    /// Allocates `n` bytes on the heap (growing memory on wasm) and sums them.
    #[view(heapSum)]
    fn heap_sum(&self, n: u32) -> u64 {
        let bytes: alloc::vec::Vec<u8> = (0..n).map(|i| i as u8).collect();
        let more: alloc::vec::Vec<u8> = alloc::vec![1; n as usize];
        bytes.iter().chain(more.iter()).map(|b| u64::from(*b)).sum()
    }

    #[view]
    fn sha(&self, data: ManagedBuffer) -> ManagedBuffer {
        crypto::sha256(&data)
    }

    #[view]
    fn keccak(&self, data: ManagedBuffer) -> ManagedBuffer {
        crypto::keccak256(&data)
    }

    #[view(storageOf)]
    fn storage_of(&self, address: ManagedAddress, key: ManagedBuffer) -> ManagedBuffer {
        strata_contract_framework::io::storage_get_raw_from(&address, &key)
    }

    #[endpoint(ownerOnly)]
    #[only_owner]
    fn owner_only(&self, x: u32) -> u32 {
        x
    }

    /// The amount, name, creator, royalties and first URI of `token` at `nonce` held by
    /// `holder`, nested one after the other.
    #[view(tokenData)]
    fn token_data(
        &self,
        holder: ManagedAddress,
        token: TokenIdentifier,
        nonce: u64,
    ) -> ManagedBuffer {
        let data = blockchain::esdt_token_data(&holder, &token, nonce);
        let mut out = ManagedBuffer::new();
        out.append(&data.amount.to_bytes_be_buffer());
        out.append_bytes(b"/");
        out.append(&data.name);
        out.append_bytes(b"/");
        out.append(data.creator.as_buffer());
        out.append_bytes(b"/");
        out.append(&data.royalties.to_bytes_be_buffer());
        out.append_bytes(b"/");
        if let Some(uri) = data.uris.get(0) {
            out.append(&uri);
        }
        out
    }

    /// The sum of `first` and every further argument, and each of them doubled.
    #[view(sumAll)]
    fn sum_all(&self, first: u64, rest: MultiValueEncoded<u64>) -> MultiValueEncoded<u64> {
        let mut out = MultiValueEncoded::new();
        let mut total = first;
        for value in rest.iter() {
            total += value;
            out.push(&(value * 2));
        }
        out.push(&total);
        out
    }

    #[view(blockNonce)]
    fn block_nonce(&self) -> u64 {
        blockchain::block_nonce()
    }

    #[view]
    fn difference(&self, a: BigUint, b: BigUint) -> BigUint {
        a - b
    }

    /// 0 when `a` is below 1000, 1 when equal, 2 when above (comparisons with a `u64`).
    #[view(compareThousand)]
    fn compare_thousand(&self, a: BigUint) -> u8 {
        if a < 1000u64 {
            0
        } else if a == 1000u64 {
            1
        } else {
            2
        }
    }

    #[view]
    fn signed(&self, a: BigInt, b: BigInt) -> BigInt {
        a - b
    }

    #[view]
    fn small(&self, x: u8) -> u8 {
        x.wrapping_add(1)
    }

    #[endpoint]
    fn boom(&self) {
        panic!("a contract bug");
    }

    #[endpoint(sendEgld)]
    fn send_egld(&self, to: ManagedAddress, amount: BigUint) {
        send::direct_egld(&to, &amount);
    }

    #[endpoint(esdtEcho)]
    #[payable("*")]
    fn esdt_echo(&self) -> ManagedVec<EsdtTokenPayment> {
        call_value::all_esdt_transfers()
    }

    #[endpoint(singleEsdt)]
    #[payable("*")]
    fn single_esdt(&self) -> EsdtTokenPayment {
        call_value::single_esdt()
    }

    #[endpoint(sendEsdt)]
    fn send_esdt(&self, to: ManagedAddress, token: TokenIdentifier, amount: BigUint) {
        let mut payments = ManagedVec::new();
        payments.push(EsdtTokenPayment::new(token, 0, amount));
        send::direct_esdt(&to, &payments);
    }

    #[view(esdtBalance)]
    fn esdt_balance(&self, token: TokenIdentifier) -> BigUint {
        blockchain::esdt_balance(&blockchain::sc_address(), &token, 0)
    }

    #[endpoint(deployCopy)]
    fn deploy_copy(&self, source: ManagedAddress) -> ManagedAddress {
        let (address, _results) = send::deploy_from_source(
            &source,
            &ManagedBuffer::new_from_bytes(&[5, 0]),
            &BigUint::zero(),
            blockchain::gas_left() / 2,
            &send::CallArgs::new(),
        );
        address
    }

    #[endpoint(callDouble)]
    fn call_double(&self, to: ManagedAddress, x: BigUint) -> BigUint {
        let mut args = send::CallArgs::new();
        args.push(x.to_bytes_be_buffer());
        let results = send::execute_on_dest_context(
            &to,
            &BigUint::zero(),
            blockchain::gas_left() / 2,
            &ManagedBuffer::from("double"),
            &args,
        );
        match results.get(0) {
            Some(result) => BigUint::from_bytes_be_buffer(&result),
            None => sc_panic!("no result"),
        }
    }

    #[endpoint(callAsync)]
    fn async_call(&self, to: ManagedAddress, function: ManagedBuffer, x: BigUint) {
        let mut args = send::CallArgs::new();
        args.push(x.to_bytes_be_buffer());
        send::register_promise(&send::AsyncCall {
            to: &to,
            value: &BigUint::zero(),
            function: &function,
            args: &args,
            gas: 5_000_000,
            extra_gas_for_callback: 2_000_000,
            success: "on_done",
            error: "on_fail",
            closure: &ManagedBuffer::from("ctx"),
        });
    }

    #[callback]
    fn on_done(&self) {
        self.callback_record("done");
    }

    #[callback]
    fn on_fail(&self) {
        self.callback_record("fail");
    }

    fn callback_record(&self, which: &str) {
        let args = all_arguments();
        let mut record = ManagedBuffer::from(which);
        for arg in &args {
            record.append_bytes(b"/");
            record.append(&arg);
        }
        record.append_bytes(b"/");
        record.append(&send::callback_closure());
        self.callback_log().set(record);
    }

    #[storage_mapper("callback")]
    fn callback_log(&self) -> SingleValueMapper<ManagedBuffer>;

    #[event("deposit")]
    fn deposit_event(&self, #[indexed] from: &ManagedAddress, amount: &BigUint);
}
