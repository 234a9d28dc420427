//! BLS signatures on BLS12-381, as the production chain's signer configures them.

use super::prelude::*;

refused! {
    verify_bls(MemPtr, MemPtr, MemLength, MemPtr) -> i32;
    managed_verify_bls(i32, i32, i32) -> i32;
    managed_verify_bls_signature_share(i32, i32, i32) -> i32;
    managed_verify_bls_aggregated_signature(i32, i32, i32) -> i32;
}
