//! What the commands share: configuration, knowledge base, taggers, file discovery.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use glose_core::corpus::{self, Config, Discovery, PluginMode, ReadOptions};
use glose_core::kb::{KbSource, Layer};
use glose_core::{KnowledgeBase, Pipeline, Severity, Tagger};
use glose_host::{Mode, PluginSpec};
use glose_rules::RulesTagger;

use crate::CorpusArgs;

/// A problem found while setting up: in the KB, a rule file, a plugin.
pub(crate) struct Problem {
    pub(crate) severity: Severity,
    /// Already formatted: `file:line:col: severity: message` or `path: severity: message`.
    pub(crate) text: String,
}

/// Where a tagger comes from, for `glose plugins`.
#[derive(Clone, Debug)]
pub(crate) enum Origin {
    /// Linked into glose.
    BuiltIn,
    /// Loaded from a shared library.
    Plugin {
        path: PathBuf,
        mode: Mode,
        abi: (u32, u32),
    },
}

/// A loaded configuration, knowledge base and pipeline.
pub(crate) struct Setup {
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) config: Config,
    pub(crate) kb: Arc<KnowledgeBase>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) pipeline: Pipeline,
    /// Where each tagger comes from, by name.
    pub(crate) origins: Vec<(String, Origin)>,
    pub(crate) read: ReadOptions,
    pub(crate) threads: usize,
}

impl Setup {
    /// Reads the configuration, the KB, the rules and the plugins, and builds the
    /// pipeline. A broken glose.toml is fatal; other problems are kept for the caller to
    /// report, and what could not load is left out.
    pub(crate) fn new(args: &CorpusArgs) -> anyhow::Result<Setup> {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        let config = match &args.config {
            Some(file) => Config::load(file)?,
            None => Config::discover(&paths[0])?,
        };
        let mut problems = Vec::new();

        // The knowledge base and the gazetteer.
        let mut sources = Vec::new();
        if config.builtin_kb && !args.no_default_kb {
            sources.extend(glose_gazetteer::builtin_sources());
        }
        for path in config.kb_paths.iter().chain(&args.kb) {
            let (found, kb_problems) = KbSource::read_path(path, Layer::User);
            sources.extend(found);
            problems.extend(kb_problems.iter().map(|p| Problem {
                severity: p.severity,
                text: p.to_string(),
            }));
        }
        let (kb, kb_problems) = KnowledgeBase::load(&sources);
        problems.extend(kb_problems.iter().map(|p| Problem {
            severity: p.severity,
            text: p.to_string(),
        }));
        let kb = Arc::new(kb);
        let mut taggers: Vec<Arc<dyn Tagger>> = glose_taggers::default_taggers(kb.clone());
        let mut origins: Vec<(String, Origin)> = taggers
            .iter()
            .map(|t| (t.name().to_owned(), Origin::BuiltIn))
            .collect();

        // Rules.
        let rule_paths: Vec<PathBuf> = config.rules.iter().chain(&args.rules).cloned().collect();
        if !rule_paths.is_empty() {
            let (rules, rule_problems) = RulesTagger::load(rule_paths);
            problems.extend(rule_problems.iter().map(|p| Problem {
                severity: p.severity,
                text: p.to_string(),
            }));
            taggers.push(Arc::new(rules));
            origins.push((glose_rules::NAME.to_owned(), Origin::BuiltIn));
        }

        // Plugins: those of glose.toml, then --plugin (isolated, no configuration).
        let mut specs: Vec<PluginSpec> = config
            .plugins
            .iter()
            .filter(|p| p.enabled)
            .map(|p| PluginSpec {
                path: p.path.clone(),
                config: p.config.clone(),
                mode: match p.mode {
                    PluginMode::InProcess => Mode::InProcess,
                    PluginMode::Isolated => Mode::Isolated,
                },
                timeout: p.timeout,
            })
            .collect();
        specs.extend(
            args.plugins
                .iter()
                .map(|p| PluginSpec::new(p, Mode::Isolated)),
        );
        if !specs.is_empty() {
            let program = std::env::current_exe().context("cannot find the glose executable")?;
            for spec in &specs {
                match load_plugin(spec, &program) {
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
                    Err(text) => problems.push(Problem {
                        severity: Severity::Error,
                        text,
                    }),
                }
            }
        }

        let pipeline = Pipeline::new(taggers).context("cannot order the taggers")?;
        let read = ReadOptions {
            max_file_size: args.max_file_size.unwrap_or(config.max_file_size),
            lossy: args.lossy,
        };
        let threads = args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        Ok(Setup {
            paths,
            config,
            kb,
            problems,
            pipeline,
            origins,
            read,
            threads,
        })
    }

    /// Whether a setup problem is an error (not just a warning).
    pub(crate) fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// Reports every setup problem on standard error; whether one was an error.
    pub(crate) fn report_problems(&self) -> bool {
        for p in &self.problems {
            warn(&p.text);
        }
        self.has_errors()
    }

    /// Finds the article files.
    pub(crate) fn discover(&self) -> Discovery {
        corpus::discover(&self.paths, &self.config)
    }
}

/// Loads a plugin; the error as a message naming the plugin.
fn load_plugin(spec: &PluginSpec, program: &Path) -> Result<glose_host::Loaded, String> {
    glose_host::load(spec, program)
        .map_err(|e| format!("{}: error: plugin not loaded: {e}", e.path().display()))
}

/// Writes a line to standard error, ignoring failures (there is nowhere left to report them).
pub(crate) fn warn(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
