//! `glose lsp` through VS Code: code-server (VS Code served to a browser) with the
//! extension of `editors/vscode` installed from its `.vsix`, driven by headless Chromium
//! through playwright-core. `editors/vscode/test/e2e.js` runs the session on a copy of
//! `examples/corpus` and writes what it checked, in order, to a JSON file; this test
//! asserts that every check passed and what each one saw.
//!
//! Where the parts are found (`.ci/editors/vscode.sh` and `.ci/editors/chromium.sh`
//! install them and export these variables):
//! - `GLOSE_CODE_SERVER`: code-server's `out/node/entry.js`; else the one that
//!   `vscode.sh` installs under `$GLOSE_CI_CACHE/vscode` (default `target/ci-editors`).
//! - `GLOSE_VSIX`: the packaged extension (`npm run package` in `editors/vscode`); else
//!   `editors/vscode/glose-VERSION.vsix`.
//! - `GLOSE_PLAYWRIGHT`: a `node_modules` folder holding `playwright-core`; else the one
//!   `vscode.sh` installs.
//! - `GLOSE_CHROMIUM`: the Chromium executable; else `/usr/bin/chromium`.
//! - `GLOSE_NODE`: the node that runs code-server (20 or later); else `node` on `PATH`.
//!
//! A part that is missing skips the test with a line saying so, unless
//! `GLOSE_REQUIRE_EDITORS=1`: then it is a failure. Screenshots and the JSON report go to
//! `vscode-e2e/` in the cargo target folder; with `GLOSE_UPDATE_DOCS=1` the screenshot
//! of the hover card is copied to `docs/images/vscode.png`, and the one of the code
//! action menu with the corrections to `docs/images/corrections-vscode.png`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use glose_editor_tests::glose;
use glose_tests::{editor_or_skip, examples_copy, output_within, repo_root, say};
use serde_json::Value;

/// What the session checks, in its order; every one must pass.
const CHECKS: &[&str] = &[
    "install_extension",
    "code_server",
    "workbench",
    "open_article",
    "status_bar",
    "entities_view",
    "entity_mentions",
    "semantic_colours",
    "hover",
    "show_mentions",
    "quotes_view",
    "show_quotes_entity",
    "show_quotes_article",
    "definition",
    "diagnostic",
    "reindex",
    "correction_menu",
    "correction_reject",
    "correction_tag",
];

/// The article opened first, and what is looked for in it (all in `examples/corpus`).
const ARTICLE: &str = "01-raqqa-reconstruction.txt";
const PERSON: &str = "Leïla Mansour";
const PERSON_ID: &str = "leila-mansour";
const PLACE: &str = "Raqqa";
/// Texts of the person's hover card: the name, the KB's description, and their quote.
const HOVER: &str = "Leïla Mansour|Coprésidente (fictive) du Bureau de relèvement de Raqqa.|1 quote in 1 article|« Nous avons rouvert onze écoles";
/// The beginning of the person's quote in the article, and a word of it that is no name.
const QUOTE: &str = "« Nous avons rouvert onze écoles";
const NO_NAME: &str = "rond-point";
const KB_FILE: &str = "kb/example.toml";

/// A person of the article, rejected by a correction from the code action menu, and
/// words of it that no tagger tags, tagged as a place by another.
const REJECT: &str = "Karim Haddad";
const TAG: &str = "rond-point central";

/// The article where a sentence with a variant spelling of a KB place is typed.
const TYPED_IN: &str = "02-retour-hajine.txt";
const TYPED: &str = "Plus à l'est, à Deir es-zor, les prix ont baissé.";
const DIAGNOSTIC: &str = "«Deir es-zor» is written «Deir es-Zor»";
const DIAGNOSTIC_CODE: &str = "variant-spelling";

/// The wall-clock limit of the whole session (the script has its own, a little shorter).
const WALL_CLOCK: Duration = Duration::from_secs(300);

/// The cargo target folder (cargo gives the tests its `tmp/`).
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| repo_root().join("target"), Path::to_path_buf)
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Everything the session needs.
struct Parts {
    node: PathBuf,
    code_server: PathBuf,
    vsix: PathBuf,
    playwright: PathBuf,
    chromium: PathBuf,
}

fn find_parts() -> Result<Parts, String> {
    let cache = env_path("GLOSE_CI_CACHE")
        .unwrap_or_else(|| target_dir().join("ci-editors"))
        .join("vscode");
    let node = env_path("GLOSE_NODE")
        .or_else(|| on_path("node"))
        .ok_or("node is not on PATH (nor GLOSE_NODE set)")?;
    let version = Command::new(&node)
        .arg("--version")
        .output()
        .map_err(|e| format!("{} --version: {e}", node.display()))?;
    let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < 20 {
        return Err(format!(
            "{} is node {version}; code-server needs 20 or later",
            node.display()
        ));
    }
    let code_server = env_path("GLOSE_CODE_SERVER").unwrap_or_else(|| {
        std::fs::read_dir(&cache)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("code-server-"))
            })
            .unwrap_or_else(|| cache.join("code-server"))
            .join("out/node/entry.js")
    });
    if !code_server.is_file() {
        return Err(format!(
            "no code-server at {} (set GLOSE_CODE_SERVER, or run .ci/editors/vscode.sh)",
            code_server.display()
        ));
    }
    let vsix = match env_path("GLOSE_VSIX") {
        Some(p) => p,
        None => {
            let manifest = std::fs::read_to_string(repo_root().join("editors/vscode/package.json"))
                .map_err(|e| format!("editors/vscode/package.json: {e}"))?;
            let manifest: Value = serde_json::from_str(&manifest)
                .map_err(|e| format!("editors/vscode/package.json: {e}"))?;
            repo_root().join(format!(
                "editors/vscode/{}-{}.vsix",
                manifest["name"].as_str().unwrap_or("glose"),
                manifest["version"].as_str().unwrap_or("0.0.0")
            ))
        }
    };
    if !vsix.is_file() {
        return Err(format!(
            "no extension package at {} (run `npm ci && npm run package` in editors/vscode)",
            vsix.display()
        ));
    }
    let playwright =
        env_path("GLOSE_PLAYWRIGHT").unwrap_or_else(|| cache.join("playwright/node_modules"));
    if !playwright.join("playwright-core/package.json").is_file() {
        return Err(format!(
            "no playwright-core in {} (set GLOSE_PLAYWRIGHT)",
            playwright.display()
        ));
    }
    let chromium = env_path("GLOSE_CHROMIUM").unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        return Err(format!(
            "no Chromium at {} (set GLOSE_CHROMIUM)",
            chromium.display()
        ));
    }
    Ok(Parts {
        node,
        code_server,
        vsix,
        playwright,
        chromium,
    })
}

/// The detail of a passed check.
fn detail<'a>(checks: &'a [Value], name: &str) -> &'a str {
    checks
        .iter()
        .find(|c| c["name"] == name)
        .and_then(|c| c["detail"].as_str())
        .unwrap_or("")
}

#[test]
fn vscode_extension_in_code_server() {
    let found = find_parts().map_err(|why| format!("VS Code (code-server): {why}"));
    let Some(parts) = editor_or_skip(found) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let corpus = examples_copy(dir.path());
    let artefacts = target_dir().join("vscode-e2e");
    let _ = std::fs::remove_dir_all(&artefacts);
    std::fs::create_dir_all(&artefacts).unwrap();
    let report = artefacts.join("result.json");

    let mut command = Command::new(&parts.node);
    command
        .arg(repo_root().join("editors/vscode/test/e2e.js"))
        .current_dir(dir.path())
        .env("PATH", {
            // code-server runs its extension host with the node that runs it.
            let mut paths = vec![parts.node.parent().unwrap().to_path_buf()];
            paths.extend(std::env::split_paths(
                &std::env::var_os("PATH").unwrap_or_default(),
            ));
            std::env::join_paths(paths).unwrap()
        })
        .env("TMPDIR", dir.path())
        .env("GLOSE_CODE_SERVER", &parts.code_server)
        .env("GLOSE_CHROMIUM", &parts.chromium)
        .env("GLOSE_VSIX", &parts.vsix)
        .env("GLOSE_PLAYWRIGHT", &parts.playwright)
        .env("GLOSE_SERVER", glose())
        .env("GLOSE_WORKSPACE", &corpus)
        .env("GLOSE_ARTICLE", ARTICLE)
        .env("GLOSE_HOVER_WORD", PERSON)
        .env("GLOSE_HOVER_EXPECT", HOVER)
        .env("GLOSE_PLACE_WORD", PLACE)
        .env("GLOSE_DEF_WORD", PERSON)
        .env("GLOSE_DEF_FILE", KB_FILE)
        .env("GLOSE_DEF_ID", PERSON_ID)
        .env("GLOSE_DIAG_ARTICLE", TYPED_IN)
        .env("GLOSE_DIAG_TYPED", TYPED)
        .env("GLOSE_DIAG_EXPECT", DIAGNOSTIC)
        .env("GLOSE_DIAG_CODE", DIAGNOSTIC_CODE)
        .env("GLOSE_QUOTE_SPEAKER", PERSON)
        .env("GLOSE_QUOTE_EXPECT", QUOTE)
        .env("GLOSE_NO_NAME_WORD", NO_NAME)
        .env("GLOSE_REJECT_WORD", REJECT)
        .env("GLOSE_TAG_WORDS", TAG)
        .env("GLOSE_OUT", &report)
        .env("GLOSE_SCREENSHOTS", &artefacts)
        .env("GLOSE_TOTAL_TIMEOUT_MS", "240000")
        .stdin(Stdio::null());
    let started = Instant::now();
    let (output, finished) = output_within(&mut command, WALL_CLOCK);
    let status = if finished { output.status.code() } else { None };
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    say(&format!(
        "VS Code (code-server) session: {:.1} s, artefacts in {}",
        started.elapsed().as_secs_f64(),
        artefacts.display()
    ));
    let context = format!(
        "exit status {status:?}, output:\n{output}\nscreenshots in {}",
        artefacts.display()
    );
    let result: Value = serde_json::from_str(
        &std::fs::read_to_string(&report)
            .unwrap_or_else(|e| panic!("no report {}: {e}; {context}", report.display())),
    )
    .unwrap_or_else(|e| panic!("report {}: {e}; {context}", report.display()));
    let checks = result["checks"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = checks.iter().filter_map(|c| c["name"].as_str()).collect();
    if let Some(failed) = checks.iter().find(|c| c["ok"] != true) {
        panic!(
            "check {} failed: {}; {context}",
            failed["name"], failed["error"]
        );
    }
    assert_eq!(names, CHECKS, "{context}");
    assert_eq!(status, Some(0), "{context}");

    // What the checks saw, from the report.
    let hover = detail(&checks, "hover");
    for expected in HOVER.split('|') {
        assert!(hover.contains(expected), "hover card: {hover}");
    }
    let definition = detail(&checks, "definition");
    assert!(
        definition.starts_with(KB_FILE) && definition.contains(PERSON_ID),
        "definition: {definition}"
    );
    let diagnostic = detail(&checks, "diagnostic");
    assert!(
        diagnostic.contains(DIAGNOSTIC) && diagnostic.contains(DIAGNOSTIC_CODE),
        "problem: {diagnostic}"
    );
    let entities = detail(&checks, "entities_view");
    for group in ["People ", "Organisations ", "Places "] {
        assert!(entities.contains(group), "entities view: {entities}");
    }
    let mentions = detail(&checks, "show_mentions");
    assert!(
        mentions.contains(ARTICLE) && mentions.contains("example.toml"),
        "mentions: {mentions}"
    );

    let quotes = detail(&checks, "show_quotes_entity");
    assert!(
        quotes.contains(PERSON) && quotes.contains(QUOTE) && quotes.contains(ARTICLE),
        "quotes of {PERSON}: {quotes}"
    );
    let quotes = detail(&checks, "show_quotes_article");
    assert!(
        quotes.contains(ARTICLE) && quotes.contains(PERSON) && quotes.contains(QUOTE),
        "quotes of {ARTICLE}: {quotes}"
    );

    // The corrections: the menu on the name, then what the server wrote.
    let menu = detail(&checks, "correction_menu");
    for action in [
        format!("Not an entity: «{REJECT}» (PER"),
        format!("Change «{REJECT}» to ORG"),
    ] {
        assert!(menu.contains(&action), "code action menu: {menu}");
    }
    let line: Value = serde_json::from_str(detail(&checks, "correction_reject"))
        .unwrap_or_else(|e| panic!("correction_reject: {e}"));
    assert_eq!(
        (&line["file"], &line["decision"], &line["text"]),
        (&ARTICLE.into(), &"reject".into(), &REJECT.into()),
        "{line}"
    );
    let tag = detail(&checks, "correction_tag");
    assert!(
        tag.contains(&format!(r#""text":"{TAG}""#)) && tag.contains(r#""label":"LOC""#),
        "tag: {tag}"
    );

    for name in [
        "entities",
        "hover",
        "mentions",
        "quotes",
        "definition",
        "problems",
        "corrections",
    ] {
        let shot = artefacts.join(format!("{name}.png"));
        let bytes = std::fs::read(&shot).unwrap_or_default();
        assert!(
            bytes.starts_with(b"\x89PNG"),
            "screenshot {}",
            shot.display()
        );
    }
    if std::env::var("GLOSE_UPDATE_DOCS").is_ok_and(|v| v == "1") {
        for (shot, docs) in [
            ("hover.png", "docs/images/vscode.png"),
            ("corrections.png", "docs/images/corrections-vscode.png"),
        ] {
            let docs = repo_root().join(docs);
            std::fs::copy(artefacts.join(shot), &docs).unwrap();
            say(&format!("updated {}", docs.display()));
        }
    }
}
