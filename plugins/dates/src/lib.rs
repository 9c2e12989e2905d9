#![doc = include_str!("../README.md")]

use glose_core::text::Token;
use glose_core::{Annotation, Attrs, Document, YearMonth, date};
use glose_fr::{month, part_of_day, season, weekday};
use glose_sdk::{DocumentView, Label, TagError, TagOutput, Tagger};
use serde_json::Value;

/// The name of this tagger.
pub const NAME: &str = "dates";

/// What this tagger does, in Markdown (its README).
pub const DOCS: &str = include_str!("../README.md");

/// The `dates` tagger.
#[derive(Debug, Default)]
pub struct Dates;

glose_sdk::plugin!(
    Dates,
    NAME,
    "Tags dates (weekdays, months, years, full dates) with their normalised value."
);

#[cfg(feature = "plugin")]
glose_sdk::export_tagger!(Dates);

impl Tagger for Dates {
    glose_sdk::tagger_identity!(provides: [Label::DATE]);

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let mut out = TagOutput::new();
        find_dates(doc.document, &mut out.annotations);
        Ok(out)
    }
}

/// A date found: tokens `[start, end)` and its value.
struct Found {
    start: usize,
    end: usize,
    value: Option<Value>,
    precision: &'static str,
    weekday: Option<u8>,
    resolved: bool,
}

/// Scans the article's tokens for dates.
pub fn find_dates(document: &Document, out: &mut Vec<Annotation>) {
    let text = document.text();
    let tokens = document.tokens();
    let reference = document.meta().date;
    let keys = Keys(document.keys());
    let mut i = document.first_body_token();
    while i < tokens.len() {
        let Some(found) = date_at(text, tokens, &keys, i, reference) else {
            i += 1;
            continue;
        };
        let span = tokens[found.start].start as usize..tokens[found.end - 1].end as usize;
        let mut attrs = Attrs::new();
        if let Some(value) = found.value {
            attrs.insert(date::VALUE.into(), value);
        }
        attrs.insert(date::PRECISION.into(), found.precision.into());
        if let Some(day) = found.weekday {
            attrs.insert(
                date::WEEKDAY.into(),
                glose_fr::WEEKDAYS[day as usize - 1].into(),
            );
        }
        if found.resolved {
            attrs.insert(date::RESOLVED.into(), true.into());
        }
        let mut a = Annotation::new(span, Label::DATE);
        a.attrs = attrs;
        out.push(a);
        i = found.end;
    }
}

/// The folded key of token `i` (see `Document::key`), for the whole module.
struct Keys<'a>(&'a glose_core::text::TokenKeys);

/// A day of the month at token `i` (`21`, `1er`): the day and the next token.
fn day_at(text: &str, tokens: &[Token], i: usize) -> Option<(u8, usize)> {
    let t = tokens.get(i)?;
    let s = t.text(text);
    let digits = if t.is_number() {
        s
    } else {
        s.strip_suffix("er")
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?
    };
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let day: u8 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some((day, i + 1))
}

/// A month at token `i`, with its abbreviation dot: the month and the next token.
fn month_at(text: &str, tokens: &[Token], keys: &Keys<'_>, i: usize) -> Option<(u8, usize)> {
    tokens.get(i).filter(|t| t.is_word())?;
    let k = keys.0.get(i);
    let m = month(k)?;
    let mut next = i + 1;
    // `févr.`, `janv.`: an abbreviation takes its dot (not a short month in full that
    // ends a sentence: `en août.`).
    if k.len() < 5
        && !matches!(k, "mars" | "mai" | "juin" | "aout")
        && tokens
            .get(next)
            .is_some_and(|d| d.is_punct(text, '.') && d.is_attached())
    {
        next += 1;
    }
    Some((m, next))
}

/// A year (1900–2099) at token `i`, not part of a larger number.
fn year_at(text: &str, tokens: &[Token], i: usize) -> Option<(u16, usize)> {
    let t = tokens.get(i).filter(|t| t.is_number())?;
    let s = t.text(text);
    if s.len() != 4 {
        return None;
    }
    let year: u16 = s.parse().ok()?;
    if !(1900..=2099).contains(&year) {
        return None;
    }
    // Not a piece of `12.2014` or `2014,5`.
    let separator = |t: &Token| t.is_attached() && (t.is_punct(text, '.') || t.is_punct(text, ','));
    let glued_before =
        i >= 2 && t.is_attached() && separator(&tokens[i - 1]) && tokens[i - 2].is_number();
    let glued_after = tokens
        .get(i + 1)
        .zip(tokens.get(i + 2))
        .is_some_and(|(sep, n)| separator(sep) && n.is_number() && n.is_attached());
    if glued_before || glued_after {
        return None;
    }
    Some((year, i + 1))
}

/// The year a month (or day) without a year falls in, seen from the article's date.
fn resolve_year(month: u8, reference: Option<YearMonth>) -> Option<u16> {
    let r = reference?;
    Some(if month > r.month { r.year - 1 } else { r.year })
}

fn date_value(year: Option<u16>, month: Option<u8>, day: Option<u8>) -> Option<Value> {
    Some(
        match (year, month, day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), None, _) => format!("{y:04}"),
            _ => return None,
        }
        .into(),
    )
}

/// A day, month and optional year at `i`: `21 février 2019`, `1er juin`.
fn full_date_at(
    text: &str,
    tokens: &[Token],
    keys: &Keys<'_>,
    i: usize,
    reference: Option<YearMonth>,
) -> Option<Found> {
    let (day, j) = day_at(text, tokens, i)?;
    let (m, mut k) = month_at(text, tokens, keys, j)?;
    let year = match year_at(text, tokens, k) {
        Some((y, next)) => {
            k = next;
            Some(y)
        }
        None => None,
    };
    let resolved = year.is_none();
    let year = year.or_else(|| resolve_year(m, reference));
    Some(Found {
        start: i,
        end: k,
        value: date_value(year, Some(m), year.map(|_| day)),
        precision: "day",
        weekday: None,
        resolved: resolved && year.is_some(),
    })
}

/// `21/02/2019`.
fn numeric_date_at(text: &str, tokens: &[Token], i: usize) -> Option<Found> {
    let (day, _) = day_at(text, tokens, i).filter(|_| tokens[i].is_number())?;
    let sep = tokens.get(i + 1)?;
    let slash = sep.is_punct(text, '/');
    if !slash || !sep.is_attached() {
        return None;
    }
    let m = tokens
        .get(i + 2)
        .filter(|t| t.is_number() && t.is_attached())?;
    let m: u8 = m.text(text).parse().ok().filter(|m| (1..=12).contains(m))?;
    tokens
        .get(i + 3)
        .filter(|t| t.is_punct(text, '/') && t.is_attached())?;
    let (year, end) = year_at(text, tokens, i + 4).filter(|_| tokens[i + 4].is_attached())?;
    Some(Found {
        start: i,
        end,
        value: date_value(Some(year), Some(m), Some(day)),
        precision: "day",
        weekday: None,
        resolved: false,
    })
}

fn date_at(
    text: &str,
    tokens: &[Token],
    keys: &Keys<'_>,
    i: usize,
    reference: Option<YearMonth>,
) -> Option<Found> {
    let t = &tokens[i];
    if t.is_number() || (t.is_word() && t.text(text).starts_with(|c: char| c.is_ascii_digit())) {
        if let Some(found) = numeric_date_at(text, tokens, i) {
            return Some(found);
        }
        if let Some(found) = full_date_at(text, tokens, keys, i, reference) {
            return Some(found);
        }
        if let Some((year, mut end)) = year_at(text, tokens, i) {
            // A range of years: `2014-2017`.
            let mut value = date_value(Some(year), None, None);
            if let (Some(dash), Some((to, next))) =
                (tokens.get(end), year_at(text, tokens, end + 1))
                && (dash.is_punct(text, '-') || dash.is_punct(text, '–'))
                && to > year
            {
                value = Some(serde_json::json!([
                    format!("{year:04}"),
                    format!("{to:04}")
                ]));
                end = next;
            }
            return Some(Found {
                start: i,
                end,
                value,
                precision: "year",
                weekday: None,
                resolved: false,
            });
        }
        return None;
    }
    if !t.is_word() {
        return None;
    }
    let k = keys.0.get(i);
    // A weekday, maybe with a date and a part of the day.
    if let Some(day_of_week) = weekday(k) {
        let mut end = i + 1;
        let mut found = Found {
            start: i,
            end,
            value: reference.map(|r| Value::from(r.to_string())),
            precision: "month",
            weekday: Some(day_of_week),
            resolved: reference.is_some(),
        };
        if let Some(full) = full_date_at(text, tokens, keys, end, reference) {
            end = full.end;
            found.value = full.value;
            found.precision = "day";
            found.resolved = full.resolved;
        }
        end = part_of_day_after(text, tokens, keys, end);
        found.end = end;
        if reference.is_none() && found.precision != "day" {
            found.value = None;
            found.precision = "weekday";
        }
        return Some(found);
    }
    // `mi-mars`.
    if k == "mi"
        && tokens
            .get(i + 1)
            .is_some_and(|d| d.is_punct(text, '-') && d.is_attached())
        && let Some((m, end)) =
            month_at(text, tokens, keys, i + 2).filter(|_| tokens[i + 2].is_attached())
    {
        return Some(month_found(text, tokens, i, m, end, reference));
    }
    if let Some((m, end)) = month_at(text, tokens, keys, i) {
        // `mars` is also a planet and a given name: capitalised mid-sentence without a
        // year, it is not taken as a month.
        if k == "mars"
            && t.is_capitalized()
            && !t.has(Token::PARAGRAPH_BEFORE)
            && year_at(text, tokens, end).is_none()
            && !sentence_start(text, tokens, i)
        {
            return None;
        }
        return Some(month_found(text, tokens, i, m, end, reference));
    }
    if season(k).is_some()
        && let Some((year, end)) = year_at(text, tokens, i + 1)
    {
        return Some(Found {
            start: i,
            end,
            value: date_value(Some(year), None, None),
            precision: "season",
            weekday: None,
            resolved: false,
        });
    }
    None
}

/// A month (from token `start`, ending before `end`), with the year that may follow.
fn month_found(
    text: &str,
    tokens: &[Token],
    start: usize,
    m: u8,
    end: usize,
    reference: Option<YearMonth>,
) -> Found {
    match year_at(text, tokens, end) {
        Some((year, end)) => Found {
            start,
            end,
            value: date_value(Some(year), Some(m), None),
            precision: "month",
            weekday: None,
            resolved: false,
        },
        None => {
            let year = resolve_year(m, reference);
            Found {
                start,
                end,
                value: date_value(year, Some(m), None),
                precision: "month",
                weekday: None,
                resolved: year.is_some(),
            }
        }
    }
}

/// Extends past `soir`, `matin`, `après-midi` right after a weekday.
fn part_of_day_after(text: &str, tokens: &[Token], keys: &Keys<'_>, end: usize) -> usize {
    if !tokens
        .get(end)
        .is_some_and(|t| t.is_word() && !t.is_attached())
    {
        return end;
    };
    let k = keys.0.get(end);
    if !part_of_day(k) {
        return end;
    }
    if k == "apres" {
        // Only `après-midi`.
        let dash = tokens
            .get(end + 1)
            .is_some_and(|d| d.is_punct(text, '-') && d.is_attached());
        let midi =
            keys.0.get(end + 2) == "midi" && tokens.get(end + 2).is_some_and(|m| m.is_attached());
        return if dash && midi { end + 3 } else { end };
    }
    end + 1
}

/// Whether token `i` starts a sentence.
fn sentence_start(text: &str, tokens: &[Token], i: usize) -> bool {
    i == 0
        || tokens[i].has(Token::PARAGRAPH_BEFORE)
        || tokens
            .get(i - 1)
            .is_some_and(|p| matches!(p.text(text), "." | "!" | "?" | "«" | "\"" | "“" | ":"))
}

#[cfg(test)]
mod tests;
