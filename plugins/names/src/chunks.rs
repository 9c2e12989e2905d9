//! Candidate names: runs of capitalised words, with the particles and hyphens that
//! join their parts (`Abou al-Majd al-Houmsi`, `Jean-Yves Le Drian`, `Al-Khowein`).

use glose_core::text::{Token, TokenKind};
use glose_fr::{function_word, month, name_particle, person_title, weekday};

use crate::Ctx;

/// A candidate name: tokens `[start, end)`.
#[derive(Clone, Debug)]
pub(crate) struct Chunk {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// It opens a sentence: its capital proves nothing.
    pub(crate) sentence_start: bool,
    /// Written in capitals (`DELIL SOULEIMAN`).
    pub(crate) all_caps: bool,
}

impl Chunk {
    /// The folded text: the key for "same name" comparisons.
    pub(crate) fn key(&self, ctx: &Ctx<'_>) -> String {
        key_of(ctx, self.start, self.end)
    }

    /// The folded text of its last part (a surname).
    pub(crate) fn last_part_key<'a>(&self, ctx: &Ctx<'a>) -> &'a str {
        ctx.key(self.end - 1)
    }

    pub(crate) fn len(&self) -> usize {
        self.end - self.start
    }
}

/// The key of tokens `[start, end)`: their folded words, joined by spaces, so that
/// spellings differing by case, accents, hyphens or apostrophes share it.
pub(crate) fn key_of(ctx: &Ctx<'_>, start: usize, end: usize) -> String {
    let mut key = String::with_capacity(ctx.span(start, end).len());
    for i in start..end {
        let k = ctx.key(i);
        if !k.is_empty() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(k);
        }
    }
    key
}

/// A word that can be part of a name: capitalised (or in capitals), not already
/// annotated.
fn name_word(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.tokens.get(i).is_some_and(|t| {
        t.kind == TokenKind::Word
            && (t.is_capitalized() || t.has(Token::ALL_CAPS))
            && ctx.covered[i].is_none()
    })
}

/// A word that never starts or makes a name on its own: months, weekdays, titles.
fn not_a_name(ctx: &Ctx<'_>, i: usize) -> bool {
    let k = ctx.key(i);
    month(k).is_some()
        || weekday(k).is_some()
        || person_title(k)
        || k.len() < 2 && !ctx.tokens[i].has(Token::ALL_CAPS)
}

/// Finds the candidate names of the article.
pub(crate) fn find(ctx: &Ctx<'_>) -> Vec<Chunk> {
    let tokens = ctx.tokens;
    let mut chunks = Vec::new();
    let mut i = ctx.first;
    while i < tokens.len() {
        let start = i;
        // A name may open with a lower-case particle joined by a hyphen: `al-Assad`.
        let word = name_word(ctx, i);
        let particle_start = !word
            && ctx.punct(i + 1, '-')
            && tokens[i + 1].is_attached()
            && name_word(ctx, i + 2)
            && tokens[i + 2].is_attached()
            && is_lower_particle(ctx, i);
        if !particle_start && !word {
            i += 1;
            continue;
        }
        let sentence_start = ctx.sentence_start(i);
        // A function word opening a sentence (`Les`, `Selon`) is not part of a name.
        if !particle_start
            && (function_word(ctx.key(i)) || not_a_name(ctx, i))
            && !tokens[i].has(Token::ALL_CAPS)
        {
            i += 1;
            continue;
        }
        let all_caps = tokens[start].has(Token::ALL_CAPS) && !particle_start;
        let mut end = if particle_start { i + 3 } else { i + 1 };
        loop {
            let next = end;
            // `Jean-Yves`, `Al-Khowein`, `ez-Zor` joined by a hyphen.
            if ctx.punct(next, '-')
                && tokens[next].is_attached()
                && tokens.get(next + 1).is_some_and(|t| t.is_attached())
            {
                if name_word(ctx, next + 1) && same_case(ctx, next + 1, all_caps) {
                    end = next + 2;
                    continue;
                }
                // `-al-Houmsi` inside a name.
                if is_lower_particle(ctx, next + 1)
                    && ctx.punct(next + 2, '-')
                    && name_word(ctx, next + 3)
                {
                    end = next + 4;
                    continue;
                }
                break;
            }
            let Some(t) = tokens.get(next) else { break };
            if !t.has(Token::SPACE_BEFORE) || t.has(Token::LINE_BEFORE) {
                break;
            }
            // Another capitalised part.
            if name_word(ctx, next) && same_case(ctx, next, all_caps) && !not_a_name(ctx, next) {
                end = next + 1;
                continue;
            }
            // A particle between two parts: `Abou al-Majd`, `Charles de Gaulle`, `ben Laden`.
            if is_lower_particle(ctx, next) && !all_caps {
                if ctx.punct(next + 1, '-')
                    && tokens[next + 1].is_attached()
                    && name_word(ctx, next + 2)
                    && tokens[next + 2].is_attached()
                {
                    end = next + 3;
                    continue;
                }
                if name_word(ctx, next + 1)
                    && tokens[next + 1].has(Token::SPACE_BEFORE)
                    && !not_a_name(ctx, next + 1)
                {
                    end = next + 2;
                    continue;
                }
            }
            break;
        }
        chunks.push(Chunk {
            start,
            end,
            sentence_start,
            all_caps,
        });
        i = end;
    }
    chunks
}

/// A lower-case name particle (`al`, `ez`, `ben`, `de`).
fn is_lower_particle(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.tokens
        .get(i)
        .is_some_and(|t| t.is_word() && t.has(Token::LOWERCASE) && ctx.covered[i].is_none())
        && name_particle(ctx.key(i))
}

/// Parts of one name are all in capitals, or none is (`DELIL SOULEIMAN` stays apart
/// from a following `Abdel`, an acronym from the name before it).
fn same_case(ctx: &Ctx<'_>, i: usize, all_caps: bool) -> bool {
    ctx.tokens[i].has(Token::ALL_CAPS) == all_caps
}
