use blockchain_hooks::BlockchainHooks;

use super::{Objects, Remote, Transport};
use crate::protocol::{HookCall, HookReply};

/// Answers `call` from the object `target` of `objects`; a builtin's `state` is the asking
/// side's object of that number, reached through `link`.
pub(super) fn answer(
    link: &dyn Transport,
    objects: Option<&Objects<'_>>,
    target: u32,
    call: HookCall,
) -> HookReply {
    match objects.and_then(|o| o.get(target)) {
        Some(chain) => answer_from(chain, link, objects, call),
        None => HookReply::Refused(format!("no chain object {target}")),
    }
}

fn answer_from(
    chain: &dyn BlockchainHooks,
    link: &dyn Transport,
    objects: Option<&Objects<'_>>,
    call: HookCall,
) -> HookReply {
    use HookCall as C;
    use HookReply as R;
    match call {
        C::AccountExists(a) => R::Bool(chain.account_exists(&a)),
        C::Nonce(a) => R::U64(chain.nonce(&a)),
        C::Balance(a) => R::Big(chain.balance(&a)),
        C::Code(a) => R::MaybeBytes(chain.code(&a)),
        C::CodeHash(a) => R::MaybeHash(chain.code_hash(&a)),
        C::HashCode(code) => R::MaybeHash(chain.hash_code(&code)),
        C::CodeMetadata(a) => R::Metadata(chain.code_metadata(&a)),
        C::Owner(a) => R::MaybeAddress(chain.owner(&a)),
        C::Username(a) => R::Bytes(chain.username(&a)),
        C::DeveloperRewards(a) => R::Big(chain.developer_rewards(&a)),
        C::Storage(a, key) => R::Storage(chain.storage(&a, &key)),
        C::EsdtTokenData(a, key) => R::EsdtData(chain.esdt_token_data(&a, &key)),
        C::EsdtBalance(a, key) => R::Big(chain.esdt_balance(&a, &key)),
        C::EsdtRoles(a, token) => R::List(chain.esdt_roles(&a, &token)),
        C::EsdtPaused(token) => R::Bool(chain.esdt_paused(&token)),
        C::EsdtLimitedTransfer(token) => R::Bool(chain.esdt_limited_transfer(&token)),
        C::EsdtLastNonce(a, token) => R::U64(chain.esdt_last_nonce(&a, &token)),
        C::CurrentBlock => R::Block(chain.current_block()),
        C::PreviousBlock => R::Block(chain.previous_block()),
        C::EpochStartBlock => R::Block(chain.epoch_start_block()),
        C::RoundTimeMs => R::U64(chain.round_time_ms()),
        C::BlockHash(nonce) => R::MaybeBytes(chain.block_hash(nonce)),
        C::StateRootHash => R::Bytes(chain.state_root_hash()),
        C::NewAddress(a, nonce, vm_type) => R::NewAddress(chain.new_address(&a, nonce, vm_type)),
        C::ShardOf(a) => R::U32(chain.shard_of(&a)),
        C::SelfShard => R::U32(chain.self_shard()),
        C::IsSmartContract(a) => R::Bool(chain.is_smart_contract(&a)),
        C::IsPayable(sender, receiver) => R::Bool(chain.is_payable(&sender, &receiver)),
        C::IsBuiltinFunction(name) => R::Bool(chain.is_builtin_function(&name)),
        C::ProcessBuiltinFunction { input, state } => {
            let state = Remote::new(link, state, objects);
            R::Output(chain.process_builtin_function(&input, &state))
        }
        C::ExecuteOnOtherVm { input, state } => {
            let state = Remote::new(link, state, objects);
            R::Output(chain.execute_on_other_vm(&input, &state))
        }
    }
}
