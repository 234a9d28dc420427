//! Storage mappers write the ecosystem's key layouts.

use crate::{call, kitchen_storage, ok, run_steps};

#[test]
fn vec_mapper_keeps_its_length_and_items_from_one() {
    let steps = [
        call("vecPush", &["7"], &ok(&["1"])),
        call("vecPush", &["8"], &ok(&["2"])),
        call("vecPush", &["9"], &ok(&["3"])),
        call("vecSwapRemove", &["1"], &ok(&[])),
        call("vecGet", &["1"], &ok(&["9"])),
        call("vecGet", &["3"], &crate::fails(4, "index out of range")),
        kitchen_storage(
            r#"{ "str:list.len": "2", "str:list.item|u32:1": "9", "str:list.item|u32:2": "8" }"#,
        ),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn set_mapper_is_a_linked_list_with_node_ids() {
    let steps = [
        call("setInsert", &["str:a"], &ok(&["1"])),
        call("setInsert", &["str:b"], &ok(&["1"])),
        call("setInsert", &["str:a"], &ok(&[""])),
        call("setInsert", &["str:c"], &ok(&["1"])),
        call("setRemove", &["str:b"], &ok(&["1"])),
        call("setRemove", &["str:b"], &ok(&[""])),
        call("setItems", &[], &ok(&["nested:str:a|nested:str:c"])),
        kitchen_storage(
            r#"{
                "str:set.info": "u32:2|u32:1|u32:3|u32:3",
                "str:set.node_links|u32:1": "u32:0|u32:3",
                "str:set.node_links|u32:3": "u32:1|u32:0",
                "str:set.value|u32:1": "str:a",
                "str:set.value|u32:3": "str:c",
                "str:set.node_id|nested:str:a": "1",
                "str:set.node_id|nested:str:c": "3"
            }"#,
        ),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn unordered_set_mapper_moves_the_last_value_into_the_gap() {
    let steps = [
        call("usetInsert", &["str:x"], &ok(&["1"])),
        call("usetInsert", &["str:y"], &ok(&["1"])),
        call("usetInsert", &["str:z"], &ok(&["1"])),
        call("usetRemove", &["str:x"], &ok(&["1"])),
        call("usetRemove", &["str:x"], &ok(&[""])),
        kitchen_storage(
            r#"{
                "str:uset.len": "2",
                "str:uset.item|u32:1": "str:z",
                "str:uset.item|u32:2": "str:y",
                "str:uset.index|nested:str:z": "1",
                "str:uset.index|nested:str:y": "2"
            }"#,
        ),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn map_mapper_keeps_keys_in_a_set_and_values_under_mapped() {
    let steps = [
        call("mapInsert", &["5", "1000"], &ok(&[])),
        call("mapInsert", &["6", "0"], &ok(&[])),
        call("mapGet", &["5"], &ok(&["0x01|biguint:1000"])),
        call("mapGet", &["7"], &ok(&[""])),
        call("mapRemove", &["6"], &ok(&["0x01|biguint:0"])),
        kitchen_storage(
            r#"{
                "str:map.info": "u32:1|u32:1|u32:1|u32:2",
                "str:map.node_links|u32:1": "u32:0|u32:0",
                "str:map.value|u32:1": "5",
                "str:map.node_id|u64:5": "1",
                "str:map.mapped|u64:5": "1000"
            }"#,
        ),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn storage_getters_and_setters_append_their_key_arguments() {
    let steps = [
        call("plainSet", &["3", "0x0102"], &ok(&[])),
        call("plainGet", &["3"], &ok(&["0x0102"])),
        call("plainGet", &["4"], &ok(&["0"])),
        kitchen_storage(r#"{ "str:plain|u8:3": "0x0102" }"#),
    ];
    run_steps(&steps.join(",\n"));
}
