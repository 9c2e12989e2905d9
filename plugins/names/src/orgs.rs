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
        if word && t.has(Token::LOWERCASE) && !adjective_like(k) && !glose_fr::name_connector(k) {
            only_adjectives = false;
        }
        if word && only_adjectives && adjective_like(k) && j == adjectives_end {
            adjectives_end = j + 1;
        }
        // A name may end on any word but an article or a preposition.
        if word && !glose_fr::name_connector(k) {
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
/// `[start, end)` (articles and prepositions may be skipped, and so may be the initial
/// of one content word).
pub(crate) fn initials_match(ctx: &Ctx<'_>, start: usize, end: usize, acronym: &str) -> bool {
    glose_fr::initials_match(
        (start..end)
            .filter(|&i| ctx.tokens[i].kind == TokenKind::Word)
            .map(|i| ctx.key(i)),
        acronym,
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
