//! Both sides of the link in one process (two threads over OS pipes): every
//! `BlockchainHooks` method goes through the proxy and comes back with the chain's answer,
//! and the `state` of a builtin call is served by the asking side.

use std::cell::RefCell;
use std::collections::BTreeSet;

use blockchain_hooks::num_bigint::BigUint;
use blockchain_hooks::{
    Address, BlockInfo, BlockchainError, BlockchainHooks, CodeMetadata, ContractCallInput, EsdtKey,
    EsdtTokenData, EsdtTokenType, ReturnCode, StorageRead, VmOutput,
};

use super::{Objects, Remote, Transport, pump};
use crate::host::StreamLink;
use crate::protocol::Message;

/// The names of the methods of `BlockchainHooks`, read from its source.
fn trait_methods() -> BTreeSet<String> {
    let source = include_str!("../../../blockchain-hooks/src/hooks.rs");
    let body = source
        .split("pub trait BlockchainHooks")
        .nth(1)
        .expect("the trait in hooks.rs");
    body.lines()
        .filter_map(|l| l.trim().strip_prefix("fn "))
        .filter_map(|l| l.split(['(', '<']).next())
        .map(str::to_owned)
        .collect()
}

fn addr(n: u8) -> Address {
    Address([n; 32])
}

/// A chain whose every answer depends on its `tag` and the arguments, recording the methods
/// asked.
struct Recorder {
    tag: u8,
    asked: RefCell<BTreeSet<String>>,
}

impl Recorder {
    fn new(tag: u8) -> Self {
        Self {
            tag,
            asked: RefCell::new(BTreeSet::new()),
        }
    }

    fn note(&self, name: &str) {
        self.asked.borrow_mut().insert(name.to_owned());
    }

    fn block(&self, n: u64) -> BlockInfo {
        BlockInfo {
            nonce: n,
            round: n + 1,
            epoch: u32::from(self.tag),
            timestamp: 3,
            timestamp_ms: 3000,
            random_seed: vec![self.tag; 48],
        }
    }
}

impl BlockchainHooks for Recorder {
    fn account_exists(&self, a: &Address) -> bool {
        self.note("account_exists");
        a.0[0] == self.tag
    }
    fn nonce(&self, a: &Address) -> u64 {
        self.note("nonce");
        u64::from(a.0[0]) * 1000 + u64::from(self.tag)
    }
    fn balance(&self, a: &Address) -> BigUint {
        self.note("balance");
        BigUint::from(a.0[0]) << 100
    }
    fn code(&self, a: &Address) -> Option<Vec<u8>> {
        self.note("code");
        (a.0[0] == 1).then(|| vec![0, 0x61, 0x73, 0x6d, self.tag])
    }
    fn code_hash(&self, a: &Address) -> Option<[u8; 32]> {
        self.note("code_hash");
        Some([a.0[0] ^ self.tag; 32])
    }
    fn hash_code(&self, code: &[u8]) -> Option<[u8; 32]> {
        self.note("hash_code");
        Some([code.len() as u8 ^ self.tag; 32])
    }
    fn code_metadata(&self, _: &Address) -> CodeMetadata {
        self.note("code_metadata");
        CodeMetadata([5, self.tag])
    }
    fn owner(&self, a: &Address) -> Option<Address> {
        self.note("owner");
        Some(addr(a.0[0] + 1))
    }
    fn username(&self, _: &Address) -> Vec<u8> {
        self.note("username");
        b"alice.elrond".to_vec()
    }
    fn developer_rewards(&self, _: &Address) -> BigUint {
        self.note("developer_rewards");
        BigUint::from(77u32)
    }
    fn storage(&self, a: &Address, key: &[u8]) -> StorageRead {
        self.note("storage");
        StorageRead {
            value: [key, &[self.tag, a.0[0]]].concat(),
            trie_depth: 4,
        }
    }
    fn esdt_token_data(&self, _: &Address, key: &EsdtKey) -> Option<EsdtTokenData> {
        self.note("esdt_token_data");
        Some(EsdtTokenData {
            token_type: EsdtTokenType::SemiFungible,
            value: BigUint::from(key.nonce + 5),
            properties: vec![1],
            metadata: None,
        })
    }
    fn esdt_balance(&self, _: &Address, key: &EsdtKey) -> BigUint {
        self.note("esdt_balance");
        BigUint::from(key.token.len() as u64 * 11)
    }
    fn esdt_roles(&self, _: &Address, token: &[u8]) -> Vec<Vec<u8>> {
        self.note("esdt_roles");
        vec![b"ESDTRoleLocalMint".to_vec(), token.to_vec()]
    }
    fn esdt_paused(&self, token: &[u8]) -> bool {
        self.note("esdt_paused");
        token == b"PAUSED"
    }
    fn esdt_limited_transfer(&self, token: &[u8]) -> bool {
        self.note("esdt_limited_transfer");
        token == b"LIMITED"
    }
    fn esdt_last_nonce(&self, _: &Address, token: &[u8]) -> u64 {
        self.note("esdt_last_nonce");
        token.len() as u64
    }
    fn current_block(&self) -> BlockInfo {
        self.note("current_block");
        self.block(10)
    }
    fn previous_block(&self) -> BlockInfo {
        self.note("previous_block");
        self.block(9)
    }
    fn epoch_start_block(&self) -> BlockInfo {
        self.note("epoch_start_block");
        self.block(1)
    }
    fn round_time_ms(&self) -> u64 {
        self.note("round_time_ms");
        6000
    }
    fn block_hash(&self, nonce: u64) -> Option<Vec<u8>> {
        self.note("block_hash");
        (nonce < 10).then(|| vec![nonce as u8; 32])
    }
    fn state_root_hash(&self) -> Vec<u8> {
        self.note("state_root_hash");
        vec![self.tag; 32]
    }
    fn new_address(&self, c: &Address, n: u64, vm: [u8; 2]) -> Result<Address, BlockchainError> {
        self.note("new_address");
        if n == 0 {
            return Err(BlockchainError::NewAddress("nonce 0".into()));
        }
        let mut a = c.0;
        a[8..10].copy_from_slice(&vm);
        a[31] = n as u8;
        Ok(Address(a))
    }
    fn shard_of(&self, a: &Address) -> u32 {
        self.note("shard_of");
        u32::from(a.0[31] % 3)
    }
    fn self_shard(&self) -> u32 {
        self.note("self_shard");
        1
    }
    fn is_smart_contract(&self, a: &Address) -> bool {
        self.note("is_smart_contract");
        a.0[0] == 1
    }
    fn is_payable(&self, s: &Address, r: &Address) -> bool {
        self.note("is_payable");
        s.0[0] < r.0[0]
    }
    fn is_builtin_function(&self, name: &str) -> bool {
        self.note("is_builtin_function");
        name.starts_with("ESDT")
    }
    /// Reads the caller's balance and a storage key through `state`, answers them.
    fn process_builtin_function(
        &self,
        input: &ContractCallInput,
        state: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        self.note("process_builtin_function");
        if input.function == "nest" {
            // Runs a builtin on the asking side's state, with a state of this side.
            let inner = ContractCallInput {
                function: "inner".into(),
                ..input.clone()
            };
            return state.process_builtin_function(&inner, &Recorder::new(9));
        }
        if input.function == "fail" {
            return Err(BlockchainError::UnknownBuiltinFunction("fail".into()));
        }
        let caller = input.vm_input.caller;
        Ok(VmOutput {
            return_data: vec![
                state.balance(&caller).to_bytes_be(),
                state.storage(&caller, b"k").value,
            ],
            gas_remaining: input.vm_input.gas_provided - 1,
            ..VmOutput::default()
        })
    }
    fn execute_on_other_vm(
        &self,
        input: &ContractCallInput,
        state: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        self.note("execute_on_other_vm");
        Ok(VmOutput {
            return_code: ReturnCode::UserError,
            return_message: input.function.clone(),
            return_data: vec![state.nonce(&input.recipient).to_be_bytes().to_vec()],
            ..VmOutput::default()
        })
    }
}

/// Every method, asked of `chain`: what the VM side does through the proxy.
fn ask_everything(chain: &dyn BlockchainHooks, state: &dyn BlockchainHooks) -> Vec<String> {
    let (a, b) = (addr(1), addr(2));
    let key = EsdtKey {
        token: b"SFT-abcdef".to_vec(),
        nonce: 3,
    };
    let input = ContractCallInput {
        vm_input: blockchain_hooks::VmInput {
            caller: b,
            gas_provided: 1000,
            ..Default::default()
        },
        recipient: a,
        function: "ESDTTransfer".into(),
        allow_init: false,
    };
    let failing = ContractCallInput {
        function: "fail".into(),
        ..input.clone()
    };
    vec![
        format!("{:?}", chain.account_exists(&a)),
        format!("{:?}", chain.nonce(&b)),
        format!("{:?}", chain.balance(&b)),
        format!("{:?}", chain.code(&a)),
        format!("{:?}", chain.code_hash(&a)),
        format!("{:?}", chain.code_metadata(&a)),
        format!("{:?}", chain.owner(&a)),
        format!("{:?}", chain.username(&a)),
        format!("{:?}", chain.developer_rewards(&a)),
        format!("{:?}", chain.storage(&a, b"key")),
        format!("{:?}", chain.esdt_token_data(&a, &key)),
        format!("{:?}", chain.esdt_balance(&a, &key)),
        format!("{:?}", chain.esdt_roles(&a, b"TOK-123456")),
        format!("{:?}", chain.esdt_paused(b"PAUSED")),
        format!("{:?}", chain.esdt_limited_transfer(b"OTHER")),
        format!("{:?}", chain.esdt_last_nonce(&a, b"NFT")),
        format!("{:?}", chain.current_block()),
        format!("{:?}", chain.previous_block()),
        format!("{:?}", chain.epoch_start_block()),
        format!("{:?}", chain.round_time_ms()),
        format!("{:?}", chain.block_hash(4)),
        format!("{:?}", chain.state_root_hash()),
        format!("{:?}", chain.new_address(&a, 7, [5, 0])),
        format!("{:?}", chain.new_address(&a, 0, [5, 0])),
        format!("{:?}", chain.shard_of(&b)),
        format!("{:?}", chain.self_shard()),
        format!("{:?}", chain.is_smart_contract(&a)),
        format!("{:?}", chain.is_payable(&a, &b)),
        format!("{:?}", chain.is_builtin_function("ESDTNFTTransfer")),
        format!("{:?}", chain.process_builtin_function(&input, state)),
        format!("{:?}", chain.process_builtin_function(&failing, state)),
        format!("{:?}", chain.execute_on_other_vm(&input, state)),
        format!("{:?}", chain.hash_code(b"new code")),
    ]
}

/// Runs `vm_side` on a thread with a proxy to `chain`, served on this thread.
fn through_the_link<T: Send>(
    chain: &dyn BlockchainHooks,
    vm_side: impl FnOnce(&dyn BlockchainHooks) -> T + Send,
) -> T {
    let (node_in, vm_out) = std::io::pipe().unwrap();
    let (vm_in, node_out) = std::io::pipe().unwrap();
    std::thread::scope(|scope| {
        let vm = scope.spawn(move || {
            let link = StreamLink::new(vm_in, vm_out);
            let result = vm_side(&Remote::new(&link, 0, None));
            link.send(&Message::Done(Ok(VmOutput::default()))).unwrap();
            result
        });
        let link = StreamLink::new(node_in, node_out);
        let objects = Objects::push(chain, None);
        let done = pump(&link, Some(&objects)).unwrap();
        assert!(matches!(done, Message::Done(Ok(_))), "{done:?}");
        vm.join().unwrap()
    })
}

#[test]
fn every_method_comes_back_with_the_chain_s_answer() {
    let node_chain = Recorder::new(1);
    let direct = ask_everything(&node_chain, &Recorder::new(2));
    node_chain.asked.borrow_mut().clear();
    let proxied = through_the_link(&node_chain, |proxy| {
        let state = Recorder::new(2);
        let answers = ask_everything(proxy, &state);
        (answers, state.asked.into_inner())
    });
    assert_eq!(proxied.0, direct);
    // The builtin read the VM side's state, not the node's chain.
    assert!(
        direct[29].contains("return_data: [[32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [107, 2, 2]]"),
        "{}",
        direct[29]
    );
    assert_eq!(
        proxied.1,
        ["balance", "nonce", "storage"].map(String::from).into()
    );
    // Every method of the trait was forwarded to the node's chain: a method added to
    // `BlockchainHooks` must be forwarded too (`HookCall`, `rpc/remote.rs`, `rpc/serve.rs`).
    let asked = node_chain.asked.into_inner();
    assert_eq!(asked, trait_methods(), "methods not forwarded by the proxy");
    assert_eq!(asked.len(), 31);
}

#[test]
fn a_state_can_itself_call_a_builtin_with_a_nested_state() {
    let chain = Recorder::new(1);
    let output = through_the_link(&chain, |proxy| {
        let state = Recorder::new(3);
        let input = ContractCallInput {
            vm_input: blockchain_hooks::VmInput {
                caller: addr(4),
                gas_provided: 10,
                ..Default::default()
            },
            function: "nest".into(),
            ..Default::default()
        };
        let output = proxy.process_builtin_function(&input, &state).unwrap();
        (output, state.asked.into_inner())
    });
    // The node's builtin ran the VM side's state's builtin, which read the node's nested
    // state (tag 9): storage "k" + tag + caller byte.
    assert_eq!(output.0.return_data[1], b"k\x09\x04");
    assert_eq!(
        BigUint::from_bytes_be(&output.0.return_data[0]),
        BigUint::from(4u8) << 100
    );
    assert_eq!(output.0.gas_remaining, 9);
    assert_eq!(output.1, ["process_builtin_function".to_owned()].into());
}
