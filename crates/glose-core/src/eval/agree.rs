//! Agreement between two annotators who annotated the same documents.
//!
//! Two figures, both taking set A as the reference:
//!
//! - **spans**: B's spans scored against A's with [`evaluate`], exactly as
//!   `glose eval` scores predictions against gold (strict for names, overlap for dates and
//!   quantities). F1 is symmetric: swapping A and B swaps precision and recall only.
//! - **tokens**: Cohen's kappa over the word and number tokens of the documents' text
//!   (punctuation tokens are left out: every annotator leaves them outside names, so
//!   they would only inflate the agreement on `O`). Each token gets, in A and in B, the
//!   label of the annotation covering it, even partly, or `O`; where annotations
//!   overlap, the shortest one gives the label; quotes, an overlay over the names they
//!   contain, are left out of these labels. `kappa = (po - pe) / (1 - pe)`, `po` the
//!   share of tokens with the same label in both, `pe` the agreement expected by chance
//!   from each annotator's label shares. Per label, the kappa is binary: covered by an
//!   annotation of that label or not.
//!
//! Kappa is undefined when `pe` is 1, that is when both annotators put every token in
//! the same category (for one label: neither used it, or both used it on every token),
//! and when there are no tokens: [`Kappa::kappa`] is then `None` rather than a number
//! that would claim an agreement nobody showed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::{Counts, DocSpans, LabelledSpan, Report, evaluate};
use crate::annotation::Label;
use crate::span::Span;
use crate::text::{TokenKind, tokenize};

/// One annotator's annotations of a set of documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnotationSet {
    /// Where the set was read from, as messages name it.
    pub source: String,
    pub docs: Vec<SetDoc>,
}

/// A document of an [`AnnotationSet`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetDoc {
    /// The name documents are matched by: a path relative to the set's folder, a file
    /// name, or for documents rebuilt from IOB2 their place in the file (`#1`, `#2`…).
    pub name: String,
    /// The line of the set's file where the document is (from 1), for messages.
    pub line: Option<usize>,
    /// The text the offsets point into, when it was found.
    pub text: Option<String>,
    pub spans: Vec<LabelledSpan>,
}

impl SetDoc {
    fn place(&self, source: &str) -> String {
        match self.line {
            Some(line) => format!("{source}:{line}"),
            None => source.to_owned(),
        }
    }
}

/// Why two sets cannot be compared.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AgreeError {
    #[error("{place}: document {doc:?} is already at {first}")]
    Duplicate {
        place: String,
        doc: String,
        first: String,
    },
    #[error(
        "{place}: span {start}..{end} ({label}) of {doc:?} is not on the document's text: {why}"
    )]
    OffText {
        place: String,
        doc: String,
        start: usize,
        end: usize,
        label: Label,
        why: String,
    },
    #[error(
        "document {doc:?} does not have the same text for {a} and {b}: their offsets cannot be compared"
    )]
    TextDiffers { doc: String, a: String, b: String },
}

/// Cohen's kappa of one comparison.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Kappa {
    /// Tokens compared.
    pub tokens: usize,
    /// Tokens given the same category by both.
    pub agreed: usize,
    /// `po`: the share of tokens given the same category (0 without tokens).
    pub observed: f64,
    /// `pe`: the agreement expected by chance (0 without tokens).
    pub expected: f64,
    /// `(po - pe) / (1 - pe)`; `None` when `pe` is 1 or there are no tokens.
    pub kappa: Option<f64>,
}

impl Kappa {
    /// The kappa of a confusion table: tokens per (category in A, category in B).
    pub fn from_confusion<K: Ord + Copy>(confusion: &BTreeMap<(K, K), usize>) -> Kappa {
        let mut in_a: BTreeMap<K, u128> = BTreeMap::new();
        let mut in_b: BTreeMap<K, u128> = BTreeMap::new();
        let mut tokens = 0usize;
        let mut agreed = 0usize;
        for (&(a, b), &n) in confusion {
            tokens += n;
            if a == b {
                agreed += n;
            }
            *in_a.entry(a).or_default() += n as u128;
            *in_b.entry(b).or_default() += n as u128;
        }
        if tokens == 0 {
            return Kappa {
                tokens,
                agreed,
                observed: 0.0,
                expected: 0.0,
                kappa: None,
            };
        }
        // In whole numbers, so that identical sets give exactly 1 and pe = 1 is exact:
        // po = agreed / n, pe = chance / n², kappa = (n·agreed - chance) / (n² - chance).
        let n = tokens as u128;
        let chance: u128 = in_a
            .iter()
            .map(|(k, a)| a * in_b.get(k).copied().unwrap_or(0))
            .sum();
        let kappa = (chance != n * n)
            .then(|| (n as f64 * agreed as f64 - chance as f64) / ((n * n) as f64 - chance as f64));
        Kappa {
            tokens,
            agreed,
            observed: agreed as f64 / n as f64,
            expected: chance as f64 / (n * n) as f64,
            kappa,
        }
    }
}

/// The binary kappa of one label: tokens covered by one of its annotations or not.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelKappa {
    pub label: String,
    /// Tokens covered by the label in A.
    pub tokens_a: usize,
    /// Tokens covered by the label in B.
    pub tokens_b: usize,
    /// Tokens covered by the label in both.
    pub both: usize,
    pub kappa: Kappa,
}

/// The agreement on tokens.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TokenAgreement {
    /// Documents whose tokens were compared.
    pub documents: usize,
    /// Documents in both sets whose text was found in neither: left out of the tokens.
    pub without_text: Vec<String>,
    /// Over every label and `O`.
    pub overall: Kappa,
    pub labels: Vec<LabelKappa>,
}

/// The agreement between two annotation sets.
#[derive(Clone, Debug)]
pub struct Agreement {
    /// Documents in both sets, the only ones scored.
    pub documents: usize,
    /// Documents of A that B does not have, in A's order.
    pub only_a: Vec<String>,
    /// Documents of B that A does not have, in B's order.
    pub only_b: Vec<String>,
    /// B's spans scored against A's, one row per label, as `glose eval` scores them;
    /// labels that only B uses have a row too (A has none of them: precision 0).
    pub spans: Report,
    /// The micro-average over `PER`, `ORG` and `LOC`, those of them that the label
    /// filter keeps; `None` when it keeps fewer than two (it would repeat a row, or
    /// count nothing).
    pub micro: Option<Counts>,
    pub tokens: TokenAgreement,
}

/// Compares B with A over the documents both have (matched by name, else by file name),
/// keeping only the labels of `labels` when given. Fails on a document named twice in
/// a set, a span not on its document's text, and a document whose text differs
/// between the sets.
pub fn agree(
    a: &AnnotationSet,
    b: &AnnotationSet,
    labels: Option<&BTreeSet<Label>>,
) -> Result<Agreement, AgreeError> {
    check_names(a)?;
    check_names(b)?;
    let (pairs, only_a, only_b) = pair(a, b);
    let keep = |spans: &[LabelledSpan]| -> Vec<LabelledSpan> {
        spans
            .iter()
            .filter(|s| labels.is_none_or(|l| l.contains(&s.label)))
            .cloned()
            .collect()
    };
    for (set, docs) in [(a, &only_a), (b, &only_b)] {
        for &i in docs {
            let doc = &set.docs[i];
            if let Some(text) = &doc.text {
                check_spans(text, doc, &set.source)?;
            }
        }
    }
    let mut gold = Vec::new();
    let mut predicted = Vec::new();
    let mut texts = Vec::new();
    for &(i, j) in &pairs {
        let (da, db) = (&a.docs[i], &b.docs[j]);
        let text = match (&da.text, &db.text) {
            (Some(ta), Some(tb)) if ta != tb => {
                return Err(AgreeError::TextDiffers {
                    doc: da.name.clone(),
                    a: da.place(&a.source),
                    b: db.place(&b.source),
                });
            }
            (Some(t), _) | (None, Some(t)) => Some(t.as_str()),
            (None, None) => None,
        };
        if let Some(text) = text {
            check_spans(text, da, &a.source)?;
            check_spans(text, db, &b.source)?;
        }
        texts.push(text);
        gold.push(DocSpans {
            doc: da.name.clone(),
            spans: keep(&da.spans),
        });
        predicted.push(DocSpans {
            doc: da.name.clone(),
            spans: keep(&db.spans),
        });
    }
    let (spans, micro) = span_report(&gold, &predicted, labels);
    let rows: Vec<Label> = spans.labels.iter().map(|c| Label::new(&c.label)).collect();
    let mut tokens = token_agreement(&gold, &predicted, &texts, &rows);
    tokens.without_text = gold
        .iter()
        .zip(&texts)
        .filter(|(_, t)| t.is_none())
        .map(|(g, _)| g.doc.clone())
        .collect();
    Ok(Agreement {
        documents: pairs.len(),
        only_a: only_a.iter().map(|&i| a.docs[i].name.clone()).collect(),
        only_b: only_b.iter().map(|&j| b.docs[j].name.clone()).collect(),
        spans,
        micro,
        tokens,
    })
}

fn check_names(set: &AnnotationSet) -> Result<(), AgreeError> {
    let mut seen: HashMap<&str, &SetDoc> = HashMap::new();
    for doc in &set.docs {
        if let Some(first) = seen.insert(&doc.name, doc) {
            return Err(AgreeError::Duplicate {
                place: doc.place(&set.source),
                doc: doc.name.clone(),
                first: first.place(&set.source),
            });
        }
    }
    Ok(())
}

/// Checks that every span of `doc` is on `text`: inside it, on character boundaries,
/// and over the text the span says it covers, if it says so.
fn check_spans(text: &str, doc: &SetDoc, source: &str) -> Result<(), AgreeError> {
    for s in &doc.spans {
        let why = if s.start > s.end {
            Some("it ends before it starts".to_owned())
        } else if s.end > text.len() {
            Some(format!("the text has {} bytes", text.len()))
        } else if let Some(b) = [s.start, s.end]
            .into_iter()
            .find(|&b| !text.is_char_boundary(b))
        {
            Some(format!("byte {b} is inside a character"))
        } else {
            let there = &text[s.start..s.end];
            s.text
                .as_deref()
                .filter(|&t| t != there)
                .map(|t| format!("the span says {t:?} but the text there is {there:?}"))
        };
        if let Some(why) = why {
            return Err(AgreeError::OffText {
                place: doc.place(source),
                doc: doc.name.clone(),
                start: s.start,
                end: s.end,
                label: s.label,
                why,
            });
        }
    }
    Ok(())
}

/// The last part of a document name: what a name with another folder still shares.
fn file_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// The documents of A and B that are the same (by name, else by file name when only
/// one document of each set has it), then those of A alone and of B alone.
fn pair(a: &AnnotationSet, b: &AnnotationSet) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut b_of_a: Vec<Option<usize>> = vec![None; a.docs.len()];
    let mut taken = vec![false; b.docs.len()];
    let by_name: HashMap<&str, usize> = b
        .docs
        .iter()
        .enumerate()
        .map(|(j, d)| (d.name.as_str(), j))
        .collect();
    for (i, d) in a.docs.iter().enumerate() {
        if let Some(&j) = by_name.get(d.name.as_str()) {
            b_of_a[i] = Some(j);
            taken[j] = true;
        }
    }
    // Then by file name, among the documents left, when the file name is unique on
    // both sides.
    let mut left_a: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, d) in a.docs.iter().enumerate() {
        if b_of_a[i].is_none() {
            left_a.entry(file_name(&d.name)).or_default().push(i);
        }
    }
    let mut left_b: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, d) in b.docs.iter().enumerate() {
        if !taken[j] {
            left_b.entry(file_name(&d.name)).or_default().push(j);
        }
    }
    for (name, is) in &left_a {
        if let ([i], Some([j])) = (is.as_slice(), left_b.get(name).map(Vec::as_slice)) {
            b_of_a[*i] = Some(*j);
            taken[*j] = true;
        }
    }
    let pairs = b_of_a
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|j| (i, j)))
        .collect();
    let only_a = (0..a.docs.len()).filter(|&i| b_of_a[i].is_none()).collect();
    let only_b = (0..b.docs.len()).filter(|&j| !taken[j]).collect();
    (pairs, only_a, only_b)
}

/// B's spans scored against A's by [`evaluate`], with a row for each label only B uses,
/// and only the rows of `labels` when given; then the micro-average worth showing.
fn span_report(
    gold: &[DocSpans],
    predicted: &[DocSpans],
    labels: Option<&BTreeSet<Label>>,
) -> (Report, Option<Counts>) {
    let mut report = evaluate(gold, predicted);
    // `evaluate` leaves out the labels that only the predictions use: the other way
    // round, they are the reference's, and its counts are B's spans of them.
    let reverse = evaluate(predicted, gold);
    for c in reverse.labels {
        if !report.labels.iter().any(|r| r.label == c.label) {
            report.labels.push(Counts {
                label: c.label,
                scoring: c.scoring,
                gold: 0,
                predicted: c.gold,
                found: 0,
                correct: 0,
            });
        }
    }
    report.labels.sort_by(|x, y| x.label.cmp(&y.label));
    if let Some(keep) = labels {
        report
            .labels
            .retain(|c| keep.contains(&Label::new(&c.label)));
        let kept: Vec<&str> = Label::NAMES
            .into_iter()
            .filter(|l| keep.contains(l))
            .map(Label::as_str)
            .collect();
        report.micro.label = kept.join("+");
        if kept.len() < 2 {
            return (report, None);
        }
    }
    let micro = report.micro.clone();
    (report, Some(micro))
}

/// The word and number tokens of `text`: what the kappa counts.
pub fn word_tokens(text: &str) -> Vec<Span> {
    tokenize(text)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| t.span())
        .collect()
}

/// The tokens (sorted, not overlapping) that a span covers, even partly.
fn covered(tokens: &[Span], span: Span) -> std::ops::Range<usize> {
    if span.is_empty() {
        return 0..0;
    }
    let first = tokens.partition_point(|t| t.end <= span.start);
    let last = tokens.partition_point(|t| t.start < span.end);
    first..last.max(first)
}

/// The label of each token: that of the shortest span covering it, even partly (the
/// first by start, then label, among spans as short); `None` for `O`.
pub fn token_labels(tokens: &[Span], spans: &[LabelledSpan]) -> Vec<Option<Label>> {
    let mut labels = vec![None; tokens.len()];
    let mut by_length: Vec<&LabelledSpan> = spans.iter().collect();
    by_length.sort_by_key(|s| (s.end.saturating_sub(s.start), s.start, s.label));
    for s in by_length {
        for l in &mut labels[covered(tokens, s.span())] {
            l.get_or_insert(s.label);
        }
    }
    labels
}

/// The spans but quotes: a quote is an overlay over the names it contains (IOB2 leaves
/// it out too), scored on its own.
fn entity_layer(spans: &[LabelledSpan]) -> Vec<LabelledSpan> {
    spans
        .iter()
        .filter(|s| s.label != Label::QUOTE)
        .cloned()
        .collect()
}

/// Whether each token is covered, even partly, by a span of `label`.
fn covered_by(tokens: &[Span], spans: &[LabelledSpan], label: Label) -> Vec<bool> {
    let mut on = vec![false; tokens.len()];
    for s in spans.iter().filter(|s| s.label == label) {
        on[covered(tokens, s.span())].fill(true);
    }
    on
}

/// Kappa over the tokens of the documents with a text, overall and for each of `labels`.
fn token_agreement(
    gold: &[DocSpans],
    predicted: &[DocSpans],
    texts: &[Option<&str>],
    labels: &[Label],
) -> TokenAgreement {
    let mut overall: BTreeMap<(Option<Label>, Option<Label>), usize> = BTreeMap::new();
    let mut per_label: Vec<BTreeMap<(bool, bool), usize>> = vec![BTreeMap::new(); labels.len()];
    let mut documents = 0;
    for ((g, p), text) in gold.iter().zip(predicted).zip(texts) {
        let Some(text) = text else { continue };
        documents += 1;
        let tokens = word_tokens(text);
        let in_a = token_labels(&tokens, &entity_layer(&g.spans));
        let in_b = token_labels(&tokens, &entity_layer(&p.spans));
        for pair in in_a.into_iter().zip(in_b) {
            *overall.entry(pair).or_default() += 1;
        }
        for (&label, confusion) in labels.iter().zip(&mut per_label) {
            let a = covered_by(&tokens, &g.spans, label);
            let b = covered_by(&tokens, &p.spans, label);
            for pair in a.into_iter().zip(b) {
                *confusion.entry(pair).or_default() += 1;
            }
        }
    }
    let count = |c: &BTreeMap<(bool, bool), usize>, f: fn(&(bool, bool)) -> bool| -> usize {
        c.iter().filter(|(k, _)| f(k)).map(|(_, n)| n).sum()
    };
    TokenAgreement {
        documents,
        without_text: Vec::new(),
        overall: Kappa::from_confusion(&overall),
        labels: labels
            .iter()
            .zip(&per_label)
            .map(|(l, c)| LabelKappa {
                label: l.as_str().to_owned(),
                tokens_a: count(c, |k| k.0),
                tokens_b: count(c, |k| k.1),
                both: count(c, |k| k.0 && k.1),
                kappa: Kappa::from_confusion(c),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The span of the first `needle` in `text` (bytes), labelled.
    fn at(text: &str, needle: &str, label: Label) -> LabelledSpan {
        let start = text.find(needle).expect("in the text");
        LabelledSpan {
            start,
            end: start + needle.len(),
            label,
            text: Some(needle.to_owned()),
        }
    }

    fn set(source: &str, docs: Vec<(&str, Option<&str>, Vec<LabelledSpan>)>) -> AnnotationSet {
        AnnotationSet {
            source: source.to_owned(),
            docs: docs
                .into_iter()
                .enumerate()
                .map(|(i, (name, text, spans))| SetDoc {
                    name: name.to_owned(),
                    line: Some(i + 1),
                    text: text.map(str::to_owned),
                    spans,
                })
                .collect(),
        }
    }

    /// A set of one document, `doc.txt` with `text`, that annotates the first occurrence
    /// of each of `names`.
    fn one_text(source: &str, text: &str, names: &[(&str, Label)]) -> AnnotationSet {
        let spans = names.iter().map(|&(n, label)| at(text, n, label)).collect();
        set(source, vec![("doc.txt", Some(text), spans)])
    }

    const TEXT: &str = "Marie Dupont a visité Lyon et Paris en mai.";

    /// A: PER Marie Dupont, LOC Lyon, LOC Paris, DATE mai.
    /// B: PER Marie Dupont, LOC Lyon, ORG Paris.
    fn two_annotators() -> (AnnotationSet, AnnotationSet) {
        let a = one_text(
            "a.jsonl",
            TEXT,
            &[
                ("Marie Dupont", Label::PER),
                ("Lyon", Label::LOC),
                ("Paris", Label::LOC),
                ("mai", Label::DATE),
            ],
        );
        let b = one_text(
            "b.jsonl",
            TEXT,
            &[
                ("Marie Dupont", Label::PER),
                ("Lyon", Label::LOC),
                ("Paris", Label::ORG),
            ],
        );
        (a, b)
    }

    fn close(x: Option<f64>, y: f64) -> bool {
        x.is_some_and(|x| (x - y).abs() < 1e-12)
    }

    fn label<'a>(t: &'a TokenAgreement, name: &str) -> &'a LabelKappa {
        t.labels.iter().find(|l| l.label == name).unwrap()
    }

    #[test]
    fn punctuation_is_not_counted() {
        let tokens = word_tokens(TEXT);
        assert_eq!(tokens.len(), 9);
        assert_eq!(&TEXT[tokens[8].start..tokens[8].end], "mai");
    }

    #[test]
    fn kappa_by_hand() {
        let (a, b) = two_annotators();
        let r = agree(&a, &b, None).unwrap();
        let t = &r.tokens;
        // Tokens: Marie Dupont a visité Lyon et Paris en mai (the `.` is not counted).
        // A: PER PER O O LOC O LOC O DATE
        // B: PER PER O O LOC O ORG O O
        // Agreed 7 of 9. Shares in A: PER 2, LOC 2, DATE 1, O 4; in B: PER 2, LOC 1,
        // ORG 1, O 5. Chance: (2·2 + 2·1 + 4·5) / 81 = 26/81.
        // kappa = (9·7 - 26) / (81 - 26) = 37/55.
        assert_eq!((t.documents, t.overall.tokens, t.overall.agreed), (1, 9, 7));
        assert!((t.overall.observed - 7.0 / 9.0).abs() < 1e-12);
        assert!((t.overall.expected - 26.0 / 81.0).abs() < 1e-12);
        assert!(close(t.overall.kappa, 37.0 / 55.0), "{:?}", t.overall);
        // LOC: A covers Lyon and Paris, B Lyon. Agreed 8 of 9; chance 2·1 + 7·8 = 58.
        // kappa = (72 - 58) / (81 - 58) = 14/23.
        let loc = label(t, "LOC");
        assert_eq!((loc.tokens_a, loc.tokens_b, loc.both), (2, 1, 1));
        assert!(close(loc.kappa.kappa, 14.0 / 23.0));
        // PER: the same two tokens on both sides.
        assert!(close(label(t, "PER").kappa.kappa, 1.0));
        // ORG: only B, on one token. Agreed 8; chance 0·1 + 9·8 = 72 = 9·8: kappa 0.
        assert!(close(label(t, "ORG").kappa.kappa, 0.0));
        // QUANTITY: nobody used it, every token is "not QUANTITY" on both sides.
        let quantity = label(t, "QUANTITY");
        assert_eq!(quantity.kappa.kappa, None);
        assert_eq!(quantity.kappa.observed, 1.0);
    }

    #[test]
    fn spans_are_scored_as_eval_scores_them() {
        let (a, b) = two_annotators();
        let r = agree(&a, &b, None).unwrap();
        let row = |l: &str| r.spans.labels.iter().find(|c| c.label == l).unwrap();
        assert_eq!((row("PER").precision(), row("PER").recall()), (1.0, 1.0));
        // LOC: A has 2, B 1 of them.
        assert_eq!((row("LOC").precision(), row("LOC").recall()), (1.0, 0.5));
        assert!((row("LOC").f1() - 2.0 / 3.0).abs() < 1e-12);
        // ORG: only B uses it; A, the reference, has none.
        assert_eq!((row("ORG").gold, row("ORG").predicted), (0, 1));
        assert_eq!(row("ORG").f1(), 0.0);
        assert_eq!((row("DATE").gold, row("DATE").predicted), (1, 0));
        // PER+ORG+LOC: A 3, B 3, 2 the same.
        let m = &r.spans.micro;
        assert_eq!((m.gold, m.predicted, m.correct, m.found), (3, 3, 2, 2));
        let labels: Vec<&str> = r.spans.labels.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["DATE", "LOC", "ORG", "PER", "QUANTITY"]);
    }

    #[test]
    fn identical_sets_agree_fully() {
        let (a, _) = two_annotators();
        let r = agree(&a, &a, None).unwrap();
        assert_eq!(r.tokens.overall.kappa, Some(1.0));
        assert_eq!(r.spans.micro.f1(), 1.0);
        for l in ["PER", "LOC", "DATE"] {
            assert_eq!(label(&r.tokens, l).kappa.kappa, Some(1.0), "{l}");
        }
        // No annotation at all on either side: pe = 1, kappa undefined.
        let empty = set("e.jsonl", vec![("doc.txt", Some(TEXT), vec![])]);
        let r = agree(&empty, &empty, None).unwrap();
        assert_eq!(r.tokens.overall.observed, 1.0);
        assert_eq!(r.tokens.overall.expected, 1.0);
        assert_eq!(r.tokens.overall.kappa, None);
    }

    #[test]
    fn disjoint_annotations_agree_less_than_chance() {
        let text = "Anne Leroy aime Nantes";
        let a = one_text("a", text, &[("Anne Leroy", Label::PER)]);
        let b = one_text("b", text, &[("Nantes", Label::LOC)]);
        let r = agree(&a, &b, None).unwrap();
        // A: PER PER O O; B: O O O LOC. Agreed 1 of 4; chance: O 2·3 = 6.
        // kappa = (4·1 - 6) / (16 - 6) = -0.2.
        assert!(
            close(r.tokens.overall.kappa, -0.2),
            "{:?}",
            r.tokens.overall
        );
        // PER: A 2 tokens, B none: agreed 2; chance 2·0 + 2·4 = 8 = 4·2: kappa 0.
        assert!(close(label(&r.tokens, "PER").kappa.kappa, 0.0));
        assert_eq!(r.spans.micro.f1(), 0.0);
    }

    #[test]
    fn confusion_tables_by_hand() {
        // The classic 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15.
        // po = 35/50 = 0.7; pe = (25·30 + 25·20) / 2500 = 0.5; kappa = 0.4.
        let table: BTreeMap<(bool, bool), usize> = [
            ((true, true), 20),
            ((true, false), 5),
            ((false, true), 10),
            ((false, false), 15),
        ]
        .into_iter()
        .collect();
        let k = Kappa::from_confusion(&table);
        assert_eq!((k.tokens, k.agreed), (50, 35));
        assert!((k.observed - 0.7).abs() < 1e-12 && (k.expected - 0.5).abs() < 1e-12);
        assert!(close(k.kappa, 0.4));
        let none = Kappa::from_confusion(&BTreeMap::<(bool, bool), usize>::new());
        assert_eq!((none.tokens, none.kappa), (0, None));
        // Both put every item in the same single category.
        let same: BTreeMap<(u8, u8), usize> = [((3, 3), 12)].into_iter().collect();
        assert_eq!(Kappa::from_confusion(&same).kappa, None);
    }

    #[test]
    fn partly_covered_tokens_and_nested_spans() {
        let text = "« Jean-Luc Martin part » dit-il";
        let tokens = word_tokens(text);
        let names: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(names, ["Jean", "Luc", "Martin", "part", "dit", "il"]);
        let quote = at(text, "« Jean-Luc Martin part »", Label::QUOTE);
        // Ends inside `Martin`: the token still counts as covered.
        let name = at(text, "Jean-Luc Mar", Label::PER);
        let labels = token_labels(&tokens, &[quote, name]);
        assert_eq!(
            labels,
            [
                Some(Label::PER),
                Some(Label::PER),
                Some(Label::PER),
                Some(Label::QUOTE),
                None,
                None
            ]
        );
    }

    #[test]
    fn quotes_have_their_own_kappa_only() {
        let (a, mut b) = two_annotators();
        b.docs[0]
            .spans
            .push(at(TEXT, "Marie Dupont a visité Lyon", Label::QUOTE));
        let r = agree(&a, &b, None).unwrap();
        // The same labels as without the quote: 37/55.
        assert!(close(r.tokens.overall.kappa, 37.0 / 55.0));
        // QUOTE: B covers 5 tokens, A none. Agreed 4 of 9; chance 0·5 + 9·4 = 36 = 9·4.
        let quote = label(&r.tokens, "QUOTE");
        assert_eq!((quote.tokens_a, quote.tokens_b), (0, 5));
        assert!(close(quote.kappa.kappa, 0.0));
    }

    #[test]
    fn documents_are_matched_by_name_then_file_name() {
        let text = "Le Louvre ouvre.";
        let louvre = || vec![at(text, "Louvre", Label::LOC)];
        let a = set(
            "a",
            vec![
                ("louvre.txt", Some(text), louvre()),
                ("seul.txt", None, vec![]),
            ],
        );
        let b = set(
            "b",
            vec![
                ("autre.txt", None, vec![]),
                ("corpus/louvre.txt", None, louvre()),
            ],
        );
        let r = agree(&a, &b, None).unwrap();
        assert_eq!(r.documents, 1);
        assert_eq!(
            (r.only_a.as_slice(), r.only_b.as_slice()),
            (&["seul.txt".to_owned()][..], &["autre.txt".to_owned()][..])
        );
        // B has no text for the document: A's is used.
        assert_eq!(r.tokens.documents, 1);
        assert_eq!(r.tokens.overall.kappa, Some(1.0));
        assert_eq!(r.spans.documents, 1);

        // Without any text, the spans are scored and the tokens are not.
        let a = set("a", vec![("x.txt", None, louvre())]);
        let r = agree(&a, &a, None).unwrap();
        assert_eq!(r.spans.micro.f1(), 1.0);
        assert_eq!(r.tokens.documents, 0);
        assert_eq!(r.tokens.without_text, ["x.txt"]);
        assert_eq!(r.tokens.overall.kappa, None);
    }

    #[test]
    fn a_label_filter_keeps_its_labels_only() {
        let (a, b) = two_annotators();
        let keep: BTreeSet<Label> = [Label::PER, Label::LOC].into_iter().collect();
        let r = agree(&a, &b, Some(&keep)).unwrap();
        let labels: Vec<&str> = r.spans.labels.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["LOC", "PER"]);
        assert_eq!(r.micro.as_ref().unwrap().label, "PER+LOC");
        let per: BTreeSet<Label> = [Label::PER, Label::DATE].into_iter().collect();
        assert_eq!(agree(&a, &b, Some(&per)).unwrap().micro, None);
        // A: PER PER O O LOC O LOC O O; B: PER PER O O LOC O O O O. Agreed 8 of 9;
        // chance: PER 2·2 + LOC 2·1 + O 5·6 = 36; kappa = (72 - 36) / (81 - 36) = 0.8.
        assert!(close(r.tokens.overall.kappa, 0.8), "{:?}", r.tokens.overall);
        let kappas: Vec<&str> = r.tokens.labels.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(kappas, ["LOC", "PER"]);
    }

    #[test]
    fn bad_sets_are_errors() {
        let (a, b) = two_annotators();
        let mut twice = a.clone();
        twice.docs.push(twice.docs[0].clone());
        twice.docs[1].line = Some(4);
        assert_eq!(
            agree(&twice, &b, None).unwrap_err().to_string(),
            "a.jsonl:4: document \"doc.txt\" is already at a.jsonl:1"
        );

        let mut off = b.clone();
        off.docs[0].spans.push(LabelledSpan {
            start: 40,
            end: 60,
            label: Label::LOC,
            text: None,
        });
        assert_eq!(
            agree(&a, &off, None).unwrap_err().to_string(),
            "b.jsonl:1: span 40..60 (LOC) of \"doc.txt\" is not on the document's text: \
             the text has 44 bytes"
        );
        let mut inside = b.clone();
        // `é` of `visité` is bytes 20 and 21.
        inside.docs[0].spans[0].end = 21;
        inside.docs[0].spans[0].text = None;
        let err = agree(&a, &inside, None).unwrap_err().to_string();
        assert!(err.ends_with("byte 21 is inside a character"), "{err}");
        let mut moved = b.clone();
        moved.docs[0].spans[1].start += 1;
        let err = agree(&a, &moved, None).unwrap_err().to_string();
        assert!(
            err.ends_with("the span says \"Lyon\" but the text there is \"yon\""),
            "{err}"
        );

        let mut other_text = b.clone();
        other_text.docs[0].text = Some(TEXT.replace("mai", "juin"));
        assert_eq!(
            agree(&a, &other_text, None).unwrap_err().to_string(),
            "document \"doc.txt\" does not have the same text for a.jsonl:1 and b.jsonl:1: \
             their offsets cannot be compared"
        );
    }
}
