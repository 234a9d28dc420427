//! Big-integer arithmetic, comparison and conversion on managed handles, with the
//! production VM's semantics, messages and gas (`vmhost/vmhooks/bigIntOps.go` and the gas
//! rules of `vmhost/contexts/managedType.go`).
//!
//! Destinations are created on demand (as zero) before operands are read; a missing operand
//! fails execution with "no bigInt under the given handle". The hooks that read arguments,
//! storage, call values, balances or write results (`bigIntGetUnsignedArgument`,
//! `bigIntStorageStoreUnsigned`, `bigIntFinishUnsigned`, …) live with their domains.

mod arith;
mod bits;
mod convert;
pub(crate) mod gas;
#[cfg(test)]
mod tests;

pub(crate) use arith::{
    big_int_abs, big_int_add, big_int_cmp, big_int_e_div, big_int_e_mod, big_int_log2, big_int_mul,
    big_int_neg, big_int_pow, big_int_sign, big_int_sqrt, big_int_sub, big_int_t_div,
    big_int_t_mod,
};
pub(crate) use bits::{
    big_int_and, big_int_not, big_int_or, big_int_shl, big_int_shr, big_int_xor,
};
pub(crate) use convert::{
    big_int_get_int64, big_int_get_signed_bytes, big_int_get_unsigned_bytes, big_int_is_int64,
    big_int_new, big_int_set_int64, big_int_set_signed_bytes, big_int_set_unsigned_bytes,
    big_int_signed_byte_length, big_int_to_string, big_int_unsigned_byte_length,
};

/// The hooks of this domain that the VM refuses: none.
pub(crate) const REFUSED: &[&str] = &[];
