//! Upgrading and deleting other contracts: legacy asynchronous calls.

use super::super::prelude::*;

refused! {
    upgrade_contract(MemPtr, i64, MemPtr, MemPtr, MemPtr, MemLength, i32, MemPtr, MemPtr);
    upgrade_from_source_contract(MemPtr, i64, MemPtr, MemPtr, MemPtr, i32, MemPtr, MemPtr);
    delete_contract(MemPtr, i64, i32, MemPtr, MemPtr);
    managed_upgrade_from_source_contract(i32, i64, i32, i32, i32, i32, i32);
    managed_upgrade_contract(i32, i64, i32, i32, i32, i32, i32);
    managed_delete_contract(i32, i64, i32);
}
