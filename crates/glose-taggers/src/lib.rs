//! The built-in taggers of glose, in one sorted registry: their names, what they do, and
//! the default set the command line and the tests run.
//!
//! Every built-in tagger is a plugin crate on the SDK (`plugins/*`), linked in here.
//! Their documentation pages (`docs/taggers/*.md`) are generated from this registry and
//! checked by a test.

use std::sync::Arc;

use glose_core::{KnowledgeBase, Tagger};

pub mod assemble;
mod docs;
pub mod training;

pub use assemble::{Assembly, Extra, Origin, Problem, assemble, untrusted_plugins};
pub use docs::{index_page, page};

/// How a built-in tagger is made over a knowledge base.
pub type MakeTagger = fn(Arc<KnowledgeBase>) -> Result<Arc<dyn Tagger>, String>;

/// A built-in tagger.
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    pub name: &'static str,
    /// The folder of its crate in the repository (`plugins/names`).
    pub path: &'static str,
    /// Its crate (`glose-names`).
    pub package: &'static str,
    /// Its README: what it tags, its attributes, its evidence, its known limits.
    pub docs: &'static str,
    /// Whether the default set includes it (`rules` needs rule files).
    pub default: bool,
    /// Makes it over a knowledge base (`rules` without rule files); fails when what it
    /// needs cannot load (the default model of `ner`).
    pub make: MakeTagger,
}

/// Every built-in tagger, sorted by name.
pub const REGISTRY: &[BuiltIn] = &[
    BuiltIn {
        name: glose_acronyms::NAME,
        path: "plugins/acronyms",
        package: "glose-acronyms",
        docs: glose_acronyms::DOCS,
        default: true,
        make: |_| Ok(Arc::new(glose_acronyms::Acronyms::default())),
    },
    BuiltIn {
        name: glose_dates::NAME,
        path: "plugins/dates",
        package: "glose-dates",
        docs: glose_dates::DOCS,
        default: true,
        make: |_| Ok(Arc::new(glose_dates::Dates)),
    },
    BuiltIn {
        name: glose_gazetteer::NAME,
        path: "plugins/gazetteer",
        package: "glose-gazetteer",
        docs: glose_gazetteer::DOCS,
        default: true,
        make: |kb| Ok(Arc::new(glose_gazetteer::Gazetteer::new(kb))),
    },
    BuiltIn {
        name: glose_names::NAME,
        path: "plugins/names",
        package: "glose-names",
        docs: glose_names::DOCS,
        default: true,
        make: |_| Ok(Arc::new(glose_names::Names::default())),
    },
    BuiltIn {
        name: glose_ner::NAME,
        path: "plugins/ner",
        package: "glose-ner",
        docs: glose_ner::DOCS,
        default: true,
        make: |_| {
            glose_ner::default_model()
                .map(|m| Arc::new(glose_ner::Ner::new(m)) as Arc<dyn Tagger>)
                .map_err(|e| e.to_string())
        },
    },
    BuiltIn {
        name: glose_quantities::NAME,
        path: "plugins/quantities",
        package: "glose-quantities",
        docs: glose_quantities::DOCS,
        default: true,
        make: |_| Ok(Arc::new(glose_quantities::Quantities)),
    },
    BuiltIn {
        name: glose_quotes::NAME,
        path: "plugins/quotes",
        package: "glose-quotes",
        docs: glose_quotes::DOCS,
        default: true,
        make: |_| Ok(Arc::new(glose_quotes::Quotes)),
    },
    BuiltIn {
        name: glose_rules::NAME,
        path: "plugins/rules",
        package: "glose-rules",
        docs: glose_rules::DOCS,
        default: false,
        make: |_| Ok(Arc::new(glose_rules::RulesTagger::load(Vec::new()).0)),
    },
    BuiltIn {
        name: glose_variants::NAME,
        path: "plugins/variants",
        package: "glose-variants",
        docs: glose_variants::DOCS,
        default: true,
        make: |kb| Ok(Arc::new(glose_variants::Variants::new(kb))),
    },
];

/// The default set, in the order given to the pipeline. The pipeline orders taggers by
/// what they require, and taggers refining the same labels keep this order: the names
/// no list knows are found before acronyms are defined from them, and spellings are
/// linked last.
pub const DEFAULT_ORDER: &[&str] = &[
    glose_gazetteer::NAME,
    glose_names::NAME,
    glose_acronyms::NAME,
    glose_variants::NAME,
    glose_dates::NAME,
    glose_quantities::NAME,
    glose_ner::NAME,
    glose_quotes::NAME,
];

/// The built-in tagger called `name`.
pub fn built_in(name: &str) -> Option<&'static BuiltIn> {
    REGISTRY.iter().find(|b| b.name == name)
}

/// The default taggers over a knowledge base, in [`DEFAULT_ORDER`]; one that cannot be
/// made (see [`BuiltIn::make`]) is left out ([`assemble`] reports why).
pub fn default_taggers(kb: Arc<KnowledgeBase>) -> Vec<Arc<dyn Tagger>> {
    DEFAULT_ORDER
        .iter()
        .filter_map(|name| built_in(name))
        .filter_map(|b| (b.make)(kb.clone()).ok())
        .collect()
}

/// The default taggers without the learned one: the rule taggers whose output the
/// `ner` model reads as features (what `glose train` runs before it).
pub fn rule_taggers(kb: Arc<KnowledgeBase>) -> Vec<Arc<dyn Tagger>> {
    DEFAULT_ORDER
        .iter()
        .filter(|&&name| name != glose_ner::NAME)
        .filter_map(|name| built_in(name))
        .filter_map(|b| (b.make)(kb.clone()).ok())
        .collect()
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
            for section in ["## Attributes", "## Known limits"] {
                assert!(b.docs.contains(section), "{} docs: {section}", b.name);
            }
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
        assert_eq!(names, DEFAULT_ORDER);
        for t in &taggers {
            assert!(
                !t.description().is_empty() && t.description().ends_with('.'),
                "{}",
                t.name()
            );
            assert!(!t.provides().is_empty(), "{}", t.name());
        }
    }

    #[test]
    fn every_built_in_is_made_under_its_own_name() {
        let (kb, _) = KnowledgeBase::load(&glose_gazetteer::builtin_sources());
        let kb = Arc::new(kb);
        for b in REGISTRY {
            let Ok(tagger) = (b.make)(kb.clone()) else {
                continue;
            };
            assert_eq!(tagger.name(), b.name);
            let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .join(b.path)
                .join("Cargo.toml");
            let manifest = std::fs::read_to_string(&manifest).unwrap();
            assert!(
                manifest.contains(&format!("name = \"{}\"", b.package)),
                "{}: package {}",
                b.path,
                b.package
            );
        }
    }
}

#[cfg(test)]
mod digest_tests {
    use glose_core::{Document, KbSource, Layer};

    use super::*;

    fn pipeline(extra: &str) -> glose_core::Pipeline {
        let mut sources = glose_gazetteer::builtin_sources();
        sources.push(KbSource::new("extra.toml", extra, Layer::User));
        let (kb, _) = KnowledgeBase::load(&sources);
        glose_core::Pipeline::new(default_taggers(Arc::new(kb))).unwrap()
    }

    #[test]
    fn the_digest_follows_the_kb_and_what_was_learned_not_the_order() {
        let docs: Vec<Document> = [
            "Le colonel Yassine Harbi est arrivé à Alep.",
            "Les Forces de défense du Nord (FDN) avancent.",
            "Selon les FDN, Yassine Harbi a fui vers Tell Semaan.",
            "Le village de Tell Semaan est vide.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(format!("{i}.txt"), *t).unwrap())
        .collect();
        let (a, b) = (pipeline(""), pipeline(""));
        assert_eq!(a.digest(), b.digest());
        for d in &docs {
            a.observe(d);
        }
        for d in docs.iter().rev() {
            b.observe(d);
        }
        assert_eq!(a.digest(), b.digest(), "the order articles are seen in");
        assert_ne!(a.digest(), pipeline("").digest(), "what was learned");
        let other = pipeline("[[entity]]\nid = \"x\"\ntype = \"LOC\"\nname = \"Zorvan\"\n");
        assert_ne!(other.digest(), pipeline("").digest(), "the KB");
    }

    #[test]
    fn knowledge_learned_in_parts_and_merged_is_what_the_whole_teaches() {
        let docs: Vec<Document> = [
            "Le Front uni des travailleurs (FUT) appelle à la grève. Le général Karim Sadi arrive.",
            "Le FUT et le Collectif des familles de disparus (CFD) manifestent à Tell Semaan.",
            "Selon le CFD, le général Karim Sâdi a quitté Tell Semaan.",
            "Karim Sadi et le FUT démentent. Le village de Qasr Nour est vide.",
            "Le FUT, le CFD, Qasr Nour : Karim Sadi ne dit rien.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(format!("{i}.txt"), *t).unwrap())
        .collect();
        let whole = pipeline("");
        docs.iter().for_each(|d| whole.observe(d));
        let (first, second) = (pipeline(""), pipeline(""));
        docs[..2].iter().for_each(|d| first.observe(d));
        docs[2..].iter().for_each(|d| second.observe(d));
        let mut merged = second.knowledge();
        merged.merge(&first.knowledge()).unwrap();
        assert_eq!(merged.to_bytes(), whole.knowledge().to_bytes());
        for (name, section) in &merged.taggers {
            if let Some(learned) = &section.learned {
                assert!(!learned.is_empty(), "{name} learned something");
            }
        }
        // Loaded into a pipeline that saw nothing: the same digest and annotations.
        let loaded = pipeline("");
        let fresh = loaded.digest();
        loaded.load_knowledge(&merged).unwrap();
        assert_eq!(loaded.digest(), whole.digest());
        assert_ne!(loaded.digest(), fresh);
        assert_eq!(loaded.knowledge().to_bytes(), merged.to_bytes());
        for d in &docs {
            let (a, b) = (whole.run(d), loaded.run(d));
            let a: Vec<_> = a.resolved().collect();
            let b: Vec<_> = b.resolved().collect();
            assert_eq!(a, b, "{}", d.path());
        }
        // And it learns no more.
        loaded.observe(&docs[0]);
        assert_eq!(loaded.knowledge().to_bytes(), merged.to_bytes());
    }

    /// A folder annotated after a corpus pass that kept its documents gives what reading
    /// and tagging them again gives, whatever the budget.
    #[test]
    fn what_the_corpus_pass_keeps_changes_nothing_annotated() {
        use glose_core::corpus::{self, FileEntry, Outcome, ReadOptions};
        let dir = tempfile::tempdir().unwrap();
        let texts = [
            " date 2024-03 Le Front uni des travailleurs (FUT) appelle à la grève à Tell Semaan.",
            "Le FUT manifeste. « Nous ne céderons pas », a déclaré le général Karim Sadi.",
            "Selon le FUT, 400 combattants ont quitté Qasr Nour le 3 mars 2024.",
            "",
            "Karim Sâdi dément. Le village de Qasr Nour est vide.",
        ];
        let files: Vec<FileEntry> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let path = dir.path().join(format!("{i}.txt"));
                std::fs::write(&path, t).unwrap();
                FileEntry {
                    path,
                    explicit: false,
                }
            })
            .collect();
        let run = |budget: usize| {
            let p = pipeline("");
            let pass =
                corpus::observe_files(&files, &p, ReadOptions::default(), 2, budget).unwrap();
            let kept = pass.len();
            let mut out = Vec::new();
            corpus::annotate_after(&files, &p, ReadOptions::default(), 2, &pass, |_, o| {
                out.push(match o {
                    Outcome::Annotated { document, result } => format!(
                        "{} {:?} {:?} {:?}",
                        document.path(),
                        result.store.as_slice(),
                        result.layer,
                        result.diagnostics
                    ),
                    Outcome::Skipped(p) | Outcome::Failed(p) => p.to_string(),
                })
            })
            .unwrap();
            (kept, out)
        };
        let (none, expected) = run(0);
        assert_eq!(none, 0);
        let (all, got) = run(usize::MAX);
        assert_eq!(all, texts.len(), "every readable document kept");
        assert_eq!(got, expected);
        let (some, got) = run(900);
        assert!(
            some > 0 && some < texts.len(),
            "{some} kept within 900 bytes"
        );
        assert_eq!(got, expected);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Whatever a knowledge file holds under the taggers' names, loading it is
        /// accepted or refused with a reason, never a panic, and what is accepted is
        /// given back as it was read.
        #[test]
        fn any_tally_loads_or_is_refused(
            entries in proptest::collection::vec(
                (
                    0usize..3,
                    proptest::bool::ANY,
                    "[A-Za-z:\\t\"\\[\\], é]{0,12}",
                    "[A-Z:\\t\"\\[\\], é]{0,30}",
                    1u64..4,
                ),
                0..10,
            )
        ) {
            // One pipeline for every case (loading replaces what it knew), and the
            // shape of its knowledge taken before any load.
            static SHARED: std::sync::OnceLock<(glose_core::Pipeline, glose_core::Knowledge)> =
                std::sync::OnceLock::new();
            let (fresh, empty) = SHARED.get_or_init(|| {
                let p = pipeline("");
                let k = p.knowledge();
                (p, k)
            });
            let mut k = empty.clone();
            let names = ["acronyms", "names", "variants"];
            for (t, well_formed, key, value, n) in &entries {
                // Half of them as the tagger writes them, the others anything.
                let (key, value) = match (*t, *well_formed) {
                    (0, true) => (
                        key.clone(),
                        serde_json::json!(["ORG", format!("~org:{value}"), value]).to_string(),
                    ),
                    (1, true) => (key.clone(), ["PER", "ORG", "LOC"][value.len() % 3].to_owned()),
                    (2, true) => (format!("LOC:{key}"), value.clone()),
                    _ => (key.clone(), value.clone()),
                };
                if let Some(Some(tally)) = k.taggers.get_mut(names[*t]).map(|s| s.learned.as_mut()) {
                    tally.add(&key, &value, *n);
                }
            }
            let all_well_formed = entries.iter().all(|e| e.1);
            match fresh.load_knowledge(&k) {
                Ok(()) => proptest::prop_assert_eq!(fresh.knowledge().to_bytes(), k.to_bytes()),
                Err(e) => proptest::prop_assert!(!all_well_formed, "{e}"),
            }
        }
    }
}
