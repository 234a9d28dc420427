//! vm-core on a chain of its own: a JSON file of accounts, with nothing from world-mock.
//!
//! ```sh
//! cargo run -p strata-examples --example json_chain              # a chain in the temp folder
//! cargo run -p strata-examples --example json_chain -- chain.json
//! ```
//!
//! vm-core reads a chain only through the `BlockchainHooks` trait and never writes to it: each
//! execution answers a `VmOutput` (balance changes, storage writes, new code) that the chain
//! applies itself. So any store can host the VM. Here, `JsonChain` keeps accounts in memory,
//! loads them from a JSON file, implements `BlockchainHooks` over them (about thirty short
//! methods, most answering "nothing here": this chain has no ESDT, no builtin functions and
//! one shard), applies outputs and writes the file back.
//!
//! Each run opens the next block, deploys the framework adder with 5 if the chain has no
//! contract yet, calls `add(7)` and queries `getSum`: 12 on the first run, 19 on the second,
//! and so on, since the state lives in the file. Transactions cost no fees (gas price 0).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail, ensure};
use blockchain_hooks::num_bigint::{BigInt, BigUint};
use blockchain_hooks::{
    Address, BlockInfo, BlockchainError, BlockchainHooks, CodeMetadata, ContractCallInput,
    ContractCreateInput, EsdtKey, EsdtTokenData, GasSchedule, ReturnCode, StorageRead, VmInput,
    VmOutput,
};
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use vm_core::{VmConfig, VmHost};
use vm_handler::VmHandler;

/// One account as the file stores it: numbers in decimal, bytes in hex.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountFile {
    /// The nonce.
    pub nonce: u64,
    /// The EGLD balance, in decimal.
    pub balance: String,
    /// The contract code (hex), empty for a user.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// The code metadata (hex, 2 bytes).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code_metadata: String,
    /// The owner of a contract (hex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Storage, hex key → hex value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub storage: BTreeMap<String, String>,
}

/// The file: the last block's nonce and timestamp, and the accounts by hex address.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChainFile {
    /// The nonce of the last block.
    pub block_nonce: u64,
    /// Its timestamp, in seconds.
    pub block_timestamp: u64,
    /// Accounts by hex address.
    pub accounts: BTreeMap<String, AccountFile>,
}

/// One account in memory.
#[derive(Clone, Debug, Default)]
struct Account {
    nonce: u64,
    balance: BigUint,
    code: Option<Vec<u8>>,
    code_metadata: CodeMetadata,
    owner: Option<Address>,
    storage: BTreeMap<Vec<u8>, Vec<u8>>,
}

/// The chain: accounts and the current block, in memory between load and save.
#[derive(Debug, Default)]
pub struct JsonChain {
    block: BlockInfo,
    accounts: BTreeMap<Address, Account>,
}

/// The user every run sends from, and what it holds at genesis.
const USER: Address = Address([0x11; 32]);
const GENESIS_BALANCE: u64 = 1_000_000_000;

fn main() -> Result<()> {
    let path = std::env::args_os().nth(1).map_or_else(
        || std::env::temp_dir().join("strata-json-chain.json"),
        PathBuf::from,
    );
    let sum = run(&path)?;
    println!("getSum() = {sum}; the chain is in {}", path.display());
    Ok(())
}

/// One run: load (or create) the chain, deploy the adder if needed, add 7, save; answers
/// the sum.
pub fn run(path: &Path) -> Result<BigUint> {
    let mut chain = if path.exists() {
        JsonChain::load(path)?
    } else {
        JsonChain::genesis()
    };
    chain.next_block();

    // The VM: vm-core on Wasmer, exactly as in wasmer_world.rs; only the chain differs.
    let schedule = GasSchedule::v4();
    let executor = WasmerExecutor::new(WasmerConfig::new(schedule.wasm_opcode_cost.clone()))?;
    let vm = VmHost::new(Arc::new(executor), schedule, VmConfig::default());

    let adder = match chain.first_contract() {
        Some(adder) => adder,
        None => chain.deploy(&vm, USER, adder_code()?, vec![vec![5]])?,
    };
    chain.call(&vm, USER, adder, "add", vec![vec![7]])?;
    let query = call_input(USER, adder, "getSum", Vec::new());
    let output = vm.run_query(&query, &chain)?;
    ensure!(
        output.return_code.is_ok(),
        "getSum: {}",
        output.return_message
    );
    chain.save(path)?;
    Ok(BigUint::from_bytes_be(
        output.return_data.first().context("no result")?,
    ))
}

/// The adder's wasm from its contract file (the `code` field, in hex).
fn adder_code() -> Result<Vec<u8>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/contracts/adder/output/adder.mxsc.json"
    );
    let file: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let code = file["code"]
        .as_str()
        .context("no code in adder.mxsc.json")?;
    Ok(hex::decode(code)?)
}

fn call_input(
    caller: Address,
    to: Address,
    function: &str,
    args: Vec<Vec<u8>>,
) -> ContractCallInput {
    ContractCallInput {
        vm_input: vm_input(caller, args),
        recipient: to,
        function: function.to_owned(),
        allow_init: false,
    }
}

fn vm_input(caller: Address, arguments: Vec<Vec<u8>>) -> VmInput {
    VmInput {
        caller,
        original_caller: caller,
        arguments,
        gas_provided: 5_000_000,
        ..VmInput::default()
    }
}

// ---- The protocol's side: transactions, applying outputs, the file ----

impl JsonChain {
    /// A chain with one user holding [`GENESIS_BALANCE`].
    pub fn genesis() -> Self {
        let mut chain = Self::default();
        let user = Account {
            balance: BigUint::from(GENESIS_BALANCE),
            ..Account::default()
        };
        chain.accounts.insert(USER, user);
        chain
    }

    /// Opens the next block (6 seconds later).
    pub fn next_block(&mut self) {
        self.block.nonce += 1;
        self.block.round += 1;
        self.block.timestamp += 6;
        self.block.timestamp_ms = self.block.timestamp * 1000;
    }

    fn first_contract(&self) -> Option<Address> {
        let mut contracts = self.accounts.iter().filter(|(_, a)| a.code.is_some());
        contracts.next().map(|(address, _)| *address)
    }

    /// A deploy transaction from `sender`: answers the new contract's address.
    fn deploy(
        &mut self,
        vm: &dyn VmHandler,
        sender: Address,
        code: Vec<u8>,
        arguments: Vec<Vec<u8>>,
    ) -> Result<Address> {
        self.bump_nonce(sender);
        let input = ContractCreateInput {
            vm_input: vm_input(sender, arguments),
            code,
            code_metadata: CodeMetadata::from_bytes(&[0x05, 0x00]),
        };
        let output = vm.run_smart_contract_create(&input, self)?;
        let contract = output.output_accounts.values().find(|a| a.code.is_some());
        let contract = contract.map(|a| a.address);
        self.apply(&output)?;
        contract.context("the deploy created no contract")
    }

    /// A call transaction from `sender`.
    fn call(
        &mut self,
        vm: &dyn VmHandler,
        sender: Address,
        to: Address,
        function: &str,
        arguments: Vec<Vec<u8>>,
    ) -> Result<VmOutput> {
        self.bump_nonce(sender);
        let output =
            vm.run_smart_contract_call(&call_input(sender, to, function, arguments), self)?;
        self.apply(&output)?;
        Ok(output)
    }

    /// The protocol counts the transaction before the VM runs it.
    fn bump_nonce(&mut self, sender: Address) {
        self.accounts.entry(sender).or_default().nonce += 1;
    }

    /// Applies a successful output: all of it or, on an error, nothing. A failed one
    /// (return code not ok) is an error here, since this program expects every call to pass.
    fn apply(&mut self, output: &VmOutput) -> Result<()> {
        if !output.return_code.is_ok() {
            bail!("{}: {}", output.return_code, output.return_message);
        }
        let mut changed = BTreeMap::new();
        for (address, out) in &output.output_accounts {
            if !out.esdt_updates.is_empty() {
                bail!("this chain holds no ESDT tokens");
            }
            let mut account = self.accounts.get(address).cloned().unwrap_or_default();
            let balance = BigInt::from(account.balance) + &out.balance_delta;
            account.balance = balance.to_biguint().context("negative balance")?;
            account.nonce = out.nonce.unwrap_or(account.nonce);
            for (key, value) in &out.storage_updates {
                if value.is_empty() {
                    account.storage.remove(key);
                } else {
                    account.storage.insert(key.clone(), value.clone());
                }
            }
            if let Some(code) = out.code.as_ref().filter(|c| !c.is_empty()) {
                account.code = Some(code.clone());
            }
            account.code_metadata = out.code_metadata.unwrap_or(account.code_metadata);
            account.owner = out.code_deployer.or(account.owner);
            changed.insert(*address, account);
        }
        self.accounts.extend(changed);
        for address in &output.deleted_accounts {
            self.accounts.remove(address);
        }
        Ok(())
    }

    /// Reads the chain from `path`.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)?;
        let file: ChainFile = serde_json::from_str(&text)?;
        let mut chain = Self::default();
        chain.block.nonce = file.block_nonce;
        chain.block.round = file.block_nonce;
        chain.block.timestamp = file.block_timestamp;
        chain.block.timestamp_ms = file.block_timestamp * 1000;
        for (address, account) in file.accounts {
            chain
                .accounts
                .insert(address_from_hex(&address)?, account_from_file(&account)?);
        }
        Ok(chain)
    }

    /// Writes the chain to `path`.
    pub fn save(&self, path: &Path) -> Result<()> {
        let accounts = self.accounts.iter().map(|(address, account)| {
            let file = AccountFile {
                nonce: account.nonce,
                balance: account.balance.to_string(),
                code: account.code.as_deref().map(hex::encode).unwrap_or_default(),
                code_metadata: match account.code {
                    Some(_) => hex::encode(account.code_metadata.0),
                    None => String::new(),
                },
                owner: account.owner.map(|o| hex::encode(o.0)),
                storage: account
                    .storage
                    .iter()
                    .map(|(k, v)| (hex::encode(k), hex::encode(v)))
                    .collect(),
            };
            (hex::encode(address.0), file)
        });
        let file = ChainFile {
            block_nonce: self.block.nonce,
            block_timestamp: self.block.timestamp,
            accounts: accounts.collect(),
        };
        std::fs::write(path, serde_json::to_string_pretty(&file)? + "\n")?;
        Ok(())
    }
}

fn address_from_hex(text: &str) -> Result<Address> {
    Address::from_slice(&hex::decode(text)?).with_context(|| format!("{text}: not 32 bytes"))
}

fn account_from_file(file: &AccountFile) -> Result<Account> {
    let mut storage = BTreeMap::new();
    for (key, value) in &file.storage {
        storage.insert(hex::decode(key)?, hex::decode(value)?);
    }
    Ok(Account {
        nonce: file.nonce,
        balance: file.balance.parse().context("balance")?,
        code: (!file.code.is_empty())
            .then(|| hex::decode(&file.code))
            .transpose()?,
        code_metadata: CodeMetadata::from_bytes(&hex::decode(&file.code_metadata)?),
        owner: file.owner.as_deref().map(address_from_hex).transpose()?,
        storage,
    })
}

// ---- The VM's side: what vm-core may ask the chain ----

impl BlockchainHooks for JsonChain {
    fn account_exists(&self, address: &Address) -> bool {
        self.accounts.contains_key(address)
    }
    fn nonce(&self, address: &Address) -> u64 {
        self.accounts.get(address).map_or(0, |a| a.nonce)
    }
    fn balance(&self, address: &Address) -> BigUint {
        self.accounts
            .get(address)
            .map(|a| a.balance.clone())
            .unwrap_or_default()
    }
    fn code(&self, address: &Address) -> Option<Vec<u8>> {
        self.accounts.get(address)?.code.clone()
    }
    /// SHA-256, the hash vm-core uses for code a transaction deploys when the chain's
    /// `hash_code` (left at its default here) does not say otherwise.
    fn code_hash(&self, address: &Address) -> Option<[u8; 32]> {
        let code = self.accounts.get(address)?.code.as_ref()?;
        Some(Sha256::digest(code).into())
    }
    fn code_metadata(&self, address: &Address) -> CodeMetadata {
        self.accounts
            .get(address)
            .map(|a| a.code_metadata)
            .unwrap_or_default()
    }
    fn owner(&self, address: &Address) -> Option<Address> {
        self.accounts.get(address)?.owner
    }
    fn username(&self, _: &Address) -> Vec<u8> {
        Vec::new()
    }
    fn developer_rewards(&self, _: &Address) -> BigUint {
        BigUint::default()
    }
    fn storage(&self, address: &Address, key: &[u8]) -> StorageRead {
        let value = self.accounts.get(address).and_then(|a| a.storage.get(key));
        StorageRead {
            value: value.cloned().unwrap_or_default(),
            trie_depth: 0,
        }
    }
    fn esdt_token_data(&self, _: &Address, _: &EsdtKey) -> Option<EsdtTokenData> {
        None
    }
    fn esdt_roles(&self, _: &Address, _: &[u8]) -> Vec<Vec<u8>> {
        Vec::new()
    }
    fn esdt_paused(&self, _: &[u8]) -> bool {
        false
    }
    fn esdt_limited_transfer(&self, _: &[u8]) -> bool {
        false
    }
    fn esdt_last_nonce(&self, _: &Address, _: &[u8]) -> u64 {
        0
    }
    fn current_block(&self) -> BlockInfo {
        self.block.clone()
    }
    fn previous_block(&self) -> BlockInfo {
        BlockInfo::default()
    }
    fn epoch_start_block(&self) -> BlockInfo {
        BlockInfo::default()
    }
    fn round_time_ms(&self) -> u64 {
        6_000
    }
    fn block_hash(&self, _: u64) -> Option<Vec<u8>> {
        None
    }
    fn state_root_hash(&self) -> Vec<u8> {
        Vec::new()
    }
    /// A contract address of this chain's own making: 8 zero bytes (what marks a contract),
    /// the VM type, 20 bytes of SHA-256(creator, nonce), the creator's last two bytes.
    fn new_address(
        &self,
        creator: &Address,
        nonce: u64,
        vm_type: [u8; 2],
    ) -> Result<Address, BlockchainError> {
        let digest: [u8; 32] = Sha256::new()
            .chain_update(creator.0)
            .chain_update(nonce.to_le_bytes())
            .finalize()
            .into();
        let mut address = [0u8; 32];
        address[8..10].copy_from_slice(&vm_type);
        address[10..30].copy_from_slice(&digest[..20]);
        address[30..].copy_from_slice(&creator.0[30..]);
        Ok(Address(address))
    }
    fn shard_of(&self, _: &Address) -> u32 {
        0
    }
    fn self_shard(&self) -> u32 {
        0
    }
    fn is_builtin_function(&self, _: &str) -> bool {
        false
    }
    fn process_builtin_function(
        &self,
        input: &ContractCallInput,
        _: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        let message = format!("{}: this chain has no builtin functions", input.function);
        Ok(VmOutput::failure(ReturnCode::FunctionNotFound, message))
    }
}
