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

impl Found {
    /// A date of `precision` over tokens `start..end`, its value given in full.
    fn new(start: usize, end: usize, value: Option<Value>, precision: &'static str) -> Found {
        Found {
            start,
            end,
            value,
            precision,
            weekday: None,
            resolved: false,
        }
    }

    /// The same, its year inferred from the article's date when `resolved`.
    fn resolved(self, resolved: bool) -> Found {
        Found { resolved, ..self }
    }
}

/// Scans the article's tokens for dates.
pub fn find_dates(document: &Document, out: &mut Vec<Annotation>) {
    let tokens = document.tokens();
    let scan = Scan {
        text: document.text(),
        tokens,
        keys: document.keys(),
        reference: document.meta().date,
    };
    let mut i = document.first_body_token();
    while i < tokens.len() {
        let Some(found) = scan.date_at(i) else {
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

/// One article's tokens, scanned for dates.
struct Scan<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// The folded key of each token (see `Document::key`).
    keys: &'a glose_core::text::TokenKeys,
    /// The article's date, to place a month or a day given without a year.
    reference: Option<YearMonth>,
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

impl Scan<'_> {
    /// A day of the month at token `i` (`21`, `1er`): the day and the next token.
    fn day_at(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.tokens.get(i)?;
        let s = t.text(self.text);
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
    fn month_at(&self, i: usize) -> Option<(u8, usize)> {
        self.tokens.get(i).filter(|t| t.is_word())?;
        let k = self.keys.get(i);
        let m = month(k)?;
        let mut next = i + 1;
        // `févr.`, `janv.`: an abbreviation takes its dot (not a short month in full that
        // ends a sentence: `en août.`).
        if k.len() < 5
            && !matches!(k, "mars" | "mai" | "juin" | "aout")
            && self
                .tokens
                .get(next)
                .is_some_and(|d| d.is_punct(self.text, '.') && d.is_attached())
        {
            next += 1;
        }
        Some((m, next))
    }

    /// A year (1900–2099) at token `i`, not part of a larger number.
    fn year_at(&self, i: usize) -> Option<(u16, usize)> {
        let t = self.tokens.get(i).filter(|t| t.is_number())?;
        let s = t.text(self.text);
        if s.len() != 4 {
            return None;
        }
        let year: u16 = s.parse().ok()?;
        if !(1900..=2099).contains(&year) {
            return None;
        }
        // Not a piece of `12.2014` or `2014,5`.
        let separator = |t: &Token| {
            t.is_attached() && (t.is_punct(self.text, '.') || t.is_punct(self.text, ','))
        };
        let glued_before = i >= 2
            && t.is_attached()
            && separator(&self.tokens[i - 1])
            && self.tokens[i - 2].is_number();
        let glued_after = self
            .tokens
            .get(i + 1)
            .zip(self.tokens.get(i + 2))
            .is_some_and(|(sep, n)| separator(sep) && n.is_number() && n.is_attached());
        if glued_before || glued_after {
            return None;
        }
        Some((year, i + 1))
    }

    /// A day, month and optional year at `i`: `21 février 2019`, `1er juin`.
    fn full_date_at(&self, i: usize) -> Option<Found> {
        let (day, j) = self.day_at(i)?;
        let (m, mut k) = self.month_at(j)?;
        let year = match self.year_at(k) {
            Some((y, next)) => {
                k = next;
                Some(y)
            }
            None => None,
        };
        let resolved = year.is_none();
        let year = year.or_else(|| resolve_year(m, self.reference));
        Some(
            Found::new(i, k, date_value(year, Some(m), year.map(|_| day)), "day")
                .resolved(resolved && year.is_some()),
        )
    }

    /// `21/02/2019`.
    fn numeric_date_at(&self, i: usize) -> Option<Found> {
        let (day, _) = self.day_at(i).filter(|_| self.tokens[i].is_number())?;
        let sep = self.tokens.get(i + 1)?;
        let slash = sep.is_punct(self.text, '/');
        if !slash || !sep.is_attached() {
            return None;
        }
        let m = self
            .tokens
            .get(i + 2)
            .filter(|t| t.is_number() && t.is_attached())?;
        let m: u8 = m
            .text(self.text)
            .parse()
            .ok()
            .filter(|m| (1..=12).contains(m))?;
        self.tokens
            .get(i + 3)
            .filter(|t| t.is_punct(self.text, '/') && t.is_attached())?;
        let (year, end) = self
            .year_at(i + 4)
            .filter(|_| self.tokens[i + 4].is_attached())?;
        Some(Found::new(
            i,
            end,
            date_value(Some(year), Some(m), Some(day)),
            "day",
        ))
    }

    fn date_at(&self, i: usize) -> Option<Found> {
        let t = &self.tokens[i];
        if t.is_number()
            || (t.is_word() && t.text(self.text).starts_with(|c: char| c.is_ascii_digit()))
        {
            if let Some(found) = self.numeric_date_at(i) {
                return Some(found);
            }
            if let Some(found) = self.full_date_at(i) {
                return Some(found);
            }
            if let Some((year, mut end)) = self.year_at(i) {
                // A range of years: `2014-2017`.
                let mut value = date_value(Some(year), None, None);
                if let (Some(dash), Some((to, next))) =
                    (self.tokens.get(end), self.year_at(end + 1))
                    && (dash.is_punct(self.text, '-') || dash.is_punct(self.text, '–'))
                    && to > year
                {
                    value = Some(serde_json::json!([
                        format!("{year:04}"),
                        format!("{to:04}")
                    ]));
                    end = next;
                }
                return Some(Found::new(i, end, value, "year"));
            }
            return None;
        }
        if !t.is_word() {
            return None;
        }
        let k = self.keys.get(i);
        // A weekday, maybe with a date and a part of the day.
        if let Some(day_of_week) = weekday(k) {
            let mut end = i + 1;
            let mut found = Found {
                start: i,
                end,
                value: self.reference.map(|r| Value::from(r.to_string())),
                precision: "month",
                weekday: Some(day_of_week),
                resolved: self.reference.is_some(),
            };
            if let Some(full) = self.full_date_at(end) {
                end = full.end;
                found.value = full.value;
                found.precision = "day";
                found.resolved = full.resolved;
            }
            end = self.part_of_day_after(end);
            found.end = end;
            if self.reference.is_none() && found.precision != "day" {
                found.value = None;
                found.precision = "weekday";
            }
            return Some(found);
        }
        // `mi-mars`.
        if k == "mi"
            && self
                .tokens
                .get(i + 1)
                .is_some_and(|d| d.is_punct(self.text, '-') && d.is_attached())
            && let Some((m, end)) = self
                .month_at(i + 2)
                .filter(|_| self.tokens[i + 2].is_attached())
        {
            return Some(self.month_found(i, m, end));
        }
        if let Some((m, end)) = self.month_at(i) {
            // `mars` is also a planet and a given name: capitalised mid-sentence without a
            // year, it is not taken as a month.
            if k == "mars"
                && t.is_capitalized()
                && !t.has(Token::PARAGRAPH_BEFORE)
                && self.year_at(end).is_none()
                && !self.sentence_start(i)
            {
                return None;
            }
            return Some(self.month_found(i, m, end));
        }
        if season(k).is_some()
            && let Some((year, end)) = self.year_at(i + 1)
        {
            return Some(Found::new(
                i,
                end,
                date_value(Some(year), None, None),
                "season",
            ));
        }
        None
    }

    /// A month (from token `start`, ending before `end`), with the year that may follow.
    fn month_found(&self, start: usize, m: u8, end: usize) -> Found {
        match self.year_at(end) {
            Some((year, end)) => {
                Found::new(start, end, date_value(Some(year), Some(m), None), "month")
            }
            None => {
                let year = resolve_year(m, self.reference);
                Found::new(start, end, date_value(year, Some(m), None), "month")
                    .resolved(year.is_some())
            }
        }
    }

    /// Extends past `soir`, `matin`, `après-midi` right after a weekday.
    fn part_of_day_after(&self, end: usize) -> usize {
        if !self
            .tokens
            .get(end)
            .is_some_and(|t| t.is_word() && !t.is_attached())
        {
            return end;
        };
        let k = self.keys.get(end);
        if !part_of_day(k) {
            return end;
        }
        if k == "apres" {
            // Only `après-midi`.
            let dash = self
                .tokens
                .get(end + 1)
                .is_some_and(|d| d.is_punct(self.text, '-') && d.is_attached());
            let midi = self.keys.get(end + 2) == "midi"
                && self.tokens.get(end + 2).is_some_and(|m| m.is_attached());
            return if dash && midi { end + 3 } else { end };
        }
        end + 1
    }

    /// Whether token `i` starts a sentence.
    fn sentence_start(&self, i: usize) -> bool {
        i == 0
            || self.tokens[i].has(Token::PARAGRAPH_BEFORE)
            || self.tokens.get(i - 1).is_some_and(|p| {
                matches!(p.text(self.text), "." | "!" | "?" | "«" | "\"" | "“" | ":")
            })
    }
}

#[cfg(test)]
mod tests;
