//! `glose new-plugin NAME`: a plugin crate that builds, passes its tests and loads, as
//! generated: an acronym tagger to start from.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;

use crate::Status;

#[derive(Args, Debug)]
pub(crate) struct NewPluginArgs {
    /// The tagger's name: lower-case letters, digits and `-`, starting with a letter.
    name: String,
    /// Where to create the crate (default: a folder named after the tagger).
    #[arg(long, value_name = "DIR")]
    path: Option<PathBuf>,
    /// Use the glose SDK at this path (a `crates/glose-sdk` folder) instead of the one of
    /// the glose sources this binary was built from, or crates.io.
    #[arg(long, value_name = "DIR")]
    sdk_path: Option<PathBuf>,
}

/// The SDK the generated crate depends on: a path if the sources are at hand.
fn sdk_dependency(sdk_path: Option<&Path>) -> anyhow::Result<String> {
    let path = match sdk_path {
        Some(path) => {
            let path = std::path::absolute(path)?;
            if !path.join("Cargo.toml").is_file() {
                bail!("{}: no Cargo.toml, not a glose-sdk folder", path.display());
            }
            Some(path)
        }
        None => {
            let built_from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../glose-sdk");
            built_from
                .join("Cargo.toml")
                .is_file()
                .then(|| built_from.canonicalize().unwrap_or(built_from))
        }
    };
    Ok(match path {
        Some(path) => format!("glose-sdk = {{ path = {:?} }}", path.display().to_string()),
        None => format!("glose-sdk = \"{}\"", env!("CARGO_PKG_VERSION")),
    })
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-')
}

pub(crate) fn run(args: NewPluginArgs) -> anyhow::Result<Status> {
    if !valid_name(&args.name) {
        bail!(
            "invalid plugin name {:?}: use lower-case letters, digits and `-`, starting with a letter",
            args.name
        );
    }
    let dir = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(&args.name));
    if dir.exists()
        && std::fs::read_dir(&dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        bail!("{}: already exists and is not empty", dir.display());
    }
    let sdk = sdk_dependency(args.sdk_path.as_deref())?;
    let crate_name = args.name.replace('-', "_");
    let type_name: String = args
        .name
        .split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect();
    let files = [
        ("Cargo.toml", cargo_toml(&args.name, &sdk)),
        ("src/lib.rs", lib_rs(&args.name, &type_name)),
        ("README.md", readme(&args.name, &crate_name)),
        ("tests/fixtures/acronyms.txt", fixture()),
        (".gitignore", "/target\n".to_owned()),
    ];
    for (file, text) in files {
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "Created the plugin `{}` in {}. Next:",
        args.name,
        dir.display()
    )?;
    writeln!(out, "  cd {}", dir.display())?;
    writeln!(
        out,
        "  cargo test                      # its tests pass as generated"
    )?;
    writeln!(out, "  cargo build --release")?;
    writeln!(
        out,
        "  glose annotate --plugin target/release/lib{crate_name}.so PATH   # try it (.dylib on macOS)"
    )?;
    Ok(Status::Ok)
}

fn cargo_toml(name: &str, sdk: &str) -> String {
    format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2024"
description = "A glose tagger plugin"
publish = false

[lib]
# cdylib: the library glose loads; rlib: for the tests.
crate-type = ["cdylib", "rlib"]

[dependencies]
{sdk}
serde = {{ version = "1", features = ["derive"] }}

# Not part of any enclosing workspace.
[workspace]
"#
    )
}

fn lib_rs(name: &str, type_name: &str) -> String {
    format!(
        r#"//! `{name}`: a glose tagger plugin.
//!
//! As generated, it tags acronyms (words of at least `min_len` capital letters, such as
//! ONU or FDS) as `ACRONYM`. Change `tag` to tag what you need; see the glose guide to
//! writing plugins (docs/plugins.md) for the rules a tagger follows.

use glose_sdk::{{Annotation, DocumentView, Label, Plugin, TagError, TagOutput, Tagger}};

/// The label this tagger gives.
const ACRONYM: Label = Label::from_static("ACRONYM");

/// The configuration: the `config` table of this plugin's `[[plugin]]` entry in
/// glose.toml.
#[derive(Debug, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {{
    /// The shortest acronym tagged.
    pub min_len: usize,
}}

impl Default for Config {{
    fn default() -> Self {{
        Config {{ min_len: 2 }}
    }}
}}

#[derive(Debug)]
pub struct {type_name} {{
    min_len: usize,
}}

impl Tagger for {type_name} {{
    // `name`, `version` and `description`, from `Plugin` and the crate's version, and
    // the labels it makes (`requires: …,` before them for those it reads).
    glose_sdk::tagger_identity!(provides: [ACRONYM]);

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {{
        let mut out = TagOutput::new();
        // Spans are UTF-8 byte offsets into the exact text; the article starts at
        // `body().start` (after the ` date YYYY-MM` marker some articles have).
        let body = doc.document.body();
        let text = doc.text();
        let mut word_start = None;
        for (i, c) in text[body.range()].char_indices().chain([(body.len(), ' ')]) {{
            let i = i + body.start;
            match (c.is_alphanumeric(), word_start) {{
                (true, None) => word_start = Some(i),
                (false, Some(start)) => {{
                    let word = &text[start..i];
                    if word.chars().count() >= self.min_len && word.chars().all(|c| c.is_uppercase()) {{
                        out.annotations.push(Annotation::new(start..i, ACRONYM));
                    }}
                    word_start = None;
                }}
                _ => {{}}
            }}
        }}
        Ok(out)
    }}
}}

impl Plugin for {type_name} {{
    type Config = Config;
    const NAME: &'static str = "{name}";
    const DESCRIPTION: &'static str = "Tags acronyms (words in capitals) as ACRONYM.";

    fn new(config: Config) -> Result<Self, String> {{
        if config.min_len == 0 {{
            return Err("min_len must be at least 1".into());
        }}
        Ok({type_name} {{ min_len: config.min_len }})
    }}
}}

glose_sdk::export_tagger!({type_name});

#[cfg(test)]
mod tests {{
    use glose_sdk::testing::tag_text;

    use super::*;

    fn acronyms(tagger: &{type_name}, text: &str) -> Vec<String> {{
        tag_text(tagger, text)
            .annotations
            .iter()
            .map(|a| text[a.span.range()].to_owned())
            .collect()
    }}

    /// Each file of `tests/fixtures` is texts with the annotations the tagger must make
    /// written in: `[[ONU|ACRONYM]]`. `GLOSE_BLESS=1 cargo test` rewrites them with what
    /// the tagger makes, to review with `git diff`.
    #[test]
    fn tags_acronyms() {{
        let tagger = {type_name}::new(Config::default()).unwrap();
        glose_sdk::testing::check_fixtures(&tagger, "tests/fixtures");
    }}

    #[test]
    fn min_len_is_configurable() {{
        let tagger = {type_name}::new(Config {{ min_len: 3 }}).unwrap();
        assert_eq!(acronyms(&tagger, "L'ONU et l'EI."), ["ONU"]);
        assert!({type_name}::new(Config {{ min_len: 0 }}).is_err());
    }}
}}
"#
    )
}

fn fixture() -> String {
    r#"# The acronyms the tagger must find, written in the text: [[text|LABEL]], with
# `key=value` after the label to check an attribute. Documents are separated by lines
# `---`; lines starting with `# ` are comments. The format: glose's guide to writing
# plugins (docs/plugins.md, "Fixtures").
 date 2023-06 L'[[ONU|ACRONYM]] et la [[SNCF|ACRONYM]] ont signé avec l'[[OTAN|ACRONYM]] à Lyon.
---
# The date marker that opens some articles is not text, and a capital alone is no
# acronym.
 date 2023-06 Le Monde et l'État ont répondu à A. Martin.
"#
    .to_owned()
}

fn readme(name: &str, crate_name: &str) -> String {
    format!(
        r#"# {name}

A tagger plugin for [glose](https://github.com/glose-nlp/glose).

```sh
cargo test
cargo build --release
glose annotate --plugin target/release/lib{crate_name}.so articles/
```

To use it in a corpus, add to its `glose.toml`:

```toml
[[plugin]]
path = "path/to/lib{crate_name}.so"
config = {{ min_len = 2 }}
```
"#
    )
}
