//! Helpers shared by glose's tests (the cross-crate ones of this folder and those of
//! other crates): where the example and shared corpora are, the
//! default pipeline, copies of folders, tools that may be missing, commands run with a
//! time limit, plugins built for a test.

pub mod fuzz;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use glose_core::corpus::{self, Config, Outcome, ReadOptions};
use glose_core::eval::{DocSpans, LabelledSpan};
use glose_core::kb::{KbSource, Layer};
use glose_core::{Annotated, Document, KnowledgeBase, Pipeline};

/// The root of the repository.
pub fn repo_root() -> PathBuf {
    let tests = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    tests.parent().map(PathBuf::from).unwrap_or(tests)
}

/// Copies the folder `from` (recursively) to `to`.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of `examples/corpus` in `dir`, as `dir/corpus`: its path.
pub fn examples_copy(dir: &std::path::Path) -> PathBuf {
    let corpus = dir.join("corpus");
    copy_dir(&examples_corpus(), &corpus);
    corpus
}

/// A line for whoever runs the tests, shown even when output is captured (why a test
/// skips, what it measured).
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether a test must fail, rather than skip, when its tool is missing: set
/// `GLOSE_REQUIRE_<WHAT>=1` (CI sets `GLOSE_REQUIRE_EDITORS`, `GLOSE_REQUIRE_SPARK`,
/// `GLOSE_REQUIRE_COLUMNAR`).
pub fn required(what: &str) -> bool {
    std::env::var(format!("GLOSE_REQUIRE_{what}")).is_ok_and(|v| v == "1")
}

/// The Python named by the variable `var` (absolute, or relative to the repository, as
/// CI sets it), else `python3`, when `python -c code` runs: with what the code printed
/// (a version, say). The error says which modules `code` needs and which variable to
/// set.
pub fn python_running(var: &str, code: &str, needs: &str) -> Result<(PathBuf, String), String> {
    let python = match std::env::var_os(var).map(PathBuf::from) {
        // The tests run in their crate's folder: a relative path is the repository's.
        Some(p) if p.is_relative() && p.components().count() > 1 => repo_root().join(p),
        Some(p) => p,
        None => PathBuf::from("python3"),
    };
    let out = std::process::Command::new(&python)
        .args(["-c", code])
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("{} does not run: {e}", python.display()))?;
    if !out.status.success() {
        return Err(format!(
            "{} cannot import {needs} (set {var} to a Python that has it)",
            python.display()
        ));
    }
    let printed = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    Ok((python, printed))
}

/// Java's first version line (`JAVA_HOME`'s, else the `java` on the path), when it is
/// Java 17 or later, as Spark 4 needs.
pub fn java_17() -> Result<String, String> {
    let java = std::env::var_os("JAVA_HOME")
        .map(|home| PathBuf::from(home).join("bin/java"))
        .unwrap_or_else(|| PathBuf::from("java"));
    let out = std::process::Command::new(&java)
        .arg("-version")
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("{} does not run: {e}", java.display()))?;
    // `java -version` writes to standard error: `openjdk version "17.0.15" 2025-04-15`.
    let text = String::from_utf8_lossy(&out.stderr);
    let first = text.lines().next().unwrap_or("").trim().to_owned();
    let major = first
        .split('"')
        .nth(1)
        .and_then(|v| v.split('.').next())
        .and_then(|m| m.parse::<u32>().ok())
        .ok_or_else(|| format!("cannot read the version of {}: {first:?}", java.display()))?;
    if major < 17 {
        return Err(format!("Spark 4 needs Java 17 or later, found {first:?}"));
    }
    Ok(first)
}

/// The tool a test needs, if `found`; else `None`, after saying why the test is skipped.
///
/// # Panics
/// If the tool is missing and [`required`]`(what)`: `must` says what must be there.
pub fn or_skip<T>(found: Result<T, String>, what: &str, must: &str) -> Option<T> {
    match found {
        Ok(tool) => Some(tool),
        Err(why) if required(what) => panic!("{why} (GLOSE_REQUIRE_{what}=1: {must})"),
        Err(why) => {
            say(&format!("skipped: {why}"));
            None
        }
    }
}

/// [`or_skip`] for a tool of the editor tests (an editor, Chromium): required when
/// `GLOSE_REQUIRE_EDITORS=1`.
pub fn editor_or_skip<T>(found: Result<T, String>) -> Option<T> {
    or_skip(found, "EDITORS", "every editor must be there")
}

/// Runs `command` until it exits, or kills it once `limit` has passed: what it printed
/// (standard input is what `command` sets, inherited by default), and whether it
/// finished in time.
///
/// # Panics
/// If the command does not start.
pub fn output_within(
    command: &mut std::process::Command,
    limit: std::time::Duration,
) -> (std::process::Output, bool) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{command:?} does not start: {e}"));
    let read = |mut from: Box<dyn Read + Send>| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = from.read_to_end(&mut bytes);
            let _ = tx.send(bytes);
        });
        rx
    };
    let stdout = read(Box::new(child.stdout.take().expect("piped")));
    let stderr = read(Box::new(child.stderr.take().expect("piped")));
    let started = std::time::Instant::now();
    let (status, finished) = loop {
        if let Some(status) = child.try_wait().expect("wait for the command") {
            break (status, true);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            break (child.wait().expect("wait for the command"), false);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    // What a killed command printed, unless processes it started still hold its outputs.
    let collect = |rx: std::sync::mpsc::Receiver<Vec<u8>>| {
        if finished {
            rx.recv().unwrap_or_default()
        } else {
            rx.recv_timeout(std::time::Duration::from_secs(5))
                .unwrap_or_default()
        }
    };
    let output = std::process::Output {
        status,
        stdout: collect(stdout),
        stderr: collect(stderr),
    };
    (output, finished)
}

/// A small deterministic generator (xorshift64*), so that generated corpora are the same
/// at every run.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    #[allow(clippy::should_implement_trait)] // an endless stream of numbers
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// `examples/corpus`: the articles written for glose, with their KB and gold file.
pub fn examples_corpus() -> PathBuf {
    repo_root().join("examples/corpus")
}

/// The texts of the articles of `examples/corpus`, in the order of their file names.
pub fn example_texts() -> Vec<String> {
    article_texts(&[examples_corpus()])
}

/// The texts of the `*.txt` articles in `folders` and their subfolders, in the order of
/// their paths.
pub fn article_texts(folders: &[PathBuf]) -> Vec<String> {
    let mut paths: Vec<PathBuf> = corpus::discover(folders, &Config::default())
        .files
        .into_iter()
        .map(|f| f.path)
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

/// The shared development corpus (real articles, not in the repository), when present:
/// `$GLOSE_SHARED_CORPUS`, or `../shared/corpus` beside the repository.
pub fn shared_corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("GLOSE_SHARED_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/corpus"));
    dir.join("gold.jsonl").is_file().then_some(dir)
}

/// The default KB plus the example corpus's own KB.
pub fn example_kb() -> Arc<KnowledgeBase> {
    let mut sources = glose_gazetteer::builtin_sources();
    let (extra, problems) = KbSource::read_path(&examples_corpus().join("kb"), Layer::User);
    assert!(problems.is_empty(), "{problems:?}");
    sources.extend(extra);
    let (kb, problems) = KnowledgeBase::load(&sources);
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == glose_core::Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    Arc::new(kb)
}

/// The pipeline `glose annotate` runs, over `kb`.
pub fn pipeline(kb: Arc<KnowledgeBase>) -> Pipeline {
    Pipeline::new(glose_taggers::default_taggers(kb)).expect("the built-in taggers order")
}

/// Annotates every article of `dir` with `pipeline`: (file name, document, result), in
/// file order. Panics if a file cannot be annotated.
pub fn annotate_folder(
    dir: &std::path::Path,
    pipeline: &Pipeline,
) -> Vec<(String, Document, Annotated)> {
    let files = corpus::discover(&[dir.to_owned()], &Config::default()).files;
    let pass = corpus::observe_files(
        &files,
        pipeline,
        ReadOptions::default(),
        2,
        corpus::KEEP_BUDGET,
    )
    .expect("thread pool");
    let mut out = Vec::new();
    corpus::annotate_after(
        &files,
        pipeline,
        ReadOptions::default(),
        2,
        &pass,
        |file, outcome| {
            let Outcome::Annotated { document, result } = outcome else {
                panic!("{} was not annotated", file.display());
            };
            let name = file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((name, document, result));
        },
    )
    .expect("thread pool");
    out
}

/// The resolved layer of an annotated document, as scored by `glose eval`.
pub fn predicted(name: &str, document: &Document, result: &Annotated) -> DocSpans {
    DocSpans {
        doc: name.to_owned(),
        spans: result
            .resolved()
            .map(|a| LabelledSpan::from_annotation(a, document.text()))
            .collect(),
    }
}

/// Builds a plugin package of the workspace as a shared library (`cargo build -p
/// PACKAGE --features FEATURES`) and returns a private copy of it: the copy cannot be
/// overwritten by a later build of the same package with other features.
///
/// # Panics
/// If the build fails.
pub fn build_plugin(package: &str, features: &str) -> std::path::PathBuf {
    build_plugin_with(package, features, false)
}

/// [`build_plugin`], optimised when `release` (for benchmarks).
pub fn build_plugin_with(package: &str, features: &str, release: bool) -> std::path::PathBuf {
    use std::collections::HashMap;
    use std::sync::Mutex;
    type Key = (String, String, bool);
    static BUILT: OnceLock<Mutex<HashMap<Key, std::path::PathBuf>>> = OnceLock::new();
    let mut built = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let key = (package.to_owned(), features.to_owned(), release);
    if let Some(path) = built.get(&key) {
        return path.clone();
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // A target folder of their own: building a plugin package alone leaves libraries
    // under unhashed names (`libglose_variants.rlib`) that would confuse the compiler
    // when the doctests of the workspace are built from the main target folder.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"))
        .join("plugin-builds");
    let mut cmd = std::process::Command::new(cargo);
    cmd.current_dir(repo_root())
        .args(["build", "--quiet", "--message-format=json", "-p", package])
        .arg("--target-dir")
        .arg(&target);
    if !features.is_empty() {
        cmd.args(["--features", features]);
    }
    if release {
        cmd.arg("--release");
    }
    let out = cmd.output().expect("cargo runs");
    assert!(
        out.status.success(),
        "building {package} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lib_name = package.replace('-', "_");
    let library = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == lib_name.as_str())
        .flat_map(|m| m["filenames"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(std::path::PathBuf::from))
        .find(|f| {
            f.extension()
                .is_some_and(|x| x == "so" || x == "dylib" || x == "dll")
        })
        .unwrap_or_else(|| panic!("no shared library for {package}"));
    let copy = scratch_dir().join(format!(
        "{}-{}{}.{}",
        lib_name,
        if release { "release-" } else { "" },
        if features.is_empty() {
            "default"
        } else {
            features
        },
        library.extension().unwrap_or_default().to_string_lossy()
    ));
    std::fs::copy(&library, &copy).expect("copy the library");
    built.insert(key, copy.clone());
    copy
}

/// Compiles a C plugin with the system C compiler (`$CC`, or `cc`) against
/// `docs/glose_tagger.h`, with `-D` definitions, into a shared library.
///
/// # Panics
/// If the compiler fails.
pub fn compile_c_plugin(source: &std::path::Path, defines: &[&str]) -> std::path::PathBuf {
    let name = format!(
        "{}-{}.so",
        source.file_stem().unwrap_or_default().to_string_lossy(),
        defines.join("-").replace(['=', '|', ' '], "_")
    );
    let out = scratch_dir().join(name);
    let compiler = std::env::var_os("CC").unwrap_or_else(|| "cc".into());
    let mut cmd = std::process::Command::new(compiler);
    cmd.args(["-shared", "-fPIC", "-Wall", "-Werror", "-I"])
        .arg(repo_root().join("docs"))
        .arg("-o")
        .arg(&out)
        .arg(source);
    for d in defines {
        cmd.arg(format!("-D{d}"));
    }
    let status = cmd.output().expect("the C compiler runs");
    assert!(
        status.status.success(),
        "cc failed:\n{}",
        String::from_utf8_lossy(&status.stderr)
    );
    out
}

/// A folder for built test artefacts, private to this test process.
pub fn scratch_dir() -> std::path::PathBuf {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("glose-tests-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary folder");
        dir
    })
    .clone()
}
