//! What the tests of the `glose` binary share: running it, reading what it printed and
//! wrote, its trust store, and the faulty test plugin. The helpers of every test crate
//! (the example corpus, copies of folders, tools that may be missing) are in
//! `glose_tests`.

// Each test file uses some of these.
#![allow(dead_code, unreachable_pub)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The `glose` binary of this build.
pub const GLOSE: &str = env!("CARGO_BIN_EXE_glose");

/// `glose` (this build), colours off, to be given its arguments.
pub fn command() -> Command {
    let mut command = Command::new(GLOSE);
    command.env("NO_COLOR", "1");
    command
}

/// Runs `glose ARGS` in the tests' folder, standard input closed.
pub fn glose(args: &[&str]) -> Output {
    command().args(args).output().expect("glose runs")
}

/// Runs `glose ARGS` in `dir`, standard input closed.
pub fn glose_in(dir: &Path, args: &[&str]) -> Output {
    command()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("glose runs")
}

/// Runs `glose eval` of the built-in taggers alone (`--config /dev/null`) against the gold
/// file `gold`, with `args`.
pub fn eval_builtin(gold: &Path, args: &[&str]) -> Output {
    let gold = gold.to_str().unwrap();
    glose(&[&["eval", "--config", "/dev/null", "--gold", gold], args].concat())
}

/// Runs `glose ARGS` in `dir` with `input` on standard input (closed when `None`),
/// written from a thread of its own so that a large input cannot block on the output.
pub fn glose_fed(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Output {
    let mut cmd = command();
    cmd.current_dir(dir).args(args);
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("glose runs");
    let writer = input.map(|input| {
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_vec();
        std::thread::spawn(move || stdin.write_all(&input))
    });
    let out = child.wait_with_output().expect("glose runs");
    if let Some(writer) = writer {
        // glose may stop reading early (a usage error): a broken pipe is then expected.
        let _ = writer.join();
    }
    out
}

/// The trust store `glose` is given in `dir` (a hidden folder, which the corpus walk
/// skips; never the user's).
pub fn data_dir(dir: &Path) -> PathBuf {
    dir.join(".glose-data")
}

/// Runs `glose ARGS` in `dir`, with the trust store [`data_dir`]`(dir)`.
pub fn glose_with_own_store(dir: &Path, args: &[&str]) -> Output {
    command()
        .current_dir(dir)
        .env("GLOSE_DATA_DIR", data_dir(dir))
        .args(args)
        .output()
        .expect("glose runs")
}

/// Trusts the glose.toml of `dir`, in the trust store [`data_dir`]`(dir)`.
pub fn trust(dir: &Path) {
    assert_success(&glose_with_own_store(dir, &["trust"]));
}

/// What `glose` printed on standard output, which must be UTF-8.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// What `glose` printed on standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The taggers of the annotations of the first document `glose annotate` wrote.
pub fn taggers(out: &Output) -> Vec<String> {
    let text = stdout(out);
    let doc: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    doc["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["tagger"].as_str().unwrap().to_owned())
        .collect()
}

/// Fails, with what the command printed on standard error, unless it succeeded.
#[track_caller]
pub fn assert_success(o: &Output) {
    assert!(o.status.success(), "{}", stderr(o));
}

/// Every file under `dir`, by path relative to `dir` (in order), with its bytes.
pub fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The faulty test plugin (`tests/plugins/faulty`), built as a shared library.
pub fn faulty() -> PathBuf {
    glose_tests::build_plugin("glose-test-faulty", "")
}
