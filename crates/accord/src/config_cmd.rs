//! `accord config`: prints the commented default settings, or (with `--organisation`) the
//! commented reference organisation.

use anyhow::Result;
use clap::Args;

use crate::out;
use crate::settings::DEFAULT_FILE;

/// Arguments of `accord config`.
#[derive(Debug, Args)]
pub(crate) struct ConfigArgs {
    /// Print the reference organisation's configuration instead of the settings.
    #[arg(long)]
    organisation: bool,
}

pub(crate) fn run(args: &ConfigArgs) -> Result<()> {
    if args.organisation {
        out(accord_core::config::REFERENCE_TOML.trim_end());
    } else {
        out(DEFAULT_FILE.trim_end());
    }
    Ok(())
}
