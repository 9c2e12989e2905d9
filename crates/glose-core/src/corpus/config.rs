//! `glose.toml`: the optional configuration file of a corpus.
//!
//! ```toml
//! [corpus]
//! include = ["**/*.txt"]        # which files are articles
//! exclude = ["drafts/**"]
//! max_file_size = "16 MiB"      # larger files are skipped
//!
//! [kb]
//! paths = ["kb"]                # KB files or folders, relative to this file
//! builtin = true                # also load the default KB
//!
//! [rules]
//! paths = ["rules"]             # rule files or folders of the `rules` tagger
//!
//! [ner]
//! enabled = true                # the learned tagger of people, organisations, places
//! model = "models/my.glner"     # a model of `glose train` instead of the default one
//!
//! [[plugin]]
//! path = "plugins/libmy_tagger.so"
//! mode = "isolated"             # or "in-process" (trusted plugins only)
//! timeout = "10s"               # per document, isolated mode
//! enabled = true
//! config = { min_len = 3 }      # given to the plugin as JSON
//! ```

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::text::{Encoding, LineIndex};
use crate::toml_keys::{self, Shape};

/// The name of the configuration file.
pub const CONFIG_FILE: &str = "glose.toml";

/// Files larger than this are skipped unless configured otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// How a plugin runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluginMode {
    /// In glose's process: for trusted plugins.
    InProcess,
    /// In child processes, so that the plugin cannot crash glose (the default).
    Isolated,
}

/// A `[[plugin]]` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct PluginConfig {
    /// The shared library, resolved against the folder of `glose.toml`.
    pub path: PathBuf,
    pub mode: PluginMode,
    /// Isolated mode: how long one document may take.
    pub timeout: Duration,
    pub enabled: bool,
    /// The plugin's own configuration, as JSON.
    pub config: serde_json::Value,
}

/// The per-document timeout of isolated plugins, unless configured.
pub const DEFAULT_PLUGIN_TIMEOUT: Duration = Duration::from_secs(10);

/// The configuration of a corpus, with defaults filled in and paths resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The `glose.toml` it was read from, if any.
    pub file: Option<PathBuf>,
    /// Globs of article files, relative to each folder walked.
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub max_file_size: u64,
    /// KB files or folders, resolved against the folder of `glose.toml`.
    pub kb_paths: Vec<PathBuf>,
    /// Whether the default KB is loaded.
    pub builtin_kb: bool,
    /// Rule files or folders for the `rules` tagger.
    pub rules: Vec<PathBuf>,
    pub plugins: Vec<PluginConfig>,
    /// Whether the learned `ner` tagger runs.
    pub ner: bool,
    /// Its model, when not the default one (resolved against the folder of `glose.toml`).
    pub ner_model: Option<PathBuf>,
    /// What is wrong in the file but does not stop it from loading: unknown keys
    /// (warnings, code `config`, placed at the key), left out of the configuration.
    pub warnings: Vec<crate::Problem>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            include: vec!["**/*.txt".to_owned()],
            exclude: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            kb_paths: Vec::new(),
            builtin_kb: true,
            rules: Vec::new(),
            plugins: Vec::new(),
            ner: true,
            ner_model: None,
            warnings: Vec::new(),
        }
    }
}

/// A problem in `glose.toml`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    pub file: PathBuf,
    /// One-based line and column, when the problem has a place in the file.
    pub position: Option<(u32, u32)>,
    pub message: String,
}

impl ConfigError {
    /// The same error as a [`crate::Problem`] (code `config`) of its file.
    pub fn problem(&self) -> crate::Problem {
        let p = crate::Problem::new(
            self.file.display().to_string(),
            crate::Severity::Error,
            "config",
            self.message.clone(),
        );
        match self.position {
            Some((line, column)) => p.at(crate::Place::line(line, column)),
            None => p,
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.file.display(), self.message)
            }
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

/// The keys of `glose.toml` (see [`RawConfig`]); the others are reported as warnings
/// and left out.
const KEYS: &[(&str, Shape)] = &[
    (
        "corpus",
        Shape::Table(&[
            ("include", Shape::Value),
            ("exclude", Shape::Value),
            ("max_file_size", Shape::Value),
        ]),
    ),
    (
        "kb",
        Shape::Table(&[("paths", Shape::Value), ("builtin", Shape::Value)]),
    ),
    ("rules", Shape::Table(&[("paths", Shape::Value)])),
    (
        "plugin",
        Shape::Tables(
            &[
                ("path", Shape::Value),
                ("mode", Shape::Value),
                ("timeout", Shape::Value),
                ("enabled", Shape::Value),
                ("config", Shape::Value),
            ],
            Some("path"),
        ),
    ),
    (
        "ner",
        Shape::Table(&[("enabled", Shape::Value), ("model", Shape::Value)]),
    ),
];

#[derive(Deserialize)]
struct RawConfig {
    #[serde(default)]
    corpus: RawCorpus,
    #[serde(default)]
    kb: RawKb,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    plugin: Vec<RawPlugin>,
    #[serde(default)]
    ner: RawNer,
}

#[derive(Deserialize, Default)]
struct RawNer {
    enabled: Option<bool>,
    model: Option<String>,
}

#[derive(Deserialize, Default)]
struct RawRules {
    #[serde(default)]
    paths: Vec<String>,
}

#[derive(Deserialize)]
struct RawPlugin {
    path: String,
    mode: Option<toml::Spanned<String>>,
    timeout: Option<toml::Spanned<Timeout>>,
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default)]
    config: toml::Table,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Timeout {
    Seconds(f64),
    Text(String),
}

#[derive(Deserialize, Default)]
struct RawCorpus {
    include: Option<Vec<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    max_file_size: Option<toml::Spanned<Size>>,
}

#[derive(Deserialize, Default)]
struct RawKb {
    #[serde(default)]
    paths: Vec<String>,
    builtin: Option<bool>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Size {
    Bytes(u64),
    Text(String),
}

impl Config {
    /// Reads a `glose.toml`.
    pub fn load(file: &Path) -> Result<Config, ConfigError> {
        let error = |position, message: String| ConfigError {
            file: file.to_owned(),
            position,
            message,
        };
        let text =
            std::fs::read_to_string(file).map_err(|e| error(None, format!("cannot read: {e}")))?;
        let lines = LineIndex::new(&text);
        let position = |offset: usize| {
            lines
                .line_col(offset.min(text.len()), Encoding::Utf32)
                .map(|p| (p.line + 1, p.col + 1))
        };
        let (raw, unknown) = toml_keys::from_str::<RawConfig>(&text, KEYS);
        let raw = raw.map_err(|e| {
            error(
                e.span().and_then(|s| position(s.start)),
                e.message().trim().to_owned(),
            )
        })?;
        let warnings = unknown
            .into_iter()
            .map(|key| {
                let p = crate::Problem::new(
                    file.display().to_string(),
                    crate::Severity::Warning,
                    "config",
                    key.message,
                );
                match position(key.span.start) {
                    Some((line, column)) => p.at(crate::Place {
                        span: Some(key.span.into()),
                        line,
                        column,
                    }),
                    None => p,
                }
            })
            .collect();
        let root = file.parent().unwrap_or(Path::new("."));
        let mut config = Config {
            file: Some(file.to_owned()),
            warnings,
            ..Config::default()
        };
        if let Some(include) = raw.corpus.include {
            config.include = include;
        }
        config.exclude = raw.corpus.exclude;
        if let Some(size) = raw.corpus.max_file_size {
            let span = size.span();
            config.max_file_size = match size.into_inner() {
                Size::Bytes(n) => n,
                Size::Text(s) => parse_size(&s).ok_or_else(|| {
                    error(
                        position(span.start),
                        format!("invalid size {s:?}: write a number of bytes or e.g. \"16 MiB\", \"500 KB\""),
                    )
                })?,
            };
        }
        for glob in config.include.iter().chain(&config.exclude) {
            if let Err(e) = globset::Glob::new(glob) {
                return Err(error(None, format!("invalid glob {glob:?}: {e}")));
            }
        }
        // A path of the file, which must stay inside the corpus; `key` names it in errors.
        let resolve =
            |key: &str, p: &str| inside(root, p).map_err(|m| error(None, format!("{key}: {m}")));
        let resolve_all = |key: &str, paths: &[String]| -> Result<Vec<PathBuf>, ConfigError> {
            paths.iter().map(|p| resolve(key, p)).collect()
        };
        config.kb_paths = resolve_all("[kb] paths", &raw.kb.paths)?;
        config.builtin_kb = raw.kb.builtin.unwrap_or(true);
        config.ner = raw.ner.enabled.unwrap_or(true);
        config.ner_model = raw
            .ner
            .model
            .as_deref()
            .map(|p| resolve("[ner] model", p))
            .transpose()?;
        config.rules = resolve_all("[rules] paths", &raw.rules.paths)?;
        for plugin in raw.plugin {
            let mode = match plugin.mode {
                None => PluginMode::Isolated,
                Some(mode) => match mode.get_ref().as_str() {
                    "isolated" => PluginMode::Isolated,
                    "in-process" => PluginMode::InProcess,
                    other => {
                        return Err(error(
                            position(mode.span().start),
                            format!(
                                "invalid plugin mode {other:?}: use \"isolated\" or \"in-process\""
                            ),
                        ));
                    }
                },
            };
            let timeout = match plugin.timeout {
                None => DEFAULT_PLUGIN_TIMEOUT,
                Some(t) => {
                    let at = t.span().start;
                    let parsed = match t.into_inner() {
                        Timeout::Seconds(s) => Duration::try_from_secs_f64(s).ok(),
                        Timeout::Text(s) => parse_duration(&s),
                    };
                    parsed.filter(|d| !d.is_zero()).ok_or_else(|| {
                        error(
                            position(at),
                            "invalid timeout: write seconds, or e.g. \"500ms\", \"10s\"".to_owned(),
                        )
                    })?
                }
            };
            config.plugins.push(PluginConfig {
                path: root.join(&plugin.path),
                mode,
                timeout,
                enabled: plugin.enabled,
                config: serde_json::to_value(&plugin.config).unwrap_or_default(),
            });
        }
        Ok(config)
    }

    /// Finds the `glose.toml` that applies to `path`: in the folder itself (or the
    /// file's folder), then in each parent folder. Without one, the defaults apply.
    pub fn discover(path: &Path) -> Result<Config, ConfigError> {
        let start = if path.is_dir() {
            path.to_owned()
        } else {
            path.parent().map(Path::to_owned).unwrap_or_default()
        };
        let start = if start.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            start
        };
        // Walk up through the absolute path, but keep the relative spelling for
        // messages when the file is found in a folder the user named.
        let absolute = std::path::absolute(&start).unwrap_or_else(|_| start.clone());
        for (depth, dir) in absolute.ancestors().enumerate() {
            let candidate = dir.join(CONFIG_FILE);
            if candidate.is_file() {
                let shown = if depth == 0 {
                    start.join(CONFIG_FILE)
                } else {
                    candidate
                };
                return Config::load(&shown);
            }
        }
        Ok(Config::default())
    }

    /// The `[[plugin]]` entries that run (not `enabled = false`), in file order.
    pub fn enabled_plugins(&self) -> impl Iterator<Item = &PluginConfig> {
        self.plugins.iter().filter(|p| p.enabled)
    }

    /// The libraries of the plugins that run: the native code that trusting this
    /// configuration allows.
    pub fn enabled_plugin_libraries(&self) -> Vec<PathBuf> {
        self.enabled_plugins().map(|p| p.path.clone()).collect()
    }
}

/// `path`, relative to `root` (the folder of glose.toml), if it stays inside that folder:
/// a corpus's configuration may not make glose read files elsewhere (KB and rule files
/// end up in messages, hovers and outputs). Absolute paths, `..` leading out, and
/// symbolic links that resolve outside are refused; files elsewhere are given on the
/// command line (`--kb`, `--rules`) or in the editor's settings instead.
fn inside(root: &Path, path: &str) -> Result<PathBuf, String> {
    let relative = Path::new(path);
    let advice = "give files outside the corpus with --kb/--rules or the editor's settings";
    if relative.has_root() || relative.is_absolute() {
        return Err(format!(
            "{path:?} is not relative to the folder of glose.toml ({advice})"
        ));
    }
    let mut depth: i64 = 0;
    for part in relative.components() {
        match part {
            std::path::Component::ParentDir => depth -= 1,
            std::path::Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < 0 {
            return Err(format!(
                "{path:?} leads outside the folder of glose.toml ({advice})"
            ));
        }
    }
    let joined = root.join(relative);
    let base = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    if let (Ok(real), Ok(real_root)) = (base.join(relative).canonicalize(), base.canonicalize())
        && !real.starts_with(&real_root)
    {
        return Err(format!(
            "{path:?} resolves to {} through a symbolic link, outside the folder of glose.toml ({advice})",
            real.display()
        ));
    }
    Ok(joined)
}

/// A number and the unit after it (`"2 min"`, `"16MiB"`, `"12"`), the unit trimmed.
fn number_and_unit(s: &str) -> Option<(f64, &str)> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    Some((number.parse().ok()?, unit.trim()))
}

/// Parses `"500ms"`, `"10s"`, `"2 min"`, `"1.5s"`.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let (number, unit) = number_and_unit(s)?;
    let seconds = match unit {
        "ms" => number / 1000.0,
        "" | "s" => number,
        "min" | "m" => number * 60.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(seconds).ok()
}

/// Parses `"16 MiB"`, `"500 KB"`, `"2MB"`, `"1024"`.
pub fn parse_size(s: &str) -> Option<u64> {
    let (number, unit) = number_and_unit(s)?;
    let factor: u64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" | "k" => 1_000,
        "kib" => 1 << 10,
        "mb" | "m" => 1_000_000,
        "mib" => 1 << 20,
        "gb" | "g" => 1_000_000_000,
        "gib" => 1 << 30,
        _ => return None,
    };
    let bytes = number * factor as f64;
    (bytes.is_finite() && bytes >= 0.0).then_some(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let file = dir.join(CONFIG_FILE);
        std::fs::write(&file, text).unwrap();
        file
    }

    /// The error of loading `text` as the `glose.toml` of `dir`.
    fn load_error(dir: &Path, text: &str) -> ConfigError {
        Config::load(&write(dir, text)).unwrap_err()
    }

    #[test]
    fn kb_and_rule_paths_stay_inside_the_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(corpus.join("kb")).unwrap();
        std::fs::write(dir.path().join("secret.toml"), "x").unwrap();
        for (paths, expected) in [
            ("[kb]\npaths = [\"/etc/passwd\"]", "is not relative"),
            ("[kb]\npaths = [\"../secret.toml\"]", "leads outside"),
            (
                "[rules]\npaths = [\"kb/../../secret.toml\"]",
                "leads outside",
            ),
        ] {
            let err = load_error(&corpus, paths);
            assert!(err.message.contains(expected), "{paths}: {err}");
            assert!(err.to_string().contains("glose.toml"), "{err}");
        }
        // Inside, even through `..` that comes back in.
        let ok = Config::load(&write(&corpus, "[kb]\npaths = [\"kb/../kb\"]")).unwrap();
        assert_eq!(ok.kb_paths, [corpus.join("kb/../kb")]);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.toml"), corpus.join("kb/link.toml"))
                .unwrap();
            let err = load_error(&corpus, "[kb]\npaths = [\"kb/link.toml\"]");
            assert!(err.message.contains("through a symbolic link"), "{err}");
        }
    }

    #[test]
    fn reads_every_setting() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "[corpus]\ninclude = [\"*.txt\", \"*.md\"]\nexclude = [\"drafts/**\"]\n\
             max_file_size = \"2 MiB\"\n[kb]\npaths = [\"kb\", \"more/x.toml\"]\nbuiltin = false\n",
        );
        let config = Config::load(&file).unwrap();
        assert_eq!(config.include, ["*.txt", "*.md"]);
        assert_eq!(config.exclude, ["drafts/**"]);
        assert_eq!(config.max_file_size, 2 << 20);
        assert_eq!(
            config.kb_paths,
            [dir.path().join("kb"), dir.path().join("more/x.toml")]
        );
        assert!(!config.builtin_kb);
    }

    #[test]
    fn errors_name_the_place() {
        let dir = tempfile::tempdir().unwrap();
        let err = load_error(dir.path(), "[corpus]\nmax_file_size = \"lots\"\n");
        assert_eq!(err.position, Some((2, 17)));
        assert!(err.to_string().contains("invalid size \"lots\""));
        let err = load_error(dir.path(), "[corpus]\ninclude = [\"a[\"]\n");
        assert!(err.message.starts_with("invalid glob \"a[\""), "{err}");
    }

    /// The warnings of loading `text` as `(line, column, spanned text, message)`, and the
    /// configuration.
    fn warnings(dir: &Path, text: &str) -> (Config, Vec<(u32, u32, String, String)>) {
        let file = write(dir, text);
        let config = Config::load(&file).unwrap();
        let warnings = config
            .warnings
            .iter()
            .map(|p| {
                assert_eq!((p.severity, p.code), (crate::Severity::Warning, "config"));
                assert_eq!(p.file, file.display().to_string());
                let place = p.place.unwrap();
                let spanned = text[place.span.unwrap().range()].to_owned();
                (place.line, place.column, spanned, p.message.clone())
            })
            .collect();
        (config, warnings)
    }

    #[test]
    fn unknown_keys_are_warnings_and_the_rest_loads() {
        let dir = tempfile::tempdir().unwrap();
        let (config, found) = warnings(
            dir.path(),
            "verbose = true\n\
             [corpus]\ninclude = [\"*.md\"]\nexlude = [\"drafts/**\"]\n\
             [kb]\npahts = [\"kb\"]\nbuiltin = false\n\
             [rules]\npaths = [\"rules\"]\n\
             [ner]\nenabled = false\nmodle = \"m.glner\"\n\
             [[plugin]]\npath = \"libx.so\"\n  timout = \"2s\"\nmode = \"in-process\"\n\
             [[plugin]]\npath = \"liby.so\"\n\
             [korpus]\ninclude = []\n",
        );
        let expected = [
            (1, 1, "verbose", "unknown key `verbose` at the top level"),
            (
                4,
                1,
                "exlude",
                "unknown key `exlude` in [corpus]; did you mean `exclude`?",
            ),
            (
                6,
                1,
                "pahts",
                "unknown key `pahts` in [kb]; did you mean `paths`?",
            ),
            (
                12,
                1,
                "modle",
                "unknown key `modle` in [ner]; did you mean `model`?",
            ),
            (
                15,
                3,
                "timout",
                "unknown key `timout` in [[plugin]] `libx.so`; did you mean `timeout`?",
            ),
            (
                19,
                2,
                "korpus",
                "unknown key `korpus` at the top level; did you mean `corpus`?",
            ),
        ];
        let expected: Vec<(u32, u32, String, String)> = expected
            .iter()
            .map(|(l, c, s, m)| (*l, *c, s.to_string(), m.to_string()))
            .collect();
        assert_eq!(found, expected);
        // Everything else loads.
        assert_eq!(config.include, ["*.md"]);
        assert!(config.exclude.is_empty());
        assert!(config.kb_paths.is_empty());
        assert!(!config.builtin_kb);
        assert_eq!(config.rules, [dir.path().join("rules")]);
        assert!(!config.ner);
        assert_eq!(config.ner_model, None);
        let [x, y] = &config.plugins[..] else {
            panic!("two plugins")
        };
        assert_eq!(
            (x.mode, x.timeout),
            (PluginMode::InProcess, DEFAULT_PLUGIN_TIMEOUT)
        );
        assert_eq!(y.path, dir.path().join("liby.so"));
        // A plugin's own configuration has free keys.
        let (config, found) = warnings(
            dir.path(),
            "[[plugin]]\npath = \"x\"\nconfig = { anything = 1 }\n",
        );
        assert!(found.is_empty());
        assert_eq!(config.plugins[0].config, serde_json::json!({"anything": 1}));
        // No file, no warnings; wrong types stay errors.
        assert!(Config::default().warnings.is_empty());
        let err = load_error(dir.path(), "[corpus]\nincludes = []\ninclude = 3\n");
        assert_eq!(err.position, Some((3, 11)));
    }

    #[test]
    fn discovers_upwards() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "[kb]\nbuiltin = false\n");
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("x.txt"), "x").unwrap();
        assert!(!Config::discover(&sub).unwrap().builtin_kb);
        assert!(!Config::discover(&sub.join("x.txt")).unwrap().builtin_kb);
    }

    #[test]
    fn rules_and_plugins() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "[rules]\npaths = [\"rules\"]\n\n[[plugin]]\npath = \"libx.so\"\n\n\
             [[plugin]]\npath = \"liby.so\"\nmode = \"in-process\"\ntimeout = \"500ms\"\nenabled = false\n\
             [plugin.config]\nmin_len = 3\nnames = [\"a\"]\n",
        );
        let config = Config::load(&file).unwrap();
        assert_eq!(config.rules, [dir.path().join("rules")]);
        let [x, y] = &config.plugins[..] else {
            panic!("two plugins")
        };
        assert_eq!(
            (x.path.clone(), x.mode, x.timeout, x.enabled),
            (
                dir.path().join("libx.so"),
                PluginMode::Isolated,
                DEFAULT_PLUGIN_TIMEOUT,
                true
            )
        );
        assert_eq!(x.config, serde_json::json!({}));
        assert_eq!(
            (y.mode, y.timeout, y.enabled),
            (PluginMode::InProcess, Duration::from_millis(500), false)
        );
        assert_eq!(y.config, serde_json::json!({"min_len": 3, "names": ["a"]}));

        let err = load_error(dir.path(), "[[plugin]]\npath = \"x\"\nmode = \"sandbox\"\n");
        assert_eq!(err.position, Some((3, 8)));
        assert!(err.message.starts_with("invalid plugin mode \"sandbox\""));
        let err = load_error(dir.path(), "[[plugin]]\npath = \"x\"\ntimeout = \"soon\"\n");
        assert!(err.message.starts_with("invalid timeout"), "{err}");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_duration("10s"), Some(Duration::from_secs(10)));
        assert_eq!(parse_duration("2 min"), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_duration("soon"), None);
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("16 MiB"), Some(16 << 20));
        assert_eq!(parse_size("500KB"), Some(500_000));
        assert_eq!(parse_size("1.5 kib"), Some(1536));
        assert_eq!(parse_size("12"), Some(12));
        assert_eq!(parse_size("12 parsecs"), None);
        assert_eq!(parse_size(""), None);
    }
}
