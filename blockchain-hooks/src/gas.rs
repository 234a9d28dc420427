//! The gas schedule: every cost the VM and the protocol charge, by section and key.
//!
//! Nodes keep their schedules as TOML files with one `[Section]` per section and `Key = value`
//! lines; [`GasSchedule::from_toml_str`] loads such a file, and the built-in schedules of the
//! scenario format ([`GasSchedule::v3`], [`GasSchedule::v4`], [`GasSchedule::dummy`]) are
//! embedded in the same form.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::GasScheduleError;

mod layout;

/// Declares one typed struct per section, and the [`GasSchedule`] that holds them all.
macro_rules! gas_sections {
    ($(
        $ty:ident $section:literal $field:ident {
            $( $key_field:ident $key:literal $($optional:ident)? ),* $(,)?
        }
    )*) => {
        $(
            #[doc = concat!("The `[", $section, "]` section of a gas schedule.")]
            #[derive(Clone, Debug, Default, PartialEq, Eq)]
            pub struct $ty {
                $(
                    #[doc = concat!("`", $key, "`.")]
                    pub $key_field: u64,
                )*
            }

            impl $ty {
                /// The section's name in a schedule file.
                pub const SECTION: &'static str = $section;
                /// The section's keys, in table order.
                pub const KEYS: &'static [&'static str] = &[$($key),*];

                /// The cost named `key`, if the section has it.
                pub fn get(&self, key: &str) -> Option<u64> {
                    match key {
                        $( $key => Some(self.$key_field), )*
                        _ => None,
                    }
                }

                fn from_map(map: &BTreeMap<String, u64>) -> Result<Self, GasScheduleError> {
                    let required = |key: &str| {
                        map.get(key).copied().ok_or_else(|| GasScheduleError::MissingKey {
                            section: $section.to_owned(),
                            key: key.to_owned(),
                        })
                    };
                    let _ = &required;
                    Ok(Self {
                        $( $key_field: gas_sections!(@value map required $key $($optional)?), )*
                    })
                }

                fn set_all(&mut self, value: u64) {
                    $( self.$key_field = value; )*
                }

                fn entries(&self) -> Vec<(&'static str, u64)> {
                    vec![$( ($key, self.$key_field) ),*]
                }
            }
        )*

        /// A whole gas schedule, one field per section.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct GasSchedule {
            $(
                #[doc = concat!("`[", $section, "]`.")]
                pub $field: $ty,
            )*
        }

        impl GasSchedule {
            /// Every section name, in table order.
            pub const SECTIONS: &'static [&'static str] = &[$($section),*];

            /// The cost `section.key`, if the schedule has such a key.
            pub fn get(&self, section: &str, key: &str) -> Option<u64> {
                match section {
                    $( $section => self.$field.get(key), )*
                    _ => None,
                }
            }

            fn from_sections(
                sections: &BTreeMap<String, BTreeMap<String, u64>>,
            ) -> Result<Self, GasScheduleError> {
                let empty = BTreeMap::new();
                Ok(Self {
                    $( $field: $ty::from_map(sections.get($section).unwrap_or(&empty))?, )*
                })
            }

            fn set_all(&mut self, value: u64) {
                $( self.$field.set_all(value); )*
            }

            /// Every `(section, key, value)` of the schedule, in table order.
            pub fn entries(&self) -> Vec<(&'static str, &'static str, u64)> {
                let mut out = Vec::new();
                $(
                    out.extend(self.$field.entries().into_iter().map(|(k, v)| ($section, k, v)));
                )*
                out
            }
        }
    };
    (@value $map:ident $required:ident $key:literal optional) => {
        $map.get($key).copied().unwrap_or(0)
    };
    (@value $map:ident $required:ident $key:literal) => {
        $required($key)?
    };
}

include!("generated/gas_sections.rs");

/// The opcode costs an executor meters with: the `[WASMOpcodeCost]` section, keyed by
/// wasmparser operator names (`I32Add`, `Block`, …), plus `LocalAllocate`, `LocalsUnmetered`,
/// `MaxMemoryGrow` and `MaxMemoryGrowDelta`.
pub type OpcodeCost = WasmOpcodeCost;

/// Which built-in schedule a scenario names with `"gasSchedule"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScheduleName {
    /// `"v3"`.
    V3,
    /// `"v4"`, also `"default"`.
    V4,
    /// `"dummy"`: every cost 1, with the few exceptions of [`GasSchedule::dummy`].
    Dummy,
}

impl ScheduleName {
    /// Parses a scenario's `"gasSchedule"` value (`"default"` is `v4`).
    pub fn parse(name: &str) -> Result<Self, GasScheduleError> {
        match name {
            "v3" => Ok(Self::V3),
            "v4" | "default" | "" => Ok(Self::V4),
            "dummy" => Ok(Self::Dummy),
            other => Err(GasScheduleError::UnknownSchedule(other.to_owned())),
        }
    }
}

const V3_TOML: &str = include_str!("../gas/gasScheduleV3.toml");
const V4_TOML: &str = include_str!("../gas/gasScheduleV4.toml");

static V3: LazyLock<GasSchedule> = LazyLock::new(|| {
    GasSchedule::from_toml_str(V3_TOML).expect("the embedded v3 schedule is valid")
});
static V4: LazyLock<GasSchedule> = LazyLock::new(|| {
    GasSchedule::from_toml_str(V4_TOML).expect("the embedded v4 schedule is valid")
});

impl GasSchedule {
    /// Parses a node's TOML schedule: one `[Section]` per section and `Key = value` lines.
    ///
    /// # Errors
    /// [`GasScheduleError::Toml`] for malformed TOML, [`GasScheduleError::NotACost`] for a value
    /// that is not a non-negative integer, and [`GasScheduleError::MissingKey`] naming the first
    /// required key the file lacks. Unknown sections and keys are ignored, as nodes do.
    pub fn from_toml_str(text: &str) -> Result<Self, GasScheduleError> {
        match layout::sections(text) {
            Some(sections) => Self::from_sections(&sections),
            None => Self::from_full_toml(text),
        }
    }

    /// [`GasSchedule::from_toml_str`] by the full TOML parser.
    fn from_full_toml(text: &str) -> Result<Self, GasScheduleError> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| GasScheduleError::Toml(e.to_string()))?;
        let mut sections = BTreeMap::new();
        for (section, value) in table {
            let Some(keys) = value.as_table() else {
                continue;
            };
            let mut map = BTreeMap::new();
            for (key, value) in keys {
                let cost = value
                    .as_integer()
                    .and_then(|v| u64::try_from(v).ok())
                    .ok_or_else(|| GasScheduleError::NotACost {
                        section: section.clone(),
                        key: key.clone(),
                    })?;
                map.insert(key.clone(), cost);
            }
            sections.insert(section, map);
        }
        Self::from_sections(&sections)
    }

    /// Reads and parses a TOML schedule file (see [`GasSchedule::from_toml_str`]).
    ///
    /// # Errors
    /// [`GasScheduleError::Io`] when the file cannot be read, else as `from_toml_str`.
    pub fn from_toml_file(path: &std::path::Path) -> Result<Self, GasScheduleError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| GasScheduleError::Io(format!("{}: {e}", path.display())))?;
        Self::from_toml_str(&text)
    }

    /// Writes the schedule in the node's TOML layout (what `from_toml_str` reads back).
    pub fn to_toml_string(&self) -> String {
        let mut out = String::new();
        let mut section = "";
        for (s, key, value) in self.entries() {
            if s != section {
                section = s;
                out.push_str(&format!("\n[{s}]\n"));
            }
            out.push_str(&format!("    {key} = {value}\n"));
        }
        out
    }

    /// Schedule v3 of the production VM.
    pub fn v3() -> Self {
        V3.clone()
    }

    /// Schedule v4 of the production VM, the scenario default.
    pub fn v4() -> Self {
        V4.clone()
    }

    /// The scenario format's `"dummy"` schedule, the production VM's test schedule
    /// (`MakeGasMapForTests`): every cost 1, except `AsyncCallbackGasLock` 100000,
    /// `LocalsUnmetered` 100, `MaxMemoryGrow` 8 and `MaxMemoryGrowDelta` 10; the
    /// `DynamicStorageLoad` section as in the production schedules (quadratic 688, linear
    /// 31858, constant 15287, all positive) with no minimum; and the `ManagedMapAPICost`
    /// section, which the test schedule does not fill, at 0.
    pub fn dummy() -> Self {
        let mut schedule = Self::default();
        schedule.set_all(1);
        schedule.base_ops_api_cost.async_callback_gas_lock = 100_000;
        schedule.wasm_opcode_cost.locals_unmetered = 100;
        schedule.wasm_opcode_cost.max_memory_grow = 8;
        schedule.wasm_opcode_cost.max_memory_grow_delta = 10;
        schedule.dynamic_storage_load = DynamicStorageLoad {
            quadratic_coefficient: 688,
            sign_of_quadratic: 0,
            linear_coefficient: 31_858,
            sign_of_linear: 0,
            constant_coefficient: 15_287,
            sign_of_constant: 0,
            minimum_gas_cost: 0,
        };
        schedule.managed_map_api_cost = ManagedMapApiCost::default();
        schedule
    }

    /// The built-in schedule `name`.
    pub fn named(name: ScheduleName) -> Self {
        match name {
            ScheduleName::V3 => Self::v3(),
            ScheduleName::V4 => Self::v4(),
            ScheduleName::Dummy => Self::dummy(),
        }
    }
}
