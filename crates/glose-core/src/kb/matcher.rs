//! One Aho-Corasick automaton over every name and alias of the knowledge base.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{Entity, KbProblem, Layer};
use crate::annotation::Span;
use crate::diagnostic::Severity;
use crate::text::{Folded, fold, is_word_boundary};

/// A name of the KB found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AliasMatch {
    /// Span in the original text.
    pub span: Span,
    /// Index of the entity in [`super::KnowledgeBase::entities`].
    pub entity: usize,
}

#[derive(Clone, Copy, Debug)]
struct Pattern {
    entity: u32,
    /// Every alias folding to this pattern is an acronym in capitals (`EI`).
    all_caps: bool,
    /// Every alias folding to this pattern starts with a capital.
    capital_initial: bool,
}

/// Finds KB names in text: leftmost-longest, whole words, with the folding and case
/// rules of `docs/kb.md`.
#[derive(Clone, Debug, Default)]
pub struct AliasMatcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

impl AliasMatcher {
    /// Compiles the names of `entities`. Corpus entities take precedence over default
    /// ones; within a layer, the first entity that claims a name keeps it, and the
    /// others are reported.
    pub(super) fn build(entities: &[Entity]) -> (AliasMatcher, Vec<KbProblem>) {
        let mut problems = Vec::new();
        let mut folded_to_pattern: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let order = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.layer == Layer::User)
            .chain(
                entities
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.layer == Layer::Builtin),
            );
        for (index, entity) in order {
            for name in entity.names() {
                let key = fold(name);
                let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
                let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
                let capital_initial = letters.first().is_some_and(|c| c.is_uppercase());
                match folded_to_pattern.get(&key) {
                    None => {
                        folded_to_pattern.insert(key.clone(), patterns.len());
                        keys.push(key);
                        patterns.push(Pattern {
                            entity: index as u32,
                            all_caps,
                            capital_initial,
                        });
                    }
                    Some(&p) if patterns[p].entity as usize == index => {
                        // Two spellings of one entity: the looser case rule applies.
                        let pattern = &mut patterns[p];
                        pattern.all_caps &= all_caps;
                        pattern.capital_initial &= capital_initial;
                    }
                    Some(&p) => {
                        let owner = &entities[patterns[p].entity as usize];
                        if owner.layer == entity.layer {
                            problems.push(KbProblem {
                                file: entity.origin.file.clone(),
                                location: Some(entity.origin.clone()),
                                severity: Severity::Warning,
                                message: format!(
                                    "the name {name:?} of `{}` is also a name of `{}` ({}), \
                                     which keeps it",
                                    entity.id, owner.id, owner.origin
                                ),
                            });
                        }
                    }
                }
            }
        }
        let automaton = if keys.is_empty() {
            None
        } else {
            // Standard semantics report every match, overlapping ones included; the
            // leftmost-longest choice is made after the word and case checks, so that a
            // match rejected by them cannot hide a valid one.
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&keys)
                .ok()
        };
        (
            AliasMatcher {
                automaton,
                patterns,
            },
            problems,
        )
    }

    /// Number of distinct folded names.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Finds KB names in `text`.
    pub fn find(&self, text: &str) -> Vec<AliasMatch> {
        if self.automaton.is_none() {
            return Vec::new();
        }
        self.find_folded(text, &Folded::new(text))
    }

    /// Finds KB names in `text`, given its folded copy.
    pub fn find_folded(&self, text: &str, folded: &Folded) -> Vec<AliasMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let haystack = folded.as_str();
        let mut candidates: Vec<AliasMatch> = Vec::new();
        for m in automaton.find_overlapping_iter(haystack) {
            if !is_word_boundary(haystack, m.start(), m.end()) {
                continue;
            }
            let (start, end) = (folded.to_original(m.start()), folded.to_original(m.end()));
            let Some(original) = text.get(start..end) else {
                continue;
            };
            let pattern = self.patterns[m.pattern().as_usize()];
            if !case_matches(original, pattern) {
                continue;
            }
            candidates.push(AliasMatch {
                span: Span::new(start, end),
                entity: pattern.entity as usize,
            });
        }
        candidates.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        let mut chosen: Vec<AliasMatch> = Vec::with_capacity(candidates.len());
        for m in candidates {
            if chosen
                .last()
                .is_none_or(|last| m.span.start >= last.span.end)
            {
                chosen.push(m);
            }
        }
        chosen
    }
}

fn case_matches(original: &str, pattern: Pattern) -> bool {
    if pattern.all_caps {
        original
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| !c.is_lowercase())
    } else if pattern.capital_initial {
        original
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    } else {
        true
    }
}
