//! Finding the contract crates `strata build` was pointed at, and what cargo knows about them.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use super::c_contract::CContract;

/// The package name of the contract framework (a crate depending on it is a contract crate).
pub const FRAMEWORK_PACKAGE: &str = "strata-contract-framework";

/// A contract crate to build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractCrate {
    /// The package name (`adder`); the outputs are named after it.
    pub name: String,
    /// The library target's name (`adder`, underscores for dashes): cargo's artifact name.
    pub lib_name: String,
    /// The package version.
    pub version: String,
    /// The folder holding its `Cargo.toml`.
    pub dir: PathBuf,
    /// The root of the cargo workspace it belongs to.
    pub workspace_root: PathBuf,
    /// That workspace's target folder.
    pub target_dir: PathBuf,
    /// The framework's version, when the crate depends on it.
    pub framework_version: Option<String>,
    /// Local (path) packages outside the workspace folder, with the name their folder is
    /// remapped to (`/deps/<name>-<version>`): cargo hands rustc their absolute paths.
    pub outside_deps: Vec<(PathBuf, String)>,
}

/// What a path given to `strata build` turned out to be.
#[derive(Debug)]
pub enum Found {
    /// A contract crate.
    Crate(Box<ContractCrate>),
    /// A C contract (a folder of `*.c` files without a `Cargo.toml`).
    C(Box<CContract>),
    /// A crate found while scanning a folder that is not a contract (why).
    Skipped(PathBuf, String),
}

/// The contracts `paths` name: a crate folder is built as given, a C contract folder too;
/// any other folder is scanned one level down for crates that depend on the framework and
/// for C contracts.
///
/// # Errors
/// A path that does not exist, a crate without a library, or `cargo metadata` failing.
pub fn find(paths: &[PathBuf]) -> Result<Vec<Found>> {
    let mut found = Vec::new();
    for path in paths {
        if !path.is_dir() {
            bail!("{}: not a folder", path.display());
        }
        let dir = path
            .canonicalize()
            .with_context(|| format!("resolving {}", path.display()))?;
        if let Some(krate) = read_crate(&dir)? {
            if krate.lib_name.is_empty() {
                bail!("{}: the package has no library target", path.display());
            }
            found.push(Found::Crate(Box::new(krate)));
            continue;
        }
        if let Some(contract) = CContract::detect(&dir) {
            found.push(Found::C(Box::new(contract)));
            continue;
        }
        let before = found.len();
        scan(&dir, &mut found)?;
        if found.len() == before {
            bail!(
                "{}: no contract crate or C contract here or one level down",
                path.display()
            );
        }
    }
    Ok(found)
}

fn scan(dir: &Path, found: &mut Vec<Found>) -> Result<()> {
    let mut children: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    children.sort();
    for child in children {
        if let Some(contract) = CContract::detect(&child) {
            found.push(Found::C(Box::new(contract)));
            continue;
        }
        match read_crate(&child)? {
            Some(krate) if krate.lib_name.is_empty() => {
                found.push(Found::Skipped(child, "no library target".to_owned()));
            }
            Some(krate) if krate.framework_version.is_none() => found.push(Found::Skipped(
                child,
                format!("does not depend on {FRAMEWORK_PACKAGE}"),
            )),
            Some(krate) => found.push(Found::Crate(Box::new(krate))),
            None => {}
        }
    }
    Ok(())
}

/// The package whose manifest is `dir/Cargo.toml`, or `None` for a folder without one or a
/// virtual workspace manifest.
fn read_crate(dir: &Path) -> Result<Option<ContractCrate>> {
    let manifest = dir.join("Cargo.toml");
    if !manifest.is_file() {
        return Ok(None);
    }
    let out = Command::new("cargo")
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(&manifest)
        .output()
        .context("running cargo metadata")?;
    if !out.status.success() {
        bail!(
            "cargo metadata for {} failed:\n{}",
            manifest.display(),
            String::from_utf8_lossy(&out.stderr).trim_end()
        );
    }
    let metadata: Value =
        serde_json::from_slice(&out.stdout).context("cargo metadata printed no JSON")?;
    Ok(from_metadata(&metadata, &manifest))
}

fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The crate of `manifest` in a `cargo metadata` answer.
pub fn from_metadata(metadata: &Value, manifest: &Path) -> Option<ContractCrate> {
    let packages = metadata.get("packages")?.as_array()?;
    let package = packages
        .iter()
        .find(|p| Path::new(&text(p, "manifest_path")) == manifest)?;
    let lib_name = package
        .get("targets")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|t| {
            t.get("kind")
                .and_then(Value::as_array)
                .is_some_and(|kinds| kinds.iter().any(|k| k.as_str().is_some_and(is_lib_kind)))
        })
        .map(|t| text(t, "name").replace('-', "_"))
        .unwrap_or_default();
    let depends_on_framework = package
        .get("dependencies")
        .and_then(Value::as_array)
        .is_some_and(|deps| deps.iter().any(|d| text(d, "name") == FRAMEWORK_PACKAGE));
    let framework_version = depends_on_framework.then(|| {
        packages
            .iter()
            .find(|p| text(p, "name") == FRAMEWORK_PACKAGE)
            .map(|p| text(p, "version"))
            .unwrap_or_default()
    });
    let workspace_root = PathBuf::from(text(metadata, "workspace_root"));
    let outside_deps = packages
        .iter()
        .filter(|p| p.get("source").is_none_or(Value::is_null))
        .filter_map(|p| {
            let dir = Path::new(&text(p, "manifest_path")).parent()?.to_path_buf();
            let remapped = format!("/deps/{}-{}", text(p, "name"), text(p, "version"));
            (!dir.starts_with(&workspace_root)).then_some((dir, remapped))
        })
        .collect();
    Some(ContractCrate {
        name: text(package, "name"),
        lib_name,
        version: text(package, "version"),
        dir: manifest.parent()?.to_path_buf(),
        workspace_root,
        target_dir: PathBuf::from(text(metadata, "target_directory")),
        framework_version,
        outside_deps,
    })
}

fn is_lib_kind(kind: &str) -> bool {
    matches!(kind, "lib" | "rlib" | "cdylib" | "dylib" | "staticlib")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_package_of_the_manifest() {
        let metadata: Value = serde_json::from_str(
            r#"{"packages": [
                {"name": "other", "version": "1.0.0", "manifest_path": "/w/other/Cargo.toml",
                 "targets": [{"kind": ["lib"], "name": "other"}], "dependencies": []},
                {"name": "my-token", "version": "0.2.0", "manifest_path": "/w/token/Cargo.toml",
                 "targets": [{"kind": ["test"], "name": "t"}, {"kind": ["lib"], "name": "my-token"}],
                 "dependencies": [{"name": "strata-contract-framework"}]},
                {"name": "strata-contract-framework", "version": "0.1.0",
                 "manifest_path": "/w/contract-framework/Cargo.toml", "targets": [], "dependencies": []},
                {"name": "helper", "version": "0.4.0", "source": null,
                 "manifest_path": "/elsewhere/helper/Cargo.toml", "targets": [], "dependencies": []},
                {"name": "hex", "version": "0.4.3", "source": "registry+https://github.com/rust-lang/crates.io-index",
                 "manifest_path": "/home/me/.cargo/registry/src/hex-0.4.3/Cargo.toml", "targets": [], "dependencies": []}
            ], "workspace_root": "/w", "target_directory": "/w/target"}"#,
        )
        .unwrap();
        let krate = from_metadata(&metadata, Path::new("/w/token/Cargo.toml")).unwrap();
        assert_eq!(krate.name, "my-token");
        assert_eq!(krate.lib_name, "my_token");
        assert_eq!(krate.version, "0.2.0");
        assert_eq!(krate.dir, Path::new("/w/token"));
        assert_eq!(krate.target_dir, Path::new("/w/target"));
        assert_eq!(krate.framework_version.as_deref(), Some("0.1.0"));
        assert_eq!(
            krate.outside_deps,
            [(
                PathBuf::from("/elsewhere/helper"),
                "/deps/helper-0.4.0".to_owned()
            )]
        );
        let other = from_metadata(&metadata, Path::new("/w/other/Cargo.toml")).unwrap();
        assert_eq!(other.framework_version, None);
        assert!(from_metadata(&metadata, Path::new("/w/Cargo.toml")).is_none());
    }
}
