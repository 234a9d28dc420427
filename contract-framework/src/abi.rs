//! The contract's `.abi.json`, in the ecosystem's format, built by the code `#[contract]`
//! generates (`abi_json()`, host builds only).
//!
//! The layout follows the ecosystem's meta tool: 4-space indented JSON, keys in its order
//! (`buildInfo`, `docs`, `name`, `constructor`, `upgradeConstructor`, `endpoints`, `events`,
//! `esdtAttributes`, `hasCallback`, `types`), optional keys left out when empty.

use std::string::{String, ToString};
use std::vec::Vec;

use strata_codec::abi::{TypeAbi, TypeDescriptionContainer};

/// One input or output of an endpoint or event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamAbi {
    /// The name (empty for outputs).
    pub name: String,
    /// The ABI type name (`BigUint`, `Address`, `List<u32>`, …).
    pub type_name: String,
    /// `#[indexed]` event argument.
    pub indexed: bool,
    /// A variadic argument (`"multi_arg": true`) or result (`"multi_result": true`).
    pub multi: bool,
}

/// One endpoint, view, constructor or callback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointAbi {
    /// The doc lines.
    pub docs: Vec<String>,
    /// The export name.
    pub name: String,
    /// `#[only_owner]` (`"onlyOwner": true`).
    pub only_owner: bool,
    /// `"mutable"` or `"readonly"`.
    pub mutability: &'static str,
    /// `["*"]`, `["EGLD"]` or empty.
    pub payable_in_tokens: Vec<String>,
    /// The arguments.
    pub inputs: Vec<ParamAbi>,
    /// The results.
    pub outputs: Vec<ParamAbi>,
}

/// One event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventAbi {
    /// The doc lines.
    pub docs: Vec<String>,
    /// The event's name (its first topic).
    pub identifier: String,
    /// The arguments.
    pub inputs: Vec<ParamAbi>,
}

/// The whole ABI of a contract.
#[derive(Clone, Debug, Default)]
pub struct ContractAbi {
    /// The contract crate's name and version.
    pub crate_name: String,
    /// The contract crate's version.
    pub crate_version: String,
    /// The contract's name (the trait's).
    pub name: String,
    /// The doc lines of the trait.
    pub docs: Vec<String>,
    /// `#[init]`.
    pub constructor: Option<EndpointAbi>,
    /// `#[upgrade]`.
    pub upgrade_constructor: Option<EndpointAbi>,
    /// Endpoints and views, in declaration order.
    pub endpoints: Vec<EndpointAbi>,
    /// Events, in declaration order.
    pub events: Vec<EventAbi>,
    /// Whether the contract has callbacks.
    pub has_callback: bool,
    /// The descriptions of the custom types used.
    pub types: TypeDescriptionContainer,
}

impl ContractAbi {
    /// A parameter of type `T` named `name`, its type's descriptions collected.
    pub fn param<T: TypeAbi>(&mut self, name: &str) -> ParamAbi {
        T::provide_type_descriptions(&mut self.types);
        ParamAbi {
            name: name.to_string(),
            type_name: T::type_name(),
            indexed: false,
            multi: false,
        }
    }

    /// A variadic parameter of type `T` (`MultiValueEncoded`): `"multi_arg": true` for an
    /// input, `"multi_result": true` for an output (empty `name`).
    pub fn multi_param<T: TypeAbi>(&mut self, name: &str) -> ParamAbi {
        ParamAbi {
            multi: true,
            ..self.param::<T>(name)
        }
    }

    /// An indexed event parameter of type `T`.
    pub fn indexed_param<T: TypeAbi>(&mut self, name: &str) -> ParamAbi {
        ParamAbi {
            indexed: true,
            ..self.param::<T>(name)
        }
    }

    /// The ABI as JSON.
    pub fn to_json(&self) -> String {
        let mut json = Json::default();
        json.open('{');
        json.key("buildInfo");
        json.open('{');
        json.key("contractCrate");
        json.open('{');
        json.field_str("name", &self.crate_name);
        json.field_str("version", &self.crate_version);
        json.close('}');
        json.key("framework");
        json.open('{');
        json.field_str("name", "strata-contract-framework");
        json.field_str("version", env!("CARGO_PKG_VERSION"));
        json.close('}');
        json.close('}');
        json.docs(&self.docs);
        json.field_str("name", &self.name);
        if let Some(constructor) = &self.constructor {
            json.key("constructor");
            write_endpoint(&mut json, constructor, false);
        }
        if let Some(upgrade) = &self.upgrade_constructor {
            json.key("upgradeConstructor");
            write_endpoint(&mut json, upgrade, false);
        }
        json.key("endpoints");
        json.open('[');
        for endpoint in &self.endpoints {
            json.item();
            write_endpoint(&mut json, endpoint, true);
        }
        json.close(']');
        json.key("events");
        json.open('[');
        for event in &self.events {
            json.item();
            json.open('{');
            json.docs(&event.docs);
            json.field_str("identifier", &event.identifier);
            write_params(&mut json, "inputs", &event.inputs);
            json.close('}');
        }
        json.close(']');
        json.key("esdtAttributes");
        json.open('[');
        json.close(']');
        json.key("hasCallback");
        json.out
            .push_str(if self.has_callback { "true" } else { "false" });
        json.key("types");
        self.types.write_json(&mut json.out, json.level);
        json.close('}');
        json.out.push('\n');
        json.out
    }
}

fn write_endpoint(json: &mut Json, endpoint: &EndpointAbi, named: bool) {
    json.open('{');
    json.docs(&endpoint.docs);
    if named {
        json.field_str("name", &endpoint.name);
        if endpoint.only_owner {
            json.key("onlyOwner");
            json.out.push_str("true");
        }
        json.field_str("mutability", endpoint.mutability);
    }
    if !endpoint.payable_in_tokens.is_empty() {
        json.key("payableInTokens");
        json.open('[');
        for token in &endpoint.payable_in_tokens {
            json.item();
            json.string(token);
        }
        json.close(']');
    }
    write_params(json, "inputs", &endpoint.inputs);
    write_params(json, "outputs", &endpoint.outputs);
    json.close('}');
}

fn write_params(json: &mut Json, key: &str, params: &[ParamAbi]) {
    let multi_key = if key == "outputs" {
        "multi_result"
    } else {
        "multi_arg"
    };
    json.key(key);
    json.open('[');
    for param in params {
        json.item();
        json.open('{');
        if !param.name.is_empty() {
            json.field_str("name", &param.name);
        }
        json.field_str("type", &param.type_name);
        if param.indexed {
            json.key("indexed");
            json.out.push_str("true");
        }
        if param.multi {
            json.key(multi_key);
            json.out.push_str("true");
        }
        json.close('}');
    }
    json.close(']');
}

/// A tiny pretty JSON writer: 4-space indent, `"key": value`, empty containers as `[]`/`{}`.
#[derive(Default)]
struct Json {
    out: String,
    level: usize,
    /// Per open container: whether it has an entry yet.
    filled: Vec<bool>,
}

impl Json {
    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.level {
            self.out.push_str("    ");
        }
    }

    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.level += 1;
        self.filled.push(false);
    }

    fn close(&mut self, bracket: char) {
        self.level -= 1;
        if self.filled.pop() == Some(true) {
            self.newline();
        }
        self.out.push(bracket);
    }

    /// Starts an entry of the innermost container.
    fn item(&mut self) {
        if let Some(filled) = self.filled.last_mut() {
            if *filled {
                self.out.push(',');
            }
            *filled = true;
        }
        self.newline();
    }

    fn key(&mut self, key: &str) {
        self.item();
        self.string(key);
        self.out.push_str(": ");
    }

    fn field_str(&mut self, key: &str, value: &str) {
        self.key(key);
        self.string(value);
    }

    fn docs(&mut self, docs: &[String]) {
        if docs.is_empty() {
            return;
        }
        self.key("docs");
        self.open('[');
        for line in docs {
            self.item();
            self.string(line);
        }
        self.close(']');
    }

    fn string(&mut self, text: &str) {
        self.out.push('"');
        for c in text.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\t' => self.out.push_str("\\t"),
                c if (c as u32) < 0x20 => {
                    self.out.push_str(&std::format!("\\u{:04x}", c as u32));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec;

    #[test]
    fn an_abi_is_pretty_json_in_the_ecosystem_key_order() {
        let mut abi = ContractAbi {
            crate_name: "adder".into(),
            crate_version: "0.1.0".into(),
            name: "Adder".into(),
            ..ContractAbi::default()
        };
        let input = abi.param::<u64>("value");
        abi.endpoints.push(EndpointAbi {
            docs: vec![],
            name: "add".into(),
            only_owner: false,
            mutability: "mutable",
            payable_in_tokens: vec!["*".into()],
            inputs: vec![input],
            outputs: vec![],
        });
        let json = abi.to_json();
        let expected_endpoint = "    \"endpoints\": [\n        {\n            \"name\": \"add\",\n            \"mutability\": \"mutable\",\n            \"payableInTokens\": [\n                \"*\"\n            ],\n            \"inputs\": [\n                {\n                    \"name\": \"value\",\n                    \"type\": \"u64\"\n                }\n            ],\n            \"outputs\": []\n        }\n    ],\n";
        assert!(json.contains(expected_endpoint), "{json}");
        assert!(
            json.contains("\"hasCallback\": false,\n    \"types\": {}\n}\n"),
            "{json}"
        );
        assert!(json.starts_with("{\n    \"buildInfo\": {\n        \"contractCrate\": {\n"));
    }
}
