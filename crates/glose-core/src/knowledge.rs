//! What the taggers learn from a corpus, as data that can be saved, merged and loaded.
//!
//! Some taggers learn from every article before tagging any ([`Tagger::observe`]): an
//! acronym defined in one article and used bare in another, a name typed by strong
//! evidence elsewhere, the spellings of one name. What each learned is a [`Tally`]:
//! for each key, how many times each value was seen. A [`Knowledge`] holds the tallies
//! of a pipeline's learning taggers with what they depend on (the versions and data
//! digests of the taggers that run up to the last learning one, and the corrections),
//! so that it is refused by a pipeline it does not fit.
//!
//! Merging adds counts: it is associative and commutative, so knowledge learned over
//! parts of a corpus and merged in any order and grouping is the same, byte for byte,
//! as knowledge learned over the whole ([`Knowledge::to_bytes`] is canonical). That is
//! what lets a cluster learn per partition, reduce, and annotate every partition with
//! the result, as a single machine does with a folder.
//!
//! [`Tagger::observe`]: crate::Tagger::observe

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::digest::Digest;

/// The version of the file format; files of another version are refused.
pub const FORMAT: u32 = 1;

/// What one tagger observed: for each key, how many times each value was seen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tally(BTreeMap<String, Values>);

/// The values seen under one key, in order, with their counts: most keys have one or
/// two, so a sorted vector (a map in the file).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values(Vec<(String, u64)>);

impl Values {
    /// Every value with its count, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.0.iter().map(|(v, n)| (v.as_str(), *n))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn add(&mut self, value: &str, n: u64) {
        match self.0.binary_search_by(|(v, _)| v.as_str().cmp(value)) {
            Ok(i) => self.0[i].1 = self.0[i].1.saturating_add(n),
            Err(i) => self.0.insert(i, (value.to_owned(), n)),
        }
    }
}

impl Serialize for Values {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(v, n)| (v, n)))
    }
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, u64>::deserialize(deserializer)?;
        Ok(Values(map.into_iter().filter(|(_, n)| *n > 0).collect()))
    }
}

impl Tally {
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts `value` seen `n` more times under `key`.
    pub fn add(&mut self, key: &str, value: &str, n: u64) {
        if n == 0 {
            return;
        }
        match self.0.get_mut(key) {
            Some(v) => v.add(value, n),
            None => {
                let mut v = Values::default();
                v.add(value, n);
                self.0.insert(key.to_owned(), v);
            }
        }
    }

    /// The values seen under `key`, with their counts.
    pub fn get(&self, key: &str) -> Option<&Values> {
        self.0.get(key)
    }

    /// Every key with its values, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Values)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: &Tally) {
        for (key, values) in &other.0 {
            for (value, n) in values.iter() {
                self.add(key, value, n);
            }
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A stable digest of the counts.
    pub fn digest(&self, digest: &mut Digest) {
        digest.u64(self.0.len() as u64);
        for (key, values) in &self.0 {
            digest.str(key).u64(values.len() as u64);
            for (value, n) in values.iter() {
                digest.str(value).u64(n);
            }
        }
    }
}

/// One tagger of the pipeline that learned: what it is, and what it learned (`None` for
/// a tagger that does not learn but runs before one that does: what it tags shapes
/// what is learned).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub version: String,
    /// Digest of the tagger's data and configuration ([`crate::Tagger::digest`]).
    pub data: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learned: Option<Tally>,
}

/// What the taggers of a pipeline learned from some articles (see the module
/// documentation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Knowledge {
    /// [`FORMAT`].
    pub glose_knowledge: u32,
    /// Number of articles learned from.
    pub articles: u64,
    /// Digest of the analyst's corrections applied while learning, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrections: Option<String>,
    /// By tagger name.
    pub taggers: BTreeMap<String, Section>,
}

/// Why knowledge cannot be merged or used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KnowledgeError {
    #[error("{0}")]
    Unreadable(String),
    #[error("knowledge file format {found}, this glose reads format {FORMAT}")]
    Format { found: u32 },
    #[error("learned without tagger `{0}`, which runs here before a tagger that learns")]
    MissingTagger(String),
    #[error(
        "learned with tagger `{0}`, which does not run here (or not before a tagger that learns)"
    )]
    ExtraTagger(String),
    #[error("learned with `{tagger}` {learned}, this is {here}")]
    Version {
        tagger: String,
        learned: String,
        here: String,
    },
    #[error(
        "learned with other data or settings for `{0}` (its knowledge base, rules, model or configuration changed)"
    )]
    Data(String),
    #[error("`{0}` learns from the corpus, but the knowledge has nothing learned by it")]
    NotLearned(String),
    #[error("learned with other corrections of the analyst")]
    Corrections,
    #[error("tagger `{tagger}` cannot use what it learned: {why}")]
    Invalid { tagger: String, why: String },
    /// Two knowledge files that cannot be merged, and why.
    #[error("{0}")]
    Mismatch(String),
}

impl KnowledgeError {
    /// The same difference, said of two files rather than of a file and the taggers
    /// loaded.
    fn between_files(self) -> KnowledgeError {
        let why = match self {
            KnowledgeError::MissingTagger(t)
            | KnowledgeError::ExtraTagger(t)
            | KnowledgeError::NotLearned(t) => {
                format!("learned by other taggers: `{t}` learned in one and not in the other")
            }
            KnowledgeError::Version {
                tagger,
                learned,
                here,
            } => format!(
                "learned by other taggers: `{tagger}` {here} in one, {learned} in the other"
            ),
            KnowledgeError::Data(t) => format!(
                "learned with other data or settings for `{t}` (its knowledge base, rules, model or configuration)"
            ),
            KnowledgeError::Corrections => {
                "learned with other corrections of the analyst".to_owned()
            }
            other => return other,
        };
        KnowledgeError::Mismatch(why)
    }
}

impl Knowledge {
    /// Knowledge of no article, for taggers described by `sections`.
    pub fn empty(sections: BTreeMap<String, Section>, corrections: Option<String>) -> Self {
        Knowledge {
            glose_knowledge: FORMAT,
            articles: 0,
            corrections,
            taggers: sections,
        }
    }

    /// Whether `other` was learned by the same taggers, with the same data (so that the
    /// two can be merged); the error names the first difference.
    pub fn fits(&self, other: &Knowledge) -> Result<(), KnowledgeError> {
        for (name, mine) in &self.taggers {
            let Some(theirs) = other.taggers.get(name) else {
                return Err(KnowledgeError::MissingTagger(name.clone()));
            };
            if mine.version != theirs.version {
                return Err(KnowledgeError::Version {
                    tagger: name.clone(),
                    learned: theirs.version.clone(),
                    here: mine.version.clone(),
                });
            }
            if mine.data != theirs.data {
                return Err(KnowledgeError::Data(name.clone()));
            }
            if mine.learned.is_some() != theirs.learned.is_some() {
                return Err(KnowledgeError::NotLearned(name.clone()));
            }
        }
        if let Some(extra) = other
            .taggers
            .keys()
            .find(|n| !self.taggers.contains_key(*n))
        {
            return Err(KnowledgeError::ExtraTagger(extra.clone()));
        }
        if self.corrections != other.corrections {
            return Err(KnowledgeError::Corrections);
        }
        Ok(())
    }

    /// Adds what `other` learned (see the module documentation).
    pub fn merge(&mut self, other: &Knowledge) -> Result<(), KnowledgeError> {
        self.fits(other).map_err(KnowledgeError::between_files)?;
        self.articles = self.articles.saturating_add(other.articles);
        for (name, section) in &mut self.taggers {
            if let (Some(mine), Some(Some(theirs))) = (
                section.learned.as_mut(),
                other.taggers.get(name).map(|s| s.learned.as_ref()),
            ) {
                mine.merge(theirs);
            }
        }
        Ok(())
    }

    /// A stable digest of what was learned (the tallies and the number of articles).
    pub fn digest(&self, digest: &mut Digest) {
        digest.u64(self.articles);
        for (name, section) in &self.taggers {
            if let Some(t) = &section.learned {
                digest.str(name);
                t.digest(digest);
            }
        }
    }

    /// The canonical bytes: compact JSON, keys in order, one line.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec(self).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// Reads knowledge from bytes written by [`Knowledge::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Knowledge, KnowledgeError> {
        #[derive(Deserialize)]
        struct Head {
            glose_knowledge: Option<u32>,
        }
        // One parse when the file is right; the head alone, to say why, when not.
        let full = serde_json::from_slice::<Knowledge>(bytes);
        if let Ok(k) = &full
            && k.glose_knowledge == FORMAT
        {
            return full.map_err(|e| KnowledgeError::Unreadable(e.to_string()));
        }
        let head: Head = serde_json::from_slice(bytes)
            .map_err(|e| KnowledgeError::Unreadable(format!("not a knowledge file: {e}")))?;
        match head.glose_knowledge {
            None => Err(KnowledgeError::Unreadable(
                "not a knowledge file (no `glose_knowledge` field): write one with `glose learn`"
                    .to_owned(),
            )),
            Some(found) if found != FORMAT => Err(KnowledgeError::Format { found }),
            Some(_) => full.map_err(|e| KnowledgeError::Unreadable(e.to_string())),
        }
    }

    /// Reads a knowledge file; the error names the file.
    pub fn read(path: &Path) -> Result<Knowledge, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Knowledge::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn knowledge(articles: u64, entries: &[(String, String, u64)]) -> Knowledge {
        let mut tally = Tally::new();
        for (k, v, n) in entries {
            tally.add(k, v, *n);
        }
        let mut sections = BTreeMap::new();
        sections.insert(
            "learner".to_owned(),
            Section {
                version: "1".into(),
                data: "d".into(),
                learned: Some(tally),
            },
        );
        sections.insert(
            "before".to_owned(),
            Section {
                version: "2".into(),
                data: "e".into(),
                learned: None,
            },
        );
        let mut k = Knowledge::empty(sections, None);
        k.articles = articles;
        k
    }

    fn merged(a: &Knowledge, b: &Knowledge) -> Knowledge {
        let mut m = a.clone();
        m.merge(b).unwrap();
        m
    }

    fn entries() -> impl Strategy<Value = (u64, Vec<(String, String, u64)>)> {
        (
            0u64..50,
            prop::collection::vec(("[a-cé]{0,3}", "[xyz]{1,2}", 1u64..5), 0..12),
        )
    }

    proptest! {
        #[test]
        fn merging_is_associative_and_commutative_to_the_byte(
            a in entries(), b in entries(), c in entries()
        ) {
            let (a, b, c) = (knowledge(a.0, &a.1), knowledge(b.0, &b.1), knowledge(c.0, &c.1));
            let left = merged(&merged(&a, &b), &c).to_bytes();
            let right = merged(&a, &merged(&b, &c)).to_bytes();
            prop_assert_eq!(&left, &right);
            prop_assert_eq!(merged(&a, &b).to_bytes(), merged(&b, &a).to_bytes());
            let other = merged(&merged(&c, &a), &b).to_bytes();
            prop_assert_eq!(&left, &other);
        }

        #[test]
        fn merging_parts_gives_the_whole(a in entries(), b in entries()) {
            let whole: Vec<_> = a.1.iter().chain(&b.1).cloned().collect();
            prop_assert_eq!(
                merged(&knowledge(a.0, &a.1), &knowledge(b.0, &b.1)).to_bytes(),
                knowledge(a.0 + b.0, &whole).to_bytes()
            );
        }

        #[test]
        fn nothing_learned_is_the_identity(a in entries()) {
            let a = knowledge(a.0, &a.1);
            prop_assert_eq!(merged(&a, &knowledge(0, &[])).to_bytes(), a.to_bytes());
        }

        #[test]
        fn any_bytes_are_read_or_refused_without_a_panic(
            a in entries(),
            cut in 0usize..400,
            noise in prop::collection::vec(any::<u8>(), 0..40),
        ) {
            let mut bytes = knowledge(a.0, &a.1).to_bytes();
            bytes.truncate(cut.min(bytes.len()));
            bytes.extend(noise);
            let _ = Knowledge::from_bytes(&bytes);
        }

        #[test]
        fn bytes_read_back_as_written(a in entries()) {
            let a = knowledge(a.0, &a.1);
            let back = Knowledge::from_bytes(&a.to_bytes()).unwrap();
            prop_assert_eq!(back.to_bytes(), a.to_bytes());
        }
    }

    #[test]
    fn knowledge_of_other_taggers_is_refused_with_the_tagger_named() {
        let a = knowledge(1, &[]);
        let mut b = a.clone();
        b.taggers.get_mut("learner").unwrap().version = "9".into();
        let said = |a: &Knowledge, b: &Knowledge| a.clone().merge(b).unwrap_err().to_string();
        assert_eq!(
            said(&a, &b),
            "learned by other taggers: `learner` 1 in one, 9 in the other"
        );
        assert_eq!(
            a.fits(&b).unwrap_err().to_string(),
            "learned with `learner` 9, this is 1"
        );
        let mut c = a.clone();
        c.taggers.get_mut("before").unwrap().data = "other".into();
        assert!(said(&a, &c).contains("other data or settings for `before`"));
        assert!(matches!(a.fits(&c), Err(KnowledgeError::Data(t)) if t == "before"));
        let mut d = a.clone();
        d.taggers.remove("before");
        let one = "learned by other taggers: `before` learned in one and not in the other";
        assert_eq!(said(&a, &d), one);
        assert_eq!(said(&d, &a), one);
        assert!(matches!(a.fits(&d), Err(KnowledgeError::MissingTagger(t)) if t == "before"));
        assert!(matches!(d.fits(&a), Err(KnowledgeError::ExtraTagger(t)) if t == "before"));
        let mut e = a.clone();
        e.corrections = Some("x".into());
        assert_eq!(
            said(&a, &e),
            "learned with other corrections of the analyst"
        );
        assert_eq!(a.fits(&e), Err(KnowledgeError::Corrections));
    }

    #[test]
    fn other_files_are_refused_clearly() {
        let e = Knowledge::from_bytes(b"{\"id\": 1}")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no `glose_knowledge` field"), "{e}");
        let e =
            Knowledge::from_bytes(b"{\"glose_knowledge\": 7, \"articles\": 0, \"taggers\": {}}")
                .unwrap_err();
        assert_eq!(e, KnowledgeError::Format { found: 7 });
        let e = Knowledge::from_bytes(b"not json").unwrap_err().to_string();
        assert!(e.starts_with("not a knowledge file"), "{e}");
        let e = Knowledge::from_bytes(
            b"{\"glose_knowledge\": 1, \"articles\": \"x\", \"taggers\": {}}",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("articles") || e.contains("invalid type"), "{e}");
    }
}
