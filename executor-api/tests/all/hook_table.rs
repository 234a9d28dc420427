use std::collections::HashSet;

use strata_executor_api::{HOOKS, WasmType, hook_info};

use crate::generator::{hook_rows, snake_case};

#[test]
fn the_table_has_277_unique_hooks() {
    assert_eq!(HOOKS.len(), 277);
    let names: HashSet<&str> = HOOKS.iter().map(|h| h.name).collect();
    assert_eq!(names.len(), 277, "hook names are unique");
    let methods: HashSet<&str> = HOOKS.iter().map(|h| h.method).collect();
    assert_eq!(methods.len(), 277, "method names are unique");
}

#[test]
fn every_hook_has_the_reference_name_and_signature() {
    let rows = hook_rows();
    assert_eq!(rows.len(), HOOKS.len());
    for (row, hook) in rows.iter().zip(HOOKS) {
        assert_eq!(hook.name, row.name);
        assert_eq!(hook.method, snake_case(&row.name));
        let expected_params: Vec<&str> = row.params.iter().map(|(_, t)| t.as_str()).collect();
        let actual_params: Vec<&str> = hook.params.iter().map(|(_, t)| t.name()).collect();
        assert_eq!(actual_params, expected_params, "{}", row.name);
        let param_names: Vec<String> = row.params.iter().map(|(n, _)| snake_case(n)).collect();
        let actual_names: Vec<&str> = hook.params.iter().map(|(n, _)| *n).collect();
        assert_eq!(actual_names, param_names, "{}", row.name);
        assert_eq!(
            hook.result.map(WasmType::name),
            row.result.as_deref(),
            "{}",
            row.name
        );
        assert_eq!(hook.group, row.group);
        assert_eq!(hook.category, row.category);
    }
}

#[test]
fn signatures_print_in_reference_notation() {
    let hook = hook_info("getESDTBalance").unwrap();
    assert_eq!(hook.wasm_signature(), "(i32, i32, i32, i64, i32) -> i32");
    assert_eq!(
        hook_info("getGasLeft").unwrap().wasm_signature(),
        "() -> i64"
    );
    assert!(hook_info("notAHook").is_none());
}

#[test]
fn the_reference_copy_matches_the_shared_reference_when_present() {
    let shared = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/reference/vm-hooks.tsv"
    );
    let Ok(reference) = std::fs::read_to_string(shared) else {
        return;
    };
    let copy =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/vm-hooks.tsv")).unwrap();
    assert_eq!(
        copy, reference,
        "executor-api/vm-hooks.tsv differs from shared/reference"
    );
}

#[test]
fn every_gas_key_names_a_cost_of_the_schedule() {
    let schedule = strata_executor_api::GasSchedule::v4();
    for hook in HOOKS {
        if let Some((section, key)) = hook.gas_section_key() {
            assert!(
                schedule.get(section, key).is_some(),
                "{}: {section}.{key}",
                hook.name
            );
        }
    }
}

#[test]
fn early_exits_carry_code_and_message() {
    use strata_executor_api::{EarlyExit, ReturnCode};
    let exit = EarlyExit::out_of_gas();
    assert_eq!(exit.code, ReturnCode::OutOfGas);
    assert_eq!(exit.message, "not enough gas");
    assert_eq!(
        EarlyExit::user_error("boom").to_string(),
        "user error (4): boom"
    );
}
