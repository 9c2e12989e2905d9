//! Loads tagger plugins built against the glose C ABI (`glose-abi`), in two modes behind
//! one interface, [`glose_core::Tagger`]:
//!
//! - **in-process** ([`NativeTagger`]): the library is opened with
//!   `RTLD_NOW | RTLD_LOCAL` and never unloaded; calls go straight through the ABI. For
//!   trusted plugins: a plugin that crashes takes the process with it.
//! - **isolated** ([`IsolatedTagger`]): the library is loaded by child processes
//!   (`glose plugin-host PATH`) that talk to glose over pipes; a segfault, an abort, an
//!   endless loop or a stray `println!` in the plugin never reaches glose. A child that
//!   dies or overruns its per-document timeout is killed and restarted with back-off;
//!   after repeated consecutive crashes the plugin is quarantined.
//!
//! Both modes check what the plugin sends: annotations with a label the plugin did not
//! declare, or text that is not UTF-8, are dropped with a diagnostic; spans are checked by
//! the pipeline like every tagger's.

#![allow(unsafe_code)]

mod isolated;
mod native;
pub mod trust;
mod wire;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use glose_core::Tagger;

pub use isolated::{
    DEFAULT_TIMEOUT, IsolatedOptions, IsolatedTagger, PluginHealth, private_stdout, serve,
};
pub use native::{NativeTagger, PluginLibrary};

/// How a plugin runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// In glose's own process: fastest, for plugins you trust.
    InProcess,
    /// In child processes: a crash or hang of the plugin cannot affect glose.
    Isolated,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::InProcess => "in-process",
            Mode::Isolated => "isolated",
        }
    }
}

/// A plugin to load.
#[derive(Clone, Debug)]
pub struct PluginSpec {
    /// The shared library.
    pub path: PathBuf,
    /// Its configuration, as JSON (`{}` for none).
    pub config: serde_json::Value,
    pub mode: Mode,
    /// Isolated mode: how long one document may take.
    pub timeout: Duration,
}

impl PluginSpec {
    pub fn new(path: impl Into<PathBuf>, mode: Mode) -> Self {
        PluginSpec {
            path: path.into(),
            config: serde_json::Value::Object(Default::default()),
            mode,
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

/// Why a plugin could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    #[error("cannot load the library: {message}")]
    Open { path: PathBuf, message: String },
    #[error("not a glose plugin: no `glose_tagger_entry_v1` symbol")]
    NoEntry { path: PathBuf },
    #[error(
        "plugin built for glose plugin ABI {plugin_major}, but this glose supports ABI \
         {host_major}.{host_minor}; rebuild the plugin against a matching glose-sdk"
    )]
    AbiMismatch {
        path: PathBuf,
        plugin_major: u32,
        host_major: u32,
        host_minor: u32,
    },
    #[error("plugin `{name}` refused this glose (plugin ABI {host_major}.{host_minor})")]
    Refused {
        path: PathBuf,
        name: String,
        host_major: u32,
        host_minor: u32,
    },
    #[error("invalid plugin descriptor: {message}")]
    BadDescriptor { path: PathBuf, message: String },
    #[error(
        "plugin `{name}` was built with panic = \"abort\": a panic would abort glose; \
         run it isolated"
    )]
    PanicAbort { path: PathBuf, name: String },
    #[error("plugin `{name}` could not start: {message}")]
    Create {
        path: PathBuf,
        name: String,
        message: String,
    },
    #[error("{message}")]
    Isolated { path: PathBuf, message: String },
}

impl HostError {
    /// The plugin library the error is about.
    pub fn path(&self) -> &Path {
        match self {
            HostError::Open { path, .. }
            | HostError::NoEntry { path }
            | HostError::AbiMismatch { path, .. }
            | HostError::Refused { path, .. }
            | HostError::BadDescriptor { path, .. }
            | HostError::PanicAbort { path, .. }
            | HostError::Create { path, .. }
            | HostError::Isolated { path, .. } => path,
        }
    }
}

/// A loaded plugin.
#[derive(Clone)]
pub struct Loaded {
    pub tagger: Arc<dyn Tagger>,
    /// The ABI version it was built against.
    pub abi: (u32, u32),
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("tagger", &self.tagger.name())
            .field("abi", &self.abi)
            .finish()
    }
}

/// Loads a plugin as `spec` says. `host_program` is the executable that runs
/// `plugin-host PATH` for isolated mode (the `glose` binary itself).
pub fn load(spec: &PluginSpec, host_program: &Path) -> Result<Loaded, HostError> {
    let config = spec.config.to_string();
    match spec.mode {
        Mode::InProcess => {
            let library = PluginLibrary::open(&spec.path)?;
            let abi = library.abi();
            Ok(Loaded {
                tagger: Arc::new(NativeTagger::create(library, &config)?),
                abi,
            })
        }
        Mode::Isolated => {
            let options = IsolatedOptions {
                program: host_program.to_owned(),
                plugin: spec.path.clone(),
                config,
                timeout: spec.timeout,
                ..IsolatedOptions::default()
            };
            let tagger = IsolatedTagger::start(options)?;
            let abi = tagger.abi();
            Ok(Loaded {
                tagger: Arc::new(tagger),
                abi,
            })
        }
    }
}
