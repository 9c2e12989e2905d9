//! One Aho-Corasick automaton over every name and alias of the knowledge base.

use std::collections::HashMap;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

use super::{Entity, KbProblem, Layer};
use crate::annotation::Span;
use crate::diagnostic::Severity;
use crate::text::{Folded, fold, is_word_boundary, is_word_char};

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
    automaton: Option<DFA>,
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
            // Anchored searches only: `find_folded` starts one at each word start.
            DFA::builder()
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Anchored)
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
    ///
    /// Names start at word starts, so the automaton only runs from there, anchored: the
    /// walk lists every name starting at that word; the longest one that passes the
    /// word and case rules is taken (leftmost-longest), and the scan resumes at its end.
    /// A name rejected by the rules never hides a shorter one.
    pub fn find_folded(&self, text: &str, folded: &Folded) -> Vec<AliasMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let Ok(start) = automaton.start_state(Anchored::Yes) else {
            return Vec::new();
        };
        let haystack = folded.as_str();
        let bytes = haystack.as_bytes();
        let mut chosen = Vec::new();
        let mut ends: Vec<(usize, usize)> = Vec::new();
        let mut pos = 0;
        let mut prev_word = false;
        while pos < bytes.len() {
            let b = bytes[pos];
            let (is_word, width) = if b < 0x80 {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                let c = haystack[pos..].chars().next().unwrap_or(' ');
                (is_word_char(c), c.len_utf8())
            };
            if !is_word || prev_word {
                prev_word = is_word;
                pos += width;
                continue;
            }
            // A word starts here: walk the automaton from it, noting every name that
            // starts here and ends where the walk is, then take the longest that passes.
            ends.clear();
            let mut sid = start;
            for (i, &byte) in bytes[pos..].iter().enumerate() {
                sid = automaton.next_state(Anchored::Yes, sid, byte);
                if automaton.is_dead(sid) {
                    break;
                }
                if automaton.is_match(sid) {
                    let len = i + 1;
                    for k in 0..automaton.match_len(sid) {
                        let pid = automaton.match_pattern(sid, k);
                        // A state also reports names that are suffixes of the path.
                        if automaton.pattern_len(pid) == len {
                            ends.push((pos + len, pid.as_usize()));
                        }
                    }
                }
            }
            let accepted = ends.iter().rev().find_map(|&(end, pattern)| {
                self.accept(text, folded, pos, end, pattern)
                    .map(|found| (found, end))
            });
            match accepted {
                Some((found, end)) => {
                    chosen.push(found);
                    pos = end;
                    prev_word = false;
                }
                None => {
                    prev_word = true;
                    pos += width;
                }
            }
        }
        chosen
    }

    /// The match of pattern `pattern` at `start..end` of the folded text, if it passes
    /// the word and case rules.
    fn accept(
        &self,
        text: &str,
        folded: &Folded,
        start: usize,
        end: usize,
        pattern: usize,
    ) -> Option<AliasMatch> {
        let haystack = folded.as_str();
        if !is_word_boundary(haystack, start, end) {
            return None;
        }
        let (s, e) = (folded.to_original(start), folded.to_original(end));
        let original = text.get(s..e)?;
        let pattern = self.patterns[pattern];
        case_matches(original, pattern).then_some(AliasMatch {
            span: Span::new(s, e),
            entity: pattern.entity as usize,
        })
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
