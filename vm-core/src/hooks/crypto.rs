//! Hashes and signature verification (ed25519, secp256k1, secp256r1).

use super::prelude::*;

refused! {
    sha256(MemPtr, MemLength, MemPtr) -> i32;
    managed_sha256(i32, i32) -> i32;
    keccak256(MemPtr, MemLength, MemPtr) -> i32;
    managed_keccak256(i32, i32) -> i32;
    ripemd160(MemPtr, MemLength, MemPtr) -> i32;
    managed_ripemd160(i32, i32) -> i32;
    verify_ed25519(MemPtr, MemPtr, MemLength, MemPtr) -> i32;
    managed_verify_ed25519(i32, i32, i32) -> i32;
    verify_custom_secp256k1(MemPtr, MemLength, MemPtr, MemLength, MemPtr, i32) -> i32;
    managed_verify_custom_secp256k1(i32, i32, i32, i32) -> i32;
    verify_secp256k1(MemPtr, MemLength, MemPtr, MemLength, MemPtr) -> i32;
    managed_verify_secp256k1(i32, i32, i32) -> i32;
    encode_secp256k1_der_signature(MemPtr, MemLength, MemPtr, MemLength, MemPtr) -> i32;
    managed_encode_secp256k1_der_signature(i32, i32, i32) -> i32;
    managed_verify_secp256r1(i32, i32, i32) -> i32;
}
