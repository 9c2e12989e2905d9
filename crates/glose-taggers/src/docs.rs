//! The documentation pages of the built-in taggers (`docs/taggers.md` and
//! `docs/taggers/<name>.md`), generated from the registry and each tagger's README, so
//! that what the pages say about labels, order and versions is what the code does.

use std::fmt::Write as _;
use std::sync::Arc;

use glose_core::{KnowledgeBase, Label, Pipeline, Tagger};

use crate::{BuiltIn, REGISTRY, default_taggers};

const GENERATED: &str = "<!-- Generated from the registry of built-in taggers \
(crates/glose-taggers) and each tagger's README: edit those, then run \
`GLOSE_UPDATE_DOCS=1 cargo test -p glose-taggers docs`. -->";

fn labels(labels: &[Label]) -> String {
    if labels.is_empty() {
        return "—".to_owned();
    }
    labels
        .iter()
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The names of the default set, in the order the pipeline runs them.
fn run_order(kb: &Arc<KnowledgeBase>) -> Vec<String> {
    match Pipeline::new(default_taggers(kb.clone())) {
        Ok(pipeline) => pipeline.taggers().map(|t| t.name().to_owned()).collect(),
        Err(_) => Vec::new(),
    }
}

/// The page of one built-in tagger.
pub fn page(b: &BuiltIn, kb: &Arc<KnowledgeBase>) -> String {
    let tagger: Arc<dyn Tagger> = match (b.make)(kb.clone()) {
        Ok(t) => t,
        Err(e) => {
            return format!(
                "{GENERATED}\n\n# {}\n\nUnavailable in this build: {e}\n",
                b.name
            );
        }
    };
    let order = run_order(kb);
    let mut out = String::new();
    let _ = writeln!(out, "{GENERATED}\n");
    let _ = writeln!(out, "# {}\n", b.name);
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| Version | {} |", tagger.version());
    let _ = writeln!(out, "| Crate | [`{}`](../../{}) |", b.package, b.path);
    let default = match order.iter().position(|n| n == b.name) {
        Some(i) => format!("yes: runs {} of {}", i + 1, order.len()),
        None => "no".to_owned(),
    };
    let _ = writeln!(out, "| In the default set | {default} |");
    let reads = if tagger.requires().is_empty() {
        "—".to_owned()
    } else {
        format!(
            "{} (the annotations of the taggers before it)",
            labels(tagger.requires())
        )
    };
    let _ = writeln!(out, "| Reads | {reads} |");
    let writes = if tagger.provides().is_empty() {
        "the labels its rule files give".to_owned()
    } else {
        labels(tagger.provides())
    };
    let _ = writeln!(out, "| Writes | {writes} |");
    let corpus = if tagger.observes() {
        "yes: reads every article of a corpus once before tagging any"
    } else {
        "no"
    };
    let _ = writeln!(out, "| Learns from the corpus | {corpus} |");
    let _ = writeln!(
        out,
        "| As a plugin library | `cargo build --release -p {} --features plugin` |\n",
        b.package
    );
    // The README, without its title (the page has it).
    let body = b
        .docs
        .strip_prefix(&format!("# {}\n", b.name))
        .unwrap_or(b.docs)
        .trim_start();
    out.push_str(body);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The index of the built-in taggers.
pub fn index_page(kb: &Arc<KnowledgeBase>) -> String {
    let order = run_order(kb);
    let mut out = String::new();
    let _ = writeln!(out, "{GENERATED}\n");
    out.push_str(
        "# Built-in taggers\n\n\
         Every built-in tagger is a plugin crate on the SDK (`plugins/*`), linked into the \
         `glose` binary; the same crate builds as a plugin library with `--features \
         plugin`. `glose plugins` lists the taggers a run uses.\n\n\
         ## The default set\n\n\
         In the order the pipeline runs them: a tagger sees the annotations of the \
         taggers before it, and when two annotations overlap the layer keeps one by the \
         policy of [architecture.md](architecture.md#resolution).\n\n\
         | # | Tagger | Writes | Reads | What it does |\n\
         |---|---|---|---|---|\n",
    );
    for (i, name) in order.iter().enumerate() {
        let Some(b) = REGISTRY.iter().find(|b| b.name == name) else {
            continue;
        };
        let Ok(t) = (b.make)(kb.clone()) else {
            continue;
        };
        let _ = writeln!(
            out,
            "| {} | [{}](taggers/{}.md) | {} | {} | {} |",
            i + 1,
            b.name,
            b.name,
            labels(t.provides()),
            labels(t.requires()),
            t.description()
        );
    }
    out.push_str("\n## Not in the default set\n\n| Tagger | What it does |\n|---|---|\n");
    for b in REGISTRY
        .iter()
        .filter(|b| !order.iter().any(|n| n == b.name))
    {
        let Ok(t) = (b.make)(kb.clone()) else {
            continue;
        };
        let _ = writeln!(
            out,
            "| [{}](taggers/{}.md) | {} |",
            b.name,
            b.name,
            t.description()
        );
    }
    out.push_str(
        "\n## Writing another\n\n\
         A tagger of your own is a plugin: see [plugins.md](plugins.md), or start with \
         `glose new-plugin NAME`. Phrase lists and regular expressions need no code: see \
         [rules](taggers/rules.md).\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn docs_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs")
    }

    /// The pages in `docs/` are what the registry generates; `GLOSE_UPDATE_DOCS=1`
    /// writes them.
    #[test]
    fn docs_pages_match_the_registry() {
        let (kb, problems) = KnowledgeBase::load(&glose_gazetteer::builtin_sources());
        assert!(problems.is_empty(), "{problems:?}");
        let kb = Arc::new(kb);
        let mut pages = vec![(docs_dir().join("taggers.md"), index_page(&kb))];
        for b in REGISTRY {
            pages.push((
                docs_dir().join("taggers").join(format!("{}.md", b.name)),
                page(b, &kb),
            ));
        }
        let update = std::env::var_os("GLOSE_UPDATE_DOCS").is_some();
        let mut stale = Vec::new();
        for (path, text) in &pages {
            if std::fs::read_to_string(path).ok().as_deref() == Some(text.as_str()) {
                continue;
            }
            if update {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
        assert!(
            stale.is_empty(),
            "out of date (run `GLOSE_UPDATE_DOCS=1 cargo test -p glose-taggers docs`): {stale:?}"
        );
        // No page for a tagger that is gone.
        for entry in std::fs::read_dir(docs_dir().join("taggers")).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let name = name.trim_end_matches(".md");
            assert!(
                REGISTRY.iter().any(|b| b.name == name),
                "docs/taggers/{name}.md has no tagger"
            );
        }
    }

    #[test]
    fn pages_state_what_the_taggers_declare() {
        let (kb, _) = KnowledgeBase::load(&glose_gazetteer::builtin_sources());
        let kb = Arc::new(kb);
        let names = crate::built_in("names").unwrap();
        let p = page(names, &kb);
        assert!(p.contains("| Writes | `PER`, `ORG`, `LOC` |"), "{p}");
        assert!(
            p.contains("| In the default set | yes: runs 2 of 8 |"),
            "{p}"
        );
        assert!(p.contains("| Learns from the corpus | yes"), "{p}");
        assert!(p.contains("## Known limits"));
        let rules = page(crate::built_in("rules").unwrap(), &kb);
        assert!(rules.contains("| In the default set | no |"), "{rules}");
        let index = index_page(&kb);
        assert!(
            index.contains("| 1 | [gazetteer](taggers/gazetteer.md) |"),
            "{index}"
        );
        assert!(index.contains("[rules](taggers/rules.md)"), "{index}");
    }
}
