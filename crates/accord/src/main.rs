//! `accord`: Accord's one binary. `main` only parses the command line and dispatches; each
//! subcommand lives in its own module.

mod cap_cmd;
mod config_cmd;
mod demo_cmd;
mod export_cmd;
mod keys_cmd;
mod node;
mod serve_cmd;
mod settings;
mod sign_cmd;
mod source;
mod verify_cmd;
mod verify_proof_cmd;
mod witness_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::settings::{Secret, Settings};

/// Accord: the digital secretariat and crisis response centre.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about)]
struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

/// Settings given as flags (they win over the environment and the settings file).
#[derive(Debug, Args)]
struct GlobalArgs {
    /// The settings file (`accord config` prints a commented one).
    #[arg(long, global = true, env = "ACCORD_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    /// The data directory.
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// The database URL (sqlite://PATH or postgres://…). Prefer ACCORD_DATABASE_URL: a flag can
    /// be seen by other users of the machine.
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// OASIS CAP 1.2 alerts: validate and convert.
    Cap(cap_cmd::CapArgs),
    /// Print the commented default settings (or the reference organisation).
    Config(config_cmd::ConfigArgs),
    /// Generate a log, witness or delegation key pair.
    Keys(keys_cmd::KeysArgs),
    /// Apply the database migrations.
    Migrate,
    /// Prepare a node: migrate, create the log key, replay and check the log, and found the
    /// organisation if the log is empty (the server does the same on every start).
    Init,
    /// Export the log at its latest checkpoint for offline verification.
    Export(export_cmd::ExportArgs),
    /// Serve the organisation: pages, API and the log, until Ctrl-C or SIGTERM.
    Serve,
    /// Run the demo: a fresh reference organisation with accounts for every affiliation and a
    /// witness per member state, on 127.0.0.1:8080.
    Demo(demo_cmd::DemoArgs),
    /// Verify an exported or served log with the organisation's verifier key.
    Verify(verify_cmd::VerifyArgs),
    /// Verify one entry offline from the proof its page offers for download.
    VerifyProof(verify_proof_cmd::VerifyProofArgs),
    /// Sign a decision's signing message with a delegation's key (prints the signature).
    Sign(sign_cmd::SignArgs),
    /// A member state's witness: check the log's latest checkpoint against the last one cosigned,
    /// cosign it and submit the cosignature; refuse a forked log and write the evidence.
    Witness(witness_cmd::WitnessArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match cli.command {
        Command::Cap(args) => cap_cmd::run(args),
        Command::Config(args) => report(config_cmd::run(&args)),
        Command::Keys(args) => report(keys_cmd::run(&args)),
        Command::Verify(args) => report(verify_cmd::run(&args)),
        Command::VerifyProof(args) => report(verify_proof_cmd::run(&args)),
        Command::Witness(args) => report(witness_cmd::run(&args)),
        Command::Sign(args) => report(sign_cmd::run(&args)),
        Command::Migrate => report(with_settings(&cli.global).and_then(|s| {
            block_on(async move {
                let store = node::open_store(&s).await?;
                out(&format!("migrated the {:?} database", store.backend()));
                Ok(())
            })
        })),
        Command::Init => report(with_settings(&cli.global).and_then(|s| {
            block_on(async move {
                let (journal, verifier) = node::open_journal(&s).await?;
                let (size, root) = journal.head();
                out(&format!(
                    "the log holds {size} entries, root {}",
                    root.to_base64()
                ));
                out(&format!("log verifier key: {verifier}"));
                journal.shutdown().await;
                Ok(())
            })
        })),
        Command::Serve => report(
            with_settings(&cli.global)
                .and_then(|s| block_on(async move { serve_cmd::run(&s).await })),
        ),
        Command::Demo(args) => {
            let given = cli.global.data_dir.is_some();
            report(
                with_settings(&cli.global)
                    .and_then(|s| block_on(async move { demo_cmd::run(s, given, &args).await })),
            )
        }
        Command::Export(args) => report(
            with_settings(&cli.global)
                .and_then(|s| block_on(async move { export_cmd::run(&s, &args).await })),
        ),
    }
}

fn with_settings(global: &GlobalArgs) -> anyhow::Result<Settings> {
    let mut settings = Settings::load(global.config.as_deref())?;
    if let Some(dir) = &global.data_dir {
        settings.data_dir.clone_from(dir);
    }
    if let Some(url) = &global.database_url {
        settings.database_url = Some(Secret::new(url.clone()));
    }
    Ok(settings)
}

fn block_on<T>(future: impl Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(future)
}

/// Prints an error with its causes and turns it into exit status 1.
fn report(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Writes a line to standard output.
pub(crate) fn out(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{line}");
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ACCORD_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
