//! `glose lsp` through a real editor: Emacs with Eglot, in batch mode, running
//! `editors/emacs/test/glose_eglot_check.el` (which loads `editors/emacs/glose.el`) on a
//! copy of `examples/corpus`.
//!
//! Where the editor is found: `GLOSE_EMACS` if set, else `emacs` on `PATH`; Eglot from
//! Debian's `elpa-eglot` package (`apt-get install emacs-nox elpa-eglot`: Emacs 28.2 and
//! Eglot 1.9 on Debian 12) or built into Emacs 29 and later.
//!
//! `.ci/run` installs both. If Emacs or Eglot is not there, the test is skipped with a line
//! saying so, unless `GLOSE_REQUIRE_EDITORS=1`: then it is a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use glose_editor_tests::{ScriptRun, check_script, glose};
use glose_tests::{editor_or_skip, examples_copy, repo_root};

/// What the check script reports, in its order; every one must pass.
const CHECKS: &[&str] = &[
    "glose_setup",
    "server_connected",
    "project_root",
    "diagnostics_variant",
    "semantic_faces",
    "hover_entity",
    "definition_kb",
    "references",
    "mentions",
    "quotes",
    "status",
    "change_line_inserted",
    "change_within_line",
    "semantic_after_edit",
    "settings_level",
    "reindex",
    "correct_reject",
    "correct_tag",
    "shutdown",
];

/// Hard wall-clock limit of one editor run, in seconds (the script stops itself after
/// `GLOSE_WALL_S`, a little less).
const WALL_CLOCK: &str = "60";

/// The article the editor opens, in the copy of the example corpus.
const ARTICLE: &str = "01-raqqa-reconstruction.txt";

/// The example corpus spells every name as its KB does; the copy gets one variant,
/// which the gazetteer reports as `variant-spelling`.
const CANONICAL: &str = "Bureau de relèvement de Raqqa";
const VARIANT: &str = "Bureau de Relèvement de Raqqa";

/// An entity of the example corpus's KB (`kb/example.toml`), mentioned in the article.
const ENTITY: &str = "Leïla Mansour";
const ENTITY_ID: &str = "leila-mansour";
const DESCRIPTION: &str = "Coprésidente (fictive) du Bureau de relèvement de Raqqa.";

/// A person of the article, rejected by a correction, and words of it that no tagger
/// tags, tagged as a place by another.
const REJECT: &str = "Karim Haddad";
const TAG: &str = "rond-point central";

/// A copy of `examples/corpus` in `dir`, with the variant written once in the article:
/// its path.
fn write_corpus(dir: &Path) -> PathBuf {
    let corpus = examples_copy(dir);
    let article = corpus.join(ARTICLE);
    let text = std::fs::read_to_string(&article).unwrap();
    assert_eq!(
        text.matches(CANONICAL).count(),
        1,
        "{ARTICLE} of examples/corpus should name «{CANONICAL}» once"
    );
    for name in [ENTITY, REJECT, TAG] {
        assert!(text.contains(name), "{ARTICLE} should mention «{name}»");
    }
    std::fs::write(&article, text.replacen(CANONICAL, VARIANT, 1)).unwrap();
    corpus
}

/// Emacs and its Eglot, as "Emacs X, Eglot Y", or why they cannot be used.
fn find_emacs() -> Result<(PathBuf, String), String> {
    let emacs = match std::env::var_os("GLOSE_EMACS") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => PathBuf::from("emacs"),
    };
    let probe = r#"(progn
  (require 'package)
  (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
  (package-initialize)
  (if (require 'eglot nil t)
      (let ((d (cadr (assq 'eglot package-alist))))
        (princ (format "Emacs %s, Eglot %s" emacs-version
                       (if d (package-version-join (package-desc-version d)) "built-in"))))
    (princ (format "Emacs %s, no Eglot" emacs-version))))"#;
    let home = tempfile::tempdir().unwrap();
    let out = Command::new("timeout")
        .args(["-k", "5", "30"])
        .arg(&emacs)
        .args(["-Q", "--batch", "--eval", probe])
        .env("HOME", home.path())
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("Emacs: `timeout` does not run: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if !out.status.success() || !text.starts_with("Emacs ") {
        return Err(format!(
            "Emacs: `{}` does not run ({}): {}",
            emacs.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    if text.ends_with("no Eglot") {
        return Err(format!(
            "{text} (`apt-get install elpa-eglot` for Emacs 28)"
        ));
    }
    Ok((emacs, text))
}

fn run_check(emacs: &Path, version: &str) {
    let dir = tempfile::tempdir().unwrap();
    let root = write_corpus(dir.path());
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let out_path = dir.path().join("result.json");
    let script = repo_root().join("editors/emacs/test/glose_eglot_check.el");
    let server = serde_json::json!([glose(), "lsp"]).to_string();

    let output = Command::new("timeout")
        .args(["-k", "5", WALL_CLOCK])
        .arg(emacs)
        .args(["-Q", "--batch", "-l"])
        .arg(&script)
        .env("GLOSE_LSP_CMD", &server)
        .env("GLOSE_ARTICLE", root.join(ARTICLE))
        .env("GLOSE_ROOT", &root)
        .env("GLOSE_KB", root.join("kb/example.toml"))
        .env("GLOSE_VARIANT", VARIANT)
        .env("GLOSE_CANONICAL", CANONICAL)
        .env("GLOSE_ENTITY", ENTITY)
        .env("GLOSE_ENTITY_ID", ENTITY_ID)
        .env("GLOSE_ENTITY_DESCRIPTION", DESCRIPTION)
        .env("GLOSE_ENTITY_TYPE", "person")
        .env("GLOSE_REJECT", REJECT)
        .env("GLOSE_TAG", TAG)
        .env("GLOSE_OUT", &out_path)
        .env("GLOSE_STEP_TIMEOUT_S", "15")
        .env("GLOSE_WALL_S", "55")
        .env("HOME", &home)
        .env_remove("EMACSLOADPATH")
        .env_remove("EMACSDATA")
        .stdin(Stdio::null())
        .output()
        .expect("`timeout` (coreutils) runs Emacs");

    check_script(
        &ScriptRun {
            editor: "Emacs",
            label: version,
            program: emacs,
            output: &output,
            wall_clock: WALL_CLOCK,
            result: &out_path,
            checks: CHECKS,
            log: ("events_log", "Eglot events", 80),
        },
        |r| format!("{version}, {} ms", r["elapsed_ms"]),
    );
}

#[test]
fn emacs_with_eglot() {
    if let Some((emacs, version)) = editor_or_skip(find_emacs()) {
        run_check(&emacs, &version);
    }
}
