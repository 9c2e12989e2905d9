//! What the commands share: configuration, knowledge base, pipeline, file discovery.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use glose_core::corpus::{self, Config, Discovery, ReadOptions};
use glose_core::kb::{KbProblem, KbSource, Layer};
use glose_core::{KnowledgeBase, Pipeline, Severity, Tagger};
use glose_gazetteer::Gazetteer;

use crate::CorpusArgs;

/// A loaded configuration, knowledge base and pipeline.
pub(crate) struct Setup {
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) config: Config,
    pub(crate) kb: Arc<KnowledgeBase>,
    pub(crate) kb_problems: Vec<KbProblem>,
    pub(crate) pipeline: Pipeline,
    pub(crate) read: ReadOptions,
    pub(crate) threads: usize,
}

impl Setup {
    /// Reads the configuration and the KB and builds the pipeline. A broken glose.toml
    /// is fatal; KB problems are kept for the caller to report.
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
        let mut sources = Vec::new();
        let mut kb_problems = Vec::new();
        if config.builtin_kb && !args.no_default_kb {
            sources.extend(glose_gazetteer::builtin_sources());
        }
        for path in config.kb_paths.iter().chain(&args.kb) {
            let (found, problems) = KbSource::read_path(path, Layer::User);
            sources.extend(found);
            kb_problems.extend(problems);
        }
        let (kb, problems) = KnowledgeBase::load(&sources);
        kb_problems.extend(problems);
        let kb = Arc::new(kb);
        let taggers: Vec<Arc<dyn Tagger>> = vec![Arc::new(Gazetteer::new(kb.clone()))];
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
            kb_problems,
            pipeline,
            read,
            threads,
        })
    }

    /// Whether the KB has errors (not just warnings).
    pub(crate) fn kb_has_errors(&self) -> bool {
        self.kb_problems
            .iter()
            .any(|p| p.severity == Severity::Error)
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
