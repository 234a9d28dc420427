//! Which wasm toolchain `strata build` compiles with: rustup's `wasm32-unknown-unknown` target
//! when it is installed, else the Debian-packaged rustc (`rustc-web`, `rust-web-src`, `lld`),
//! else an error naming `scripts/setup.sh`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use clap::ValueEnum;

/// The wasm target contracts are compiled for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The Debian-packaged compiler (package `rustc-web`).
const DEBIAN_RUSTC: &str = "/usr/bin/rustc";

/// Which toolchain the user asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ToolchainChoice {
    /// rustup's wasm target when installed, else the Debian-packaged one.
    #[default]
    Auto,
    /// rustup's `wasm32-unknown-unknown` target.
    Rustup,
    /// Debian's `rustc-web` + `rust-web-src` + `lld` (`scripts/setup.sh` installs them).
    Debian,
}

/// What `rustc -vV` says about a compiler, in the fields of the ecosystem's `buildInfo.rustc`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RustcInfo {
    /// `1.96.0`.
    pub version: String,
    /// The full commit hash (empty when the compiler does not know it).
    pub commit_hash: String,
    /// `2026-05-25`.
    pub commit_date: String,
    /// `Stable`, `Beta`, `Nightly` or `Dev`, as the ecosystem spells them.
    pub channel: String,
    /// The host triple.
    pub host: String,
    /// The first line of `rustc -V`.
    pub short: String,
}

impl RustcInfo {
    /// Reads the output of `rustc -vV`.
    pub fn parse(text: &str) -> Self {
        let mut info = Self {
            short: text.lines().next().unwrap_or_default().trim().to_owned(),
            ..Self::default()
        };
        for line in text.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_owned();
            match key.trim() {
                "release" => info.version = value,
                "commit-hash" if value != "unknown" => info.commit_hash = value,
                "commit-date" if value != "unknown" => info.commit_date = value,
                "host" => info.host = value,
                _ => {}
            }
        }
        info.channel = channel_of(&info.version).to_owned();
        info
    }
}

fn channel_of(version: &str) -> &'static str {
    if version.contains("-nightly") {
        "Nightly"
    } else if version.contains("-beta") {
        "Beta"
    } else if version.contains("-dev") {
        "Dev"
    } else {
        "Stable"
    }
}

/// A toolchain that can build contracts, with what the build command needs to drive it.
#[derive(Clone, Debug)]
pub struct Toolchain {
    /// Which of the two kinds it is.
    pub kind: ToolchainChoice,
    /// The compiler cargo runs (`RUSTC`), or `None` for the one cargo finds itself.
    pub rustc: Option<PathBuf>,
    /// The library sources `-Zbuild-std` rebuilds `core` and `alloc` from, when present.
    pub library_src: Option<PathBuf>,
    /// The compiler's version.
    pub info: RustcInfo,
}

impl Toolchain {
    /// Finds the toolchain `choice` asks for.
    ///
    /// # Errors
    /// None is installed (the message names `scripts/setup.sh`), or the one asked for is not.
    pub fn detect(choice: ToolchainChoice) -> Result<Self> {
        let rustup = || rustup_has_wasm_target().then(Self::rustup).transpose();
        let debian = || Self::debian();
        let found = match choice {
            ToolchainChoice::Rustup => rustup()?,
            ToolchainChoice::Debian => debian(),
            ToolchainChoice::Auto => match rustup()? {
                Some(found) => Some(found),
                None => debian(),
            },
        };
        found.with_context(|| {
            format!(
                "no wasm toolchain{}: run `scripts/setup.sh` (installs Debian's rustc-web \
                 rust-web-src lld), or `rustup target add {WASM_TARGET}`",
                match choice {
                    ToolchainChoice::Auto => String::new(),
                    ToolchainChoice::Rustup => format!(" (rustup has no {WASM_TARGET} target)"),
                    ToolchainChoice::Debian => {
                        format!(" (Debian's {DEBIAN_RUSTC}, its library sources and wasm-ld)")
                    }
                }
            )
        })
    }

    fn rustup() -> Result<Self> {
        let info = rustc_info(Path::new("rustc"))?;
        let library_src = library_src(Path::new("rustc"));
        Ok(Self {
            kind: ToolchainChoice::Rustup,
            rustc: None,
            library_src,
            info,
        })
    }

    fn debian() -> Option<Self> {
        let rustc = PathBuf::from(DEBIAN_RUSTC);
        if !rustc.is_file() || !runs("wasm-ld", &["--version"]) {
            return None;
        }
        let library_src = library_src(&rustc)?;
        let info = rustc_info(&rustc).ok()?;
        Some(Self {
            kind: ToolchainChoice::Debian,
            rustc: Some(rustc),
            library_src: Some(library_src),
            info,
        })
    }

    /// Whether `core` and `alloc` are rebuilt from source (with the contract's flags).
    pub fn builds_std(&self) -> bool {
        self.library_src.is_some()
    }

    /// One line saying which toolchain builds.
    pub fn describe(&self) -> String {
        let how = if self.builds_std() {
            "core and alloc rebuilt with -Zbuild-std"
        } else {
            "the target's prebuilt core and alloc"
        };
        match self.kind {
            ToolchainChoice::Debian => {
                format!(
                    "Debian's {DEBIAN_RUSTC} and wasm-ld ({}; {how})",
                    self.info.short
                )
            }
            _ => format!("rustup's {WASM_TARGET} target ({}; {how})", self.info.short),
        }
    }

    /// The environment the wasm `cargo` runs with (the flags come separately).
    pub fn cargo_env(&self) -> Vec<(&'static str, String)> {
        let mut env = Vec::new();
        if let Some(rustc) = &self.rustc {
            env.push(("RUSTC", rustc.display().to_string()));
            env.push((
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER",
                "wasm-ld".to_owned(),
            ));
        }
        if self.builds_std() {
            env.push(("RUSTC_BOOTSTRAP", "1".to_owned()));
        }
        env
    }

    /// The extra `cargo` arguments the toolchain needs.
    pub fn cargo_args(&self) -> Vec<&'static str> {
        if self.builds_std() {
            vec!["-Zbuild-std=core,alloc"]
        } else {
            Vec::new()
        }
    }
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|out| out.status.success())
}

fn rustup_has_wasm_target() -> bool {
    Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .is_ok_and(|out| {
            out.status.success()
                && String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .any(|line| line.trim() == WASM_TARGET)
        })
}

fn rustc_info(rustc: &Path) -> Result<RustcInfo> {
    let out = Command::new(rustc)
        .arg("-vV")
        .output()
        .with_context(|| format!("running {} -vV", rustc.display()))?;
    if !out.status.success() {
        bail!("{} -vV failed", rustc.display());
    }
    Ok(RustcInfo::parse(&String::from_utf8_lossy(&out.stdout)))
}

/// `<sysroot>/lib/rustlib/src/rust/library` when it holds `core`'s sources.
fn library_src(rustc: &Path) -> Option<PathBuf> {
    let out = Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
        .ok()?;
    let sysroot = String::from_utf8(out.stdout).ok()?;
    let library = Path::new(sysroot.trim()).join("lib/rustlib/src/rust/library");
    library.join("core/src/lib.rs").is_file().then_some(library)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rustc_version_output() {
        let info = RustcInfo::parse(
            "rustc 1.96.0 (ac68faa20 2026-05-25) (built from a source tarball)\n\
             binary: rustc\ncommit-hash: ac68faa20c58cbccd01ee7208bf3b6e93a7d7f96\n\
             commit-date: 2026-05-25\nhost: x86_64-unknown-linux-gnu\nrelease: 1.96.0\n\
             LLVM version: 22.1.8\n",
        );
        assert_eq!(info.version, "1.96.0");
        assert_eq!(info.commit_hash, "ac68faa20c58cbccd01ee7208bf3b6e93a7d7f96");
        assert_eq!(info.commit_date, "2026-05-25");
        assert_eq!(info.channel, "Stable");
        assert_eq!(info.host, "x86_64-unknown-linux-gnu");
        assert_eq!(
            info.short,
            "rustc 1.96.0 (ac68faa20 2026-05-25) (built from a source tarball)"
        );
    }

    #[test]
    fn nightly_and_unknown_commit() {
        let info = RustcInfo::parse(
            "rustc 1.97.0-nightly\ncommit-hash: unknown\ncommit-date: unknown\nrelease: 1.97.0-nightly\n",
        );
        assert_eq!(info.channel, "Nightly");
        assert_eq!(info.commit_hash, "");
        assert_eq!(info.commit_date, "");
    }
}
