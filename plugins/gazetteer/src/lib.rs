#![doc = include_str!("../README.md")]

use std::sync::Arc;

use glose_core::kb::{KbSource, KnowledgeBase, Layer};
use glose_sdk::{
    Annotation, Diagnostic, DocumentView, Label, Plugin, Severity, TagError, TagOutput, Tagger,
    TextEdit,
};

include!(concat!(env!("OUT_DIR"), "/builtin_kb.rs"));

/// The name of this tagger.
pub const NAME: &str = "gazetteer";

/// What this tagger does, in Markdown (its README).
pub const DOCS: &str = include_str!("../README.md");

/// Confidence of a mention spelled exactly as in the KB, and of one that differs by
/// case or accents.
const EXACT: f32 = 1.0;
const VARIANT: f32 = 0.9;

/// The default knowledge base, as sources named `builtin:FILE`.
pub fn builtin_sources() -> Vec<KbSource> {
    BUILTIN_KB
        .iter()
        .map(|(name, text)| KbSource::new(format!("builtin:{name}"), *text, Layer::Builtin))
        .collect()
}

/// Finds knowledge-base names.
#[derive(Debug)]
pub struct Gazetteer {
    kb: Arc<KnowledgeBase>,
    labels: Vec<Label>,
}

impl Gazetteer {
    pub fn new(kb: Arc<KnowledgeBase>) -> Self {
        let mut labels: Vec<Label> = kb.entities().iter().map(|e| e.label).collect();
        labels.sort();
        labels.dedup();
        Gazetteer { kb, labels }
    }

    pub fn kb(&self) -> &Arc<KnowledgeBase> {
        &self.kb
    }
}

/// The configuration of the gazetteer when it is loaded as a plugin.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// KB files or folders of `*.toml`.
    pub kb: Vec<String>,
    /// Leave out the default KB.
    pub no_default_kb: bool,
}

impl Plugin for Gazetteer {
    type Config = Config;
    const NAME: &'static str = NAME;
    const DESCRIPTION: &'static str =
        "Finds the names and aliases of the knowledge base and links them to their entity.";

    /// Loads the KB the configuration names; a KB error refuses the plugin.
    fn new(config: Config) -> Result<Self, String> {
        let mut sources = if config.no_default_kb {
            Vec::new()
        } else {
            builtin_sources()
        };
        let mut errors = Vec::new();
        for path in &config.kb {
            let (found, problems) = KbSource::read_path(std::path::Path::new(path), Layer::User);
            sources.extend(found);
            errors.extend(problems.iter().map(ToString::to_string));
        }
        let (kb, problems) = KnowledgeBase::load(&sources);
        errors.extend(
            problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .map(ToString::to_string),
        );
        if errors.is_empty() {
            Ok(Gazetteer::new(Arc::new(kb)))
        } else {
            Err(errors.join("\n"))
        }
    }
}

#[cfg(feature = "plugin")]
glose_sdk::export_tagger!(Gazetteer);

impl Tagger for Gazetteer {
    glose_sdk::tagger_identity!();

    fn provides(&self) -> &[Label] {
        &self.labels
    }

    fn digest(&self, digest: &mut glose_core::digest::Digest) {
        self.kb.digest(digest);
    }

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let document = doc.document;
        let text = doc.text();
        let mut out = TagOutput::new();
        let found = self.kb.matcher().find_in_tokens(
            text,
            document.tokens(),
            document.keys(),
            document.first_body_token(),
        );
        for m in found {
            let span = m.span;
            let entity = &self.kb.entities()[m.owner];
            let written = &text[span.range()];
            let exact = entity.names().any(|n| n == written)
                || entity.names().any(|n| same_spelling(n, written));
            let annotation = Annotation::new(span, entity.label)
                .with_entity(entity.id.clone())
                .with_confidence(if exact { EXACT } else { VARIANT });
            out.annotations.push(annotation);
            if !exact && !is_all_caps(written) {
                let canonical = canonical_for(entity.names(), written, &entity.name);
                out.diagnostics.push(
                    Diagnostic::new(
                        span,
                        Severity::Hint,
                        "variant-spelling",
                        format!(
                            "«{written}» is written «{canonical}» in the knowledge base ({})",
                            entity.id
                        ),
                    )
                    .with_fix(
                        format!("Write «{canonical}»"),
                        vec![TextEdit {
                            span,
                            new_text: canonical.to_owned(),
                        }],
                    ),
                );
            }
        }
        Ok(out)
    }
}

/// Equal up to typography: apostrophes, hyphens, runs of spaces, and accents on
/// capitals (French typography allows `Etat` for `État`).
fn same_spelling(a: &str, b: &str) -> bool {
    normalise(a).eq(normalise(b))
}

fn normalise(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut last_space = false;
    // After an elided article (`l'`, `d'`), French usage capitalises or not
    // (`droits de l'Homme`, `droits de l'homme`): that letter's case is free.
    let mut after_elision = false;
    let mut previous = ' ';
    s.chars().filter_map(move |c| {
        let c = match c {
            c if after_elision && c.is_uppercase() => c.to_lowercase().next().unwrap_or(c),
            c if !c.is_ascii() && c.is_uppercase() => unaccented_capital(c),
            '’' | '‘' | 'ʼ' | '′' => '\'',
            '\u{2010}' | '\u{2011}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        after_elision = c == '\'' && matches!(previous, 'l' | 'L' | 'd' | 'D');
        previous = c;
        let skip = c == ' ' && last_space;
        last_space = c == ' ';
        (!skip).then_some(c)
    })
}

/// `É` → `E`, `Ç` → `C`; other characters unchanged.
fn unaccented_capital(c: char) -> char {
    let folded = glose_core::text::fold(c.encode_utf8(&mut [0; 4]));
    let mut chars = folded.chars();
    match (chars.next(), chars.next()) {
        (Some(base), None) if base.is_ascii_alphabetic() => base.to_ascii_uppercase(),
        _ => c,
    }
}

fn is_all_caps(s: &str) -> bool {
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
}

/// The spelling to suggest: the canonical name if it folds like the text, else the
/// listed name that does.
fn canonical_for<'a>(
    names: impl Iterator<Item = &'a str>,
    written: &str,
    name: &'a str,
) -> &'a str {
    let key = glose_core::text::fold(written);
    if glose_core::text::fold(name) == key {
        return name;
    }
    let mut names = names;
    names
        .find(|n| glose_core::text::fold(n) == key)
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use glose_sdk::{AnnotationStore, Document, Never, Span};

    use super::*;

    fn kb(text: &str) -> Arc<KnowledgeBase> {
        Arc::new(glose_core::testing::user_kb(text))
    }

    fn run(g: &Gazetteer, text: &str) -> TagOutput {
        let doc = Document::new("t.txt", text).unwrap();
        let store = AnnotationStore::new();
        g.tag(&DocumentView::new(&doc, &store, &Never)).unwrap()
    }

    const KB: &str = r#"
[[entity]]
id = "etat-islamique"
type = "ORG"
name = "État islamique"
aliases = ["Etat islamique", "EI"]

[[entity]]
id = "osdh"
type = "ORG"
name = "Observatoire syrien des droits de l'Homme"

[[entity]]
id = "raqqa"
type = "LOC"
name = "Raqqa"
"#;

    #[test]
    fn links_mentions_to_entities() {
        let g = Gazetteer::new(kb(KB));
        assert_eq!(g.provides(), [Label::LOC, Label::ORG]);
        let text = " date 2019-03 L’EI a quitté Raqqa, écrit dans un bilan l’Observatoire syrien des droits de l’Homme.";
        let out = run(&g, text);
        let found: Vec<(&str, &str, &str)> = out
            .annotations
            .iter()
            .map(|a| {
                (
                    &text[a.span.range()],
                    a.label.as_str(),
                    a.entity.as_ref().unwrap().as_str(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("EI", "ORG", "etat-islamique"),
                ("Raqqa", "LOC", "raqqa"),
                ("Observatoire syrien des droits de l’Homme", "ORG", "osdh"),
            ]
        );
        assert!(out.annotations.iter().all(|a| a.confidence == 1.0));
        // Typographic apostrophes are not a variant spelling.
        assert!(out.diagnostics.is_empty());
    }

    #[test]
    fn variant_spellings_get_a_hint_with_a_fix() {
        let g = Gazetteer::new(kb(KB));
        // A capital without its accent is correct French: no hint.
        assert!(run(&g, "L'Etat islamique.").diagnostics.is_empty());
        // Nor is the case of a letter after an elided article.
        let out = run(&g, "L'Observatoire syrien des droits de l'homme.");
        assert_eq!(out.annotations.len(), 1);
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        let text = "L'Etat Islamique et l'ETAT ISLAMIQUE.";
        let out = run(&g, text);
        assert_eq!(out.annotations.len(), 2);
        assert_eq!(out.annotations[0].confidence, VARIANT);
        // All capitals is a headline style, not a spelling.
        assert_eq!(out.diagnostics.len(), 1);
        let d = &out.diagnostics[0];
        assert_eq!(d.code, "variant-spelling");
        assert_eq!(
            d.message,
            "«Etat Islamique» is written «État islamique» in the knowledge base (etat-islamique)"
        );
        assert_eq!(d.fixes[0].edits[0].new_text, "État islamique");
        assert_eq!(d.fixes[0].edits[0].span, Span::new(2, 16));
    }

    #[test]
    fn the_date_marker_is_not_tagged() {
        let g = Gazetteer::new(kb(
            "[[entity]]\nid = \"d\"\ntype = \"MISC\"\nname = \"date\"\n",
        ));
        let out = run(&g, " date 2019-03 la date");
        assert_eq!(out.annotations.len(), 1);
        assert_eq!(out.annotations[0].span, Span::new(17, 21));
    }

    #[test]
    fn the_default_kb_loads_without_errors() {
        let (kb, problems) = KnowledgeBase::load(&builtin_sources());
        let errors: Vec<String> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect();
        assert_eq!(errors, Vec::<String>::new());
        assert!(kb.len() > 300, "only {} entities", kb.len());
        for (name, label) in [
            ("Syrie", "LOC"),
            ("Irak", "LOC"),
            ("Damas", "LOC"),
            ("Euphrate", "LOC"),
            ("Nations unies", "ORG"),
            ("Etat islamique", "ORG"),
            ("AFP", "ORG"),
        ] {
            let found = kb.find(name);
            assert_eq!(found.len(), 1, "{name} is not in the default KB");
            assert_eq!(
                kb.entities()[found[0].owner].label.as_str(),
                label,
                "{name}"
            );
        }
    }
}
