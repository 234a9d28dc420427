use blockchain_hooks::num_bigint::BigUint;
use blockchain_hooks::{
    Address, BlockInfo, BlockchainError, BlockchainHooks, CodeMetadata, ContractCallInput, EsdtKey,
    EsdtTokenData, StorageRead, VmOutput,
};

use super::{Objects, Transport, pump};
use crate::protocol::{HookCall, HookReply, Message, ProtocolError};

/// A chain object of the other side, asked through the link: every method is one
/// [`HookCall`]. While it waits for the answer, the questions the other side asks back are
/// served from `objects`.
///
/// When the link fails the methods answer empty values (and the builtin calls an error);
/// the link stays failed, so the execution around them ends in an error and its output is
/// never used.
pub(crate) struct Remote<'a> {
    link: &'a dyn Transport,
    target: u32,
    objects: Option<&'a Objects<'a>>,
}

impl<'a> Remote<'a> {
    /// The other side's object `target`.
    pub(crate) fn new(
        link: &'a dyn Transport,
        target: u32,
        objects: Option<&'a Objects<'a>>,
    ) -> Self {
        Self {
            link,
            target,
            objects,
        }
    }

    fn exchange(
        &self,
        call: HookCall,
        objects: Option<&Objects<'_>>,
    ) -> Result<HookReply, ProtocolError> {
        self.link.send(&Message::Hook {
            target: self.target,
            call,
        })?;
        match pump(self.link, objects)? {
            Message::HookReply(HookReply::Refused(why)) => Err(ProtocolError::Unexpected(why)),
            Message::HookReply(reply) => Ok(reply),
            other => Err(ProtocolError::Unexpected(format!(
                "{} while waiting for a hook answer",
                other.kind()
            ))),
        }
    }

    /// Asks `call`; `pick` takes the value out of the expected reply.
    fn ask<T: Default>(&self, call: HookCall, pick: impl FnOnce(HookReply) -> Option<T>) -> T {
        let reply = match self.exchange(call, self.objects) {
            Ok(reply) => reply,
            Err(e) => {
                self.link.fail(e);
                return T::default();
            }
        };
        match pick(reply) {
            Some(value) => value,
            None => {
                self.link.fail(ProtocolError::Unexpected(
                    "a reply of the wrong type".into(),
                ));
                T::default()
            }
        }
    }

    /// Asks a builtin-style `call` whose `state` is `state`, numbered on this side.
    fn ask_with_state(
        &self,
        state: &dyn BlockchainHooks,
        call: impl FnOnce(u32) -> HookCall,
    ) -> Result<VmOutput, BlockchainError> {
        let objects = Objects::push(state, self.objects);
        let result = match self.exchange(call(objects.depth()), Some(&objects)) {
            Ok(HookReply::Output(output)) => return output,
            Ok(_) => ProtocolError::Unexpected("a reply of the wrong type".into()),
            Err(e) => e,
        };
        self.link.fail(result.clone());
        Err(BlockchainError::Other(format!(
            "out-of-process VM link: {result}"
        )))
    }
}

macro_rules! pick {
    ($variant:ident) => {
        |reply| match reply {
            HookReply::$variant(v) => Some(v),
            _ => None,
        }
    };
}

impl BlockchainHooks for Remote<'_> {
    fn account_exists(&self, address: &Address) -> bool {
        self.ask(HookCall::AccountExists(*address), pick!(Bool))
    }

    fn nonce(&self, address: &Address) -> u64 {
        self.ask(HookCall::Nonce(*address), pick!(U64))
    }

    fn balance(&self, address: &Address) -> BigUint {
        self.ask(HookCall::Balance(*address), pick!(Big))
    }

    fn code(&self, address: &Address) -> Option<Vec<u8>> {
        self.ask(HookCall::Code(*address), pick!(MaybeBytes))
    }

    fn code_hash(&self, address: &Address) -> Option<[u8; 32]> {
        self.ask(HookCall::CodeHash(*address), pick!(MaybeHash))
    }

    fn hash_code(&self, code: &[u8]) -> Option<[u8; 32]> {
        self.ask(HookCall::HashCode(code.to_vec()), pick!(MaybeHash))
    }

    fn code_metadata(&self, address: &Address) -> CodeMetadata {
        self.ask(HookCall::CodeMetadata(*address), pick!(Metadata))
    }

    fn owner(&self, address: &Address) -> Option<Address> {
        self.ask(HookCall::Owner(*address), pick!(MaybeAddress))
    }

    fn username(&self, address: &Address) -> Vec<u8> {
        self.ask(HookCall::Username(*address), pick!(Bytes))
    }

    fn developer_rewards(&self, address: &Address) -> BigUint {
        self.ask(HookCall::DeveloperRewards(*address), pick!(Big))
    }

    fn storage(&self, address: &Address, key: &[u8]) -> StorageRead {
        self.ask(HookCall::Storage(*address, key.to_vec()), pick!(Storage))
    }

    fn esdt_token_data(&self, address: &Address, key: &EsdtKey) -> Option<EsdtTokenData> {
        self.ask(
            HookCall::EsdtTokenData(*address, key.clone()),
            pick!(EsdtData),
        )
    }

    fn esdt_balance(&self, address: &Address, key: &EsdtKey) -> BigUint {
        self.ask(HookCall::EsdtBalance(*address, key.clone()), pick!(Big))
    }

    fn esdt_roles(&self, address: &Address, token: &[u8]) -> Vec<Vec<u8>> {
        self.ask(HookCall::EsdtRoles(*address, token.to_vec()), pick!(List))
    }

    fn esdt_paused(&self, token: &[u8]) -> bool {
        self.ask(HookCall::EsdtPaused(token.to_vec()), pick!(Bool))
    }

    fn esdt_limited_transfer(&self, token: &[u8]) -> bool {
        self.ask(HookCall::EsdtLimitedTransfer(token.to_vec()), pick!(Bool))
    }

    fn esdt_last_nonce(&self, address: &Address, token: &[u8]) -> u64 {
        self.ask(
            HookCall::EsdtLastNonce(*address, token.to_vec()),
            pick!(U64),
        )
    }

    fn current_block(&self) -> BlockInfo {
        self.ask(HookCall::CurrentBlock, pick!(Block))
    }

    fn previous_block(&self) -> BlockInfo {
        self.ask(HookCall::PreviousBlock, pick!(Block))
    }

    fn epoch_start_block(&self) -> BlockInfo {
        self.ask(HookCall::EpochStartBlock, pick!(Block))
    }

    fn round_time_ms(&self) -> u64 {
        self.ask(HookCall::RoundTimeMs, pick!(U64))
    }

    fn block_hash(&self, nonce: u64) -> Option<Vec<u8>> {
        self.ask(HookCall::BlockHash(nonce), pick!(MaybeBytes))
    }

    fn state_root_hash(&self) -> Vec<u8> {
        self.ask(HookCall::StateRootHash, pick!(Bytes))
    }

    fn new_address(
        &self,
        creator: &Address,
        creator_nonce: u64,
        vm_type: [u8; 2],
    ) -> Result<Address, BlockchainError> {
        let call = HookCall::NewAddress(*creator, creator_nonce, vm_type);
        let failed = match self.exchange(call, self.objects) {
            Ok(HookReply::NewAddress(result)) => return result,
            Ok(_) => ProtocolError::Unexpected("a reply of the wrong type".into()),
            Err(e) => e,
        };
        self.link.fail(failed.clone());
        Err(BlockchainError::Other(format!(
            "out-of-process VM link: {failed}"
        )))
    }

    fn shard_of(&self, address: &Address) -> u32 {
        self.ask(HookCall::ShardOf(*address), pick!(U32))
    }

    fn self_shard(&self) -> u32 {
        self.ask(HookCall::SelfShard, pick!(U32))
    }

    fn is_smart_contract(&self, address: &Address) -> bool {
        self.ask(HookCall::IsSmartContract(*address), pick!(Bool))
    }

    fn is_payable(&self, sender: &Address, receiver: &Address) -> bool {
        self.ask(HookCall::IsPayable(*sender, *receiver), pick!(Bool))
    }

    fn is_builtin_function(&self, name: &str) -> bool {
        self.ask(HookCall::IsBuiltinFunction(name.to_owned()), pick!(Bool))
    }

    fn process_builtin_function(
        &self,
        input: &ContractCallInput,
        state: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        self.ask_with_state(state, |state| HookCall::ProcessBuiltinFunction {
            input: input.clone(),
            state,
        })
    }

    fn execute_on_other_vm(
        &self,
        input: &ContractCallInput,
        state: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        self.ask_with_state(state, |state| HookCall::ExecuteOnOtherVm {
            input: input.clone(),
            state,
        })
    }
}
