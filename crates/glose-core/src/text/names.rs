//! Finding many names at once: one Aho-Corasick automaton over their folded forms,
//! matched at word starts with the case rules of `docs/kb.md`. The knowledge base and
//! the phrase lists of rule files both use it.

use std::collections::HashMap;

use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

use crate::span::Span;
use crate::text::{FoldIter, Token, TokenKeys, TokenKind, fold, is_word_char};

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
#[derive(Clone, Debug)]
pub struct NameMatcher {
    automaton: Option<DFA>,
    patterns: Vec<Pattern>,
    /// ASCII first letters (folded) of names that may start in lower case.
    lower_starts: [bool; 128],
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
            // Anchored searches only: `find` starts one at each word start.
            DFA::builder()
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Anchored)
                .build(&keys)
                .ok()
        };
        let mut lower_starts = [false; 128];
        for (key, pattern) in keys.iter().zip(&patterns) {
            if !pattern.capital_initial
                && !pattern.all_caps
                && let Some(b) = key.bytes().next().filter(u8::is_ascii)
            {
                lower_starts[b as usize] = true;
            }
        }
        (
            NameMatcher {
                automaton,
                patterns,
                lower_starts,
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
    ///
    /// Names start at word starts, so the automaton only runs from there, anchored,
    /// over the folded text produced on the fly ([`FoldIter`]): the walk lists every
    /// name starting at that word; the longest one that passes the word and case rules
    /// is taken (leftmost-longest), and the scan resumes at its end. A name rejected by
    /// the rules never hides a shorter one. A word starting with a lower-case letter is
    /// skipped at once unless some name may start in lower case with that letter.
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let Ok(start) = automaton.start_state(Anchored::Yes) else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let mut chosen = Vec::new();
        // Candidates of the current walk: (original end, pattern, folded char after).
        let mut ends: Vec<(usize, usize)> = Vec::new();
        let mut pos = 0;
        let mut prev_word = false;
        while pos < bytes.len() {
            let b = bytes[pos];
            let (c, width) = if b < 0x80 {
                (b as char, 1)
            } else {
                let c = text[pos..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            };
            let is_word = is_word_char(c);
            if !is_word || prev_word {
                prev_word = is_word;
                pos += width;
                continue;
            }
            // A word starts here.
            prev_word = true;
            if c.is_lowercase() && !self.may_start_lower(c) {
                pos += width;
                continue;
            }
            let accepted = self.walk(automaton, start, text, pos, &mut ends);
            match accepted {
                Some(found) => {
                    pos = found.span.end;
                    chosen.push(found);
                    prev_word = false;
                }
                None => pos += width,
            }
        }
        chosen
    }

    /// Finds the names in `text` starting at the word tokens from `first` on (the same
    /// result as [`NameMatcher::find`] on the text after that token, without scanning it
    /// for word starts).
    pub fn find_in_tokens(
        &self,
        text: &str,
        tokens: &[Token],
        keys: &TokenKeys,
        first: usize,
    ) -> Vec<NameMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let Ok(start) = automaton.start_state(Anchored::Yes) else {
            return Vec::new();
        };
        let mut chosen = Vec::new();
        let mut ends: Vec<(usize, usize)> = Vec::new();
        let mut resume = 0usize;
        for (i, t) in tokens.iter().enumerate().skip(first) {
            let pos = t.start as usize;
            if t.kind == TokenKind::Punct || pos < resume {
                continue;
            }
            if t.has(Token::LOWERCASE) {
                let may = match keys.get(i).bytes().next() {
                    Some(b) if b.is_ascii() => self.lower_starts[b as usize],
                    _ => true,
                };
                if !may {
                    continue;
                }
            }
            if let Some(found) = self.walk_token(automaton, start, text, t, keys.get(i), &mut ends)
            {
                resume = found.span.end;
                chosen.push(found);
            }
        }
        chosen
    }

    /// [`NameMatcher::walk`] from word token `t`, feeding its folded `key` (computed
    /// once for every tagger) instead of folding the word again.
    fn walk_token(
        &self,
        automaton: &DFA,
        start: StateID,
        text: &str,
        t: &Token,
        key: &str,
        ends: &mut Vec<(usize, usize)>,
    ) -> Option<NameMatch> {
        let pos = t.start as usize;
        // A name may end inside a word only before a folded character that is not a
        // word character (`ʼ` folds to `'`): such words take the general path.
        if !key.bytes().all(|b| b.is_ascii_alphanumeric()) && !key.chars().all(is_word_char) {
            return self.walk(automaton, start, text, pos, ends);
        }
        let mut sid = start;
        for &byte in key.as_bytes() {
            sid = automaton.next_state(Anchored::Yes, sid, byte);
            if automaton.is_dead(sid) {
                return None;
            }
        }
        self.walk_on(automaton, sid, key.len(), text, pos, t.end as usize, ends)
    }

    /// Walks the automaton from the word starting at `pos`; the longest name there that
    /// passes the word and case rules.
    fn walk(
        &self,
        automaton: &DFA,
        start: StateID,
        text: &str,
        pos: usize,
        ends: &mut Vec<(usize, usize)>,
    ) -> Option<NameMatch> {
        self.walk_on(automaton, start, 0, text, pos, pos, ends)
    }

    /// Goes on with a walk started at `pos` that is in state `sid` after `folded_len`
    /// folded bytes, the original text being consumed up to `resume` (the end of a
    /// whole character).
    #[allow(clippy::too_many_arguments)]
    fn walk_on(
        &self,
        automaton: &DFA,
        mut sid: StateID,
        mut folded_len: usize,
        text: &str,
        pos: usize,
        resume: usize,
        ends: &mut Vec<(usize, usize)>,
    ) -> Option<NameMatch> {
        ends.clear();
        let mut chars = FoldIter::at(text, resume).peekable();
        if folded_len > 0
            && automaton.is_match(sid)
            && !chars.peek().is_some_and(|&(next, _)| is_word_char(next))
        {
            // What folds to nothing right after belongs to the last character.
            let end = crate::text::fold::skip_dropped(text, resume);
            for k in 0..automaton.match_len(sid) {
                let pid = automaton.match_pattern(sid, k);
                if automaton.pattern_len(pid) == folded_len {
                    ends.push((end, pid.as_usize()));
                }
            }
        }
        'walk: while let Some((fc, end)) = chars.next() {
            let mut utf8 = [0u8; 4];
            for &byte in fc.encode_utf8(&mut utf8).as_bytes() {
                sid = automaton.next_state(Anchored::Yes, sid, byte);
                if automaton.is_dead(sid) {
                    break 'walk;
                }
            }
            folded_len += fc.len_utf8();
            if automaton.is_match(sid) {
                // The name must end at a word boundary.
                if chars.peek().is_some_and(|&(next, _)| is_word_char(next)) {
                    continue;
                }
                for k in 0..automaton.match_len(sid) {
                    let pid = automaton.match_pattern(sid, k);
                    // A state also reports names that are suffixes of the path.
                    if automaton.pattern_len(pid) == folded_len {
                        ends.push((end, pid.as_usize()));
                    }
                }
            }
        }
        ends.iter().rev().find_map(|&(end, pattern)| {
            let original = text.get(pos..end)?;
            let p = self.patterns[pattern];
            case_matches(original, p).then_some(NameMatch {
                span: Span::new(pos, end),
                owner: p.owner as usize,
            })
        })
    }

    /// Whether some name may start, in lower case, with the letter `c`.
    fn may_start_lower(&self, c: char) -> bool {
        let first = FoldIter::new(c.encode_utf8(&mut [0; 4]))
            .next()
            .map(|(f, _)| f);
        match first {
            Some(f) if f.is_ascii() => self.lower_starts[f as usize],
            // Letters outside ASCII after folding: no fast answer, walk.
            _ => true,
        }
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

impl Default for NameMatcher {
    fn default() -> Self {
        NameMatcher {
            automaton: None,
            patterns: Vec::new(),
            lower_starts: [false; 128],
        }
    }
}
