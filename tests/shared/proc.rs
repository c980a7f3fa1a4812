//! Running programs, shared by the privileged tests and the benchmarks (included by path
//! from both: they are separate crates).

use std::process::Command;

/// Runs a command, asserting success; returns stdout.
pub fn sh(args: &[&str]) -> String {
    let o = Command::new(args[0]).args(&args[1..]).output().unwrap_or_else(|e| panic!("{args:?}: {e}"));
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}
