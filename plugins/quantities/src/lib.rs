#![doc = include_str!("../README.md")]

use glose_core::text::Token;
use glose_core::{Annotation, AnnotationStore, Attrs, Document, quantity};
use glose_fr::{
    collective, duration_unit, function_word, month, number_word, parse_digits, weekday,
};
use glose_sdk::{DocumentView, Label, TagError, TagOutput, Tagger};
use serde_json::{Value, json};

/// The name of this tagger.
pub const NAME: &str = "quantities";

/// What this tagger does, in Markdown (its README).
pub const DOCS: &str = include_str!("../README.md");

/// The `quantities` tagger.
#[derive(Debug, Default)]
pub struct Quantities;

glose_sdk::plugin!(
    Quantities,
    NAME,
    "Tags counted quantities with their value, approximator and counted noun."
);

#[cfg(feature = "plugin")]
glose_sdk::export_tagger!(Quantities);

impl Tagger for Quantities {
    // Read for the entity a quantity is about.
    glose_sdk::tagger_identity!(requires: Label::NAMES, provides: [Label::QUANTITY]);

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let mut out = TagOutput::new();
        find_quantities(doc.document, doc.annotations, &mut out.annotations);
        Ok(out)
    }
}

/// The text of token `i`, folded (empty past the end).
struct Words<'a> {
    text: &'a str,
    tokens: &'a [Token],
    keys: &'a glose_core::text::TokenKeys,
}

impl<'a> Words<'a> {
    /// The folded key of word token `i` (empty for numbers and punctuation).
    fn key(&self, i: usize) -> &'a str {
        match self.tokens.get(i) {
            Some(t) if t.is_word() => self.keys.get(i),
            _ => "",
        }
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.key(i) == word
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_punct(self.text, c))
    }

    /// `de`, `d'`, `des` at `i`: the index after it.
    fn de(&self, i: usize) -> Option<usize> {
        if self.is(i, "de") || self.is(i, "des") {
            Some(i + 1)
        } else if self.is(i, "d") && (self.punct(i + 1, '\'') || self.punct(i + 1, '’')) {
            Some(i + 2)
        } else {
            None
        }
    }
}

/// What comes before an amount.
fn approximator(w: &Words<'_>, i: usize) -> Option<(usize, &'static str)> {
    let k = w.key(i);
    let de_after = |j: usize| w.de(j);
    Some(match k {
        "quelque" | "quelques" | "environ" | "approximativement" | "presque" | "quasiment" => {
            (i + 1, "about")
        }
        "pres" | "autour" => (de_after(i + 1)?, "about"),
        "plus" => (de_after(i + 1)?, "more-than"),
        "moins" => (de_after(i + 1)?, "less-than"),
        "au" if w.is(i + 1, "moins") => (i + 2, "at-least"),
        "au" if w.is(i + 1, "plus") => (i + 2, "at-most"),
        "pas" if w.is(i + 1, "moins") => (de_after(i + 2)?, "at-least"),
        "jusqu" if (w.punct(i + 1, '\'') || w.punct(i + 1, '’')) && w.is(i + 2, "a") => {
            (i + 3, "up-to")
        }
        _ => return None,
    })
}

/// A number at `i`: digits, or a number word, with a multiplier (`millions`) after it.
/// The value, the index after it, and whether a `de` must follow (`2 millions de`).
fn number(w: &Words<'_>, i: usize) -> Option<(f64, usize, bool)> {
    let (mut value, mut next) = match parse_digits(w.text, w.tokens, i) {
        Some(found) => found,
        None => (number_word(w.key(i))?, i + 1),
    };
    // `2,4 millions`, `3 milliards`, `20 mille`.
    let k = w.key(next);
    let mut needs_de = false;
    match k {
        "million" | "millions" => {
            value *= 1e6;
            next += 1;
            needs_de = true;
        }
        "milliard" | "milliards" => {
            value *= 1e9;
            next += 1;
            needs_de = true;
        }
        "mille" => {
            value *= 1e3;
            next += 1;
        }
        _ => {}
    }
    Some((value, next, needs_de))
}

/// An amount at `i`: `(low, high, approximate, index after, needs "de")`.
fn amount(
    w: &Words<'_>,
    i: usize,
    after_approximator: bool,
) -> Option<(f64, f64, bool, usize, bool)> {
    let k = w.key(i);
    // `une trentaine`, `un millier`, `des dizaines`, `plusieurs milliers`, `quelques centaines`.
    if matches!(
        k,
        "un" | "une" | "des" | "plusieurs" | "quelques" | "quelque" | "de"
    ) && let Some(value) = collective(w.key(i + 1))
    {
        // `des centaines de milliers`.
        let mut end = i + 2;
        let mut value = value;
        if let Some(j) = w.de(end)
            && let Some(more) = collective(w.key(j))
        {
            value *= more;
            end = j + 1;
        }
        return Some((value, value, true, end, true));
    }
    // `un demi-kilomètre`: "un" only counts with "demi" or after an approximator.
    if matches!(k, "un" | "une") {
        if w.is(i + 1, "demi") {
            // The noun reader takes `demi-kilomètre` whole.
            return Some((0.5, 0.5, false, i + 1, false));
        }
        if after_approximator {
            return Some((1.0, 1.0, false, i + 1, false));
        }
        return None;
    }
    // `entre 30 et 40`.
    if k == "entre"
        && let Some((low, j, _)) = number(w, i + 1)
        && w.is(j, "et")
        && let Some((high, end, de)) = number(w, j + 1)
    {
        return Some((low, high, false, end, de));
    }
    let (low, j, de) = number(w, i)?;
    // A range: `300 à 400`, `deux ou trois`, `300-400`.
    if (w.is(j, "a") || w.is(j, "ou") || (w.punct(j, '-') && w.tokens[j].is_attached()))
        && let Some((high, end, de)) = number(w, j + 1)
        && high > low
    {
        return Some((low, high, false, end, de));
    }
    // A collective after a number: `trois centaines de`.
    if let Some(c) = collective(w.key(j))
        && c < 1e6
    {
        return Some((low * c, low * c, true, j + 1, true));
    }
    Some((low, low, false, j, de))
}

/// Adjectives that may stand between the amount and the noun.
fn adjective_before(key: &str) -> bool {
    matches!(
        key,
        "autres"
            | "nouveaux"
            | "nouvelles"
            | "premiers"
            | "premieres"
            | "derniers"
            | "dernieres"
            | "jeunes"
            | "petits"
            | "petites"
            | "grands"
            | "grandes"
            | "anciens"
            | "anciennes"
            | "seuls"
            | "seules"
            | "principaux"
            | "principales"
            | "vrais"
            | "faux"
    )
}

/// Adjectives of units after the noun: `kilomètres carrés`.
fn unit_adjective(key: &str) -> bool {
    matches!(
        key,
        "carre" | "carres" | "cube" | "cubes" | "carree" | "carrees"
    )
}

/// Words that never are the counted noun.
fn not_a_noun(key: &str) -> bool {
    key.is_empty()
        || function_word(key)
        || duration_unit(key)
        || month(key).is_some()
        || weekday(key).is_some()
        || matches!(
            key,
            "fois"
                | "reprises"
                | "ont"
                | "sont"
                | "a"
                | "ete"
                | "etaient"
                | "avaient"
                | "er"
                | "eme"
                | "e"
                | "ieme"
        )
}

/// The counted noun at `i`: the index after it (and its adjective), or `None`.
fn noun(w: &Words<'_>, i: usize) -> Option<(usize, usize)> {
    let mut i = i;
    if adjective_before(w.key(i)) {
        i += 1;
    }
    let t = w.tokens.get(i)?;
    // A percentage.
    if t.is_punct(w.text, '%') {
        return Some((i, i + 1));
    }
    // `demi-kilomètre`: the noun is after the dash.
    if w.is(i, "demi") && w.punct(i + 1, '-') {
        return noun(w, i + 2);
    }
    if !t.is_word() || !t.has(Token::LOWERCASE) {
        return None;
    }
    let k = w.key(i);
    if not_a_noun(k) {
        return None;
    }
    let mut end = i + 1;
    // Compound nouns: `camions-citernes`.
    if w.punct(end, '-')
        && w.tokens[end].is_attached()
        && w.tokens
            .get(end + 1)
            .is_some_and(|t| t.is_word() && t.is_attached())
    {
        end += 2;
    }
    if unit_adjective(w.key(end)) {
        end += 1;
    }
    Some((i, end))
}

/// Scans the article's tokens for quantities; `annotations` are the earlier ones (for
/// the entity a quantity is about).
pub fn find_quantities(
    document: &Document,
    annotations: &AnnotationStore,
    out: &mut Vec<Annotation>,
) {
    let text = document.text();
    let tokens = document.tokens();
    let w = Words {
        text,
        tokens,
        keys: document.keys(),
    };
    let mut i = document.first_body_token();
    // Every quantity holds an anchor (digits, a number word, a collective) at most
    // `MAX_LEAD` tokens after its start: only tokens that near one are tried.
    let mut next_anchor = i;
    while i < tokens.len() {
        if next_anchor < i {
            next_anchor = i;
        }
        while next_anchor < tokens.len() && !anchor(&w, next_anchor) {
            next_anchor += 1;
        }
        if next_anchor == tokens.len() {
            break;
        }
        if next_anchor - i > MAX_LEAD {
            i = next_anchor - MAX_LEAD;
        }
        match quantity_at(&w, i) {
            Some((end, mut attrs)) => {
                let span = tokens[i].start as usize..tokens[end - 1].end as usize;
                if let Some(about) = about(&w, end, annotations) {
                    attrs.insert(quantity::ABOUT.into(), about);
                }
                let mut a = Annotation::new(span, Label::QUANTITY);
                a.attrs = attrs;
                out.push(a);
                i = end;
            }
            None => i += 1,
        }
    }
}

/// The most tokens before a quantity's first anchor: `pas moins de 300`, `jusqu'à 300`,
/// `plus d'une centaine`.
const MAX_LEAD: usize = 4;

/// A token every quantity holds at least one of: digits, a number word, a collective
/// noun, `un`/`une` (`au moins un`, `une trentaine`).
fn anchor(w: &Words<'_>, i: usize) -> bool {
    let t = &w.tokens[i];
    if t.is_number() {
        return true;
    }
    if !t.is_word() {
        return false;
    }
    let k = w.keys.get(i);
    matches!(k, "un" | "une" | "demi") || number_word(k).is_some() || collective(k).is_some()
}

fn quantity_at(w: &Words<'_>, i: usize) -> Option<(usize, Attrs)> {
    let (start_amount, approx) = match approximator(w, i) {
        Some((j, kind)) => (j, Some(kind)),
        None => (i, None),
    };
    if approx.is_none() && i > 0 {
        let before = w.key(i - 1);
        // `les deux pays`, `ces trois villes`: "both", "these", not a count.
        if number_word(w.key(i)).is_some()
            && matches!(
                before,
                "les" | "ces" | "leurs" | "ses" | "nos" | "vos" | "mes" | "tes"
            )
        {
            return None;
        }
        // `en 2014 comparaissent`: a year, not an amount.
        if is_year_like(w, i) && year_preposition(before) {
            return None;
        }
    }
    let (low, high, approximate, after, needs_de) = amount(w, start_amount, approx.is_some())?;
    // A day number before a month is a date, a number word alone is no amount.
    let noun_at = if needs_de { w.de(after)? } else { after };
    let (noun_start, end) = noun(w, noun_at)?;
    let t = &w.tokens[noun_start];
    let mut attrs = Attrs::new();
    attrs.insert(
        quantity::VALUE.into(),
        if low == high {
            number_value(low)
        } else {
            json!([number_value(low), number_value(high)])
        },
    );
    if approximate || approx.is_some() {
        attrs.insert(quantity::APPROXIMATE.into(), true.into());
    }
    if let Some(kind) = approx {
        attrs.insert(quantity::APPROXIMATOR.into(), kind.into());
    }
    if t.is_punct(w.text, '%') {
        attrs.insert(quantity::UNIT.into(), "%".into());
    } else {
        attrs.insert(quantity::NOUN.into(), t.text(w.text).into());
    }
    Some((end, attrs))
}

/// A four-digit number from 1900 to 2099, written without separators.
fn is_year_like(w: &Words<'_>, i: usize) -> bool {
    let t = &w.tokens[i];
    t.is_number()
        && t.end - t.start == 4
        && t.text(w.text)
            .parse::<u16>()
            .is_ok_and(|y| (1900..=2099).contains(&y))
        && parse_digits(w.text, w.tokens, i).is_some_and(|(_, next)| next == i + 1)
}

/// Words before a year: `en 2014`, `depuis 2011`, `l'été 2017`.
fn year_preposition(key: &str) -> bool {
    matches!(
        key,
        "en" | "depuis"
            | "des"
            | "avant"
            | "apres"
            | "jusqu"
            | "fin"
            | "debut"
            | "courant"
            | "mi"
            | "annee"
            | "annees"
            | "an"
            | "printemps"
            | "ete"
            | "automne"
            | "hiver"
            | "janvier"
            | "fevrier"
            | "mars"
            | "avril"
            | "mai"
            | "juin"
            | "juillet"
            | "aout"
            | "septembre"
            | "octobre"
            | "novembre"
            | "decembre"
            | "of"
            | "et"
    )
}

fn number_value(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        Value::from(x as i64)
    } else {
        Value::from(x)
    }
}

/// The entity a quantity is about: `400 combattants du groupe Etat islamique`, `de
/// l'EI`, `des FDS`.
fn about(w: &Words<'_>, end: usize, annotations: &AnnotationStore) -> Option<Value> {
    let mut j = end;
    if w.is(j, "du") {
        j += 1;
    } else if let Some(next) = w.de(j) {
        j = next;
        if w.is(j, "l") && (w.punct(j + 1, '\'') || w.punct(j + 1, '’')) {
            j += 2;
        } else if w.is(j, "la") || w.is(j, "les") {
            j += 1;
        }
    } else {
        return None;
    }
    if w.is(j, "groupe") || w.is(j, "mouvement") || w.is(j, "organisation") {
        j += 1;
    }
    let start = w.tokens.get(j)?.start as usize;
    let entity = annotations.at(start).find(|a| {
        a.span.start == start && [Label::ORG, Label::PER, Label::LOC].contains(&a.label)
    })?;
    Some(match &entity.entity {
        Some(id) => id.as_str().into(),
        None => entity.text(w.text).into(),
    })
}

#[cfg(test)]
mod tests;
