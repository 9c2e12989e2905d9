//! Cross-article figures: two articles of about the same time that count the same thing
//! about the same entity differently (`400 combattants` of a village in one, `600` in
//! the other). `glose check` reports them over a corpus, the language server as the
//! articles are edited; both use this module.
//!
//! Articles carry only a month (` date YYYY-MM`), so "dated within 30 days" is read as
//! "dated the same month or the next": the articles may be that close. Both must be
//! dated. Amounts agree when their ranges meet, an approximate amount (`environ 400`,
//! `une trentaine`) counting for 10 % either side.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use crate::text::fold;
use crate::{Annotation, Label, YearMonth, quantity};

/// How many months apart two article dates may be.
const MAX_MONTHS_APART: i32 = 1;

/// The share of an approximate amount either side of it.
const APPROXIMATION: f64 = 0.1;

/// A counted quantity about an entity (`400 combattants` of the village X): a
/// `QUANTITY` annotation with a value, a counted noun and what it is about.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub start: u32,
    pub end: u32,
    pub low: f64,
    pub high: f64,
    pub approximate: bool,
    /// The counted noun as written, and its key (folded, singular).
    pub noun: String,
    pub noun_key: String,
    /// The entity it is about (an id, or the folded name).
    pub about: Arc<str>,
    /// The amount as written.
    pub text: String,
}

impl Figure {
    /// The figure of a `QUANTITY` annotation of `text` (`None` when it counts nothing
    /// or is about nothing).
    pub fn of(a: &Annotation, text: &str) -> Option<Figure> {
        if a.label != Label::QUANTITY {
            return None;
        }
        // An entity id (`etat-islamique`, `~loc:hajine`) as it is, a name folded.
        let about = match a.attrs.get(quantity::ABOUT)? {
            Value::String(s)
                if s.starts_with('~')
                    || s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
            {
                Arc::from(s.as_str())
            }
            Value::String(s) => Arc::from(fold(s).as_str()),
            _ => return None,
        };
        let noun = a.attrs.get(quantity::NOUN)?.as_str()?.to_owned();
        let (low, high) = match a.attrs.get(quantity::VALUE)? {
            Value::Number(n) => (n.as_f64()?, n.as_f64()?),
            Value::Array(v) if v.len() == 2 => (v[0].as_f64()?, v[1].as_f64()?),
            _ => return None,
        };
        Some(Figure {
            start: a.span.start as u32,
            end: a.span.end as u32,
            low,
            high,
            approximate: a.attrs.get(quantity::APPROXIMATE) == Some(&Value::Bool(true)),
            noun_key: noun_key(&noun),
            noun,
            about,
            text: a.text(text).to_owned(),
        })
    }

    /// What two figures must share to be compared: the entity and the counted noun.
    pub fn key(&self) -> (Arc<str>, String) {
        (self.about.clone(), self.noun_key.clone())
    }

    fn interval(&self) -> (f64, f64) {
        if self.approximate {
            (
                self.low * (1.0 - APPROXIMATION),
                self.high * (1.0 + APPROXIMATION),
            )
        } else {
            (self.low, self.high)
        }
    }
}

/// The key of a counted noun: folded, without a plural ending.
fn noun_key(noun: &str) -> String {
    let k = fold(noun);
    match k.strip_suffix(['s', 'x']) {
        Some(stem) if stem.len() >= 3 => stem.to_owned(),
        _ => k,
    }
}

/// Whether two amounts cannot both be right.
pub fn disagree(a: &Figure, b: &Figure) -> bool {
    let (a0, a1) = a.interval();
    let (b0, b1) = b.interval();
    a1 < b0 || b1 < a0
}

fn months(d: YearMonth) -> i32 {
    i32::from(d.year) * 12 + i32::from(d.month)
}

/// Whether articles of these dates are of about the same time.
pub fn close_in_time(a: YearMonth, b: YearMonth) -> bool {
    (months(a) - months(b)).abs() <= MAX_MONTHS_APART
}

/// The figures of one article, for [`disagreements`].
#[derive(Clone, Debug, Default)]
pub struct ArticleFigures {
    pub date: Option<YearMonth>,
    pub figures: Vec<Figure>,
}

/// A figure of an article and the figures of other articles that contradict it:
/// `(article, figure)` indices into the slice given to [`disagreements`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub article: usize,
    pub figure: usize,
    pub others: Vec<(usize, usize)>,
}

/// Every figure of `articles` that another article of about the same time contradicts,
/// in article and figure order; the others in article and position order.
pub fn disagreements(articles: &[ArticleFigures]) -> Vec<Disagreement> {
    // (entity, counted noun) → every (article, figure) that counts it.
    type Key = (Arc<str>, String);
    let mut by_key: HashMap<Key, Vec<(usize, usize)>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        if a.date.is_none() {
            continue;
        }
        for (j, f) in a.figures.iter().enumerate() {
            by_key.entry(f.key()).or_default().push((i, j));
        }
    }
    let mut out = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        let Some(date) = a.date else { continue };
        for (j, f) in a.figures.iter().enumerate() {
            let others: Vec<(usize, usize)> = by_key[&f.key()]
                .iter()
                .copied()
                .filter(|&(k, _)| k != i)
                .filter(|&(k, _)| articles[k].date.is_some_and(|d| close_in_time(d, date)))
                .filter(|&(k, m)| disagree(f, &articles[k].figures[m]))
                .collect();
            if !others.is_empty() {
                out.push(Disagreement {
                    article: i,
                    figure: j,
                    others,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(low: f64, high: f64, approximate: bool) -> Figure {
        Figure {
            start: 0,
            end: 1,
            low,
            high,
            approximate,
            noun: "combattants".into(),
            noun_key: "combattant".into(),
            about: "~loc:zorvan".into(),
            text: String::new(),
        }
    }

    #[test]
    fn plural_nouns_share_a_key() {
        assert_eq!(noun_key("combattants"), noun_key("Combattant"));
        assert_eq!(noun_key("réseaux"), "reseau");
        assert_eq!(noun_key("as"), "as");
    }

    #[test]
    fn amounts_disagree_when_their_ranges_do_not_meet() {
        assert!(disagree(
            &fig(400.0, 400.0, false),
            &fig(600.0, 600.0, false)
        ));
        assert!(!disagree(
            &fig(300.0, 400.0, false),
            &fig(350.0, 350.0, false)
        ));
        // `environ 400` and `430` can both be right; `environ 400` and `600` cannot.
        assert!(!disagree(
            &fig(400.0, 400.0, true),
            &fig(430.0, 430.0, false)
        ));
        assert!(disagree(
            &fig(400.0, 400.0, true),
            &fig(600.0, 600.0, false)
        ));
    }

    #[test]
    fn articles_of_about_the_same_time_are_compared() {
        let ym = |year, month| Some(YearMonth { year, month });
        let articles = [
            ArticleFigures {
                date: ym(2024, 3),
                figures: vec![fig(400.0, 400.0, false)],
            },
            ArticleFigures {
                date: ym(2024, 4),
                figures: vec![fig(600.0, 600.0, false), fig(420.0, 420.0, true)],
            },
            // Too far in time, and undated: not compared.
            ArticleFigures {
                date: ym(2024, 9),
                figures: vec![fig(900.0, 900.0, false)],
            },
            ArticleFigures {
                date: None,
                figures: vec![fig(50.0, 50.0, false)],
            },
        ];
        let found = disagreements(&articles);
        assert_eq!(
            found,
            [
                Disagreement {
                    article: 0,
                    figure: 0,
                    others: vec![(1, 0)]
                },
                Disagreement {
                    article: 1,
                    figure: 0,
                    others: vec![(0, 0)]
                },
            ]
        );
    }

    #[test]
    fn a_quantity_annotation_is_a_figure() {
        let text = "près de 400 combattants";
        let a = Annotation::new(0..text.len(), Label::QUANTITY)
            .with_attr("value", 400)
            .with_attr("noun", "combattants")
            .with_attr("approximate", true)
            .with_attr("about", "Zorvan");
        let f = Figure::of(&a, text).unwrap();
        assert_eq!((f.low, f.high, f.approximate), (400.0, 400.0, true));
        assert_eq!((&*f.about, f.noun_key.as_str()), ("zorvan", "combattant"));
        assert!(Figure::of(&a.clone().with_attr("noun", 3), text).is_none());
    }
}
