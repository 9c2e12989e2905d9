//! One typed row per annotation: what the columnar outputs of `glose annotate`
//! (`--format csv` and `--format parquet`) hold, computed once for both.
//!
//! A row has the document (`path`, `date`), the span in UTF-8 bytes (`start`, `end`, as
//! in JSONL) and in code points (`start_char`, `end_char`), the label, text, tagger,
//! entity and confidence, then the attributes that glose's own taggers write as typed
//! columns of their label (`quantity_*` for `QUANTITY`, `date_*` for `DATE`, `quote_*`
//! for `QUOTE`, read with the keys of [`glose_core::quantity`], [`glose_core::date`] and
//! [`glose_core::quote`]). Every other attribute, and an attribute whose value does not
//! have its column's type, stays in `attrs`, a JSON object as text: nothing the JSONL
//! holds is lost. The schema is documented in `docs/formats.md`.

use std::borrow::Cow;

use glose_core::text::LineIndex;
use glose_core::{Annotation, Attrs, Label, date, quantity, quote};

/// The type of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Text,
    /// A 64-bit signed integer (offsets).
    Int,
    /// A 64-bit float.
    Float,
    /// `true` or `false`.
    Bool,
}

/// A column: its name, type and whether it may be null.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
}

const fn col(name: &'static str, kind: Kind, nullable: bool) -> Column {
    Column {
        name,
        kind,
        nullable,
    }
}

/// The columns, in order.
pub const COLUMNS: [Column; 24] = [
    col("path", Kind::Text, false),
    col("date", Kind::Text, true),
    col("start", Kind::Int, false),
    col("end", Kind::Int, false),
    col("start_char", Kind::Int, false),
    col("end_char", Kind::Int, false),
    col("label", Kind::Text, false),
    col("text", Kind::Text, false),
    col("tagger", Kind::Text, false),
    col("entity", Kind::Text, true),
    col("confidence", Kind::Float, false),
    col("quantity_value", Kind::Float, true),
    col("quantity_low", Kind::Float, true),
    col("quantity_high", Kind::Float, true),
    col("quantity_unit", Kind::Text, true),
    col("quantity_noun", Kind::Text, true),
    col("quantity_approximate", Kind::Bool, true),
    col("date_value", Kind::Text, true),
    col("date_precision", Kind::Text, true),
    col("quote_speaker", Kind::Text, true),
    col("quote_speaker_entity", Kind::Text, true),
    col("quote_verb", Kind::Text, true),
    col("quote_anonymous", Kind::Bool, true),
    col("attrs", Kind::Text, true),
];

/// One value of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'r> {
    Null,
    Text(&'r str),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// The row of one annotation. Borrowed from the document and the annotation; see
/// [`Row::into_owned`] to keep it longer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row<'a> {
    /// The document as the JSONL names it: its path, or a stream record's id as text.
    pub path: Cow<'a, str>,
    /// The document's ` date YYYY-MM` marker.
    pub date: Option<Cow<'a, str>>,
    pub start: u64,
    pub end: u64,
    pub start_char: u64,
    pub end_char: u64,
    pub label: Cow<'a, str>,
    pub text: Cow<'a, str>,
    pub tagger: Cow<'a, str>,
    pub entity: Option<Cow<'a, str>>,
    /// The confidence as the JSONL writes it (a reader of the JSONL gets the same
    /// number); 1 when the JSONL leaves it out.
    pub confidence: f64,
    pub quantity_value: Option<f64>,
    pub quantity_low: Option<f64>,
    pub quantity_high: Option<f64>,
    pub quantity_unit: Option<Cow<'a, str>>,
    pub quantity_noun: Option<Cow<'a, str>>,
    pub quantity_approximate: Option<bool>,
    pub date_value: Option<Cow<'a, str>>,
    pub date_precision: Option<Cow<'a, str>>,
    pub quote_speaker: Option<Cow<'a, str>>,
    pub quote_speaker_entity: Option<Cow<'a, str>>,
    pub quote_verb: Option<Cow<'a, str>>,
    pub quote_anonymous: Option<bool>,
    /// The other attributes, a JSON object as text (keys sorted, as in JSONL).
    pub attrs: Option<String>,
}

fn owned(s: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    s.map(|s| Cow::Owned(s.into_owned()))
}

impl Row<'_> {
    /// The row, owning its strings.
    pub fn into_owned(self) -> Row<'static> {
        Row {
            path: Cow::Owned(self.path.into_owned()),
            date: owned(self.date),
            start: self.start,
            end: self.end,
            start_char: self.start_char,
            end_char: self.end_char,
            label: Cow::Owned(self.label.into_owned()),
            text: Cow::Owned(self.text.into_owned()),
            tagger: Cow::Owned(self.tagger.into_owned()),
            entity: owned(self.entity),
            confidence: self.confidence,
            quantity_value: self.quantity_value,
            quantity_low: self.quantity_low,
            quantity_high: self.quantity_high,
            quantity_unit: owned(self.quantity_unit),
            quantity_noun: owned(self.quantity_noun),
            quantity_approximate: self.quantity_approximate,
            date_value: owned(self.date_value),
            date_precision: owned(self.date_precision),
            quote_speaker: owned(self.quote_speaker),
            quote_speaker_entity: owned(self.quote_speaker_entity),
            quote_verb: owned(self.quote_verb),
            quote_anonymous: self.quote_anonymous,
            attrs: self.attrs,
        }
    }

    /// The value of column `i` of [`COLUMNS`].
    pub fn value(&self, i: usize) -> Value<'_> {
        fn text<'r>(s: &'r Option<Cow<'_, str>>) -> Value<'r> {
            s.as_deref().map_or(Value::Null, Value::Text)
        }
        fn float(f: Option<f64>) -> Value<'static> {
            f.map_or(Value::Null, Value::Float)
        }
        fn boolean(b: Option<bool>) -> Value<'static> {
            b.map_or(Value::Null, Value::Bool)
        }
        let int = |n: u64| Value::Int(i64::try_from(n).unwrap_or(i64::MAX));
        match i {
            0 => Value::Text(&self.path),
            1 => text(&self.date),
            2 => int(self.start),
            3 => int(self.end),
            4 => int(self.start_char),
            5 => int(self.end_char),
            6 => Value::Text(&self.label),
            7 => Value::Text(&self.text),
            8 => Value::Text(&self.tagger),
            9 => text(&self.entity),
            10 => Value::Float(self.confidence),
            11 => float(self.quantity_value),
            12 => float(self.quantity_low),
            13 => float(self.quantity_high),
            14 => text(&self.quantity_unit),
            15 => text(&self.quantity_noun),
            16 => boolean(self.quantity_approximate),
            17 => text(&self.date_value),
            18 => text(&self.date_precision),
            19 => text(&self.quote_speaker),
            20 => text(&self.quote_speaker_entity),
            21 => text(&self.quote_verb),
            22 => boolean(self.quote_anonymous),
            23 => self.attrs.as_deref().map_or(Value::Null, Value::Text),
            _ => Value::Null,
        }
    }
}

/// The rows of a document's annotations, in the order given: `path` names the document
/// as the JSONL does, `date` is its date marker, `text` its text, and `lines` the
/// text's line index (`Document::lines`), which gives the code-point offsets.
pub fn rows<'a>(
    path: &'a str,
    date: Option<&'a str>,
    text: &'a str,
    lines: &LineIndex,
    annotations: &[&'a Annotation],
) -> Vec<Row<'a>> {
    // (Annotations lie on character boundaries: the pipeline checks them.)
    let chars = |offset: usize| lines.char_index(offset).unwrap_or_default() as u64;
    annotations
        .iter()
        .map(|a| row(path, date, text, a, chars(a.span.start), chars(a.span.end)))
        .collect()
}

/// The attributes an annotation has left once the typed columns took theirs.
struct Rest<'a> {
    attrs: &'a Attrs,
    taken: Vec<&'static str>,
}

impl<'a> Rest<'a> {
    /// The attribute `key` when `typed` gives it a column's type; it is then taken.
    fn take<T>(
        &mut self,
        key: &'static str,
        typed: impl Fn(&'a serde_json::Value) -> Option<T>,
    ) -> Option<T> {
        let value = self.attrs.get(key).and_then(typed)?;
        self.taken.push(key);
        Some(value)
    }

    fn text(&mut self, key: &'static str) -> Option<Cow<'a, str>> {
        self.take(key, |v| v.as_str().map(Cow::Borrowed))
    }

    fn boolean(&mut self, key: &'static str) -> Option<bool> {
        self.take(key, serde_json::Value::as_bool)
    }

    /// The attributes not taken, as a JSON object; `None` when there are none.
    fn json(self) -> Option<String> {
        if self.attrs.len() == self.taken.len() {
            return None;
        }
        let rest: serde_json::Map<String, serde_json::Value> = self
            .attrs
            .iter()
            .filter(|(k, _)| !self.taken.contains(&k.as_ref()))
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        // Plain JSON values with string keys always serialise.
        serde_json::to_string(&rest).ok()
    }
}

/// The number a JSON reader of the JSONL gets for an `f32` (written in its shortest
/// form, `0.85`, not the `f64` nearest the `f32`, `0.8500000238418579`).
fn as_written(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

fn row<'a>(
    path: &'a str,
    date: Option<&'a str>,
    text: &'a str,
    a: &'a Annotation,
    start_char: u64,
    end_char: u64,
) -> Row<'a> {
    let mut row = Row {
        path: Cow::Borrowed(path),
        date: date.map(Cow::Borrowed),
        start: a.span.start as u64,
        end: a.span.end as u64,
        start_char,
        end_char,
        label: Cow::Borrowed(a.label.as_str()),
        text: Cow::Borrowed(a.text(text)),
        tagger: Cow::Borrowed(a.tagger),
        entity: a.entity.as_ref().map(|e| Cow::Borrowed(e.as_str())),
        confidence: if a.confidence < 1.0 {
            as_written(a.confidence)
        } else {
            1.0
        },
        ..Row::default()
    };
    let mut rest = Rest {
        attrs: &a.attrs,
        taken: Vec::new(),
    };
    if a.label == Label::QUANTITY {
        enum Amount {
            One(f64),
            Range(f64, f64),
        }
        let amount = rest.take(quantity::VALUE, |v| match v {
            serde_json::Value::Number(n) => n.as_f64().map(Amount::One),
            serde_json::Value::Array(pair) => match pair.as_slice() {
                [low, high] => Some(Amount::Range(low.as_f64()?, high.as_f64()?)),
                _ => None,
            },
            _ => None,
        });
        match amount {
            Some(Amount::One(x)) => {
                row.quantity_value = Some(x);
                row.quantity_low = Some(x);
                row.quantity_high = Some(x);
            }
            Some(Amount::Range(low, high)) => {
                row.quantity_low = Some(low);
                row.quantity_high = Some(high);
            }
            None => {}
        }
        row.quantity_unit = rest.text(quantity::UNIT);
        row.quantity_noun = rest.text(quantity::NOUN);
        row.quantity_approximate = rest.boolean(quantity::APPROXIMATE);
    } else if a.label == Label::DATE {
        row.date_value = rest.take(date::VALUE, |v| match v {
            serde_json::Value::String(s) => Some(Cow::Borrowed(s.as_str())),
            // A range, as an ISO 8601 interval: `2026/2027`.
            serde_json::Value::Array(pair) => match pair.as_slice() {
                [
                    serde_json::Value::String(from),
                    serde_json::Value::String(to),
                ] => Some(Cow::Owned(format!("{from}/{to}"))),
                _ => None,
            },
            _ => None,
        });
        row.date_precision = rest.text(date::PRECISION);
    } else if a.label == Label::QUOTE {
        row.quote_speaker = rest.text(quote::SPEAKER);
        row.quote_speaker_entity = rest.text(quote::SPEAKER_ENTITY);
        row.quote_verb = rest.text(quote::VERB);
        row.quote_anonymous = rest.boolean(quote::ANONYMOUS);
    }
    row.attrs = rest.json();
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use glose_core::EntityId;
    use serde_json::json;

    fn one<'a>(text: &'a str, a: &'a Annotation) -> Row<'a> {
        rows("a.txt", Some("2024-03"), text, &LineIndex::new(text), &[a]).remove(0)
    }

    #[test]
    fn quantity_attributes_are_typed() {
        let text = "près de 5,70 m de crue";
        let a = Annotation::new(0..text.find(" de crue").unwrap(), Label::QUANTITY)
            .with_attr(quantity::VALUE, 5.7)
            .with_attr(quantity::UNIT, "m")
            .with_attr(quantity::APPROXIMATE, true)
            .with_attr(quantity::APPROXIMATOR, "about");
        let row = one(text, &a);
        assert_eq!(row.quantity_value, Some(5.7));
        assert_eq!(
            (row.quantity_low, row.quantity_high),
            (Some(5.7), Some(5.7))
        );
        assert_eq!(row.quantity_unit.as_deref(), Some("m"));
        assert_eq!(row.quantity_noun, None);
        assert_eq!(row.quantity_approximate, Some(true));
        assert_eq!(row.attrs.as_deref(), Some(r#"{"approximator":"about"}"#));
        assert_eq!((row.date_value, row.quote_speaker), (None, None));
        assert_eq!(row.text, "près de 5,70 m");
        assert_eq!(row.date.as_deref(), Some("2024-03"));

        let range = Annotation::new(0..3, Label::QUANTITY)
            .with_attr(quantity::VALUE, json!([25, 26.5]))
            .with_attr(quantity::NOUN, "euros");
        let row = one(text, &range);
        assert_eq!(row.quantity_value, None);
        assert_eq!(
            (row.quantity_low, row.quantity_high),
            (Some(25.0), Some(26.5))
        );
        assert_eq!(row.quantity_noun.as_deref(), Some("euros"));
        assert_eq!((row.quantity_unit, row.quantity_approximate), (None, None));
        assert_eq!(row.attrs, None);
    }

    #[test]
    fn date_and_quote_attributes_are_typed() {
        let text = "« Nous restons », a déclaré Léa Roux lundi 2 mars 2026-2027.";
        let day = Annotation::new(0..3, Label::DATE)
            .with_attr(date::VALUE, "2026-03-02")
            .with_attr(date::PRECISION, "day")
            .with_attr(date::WEEKDAY, "monday")
            .with_attr(date::RESOLVED, true);
        let row = one(text, &day);
        assert_eq!(row.date_value.as_deref(), Some("2026-03-02"));
        assert_eq!(row.date_precision.as_deref(), Some("day"));
        assert_eq!(
            row.attrs.as_deref(),
            Some(r#"{"resolved":true,"weekday":"monday"}"#)
        );
        let years =
            Annotation::new(0..3, Label::DATE).with_attr(date::VALUE, json!(["2026", "2027"]));
        assert_eq!(one(text, &years).date_value.as_deref(), Some("2026/2027"));

        let speaker = text.find("Léa").unwrap();
        let q = Annotation::new(0..text.find(',').unwrap(), Label::QUOTE)
            .with_attr(quote::SPEAKER, "Léa Roux")
            .with_attr(quote::SPEAKER_ENTITY, "~per:lea-roux")
            .with_attr(quote::VERB, "déclaré")
            .with_attr(quote::SPEAKER_START, speaker as u64)
            .with_attr(quote::SPEAKER_END, (speaker + 9) as u64);
        let row = one(text, &q);
        assert_eq!(row.quote_speaker.as_deref(), Some("Léa Roux"));
        assert_eq!(row.quote_speaker_entity.as_deref(), Some("~per:lea-roux"));
        assert_eq!(row.quote_verb.as_deref(), Some("déclaré"));
        assert_eq!(row.quote_anonymous, None);
        assert_eq!(
            row.attrs,
            Some(format!(
                r#"{{"speaker_end":{},"speaker_start":{speaker}}}"#,
                speaker + 9
            ))
        );
        let anonymous = Annotation::new(0..3, Label::QUOTE).with_attr(quote::ANONYMOUS, true);
        assert_eq!(one(text, &anonymous).quote_anonymous, Some(true));
    }

    #[test]
    fn missing_or_mistyped_attributes_are_null_and_kept_in_attrs() {
        let text = "Plusieurs centaines de personnes";
        // No attribute at all: every typed column is null, and so is attrs.
        let bare = Annotation::new(0..9, Label::QUANTITY);
        let row = one(text, &bare);
        let first_typed = COLUMNS
            .iter()
            .position(|c| c.name == "quantity_value")
            .unwrap();
        for (i, column) in COLUMNS.iter().enumerate().skip(first_typed) {
            assert_eq!(row.value(i), Value::Null, "{}", column.name);
        }
        // A value of another type than the column's stays in attrs.
        let odd = Annotation::new(0..9, Label::QUANTITY)
            .with_attr(quantity::VALUE, "beaucoup")
            .with_attr(quantity::APPROXIMATE, "oui")
            .with_attr(quantity::NOUN, "personnes");
        let row = one(text, &odd);
        assert_eq!(row.quantity_value, None);
        assert_eq!(row.quantity_approximate, None);
        assert_eq!(row.quantity_noun.as_deref(), Some("personnes"));
        assert_eq!(
            row.attrs.as_deref(),
            Some(r#"{"approximate":"oui","value":"beaucoup"}"#)
        );
        // Another label's keys have no column here: a PER's `speaker` stays in attrs.
        let per = Annotation::new(0..9, Label::PER)
            .with_attr(quote::SPEAKER, "x")
            .with_attr(quantity::VALUE, 3);
        let row = one(text, &per);
        assert_eq!((row.quote_speaker, row.quantity_value), (None, None));
        assert_eq!(row.attrs.as_deref(), Some(r#"{"speaker":"x","value":3}"#));
        assert_eq!((row.entity, row.confidence), (None, 1.0));
        let lines = LineIndex::new(text);
        assert_eq!(rows("a.txt", None, text, &lines, &[&per])[0].date, None);
    }

    #[test]
    fn offsets_count_code_points_on_accented_text() {
        let text = "\u{feff}À Montréal, Zoë Côté 😀 a rencontré l’équipe de Québec.";
        let span = |s: &str| {
            let start = text.find(s).unwrap();
            start..start + s.len()
        };
        let zoe = Annotation::new(span("Zoë Côté"), Label::PER)
            .with_entity(EntityId::new("zoe-cote"))
            .with_confidence(0.85);
        let quebec = Annotation::new(span("Québec"), Label::LOC);
        let montreal = Annotation::new(span("Montréal"), Label::LOC);
        // Out of text order, as `--all` may give them.
        let lines = LineIndex::new(text);
        let rows = rows("a.txt", None, text, &lines, &[&zoe, &quebec, &montreal]);
        let chars: Vec<char> = text.chars().collect();
        for row in &rows {
            let (s, e) = (row.start_char as usize, row.end_char as usize);
            assert_eq!(chars[s..e].iter().collect::<String>(), row.text);
            assert_eq!(&text[row.start as usize..row.end as usize], row.text);
        }
        assert_eq!((rows[0].start_char, rows[0].end_char), (13, 21));
        assert_eq!((rows[0].start, rows[0].end), (17, 28));
        assert_eq!(rows[0].entity.as_deref(), Some("zoe-cote"));
        // The confidence a JSON reader of the JSONL gets, not the f32's nearest f64.
        assert_eq!(rows[0].confidence, 0.85);
        assert_eq!((rows[2].start_char, rows[2].end_char), (3, 11));
        assert_eq!(rows[1].end_char as usize, chars.len() - 1);
        let owned = rows[0].clone().into_owned();
        assert_eq!(owned, rows[0]);
    }
}
