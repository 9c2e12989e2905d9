//! Scoring quotes and their speakers against quote gold (`quotes.jsonl` beside a gold
//! file: `{"doc": NAME, "quotes": [{"start", "end", "text", "speaker"}]}`, UTF-8 byte
//! offsets; `speaker` is the name as the article writes it, `?description` for an unnamed
//! source, empty when nobody is given).
//!
//! A gold quote is **found** when a predicted quote overlaps it. Its speaker is **right**
//! when the predicted speaker is the same name (case, accents, spacing and a leading
//! article aside; an acronym and the name whose initials it gives count as one name: `ITA`
//! and `International Testing Agency`, `FDSEA` and `Fédération départementale des
//! syndicats d'exploitants agricoles`), or when both are anonymous sources, or both have
//! none; it is right **by surname only** when the predicted speaker is the last words of
//! the gold name (`Ortolan` for `Jeanne Ortolan`), counted apart.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{JsonlError, ratio};
use crate::text::fold;

/// A gold quote.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct GoldQuote {
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub speaker: String,
}

/// A quote a tagger found.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PredictedQuote {
    pub start: usize,
    pub end: usize,
    /// The speaker as written, when the tagger named one.
    pub speaker: Option<String>,
    pub anonymous: bool,
}

impl PredictedQuote {
    /// A `QUOTE` annotation as a predicted quote (its `speaker` and `anonymous`
    /// attributes); `None` for another label.
    pub fn from_annotation(a: &crate::Annotation) -> Option<PredictedQuote> {
        let q = crate::quote::QuoteView::of(a)?;
        Some(PredictedQuote {
            start: a.span.start,
            end: a.span.end,
            speaker: q.speaker.map(str::to_owned),
            anonymous: q.anonymous,
        })
    }
}

/// The quotes of one document.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DocQuotes<Q> {
    pub doc: String,
    pub quotes: Vec<Q>,
}

#[derive(Deserialize)]
struct RawGold {
    doc: String,
    quotes: Vec<GoldQuote>,
}

/// Reads quote gold.
pub fn read_gold(text: &str, file: &str) -> Result<Vec<DocQuotes<GoldQuote>>, JsonlError> {
    parse_lines(text, file, |raw: RawGold| DocQuotes {
        doc: raw.doc,
        quotes: raw.quotes,
    })
}

/// Each non-blank line of `text` as JSON, made into a value by `make`.
fn parse_lines<R: serde::de::DeserializeOwned, T>(
    text: &str,
    file: &str,
    make: impl Fn(R) -> T,
) -> Result<Vec<T>, JsonlError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let raw: R = serde_json::from_str(line).map_err(|e| JsonlError {
            file: file.to_owned(),
            line: i + 1,
            message: format!("invalid line: {e}"),
        })?;
        out.push(make(raw));
    }
    Ok(out)
}

#[derive(Deserialize)]
struct RawAnnotation {
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    attrs: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct RawPrediction {
    doc: Option<String>,
    path: Option<String>,
    annotations: Vec<RawAnnotation>,
}

/// The predicted quotes of a glose JSONL output (`QUOTE` annotations and their
/// `speaker` and `anonymous` attributes).
pub fn read_predicted(
    text: &str,
    file: &str,
) -> Result<Vec<DocQuotes<PredictedQuote>>, JsonlError> {
    parse_lines(text, file, |raw: RawPrediction| DocQuotes {
        doc: raw.doc.or(raw.path).unwrap_or_default(),
        quotes: raw
            .annotations
            .into_iter()
            .filter(|a| a.label == "QUOTE")
            .map(|a| PredictedQuote {
                start: a.start,
                end: a.end,
                speaker: a
                    .attrs
                    .get(crate::quote::SPEAKER)
                    .and_then(|v| v.as_str())
                    .map(str::to_owned),
                anonymous: a
                    .attrs
                    .get(crate::quote::ANONYMOUS)
                    .and_then(|v| v.as_bool())
                    == Some(true),
            })
            .collect(),
    })
}

/// The scores of quotes and speakers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct QuoteReport {
    pub gold: usize,
    pub predicted: usize,
    /// Gold quotes overlapped by a predicted one.
    pub found: usize,
    /// Predicted quotes overlapping a gold one.
    pub correct: usize,
    /// Found quotes whose speaker is right.
    pub speaker_right: usize,
    /// Found quotes whose predicted speaker is the gold name's surname only.
    pub speaker_surname: usize,
    /// Gold quotes with a named speaker, an anonymous one, none.
    pub gold_named: usize,
    pub gold_anonymous: usize,
    /// Gold quotes of an anonymous source found and flagged anonymous.
    pub anonymous_flagged: usize,
    /// Every gold quote missed, predicted quote that is none, and speaker not right, in
    /// the order of the gold documents.
    pub errors: Vec<QuoteError>,
}

/// What went wrong with one quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteErrorKind {
    /// A gold quote no predicted quote overlaps.
    Missed,
    /// A predicted quote that overlaps no gold quote.
    False,
    /// A found quote whose speaker is not right (surname-only ones included).
    Speaker,
}

/// One quote error: where, and the speakers of gold and prediction (`?` marks an
/// anonymous source, as in the gold).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuoteError {
    pub kind: QuoteErrorKind,
    pub doc: String,
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold_speaker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicted_speaker: Option<String>,
}

impl fmt::Display for QuoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            QuoteErrorKind::Missed => "missed",
            QuoteErrorKind::False => "wrong",
            QuoteErrorKind::Speaker => "speaker",
        };
        write!(
            f,
            "{kind:<7} QUOTE {}:{}-{}",
            self.doc, self.start, self.end
        )?;
        if self.kind == QuoteErrorKind::Speaker {
            write!(
                f,
                " gold {:?}, predicted {:?}",
                self.gold_speaker.as_deref().unwrap_or(""),
                self.predicted_speaker.as_deref().unwrap_or("")
            )?;
        }
        Ok(())
    }
}

impl QuoteError {
    fn new(kind: QuoteErrorKind, doc: &str, span: std::ops::Range<usize>) -> QuoteError {
        QuoteError {
            kind,
            doc: doc.to_owned(),
            start: span.start,
            end: span.end,
            gold_speaker: None,
            predicted_speaker: None,
        }
    }

    fn gold(self, g: &GoldQuote) -> QuoteError {
        QuoteError {
            gold_speaker: Some(g.speaker.clone()),
            ..self
        }
    }

    /// With the predicted speaker as the gold writes it: `?description` for an
    /// anonymous source.
    fn predicted(self, q: &PredictedQuote) -> QuoteError {
        let name = q.speaker.as_deref().unwrap_or("");
        let speaker = if q.anonymous {
            format!("?{name}")
        } else {
            name.to_owned()
        };
        QuoteError {
            predicted_speaker: Some(speaker),
            ..self
        }
    }
}

impl QuoteReport {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }
    pub fn f1(&self) -> f64 {
        super::f1(self.precision(), self.recall())
    }
    /// Speakers right over all gold quotes.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.gold)
    }
    /// Predicted quotes that are no quote of speech (a title, a slogan, a word in
    /// quotation marks), over all predicted quotes.
    pub fn false_quotes(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            1.0 - self.precision()
        }
    }
    /// Anonymous sources flagged anonymous, over the gold quotes of anonymous sources.
    pub fn anonymous_recall(&self) -> f64 {
        ratio(self.anonymous_flagged, self.gold_anonymous)
    }
}

enum Speaker {
    None,
    Anonymous,
    Named(String),
}

fn gold_speaker(s: &str) -> Speaker {
    let s = s.trim();
    if s.is_empty() {
        Speaker::None
    } else if s.starts_with('?') {
        Speaker::Anonymous
    } else {
        Speaker::Named(normalise(s))
    }
}

fn normalise(s: &str) -> String {
    let words = fold(s).replace(['-', '\''], " ");
    let mut words: Vec<&str> = words.split_whitespace().collect();
    // (`La Croix-Rouge française` is `Croix-Rouge française`.)
    if words.len() > 1 && matches!(words[0], "la" | "le" | "les" | "l") {
        words.remove(0);
    }
    words.join(" ")
}

/// Whether two normalised names are one: the same, or one the acronym of the other (the
/// initials of its words but the short function words).
fn same_name(a: &str, b: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "au", "aux", "contre", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le",
        "les", "pour", "sur",
    ];
    let initials = |s: &str| -> String {
        s.split(' ')
            .filter(|w| !SMALL.contains(w))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    let acronym_of = |short: &str, long: &str| {
        short.len() >= 2 && !short.contains(' ') && long.contains(' ') && initials(long) == short
    };
    a == b || acronym_of(a, b) || acronym_of(b, a)
}

/// Scores predicted quotes against gold (documents matched by name).
pub fn evaluate(
    gold: &[DocQuotes<GoldQuote>],
    predicted: &[DocQuotes<PredictedQuote>],
) -> QuoteReport {
    let by_doc: BTreeMap<&str, &DocQuotes<PredictedQuote>> =
        predicted.iter().map(|d| (d.doc.as_str(), d)).collect();
    let mut r = QuoteReport::default();
    for g in gold {
        let empty = Vec::new();
        let p = by_doc.get(g.doc.as_str()).map_or(&empty, |d| &d.quotes);
        r.gold += g.quotes.len();
        r.predicted += p.len();
        for q in p {
            if g.quotes.iter().any(|s| q.start < s.end && s.start < q.end) {
                r.correct += 1;
            } else {
                let e = QuoteError::new(QuoteErrorKind::False, &g.doc, q.start..q.end);
                r.errors.push(e.predicted(q));
            }
        }
        for s in &g.quotes {
            let want = gold_speaker(&s.speaker);
            match want {
                Speaker::Named(_) => r.gold_named += 1,
                Speaker::Anonymous => r.gold_anonymous += 1,
                Speaker::None => {}
            }
            // The predicted quote that overlaps it most.
            let Some(q) = p
                .iter()
                .filter(|q| q.start < s.end && s.start < q.end)
                .max_by_key(|q| q.end.min(s.end) - q.start.max(s.start))
            else {
                let e = QuoteError::new(QuoteErrorKind::Missed, &g.doc, s.start..s.end);
                r.errors.push(e.gold(s));
                continue;
            };
            r.found += 1;
            let got = q
                .speaker
                .as_deref()
                .map(normalise)
                .filter(|x| !x.is_empty());
            let right = match (&want, got) {
                (Speaker::None, None) => true,
                (Speaker::Anonymous, _) if q.anonymous => {
                    r.anonymous_flagged += 1;
                    true
                }
                (Speaker::Named(name), Some(got)) if !q.anonymous => {
                    if name.ends_with(&format!(" {got}")) {
                        r.speaker_surname += 1;
                    }
                    same_name(name, &got)
                }
                _ => false,
            };
            if right {
                r.speaker_right += 1;
            } else {
                let e = QuoteError::new(QuoteErrorKind::Speaker, &g.doc, s.start..s.end);
                r.errors.push(e.gold(s).predicted(q));
            }
        }
    }
    r
}

impl fmt::Display for QuoteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "quotes: gold {}, predicted {}, P {:.3} R {:.3} F1 {:.3}, false quotes {:.3}",
            self.gold,
            self.predicted,
            self.precision(),
            self.recall(),
            self.f1(),
            self.false_quotes()
        )?;
        write!(
            f,
            "speakers: right {} of {} gold quotes ({:.3}), surname only {} more; gold: {} named, {} anonymous ({} flagged, {:.3}), {} none",
            self.speaker_right,
            self.gold,
            self.speaker_accuracy(),
            self.speaker_surname,
            self.gold_named,
            self.gold_anonymous,
            self.anonymous_flagged,
            self.anonymous_recall(),
            self.gold - self.gold_named - self.gold_anonymous
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(quotes: &[(usize, usize, &str)]) -> Vec<DocQuotes<GoldQuote>> {
        vec![DocQuotes {
            doc: "a.txt".into(),
            quotes: quotes
                .iter()
                .map(|&(start, end, speaker)| GoldQuote {
                    start,
                    end,
                    text: String::new(),
                    speaker: speaker.into(),
                })
                .collect(),
        }]
    }

    fn pred(quotes: &[(usize, usize, Option<&str>, bool)]) -> Vec<DocQuotes<PredictedQuote>> {
        vec![DocQuotes {
            doc: "a.txt".into(),
            quotes: quotes
                .iter()
                .map(|&(start, end, speaker, anonymous)| PredictedQuote {
                    start,
                    end,
                    speaker: speaker.map(Into::into),
                    anonymous,
                })
                .collect(),
        }]
    }

    #[test]
    fn an_acronym_its_name_and_a_leading_article_are_one_speaker() {
        for (gold_name, predicted, right) in [
            ("International Testing Agency", "ITA", true),
            (
                "FDSEA",
                "Fédération départementale des syndicats d'exploitants agricoles",
                true,
            ),
            ("Croix-Rouge française", "La Croix-Rouge française", true),
            // (`contre` is no initial: `lutte contre le dopage`.)
            ("AFLD", "Agence française de lutte contre le dopage", true),
            // (One acronym is not part of another.)
            ("SNB-CFE-CGC", "CFE-CGC", false),
        ] {
            let r = evaluate(
                &gold(&[(0, 10, gold_name)]),
                &pred(&[(0, 10, Some(predicted), false)]),
            );
            assert_eq!(r.speaker_right == 1, right, "{gold_name} / {predicted}");
        }
    }

    #[test]
    fn quotes_and_speakers_are_scored() {
        let g = gold(&[
            (0, 10, "Jeanne Ortolan"),
            (20, 30, "Loïc Gourvennec"),
            (40, 50, "?un habitant"),
            (60, 70, ""),
            (80, 90, "Jean-Yves Le Drian"),
        ]);
        let p = pred(&[
            (0, 10, Some("jeanne  ortolan"), false),
            (22, 30, Some("Gourvennec"), false),
            (40, 50, Some("un habitant"), true),
            (60, 70, None, false),
            (100, 110, Some("X"), false),
        ]);
        let r = evaluate(&g, &p);
        assert_eq!((r.gold, r.predicted, r.found, r.correct), (5, 5, 4, 4));
        assert_eq!(r.speaker_right, 3, "exact, anonymous, none");
        assert_eq!(r.speaker_surname, 1);
        assert_eq!((r.gold_named, r.gold_anonymous), (3, 1));
        assert_eq!(r.anonymous_flagged, 1);
        assert!((r.recall() - 0.8).abs() < 1e-9);
        // One predicted quote of five is no gold quote.
        assert!((r.false_quotes() - 0.2).abs() < 1e-9);
        let text = r.to_string();
        assert!(text.contains("right 3 of 5"), "{text}");
        // The surname-only speaker, the missed quote and the false one are listed.
        let listed: Vec<String> = r.errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            listed,
            [
                "wrong   QUOTE a.txt:100-110",
                "speaker QUOTE a.txt:20-30 gold \"Loïc Gourvennec\", predicted \"Gourvennec\"",
                "missed  QUOTE a.txt:80-90",
            ]
        );
    }

    #[test]
    fn gold_and_predictions_read_from_jsonl() {
        let g = read_gold(
            "{\"doc\":\"a.txt\",\"quotes\":[{\"start\":1,\"end\":5,\"text\":\"« x »\",\"speaker\":\"A B\"}]}\n",
            "q.jsonl",
        )
        .unwrap();
        assert_eq!(g[0].quotes[0].speaker, "A B");
        let p = read_predicted(
            "{\"path\":\"a.txt\",\"annotations\":[{\"start\":1,\"end\":5,\"label\":\"QUOTE\",\"attrs\":{\"speaker\":\"B\",\"anonymous\":false}},{\"start\":7,\"end\":8,\"label\":\"PER\"}]}\n",
            "p.jsonl",
        )
        .unwrap();
        assert_eq!(p[0].quotes.len(), 1);
        assert_eq!(p[0].quotes[0].speaker.as_deref(), Some("B"));
        let e = read_gold("{oops", "q.jsonl").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
