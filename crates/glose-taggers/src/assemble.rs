//! Building the tagger set of a corpus: its knowledge base, the default taggers, its
//! rule files and plugins, in one pipeline. The command line and the language server
//! both start here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use glose_core::corpus::{Config, PluginMode};
use glose_core::kb::{KbSource, Layer};
use glose_core::{KnowledgeBase, Pipeline, PipelineError, Severity, Tagger};
use glose_host::{Mode, PluginSpec};
use glose_rules::RulesTagger;

/// What to load, besides the configuration's own lists.
#[derive(Clone, Debug, Default)]
pub struct Extra {
    /// More KB files or folders.
    pub kb: Vec<PathBuf>,
    /// Leave out the default KB.
    pub no_default_kb: bool,
    /// More rule files or folders.
    pub rules: Vec<PathBuf>,
    /// More plugin libraries, run isolated without configuration.
    pub plugins: Vec<PathBuf>,
    /// Leave out the plugins of the configuration (a workspace not trusted to run
    /// native code).
    pub no_config_plugins: bool,
    /// The `glose` executable that serves isolated plugins; without it, plugins are not
    /// loaded.
    pub plugin_host: Option<PathBuf>,
    /// Texts that stand for files on disk (KB files open in an editor), by path.
    pub overrides: HashMap<PathBuf, String>,
    /// The model of the `ner` tagger, instead of the configuration's or the default.
    pub ner_model: Option<PathBuf>,
    /// Leave the `ner` tagger out.
    pub no_ner: bool,
}

/// A problem found while assembling: in the KB (`kb`), a rule file (`rules`), a plugin
/// (`plugin`), the `ner` model (`ner-model`), an untrusted configuration
/// (`untrusted-plugins`).
pub use glose_core::Problem;

/// Where a tagger comes from.
#[derive(Clone, Debug)]
pub enum Origin {
    /// Linked into glose.
    BuiltIn,
    /// Loaded from a shared library.
    Plugin {
        path: PathBuf,
        mode: Mode,
        abi: (u32, u32),
    },
}

/// Whether the plugins a configuration names may run: `None` when they may (or when it
/// names none), else the problem to report (they are then left out, see
/// [`Extra::no_config_plugins`]). They may when the user trusted this configuration,
/// as it is now, and each plugin library it names, as it is now, with `glose trust`
/// (see [`glose_host::trust`]), or when the caller says so (`trusted_elsewhere`: an
/// editor's own workspace trust). In-process and isolated plugins alike are native
/// code: both need the trust. When one library changed since (or cannot be read, or
/// was trusted by a glose that did not hash libraries), all the plugins of the
/// configuration are left out, and the problem names that library.
pub fn untrusted_plugins(config: &Config, trusted_elsewhere: bool) -> Option<Problem> {
    use glose_host::trust::{LibraryState, TrustError, TrustStore, Verdict};

    let enabled = config.enabled_plugin_libraries();
    if enabled.is_empty() || trusted_elsewhere {
        return None;
    }
    let named: Vec<String> = enabled.iter().map(|p| p.display().to_string()).collect();
    let file = config.file.as_ref()?;
    let checked = TrustStore::user().and_then(|store| {
        let bytes = std::fs::read(file).map_err(|source| TrustError::Io {
            path: file.clone(),
            source,
        })?;
        store.check(file, &bytes, &enabled)
    });
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| ".".to_owned(), |p| p.display().to_string());
    let plugins = format!(
        "{} ({})",
        if named.len() == 1 {
            "its plugin"
        } else {
            "its plugins"
        },
        named.join(", ")
    );
    let message = match checked {
        Ok(Verdict::Trusted) => return None,
        Ok(Verdict::NotTrusted) => format!(
            "not loaded: {plugins}: this configuration is not trusted to run native code; \
             run `glose trust {folder}` after reading it, to allow it as it is now"
        ),
        Err(e) => format!(
            "not loaded: {plugins}: this configuration is not trusted to run native code \
             (the trust store could not be read: {e}); \
             run `glose trust {folder}` after reading it, to allow it as it is now"
        ),
        Ok(Verdict::Libraries(untrusted)) => {
            let why: Vec<String> = untrusted
                .iter()
                .map(|u| {
                    let path = u.path.display();
                    match &u.state {
                        LibraryState::Changed { recorded, now } => format!(
                            "the plugin library {path} changed since it was trusted \
                             (sha256 {} then, {} now)",
                            &recorded[..16],
                            &now[..16]
                        ),
                        LibraryState::NotRecorded => format!(
                            "the plugin library {path} is not the one that was trusted \
                             (its path leads to another file)"
                        ),
                        LibraryState::OldRecord => format!(
                            "the plugin library {path} is not trusted yet (the configuration \
                             was trusted by a glose that did not record its libraries)"
                        ),
                        LibraryState::Unreadable(e) => {
                            format!("the plugin library {path} cannot be read: {e}")
                        }
                    }
                })
                .collect();
            format!(
                "not loaded: {plugins}: {}; run `glose trust {folder}` again after checking \
                 it, to allow the libraries as they are now",
                why.join("; ")
            )
        }
    };
    Some(Problem::new(
        file.display().to_string(),
        Severity::Error,
        "untrusted-plugins",
        message,
    ))
}

/// The `ner` tagger with the model the command line or the configuration names, or the
/// default one; the problem to report when it cannot load.
fn load_ner(config: &Config, extra: &Extra) -> Result<Arc<dyn Tagger>, Problem> {
    let model = match extra.ner_model.as_ref().or(config.ner_model.as_ref()) {
        Some(path) => glose_ner::Model::load(path)
            .map(Arc::new)
            .map_err(|e| (path.display().to_string(), e.to_string())),
        None => glose_ner::default_model()
            .map_err(|e| (glose_ner::DEFAULT_MODEL_NAME.to_owned(), e.to_string())),
    };
    match model {
        Ok(model) => Ok(Arc::new(glose_ner::Ner::new(model))),
        Err((file, message)) => Err(Problem::new(
            file,
            Severity::Error,
            "ner-model",
            format!("{message}; the `ner` tagger is left out and the rule taggers run alone"),
        )),
    }
}

/// A knowledge base and the pipeline over it.
#[derive(Debug)]
pub struct Assembly {
    pub kb: Arc<KnowledgeBase>,
    pub pipeline: Pipeline,
    /// Where each tagger comes from, by name, in the order given to the pipeline.
    pub origins: Vec<(String, Origin)>,
    /// What could not load, or loaded with problems: reported, and left out.
    pub problems: Vec<Problem>,
}

impl Assembly {
    /// Whether a problem is an error (not just a warning).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// Loads the knowledge base of `config` and `extra` (what loads, with the problems of
/// what does not).
pub fn load_kb(config: &Config, extra: &Extra) -> (KnowledgeBase, Vec<Problem>) {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    if config.builtin_kb && !extra.no_default_kb {
        sources.extend(glose_gazetteer::builtin_sources());
    }
    for path in config.kb_paths.iter().chain(&extra.kb) {
        let (mut found, kb_problems) = KbSource::read_path(path, Layer::User);
        for source in &mut found {
            if let Some(text) = extra.overrides.get(Path::new(&*source.name)) {
                source.text = text.clone();
            }
        }
        sources.extend(found);
        problems.extend(kb_problems);
    }
    let (kb, kb_problems) = KnowledgeBase::load(&sources);
    problems.extend(kb_problems);
    (kb, problems)
}

/// Builds the tagger set of a corpus: the KB (the default one and the configuration's),
/// the default taggers over it, the rules, then the plugins. What cannot load is
/// reported in [`Assembly::problems`] and left out; only taggers that cannot be
/// ordered are an error.
pub fn assemble(config: &Config, extra: &Extra) -> Result<Assembly, PipelineError> {
    let (kb, mut problems) = load_kb(config, extra);
    let kb = Arc::new(kb);
    let mut taggers: Vec<Arc<dyn Tagger>> = crate::rule_taggers(kb.clone());
    if config.ner && !extra.no_ner {
        match load_ner(config, extra) {
            Ok(ner) => taggers.push(ner),
            Err(problem) => problems.push(problem),
        }
    }
    let mut origins: Vec<(String, Origin)> = taggers
        .iter()
        .map(|t| (t.name().to_owned(), Origin::BuiltIn))
        .collect();

    let rule_paths: Vec<PathBuf> = config.rules.iter().chain(&extra.rules).cloned().collect();
    if !rule_paths.is_empty() {
        let (rules, rule_problems) = RulesTagger::load(rule_paths);
        problems.extend(rule_problems);
        taggers.push(Arc::new(rules));
        origins.push((glose_rules::NAME.to_owned(), Origin::BuiltIn));
    }

    let mut specs: Vec<PluginSpec> = Vec::new();
    if !extra.no_config_plugins {
        specs.extend(config.enabled_plugins().map(|p| PluginSpec {
            path: p.path.clone(),
            config: p.config.clone(),
            mode: match p.mode {
                PluginMode::InProcess => Mode::InProcess,
                PluginMode::Isolated => Mode::Isolated,
            },
            timeout: p.timeout,
        }));
    }
    specs.extend(
        extra
            .plugins
            .iter()
            .map(|p| PluginSpec::new(p, Mode::Isolated)),
    );
    for spec in &specs {
        let Some(program) = &extra.plugin_host else {
            problems.push(Problem::new(
                spec.path.display().to_string(),
                Severity::Error,
                "plugin",
                "plugin not loaded: no glose executable to host it",
            ));
            continue;
        };
        match glose_host::load(spec, program) {
            Ok(loaded) => {
                origins.push((
                    loaded.tagger.name().to_owned(),
                    Origin::Plugin {
                        path: spec.path.clone(),
                        mode: spec.mode,
                        abi: loaded.abi,
                    },
                ));
                taggers.push(loaded.tagger);
            }
            Err(e) => problems.push(Problem::new(
                e.path().display().to_string(),
                Severity::Error,
                "plugin",
                format!("plugin not loaded: {e}"),
            )),
        }
    }
    let pipeline = Pipeline::new(taggers)?;
    Ok(Assembly {
        kb,
        pipeline,
        origins,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_stand_for_files_and_problems_have_places() {
        let dir = tempfile::tempdir().unwrap();
        let kb = dir.path().join("kb.toml");
        glose_core::testing::write_files(
            dir.path(),
            &[(
                "kb.toml",
                "[[entity]]\nid = \"zorvan\"\ntype = \"LOC\"\nname = \"Zorvan\"\n",
            )],
        );
        let config = Config {
            kb_paths: vec![kb.clone()],
            ..Config::default()
        };
        let extra = Extra {
            no_default_kb: true,
            ..Extra::default()
        };
        let assembly = assemble(&config, &extra).unwrap();
        assert!(assembly.problems.is_empty(), "{:?}", assembly.problems);
        assert_eq!(assembly.kb.len(), 1);
        assert_eq!(assembly.pipeline.taggers().count(), 8);

        // The file as an editor holds it, with a mistake on line 3.
        let extra = Extra {
            no_default_kb: true,
            overrides: [(
                kb.clone(),
                "[[entity]]\nid = \"zorvan\"\ntype = \"LOC\n".to_owned(),
            )]
            .into_iter()
            .collect(),
            ..Extra::default()
        };
        let assembly = assemble(&config, &extra).unwrap();
        assert_eq!(assembly.kb.len(), 0);
        let p = &assembly.problems[0];
        assert_eq!(p.file, kb.display().to_string());
        assert_eq!(p.position().map(|(line, _)| line), Some(3), "{p}");
        assert!(assembly.has_errors());
    }

    #[test]
    fn plugins_need_a_host_and_can_be_left_out() {
        let config = Config {
            plugins: vec![glose_core::corpus::PluginConfig {
                path: PathBuf::from("/nonexistent/libx.so"),
                mode: PluginMode::Isolated,
                timeout: glose_core::corpus::DEFAULT_PLUGIN_TIMEOUT,
                enabled: true,
                config: serde_json::Value::Null,
            }],
            ..Config::default()
        };
        let assembly = assemble(&config, &Extra::default()).unwrap();
        assert_eq!(assembly.problems.len(), 1);
        assert!(
            assembly.problems[0].message.contains("no glose executable"),
            "{}",
            assembly.problems[0]
        );
        let trusted_not = Extra {
            no_config_plugins: true,
            ..Extra::default()
        };
        assert!(assemble(&config, &trusted_not).unwrap().problems.is_empty());
    }
}
