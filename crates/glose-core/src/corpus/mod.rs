//! Corpora: finding article files, reading them safely and annotating them in parallel,
//! in a deterministic order.

mod config;
mod index;

use std::collections::HashMap;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use rayon::prelude::*;

use crate::Problem;
use crate::annotation::Span;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::pipeline::{Annotated, Kept, Pipeline};

pub use config::{
    CONFIG_FILE, Config, ConfigError, DEFAULT_MAX_FILE_SIZE, DEFAULT_PLUGIN_TIMEOUT, PluginConfig,
    PluginMode, parse_duration, parse_size,
};
pub use index::{CorpusIndex, DocId, DocMentions, EntityStats, Mention, entity_key};

/// An article file to annotate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEntry {
    pub path: PathBuf,
    /// Named on the command line rather than found in a folder: skipping it is an error.
    pub explicit: bool,
}

impl FileEntry {
    /// The path as shown in output and messages.
    pub fn display(&self) -> String {
        self.path.display().to_string()
    }
}

/// The files found under some paths, and what went wrong finding them.
#[derive(Clone, Debug, Default)]
pub struct Discovery {
    pub files: Vec<FileEntry>,
    pub problems: Vec<Problem>,
}

fn globset(patterns: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        // A pattern without a slash matches a file name in any folder, as in .gitignore.
        let p = if p.contains('/') {
            p.clone()
        } else {
            format!("**/{p}")
        };
        if let Ok(glob) = GlobBuilder::new(&p).literal_separator(true).build() {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Finds the article files under `roots`.
///
/// A file named directly is always taken. A folder is walked recursively, in name
/// order, following symbolic links, skipping hidden files and folders (names starting
/// with `.`), taking files whose path relative to the folder matches an `include` glob
/// and no `exclude` glob. A file reached twice is taken once.
pub fn discover(roots: &[PathBuf], config: &Config) -> Discovery {
    let include = globset(&config.include);
    let exclude = globset(&config.exclude);
    let mut out = Discovery::default();
    let mut seen = std::collections::HashSet::new();
    for root in roots {
        let shown = root.display().to_string();
        let meta = match std::fs::metadata(root) {
            Ok(meta) => meta,
            Err(e) => {
                let (code, message) = if e.kind() == std::io::ErrorKind::NotFound {
                    ("not-found", "no such file or folder".to_owned())
                } else {
                    ("unreadable", format!("cannot read: {e}"))
                };
                out.problems
                    .push(Problem::new(shown, Severity::Error, code, message));
                continue;
            }
        };
        if !meta.is_dir() && !meta.is_file() {
            out.problems.push(Problem::new(
                shown,
                Severity::Error,
                "unreadable",
                "not a regular file (a named pipe, socket or device): use --stdin-text to \
                 read a stream"
                    .to_owned(),
            ));
            continue;
        }
        if !meta.is_dir() {
            if seen.insert(canonical(root)) {
                out.files.push(FileEntry {
                    path: root.clone(),
                    explicit: true,
                });
            }
            continue;
        }
        let before = out.files.len();
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    // Errors bypass `filter_entry`: a hidden dangling link (an editor's
                    // lock file such as `.#a.txt`) is still hidden.
                    if e.depth() > 0
                        && e.path()
                            .and_then(Path::file_name)
                            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    {
                        continue;
                    }
                    let path = e
                        .path()
                        .map_or_else(|| shown.clone(), |p| p.display().to_string());
                    let message = if e.loop_ancestor().is_some() {
                        "symbolic link loop, not followed".to_owned()
                    } else {
                        format!(
                            "cannot read: {}",
                            e.io_error()
                                .map_or_else(|| e.to_string(), ToString::to_string)
                        )
                    };
                    out.problems
                        .push(Problem::new(path, Severity::Warning, "unreadable", message));
                    continue;
                }
            };
            let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
            if !entry.file_type().is_file() {
                // A named pipe would block a reader forever; sockets and devices are not
                // articles either.
                if !entry.file_type().is_dir() && include.is_match(relative) {
                    out.problems.push(Problem::new(
                        entry.path().display().to_string(),
                        Severity::Warning,
                        "unreadable",
                        "not a regular file (a named pipe, socket or device): skipped".to_owned(),
                    ));
                }
                continue;
            }
            if include.is_match(relative)
                && !exclude.is_match(relative)
                && seen.insert(canonical(entry.path()))
            {
                out.files.push(FileEntry {
                    path: entry.into_path(),
                    explicit: false,
                });
            }
        }
        if out.files.len() == before {
            out.problems.push(Problem::new(
                shown,
                Severity::Error,
                "no-articles",
                format!(
                    "no article files in this folder (looked for {})",
                    config.include.join(", ")
                ),
            ));
        }
    }
    out
}

/// Whether [`discover`] takes `path` when it walks `root`: under it, not hidden, matching
/// an `include` glob and no `exclude` glob. (For one file that changed, without walking
/// the folder again.)
pub fn is_article(root: &Path, path: &Path, config: &Config) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let hidden = relative
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    !hidden
        && globset(&config.include).is_match(relative)
        && !globset(&config.exclude).is_match(relative)
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// How files are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    pub max_file_size: u64,
    /// Read invalid UTF-8 with replacement characters instead of failing.
    pub lossy: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            lossy: false,
        }
    }
}

/// What became of one file.
// Each outcome is moved once, to its sink: the size of the large variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Outcome {
    /// Read and annotated. `diagnostics` of the result include those about the file
    /// itself (an empty file, a lossy read).
    Annotated {
        document: Document,
        result: Annotated,
    },
    /// Not an article (binary, too large) and found in a folder: skipped, a warning.
    Skipped(Problem),
    /// Could not be read or annotated: an error.
    Failed(Problem),
}

/// Reads an article file: refuses files over the size limit and binary files (a NUL
/// byte in the first 8 KiB), and reports invalid UTF-8 with its line and column.
///
/// A problem with severity [`Severity::Warning`] means the file was skipped (not an
/// article); [`Severity::Error`], that it could not be read.
pub fn read_document(
    entry: &FileEntry,
    options: ReadOptions,
) -> Result<(Document, Vec<Diagnostic>), Problem> {
    let path = entry.display();
    // Not an article: a warning when found in a folder, an error when asked for.
    let skip = |code, message: String| {
        let severity = if entry.explicit {
            Severity::Error
        } else {
            Severity::Warning
        };
        Problem::new(path.clone(), severity, code, message)
    };
    let fail = |code, message: String| Problem::new(path.clone(), Severity::Error, code, message);
    let mut file = std::fs::File::open(&entry.path)
        .map_err(|e| fail("unreadable", format!("cannot read: {e}")))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > options.max_file_size {
        return Err(skip(
            "too-large",
            format!(
                "{} is over the size limit of {} (max_file_size in glose.toml, or --max-file-size)",
                human_size(len),
                human_size(options.max_file_size)
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // Read one byte past the limit, in case the file grew since its size was taken.
    (&mut file)
        .take(options.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| fail("unreadable", format!("cannot read: {e}")))?;
    if bytes.len() as u64 > options.max_file_size {
        return Err(skip(
            "too-large",
            format!(
                "over the size limit of {}",
                human_size(options.max_file_size)
            ),
        ));
    }
    if let Some((code, message)) = not_an_article(&bytes) {
        return Err(skip(code, message));
    }
    let mut diagnostics = Vec::new();
    let lossy_read = options.lossy && std::str::from_utf8(&bytes).is_err();
    let document = Document::from_bytes(path.clone(), bytes, options.lossy)
        .map_err(|e| fail("invalid-utf8", e.to_string()))?;
    if lossy_read {
        diagnostics.push(
            Diagnostic::warning(
                Span::default(),
                "invalid-utf8",
                "invalid UTF-8 replaced with U+FFFD (--lossy): offsets refer to the replaced text",
            )
            .with_source("glose"),
        );
    }
    diagnostics.extend(empty_warning(document.text()));
    Ok((document, diagnostics))
}

/// Why bytes are no article, whatever their size: a NUL byte in the first 8 KiB
/// (`binary`). The code and the message, as every front end reports them.
pub fn not_an_article(bytes: &[u8]) -> Option<(&'static str, String)> {
    let at = bytes[..bytes.len().min(8192)]
        .iter()
        .position(|&b| b == 0)?;
    Some((
        "binary",
        format!("binary file (NUL byte at offset {at}), not an article"),
    ))
}

/// The warning of an article with no text (`empty-file`), as every front end gives it.
pub fn empty_warning(text: &str) -> Option<Diagnostic> {
    text.trim().is_empty().then(|| {
        Diagnostic::new(
            Span::default(),
            Severity::Warning,
            "empty-file",
            if text.is_empty() {
                "empty file"
            } else {
                "file holds only whitespace"
            },
        )
        .with_source("glose")
    })
}

/// `1.5 MiB`, `12 KiB`, `300 B`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let value = format!("{value:.1}");
    format!("{} {}", value.trim_end_matches(".0"), UNITS[unit])
}

/// Reads and annotates one file; never panics.
pub fn annotate_file(entry: &FileEntry, pipeline: &Pipeline, options: ReadOptions) -> Outcome {
    annotate_file_after(entry, pipeline, options, &Pass::default())
}

/// [`annotate_file`], taking up what the corpus pass kept of the file, if anything.
fn annotate_file_after(
    entry: &FileEntry,
    pipeline: &Pipeline,
    options: ReadOptions,
    pass: &Pass,
) -> Outcome {
    let run = || {
        let read = match pass.take(&entry.path) {
            Some((document, diagnostics, kept)) => Ok((document, diagnostics, Some(kept))),
            None => read_document(entry, options).map(|(d, diagnostics)| (d, diagnostics, None)),
        };
        match read {
            Ok((document, mut diagnostics, kept)) => {
                let mut result = match kept {
                    Some(kept) => pipeline.run_kept(&document, kept),
                    None => pipeline.run(&document),
                };
                diagnostics.append(&mut result.diagnostics);
                result.diagnostics = diagnostics;
                Outcome::Annotated { document, result }
            }
            Err(problem) if problem.severity == Severity::Error => Outcome::Failed(problem),
            Err(problem) => Outcome::Skipped(problem),
        }
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| {
        Outcome::Failed(Problem::new(
            entry.display(),
            Severity::Error,
            "internal-error",
            "glose failed on this file (a bug: please report it with the file)".to_owned(),
        ))
    })
}

/// The memory the corpus pass may fill with documents kept for the annotating pass
/// ([`observe_files`]): beyond it, documents are read again.
pub const KEEP_BUDGET: usize = 256 << 20;

/// What the corpus pass kept of each document (its text, tokens, and what the taggers
/// before the first that learns gave), by path, for the annotating pass to take up
/// instead of reading and tagging it again. Each is taken once.
#[derive(Debug, Default)]
pub struct Pass {
    kept: HashMap<PathBuf, Mutex<Option<KeptDocument>>>,
}

type KeptDocument = (Document, Vec<Diagnostic>, Kept);

impl Pass {
    /// Number of documents kept.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    fn take(&self, path: &Path) -> Option<KeptDocument> {
        self.kept
            .get(path)?
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
    }
}

/// About how much memory a kept document holds: its text, tokens and folded keys (about
/// seven bytes a byte of text), and what was kept of its annotations.
fn kept_size(document: &Document, kept: &Kept) -> usize {
    document.text().len() * 7 + kept.size()
}

/// Shows every readable file to the pipeline's corpus-learning taggers
/// ([`Pipeline::observe`]), on `threads` threads, keeping documents for the annotating
/// pass while they fit in `budget` bytes (see [`Pass`]). Files that cannot be read are
/// skipped here; annotating them reports why.
pub fn observe_files(
    files: &[FileEntry],
    pipeline: &Pipeline,
    options: ReadOptions,
    threads: usize,
    budget: usize,
) -> Result<Pass, rayon::ThreadPoolBuildError> {
    if !pipeline.learns() {
        return Ok(Pass::default());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(|i| format!("glose-observe-{i}"))
        .build()?;
    let used = AtomicUsize::new(0);
    let kept: Vec<(PathBuf, KeptDocument)> = pool.install(|| {
        files
            .par_iter()
            .filter_map(|file| {
                catch_unwind(AssertUnwindSafe(|| {
                    let (document, diagnostics) = read_document(file, options).ok()?;
                    // The budget spent: nothing more is kept (nor copied to be kept).
                    if used.load(Ordering::Relaxed) >= budget {
                        pipeline.observe(&document);
                        return None;
                    }
                    let kept = pipeline.observe_keeping(&document)?;
                    let size = kept_size(&document, &kept);
                    let fits = used
                        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |u| {
                            (u.saturating_add(size) <= budget).then_some(u + size)
                        })
                        .is_ok();
                    fits.then(|| (file.path.clone(), (document, diagnostics, kept)))
                }))
                .ok()
                .flatten()
            })
            .collect()
    });
    Ok(Pass {
        kept: kept
            .into_iter()
            .map(|(path, k)| (path, Mutex::new(Some(k))))
            .collect(),
    })
}

/// Annotates `files` on `threads` threads and hands each outcome to `sink` in the order
/// of `files`.
///
/// Files are processed in chunks: while `sink` handles one chunk, the next is being
/// annotated, so memory stays bounded however many files there are.
pub fn annotate_ordered(
    files: &[FileEntry],
    pipeline: &Pipeline,
    options: ReadOptions,
    threads: usize,
    sink: impl FnMut(&FileEntry, Outcome),
) -> Result<(), rayon::ThreadPoolBuildError> {
    annotate_after(files, pipeline, options, threads, &Pass::default(), sink)
}

/// [`annotate_ordered`], taking up what the corpus pass kept ([`observe_files`]).
pub fn annotate_after(
    files: &[FileEntry],
    pipeline: &Pipeline,
    options: ReadOptions,
    threads: usize,
    pass: &Pass,
    mut sink: impl FnMut(&FileEntry, Outcome),
) -> Result<(), rayon::ThreadPoolBuildError> {
    let threads = threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("glose-annotate-{i}"))
        .build()?;
    let chunk_size = (threads * 32).max(64);
    let annotate_chunk = |chunk: &[FileEntry]| -> Vec<Outcome> {
        pool.install(|| {
            chunk
                .par_iter()
                .map(|f| annotate_file_after(f, pipeline, options, pass))
                .collect()
        })
    };
    std::thread::scope(|scope| {
        let mut pending: Option<(
            &[FileEntry],
            std::thread::ScopedJoinHandle<'_, Vec<Outcome>>,
        )> = None;
        for chunk in files.chunks(chunk_size) {
            let handle = scope.spawn(move || annotate_chunk(chunk));
            if let Some((done, handle)) = pending.replace((chunk, handle)) {
                deliver(done, handle, &mut sink);
            }
        }
        if let Some((done, handle)) = pending {
            deliver(done, handle, &mut sink);
        }
    });
    Ok(())
}

fn deliver(
    files: &[FileEntry],
    handle: std::thread::ScopedJoinHandle<'_, Vec<Outcome>>,
    sink: &mut impl FnMut(&FileEntry, Outcome),
) {
    match handle.join() {
        Ok(outcomes) => {
            for (file, outcome) in files.iter().zip(outcomes) {
                sink(file, outcome);
            }
        }
        Err(_) => {
            // annotate_file catches panics, so this is not expected; still, report
            // every file of the chunk rather than lose them silently.
            for file in files {
                sink(
                    file,
                    Outcome::Failed(Problem::new(
                        file.display(),
                        Severity::Error,
                        "internal-error",
                        "glose failed on this batch of files".to_owned(),
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests;
