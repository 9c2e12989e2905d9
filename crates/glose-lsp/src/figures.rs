//! Cross-article figures: two articles of about the same time that count the same thing
//! about the same entity differently (`400 combattants` of a village in one, `600` in
//! the other).
//!
//! Articles carry only a month (` date YYYY-MM`), so "dated within 30 days" is read as
//! "dated the same month or the next": the articles may be that close. Both must be
//! dated. Amounts agree when their ranges meet, an approximate amount (`environ 400`,
//! `une trentaine`) counting for 10 % either side.

use glose_core::YearMonth;

use crate::corpus::{Corpus, Figure, FileEntry};

/// How many months apart two article dates may be.
const MAX_MONTHS_APART: i32 = 1;

/// The share of an approximate amount either side of it.
const APPROXIMATION: f64 = 0.1;

/// A figure of an article and the disagreeing figures of other articles.
#[derive(Debug)]
pub(crate) struct Disagreement<'a> {
    pub(crate) figure: &'a Figure,
    pub(crate) others: Vec<(&'a FileEntry, &'a Figure)>,
}

fn months(d: YearMonth) -> i32 {
    i32::from(d.year) * 12 + i32::from(d.month)
}

fn interval(f: &Figure) -> (f64, f64) {
    if f.approximate {
        (
            f.low * (1.0 - APPROXIMATION),
            f.high * (1.0 + APPROXIMATION),
        )
    } else {
        (f.low, f.high)
    }
}

/// Whether two amounts cannot both be right.
pub(crate) fn disagree(a: &Figure, b: &Figure) -> bool {
    let (a0, a1) = interval(a);
    let (b0, b1) = interval(b);
    a1 < b0 || b1 < a0
}

/// The figures of `entry` (the file `file` of the corpus, or a version of it being
/// edited) that other articles of about the same time contradict.
pub(crate) fn disagreements<'a>(
    corpus: &'a Corpus,
    file: Option<u32>,
    entry: &'a FileEntry,
) -> Vec<Disagreement<'a>> {
    let Some(date) = entry.date else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for figure in &entry.figures {
        let mut others: Vec<(&FileEntry, &Figure)> = corpus
            .same_figures(figure, file.unwrap_or(u32::MAX))
            .filter(|(other, _)| other.path != entry.path)
            .filter(|(other, _)| {
                other
                    .date
                    .is_some_and(|d| (months(d) - months(date)).abs() <= MAX_MONTHS_APART)
            })
            .filter(|(_, f)| disagree(figure, f))
            .collect();
        if !others.is_empty() {
            others.sort_by(|a, b| a.0.path.cmp(&b.0.path).then(a.1.start.cmp(&b.1.start)));
            out.push(Disagreement { figure, others });
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
}
