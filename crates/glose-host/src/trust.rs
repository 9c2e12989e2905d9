//! Which `glose.toml` files may load native plugins.
//!
//! A corpus folder can come from anywhere, and its `glose.toml` can name shared
//! libraries: opening or annotating that folder must not run them unless the user said
//! so. `glose trust [PATH]` records the SHA-256 of the configuration file, under its
//! canonical path, in the user's data directory (`trusted.jsonl`); a configuration is
//! trusted while its bytes hash to a recorded digest. Editing the file (adding a plugin,
//! changing a path) withdraws the trust until `glose trust` is run again.
//!
//! The store lives in `$GLOSE_DATA_DIR`, else `$XDG_DATA_HOME/glose`, else
//! `~/.local/share/glose` (`%APPDATA%\glose` on Windows). It is one JSON object per line,
//! rewritten whole (temporary file, then rename) on every change.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The store's file name in the data directory.
pub const STORE_FILE: &str = "trusted.jsonl";

/// An error of the trust store, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: not a trust record: {message}")]
    Corrupt {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("no data directory for the trust store: set GLOSE_DATA_DIR, XDG_DATA_HOME or HOME")]
    NoDataDir,
}

/// One trusted configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The configuration file, canonical.
    pub config: PathBuf,
    /// SHA-256 of its bytes, in lower-case hexadecimal.
    pub sha256: String,
    /// When it was trusted, in seconds since the Unix epoch.
    pub since: u64,
}

/// The trust store.
#[derive(Clone, Debug)]
pub struct TrustStore {
    file: PathBuf,
}

/// The SHA-256 of `bytes`, in lower-case hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> TrustError + '_ {
    move |source| TrustError::Io {
        path: path.to_owned(),
        source,
    }
}

impl TrustStore {
    /// The user's store (see the module's documentation for where it is).
    pub fn user() -> Result<TrustStore, TrustError> {
        let env = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let dir = if let Some(d) = env("GLOSE_DATA_DIR") {
            d
        } else if let Some(d) = env("XDG_DATA_HOME") {
            d.join("glose")
        } else if cfg!(windows) {
            env("APPDATA").ok_or(TrustError::NoDataDir)?.join("glose")
        } else {
            env("HOME")
                .ok_or(TrustError::NoDataDir)?
                .join(".local/share/glose")
        };
        Ok(TrustStore::at(dir.join(STORE_FILE)))
    }

    /// A store in this file.
    pub fn at(file: impl Into<PathBuf>) -> TrustStore {
        TrustStore { file: file.into() }
    }

    /// The store's file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Every record (none when the file does not exist yet).
    pub fn records(&self) -> Result<Vec<Record>, TrustError> {
        let text = match std::fs::read_to_string(&self.file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(&self.file)(e)),
        };
        let mut records = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let record = serde_json::from_str(line).map_err(|e| TrustError::Corrupt {
                path: self.file.clone(),
                line: i + 1,
                message: e.to_string(),
            })?;
            records.push(record);
        }
        Ok(records)
    }

    /// Whether the configuration `config`, whose bytes are `bytes`, is trusted.
    pub fn is_trusted(&self, config: &Path, bytes: &[u8]) -> Result<bool, TrustError> {
        let Ok(canonical) = config.canonicalize() else {
            return Ok(false);
        };
        let digest = sha256_hex(bytes);
        Ok(self
            .records()?
            .iter()
            .any(|r| r.config == canonical && r.sha256 == digest))
    }

    /// Trusts the configuration file as it is now; returns its record.
    pub fn trust(&self, config: &Path) -> Result<Record, TrustError> {
        let canonical = config.canonicalize().map_err(io(config))?;
        let bytes = std::fs::read(&canonical).map_err(io(config))?;
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let record = Record {
            config: canonical,
            sha256: sha256_hex(&bytes),
            since,
        };
        let mut records = self.records()?;
        records.retain(|r| r.config != record.config);
        records.push(record.clone());
        self.save(&records)?;
        Ok(record)
    }

    /// Withdraws the trust of a configuration file; whether it was trusted.
    pub fn revoke(&self, config: &Path) -> Result<bool, TrustError> {
        let canonical = config.canonicalize().unwrap_or_else(|_| config.to_owned());
        let mut records = self.records()?;
        let before = records.len();
        records.retain(|r| r.config != canonical);
        if records.len() == before {
            return Ok(false);
        }
        self.save(&records)?;
        Ok(true)
    }

    fn save(&self, records: &[Record]) -> Result<(), TrustError> {
        let dir = self.file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let mut text = String::new();
        for r in records {
            text.push_str(&serde_json::to_string(r).expect("a record serializes"));
            text.push('\n');
        }
        glose_core::atomic::write(&self.file, text.as_bytes()).map_err(io(&self.file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_follows_the_bytes_of_the_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let store = TrustStore::at(dir.path().join("data/trusted.jsonl"));
        let config = dir.path().join("glose.toml");
        std::fs::write(&config, "[[plugin]]\npath = \"a.so\"\n").unwrap();
        let bytes = std::fs::read(&config).unwrap();
        assert!(!store.is_trusted(&config, &bytes).unwrap());
        let record = store.trust(&config).unwrap();
        assert_eq!(record.sha256.len(), 64);
        assert!(store.is_trusted(&config, &bytes).unwrap());
        // Through another spelling of the same path.
        let other = dir.path().join(".").join("glose.toml");
        assert!(store.is_trusted(&other, &bytes).unwrap());
        // Edited: no longer trusted.
        std::fs::write(&config, "[[plugin]]\npath = \"b.so\"\n").unwrap();
        let edited = std::fs::read(&config).unwrap();
        assert!(!store.is_trusted(&config, &edited).unwrap());
        // Trusting again replaces the record.
        store.trust(&config).unwrap();
        assert_eq!(store.records().unwrap().len(), 1);
        assert!(store.is_trusted(&config, &edited).unwrap());
        assert!(store.revoke(&config).unwrap());
        assert!(!store.revoke(&config).unwrap());
        assert!(!store.is_trusted(&config, &edited).unwrap());
    }

    #[test]
    fn a_corrupt_store_names_its_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("trusted.jsonl");
        std::fs::write(&file, "\n{oops\n").unwrap();
        let err = TrustStore::at(&file).records().unwrap_err().to_string();
        assert!(err.contains("trusted.jsonl:2:"), "{err}");
    }

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
