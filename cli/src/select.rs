//! Which files `strata test` runs: files as given, directories walked (`walkdir`, symlinks
//! followed, loops reported and skipped) for `*.scen.json`, each file once, narrowed by
//! `--filter`; `*.awaiting.json` files found in directories are counted as skipped.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

/// Files a directory walk runs.
const SCENARIO_SUFFIX: &str = ".scen.json";
/// Files a directory walk counts as skipped: scenarios waiting for the VM.
const AWAITING_SUFFIX: &str = ".awaiting.json";

/// What a run selected.
#[derive(Debug, Default)]
pub struct Selection {
    /// The files to run, in order.
    pub run: Vec<PathBuf>,
    /// The files skipped (`*.awaiting.json` found in directories).
    pub skipped: Vec<PathBuf>,
}

/// How paths are narrowed.
#[derive(Debug, Default)]
pub struct Filters {
    /// Keep a file when one of these is a substring of its path (or, exact, names it).
    pub texts: Vec<String>,
    /// A filter must be the whole path, the file name, or the name without `.scen.json`.
    pub exact: bool,
}

impl Filters {
    fn keeps(&self, file: &Path) -> bool {
        if self.texts.is_empty() {
            return true;
        }
        let path = file.to_string_lossy().replace('\\', "/");
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = name
            .strip_suffix(SCENARIO_SUFFIX)
            .or_else(|| name.strip_suffix(AWAITING_SUFFIX))
            .unwrap_or(&name);
        self.texts.iter().any(|t| {
            if self.exact {
                *t == path || *t == name || t == stem
            } else {
                path.contains(t.as_str())
            }
        })
    }
}

/// Collects the files of `paths` (directories recursively, sorted by name), each once,
/// narrowed by `filters`.
///
/// # Errors
/// A path that does not exist; a directory that cannot be read.
pub fn collect(paths: &[PathBuf], filters: &Filters) -> Result<Selection> {
    let mut seen = HashSet::new();
    let mut selection = Selection::default();
    let mut add = |file: PathBuf, skipped: bool, selection: &mut Selection| {
        let key = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
        if !filters.keeps(&file) || !seen.insert(key) {
            return;
        }
        if skipped {
            selection.skipped.push(file);
        } else {
            selection.run.push(file);
        }
    };
    for path in paths {
        if path.is_dir() {
            for (file, skipped) in walk(path)? {
                add(file, skipped, &mut selection);
            }
        } else if path.is_file() {
            add(path.clone(), false, &mut selection);
        } else {
            bail!("{}: no such file or directory", path.display());
        }
    }
    Ok(selection)
}

/// The scenario files under `dir`, each with whether it is skipped.
fn walk(dir: &Path) -> Result<Vec<(PathBuf, bool)>> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) if e.loop_ancestor().is_some() => {
                eprintln!("warning: skipping a symlink loop: {e}");
                continue;
            }
            Err(e) => bail!("reading {}: {e}", dir.display()),
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if name.ends_with(SCENARIO_SUFFIX) {
            files.push((entry.into_path(), false));
        } else if name.ends_with(AWAITING_SUFFIX) {
            files.push((entry.into_path(), true));
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filters(texts: &[&str], exact: bool) -> Filters {
        Filters {
            texts: texts.iter().map(|t| (*t).to_owned()).collect(),
            exact,
        }
    }

    #[test]
    fn substring_and_exact_filters() {
        let file = Path::new("examples/adder/adder-add.scen.json");
        assert!(filters(&[], false).keeps(file));
        assert!(filters(&["adder/"], false).keeps(file));
        assert!(filters(&["nope", "add.scen"], false).keeps(file));
        assert!(!filters(&["vault"], false).keeps(file));
        assert!(filters(&["adder-add"], true).keeps(file));
        assert!(filters(&["adder-add.scen.json"], true).keeps(file));
        assert!(filters(&["examples/adder/adder-add.scen.json"], true).keeps(file));
        assert!(!filters(&["adder"], true).keeps(file));
    }
}
