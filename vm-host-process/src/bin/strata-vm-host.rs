//! A bare VM host, for the crate's tests and benchmarks: what `strata vm-host` runs.
//!
//! `strata-vm-host [--protocol-version N]`: the version flag makes it announce another
//! protocol version, for the handshake tests.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => strata_vm_host_process::serve_stdio(),
        [flag, n] if flag == "--protocol-version" => {
            let Ok(version) = n.parse() else {
                eprintln!("strata-vm-host: bad version {n:?}");
                return ExitCode::from(2);
            };
            let result = strata_vm_host_process::serve_version(
                std::io::stdin().lock(),
                std::io::stdout().lock(),
                version,
            );
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("strata-vm-host: {e}");
                    ExitCode::from(3)
                }
            }
        }
        _ => {
            eprintln!("usage: strata-vm-host [--protocol-version N]");
            ExitCode::from(2)
        }
    }
}
