//! Managed maps: new, put, get, remove, contains.

use super::prelude::*;

refused! {
    managed_map_new() -> i32;
    managed_map_put(i32, i32, i32) -> i32;
    managed_map_get(i32, i32, i32) -> i32;
    managed_map_remove(i32, i32, i32) -> i32;
    managed_map_contains(i32, i32) -> i32;
}
