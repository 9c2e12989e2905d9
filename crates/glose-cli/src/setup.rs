//! What the commands share: configuration, knowledge base, taggers, file discovery.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use glose_core::corpus::{self, Config, Discovery, ReadOptions};
use glose_core::{KnowledgeBase, Pipeline, Severity};
pub(crate) use glose_taggers::Origin;
use glose_taggers::{Assembly, Extra, Problem};

use crate::CorpusArgs;

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
        let untrusted = glose_taggers::untrusted_plugins(&config, false);
        let plugins_wanted = !args.plugins.is_empty()
            || (untrusted.is_none() && config.plugins.iter().any(|p| p.enabled));
        let plugin_host = if plugins_wanted {
            Some(std::env::current_exe().context("cannot find the glose executable")?)
        } else {
            None
        };
        let extra = Extra {
            kb: args.kb.clone(),
            no_default_kb: args.no_default_kb,
            rules: args.rules.clone(),
            plugins: args.plugins.clone(),
            no_config_plugins: untrusted.is_some(),
            plugin_host,
            overrides: Default::default(),
            ner_model: args.ner_model.clone(),
            no_ner: args.no_ner,
        };
        let Assembly {
            kb,
            pipeline,
            origins,
            problems,
        } = glose_taggers::assemble(&config, &extra).context("cannot order the taggers")?;
        let problems: Vec<Problem> = untrusted.into_iter().chain(problems).collect();
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
            warn(&p.to_string());
        }
        self.has_errors()
    }

    /// Finds the article files.
    pub(crate) fn discover(&self) -> Discovery {
        corpus::discover(&self.paths, &self.config)
    }
}

/// Writes a line to standard error, ignoring failures (there is nowhere left to report them).
pub(crate) fn warn(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
