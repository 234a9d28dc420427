//! The actions board members propose, sign and perform.

use strata_contract_framework::prelude::*;

/// A call the multisig makes when the action is performed: `egld_amount` EGLD to `to`, and
/// `endpoint_name` called there with `arguments` (none: a plain transfer).
#[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, TypeAbi, Clone, Debug)]
pub struct CallActionData {
    /// The receiver (an account or a contract).
    pub to: ManagedAddress,
    /// The EGLD sent with the call.
    pub egld_amount: BigUint,
    /// The endpoint called (empty: none).
    pub endpoint_name: ManagedBuffer,
    /// Its arguments, each already top-encoded.
    pub arguments: ManagedVec<ManagedBuffer>,
}

/// An action of the multisig, kept under `actionData.item` + its id until performed or
/// discarded (then `Nothing`: an empty entry).
#[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, TypeAbi, Clone, Debug)]
pub enum Action {
    /// A performed or discarded action.
    Nothing,
    /// Adds an address to the board.
    AddBoardMember(ManagedAddress),
    /// Removes an address from the board.
    RemoveBoardMember(ManagedAddress),
    /// Sets the number of signatures actions need.
    ChangeQuorum(usize),
    /// Sends EGLD and calls an endpoint (transfer-execute).
    SendTransferExecute(CallActionData),
}

impl Action {
    /// Whether the action still waits to be performed.
    pub fn is_pending(&self) -> bool {
        !matches!(self, Action::Nothing)
    }
}
