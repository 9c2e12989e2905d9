//! Finding many names at once: one Aho-Corasick automaton over their folded forms,
//! matched at word starts with the case rules of `docs/kb.md`. The knowledge base and
//! the phrase lists of rule files both use it.

use std::collections::HashMap;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

use crate::annotation::Span;
use crate::text::{Folded, fold, is_word_boundary, is_word_char};

/// A name found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameMatch {
    /// Span in the original text.
    pub span: Span,
    /// The owner given with the name to [`NameMatcher::new`].
    pub owner: usize,
}

/// A folded name claimed by two owners: the first keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameConflict {
    /// The name as the second owner wrote it.
    pub name: String,
    pub kept_by: usize,
    pub claimed_by: usize,
}

#[derive(Clone, Copy, Debug)]
struct Pattern {
    owner: u32,
    /// Every alias folding to this pattern is an acronym in capitals (`EI`).
    all_caps: bool,
    /// Every alias folding to this pattern starts with a capital.
    capital_initial: bool,
}

/// Finds names in text: leftmost-longest, whole words, with the folding and case rules
/// of `docs/kb.md`.
#[derive(Clone, Debug, Default)]
pub struct NameMatcher {
    automaton: Option<DFA>,
    patterns: Vec<Pattern>,
}

impl NameMatcher {
    /// Compiles `names`, each with the index of its owner (a KB entity, a rule…), in
    /// priority order: the first owner of a folded name keeps it, and every later claim
    /// by another owner is returned as a conflict.
    pub fn new<'a>(
        names: impl IntoIterator<Item = (&'a str, usize)>,
    ) -> (NameMatcher, Vec<NameConflict>) {
        let mut conflicts = Vec::new();
        let mut folded_to_pattern: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        for (name, owner) in names {
            let key = fold(name);
            if !key.starts_with(is_word_char) {
                continue;
            }
            let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
            let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
            let capital_initial = letters.first().is_some_and(|c| c.is_uppercase());
            match folded_to_pattern.get(&key) {
                None => {
                    folded_to_pattern.insert(key.clone(), patterns.len());
                    keys.push(key);
                    patterns.push(Pattern {
                        owner: owner as u32,
                        all_caps,
                        capital_initial,
                    });
                }
                Some(&p) if patterns[p].owner as usize == owner => {
                    // Two spellings of one owner: the looser case rule applies.
                    let pattern = &mut patterns[p];
                    pattern.all_caps &= all_caps;
                    pattern.capital_initial &= capital_initial;
                }
                Some(&p) => conflicts.push(NameConflict {
                    name: name.to_owned(),
                    kept_by: patterns[p].owner as usize,
                    claimed_by: owner,
                }),
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
            NameMatcher {
                automaton,
                patterns,
            },
            conflicts,
        )
    }

    /// Number of distinct folded names.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Finds the names in `text`.
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        if self.automaton.is_none() {
            return Vec::new();
        }
        self.find_folded(text, &Folded::new(text))
    }

    /// Finds the names in `text`, given its folded copy.
    ///
    /// Names start at word starts, so the automaton only runs from there, anchored: the
    /// walk lists every name starting at that word; the longest one that passes the
    /// word and case rules is taken (leftmost-longest), and the scan resumes at its end.
    /// A name rejected by the rules never hides a shorter one.
    pub fn find_folded(&self, text: &str, folded: &Folded) -> Vec<NameMatch> {
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
    ) -> Option<NameMatch> {
        let haystack = folded.as_str();
        if !is_word_boundary(haystack, start, end) {
            return None;
        }
        let (s, e) = (folded.to_original(start), folded.to_original(end));
        let original = text.get(s..e)?;
        let pattern = self.patterns[pattern];
        case_matches(original, pattern).then_some(NameMatch {
            span: Span::new(s, e),
            owner: pattern.owner as usize,
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
