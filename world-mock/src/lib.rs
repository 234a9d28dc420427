//! Strata's in-memory blockchain (a `BlockchainHooks` implementation with builtin functions,
//! ESDT and shards) and the scenario JSON runner. (They arrive with their issue.)
