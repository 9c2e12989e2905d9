#![doc = include_str!("../README.md")]

mod file;

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use glose_core::text::Folded;
use glose_sdk::{Annotation, DocumentView, Label, Plugin, Severity, TagError, TagOutput, Tagger};

pub use file::{REGEX_SIZE_LIMIT, Rules, compile, load};

/// The name of this tagger.
pub const NAME: &str = "rules";

/// What this tagger does, in Markdown (its README).
pub const DOCS: &str = include_str!("../README.md");

/// The rules tagger.
#[derive(Debug)]
pub struct RulesTagger {
    paths: Vec<PathBuf>,
    rules: RwLock<Arc<Rules>>,
    /// The labels of the current rules; replaced (and the old list kept alive) only
    /// when a reload changes them, so `provides` can hand out a plain reference.
    labels: RwLock<&'static [Label]>,
}

impl RulesTagger {
    /// Loads the rule files under `paths` (files, or folders of `*.toml`).
    pub fn load(paths: Vec<PathBuf>) -> (RulesTagger, Vec<glose_core::Problem>) {
        let (rules, problems) = load(&paths);
        let labels = leak_labels(rules.labels());
        (
            RulesTagger {
                paths,
                rules: RwLock::new(Arc::new(rules)),
                labels: RwLock::new(labels),
            },
            problems,
        )
    }

    /// Re-reads the rule files. If any has an error, the rules in use are kept and the
    /// problems returned; otherwise the new rules replace them.
    pub fn reload(&self) -> Vec<glose_core::Problem> {
        let (rules, problems) = load(&self.paths);
        if problems.iter().any(|p| p.severity == Severity::Error) {
            return problems;
        }
        {
            let mut labels = self.labels.write().unwrap_or_else(|p| p.into_inner());
            if *labels != rules.labels() {
                *labels = leak_labels(rules.labels());
            }
        }
        *self.rules.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(rules);
        problems
    }

    /// The rules in use.
    pub fn rules(&self) -> Arc<Rules> {
        self.rules.read().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// Label lists live as long as the process: there is one per distinct set of labels a
/// reload produced, which stays small.
fn leak_labels(labels: &[Label]) -> &'static [Label] {
    Box::leak(labels.to_vec().into_boxed_slice())
}

impl Tagger for RulesTagger {
    glose_sdk::tagger_identity!();

    fn provides(&self) -> &[Label] {
        *self.labels.read().unwrap_or_else(|p| p.into_inner())
    }

    fn digest(&self, digest: &mut glose_core::digest::Digest) {
        digest.u64(self.rules().digest);
    }

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let rules = self.rules();
        let body = doc.document.body();
        let text = &doc.text()[body.range()];
        let mut out = TagOutput::new();
        let annotate = |span: std::ops::Range<usize>, o: &file::Output| {
            let mut a = Annotation::new(span.start + body.start..span.end + body.start, o.label)
                .with_confidence(o.confidence);
            a.entity = o.entity.clone();
            a.attrs = o.attrs.clone();
            a
        };
        if !rules.phrases.is_empty() {
            for m in rules.matcher.find(text) {
                out.annotations
                    .push(annotate(m.span.range(), &rules.phrases[m.owner]));
            }
        }
        for rule in &rules.patterns {
            if doc.is_cancelled() {
                return Err(TagError::Cancelled);
            }
            for caps in rule.regex.captures_iter(text) {
                let Some(m) = caps.get(rule.group) else {
                    continue;
                };
                if m.is_empty() || !context_found(text, m.range(), &rule.context, rule.window) {
                    continue;
                }
                out.annotations.push(annotate(m.range(), &rule.output));
            }
        }
        Ok(out)
    }
}

/// Whether one of the folded `words` stands, as a whole word, within `window`
/// characters before or after `span` (always true without context words).
fn context_found(
    text: &str,
    span: std::ops::Range<usize>,
    words: &[String],
    window: usize,
) -> bool {
    if words.is_empty() {
        return true;
    }
    let before_start = text[..span.start]
        .char_indices()
        .rev()
        .nth(window.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let after_end = text[span.end..]
        .char_indices()
        .nth(window)
        .map_or(text.len(), |(i, _)| span.end + i);
    let around = [&text[before_start..span.start], &text[span.end..after_end]];
    around.iter().any(|part| {
        let folded = Folded::new(part);
        let hay = folded.as_str();
        words.iter().any(|w| {
            hay.match_indices(w.as_str())
                .any(|(i, _)| glose_core::text::is_word_boundary(hay, i, i + w.len()))
        })
    })
}

/// The configuration of the rules tagger loaded as a plugin.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Rule files, or folders of `*.toml`.
    pub paths: Vec<PathBuf>,
}

impl Plugin for RulesTagger {
    type Config = Config;
    const NAME: &'static str = NAME;
    const DESCRIPTION: &'static str = "Tags the phrases and regular expressions of rule files.";

    fn new(config: Config) -> Result<Self, String> {
        let (tagger, problems) = RulesTagger::load(config.paths);
        let errors: Vec<String> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect();
        if errors.is_empty() {
            Ok(tagger)
        } else {
            Err(errors.join("\n"))
        }
    }
}

#[cfg(feature = "plugin")]
glose_sdk::export_tagger!(RulesTagger);

#[cfg(test)]
mod tests;
