use strata_blockchain_hooks::{GasSchedule, GasScheduleError, ScheduleName};

struct GasRow {
    section: String,
    key: String,
    v3: Option<u64>,
    v4: Option<u64>,
}

/// The rows of the reference table this crate's schedules are generated from.
fn gas_rows() -> Vec<GasRow> {
    let text = include_str!("../../gas/gas-costs.tsv");
    let value = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(|s| s.parse().unwrap());
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            GasRow {
                section: cols.next().unwrap().to_owned(),
                key: cols.next().unwrap().to_owned(),
                v3: value(cols.next()),
                v4: value(cols.next()),
            }
        })
        .collect()
}

#[test]
fn v3_and_v4_hold_the_table_values() {
    let (v3, v4) = (GasSchedule::v3(), GasSchedule::v4());
    let rows = gas_rows();
    assert_eq!(rows.len(), 820);
    for row in rows {
        assert_eq!(
            v3.get(&row.section, &row.key),
            Some(row.v3.unwrap_or(0)),
            "v3 {}.{}",
            row.section,
            row.key
        );
        assert_eq!(
            v4.get(&row.section, &row.key),
            Some(row.v4.unwrap_or(0)),
            "v4 {}.{}",
            row.section,
            row.key
        );
    }
    assert_eq!(v4.base_operation_cost.store_per_byte, 10_000);
    assert_eq!(v3.base_operation_cost.store_per_byte, 50_000);
    assert_eq!(v4.wasm_opcode_cost.i32_add, 5);
    assert_eq!(v3.wasm_opcode_cost.max_memory_grow, 8);
}

#[test]
fn dummy_is_the_production_test_schedule() {
    let dummy = GasSchedule::dummy();
    for (section, key, value) in dummy.entries() {
        let expected = match (section, key) {
            ("DynamicStorageLoad", "QuadraticCoefficient") => 688,
            ("DynamicStorageLoad", "LinearCoefficient") => 31_858,
            ("DynamicStorageLoad", "ConstantCoefficient") => 15_287,
            ("DynamicStorageLoad", _) | ("ManagedMapAPICost", _) => 0,
            (_, "AsyncCallbackGasLock") => 100_000,
            (_, "LocalsUnmetered") => 100,
            (_, "MaxMemoryGrow") => 8,
            (_, "MaxMemoryGrowDelta") => 10,
            _ => 1,
        };
        assert_eq!(value, expected, "{section}.{key}");
    }
    assert_eq!(
        GasSchedule::named(ScheduleName::parse("dummy").unwrap()),
        dummy
    );
    assert_eq!(
        GasSchedule::named(ScheduleName::parse("default").unwrap()),
        GasSchedule::v4()
    );
    assert!(matches!(
        ScheduleName::parse("v9"),
        Err(GasScheduleError::UnknownSchedule(_))
    ));
}

#[test]
fn a_toml_schedule_file_loads_and_round_trips() {
    let mut schedule = GasSchedule::v4();
    schedule.base_ops_api_cost.storage_store = 12_345;
    let dir = std::env::temp_dir().join(format!("strata-gas-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gasScheduleV4.toml");
    std::fs::write(&path, schedule.to_toml_string()).unwrap();
    let loaded = GasSchedule::from_toml_file(&path).unwrap();
    assert_eq!(loaded, schedule);
    assert_eq!(loaded.base_ops_api_cost.storage_store, 12_345);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_schedule_missing_a_key_is_refused_naming_the_key() {
    let text = GasSchedule::v4()
        .to_toml_string()
        .replace("    GetSCAddress = 100\n", "");
    let err = GasSchedule::from_toml_str(&text).unwrap_err();
    assert_eq!(
        err,
        GasScheduleError::MissingKey {
            section: "BaseOpsAPICost".into(),
            key: "GetSCAddress".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "gas schedule lacks BaseOpsAPICost.GetSCAddress"
    );
}

#[test]
fn malformed_schedules_are_refused() {
    assert!(matches!(
        GasSchedule::from_toml_str("[BaseOpsAPICost\n"),
        Err(GasScheduleError::Toml(_))
    ));
    let text = GasSchedule::v4()
        .to_toml_string()
        .replace("GetSCAddress = 100", "GetSCAddress = -1");
    assert_eq!(
        GasSchedule::from_toml_str(&text).unwrap_err(),
        GasScheduleError::NotACost {
            section: "BaseOpsAPICost".into(),
            key: "GetSCAddress".into()
        }
    );
    assert!(matches!(
        GasSchedule::from_toml_file(std::path::Path::new("/nonexistent/gas.toml")),
        Err(GasScheduleError::Io(_))
    ));
}

#[test]
fn optional_keys_absent_from_v3_read_as_zero() {
    let v3 = GasSchedule::v3();
    assert_eq!(v3.meta_chain_system_scs_cost.validator_to_delegation, 0);
    assert_eq!(
        GasSchedule::v4()
            .meta_chain_system_scs_cost
            .validator_to_delegation,
        500_000_000
    );
}
