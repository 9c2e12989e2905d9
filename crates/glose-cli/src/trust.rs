//! `glose trust`: allow the native plugins a corpus's `glose.toml` names.
//!
//! Opening or annotating a folder never runs the shared libraries its configuration
//! names until the user trusts that configuration, as it is: the trust is recorded
//! with the file's SHA-256 and the SHA-256 of each plugin library it names (see
//! `glose_host::trust`), and lapses when the file or one of the libraries changes.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use glose_core::corpus::Config;
use glose_host::trust::{Record, TrustStore};

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
                Ok(bytes) if glose_host::trust::sha256_hex(&bytes) == record.sha256 => {
                    library_state(&record)
                }
                Ok(_) => "changed since (not trusted)".to_owned(),
                Err(_) => "missing".to_owned(),
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
    let libraries = config.enabled_plugin_libraries();
    let record = store.trust(&file, &libraries)?;
    writeln!(
        out,
        "{}: trusted (sha256 {}), as it is now, with its plugin libraries as they are now; \
         editing it or replacing a library withdraws the trust",
        record.config.display(),
        &record.sha256[..16]
    )?;
    let hashes = record.libraries.unwrap_or_default();
    for library in &libraries {
        let digest = library
            .canonicalize()
            .ok()
            .and_then(|key| hashes.get(&key))
            .map_or("", |d| &d[..16]);
        writeln!(
            out,
            "  runs native code: {} (sha256 {digest})",
            library.display()
        )?;
    }
    Ok(Status::Ok)
}

/// The state of a record whose configuration is unchanged: whether each library it
/// recorded still hashes to its digest.
fn library_state(record: &Record) -> String {
    let Some(libraries) = &record.libraries else {
        return "trusted by an older glose: its plugin libraries are not trusted yet \
                (run `glose trust` again)"
            .to_owned();
    };
    let changed: Vec<String> = libraries
        .iter()
        .filter(|(path, digest)| {
            glose_host::trust::sha256_file(path).map_or(true, |now| now != **digest)
        })
        .map(|(path, _)| path.display().to_string())
        .collect();
    if changed.is_empty() {
        "trusted".to_owned()
    } else {
        format!(
            "plugin library changed or missing since (not trusted): {}",
            changed.join(", ")
        )
    }
}
