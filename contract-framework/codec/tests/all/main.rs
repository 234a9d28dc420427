//! strata-codec's integration tests: byte vectors for every implementation in both
//! directions, error cases, derives and ABI descriptions.

mod abi;
mod derive;
mod numbers;
mod properties;
mod specialized;
mod support;
mod values;
