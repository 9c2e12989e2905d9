//! A corpus as every front end loads it: the nearest `glose.toml`, whether its plugins
//! may run, the knowledge base, rule files, plugins and taggers in one pipeline, and how
//! to read its files. The command line (every command) and the language server (every
//! workspace folder) start from [`Workspace::load`]; what they do with problems (fail,
//! print, show as diagnostics) is theirs.
//!
//! This crate knows nothing of a protocol or a terminal: no LSP types, no argument
//! parsing, no printing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use glose_core::corpus::{
    self, Config, ConfigError, Discovery, FileEntry, Outcome, Pass, ReadOptions,
};
use glose_core::eval::LabelledSpan;
use glose_core::tagger::Cancel;
use glose_core::{Annotated, Corrections, Document, KnowledgeBase, Pipeline, Severity, TagError};
pub use glose_taggers::{Origin, Problem};

/// What to load besides the configuration's own lists, and how.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Where the configuration is looked for: the nearest `glose.toml` at or above this
    /// path (a file or a folder).
    pub root: PathBuf,
    /// This configuration file instead of the nearest one.
    pub config_file: Option<PathBuf>,
    /// The plugins of the configuration may run without `glose trust` (an editor's own
    /// workspace trust).
    pub trust_plugins: bool,
    /// More KB files, rules, plugins, the `ner` model, editor buffers standing for KB
    /// files (`no_config_plugins` is decided by the trust check).
    pub taggers: glose_taggers::Extra,
    /// Largest file read, instead of the configuration's `max_file_size`.
    pub max_file_size: Option<u64>,
    /// Read invalid UTF-8 with replacement characters instead of failing.
    pub lossy: bool,
    /// Leave the analyst's corrections out: the taggers' output alone.
    pub no_corrections: bool,
}

/// A loaded corpus configuration: what every file of it is annotated with.
#[derive(Clone, Debug)]
pub struct Workspace {
    /// The configuration in use: the defaults when `glose.toml` could not be read.
    pub config: Config,
    /// `glose.toml` could not be read (the defaults are in use).
    pub config_error: Option<ConfigError>,
    pub kb: Arc<KnowledgeBase>,
    pub pipeline: Pipeline,
    /// Where each tagger comes from, by name.
    pub origins: Vec<(String, Origin)>,
    /// Problems of the KB, rule files, plugins and tagger order (what loaded is in use).
    pub problems: Vec<Problem>,
    /// The plugins of the configuration were left out: it is not trusted to run native
    /// code. Kept apart so each front end says how to allow them.
    pub untrusted: Option<Problem>,
    /// The taggers could not be ordered together (plugins needing labels no one gives):
    /// the built-in set stands in, and a problem says why.
    pub order_error: Option<String>,
    pub read: ReadOptions,
    /// The KB paths given besides the configuration's.
    pub extra_kb: Vec<PathBuf>,
    /// The corpus root: the folder of the `glose.toml` found, else the folder loaded
    /// (also when a configuration file is named explicitly). Its
    /// `.glose/corrections.jsonl` holds the analyst's corrections.
    pub root: PathBuf,
    /// The analyst's corrections are applied (not turned off).
    pub corrections_on: bool,
}

/// An article the analyst corrected: what the taggers said and what the analyst made
/// of it.
#[derive(Debug)]
pub struct Reviewed {
    /// The article's path relative to the corpus root, with `/`.
    pub name: String,
    pub document: Document,
    /// The corrected layer (overlay labels such as `QUOTE` left out): the analyst's
    /// gold for this article.
    pub corrected: Vec<LabelledSpan>,
    /// The taggers' layer without the corrections.
    pub machine: Vec<LabelledSpan>,
}

/// Why one text could not be analysed.
#[derive(Debug)]
pub enum AnalyseError {
    /// The caller cancelled (a newer version arrived).
    Cancelled,
    /// The text cannot be a document (too large), or a tagger failed on it.
    Failed(String),
}

impl Workspace {
    /// Reads the configuration and builds the KB and the pipeline. Never fails: a
    /// configuration that cannot be read leaves the defaults in use and
    /// [`Workspace::config_error`] set; what else could not load is in
    /// [`Workspace::problems`] and left out.
    pub fn load(options: &LoadOptions) -> Workspace {
        let found = match &options.config_file {
            Some(file) => Config::load(file),
            None => Config::discover(&options.root),
        };
        let (config, config_error) = match found {
            Ok(config) => (config, None),
            Err(e) => (Config::default(), Some(e)),
        };
        let untrusted = glose_taggers::untrusted_plugins(&config, options.trust_plugins);
        let extra = glose_taggers::Extra {
            no_config_plugins: untrusted.is_some(),
            ..options.taggers.clone()
        };
        let (kb, pipeline, origins, problems, order_error) =
            match glose_taggers::assemble(&config, &extra) {
                Ok(a) => (a.kb, a.pipeline, a.origins, a.problems, None),
                Err(e) => {
                    let (kb, mut problems) = glose_taggers::assemble::load_kb(&config, &extra);
                    let kb = Arc::new(kb);
                    let pipeline = Pipeline::new(glose_taggers::default_taggers(kb.clone()))
                        .expect("the built-in taggers order");
                    let origins = pipeline
                        .taggers()
                        .map(|t| (t.name().to_owned(), Origin::BuiltIn))
                        .collect();
                    let message = format!("the taggers cannot run together: {e}");
                    problems.push(Problem::new(
                        config
                            .file
                            .as_ref()
                            .map_or_else(String::new, |f| f.display().to_string()),
                        Severity::Error,
                        "tagger-order",
                        message,
                    ));
                    (kb, pipeline, origins, problems, Some(e.to_string()))
                }
            };
        let read = ReadOptions {
            max_file_size: options.max_file_size.unwrap_or(config.max_file_size),
            lossy: options.lossy,
        };
        // A configuration named explicitly may live elsewhere: the corpus is the path.
        let found = config
            .file
            .as_deref()
            .filter(|_| options.config_file.is_none());
        let root = corpus_root(found, &options.root);
        let mut problems = problems;
        problems.splice(0..0, config.warnings.iter().cloned());
        let corrections = if options.no_corrections {
            None
        } else {
            let mut loaded = Corrections::load(&root);
            problems.append(&mut loaded.problems);
            Some(Arc::new(loaded)).filter(|c| !c.is_empty())
        };
        let pipeline = pipeline.with_corrections(corrections);
        Workspace {
            config,
            config_error,
            kb,
            pipeline,
            origins,
            problems,
            untrusted,
            order_error,
            read,
            extra_kb: extra.kb,
            root,
            corrections_on: !options.no_corrections,
        }
    }

    /// The corrections the pipeline applies (`None`: none, or turned off).
    pub fn corrections(&self) -> Option<&Arc<Corrections>> {
        self.pipeline.corrections()
    }

    /// This workspace with its corrections file read again: the same configuration,
    /// KB and taggers (and what they learned from the corpus), the new corrections and
    /// their problems. Unchanged when corrections are turned off.
    pub fn with_corrections_reloaded(&self) -> Workspace {
        let mut ws = self.clone();
        if !self.corrections_on {
            return ws;
        }
        ws.problems
            .retain(|p| p.code != glose_core::correction::PROBLEM);
        let mut loaded = Corrections::load(&self.root);
        ws.problems.append(&mut loaded.problems);
        ws.pipeline = ws.pipeline.with_corrections(Some(Arc::new(loaded)));
        ws
    }

    /// The corrections file of this corpus (whether or not it exists).
    pub fn corrections_file(&self) -> PathBuf {
        Corrections::path(&self.root)
    }

    /// Whether loading found errors (not just warnings): in `glose.toml`, the KB, the
    /// rule files, the plugins or their order. Untrusted plugins are not counted: each
    /// front end decides.
    pub fn has_errors(&self) -> bool {
        self.config_error.is_some() || self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// Whether `path` is one of the files the workspace is built from: `glose.toml`, a
    /// KB file or a rule file (or inside a folder of them), the corrections file.
    pub fn is_source(&self, path: &Path) -> bool {
        if path.file_name().is_some_and(|n| n == "glose.toml") || path == self.corrections_file() {
            return true;
        }
        self.is_kb_file(path) || self.config.rules.iter().any(|r| path.starts_with(r))
    }

    /// Whether `path` is a KB file of this workspace (or inside one of its KB folders).
    pub fn is_kb_file(&self, path: &Path) -> bool {
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
    pub fn kb_target(&self) -> Option<PathBuf> {
        let first = self.config.kb_paths.first()?;
        if first.is_dir() || first.extension().is_none_or(|x| x != "toml") {
            Some(first.join("added.toml"))
        } else {
            Some(first.clone())
        }
    }

    /// Finds the article files under `paths` (the configuration's `include` globs).
    pub fn discover(&self, paths: &[PathBuf]) -> Discovery {
        corpus::discover(paths, &self.config)
    }

    /// Annotates one text (an editor buffer, a file already read).
    pub fn analyse(
        &self,
        path: &str,
        text: String,
        cancel: &dyn Cancel,
    ) -> Result<(Document, Annotated), AnalyseError> {
        let document =
            Document::new(path, text).map_err(|e| AnalyseError::Failed(e.to_string()))?;
        let annotated = self
            .pipeline
            .run_cancellable(&document, cancel)
            .map_err(|e| match e {
                TagError::Cancelled => AnalyseError::Cancelled,
                TagError::Failed(m) => AnalyseError::Failed(m),
            })?;
        Ok((document, annotated))
    }

    /// The corpus pass: the taggers that learn from the whole corpus read `files` (on
    /// `threads` threads) before any is annotated. Nothing to do when none learns. What
    /// it read and tagged is kept, up to [`corpus::KEEP_BUDGET`], for
    /// [`Workspace::annotate`] to take up.
    pub fn observe(
        &self,
        files: &[FileEntry],
        threads: usize,
    ) -> Result<Pass, rayon::ThreadPoolBuildError> {
        corpus::observe_files(
            files,
            &self.pipeline,
            self.read,
            threads,
            corpus::KEEP_BUDGET,
        )
    }

    /// Annotates `files` on `threads` threads, handing each outcome to `sink` in the
    /// order of `files`, taking up what the corpus pass kept (`Pass::default()`: none).
    pub fn annotate(
        &self,
        files: &[FileEntry],
        pass: &Pass,
        threads: usize,
        sink: impl FnMut(&FileEntry, Outcome),
    ) -> Result<(), rayon::ThreadPoolBuildError> {
        corpus::annotate_after(files, &self.pipeline, self.read, threads, pass, sink)
    }

    /// The articles that have corrections, each with its corrected and its machine
    /// layer, in the order of their names. `corpus` is shown to the taggers that learn
    /// from the corpus first (the articles of the corpus, as `glose annotate` would read
    /// them). An article that cannot be read is a problem and left out.
    pub fn reviewed(
        &self,
        corpus: &[FileEntry],
        threads: usize,
    ) -> Result<(Vec<Reviewed>, Vec<glose_core::Problem>), rayon::ThreadPoolBuildError> {
        let Some(corrections) = self.corrections() else {
            return Ok((Vec::new(), Vec::new()));
        };
        // (The corrected articles are read again: the few of a large corpus.)
        let _ = corpus::observe_files(corpus, &self.pipeline, self.read, threads, 0)?;
        let mut names: Vec<&str> = corrections.articles().collect();
        names.sort_unstable();
        let files: Vec<FileEntry> = names
            .iter()
            .map(|n| FileEntry {
                path: self.root.join(n),
                explicit: true,
            })
            .collect();
        let machine = self.pipeline.clone().with_corrections(None);
        let layer = |document: &Document, annotated: &Annotated| -> Vec<LabelledSpan> {
            annotated
                .resolved()
                .filter(|a| a.label != glose_core::Label::QUOTE)
                .map(|a| LabelledSpan::from_annotation(a, document.text()))
                .collect()
        };
        let mut reviewed = Vec::new();
        let mut problems = Vec::new();
        let mut i = 0;
        corpus::annotate_ordered(&files, &self.pipeline, self.read, threads, |_, outcome| {
            match outcome {
                Outcome::Annotated { document, result } => {
                    let plain = machine.run(&document);
                    reviewed.push(Reviewed {
                        name: names[i].to_owned(),
                        corrected: layer(&document, &result),
                        machine: layer(&document, &plain),
                        document,
                    });
                }
                Outcome::Skipped(p) | Outcome::Failed(p) => problems.push(p),
            }
            i += 1;
        })?;
        Ok((reviewed, problems))
    }

    /// [`Workspace::observe`] then [`Workspace::annotate`] over the same files.
    pub fn annotate_files(
        &self,
        files: &[FileEntry],
        threads: usize,
        sink: impl FnMut(&FileEntry, Outcome),
    ) -> Result<(), rayon::ThreadPoolBuildError> {
        let pass = self.observe(files, threads)?;
        self.annotate(files, &pass, threads, sink)
    }
}

/// The corrected articles of the corpus at `dir`, loaded as every command loads it (its
/// `glose.toml`, KB and taggers), with what the corpus pass learns from all of its
/// articles; an error names the first problem that kept one from being read.
pub fn reviewed_in(dir: &Path, threads: usize) -> Result<Vec<Reviewed>, String> {
    let ws = Workspace::load(&LoadOptions {
        root: dir.to_owned(),
        ..LoadOptions::default()
    });
    if let Some(e) = ws.config_error {
        return Err(e.to_string());
    }
    let files = ws.discover(&[dir.to_owned()]).files;
    let (reviewed, problems) = ws.reviewed(&files, threads).map_err(|e| e.to_string())?;
    match problems.first() {
        Some(p) => Err(p.to_string()),
        None => Ok(reviewed),
    }
}

/// The corpus root of `path` (a file or folder) as [`Workspace::load`] finds it without
/// an explicit configuration file: the folder of the nearest `glose.toml`, else `path`
/// when it is a folder, else its folder.
pub fn root_of(path: &Path) -> PathBuf {
    let found = Config::discover(path).ok().and_then(|c| c.file);
    corpus_root(found.as_deref(), path)
}

/// The corpus root: the folder of the configuration file found, else `root` when it is
/// a folder, else the folder of `root`.
fn corpus_root(config_file: Option<&Path>, root: &Path) -> PathBuf {
    let folder = match config_file.and_then(Path::parent) {
        Some(p) => p.to_owned(),
        None if root.is_dir() => root.to_owned(),
        None => root.parent().map_or_else(PathBuf::new, Path::to_owned),
    };
    let folder = if folder.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        folder
    };
    std::path::absolute(&folder).unwrap_or(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_without_configuration_gets_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::load(&LoadOptions {
            root: dir.path().to_owned(),
            ..LoadOptions::default()
        });
        assert!(ws.config_error.is_none());
        assert!(!ws.has_errors(), "{:?}", ws.problems);
        assert_eq!(ws.read.max_file_size, Config::default().max_file_size);
        let names: Vec<&str> = ws.origins.iter().map(|(n, _)| n.as_str()).collect();
        assert!(
            names.contains(&"quotes") && names.contains(&"gazetteer"),
            "{names:?}"
        );
        let (document, annotated) = ws
            .analyse(
                "a.txt",
                "Emmanuel Macron est à Lyon.".into(),
                &glose_core::tagger::Never,
            )
            .unwrap();
        assert_eq!(document.text(), "Emmanuel Macron est à Lyon.");
        assert!(
            annotated
                .resolved()
                .any(|a| a.label == glose_core::Label::PER)
        );
    }

    #[test]
    fn a_broken_configuration_is_kept_as_an_error_and_the_defaults_stand_in() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("glose.toml"),
            "[corpus]\nmax_file_size = \"big\"\n",
        )
        .unwrap();
        let ws = Workspace::load(&LoadOptions {
            root: dir.path().to_owned(),
            ..LoadOptions::default()
        });
        let error = ws.config_error.as_ref().expect("a config error");
        assert!(error.to_string().contains("glose.toml"), "{error}");
        assert!(ws.has_errors());
        assert!(!ws.origins.is_empty());
    }

    #[test]
    fn sources_and_the_kb_target() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("kb")).unwrap();
        std::fs::write(dir.path().join("glose.toml"), "[kb]\npaths = [\"kb\"]\n").unwrap();
        let ws = Workspace::load(&LoadOptions {
            root: dir.path().to_owned(),
            ..LoadOptions::default()
        });
        assert!(ws.config_error.is_none(), "{:?}", ws.config_error);
        let kb = ws.config.kb_paths[0].clone();
        assert!(ws.is_source(&dir.path().join("glose.toml")));
        assert!(ws.is_kb_file(&kb.join("people.toml")));
        assert!(!ws.is_source(&dir.path().join("article.txt")));
        assert_eq!(ws.kb_target(), Some(kb.join("added.toml")));
    }

    #[test]
    fn corrections_beside_the_configuration_apply_unless_turned_off() {
        use glose_core::correction::{self, Correction, Decision};
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("glose.toml"), "").unwrap();
        std::fs::create_dir(dir.path().join("politique")).unwrap();
        let text = "Le sénateur Octave Brunel a parlé à Lyon.";
        let article = dir.path().join("politique").join("a.txt");
        std::fs::write(&article, text).unwrap();
        let start = text.find("Lyon").unwrap();
        correction::update(dir.path(), |list| {
            correction::add(
                list,
                Correction::in_article(
                    "politique/a.txt",
                    text,
                    glose_core::Span::new(start, start + 4),
                    Decision::Reject { label: None },
                ),
            );
        })
        .unwrap();
        let load = |no_corrections| {
            Workspace::load(&LoadOptions {
                root: dir.path().join("politique"),
                no_corrections,
                ..LoadOptions::default()
            })
        };
        let places = |ws: &Workspace| {
            let (_, annotated) = ws
                .analyse(
                    &article.to_string_lossy(),
                    text.to_owned(),
                    &glose_core::tagger::Never,
                )
                .unwrap();
            annotated
                .resolved()
                .filter(|a| a.label == glose_core::Label::LOC)
                .count()
        };
        let ws = load(false);
        assert_eq!(
            ws.root.canonicalize().unwrap(),
            dir.path().canonicalize().unwrap()
        );
        assert!(ws.is_source(&ws.corrections_file()));
        assert_eq!(places(&ws), 0);
        assert_eq!(places(&load(true)), 1);
    }
}
