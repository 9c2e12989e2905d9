//! `glose`: annotate, check and evaluate corpora of news articles.

mod agree;
mod annotate;
mod check;
mod corrections;
mod eval;
mod learn;
mod new_plugin;
mod plugins;
mod progress;
mod report;
mod setup;
mod train;
mod trust;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Annotating allocates many small, short-lived objects per document; mimalloc keeps them
/// in per-thread pages instead of returning memory to the system between documents.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Annotates corpora of news articles: people, organisations, places, dates,
/// quantities, with links to a knowledge base.
#[derive(Parser, Debug)]
#[command(name = "glose", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Annotate articles and write the annotations (JSONL by default).
    Annotate(annotate::AnnotateArgs),
    /// Report problems: in articles, in the knowledge base, with files.
    Check(check::CheckArgs),
    /// Score annotations against a hand-annotated gold file.
    Eval(eval::EvalArgs),
    /// Measure the agreement between two annotators of the same documents: F1 of B's
    /// spans against A's, Cohen's kappa on tokens.
    Agree(agree::AgreeArgs),
    /// The analyst's corrections of a corpus: list them, export them as gold.
    Corrections(corrections::CorrectionsArgs),
    /// Write a self-contained HTML report of a corpus: the most mentioned names by type,
    /// a timeline by article date, the network of names that appear together, the quotes
    /// by speaker.
    Report(report::ReportArgs),
    /// Write what the taggers learn from a corpus (or a stream of records) as one
    /// knowledge file, or merge such files: the corpus pass of a cluster run.
    Learn(learn::LearnArgs),
    /// Train a model for the `ner` tagger from gold files (glose's gold JSONL or CoNLL).
    Train(train::TrainArgs),
    /// List the taggers in use: built-in ones and plugins.
    Plugins(plugins::PluginsArgs),
    /// Allow the native plugins a corpus's glose.toml names (recorded with the file's
    /// SHA-256: editing the file withdraws the trust).
    Trust(trust::TrustArgs),
    /// Create a new tagger plugin crate, ready to build and test.
    NewPlugin(new_plugin::NewPluginArgs),
    /// Serve editors over the Language Server Protocol on standard input and output.
    Lsp(LspArgs),
    /// Serve a plugin to glose over a pipe (used by isolated plugins, not by people).
    #[command(hide = true)]
    PluginHost(PluginHostArgs),
}

#[derive(Args, Debug)]
struct PluginHostArgs {
    /// The plugin library.
    path: PathBuf,
    /// Its configuration, as JSON.
    #[arg(long, default_value = "{}")]
    config: String,
}

#[derive(Args, Debug)]
struct LspArgs {
    /// Accepted for editors that pass it; standard input and output are the only
    /// transport.
    #[arg(long)]
    stdio: bool,
    /// Milliseconds to wait after an edit before analysing again (the client's
    /// `debounceMs` initialization option wins).
    #[arg(long, value_name = "MS", default_value_t = 150)]
    debounce_ms: u64,
    /// Threads for indexing a corpus (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
}

/// What every command that reads a corpus accepts.
#[derive(Args, Debug, Clone)]
struct CorpusArgs {
    /// Article files or folders; folders are searched recursively for `*.txt`
    /// (or the `include` globs of glose.toml). Default: the current folder.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Also load this knowledge-base file or folder of `*.toml` (repeatable).
    #[arg(long = "kb", value_name = "PATH")]
    kb: Vec<PathBuf>,
    /// Do not load the knowledge base that ships with glose.
    #[arg(long)]
    no_default_kb: bool,
    /// Also run this plugin library, isolated in a child process (repeatable).
    #[arg(long = "plugin", value_name = "LIBRARY")]
    plugins: Vec<PathBuf>,
    /// Also apply this rule file or folder of `*.toml` rule files (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Use this model for the `ner` tagger (made by `glose train`) instead of the
    /// configuration's or the default one.
    #[arg(long, value_name = "FILE")]
    ner_model: Option<PathBuf>,
    /// Leave out the learned `ner` tagger: the rule taggers decide alone.
    #[arg(long)]
    no_ner: bool,
    /// Leave out the analyst's corrections (`.glose/corrections.jsonl` of the corpus):
    /// the taggers' output alone.
    #[arg(long)]
    no_corrections: bool,
    /// Read this configuration file instead of the nearest glose.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Use what the taggers learned in this knowledge file (written by `glose learn`)
    /// instead of learning from the articles given: a stream annotated in parts gets the
    /// annotations of one run over the whole corpus.
    #[arg(long, value_name = "FILE")]
    knowledge: Option<PathBuf>,
    /// Number of threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Read invalid UTF-8 with replacement characters instead of failing on it.
    #[arg(long)]
    lossy: bool,
    /// Skip files larger than this (e.g. `16MiB`, `500KB`; default from glose.toml or 16 MiB).
    #[arg(long, value_name = "SIZE", value_parser = parse_size_arg)]
    max_file_size: Option<u64>,
}

fn parse_size_arg(s: &str) -> Result<u64, String> {
    glose_core::corpus::parse_size(s)
        .ok_or_else(|| format!("invalid size {s:?}: write e.g. 16MiB, 500KB or 1000000"))
}

/// When to colour output.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Outcome of a command: success, or problems that were reported.
enum Status {
    Ok,
    /// Something failed (a file, the KB, an error diagnostic): reported, exit 1.
    Failed,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Annotate(args) => annotate::run(args),
        Command::Check(args) => check::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Agree(args) => agree::run(args),
        Command::Corrections(args) => corrections::run(args),
        Command::Report(args) => report::run(args),
        Command::Plugins(args) => plugins::run(args),
        Command::Learn(args) => learn::run(args),
        Command::Train(args) => train::run(args),
        Command::Trust(args) => trust::run(args),
        Command::NewPlugin(args) => new_plugin::run(args),
        Command::Lsp(args) => {
            let mut options = glose_lsp::Options {
                debounce: std::time::Duration::from_millis(args.debounce_ms),
                ..glose_lsp::Options::default()
            };
            if let Some(jobs) = args.jobs {
                options.threads = jobs.max(1);
            }
            let _ = args.stdio;
            glose_lsp::run_stdio(options)
                .map(|()| Status::Ok)
                .map_err(anyhow::Error::from)
        }
        Command::PluginHost(args) => {
            return ExitCode::from(glose_host::serve(&args.path, &args.config).clamp(0, 255) as u8);
        }
    };
    match result {
        Ok(Status::Ok) => ExitCode::SUCCESS,
        Ok(Status::Failed) => ExitCode::from(1),
        Err(e) => {
            // A broken pipe (`glose annotate | head`) is not an error worth a message.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            ExitCode::from(2)
        }
    }
}
