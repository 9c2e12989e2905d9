//! What the editor end-to-end tests share: the `glose` binary the editors start, and
//! the results the editors' check scripts write.
//!
//! The tests (`neovim.rs`, `emacs.rs`, `vscode.rs`, `helix.rs` beside this folder) drive
//! real editors; each says where it finds its editor, and skips with a line saying so
//! when the editor is not there, unless `GLOSE_REQUIRE_EDITORS=1` (as `.ci/run` sets
//! after installing them): then it fails. `cargo test -p glose-editor-tests` runs them.
//!
//! The binary is `GLOSE_BIN` when set. Otherwise the tests build it once per test
//! process, with `cargo build -p glose-cli --bin glose` in the same profile as
//! themselves (after `cargo test --workspace` has built the workspace, that build
//! compiles little or nothing): a test crate cannot name another package's binary with
//! `CARGO_BIN_EXE_*`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use glose_tests::{repo_root, say};
use serde_json::Value;

/// The `glose` binary to test: `GLOSE_BIN`, or this workspace's, built once.
///
/// # Panics
/// If `GLOSE_BIN` is not a file, or the build fails.
pub fn glose() -> &'static Path {
    static GLOSE: OnceLock<PathBuf> = OnceLock::new();
    GLOSE.get_or_init(|| match std::env::var_os("GLOSE_BIN") {
        Some(path) if !path.is_empty() => {
            let path = PathBuf::from(path);
            assert!(path.is_file(), "GLOSE_BIN={} is not a file", path.display());
            path
        }
        _ => build_glose(),
    })
}

/// Builds the `glose` binary with cargo, in the profile of this test executable (the
/// name of the folder above its `deps/`: `debug` is the default profile); its path.
fn build_glose() -> PathBuf {
    let profile = std::env::current_exe()
        .ok()
        .and_then(|exe| {
            let deps = exe.parent()?;
            (deps.file_name()? == "deps").then_some(())?;
            Some(deps.parent()?.file_name()?.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "debug".to_owned());
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(repo_root()).args([
        "build",
        "--message-format=json-render-diagnostics",
        "-p",
        "glose-cli",
        "--bin",
        "glose",
    ]);
    if profile != "debug" {
        command.args(["--profile", &profile]);
    }
    let out = command.output().expect("cargo runs");
    assert!(
        out.status.success(),
        "building glose failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "glose")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .expect("cargo names the glose executable it built")
}

/// A run of an editor's check script, which writes what it checked as JSON: `checks`,
/// each with its `name`, `ok` and `at_ms`, and the path of the editor's log of the
/// protocol.
#[derive(Debug)]
pub struct ScriptRun<'a> {
    /// The editor's name, as in "Neovim was killed".
    pub editor: &'a str,
    /// What ran, as the first words of a failure.
    pub label: &'a str,
    /// The editor's executable.
    pub program: &'a Path,
    /// How the editor (under `timeout -k 5 WALL_CLOCK`) ended.
    pub output: &'a Output,
    /// The hard time limit of the run, in seconds.
    pub wall_clock: &'a str,
    /// The JSON the script wrote.
    pub result: &'a Path,
    /// The checks that must all be reported, and pass.
    pub checks: &'a [&'a str],
    /// The key of the log's path in the JSON, the log's name, and how many of its last
    /// lines a failure shows.
    pub log: (&'a str, &'a str, usize),
}

/// Checks that the editor ended in time and well and that every check passed; says
/// what the script reported (the line `describe` makes of the JSON and the list of
/// checks) whatever the outcome.
///
/// # Panics
/// With everything known (the JSON, the editor's outputs, the end of its log) if
/// anything failed.
pub fn check_script(run: &ScriptRun<'_>, describe: impl Fn(&Value) -> String) {
    let result = std::fs::read_to_string(run.result).ok();
    let parsed: Option<Value> = result.as_deref().and_then(|r| serde_json::from_str(r).ok());
    let mut problems = Vec::new();
    if run.output.status.code() == Some(124) || run.output.status.code() == Some(137) {
        problems.push(format!(
            "{} was killed after {} s",
            run.editor, run.wall_clock
        ));
    } else if !run.output.status.success() {
        problems.push(format!("{} exited with {}", run.editor, run.output.status));
    }
    match &parsed {
        None => problems.push("no JSON result".to_owned()),
        Some(r) => {
            let checks = r["checks"].as_array().cloned().unwrap_or_default();
            for name in run.checks {
                match checks.iter().find(|c| c["name"] == *name) {
                    Some(c) if c["ok"] == true => {}
                    Some(_) => problems.push(format!("check {name} failed")),
                    None => problems.push(format!("check {name} missing")),
                }
            }
            let summary: Vec<String> = checks
                .iter()
                .map(|c| {
                    format!(
                        "{} {} ({} ms)",
                        c["name"].as_str().unwrap_or("?"),
                        if c["ok"] == true { "ok" } else { "FAILED" },
                        c["at_ms"]
                    )
                })
                .collect();
            say(&format!("{}: {}", describe(r), summary.join(", ")));
        }
    }
    if problems.is_empty() {
        return;
    }
    let (log_key, log_name, log_lines) = run.log;
    let log = parsed
        .as_ref()
        .and_then(|r| r[log_key].as_str())
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    let log_tail: String = {
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(log_lines)..].join("\n")
    };
    // The problems open and close the message: a log that keeps only the head or the
    // tail of a long output still says what failed.
    let problems = problems.join("; ");
    panic!(
        "{} ({}): {problems}\n--- result\n{}\n--- stdout\n{}\n--- stderr\n{}\n--- {log_name} (end)\n{}\n--- {} failed: {problems}",
        run.label,
        run.program.display(),
        parsed
            .as_ref()
            .map(|r| serde_json::to_string_pretty(r).unwrap_or_default())
            .or(result)
            .unwrap_or_default(),
        String::from_utf8_lossy(&run.output.stdout),
        String::from_utf8_lossy(&run.output.stderr),
        log_tail,
        run.label
    );
}
