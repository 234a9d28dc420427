//! `strata`: the command-line front of Strata.

use anyhow::{Result, bail};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version" | "-V") => {
            println!("strata {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        _ => bail!(
            "usage: strata --version (the scenario runner `strata test` arrives with its issue)"
        ),
    }
}
