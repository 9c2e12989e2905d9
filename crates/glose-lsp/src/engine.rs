//! The engine of a workspace folder: its `glose.toml`, knowledge base and pipeline,
//! replaced whole when one of them changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use glose_core::Severity;
use glose_workspace::{LoadOptions, Workspace};

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
    /// Leave the corpus's corrections out.
    pub(crate) no_corrections: bool,
}

/// What a workspace folder annotates with: its [`Workspace`] (read through this type:
/// `engine.pipeline`, `engine.kb`), and the generation that tells analyses apart.
#[derive(Debug)]
pub(crate) struct Engine {
    /// Different for every engine a server builds (the server numbers them): analyses
    /// remember the engine they came from.
    pub(crate) generation: u64,
    pub(crate) workspace: Workspace,
}

impl std::ops::Deref for Engine {
    type Target = Workspace;

    fn deref(&self) -> &Workspace {
        &self.workspace
    }
}

impl Engine {
    /// Reads the configuration of `root` (the nearest `glose.toml` at or above it) and
    /// builds the KB and the pipeline, as every command does. `overrides` are editor
    /// buffers standing for KB files; `generation` is the engine's number.
    pub(crate) fn load(
        root: &Path,
        settings: &EngineSettings,
        overrides: HashMap<PathBuf, String>,
        generation: u64,
    ) -> Engine {
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
        let mut workspace = Workspace::load(&LoadOptions {
            root: root.to_owned(),
            trust_plugins: settings.trust_plugins,
            taggers: glose_taggers::Extra {
                kb: resolve(&settings.kb),
                plugins: resolve(&settings.plugins),
                plugin_host: settings.plugin_host.clone(),
                overrides,
                ..glose_taggers::Extra::default()
            },
            no_corrections: settings.no_corrections,
            ..LoadOptions::default()
        });
        // In an editor, untrusted plugins are a warning, with the editor's own way to
        // allow them too.
        if let Some(mut p) = workspace.untrusted.take() {
            p.severity = Severity::Warning;
            p.message
                .push_str(" (or trust the workspace in the editor: `trustPlugins`)");
            workspace.problems.insert(0, p);
        }
        Engine {
            generation,
            workspace,
        }
    }
}
