//! Hashes, signature verification and elliptic curves.

use super::prelude::*;

refused! {
    sha256(MemPtr, MemLength, MemPtr) -> i32;
    managed_sha256(i32, i32) -> i32;
    keccak256(MemPtr, MemLength, MemPtr) -> i32;
    managed_keccak256(i32, i32) -> i32;
    ripemd160(MemPtr, MemLength, MemPtr) -> i32;
    managed_ripemd160(i32, i32) -> i32;
    verify_bls(MemPtr, MemPtr, MemLength, MemPtr) -> i32;
    managed_verify_bls(i32, i32, i32) -> i32;
    verify_ed25519(MemPtr, MemPtr, MemLength, MemPtr) -> i32;
    managed_verify_ed25519(i32, i32, i32) -> i32;
    verify_custom_secp256k1(MemPtr, MemLength, MemPtr, MemLength, MemPtr, i32) -> i32;
    managed_verify_custom_secp256k1(i32, i32, i32, i32) -> i32;
    verify_secp256k1(MemPtr, MemLength, MemPtr, MemLength, MemPtr) -> i32;
    managed_verify_secp256k1(i32, i32, i32) -> i32;
    encode_secp256k1_der_signature(MemPtr, MemLength, MemPtr, MemLength, MemPtr) -> i32;
    managed_encode_secp256k1_der_signature(i32, i32, i32) -> i32;
    add_ec(i32, i32, i32, i32, i32, i32, i32);
    double_ec(i32, i32, i32, i32, i32);
    is_on_curve_ec(i32, i32, i32) -> i32;
    scalar_base_mult_ec(i32, i32, i32, MemPtr, MemLength) -> i32;
    managed_scalar_base_mult_ec(i32, i32, i32, i32) -> i32;
    scalar_mult_ec(i32, i32, i32, i32, i32, MemPtr, MemLength) -> i32;
    managed_scalar_mult_ec(i32, i32, i32, i32, i32, i32) -> i32;
    marshal_ec(i32, i32, i32, MemPtr) -> i32;
    managed_marshal_ec(i32, i32, i32, i32) -> i32;
    marshal_compressed_ec(i32, i32, i32, MemPtr) -> i32;
    managed_marshal_compressed_ec(i32, i32, i32, i32) -> i32;
    unmarshal_ec(i32, i32, i32, MemPtr, MemLength) -> i32;
    managed_unmarshal_ec(i32, i32, i32, i32) -> i32;
    unmarshal_compressed_ec(i32, i32, i32, MemPtr, MemLength) -> i32;
    managed_unmarshal_compressed_ec(i32, i32, i32, i32) -> i32;
    generate_key_ec(i32, i32, i32, MemPtr) -> i32;
    managed_generate_key_ec(i32, i32, i32, i32) -> i32;
    create_ec(MemPtr, MemLength) -> i32;
    managed_create_ec(i32) -> i32;
    get_curve_length_ec(i32) -> i32;
    get_priv_key_byte_length_ec(i32) -> i32;
    elliptic_curve_get_values(i32, i32, i32, i32, i32, i32) -> i32;
    managed_verify_secp256r1(i32, i32, i32) -> i32;
    managed_verify_bls_signature_share(i32, i32, i32) -> i32;
    managed_verify_bls_aggregated_signature(i32, i32, i32) -> i32;
}
