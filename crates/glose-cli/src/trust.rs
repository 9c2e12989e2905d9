//! `glose trust`: allow the native plugins a corpus's `glose.toml` names.
//!
//! Opening or annotating a folder never runs the shared libraries its configuration
//! names until the user trusts that configuration, as it is: the trust is recorded
//! with the file's SHA-256 (see `glose_host::trust`) and lapses when the file changes.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use glose_core::corpus::Config;
use glose_host::trust::TrustStore;

use crate::Status;

#[derive(Args, Debug)]
pub(crate) struct TrustArgs {
    /// The corpus folder (its nearest glose.toml is trusted) or the configuration file.
    #[arg(value_name = "PATH", default_value = ".")]
    path: PathBuf,
    /// Withdraw the trust instead.
    #[arg(long, conflicts_with = "list")]
    revoke: bool,
    /// List the trusted configurations (and whether each still matches its file).
    #[arg(long)]
    list: bool,
}

/// The configuration file that applies to `path`.
fn config_file(path: &Path) -> anyhow::Result<PathBuf> {
    if path.is_file() {
        return Ok(path.to_owned());
    }
    if !path.exists() {
        anyhow::bail!("{}: no such file or folder", path.display());
    }
    let config = Config::discover(path).map_err(anyhow::Error::from)?;
    config.file.with_context(|| {
        format!(
            "{}: no glose.toml here or in a folder above: nothing to trust",
            path.display()
        )
    })
}

pub(crate) fn run(args: TrustArgs) -> anyhow::Result<Status> {
    let store = TrustStore::user()?;
    let mut out = std::io::stdout().lock();
    if args.list {
        for record in store.records()? {
            let state = match std::fs::read(&record.config) {
                Ok(bytes) if glose_host::trust::sha256_hex(&bytes) == record.sha256 => "trusted",
                Ok(_) => "changed since (not trusted)",
                Err(_) => "missing",
            };
            writeln!(out, "{}\t{state}", record.config.display())?;
        }
        return Ok(Status::Ok);
    }
    let file = config_file(&args.path)?;
    if args.revoke {
        if store.revoke(&file)? {
            writeln!(out, "{}: no longer trusted", file.display())?;
        } else {
            writeln!(out, "{}: was not trusted", file.display())?;
        }
        return Ok(Status::Ok);
    }
    // Loading it first: a configuration glose cannot read is not worth trusting, and the
    // user sees what they allow.
    let config = Config::load(&file).map_err(anyhow::Error::from)?;
    let record = store.trust(&file)?;
    writeln!(
        out,
        "{}: trusted (sha256 {}), as it is now; editing it withdraws the trust",
        record.config.display(),
        &record.sha256[..16]
    )?;
    for plugin in config.plugins.iter().filter(|p| p.enabled) {
        writeln!(out, "  runs native code: {}", plugin.path.display())?;
    }
    Ok(Status::Ok)
}
