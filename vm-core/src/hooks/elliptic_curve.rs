//! Elliptic curves P-224, P-256, P-384 and P-521: curve handles, points as big integers,
//! marshalling and key generation.

use super::prelude::*;

refused! {
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
}
