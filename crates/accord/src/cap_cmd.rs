//! `accord cap validate FILE…` and `accord cap convert FILE`.
//!
//! Exit status: 0 when every file is a valid alert, 1 when any is invalid, 2 on a usage
//! error (bad arguments, or a file that cannot be read).

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use accord_cap::{Diagnostic, Severity, emit, validate};
use clap::{Args, Subcommand};
use serde::Serialize;

/// Arguments of `accord cap`.
#[derive(Debug, Args)]
pub(crate) struct CapArgs {
    #[command(subcommand)]
    command: CapCommand,
}

#[derive(Debug, Subcommand)]
enum CapCommand {
    /// Validate CAP 1.2 files; prints one JSON line per file:
    /// {"file", "valid", "errors": [{code, path, message, severity}]}.
    Validate {
        /// The files to validate.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Re-emit a valid alert as canonical CAP 1.2 XML (problems go to stderr as JSON).
    Convert {
        /// The alert to convert; `-` reads standard input.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where to write the canonical XML (default: standard output).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
}

/// One line of `validate`'s output.
#[derive(Debug, Serialize)]
struct Report<'a> {
    file: &'a str,
    valid: bool,
    errors: &'a [Problem],
}

/// A diagnostic as printed (the library's, or a file that could not be read).
#[derive(Debug, Serialize)]
struct Problem {
    code: &'static str,
    path: String,
    message: String,
    severity: Severity,
}

impl From<Diagnostic> for Problem {
    fn from(d: Diagnostic) -> Self {
        Self {
            code: d.code.as_str(),
            path: d.path,
            message: d.message,
            severity: d.severity,
        }
    }
}

const EXIT_INVALID: u8 = 1;
const EXIT_USAGE: u8 = 2;

pub(crate) fn run(args: CapArgs) -> ExitCode {
    match args.command {
        CapCommand::Validate { files } => validate_files(&files),
        CapCommand::Convert { file, output } => convert(&file, output.as_deref()),
    }
}

fn read_input(path: &Path) -> io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

fn unreadable(path: &Path, e: &io::Error) -> Problem {
    Problem {
        code: "FILE_UNREADABLE",
        path: "/".to_owned(),
        message: format!("cannot read {}: {e}", path.display()),
        severity: Severity::Error,
    }
}

fn validate_files(files: &[PathBuf]) -> ExitCode {
    let mut out = io::stdout().lock();
    let (mut any_invalid, mut any_unreadable) = (false, false);
    for path in files {
        let (valid, problems) = match read_input(path) {
            Ok(bytes) => {
                let v = validate(&bytes);
                (
                    v.is_valid(),
                    v.diagnostics.into_iter().map(Problem::from).collect(),
                )
            }
            Err(e) => {
                any_unreadable = true;
                (false, vec![unreadable(path, &e)])
            }
        };
        any_invalid |= !valid;
        let name = path.to_string_lossy();
        let report = Report {
            file: &name,
            valid,
            errors: &problems,
        };
        let line = serde_json::to_string(&report).unwrap_or_default();
        if writeln!(out, "{line}").is_err() {
            return ExitCode::from(EXIT_USAGE);
        }
    }
    match (any_unreadable, any_invalid) {
        (true, _) => ExitCode::from(EXIT_USAGE),
        (false, true) => ExitCode::from(EXIT_INVALID),
        (false, false) => ExitCode::SUCCESS,
    }
}

fn convert(path: &Path, output: Option<&Path>) -> ExitCode {
    let mut err = io::stderr().lock();
    let bytes = match read_input(path) {
        Ok(b) => b,
        Err(e) => {
            let p = unreadable(path, &e);
            let _ = writeln!(err, "{}", serde_json::to_string(&p).unwrap_or_default());
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let v = validate(&bytes);
    for d in &v.diagnostics {
        let p = Problem::from(d.clone());
        let _ = writeln!(err, "{}", serde_json::to_string(&p).unwrap_or_default());
    }
    let Some(alert) = v.alert else {
        return ExitCode::from(EXIT_INVALID);
    };
    let xml = emit(&alert);
    let written = match output {
        Some(out) => std::fs::write(out, xml),
        None => io::stdout().lock().write_all(xml.as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "cannot write the output: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_cap::Code;

    #[test]
    fn problems_serialise_with_stable_codes() {
        let d = Diagnostic {
            code: Code::WrongOrder,
            path: "/alert/info[1]".into(),
            message: "m".into(),
            severity: Severity::Error,
        };
        let json = serde_json::to_string(&Problem::from(d)).unwrap();
        assert_eq!(
            json,
            r#"{"code":"WRONG_ORDER","path":"/alert/info[1]","message":"m","severity":"error"}"#
        );
    }
}
