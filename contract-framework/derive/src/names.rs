//! Export names the VM accepts: checked at compile time, so that a contract the VM would
//! refuse at deploy ("invalid contract code") does not build.

use std::collections::HashSet;

use syn::ItemTrait;

use crate::model::Method;

/// Names the protocol uses for its own log events; no exported function may take them.
const PROTECTED: &[&str] = &[
    "internalVMErrors",
    "transferValueOnly",
    "writeLog",
    "signalError",
    "completedTxEvent",
];

/// Why the VM would refuse `name` as an export, if it would.
pub fn refusal(name: &str) -> Option<String> {
    let valid_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let starts_with_digit = name.starts_with(|c: char| c.is_ascii_digit());
    if name.is_empty() || name.len() >= 256 || !valid_chars || starts_with_digit {
        return Some(format!(
            "`{name}` is not a valid export name (1 to 255 of [a-zA-Z0-9_], not starting with a digit)"
        ));
    }
    if executor_api::hook_info(name).is_some() {
        return Some(format!(
            "`{name}` is the name of a VM hook, which the VM refuses as an export"
        ));
    }
    if PROTECTED.contains(&name) {
        return Some(format!("`{name}` is reserved by the protocol"));
    }
    None
}

/// Fails on an export name the VM refuses or one used twice.
pub fn check_export_names(item: &ItemTrait, methods: &[Method]) -> syn::Result<()> {
    let mut seen = HashSet::new();
    for method in methods {
        let Some(name) = method.export_name() else {
            continue;
        };
        if let Some(reason) = refusal(&name) {
            return Err(syn::Error::new_spanned(&method.ident, reason));
        }
        if !seen.insert(name.clone()) {
            return Err(syn::Error::new_spanned(
                &item.ident,
                format!("two methods are exported as `{name}`"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::refusal;

    #[test]
    fn the_vm_rules_for_export_names_hold() {
        assert_eq!(refusal("getSum"), None);
        assert_eq!(refusal("transfer_from_2"), None);
        assert!(refusal("asyncCall").unwrap().contains("VM hook"));
        assert!(refusal("getNumArguments").unwrap().contains("VM hook"));
        assert!(refusal("writeLog").is_some());
        assert!(refusal("2fast").is_some());
        assert!(refusal("with-dash").is_some());
        assert!(refusal("").is_some());
        assert!(refusal(&"a".repeat(256)).is_some());
        assert_eq!(refusal(&"a".repeat(255)), None);
    }
}
