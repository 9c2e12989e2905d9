//! What the commands share: configuration, knowledge base, taggers, file discovery.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use glose_core::Severity;
use glose_core::corpus::Discovery;
use glose_taggers::Extra;
pub(crate) use glose_taggers::Origin;
use glose_workspace::{LoadOptions, Workspace};

use crate::CorpusArgs;

/// The corpus a command works on: its [`Workspace`] (configuration, KB, pipeline, read
/// options: `setup.kb`, `setup.pipeline` read through it), the paths given and the number
/// of threads.
pub(crate) struct Setup {
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) workspace: Workspace,
    pub(crate) threads: usize,
}

impl std::ops::Deref for Setup {
    type Target = Workspace;

    fn deref(&self) -> &Workspace {
        &self.workspace
    }
}

impl Setup {
    /// Reads the configuration, the KB, the rules and the plugins, and builds the
    /// pipeline. A broken glose.toml is fatal, and so are taggers that cannot run
    /// together; other problems are kept for the caller to report, and what could not
    /// load is left out.
    pub(crate) fn new(args: &CorpusArgs) -> anyhow::Result<Setup> {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        let mut workspace = Workspace::load(&LoadOptions {
            root: paths[0].clone(),
            config_file: args.config.clone(),
            trust_plugins: false,
            taggers: Extra {
                kb: args.kb.clone(),
                no_default_kb: args.no_default_kb,
                rules: args.rules.clone(),
                plugins: args.plugins.clone(),
                plugin_host: std::env::current_exe().ok(),
                ner_model: args.ner_model.clone(),
                no_ner: args.no_ner,
                ..Extra::default()
            },
            max_file_size: args.max_file_size,
            lossy: args.lossy,
            no_corrections: args.no_corrections,
        });
        if let Some(e) = workspace.config_error.take() {
            return Err(e.into());
        }
        if let Some(e) = &workspace.order_error {
            return Err(anyhow::anyhow!("{e}")).context("cannot order the taggers");
        }
        // Untrusted plugins are an error on the command line: `glose trust` allows them.
        if let Some(p) = workspace.untrusted.take() {
            workspace.problems.insert(0, p);
        }
        let threads = args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        if let Some(file) = &args.knowledge {
            let knowledge = glose_core::Knowledge::read(file).map_err(anyhow::Error::msg)?;
            workspace
                .pipeline
                .load_knowledge(&knowledge)
                .with_context(|| format!("cannot use the knowledge in {}", file.display()))?;
        }
        Ok(Setup {
            paths,
            workspace,
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
        self.workspace.discover(&self.paths)
    }
}

/// Writes `bytes` to the file `out` (whole, then renamed into place), or to standard
/// output; the error names where.
pub(crate) fn write_out(out: Option<&std::path::Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(path) => glose_core::atomic::write(path, bytes)
            .with_context(|| format!("cannot write {}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .context("cannot write to standard output")
        }
    }
}

/// Writes a line to standard error, ignoring failures (there is nowhere left to report them).
pub(crate) fn warn(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
