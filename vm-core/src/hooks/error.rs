//! `signalError` and `managedSignalError`.

use super::prelude::*;

refused! {
    signal_error(MemPtr, MemLength);
    managed_signal_error(i32);
}
