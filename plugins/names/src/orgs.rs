//! The extent of an organisation's name: a head noun and the lower-case words that
//! follow it (`Forces démocratiques syriennes`, `Observatoire syrien des droits de
//! l'Homme`), confirmed by the acronym in parentheses when there is one.

use glose_core::text::{Token, TokenKind};

use crate::Ctx;
use crate::chunks::Chunk;

/// How far an organisation's name may extend past its capitalised part, in tokens.
const MAX_EXTENSION: usize = 9;

/// Grows an organisation's chunk over the words that belong to its name.
pub(crate) fn extend(ctx: &Ctx<'_>, chunk: &Chunk) -> Chunk {
    let tokens = ctx.tokens;
    let mut ends = vec![chunk.end];
    let mut adjectives_end = chunk.end;
    let mut only_adjectives = true;
    let mut j = chunk.end;
    while j < tokens.len() && j < chunk.end + MAX_EXTENSION {
        let t = &tokens[j];
        if t.has(Token::LINE_BEFORE) {
            break;
        }
        let k = ctx.key(j);
        let glue = t.kind == TokenKind::Punct && matches!(t.text(ctx.text), "'" | "’" | "-");
        let word = t.kind == TokenKind::Word;
        if !(glue || word) {
            break;
        }
        if word && t.has(Token::LOWERCASE) && !adjective_like(k) && !connector(k) {
            only_adjectives = false;
        }
        if word && only_adjectives && adjective_like(k) && j == adjectives_end {
            adjectives_end = j + 1;
        }
        // A name may end on any word but an article or a preposition.
        if word && !connector(k) {
            ends.push(j + 1);
        }
        j += 1;
    }
    // The acronym after decides, when there is one.
    for &end in ends.iter().rev() {
        let grown = Chunk {
            end,
            ..chunk.clone()
        };
        if acronym_after(ctx, &grown).is_some() {
            return grown;
        }
    }
    // Otherwise: adjectives, then up to two complements: a preposition, an article, and
    // a lower-case noun with its adjectives (`de presse`, `de médecine d'urgence`) or a
    // capitalised word that is no place (`de l'Homme`, `de l'ONU`, not `de Damas`).
    let mut end = adjectives_end;
    let mut e = adjectives_end;
    for _ in 0..2 {
        let mut j = e;
        if matches!(
            ctx.key(j),
            "de" | "du" | "des" | "pour" | "contre" | "aux" | "au" | "sur"
        ) {
            j += 1;
        } else if ctx.is(j, "d") && ctx.apostrophe(j + 1) {
            j += 2;
        } else {
            break;
        }
        if matches!(ctx.key(j), "la" | "le" | "les") {
            j += 1;
        } else if ctx.is(j, "l") && ctx.apostrophe(j + 1) {
            j += 2;
        }
        let Some(t) = tokens
            .get(j)
            .filter(|t| t.kind == TokenKind::Word && !t.has(Token::LINE_BEFORE))
        else {
            break;
        };
        let k = ctx.key(j);
        let noun = t.has(Token::LOWERCASE) && !glose_fr::function_word(k) && noun_in_name(k);
        let name = (t.is_capitalized() || t.has(Token::ALL_CAPS))
            && matches!(ctx.covered[j], None | Some(glose_core::Label::ORG));
        if !(noun || name) {
            break;
        }
        j += 1;
        while tokens.get(j).is_some_and(|t| t.has(Token::LOWERCASE)) && adjective_like(ctx.key(j)) {
            j += 1;
        }
        e = j;
        end = e;
    }
    Chunk {
        end,
        ..chunk.clone()
    }
}

/// `(ACRONYM)` right after the chunk, whose letters are the initials of its words: the
/// index after the closing parenthesis.
pub(crate) fn acronym_after(ctx: &Ctx<'_>, chunk: &Chunk) -> Option<usize> {
    let e = chunk.end;
    if !(ctx.punct(e, '(') && ctx.punct(e + 2, ')')) {
        return None;
    }
    let acronym = ctx
        .tokens
        .get(e + 1)
        .filter(|t| t.kind == TokenKind::Word && t.is_capitalized())?;
    initials_match(ctx, chunk.start, chunk.end, acronym.text(ctx.text)).then_some(e + 3)
}

/// Whether the letters of `acronym` are the initials of the content words of tokens
/// `[start, end)` (articles and prepositions may be skipped, and so may be the initials
/// of a few content words).
pub(crate) fn initials_match(ctx: &Ctx<'_>, start: usize, end: usize, acronym: &str) -> bool {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if letters.len() < 2 {
        return false;
    }
    let words: Vec<(char, bool)> = (start..end)
        .filter(|&i| ctx.tokens[i].kind == TokenKind::Word)
        .filter_map(|i| {
            let k = ctx.key(i);
            let first = k.chars().next()?;
            Some((first, !connector(k)))
        })
        .collect();
    // Every letter must be the initial of a word, in order; every content word but
    // at most one must give a letter.
    let (mut li, mut skipped_content) = (0, 0);
    for &(initial, content) in &words {
        if li < letters.len() && initial == letters[li] {
            li += 1;
        } else if content {
            skipped_content += 1;
        }
    }
    li == letters.len()
        && skipped_content <= 1
        && words.first().is_some_and(|&(c, _)| c == letters[0])
}

/// Articles and prepositions inside names.
pub(crate) fn connector(key: &str) -> bool {
    matches!(
        key,
        "de" | "du"
            | "des"
            | "d"
            | "la"
            | "le"
            | "les"
            | "l"
            | "pour"
            | "et"
            | "en"
            | "a"
            | "au"
            | "aux"
            | "sur"
            | "contre"
            | "dans"
            | "of"
            | "the"
            | "for"
            | "and"
    )
}

/// Lower-case words that look like adjectives (`démocratiques`, `syrien`, `libre`).
pub(crate) fn adjective_like(key: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "ique", "iques", "ien", "iens", "ienne", "iennes", "ais", "aise", "aises", "al", "ale",
        "ales", "aux", "aire", "aires", "if", "ifs", "ive", "ives", "el", "els", "elle", "elles",
        "ain", "ains", "aine", "aines", "ois", "oise", "oises", "iste", "istes", "ite", "ites",
        "ien", "ial", "iale", "iaux", "iales", "yen", "yens", "yenne", "yennes",
    ];
    key.len() > 3 && SUFFIXES.iter().any(|s| key.ends_with(s))
        || matches!(
            key,
            "libre"
                | "libres"
                | "unies"
                | "unis"
                | "arabe"
                | "arabes"
                | "kurde"
                | "kurdes"
                | "turc"
                | "turcs"
                | "turque"
                | "turques"
                | "armees"
                | "armee"
                | "speciales"
                | "speciaux"
                | "populaire"
                | "populaires"
                | "democratique"
                | "general"
                | "generale"
                | "generaux"
                | "supreme"
                | "central"
                | "centrale"
                | "interieure"
                | "exterieure"
                | "nationale"
                | "national"
                | "internationale"
                | "international"
                | "independant"
                | "independante"
                | "humanitaire"
                | "humanitaires"
                | "civile"
                | "civil"
                | "civils"
                | "civiles"
                | "mondial"
                | "mondiale"
                | "europeen"
                | "europeenne"
                | "africaine"
                | "africain"
                | "syrien"
                | "syrienne"
                | "irakien"
                | "irakienne"
                | "libanais"
                | "libanaise"
                | "francais"
                | "francaise"
        )
}

/// Lower-case nouns common inside organisation names (`droits`, `protection`,
/// `relèvement`, `eau`).
fn noun_in_name(key: &str) -> bool {
    key.len() > 2
        && !matches!(
            key,
            "est"
                | "sont"
                | "ont"
                | "etait"
                | "a"
                | "avait"
                | "qui"
                | "que"
                | "dont"
                | "mais"
                | "ou"
                | "car"
                | "donc"
                | "selon"
                | "apres"
                | "avant"
                | "depuis"
                | "lors"
                | "entre"
                | "vers"
                | "chez"
                | "sans"
                | "avec"
                | "par"
        )
}
