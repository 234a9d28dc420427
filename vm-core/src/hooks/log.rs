//! Events: `writeLog`, `writeEventLog`, `managedWriteLog`.

use super::prelude::*;

refused! {
    write_log(MemPtr, MemLength, MemPtr, i32);
    write_event_log(i32, MemPtr, MemPtr, MemPtr, MemLength);
    managed_write_log(i32, i32);
}
