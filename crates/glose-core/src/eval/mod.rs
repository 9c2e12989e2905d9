//! Scoring annotations against a hand-annotated gold standard.
//!
//! Following the corpus guidelines: `PER`, `ORG` and `LOC` (and any other label of the
//! gold file) are scored **strictly** (same start, end and label); `DATE` and
//! `QUANTITY` are scored by **overlap**: a predicted span counts as correct when it
//! overlaps a gold span of the same label (precision), and a gold span counts as found
//! when a predicted span of the same label overlaps it (recall). The micro-average
//! sums the counts of `PER`, `ORG` and `LOC`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

pub mod agree;
pub mod quotes;

use crate::annotation::{Annotation, Label, Span};

/// `x` rounded to four decimals, as the JSON reports give scores.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A labelled span of a gold or predicted file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LabelledSpan {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl LabelledSpan {
    /// The span, label and text of an annotation of a document with text `text`.
    pub fn from_annotation(annotation: &Annotation, text: &str) -> Self {
        LabelledSpan {
            start: annotation.span.start,
            end: annotation.span.end,
            label: annotation.label,
            text: Some(annotation.text(text).to_owned()),
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The annotations of one document, named as in the gold file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocSpans {
    pub doc: String,
    pub spans: Vec<LabelledSpan>,
}

#[derive(Deserialize)]
struct RawLine {
    doc: Option<String>,
    path: Option<String>,
    annotations: Vec<LabelledSpan>,
}

/// A line of a gold or prediction file that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct JsonlError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Reads a gold file (`{"doc": NAME, "annotations": [...]}` per line) or a glose JSONL
/// output (`{"path": ..., "annotations": [...]}`); blank lines are skipped.
pub fn read_jsonl(text: &str, file: &str) -> Result<Vec<DocSpans>, JsonlError> {
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let error = |message: String| JsonlError {
            file: file.to_owned(),
            line: i + 1,
            message,
        };
        let raw: RawLine =
            serde_json::from_str(line).map_err(|e| error(format!("invalid line: {e}")))?;
        let doc = raw
            .doc
            .or(raw.path)
            .ok_or_else(|| error("no \"doc\" (or \"path\") field".to_owned()))?;
        if let Some(bad) = raw.annotations.iter().find(|a| a.start > a.end) {
            return Err(error(format!(
                "span {}..{} ends before it starts",
                bad.start, bad.end
            )));
        }
        docs.push(DocSpans {
            doc,
            spans: raw.annotations,
        });
    }
    Ok(docs)
}

/// How a label is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scoring {
    Strict,
    Overlap,
}

impl Scoring {
    pub fn for_label(label: Label) -> Scoring {
        if label == Label::DATE || label == Label::QUANTITY {
            Scoring::Overlap
        } else {
            Scoring::Strict
        }
    }
}

/// Counts for one label (or the micro-average).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub label: String,
    pub scoring: Scoring,
    pub gold: usize,
    pub predicted: usize,
    /// Gold spans found.
    pub found: usize,
    /// Predicted spans that are correct.
    pub correct: usize,
}

impl Counts {
    fn new(label: &str, scoring: Scoring) -> Self {
        Counts {
            label: label.to_owned(),
            scoring,
            gold: 0,
            predicted: 0,
            found: 0,
            correct: 0,
        }
    }

    /// As JSON: label, scoring, the four counts under `names` (gold, predicted, found,
    /// correct), and precision, recall and F1 rounded to four decimals.
    pub fn to_json(&self, names: [&str; 4]) -> serde_json::Value {
        let mut v = serde_json::json!({
            "label": self.label,
            "scoring": self.scoring,
            "precision": round4(self.precision()),
            "recall": round4(self.recall()),
            "f1": round4(self.f1()),
        });
        for (name, n) in
            names
                .into_iter()
                .zip([self.gold, self.predicted, self.found, self.correct])
        {
            v[name] = n.into();
        }
        v
    }

    /// Its counts and scores as cells of a Markdown table: gold, predicted, precision,
    /// recall, F1 (without the outer bars).
    pub fn markdown_cells(&self) -> String {
        format!(
            "{} | {} | {:.3} | {:.3} | {:.3}",
            self.gold,
            self.predicted,
            self.precision(),
            self.recall(),
            self.f1()
        )
    }

    /// Its row of a score table: label, scoring, the two counts, P, R, F1 (aligned
    /// under the headers `glose eval` prints).
    pub fn row(&self) -> String {
        format!(
            "{:<12} {:>8} {:>6} {:>6} {:>6.3} {:>6.3} {:>6.3}",
            self.label,
            match self.scoring {
                Scoring::Strict => "strict",
                Scoring::Overlap => "overlap",
            },
            self.gold,
            self.predicted,
            self.precision(),
            self.recall(),
            self.f1()
        )
    }

    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }

    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }

    fn add(&mut self, other: &Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.found += other.found;
        self.correct += other.correct;
    }
}

/// The harmonic mean of a precision and a recall (0 when both are 0).
pub(crate) fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A predicted span that is wrong, or a gold span that was missed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Miss {
    pub doc: String,
    pub kind: MissKind,
    pub span: LabelledSpan,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissKind {
    FalsePositive,
    FalseNegative,
}

/// The scores of a run.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub documents: usize,
    pub labels: Vec<Counts>,
    /// Micro-average over PER, ORG and LOC.
    pub micro: Counts,
    #[serde(skip)]
    pub misses: Vec<Miss>,
}

/// The labels of the guidelines, always reported.
pub const GUIDELINE_LABELS: [Label; 5] = [
    Label::PER,
    Label::ORG,
    Label::LOC,
    Label::DATE,
    Label::QUANTITY,
];

/// Scores predicted documents against gold documents (matched by `doc`). Gold
/// documents without a prediction count as predicted empty. Predicted labels that are
/// neither guideline labels nor in the gold file are not scored.
pub fn evaluate(gold: &[DocSpans], predicted: &[DocSpans]) -> Report {
    let mut labels: BTreeSet<Label> = GUIDELINE_LABELS.into_iter().collect();
    labels.extend(gold.iter().flat_map(|d| d.spans.iter().map(|s| s.label)));
    let by_doc: BTreeMap<&str, &DocSpans> = predicted.iter().map(|d| (d.doc.as_str(), d)).collect();
    let mut counts: BTreeMap<Label, Counts> = labels
        .iter()
        .map(|&l| (l, Counts::new(l.as_str(), Scoring::for_label(l))))
        .collect();
    let mut misses = Vec::new();
    for g in gold {
        let empty = Vec::new();
        let p = by_doc.get(g.doc.as_str()).map_or(&empty, |d| &d.spans);
        for (&label, c) in counts.iter_mut() {
            let gs: BTreeSet<&LabelledSpan> = g.spans.iter().filter(|s| s.label == label).collect();
            let ps: BTreeSet<&LabelledSpan> = p.iter().filter(|s| s.label == label).collect();
            let gs = dedup(gs);
            let ps = dedup(ps);
            let matches = |a: &LabelledSpan, b: &LabelledSpan| match c.scoring {
                Scoring::Strict => a.start == b.start && a.end == b.end,
                Scoring::Overlap => a.span().overlaps(b.span()),
            };
            c.gold += gs.len();
            c.predicted += ps.len();
            // How many spans of one side match one of the other; the others are misses.
            let mut matched = |spans: &[&LabelledSpan], other: &[&LabelledSpan], kind| {
                let (found, missed): (Vec<&LabelledSpan>, Vec<_>) = spans
                    .iter()
                    .copied()
                    .partition(|s| other.iter().any(|q| matches(s, q)));
                misses.extend(missed.into_iter().map(|s| Miss {
                    doc: g.doc.clone(),
                    kind,
                    span: s.clone(),
                }));
                found.len()
            };
            c.found += matched(&gs, &ps, MissKind::FalseNegative);
            c.correct += matched(&ps, &gs, MissKind::FalsePositive);
        }
    }
    let mut micro = Counts::new("PER+ORG+LOC", Scoring::Strict);
    for l in Label::NAMES {
        micro.add(&counts[&l]);
    }
    misses.sort_by(|a, b| {
        (&a.doc, a.span.start, a.span.end).cmp(&(&b.doc, b.span.start, b.span.end))
    });
    Report {
        documents: gold.len(),
        labels: counts.into_values().collect(),
        micro,
        misses,
    }
}

/// Spans of one label, one per (start, end).
fn dedup(spans: BTreeSet<&LabelledSpan>) -> Vec<&LabelledSpan> {
    let mut seen = BTreeSet::new();
    spans
        .into_iter()
        .filter(|s| seen.insert((s.start, s.end)))
        .collect()
}

impl fmt::Display for Report {
    /// A table: one row per label, then the micro-average.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<12} {:>8} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "label", "scoring", "gold", "pred", "P", "R", "F1"
        )?;
        for c in self.labels.iter().chain([&self.micro]) {
            writeln!(f, "{}", c.row())?;
        }
        write!(f, "{} document(s)", self.documents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, label: Label) -> LabelledSpan {
        LabelledSpan {
            start,
            end,
            label,
            text: None,
        }
    }

    #[test]
    fn strict_and_overlap_scoring() {
        let gold = vec![DocSpans {
            doc: "a.txt".into(),
            spans: vec![
                span(0, 5, Label::PER),
                span(10, 15, Label::LOC),
                span(20, 40, Label::QUANTITY),
                span(50, 55, Label::DATE),
            ],
        }];
        let predicted = vec![DocSpans {
            doc: "a.txt".into(),
            spans: vec![
                span(0, 5, Label::PER),
                span(0, 5, Label::PER),        // duplicate: counted once
                span(10, 14, Label::LOC),      // strict: wrong
                span(25, 30, Label::QUANTITY), // overlap: right
                span(60, 65, Label::DATE),     // no overlap: wrong
                span(70, 75, Label::QUOTE),    // not scored
            ],
        }];
        let report = evaluate(&gold, &predicted);
        let get = |l: &str| report.labels.iter().find(|c| c.label == l).unwrap();
        assert_eq!((get("PER").precision(), get("PER").recall()), (1.0, 1.0));
        assert_eq!((get("LOC").correct, get("LOC").found), (0, 0));
        assert_eq!(get("QUANTITY").f1(), 1.0);
        assert_eq!((get("DATE").precision(), get("DATE").recall()), (0.0, 0.0));
        assert!(report.labels.iter().all(|c| c.label != "QUOTE"));
        assert_eq!(
            (
                report.micro.gold,
                report.micro.predicted,
                report.micro.correct
            ),
            (2, 2, 1)
        );
        assert!((report.micro.f1() - 0.5).abs() < 1e-9);
        assert_eq!(report.misses.len(), 4);
    }

    #[test]
    fn reads_gold_and_glose_output() {
        let text = "{\"doc\": \"a.txt\", \"annotations\": [{\"start\": 0, \"end\": 3, \"label\": \"LOC\", \"text\": \"Alep\"}]}\n\n\
                    {\"path\": \"b.txt\", \"annotations\": [], \"diagnostics\": []}\n";
        let docs = read_jsonl(text, "gold.jsonl").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].doc, "b.txt");
        let err = read_jsonl("{\"annotations\": []}\n", "gold.jsonl").unwrap_err();
        assert_eq!(
            err.to_string(),
            "gold.jsonl:1: no \"doc\" (or \"path\") field"
        );
        let err = read_jsonl("{}\n[", "g.jsonl").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("g.jsonl:1: invalid line: missing field `annotations`")
        );
    }
}
