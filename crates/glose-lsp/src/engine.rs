//! The engine of a workspace folder: its `glose.toml`, knowledge base and pipeline,
//! replaced whole when one of them changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use glose_core::corpus::{Config, ConfigError, ReadOptions};
use glose_core::{KnowledgeBase, Pipeline, Severity};
use glose_taggers::{Extra, Problem};

/// Settings of the server that shape every engine.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct EngineSettings {
    /// Run the native plugins a `glose.toml` names (the workspace is trusted).
    pub(crate) trust_plugins: bool,
    /// The executable that hosts isolated plugins.
    pub(crate) plugin_host: Option<PathBuf>,
    /// More KB files or folders (relative ones against the workspace folder).
    pub(crate) kb: Vec<PathBuf>,
    /// More plugin libraries, run isolated.
    pub(crate) plugins: Vec<PathBuf>,
}

/// What a workspace folder annotates with.
#[derive(Debug)]
pub(crate) struct Engine {
    /// Increases with every engine built: analyses remember the engine they came from.
    pub(crate) generation: u64,
    pub(crate) config: Config,
    /// `glose.toml` could not be read: the defaults are in use.
    pub(crate) config_error: Option<ConfigError>,
    pub(crate) kb: Arc<KnowledgeBase>,
    pub(crate) pipeline: Pipeline,
    /// Problems of the KB, rule files and plugins (what loaded is in use).
    pub(crate) problems: Vec<Problem>,
    pub(crate) read: ReadOptions,
    /// The KB paths of the editor's settings, resolved.
    pub(crate) extra_kb: Vec<PathBuf>,
}

static GENERATION: AtomicU64 = AtomicU64::new(1);

impl Engine {
    /// Reads the configuration of `root` (the nearest `glose.toml` at or above it) and
    /// builds the KB and the pipeline. `overrides` are editor buffers standing for KB
    /// files.
    pub(crate) fn load(
        root: &Path,
        settings: &EngineSettings,
        overrides: HashMap<PathBuf, String>,
    ) -> Engine {
        let (config, config_error) = match Config::discover(root) {
            Ok(config) => (config, None),
            Err(e) => (Config::default(), Some(e)),
        };
        let resolve = |paths: &[PathBuf]| -> Vec<PathBuf> {
            paths
                .iter()
                .map(|p| {
                    if p.is_absolute() {
                        p.clone()
                    } else {
                        root.join(p)
                    }
                })
                .collect()
        };
        let untrusted = glose_taggers::untrusted_plugins(&config, settings.trust_plugins);
        let extra = Extra {
            kb: resolve(&settings.kb),
            plugins: resolve(&settings.plugins),
            no_config_plugins: untrusted.is_some(),
            plugin_host: settings.plugin_host.clone(),
            overrides,
            ..Extra::default()
        };
        let mut problems: Vec<Problem> = untrusted
            .into_iter()
            .map(|mut p| {
                // In an editor: a warning, with the editor's own way to allow it too.
                p.severity = Severity::Warning;
                p.message
                    .push_str(" (or trust the workspace in the editor: `trustPlugins`)");
                p
            })
            .collect();
        let (kb, pipeline, more) = match glose_taggers::assemble(&config, &extra) {
            Ok(a) => (a.kb, a.pipeline, a.problems),
            Err(e) => {
                // Taggers that cannot be ordered (plugins needing labels no one gives):
                // the built-in set alone.
                let (kb, kb_problems) = glose_taggers::assemble::load_kb(&config, &extra);
                let kb = Arc::new(kb);
                let pipeline = Pipeline::new(glose_taggers::default_taggers(kb.clone()))
                    .expect("the built-in taggers order");
                let mut p = kb_problems;
                p.push(Problem {
                    severity: Severity::Error,
                    file: config
                        .file
                        .as_ref()
                        .map_or_else(String::new, |f| f.display().to_string()),
                    position: None,
                    message: format!("the taggers cannot run together: {e}"),
                });
                (kb, pipeline, p)
            }
        };
        problems.extend(more);
        let extra_kb = extra.kb.clone();
        let read = ReadOptions {
            max_file_size: config.max_file_size,
            lossy: false,
        };
        Engine {
            generation: GENERATION.fetch_add(1, Ordering::Relaxed),
            config,
            config_error,
            kb,
            pipeline,
            problems,
            read,
            extra_kb,
        }
    }

    /// Whether loading found errors (not just warnings) in `glose.toml` or the KB.
    pub(crate) fn has_errors(&self) -> bool {
        self.config_error.is_some() || self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// Whether `path` is one of the files the engine is built from: `glose.toml`, a KB
    /// file or a rule file (or inside a folder of them).
    pub(crate) fn is_source(&self, path: &Path) -> bool {
        if path.file_name().is_some_and(|n| n == "glose.toml") {
            return true;
        }
        self.is_kb_file(path) || self.config.rules.iter().any(|r| path.starts_with(r))
    }

    /// Whether `path` is a KB file of this engine (or inside one of its KB folders).
    pub(crate) fn is_kb_file(&self, path: &Path) -> bool {
        path.extension().is_some_and(|x| x == "toml")
            && self
                .config
                .kb_paths
                .iter()
                .chain(&self.extra_kb)
                .any(|k| path.starts_with(k))
    }

    /// Where a new entity goes: the first KB file of the configuration, or `added.toml`
    /// in its first KB folder; `None` when the configuration names no KB.
    pub(crate) fn kb_target(&self) -> Option<PathBuf> {
        let first = self.config.kb_paths.first()?;
        if first.is_dir() || first.extension().is_none_or(|x| x != "toml") {
            Some(first.join("added.toml"))
        } else {
            Some(first.clone())
        }
    }
}
