//! Which `glose.toml` files may load native plugins.
//!
//! A corpus folder can come from anywhere, and its `glose.toml` can name shared
//! libraries: opening or annotating that folder must not run them unless the user said
//! so. `glose trust [PATH]` records the SHA-256 of the configuration file, under its
//! canonical path, with the SHA-256 of each plugin library it names (by canonical
//! path), in the user's data directory (`trusted.jsonl`). A configuration is trusted
//! while its bytes hash to the recorded digest **and** each of its libraries hashes to
//! its own: editing the file (adding a plugin, changing a path) or replacing a library
//! (a rebuild, another file copied over it) withdraws the trust until `glose trust` is
//! run again. A record written before libraries were hashed (no `libraries` field) is
//! read as it was written: its configuration is trusted, its libraries are not yet.
//!
//! The store lives in `$GLOSE_DATA_DIR`, else `$XDG_DATA_HOME/glose`, else
//! `~/.local/share/glose` (`%APPDATA%\glose` on Windows). It is one JSON object per line,
//! rewritten whole (temporary file, then rename) on every change.

use std::collections::BTreeMap;
use std::io::Read;
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
    #[error("plugin library {path}: cannot be read to be trusted: {source}")]
    Library {
        path: PathBuf,
        source: std::io::Error,
    },
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
    /// The SHA-256 of each plugin library the configuration named when it was trusted,
    /// by canonical path. `None` in a record written before libraries were hashed: none
    /// of its libraries is trusted yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub libraries: Option<BTreeMap<PathBuf, String>>,
}

/// Why a plugin library of a trusted configuration is not trusted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryState {
    /// Its bytes hash to another digest than the recorded one.
    Changed { recorded: String, now: String },
    /// The record has no digest for it (the configuration was trusted when the path led
    /// elsewhere, e.g. a symbolic link changed since).
    NotRecorded,
    /// The record was written before libraries were hashed.
    OldRecord,
    /// It cannot be read (missing, no permission).
    Unreadable(String),
}

/// A plugin library that is not trusted, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UntrustedLibrary {
    /// As the configuration names it (resolved against its folder).
    pub path: PathBuf,
    pub state: LibraryState,
}

/// What the store says of a configuration and its libraries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The configuration and each of its libraries are as they were trusted.
    Trusted,
    /// The configuration is not trusted: never trusted, or edited since.
    NotTrusted,
    /// The configuration is as it was trusted, but these libraries are not.
    Libraries(Vec<UntrustedLibrary>),
}

/// The trust store.
#[derive(Clone, Debug)]
pub struct TrustStore {
    file: PathBuf,
}

/// The store's key for a library: its canonical path.
fn library_key(path: &Path) -> std::io::Result<PathBuf> {
    path.canonicalize()
}

/// The SHA-256 of `bytes`, in lower-case hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The SHA-256 of a file's bytes, in lower-case hexadecimal, read in blocks (a large
/// library is never held in memory whole).
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(hex(&hasher.finalize()))
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> TrustError + '_ {
    move |source| TrustError::Io {
        path: path.to_owned(),
        source,
    }
}

impl Record {
    /// The libraries among `libraries` that this record does not trust as they are now
    /// (empty: all are trusted). Each is hashed once.
    pub fn untrusted_libraries(&self, libraries: &[PathBuf]) -> Vec<UntrustedLibrary> {
        let mut out = Vec::new();
        for path in libraries {
            let untrusted = |state| UntrustedLibrary {
                path: path.clone(),
                state,
            };
            let Some(recorded) = &self.libraries else {
                out.push(untrusted(LibraryState::OldRecord));
                continue;
            };
            let key = match library_key(path) {
                Ok(k) => k,
                Err(e) => {
                    out.push(untrusted(LibraryState::Unreadable(e.to_string())));
                    continue;
                }
            };
            let Some(recorded) = recorded.get(&key) else {
                out.push(untrusted(LibraryState::NotRecorded));
                continue;
            };
            match sha256_file(&key) {
                Ok(now) if now == *recorded => {}
                Ok(now) => out.push(untrusted(LibraryState::Changed {
                    recorded: recorded.clone(),
                    now,
                })),
                Err(e) => out.push(untrusted(LibraryState::Unreadable(e.to_string()))),
            }
        }
        out
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

    /// Whether the configuration `config`, whose bytes are `bytes`, is trusted, and
    /// each of the plugin libraries it names (`libraries`, resolved against its
    /// folder) as they are now.
    pub fn check(
        &self,
        config: &Path,
        bytes: &[u8],
        libraries: &[PathBuf],
    ) -> Result<Verdict, TrustError> {
        let Ok(canonical) = config.canonicalize() else {
            return Ok(Verdict::NotTrusted);
        };
        let digest = sha256_hex(bytes);
        let records = self.records()?;
        let Some(record) = records
            .iter()
            .find(|r| r.config == canonical && r.sha256 == digest)
        else {
            return Ok(Verdict::NotTrusted);
        };
        let untrusted = record.untrusted_libraries(libraries);
        Ok(if untrusted.is_empty() {
            Verdict::Trusted
        } else {
            Verdict::Libraries(untrusted)
        })
    }

    /// Trusts the configuration file as it is now, with the plugin libraries it names
    /// (`libraries`, resolved against its folder) as they are now; returns its record.
    /// A library that cannot be read is an error, naming it: nothing is recorded.
    pub fn trust(&self, config: &Path, libraries: &[PathBuf]) -> Result<Record, TrustError> {
        let canonical = config.canonicalize().map_err(io(config))?;
        let bytes = std::fs::read(&canonical).map_err(io(config))?;
        let mut hashes = BTreeMap::new();
        for path in libraries {
            let library = |source| TrustError::Library {
                path: path.clone(),
                source,
            };
            let key = library_key(path).map_err(library)?;
            let digest = sha256_file(&key).map_err(library)?;
            hashes.insert(key, digest);
        }
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let record = Record {
            config: canonical,
            sha256: sha256_hex(&bytes),
            since,
            libraries: Some(hashes),
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
        assert_eq!(
            store.check(&config, &bytes, &[]).unwrap(),
            Verdict::NotTrusted
        );
        let record = store.trust(&config, &[]).unwrap();
        assert_eq!(record.sha256.len(), 64);
        assert_eq!(store.check(&config, &bytes, &[]).unwrap(), Verdict::Trusted);
        // Through another spelling of the same path.
        let other = dir.path().join(".").join("glose.toml");
        assert_eq!(store.check(&other, &bytes, &[]).unwrap(), Verdict::Trusted);
        // Edited: no longer trusted.
        std::fs::write(&config, "[[plugin]]\npath = \"b.so\"\n").unwrap();
        let edited = std::fs::read(&config).unwrap();
        assert_eq!(
            store.check(&config, &edited, &[]).unwrap(),
            Verdict::NotTrusted
        );
        // Trusting again replaces the record.
        store.trust(&config, &[]).unwrap();
        assert_eq!(store.records().unwrap().len(), 1);
        assert_eq!(
            store.check(&config, &edited, &[]).unwrap(),
            Verdict::Trusted
        );
        assert!(store.revoke(&config).unwrap());
        assert!(!store.revoke(&config).unwrap());
        assert_eq!(
            store.check(&config, &edited, &[]).unwrap(),
            Verdict::NotTrusted
        );
    }

    /// A folder with a configuration naming two libraries, and a store.
    fn corpus() -> (
        tempfile::TempDir,
        TrustStore,
        PathBuf,
        Vec<u8>,
        Vec<PathBuf>,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = TrustStore::at(dir.path().join("data/trusted.jsonl"));
        let config = dir.path().join("glose.toml");
        std::fs::write(
            &config,
            "[[plugin]]\npath = \"liba.so\"\n[[plugin]]\npath = \"libb.so\"\n",
        )
        .unwrap();
        let libraries = vec![dir.path().join("liba.so"), dir.path().join("libb.so")];
        std::fs::write(&libraries[0], b"\x7fELF a").unwrap();
        std::fs::write(&libraries[1], b"\x7fELF b").unwrap();
        let bytes = std::fs::read(&config).unwrap();
        (dir, store, config, bytes, libraries)
    }

    #[test]
    fn a_changed_library_is_not_trusted_until_trusted_again() {
        let (_dir, store, config, bytes, libraries) = corpus();
        let record = store.trust(&config, &libraries).unwrap();
        let recorded = record.libraries.as_ref().unwrap();
        assert_eq!(recorded.len(), 2);
        let a = libraries[0].canonicalize().unwrap();
        assert_eq!(recorded[&a], sha256_hex(b"\x7fELF a"));
        assert_eq!(
            store.check(&config, &bytes, &libraries).unwrap(),
            Verdict::Trusted
        );
        // Replaced by other bytes: that library, and only it, is named.
        std::fs::write(&libraries[1], b"\x7fELF b, rebuilt").unwrap();
        assert_eq!(
            store.check(&config, &bytes, &libraries).unwrap(),
            Verdict::Libraries(vec![UntrustedLibrary {
                path: libraries[1].clone(),
                state: LibraryState::Changed {
                    recorded: sha256_hex(b"\x7fELF b"),
                    now: sha256_hex(b"\x7fELF b, rebuilt"),
                },
            }])
        );
        // Trusted again: the new bytes are recorded.
        store.trust(&config, &libraries).unwrap();
        assert_eq!(
            store.check(&config, &bytes, &libraries).unwrap(),
            Verdict::Trusted
        );
        // Gone: it cannot be read.
        std::fs::remove_file(&libraries[0]).unwrap();
        let Verdict::Libraries(untrusted) = store.check(&config, &bytes, &libraries).unwrap()
        else {
            panic!("a missing library is not trusted");
        };
        assert_eq!(untrusted.len(), 1);
        assert_eq!(untrusted[0].path, libraries[0]);
        assert!(matches!(untrusted[0].state, LibraryState::Unreadable(_)));
        // And trusting a configuration whose library cannot be read records nothing.
        let before = store.records().unwrap();
        let err = store.trust(&config, &libraries).unwrap_err().to_string();
        assert!(
            err.contains("liba.so: cannot be read to be trusted"),
            "{err}"
        );
        assert_eq!(store.records().unwrap(), before);
    }

    #[test]
    fn a_library_the_record_does_not_name_is_not_trusted() {
        let (_dir, store, config, bytes, libraries) = corpus();
        store.trust(&config, &libraries[..1]).unwrap();
        assert_eq!(
            store.check(&config, &bytes, &libraries).unwrap(),
            Verdict::Libraries(vec![UntrustedLibrary {
                path: libraries[1].clone(),
                state: LibraryState::NotRecorded,
            }])
        );
    }

    #[test]
    fn an_old_record_trusts_the_configuration_but_not_its_libraries() {
        let (_dir, store, config, bytes, libraries) = corpus();
        // As glose wrote it before libraries were hashed.
        let old = format!(
            "{{\"config\":{},\"sha256\":\"{}\",\"since\":1700000000}}\n",
            serde_json::to_string(&config.canonicalize().unwrap()).unwrap(),
            sha256_hex(&bytes)
        );
        std::fs::create_dir_all(store.file().parent().unwrap()).unwrap();
        std::fs::write(store.file(), old).unwrap();
        let records = store.records().unwrap();
        assert_eq!(records[0].libraries, None);
        // A configuration without plugins needs nothing more.
        assert_eq!(store.check(&config, &bytes, &[]).unwrap(), Verdict::Trusted);
        let Verdict::Libraries(untrusted) = store.check(&config, &bytes, &libraries).unwrap()
        else {
            panic!("the libraries of an old record are not trusted");
        };
        assert_eq!(
            untrusted.iter().map(|u| &u.state).collect::<Vec<_>>(),
            [&LibraryState::OldRecord, &LibraryState::OldRecord]
        );
        // Trusting again writes the new format, which an old entry never had.
        store.trust(&config, &libraries).unwrap();
        let text = std::fs::read_to_string(store.file()).unwrap();
        assert!(text.contains("\"libraries\":{"), "{text}");
        assert_eq!(
            store.check(&config, &bytes, &libraries).unwrap(),
            Verdict::Trusted
        );
    }

    #[test]
    fn a_large_library_is_hashed_in_blocks_to_the_same_digest() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big.so");
        // Not a multiple of the block size.
        let bytes: Vec<u8> = (0..(3 << 16) + 12_345).map(|i| (i % 251) as u8).collect();
        std::fs::write(&file, &bytes).unwrap();
        assert_eq!(sha256_file(&file).unwrap(), sha256_hex(&bytes));
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
