//! The built-in taggers of glose, in one sorted registry: their names, what they do, and
//! the default set the command line and the tests run.
//!
//! Every built-in tagger is a plugin crate on the SDK (`plugins/*`), linked in here.
//! Their documentation pages (`docs/taggers/*.md`) are generated from this registry and
//! checked by a test.

use std::sync::Arc;

use glose_core::{KnowledgeBase, Tagger};

/// A built-in tagger.
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    pub name: &'static str,
    /// Its README: what it tags, its attributes, its evidence, its known limits.
    pub docs: &'static str,
    /// Whether the default set includes it (`rules` needs rule files).
    pub default: bool,
}

/// Every built-in tagger, sorted by name.
pub const REGISTRY: &[BuiltIn] = &[
    BuiltIn {
        name: glose_acronyms::NAME,
        docs: glose_acronyms::DOCS,
        default: true,
    },
    BuiltIn {
        name: glose_dates::NAME,
        docs: glose_dates::DOCS,
        default: true,
    },
    BuiltIn {
        name: glose_gazetteer::NAME,
        docs: glose_gazetteer::DOCS,
        default: true,
    },
    BuiltIn {
        name: glose_names::NAME,
        docs: glose_names::DOCS,
        default: true,
    },
    BuiltIn {
        name: glose_quantities::NAME,
        docs: glose_quantities::DOCS,
        default: true,
    },
    BuiltIn {
        name: glose_quotes::NAME,
        docs: glose_quotes::DOCS,
        default: true,
    },
    BuiltIn {
        name: glose_rules::NAME,
        docs: glose_rules::DOCS,
        default: false,
    },
    BuiltIn {
        name: glose_variants::NAME,
        docs: glose_variants::DOCS,
        default: true,
    },
];

/// The default taggers over a knowledge base, in the order given to the pipeline (which
/// reorders them by what they require).
pub fn default_taggers(kb: Arc<KnowledgeBase>) -> Vec<Arc<dyn Tagger>> {
    vec![
        Arc::new(glose_gazetteer::Gazetteer::new(kb.clone())),
        Arc::new(glose_names::Names::default()),
        Arc::new(glose_acronyms::Acronyms::default()),
        Arc::new(glose_variants::Variants::new(kb)),
        Arc::new(glose_dates::Dates),
        Arc::new(glose_quantities::Quantities),
        Arc::new(glose_quotes::Quotes),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_sorted_unique_and_documented() {
        let names: Vec<&str> = REGISTRY.iter().map(|b| b.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted, "sorted and unique");
        for b in REGISTRY {
            assert!(
                b.docs.starts_with(&format!("# {}\n", b.name)),
                "{} docs start with its name",
                b.name
            );
            assert!(b.docs.contains("## "), "{} docs have sections", b.name);
        }
    }

    #[test]
    fn the_default_set_has_every_default_tagger() {
        let (kb, _) = KnowledgeBase::load(&glose_gazetteer::builtin_sources());
        let taggers = default_taggers(Arc::new(kb));
        let names: Vec<&str> = taggers.iter().map(|t| t.name()).collect();
        for b in REGISTRY.iter().filter(|b| b.default) {
            assert!(names.contains(&b.name), "{} is in the default set", b.name);
        }
        for t in &taggers {
            assert!(
                !t.description().is_empty() && t.description().ends_with('.'),
                "{}",
                t.name()
            );
            assert!(!t.provides().is_empty(), "{}", t.name());
        }
    }
}
