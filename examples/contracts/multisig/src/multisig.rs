//! A multi-signature wallet: a board of members and a quorum, set at init. A member proposes
//! an action (a call to another contract or a transfer, a board change, a quorum change) and
//! signs it; other members sign it too; once as many members as the quorum signed, any member
//! performs it. A member can withdraw their signature (`unsign`), and an action nobody on the
//! board signs any more can be discarded.
//!
//! Storage: `quorum`, `board` (an unordered set of addresses: `board.len`,
//! `board.item` + index, `board.index` + address), `actionData` (a list of [`Action`]s:
//! `actionData.len`, `actionData.item` + id), `actionSigners` + id (the signers' addresses,
//! back to back).
#![no_std]

mod action;

pub use action::{Action, CallActionData};

use strata_contract_framework::prelude::*;

/// The errors of the multisig, as `require!` messages.
pub mod errors {
    /// `init` with no board member.
    pub const EMPTY_BOARD: &str = "board cannot be empty";
    /// `init` with an address twice.
    pub const DUPLICATE_MEMBER: &str = "duplicate board member";
    /// A quorum of zero.
    pub const ZERO_QUORUM: &str = "quorum cannot be zero";
    /// A quorum above the board size (at init, on a quorum change or a removal).
    pub const QUORUM_EXCEEDS_BOARD: &str = "quorum cannot exceed board size";
    /// A removal that would leave no board member.
    pub const CANNOT_REMOVE_ALL: &str = "cannot remove all board members";
    /// A proposal from outside the board.
    pub const ONLY_BOARD_PROPOSE: &str = "only board members can propose";
    /// A signature from outside the board.
    pub const ONLY_BOARD_SIGN: &str = "only board members can sign";
    /// An `unsign` from outside the board.
    pub const ONLY_BOARD_UNSIGN: &str = "only board members can un-sign";
    /// A `performAction` from outside the board.
    pub const ONLY_BOARD_PERFORM: &str = "only board members can perform actions";
    /// A `discardAction` from outside the board.
    pub const ONLY_BOARD_DISCARD: &str = "only board members can discard actions";
    /// An action id never proposed, or already performed or discarded.
    pub const NO_SUCH_ACTION: &str = "action does not exist";
    /// A second signature of the same member.
    pub const ALREADY_SIGNED: &str = "action already signed";
    /// An `unsign` of an action the caller did not sign.
    pub const NOT_SIGNED: &str = "action not signed";
    /// `performAction` with fewer valid signatures than the quorum.
    pub const QUORUM_NOT_REACHED: &str = "quorum has not been reached";
    /// `discardAction` of an action board members still sign.
    pub const STILL_SIGNED: &str = "cannot discard action with valid signatures";
    /// Too little gas left to make the call of a transfer-execute action.
    pub const INSUFFICIENT_GAS: &str = "insufficient gas for call";
}

/// The gas `performAction` keeps to finish after the call of a transfer-execute action.
pub const PERFORM_ACTION_FINISH_GAS: u64 = 300_000;

/// A wallet whose actions need the signatures of a quorum of its board.
#[contract]
pub trait Multisig {
    /// The number of signatures an action needs.
    #[view(getQuorum)]
    #[storage_mapper("quorum")]
    fn quorum(&self) -> SingleValueMapper<usize>;

    /// The board members.
    #[storage_mapper("board")]
    fn board(&self) -> UnorderedSetMapper<ManagedAddress>;

    /// The actions, by id (from 1).
    #[storage_mapper("actionData")]
    fn actions(&self) -> VecMapper<Action>;

    /// Who signed action `action_id`.
    #[view(getActionSigners)]
    #[storage_mapper("actionSigners")]
    fn action_signers(&self, action_id: usize) -> SingleValueMapper<ManagedVec<ManagedAddress>>;

    /// Starts the wallet with `quorum` and the members `board` (one argument each).
    #[init]
    fn init(&self, quorum: usize, board: MultiValueEncoded<ManagedAddress>) {
        require!(!board.is_empty(), errors::EMPTY_BOARD);
        for member in board.iter() {
            require!(self.board().insert(member), errors::DUPLICATE_MEMBER);
        }
        self.set_quorum(quorum);
    }

    /// Accepts EGLD, for the transfers the board will decide.
    #[endpoint]
    #[payable("EGLD")]
    fn deposit(&self) {}

    /// Proposes adding `address` to the board; the action id.
    #[endpoint(proposeAddBoardMember)]
    fn propose_add_board_member(&self, address: ManagedAddress) -> usize {
        self.propose(Action::AddBoardMember(address))
    }

    /// Proposes removing `address` from the board; the action id.
    #[endpoint(proposeRemoveBoardMember)]
    fn propose_remove_board_member(&self, address: ManagedAddress) -> usize {
        self.propose(Action::RemoveBoardMember(address))
    }

    /// Proposes a new quorum; the action id.
    #[endpoint(proposeChangeQuorum)]
    fn propose_change_quorum(&self, quorum: usize) -> usize {
        self.propose(Action::ChangeQuorum(quorum))
    }

    /// Proposes sending `egld_amount` to `to` and calling `endpoint_name` there with
    /// `arguments` (the call's arguments as they are, one argument each; an empty name and no
    /// arguments: a plain transfer); the action id.
    #[endpoint(proposeTransferExecute)]
    fn propose_transfer_execute(
        &self,
        to: ManagedAddress,
        egld_amount: BigUint,
        endpoint_name: ManagedBuffer,
        arguments: MultiValueEncoded<ManagedBuffer>,
    ) -> usize {
        self.propose(Action::SendTransferExecute(CallActionData {
            to,
            egld_amount,
            endpoint_name,
            arguments: arguments.raw().clone(),
        }))
    }

    /// Adds the caller's signature to action `action_id`.
    #[endpoint]
    fn sign(&self, action_id: usize) {
        let caller = self.require_board_member(errors::ONLY_BOARD_SIGN);
        self.require_pending(action_id);
        let mut signers = self.action_signers(action_id).get();
        require!(!contains(&signers, &caller), errors::ALREADY_SIGNED);
        signers.push(caller);
        self.action_signers(action_id).set(signers);
    }

    /// Withdraws the caller's signature from action `action_id`.
    #[endpoint]
    fn unsign(&self, action_id: usize) {
        let caller = self.require_board_member(errors::ONLY_BOARD_UNSIGN);
        self.require_pending(action_id);
        let signers = self.action_signers(action_id).get();
        require!(contains(&signers, &caller), errors::NOT_SIGNED);
        let mut others = ManagedVec::new();
        for signer in signers.iter().filter(|signer| *signer != caller) {
            others.push(signer);
        }
        self.action_signers(action_id).set(others);
    }

    /// Performs action `action_id`, signed by at least a quorum of the board, and forgets it.
    #[endpoint(performAction)]
    fn perform_action(&self, action_id: usize) {
        let caller = self.require_board_member(errors::ONLY_BOARD_PERFORM);
        self.require_pending(action_id);
        require!(self.quorum_reached(action_id), errors::QUORUM_NOT_REACHED);
        let action = self.actions().get(action_id);
        self.clear_action(action_id);
        self.action_performed_event(action_id, &caller, &action);
        match action {
            Action::Nothing => {}
            Action::AddBoardMember(address) => {
                self.board().insert(address);
            }
            Action::RemoveBoardMember(address) => {
                self.board().swap_remove(&address);
                require!(!self.board().is_empty(), errors::CANNOT_REMOVE_ALL);
                require!(
                    self.quorum().get() <= self.board().len(),
                    errors::QUORUM_EXCEEDS_BOARD
                );
            }
            Action::ChangeQuorum(quorum) => self.set_quorum(quorum),
            Action::SendTransferExecute(call) => perform_call(&call),
        }
    }

    /// Forgets action `action_id`, which no board member signs any more.
    #[endpoint(discardAction)]
    fn discard_action(&self, action_id: usize) {
        self.require_board_member(errors::ONLY_BOARD_DISCARD);
        self.require_pending(action_id);
        require!(
            self.valid_signer_count(action_id) == 0,
            errors::STILL_SIGNED
        );
        self.clear_action(action_id);
    }

    /// The number of board members.
    #[view(getNumBoardMembers)]
    fn num_board_members(&self) -> usize {
        self.board().len()
    }

    /// The board members, one result each.
    #[view(getAllBoardMembers)]
    fn all_board_members(&self) -> MultiValueEncoded<ManagedAddress> {
        let mut members = MultiValueEncoded::new();
        for member in self.board().iter() {
            members.push(&member);
        }
        members
    }

    /// Whether `address` is on the board.
    #[view(isBoardMember)]
    fn is_board_member(&self, address: ManagedAddress) -> bool {
        self.board().contains(&address)
    }

    /// The id of the last action proposed (0: none yet).
    #[view(getActionLastIndex)]
    fn action_last_index(&self) -> usize {
        self.actions().len()
    }

    /// Action `action_id` (`Nothing` once performed or discarded, or never proposed).
    #[view(getActionData)]
    fn action_data(&self, action_id: usize) -> Action {
        if action_id == 0 || action_id > self.actions().len() {
            return Action::Nothing;
        }
        self.actions().get(action_id)
    }

    /// The number of signatures of action `action_id`.
    #[view(getActionSignerCount)]
    fn action_signer_count(&self, action_id: usize) -> usize {
        self.action_signers(action_id).get().len()
    }

    /// The number of signatures of action `action_id` by current board members.
    #[view(getActionValidSignerCount)]
    fn valid_signer_count(&self, action_id: usize) -> usize {
        let board = self.board();
        let signers = self.action_signers(action_id).get();
        signers
            .iter()
            .filter(|signer| board.contains(signer))
            .count()
    }

    /// Whether action `action_id` has the signatures of a quorum of the board.
    #[view(quorumReached)]
    fn quorum_reached(&self, action_id: usize) -> bool {
        self.valid_signer_count(action_id) >= self.quorum().get()
    }

    /// Whether `user` signed action `action_id`.
    #[view]
    fn signed(&self, user: ManagedAddress, action_id: usize) -> bool {
        contains(&self.action_signers(action_id).get(), &user)
    }

    /// Stores `action`, signed by its proposer; its id.
    fn propose(&self, action: Action) -> usize {
        let proposer = self.require_board_member(errors::ONLY_BOARD_PROPOSE);
        let action_id = self.actions().push(&action);
        let mut signers = ManagedVec::new();
        signers.push(proposer.clone());
        self.action_signers(action_id).set(signers);
        self.action_proposed_event(action_id, &proposer, &action);
        action_id
    }

    /// The caller, who must be on the board (else the contract stops with `message`).
    fn require_board_member(&self, message: &str) -> ManagedAddress {
        let caller = blockchain::caller();
        require!(self.board().contains(&caller), message);
        caller
    }

    /// Stops the contract unless action `action_id` waits to be performed.
    fn require_pending(&self, action_id: usize) {
        require!(
            self.action_data(action_id).is_pending(),
            errors::NO_SUCH_ACTION
        );
    }

    /// Checks and stores a new quorum.
    fn set_quorum(&self, quorum: usize) {
        require!(quorum > 0, errors::ZERO_QUORUM);
        require!(quorum <= self.board().len(), errors::QUORUM_EXCEEDS_BOARD);
        self.quorum().set(quorum);
    }

    /// Empties the entry and the signatures of action `action_id` (its id stays used).
    fn clear_action(&self, action_id: usize) {
        self.actions().clear_entry(action_id);
        self.action_signers(action_id).clear();
    }

    /// `proposer` proposed action `action_id`.
    #[event("actionProposed")]
    fn action_proposed_event(
        &self,
        #[indexed] action_id: usize,
        #[indexed] proposer: &ManagedAddress,
        action: &Action,
    );

    /// `performer` performed action `action_id`.
    #[event("actionPerformed")]
    fn action_performed_event(
        &self,
        #[indexed] action_id: usize,
        #[indexed] performer: &ManagedAddress,
        action: &Action,
    );
}

/// Makes the call of a transfer-execute action with all the gas left but what the caller
/// needs to finish (none for a plain transfer).
fn perform_call(call: &CallActionData) {
    let gas = if call.endpoint_name.is_empty() {
        0
    } else {
        let gas_left = blockchain::gas_left();
        require!(
            gas_left > PERFORM_ACTION_FINISH_GAS,
            errors::INSUFFICIENT_GAS
        );
        gas_left - PERFORM_ACTION_FINISH_GAS
    };
    send::transfer_execute_egld(
        &call.to,
        &call.egld_amount,
        gas,
        &call.endpoint_name,
        &call.arguments,
    );
}

/// Whether `address` is in `list`.
fn contains(list: &ManagedVec<ManagedAddress>, address: &ManagedAddress) -> bool {
    list.iter().any(|item| item == *address)
}
