//! The evidence that types a candidate name: what stands before and after it, and what
//! it is made of.

use glose_core::Label;
use glose_core::text::Token;
use glose_fr::{
    PlaceCue, generic_acronym, geographic_noun, noun_of_place, org_head, person_title, place_cue,
    speech_verb,
};

use crate::chunks::Chunk;
use crate::orgs;
use crate::{Ctx, Strength, given_names};

/// A type, how sure, and why.
pub(crate) type Typing = Option<(Label, Strength, &'static str)>;

/// Types a chunk; an organisation's chunk may grow (`Forces` → `Forces démocratiques
/// syriennes`).
pub(crate) fn classify(ctx: &Ctx<'_>, chunk: Chunk) -> (Chunk, Typing) {
    let s = chunk.start;
    let strong = |label, why| Some((label, Strength::Strong, why));
    let weak = |label, why| Some((label, Strength::Weak, why));

    // What it is made of.
    if !chunk.all_caps && org_head(ctx.key(s)) {
        let grown = orgs::extend(ctx, &chunk);
        if grown.end > chunk.end || chunk.len() > 1 || orgs::acronym_after(ctx, &grown).is_some() {
            return (grown, strong(Label::ORG, "org-head"));
        }
    }
    // Titles and roles just before: `M. X`, `le général X`, `le porte-parole des FDS, X`.
    if let Some(why) = title_before(ctx, s).filter(|_| !chunk.all_caps || chunk.len() >= 2) {
        return (chunk, strong(Label::PER, why));
    }
    // Nouns of geography right before: `l'oued Horan`, `les monts Hamrin`.
    if s >= 1 && ctx.tokens[s - 1].has(Token::LOWERCASE) && geographic_noun(ctx.key(s - 1)) {
        return (chunk, strong(Label::LOC, "place-noun"));
    }
    // Nouns announcing a place: `le village de X`, `au nord de X`.
    if place_noun_before(ctx, s) {
        return (chunk, strong(Label::LOC, "place-noun"));
    }
    // Nouns announcing an organisation: `le groupe X`, `l'ONG X`.
    if org_descriptor_before(ctx, s) {
        return (
            orgs::extend(ctx, &chunk),
            strong(Label::ORG, "org-descriptor"),
        );
    }
    // `Béziers (Hérault)`, `Mossoul (Irak)`: a place in parentheses after a place.
    if !chunk.all_caps
        && s >= 2
        && ctx.punct(s - 1, '(')
        && ctx.punct(chunk.end, ')')
        && ctx.covered[s - 2] == Some(Label::LOC)
    {
        return (chunk, strong(Label::LOC, "place-in-parentheses"));
    }
    // Movement towards or from a place: `vers X`, `depuis X`, `jusqu'à X`.
    if movement_before(ctx, s) {
        return (chunk, strong(Label::LOC, "place-movement"));
    }
    // An acronym defined right after: `Bureau de relèvement de Raqqa (BRR)`.
    if !chunk.all_caps {
        let grown = orgs::extend(ctx, &chunk);
        if orgs::acronym_after(ctx, &grown).is_some() {
            return (grown, strong(Label::ORG, "acronym-definition"));
        }
    }
    // After it: `X, une localité…`, `X, un village de…`.
    if place_apposition_after(ctx, chunk.end) {
        return (chunk, strong(Label::LOC, "place-apposition"));
    }
    // After it: `X, le porte-parole de…`, `X, 34 ans`.
    if let Some(why) = apposition_after(ctx, chunk.end) {
        return (chunk, strong(Label::PER, why));
    }
    // A photographer's credit: `DELIL SOULEIMAN / AFP`.
    if chunk.all_caps && chunk.len() >= 2 && ctx.punct(chunk.end, '/') {
        return (chunk, strong(Label::PER, "credit"));
    }
    // A known given name followed by another part.
    if chunk.len() >= 2 && !chunk.all_caps && given_names().contains(ctx.key(s)) {
        return (chunk, strong(Label::PER, "given-name"));
    }
    // Weaker cues.
    if chunk.all_caps && chunk.len() == 1 {
        let len = ctx.tokens[s].end - ctx.tokens[s].start;
        if (2..=7).contains(&len)
            && !roman_numeral(ctx.tokens[s].text(ctx.text))
            && !generic_acronym(ctx.key(s))
        {
            return (chunk, weak(Label::ORG, "acronym"));
        }
        return (chunk, None);
    }
    if place_preposition_before(ctx, s) {
        return (chunk, weak(Label::LOC, "place-preposition"));
    }
    if speaker_before(ctx, s) {
        return (chunk, weak(Label::PER, "speaker"));
    }
    (chunk, None)
}

fn roman_numeral(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// A title right before `s`, or before an apposition ending with a comma right before
/// it.
fn title_before(ctx: &Ctx<'_>, s: usize) -> Option<&'static str> {
    if s == 0 {
        return None;
    }
    // `M. X`, `Mme X`, `Dr X`.
    if ctx.punct(s - 1, '.') && s >= 2 && matches!(ctx.key(s - 2), "m" | "dr" | "pr" | "mm" | "st")
    {
        return Some("title");
    }
    let before = ctx.key(s - 1);
    if is_title(before) && !ctx.tokens[s - 1].has(Token::CAPITALIZED) {
        return Some("title");
    }
    if matches!(before, "mme" | "mlle" | "me" | "dr") {
        return Some("title");
    }
    // `un porte-parole des FDS X`, `le ministre syrien X`: a title, then a complement
    // made of articles, prepositions, lower-case adjectives and names already tagged.
    {
        let mut j = s;
        for _ in 0..5 {
            if j == 0 {
                break;
            }
            j -= 1;
            let t = &ctx.tokens[j];
            let k = ctx.key(j);
            if is_title(k)
                && !t.has(Token::CAPITALIZED)
                && j + 1 < s
                && complement_ends_well(ctx, s)
            {
                return Some("title-complement");
            }
            let part_of_complement = ctx.covered[j].is_some()
                || matches!(k, "de" | "des" | "du" | "d" | "l" | "la" | "le" | "les")
                || ctx.apostrophe(j)
                || (t.has(Token::LOWERCASE) && crate::orgs::adjective_like(k));
            if !part_of_complement {
                break;
            }
        }
    }
    // `le porte-parole des FDS, X`: a comma, then a title within a few words before.
    if ctx.punct(s - 1, ',') {
        let mut j = s - 1;
        for _ in 0..6 {
            if j == 0 {
                break;
            }
            j -= 1;
            let t = &ctx.tokens[j];
            if t.kind == glose_core::text::TokenKind::Punct
                && !matches!(t.text(ctx.text), "'" | "’" | "-")
            {
                break;
            }
            if is_title(ctx.key(j)) && !t.has(Token::CAPITALIZED) {
                return Some("title-apposition");
            }
        }
    }
    None
}

/// A title's complement must end on an adjective or a name, not a preposition:
/// `le porte-parole des FDS X`, `le président syrien X`, not `le ministre de l'Intérieur`.
fn complement_ends_well(ctx: &Ctx<'_>, s: usize) -> bool {
    let last = s - 1;
    ctx.covered[last].is_some()
        || (ctx.tokens[last].has(Token::LOWERCASE) && crate::orgs::adjective_like(ctx.key(last)))
}

/// Titles, with `parole` for `porte-parole`.
fn is_title(key: &str) -> bool {
    (person_title(key) || key == "parole")
        && !matches!(
            key,
            "famille"
                | "habitant"
                | "habitante"
                | "responsable"
                | "combattant"
                | "refugie"
                | "refugiee"
                | "temoin"
        )
}

/// `X, le porte-parole…`, `X, 34 ans`, `X (34 ans)`.
fn apposition_after(ctx: &Ctx<'_>, e: usize) -> Option<&'static str> {
    let open = if ctx.punct(e, ',') || ctx.punct(e, '(') {
        e + 1
    } else {
        return None;
    };
    // An age.
    if ctx.tokens.get(open).is_some_and(|t| t.is_number()) && ctx.is(open + 1, "ans") {
        return Some("age");
    }
    let mut j = open;
    if matches!(
        ctx.key(j),
        "le" | "la"
            | "un"
            | "une"
            | "son"
            | "sa"
            | "leur"
            | "notre"
            | "ancien"
            | "ancienne"
            | "nouveau"
            | "nouvelle"
    ) {
        j += 1;
    } else if ctx.is(j, "l") && ctx.apostrophe(j + 1) {
        j += 2;
    }
    let k = ctx.key(j);
    (is_title(k) && !ctx.tokens.get(j).is_some_and(|t| t.has(Token::CAPITALIZED)))
        .then_some("title-after")
}

/// `le village de X`, `la localité d'X`, `au nord de X`, `le camp d'X`.
fn place_noun_before(ctx: &Ctx<'_>, s: usize) -> bool {
    let Some(noun) = de_before(ctx, s) else {
        return false;
    };
    if place_noun(ctx, noun) {
        return true;
    }
    // One lower-case word between: `les rues défoncées de X`.
    noun >= 1 && ctx.tokens[noun].has(Token::LOWERCASE) && place_noun(ctx, noun - 1)
}

/// A noun of place at `noun`: `village`, `habitants`, or a point of the compass.
fn place_noun(ctx: &Ctx<'_>, noun: usize) -> bool {
    let k = ctx.key(noun);
    if place_cue(k) == Some(PlaceCue::Strong) || noun_of_place(k) {
        return !ctx.tokens[noun].has(Token::CAPITALIZED) || ctx.sentence_start(noun);
    }
    // `au nord de`, `dans l'est de`, `au nord-est de`.
    matches!(k, "nord" | "sud" | "est" | "ouest")
}

/// `X, une localité…`, `X, le village où…`.
fn place_apposition_after(ctx: &Ctx<'_>, e: usize) -> bool {
    if !ctx.punct(e, ',') {
        return false;
    }
    let j = e + 1;
    matches!(ctx.key(j), "un" | "une" | "le" | "la" | "ce" | "cette")
        && ctx
            .tokens
            .get(j + 1)
            .is_some_and(|t| t.has(Token::LOWERCASE))
        && matches!(place_cue(ctx.key(j + 1)), Some(PlaceCue::Strong))
}

/// The token before a `de`, `d'` or `du` that stands right before `s`.
fn de_before(ctx: &Ctx<'_>, s: usize) -> Option<usize> {
    if s >= 1 && (ctx.is(s - 1, "de") || ctx.is(s - 1, "du") || ctx.is(s - 1, "des")) {
        return s.checked_sub(2);
    }
    if s >= 2 && ctx.apostrophe(s - 1) && ctx.is(s - 2, "d") {
        return s.checked_sub(3);
    }
    None
}

/// `le groupe X`, `l'ONG X`, `la milice X`, `la force française X`: a lower-case noun
/// for organisations right before (an adjective may stand between).
fn org_descriptor_before(ctx: &Ctx<'_>, s: usize) -> bool {
    if s >= 2
        && ctx.tokens[s - 1].has(Token::LOWERCASE)
        && crate::orgs::adjective_like(ctx.key(s - 1))
        && descriptor_at(ctx, s - 1)
    {
        return true;
    }
    descriptor_at(ctx, s)
}

fn descriptor_at(ctx: &Ctx<'_>, s: usize) -> bool {
    s >= 1
        && (!ctx.tokens[s - 1].has(Token::CAPITALIZED) || ctx.is(s - 1, "ong"))
        && matches!(
            ctx.key(s - 1),
            "groupe"
                | "organisation"
                | "ong"
                | "mouvement"
                | "milice"
                | "parti"
                | "agence"
                | "journal"
                | "quotidien"
                | "hebdomadaire"
                | "magazine"
                | "chaine"
                | "site"
                | "societe"
                | "entreprise"
                | "compagnie"
                | "association"
                | "collectif"
                | "brigade"
                | "reseau"
                | "radio"
                | "television"
                | "coalition"
                | "fondation"
                | "institut"
                | "syndicat"
                | "faction"
                | "formation"
                | "confrerie"
                | "banque"
                | "firme"
                | "groupement"
                | "consortium"
                | "think"
        )
}

/// `vers X`, `depuis X`, `jusqu'à X`.
fn movement_before(ctx: &Ctx<'_>, s: usize) -> bool {
    s >= 1
        && ctx.tokens[s - 1].has(Token::LOWERCASE)
        && (matches!(ctx.key(s - 1), "vers" | "depuis")
            || (ctx.is(s - 1, "a") && s >= 3 && ctx.apostrophe(s - 2) && ctx.is(s - 3, "jusqu")))
}

/// `à X`, `en X`, `près de X`.
fn place_preposition_before(ctx: &Ctx<'_>, s: usize) -> bool {
    if s == 0 {
        return false;
    }
    let k = ctx.key(s - 1);
    let before = &ctx.tokens[s - 1];
    if matches!(k, "a" | "en" | "au") && (before.has(Token::LOWERCASE) || ctx.sentence_start(s - 1))
    {
        return true;
    }
    // `près de X`, `autour de X`, `non loin de X`.
    if let Some(noun) = de_before(ctx, s) {
        return matches!(
            ctx.key(noun),
            "pres"
                | "autour"
                | "loin"
                | "abords"
                | "environs"
                | "alentours"
                | "entree"
                | "sortie"
                | "portes"
        );
    }
    false
}

/// `a déclaré X`, `selon X`, `a indiqué à l'AFP X`.
fn speaker_before(ctx: &Ctx<'_>, s: usize) -> bool {
    s >= 1 && {
        let k = ctx.key(s - 1);
        speech_verb(k) || k == "selon"
    }
}
