//! What the binary's tests share: running the binary and reading what it printed.

use std::path::Path;
use std::process::{Command, Output};

/// The real binary, to run in `dir` with `args`.
pub(crate) fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_accord"));
    command
        .current_dir(dir)
        .env_remove("ACCORD_DATABASE_URL")
        .env("ACCORD_LOG", "warn")
        .args(args);
    command
}

/// Runs the real binary in `dir` with `args` to its end.
pub(crate) fn accord(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("accord runs")
}

/// What the run printed on standard output.
pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What the run printed on standard error.
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
