//! Corrections: what an analyst decided about the annotations of a corpus, kept beside
//! the articles and applied by every command.
//!
//! # Where they live
//! One file per corpus, `.glose/corrections.jsonl` under the corpus root (the folder of
//! its `glose.toml`, else the folder given), one correction per line, sorted by article
//! and position so that a diff shows what changed. Article bytes are never touched.
//!
//! # What a correction says
//! - **tag**: this text is an annotation of this label (and entity): a missed name, a
//!   changed type, a fixed extent, a link to a KB entity;
//! - **reject**: this text is not an annotation (of any entity label, or of one label).
//!
//! A correction belongs to one article (its path relative to the corpus root, the span
//! it had, the text it covered and a little context on each side), or to the whole
//! corpus (no article: "always tag this text as …", "never tag this text").
//!
//! # Placing a correction
//! Articles change after a correction was made. A correction is placed where its text
//! still stands at its span; else at the occurrence of its text whose surroundings best
//! match the recorded context (ties: the nearest to the old span), provided some
//! context still matches; else it is *unplaced* and reported as a `correction-unplaced`
//! warning on the article, never dropped silently.
//!
//! # Applying them
//! [`crate::Pipeline`] applies the corrections of a document as it runs: a tag is in
//! the store before the first tagger (tagger `correction`, so every tagger sees it) and
//! wins resolution over anything it overlaps; a rejected annotation never enters the
//! store. The corpus memory follows: a name an analyst tagged in one article is tagged
//! wherever else it stands (attribute `evidence` = `corpus`, unless that article's own
//! corrections say otherwise there); an annotation the taggers' corpus memory spread
//! (attribute `evidence` = `corpus`) of a text rejected in some article is dropped, and
//! of a text retyped takes the analyst's type.
//!
//! # Writing
//! [`update`] takes an exclusive lock on `.glose/corrections.lock`, reads the file,
//! changes it and renames a new copy over it: two editors and a command on one corpus
//! never lose a correction. Lines that cannot be read are kept as they are.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::annotation::{Annotation, EntityId, Label, Span};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::problem::{Place, Problem};
use crate::{Severity, atomic};

/// The tagger name of annotations made by corrections.
pub const TAGGER: &str = "correction";
/// The folder of a corpus where glose keeps its state.
pub const DIR: &str = ".glose";
/// The corrections file, in [`DIR`].
pub const FILE: &str = "corrections.jsonl";
/// The code of the problems of the corrections file.
pub const PROBLEM: &str = "corrections";
/// The diagnostic code of a correction that can no longer be placed.
pub const UNPLACED: &str = "correction-unplaced";
/// Bytes of context kept on each side of a corrected span.
const CONTEXT: usize = 40;
/// Bytes of recorded context that must still match for a correction to move.
const MIN_CONTEXT_MATCH: usize = 6;

/// What the analyst decided.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Decision {
    /// The text is an annotation of `label`, linked to `entity` when given.
    Tag {
        label: Label,
        entity: Option<String>,
    },
    /// The text is not an annotation: of any label but the overlay ones (`None`), or
    /// of this label.
    Reject { label: Option<Label> },
}

/// Where a correction applies.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// One place of one article.
    Article {
        /// The article's path relative to the corpus root, with `/`.
        file: String,
        /// The span when the correction was made.
        span: Span,
        /// Up to 40 bytes of text before and after the span then.
        before: String,
        after: String,
    },
    /// Every occurrence of the text in the corpus.
    Corpus,
}

/// One decision of an analyst.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Correction {
    pub scope: Scope,
    /// The text the correction covers.
    pub text: String,
    pub decision: Decision,
    /// Who made it, when known.
    pub by: Option<String>,
    /// When, as an RFC 3339 UTC time.
    pub at: Option<String>,
}

/// A line of the corrections file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after: Option<String>,
    decision: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<Label>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    entity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<String>,
}

impl Correction {
    /// A correction of the text at `span` of `document`, whose path relative to the
    /// corpus root is `file`; the context is taken from the document.
    pub fn in_article(file: &str, text: &str, span: Span, decision: Decision) -> Correction {
        let (before, after) = context(text, span);
        Correction {
            scope: Scope::Article {
                file: file.to_owned(),
                span,
                before: before.to_owned(),
                after: after.to_owned(),
            },
            text: text[span.start..span.end].to_owned(),
            decision,
            by: None,
            at: None,
        }
    }

    /// A rule for every occurrence of `text` in the corpus.
    pub fn in_corpus(text: &str, decision: Decision) -> Correction {
        Correction {
            scope: Scope::Corpus,
            text: text.to_owned(),
            decision,
            by: None,
            at: None,
        }
    }

    /// The same correction, signed by `by` now.
    pub fn signed(mut self, by: Option<String>) -> Correction {
        self.by = by;
        self.at = Some(now_rfc3339());
        self
    }

    /// The article it belongs to, if any.
    pub fn file(&self) -> Option<&str> {
        match &self.scope {
            Scope::Article { file, .. } => Some(file),
            Scope::Corpus => None,
        }
    }

    /// Whether `other` says the same thing at the same place (who and when aside).
    pub fn same_as(&self, other: &Correction) -> bool {
        self.scope == other.scope && self.text == other.text && self.decision == other.decision
    }

    /// A short human description: `tag «X» as PER`, `reject «X»`.
    pub fn describe(&self) -> String {
        let what = match &self.decision {
            Decision::Tag {
                label,
                entity: Some(e),
            } => format!("«{}» tagged {label} ({e})", self.text),
            Decision::Tag {
                label,
                entity: None,
            } => format!("«{}» tagged {label}", self.text),
            Decision::Reject { label: None } => format!("«{}» rejected", self.text),
            Decision::Reject { label: Some(l) } => format!("«{}» rejected as {l}", self.text),
        };
        match self.scope {
            Scope::Article { .. } => what,
            Scope::Corpus => format!("{what} in the whole corpus"),
        }
    }

    fn to_line(&self) -> Line {
        let (decision, label, entity) = match &self.decision {
            Decision::Tag { label, entity } => ("tag", Some(*label), entity.clone()),
            Decision::Reject { label } => ("reject", *label, None),
        };
        let (file, start, end, before, after) = match &self.scope {
            Scope::Article {
                file,
                span,
                before,
                after,
            } => (
                Some(file.clone()),
                Some(span.start),
                Some(span.end),
                Some(before.clone()),
                Some(after.clone()),
            ),
            Scope::Corpus => (None, None, None, None, None),
        };
        Line {
            file,
            start,
            end,
            text: self.text.clone(),
            before,
            after,
            decision: decision.to_owned(),
            label,
            entity,
            by: self.by.clone(),
            at: self.at.clone(),
        }
    }

    fn from_line(line: Line) -> Result<Correction, String> {
        if line.text.is_empty() {
            return Err("\"text\" is empty".to_owned());
        }
        let decision = match line.decision.as_str() {
            "tag" => Decision::Tag {
                label: line.label.ok_or("a \"tag\" correction needs a \"label\"")?,
                entity: line.entity,
            },
            "reject" => Decision::Reject { label: line.label },
            other => {
                return Err(format!(
                    "unknown decision {other:?} (expected \"tag\" or \"reject\")"
                ));
            }
        };
        if let Some(label) = line.label
            && !Label::is_valid_name(label.as_str())
        {
            return Err(format!("invalid label {:?}", label.as_str()));
        }
        let scope = match (line.file, line.start, line.end) {
            (Some(file), Some(start), Some(end)) => {
                if end <= start || end - start != line.text.len() {
                    return Err(format!(
                        "span {start}..{end} does not have the length of \"text\""
                    ));
                }
                Scope::Article {
                    file,
                    span: Span::new(start, end),
                    before: line.before.unwrap_or_default(),
                    after: line.after.unwrap_or_default(),
                }
            }
            (None, None, None) => Scope::Corpus,
            _ => {
                return Err(
                    "\"file\", \"start\" and \"end\" go together (all three for one \
                     article, none for the whole corpus)"
                        .to_owned(),
                );
            }
        };
        Ok(Correction {
            scope,
            text: line.text,
            decision,
            by: line.by,
            at: line.at,
        })
    }

    /// The correction as one line of the corrections file (no line break).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.to_line()).expect("a correction serializes")
    }

    /// Reads one line of the corrections file.
    pub fn from_json(line: &str) -> Result<Correction, String> {
        let raw: Line = serde_json::from_str(line).map_err(|e| e.to_string())?;
        Correction::from_line(raw)
    }

    /// Where this correction stands in `text` now, if it can be placed (see the module
    /// documentation).
    pub fn anchor(&self, text: &str) -> Option<Span> {
        let Scope::Article {
            span,
            before,
            after,
            ..
        } = &self.scope
        else {
            return None;
        };
        if text.get(span.start..span.end) == Some(self.text.as_str()) {
            return Some(*span);
        }
        let needed = MIN_CONTEXT_MATCH.min(before.len() + after.len());
        let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
        for (start, _) in text.match_indices(self.text.as_str()) {
            let end = start + self.text.len();
            let score = common_suffix(&text[..start], before) + common_prefix(&text[end..], after);
            if score < needed {
                continue;
            }
            let distance = start.abs_diff(span.start);
            let better = match best {
                None => true,
                Some((s, d, _)) => score > s || (score == s && distance < d),
            };
            if better {
                best = Some((score, distance, start));
            }
        }
        best.map(|(_, _, start)| Span::new(start, start + self.text.len()))
    }
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// Up to [`CONTEXT`] bytes before and after `span`, on character boundaries.
fn context(text: &str, span: Span) -> (&str, &str) {
    let mut from = span.start.saturating_sub(CONTEXT);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (span.end + CONTEXT).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    (&text[from..span.start], &text[span.end..to])
}

/// The time now as `YYYY-MM-DDTHH:MM:SSZ`.
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Adds `c` to `list`, replacing the corrections it supersedes: in the same article,
/// those whose span overlaps it; in the corpus scope, those of the same text.
pub fn add(list: &mut Vec<Correction>, c: Correction) {
    list.retain(|old| !supersedes(&c, old));
    list.push(c);
}

fn supersedes(new: &Correction, old: &Correction) -> bool {
    match (&new.scope, &old.scope) {
        (
            Scope::Article { file, span, .. },
            Scope::Article {
                file: f, span: s, ..
            },
        ) => file == f && span.start < s.end && s.start < span.end,
        (Scope::Corpus, Scope::Corpus) => new.text == old.text,
        _ => false,
    }
}

/// Removes the corrections saying what `c` says; whether one was there.
pub fn remove(list: &mut Vec<Correction>, c: &Correction) -> bool {
    let before = list.len();
    list.retain(|old| !old.same_as(c));
    list.len() != before
}

/// A text tagged wherever it stands.
#[derive(Debug)]
struct Spread {
    label: Label,
    entity: Option<String>,
    /// A corpus-wide rule (else a name tagged in one article, spread by the memory).
    rule: bool,
}

/// The corrections of one corpus, ready to apply.
#[derive(Debug, Default)]
pub struct Corrections {
    /// The corpus root, absolute.
    root: PathBuf,
    list: Vec<Correction>,
    /// Indices into `list` by article.
    by_file: HashMap<String, Vec<usize>>,
    /// What is tagged wherever its text stands: the corpus-wide tags, and the names an
    /// analyst tagged in some article (the corpus memory spreads them), with one
    /// automaton over their texts.
    spread: Vec<Spread>,
    spread_matcher: Option<aho_corasick::AhoCorasick>,
    /// Texts rejected in the whole corpus.
    never: HashSet<String>,
    /// Text → the analyst's type (`None`: not an entity), from article corrections, for
    /// what the corpus memory spreads.
    memory: HashMap<String, Option<Label>>,
    /// Lines of the file that could not be read (left out).
    pub problems: Vec<Problem>,
}

impl Corrections {
    /// The corrections file of the corpus at `root`.
    pub fn path(root: &Path) -> PathBuf {
        root.join(DIR).join(FILE)
    }

    /// Reads the corrections of the corpus at `root`. Never fails: a missing file is no
    /// correction; an unreadable file or line is a problem and left out.
    pub fn load(root: &Path) -> Corrections {
        let path = Corrections::path(root);
        let (list, problems) = match std::fs::read_to_string(&path) {
            Ok(text) => parse(&text, &path.display().to_string()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => (Vec::new(), Vec::new()),
            Err(e) => (
                Vec::new(),
                vec![Problem::new(
                    path.display().to_string(),
                    Severity::Error,
                    PROBLEM,
                    format!("cannot read the corrections: {e}"),
                )],
            ),
        };
        let mut c = Corrections::new(root, list);
        c.problems = problems;
        c
    }

    /// The corrections `list` of the corpus at `root`.
    pub fn new(root: &Path, list: Vec<Correction>) -> Corrections {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_owned());
        let mut by_file: HashMap<String, Vec<usize>> = HashMap::new();
        let mut rules: HashMap<&str, (Label, Option<String>)> = HashMap::new();
        let mut never = HashSet::new();
        let mut memory = HashMap::new();
        let mut entities: HashMap<&str, Option<String>> = HashMap::new();
        for (i, c) in list.iter().enumerate() {
            match (&c.scope, &c.decision) {
                (Scope::Article { file, .. }, decision) => {
                    by_file.entry(file.clone()).or_default().push(i);
                    match decision {
                        Decision::Tag { label, entity } if label.is_entity() => {
                            memory.insert(c.text.clone(), Some(*label));
                            entities.insert(&c.text, entity.clone());
                        }
                        Decision::Reject { label: None } => {
                            memory.insert(c.text.clone(), None);
                        }
                        _ => {}
                    }
                }
                (Scope::Corpus, Decision::Tag { label, entity }) => {
                    rules.insert(&c.text, (*label, entity.clone()));
                }
                (Scope::Corpus, Decision::Reject { .. }) => {
                    never.insert(c.text.clone());
                }
            }
        }
        // Names only (a capital first): the memory does not spread common words.
        let spread_names = memory.iter().filter_map(|(text, label)| {
            let named = text.chars().next().is_some_and(char::is_uppercase);
            let label = (*label).filter(|_| named && !rules.contains_key(text.as_str()))?;
            let entity = entities.get(text.as_str()).cloned().flatten();
            Some((text.clone(), label, entity, false))
        });
        let mut spread_texts: Vec<(String, Label, Option<String>, bool)> = rules
            .iter()
            .map(|(text, (label, entity))| ((*text).to_owned(), *label, entity.clone(), true))
            .chain(spread_names)
            .collect();
        spread_texts.sort_by(|a, b| a.0.cmp(&b.0));
        let spread_matcher = (!spread_texts.is_empty())
            .then(|| {
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    .build(spread_texts.iter().map(|s| s.0.as_str()))
                    .ok()
            })
            .flatten();
        let spread = spread_texts
            .into_iter()
            .map(|(_, label, entity, rule)| Spread {
                label,
                entity,
                rule,
            })
            .collect();
        Corrections {
            root,
            list,
            by_file,
            spread,
            spread_matcher,
            never,
            memory,
            problems: Vec::new(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn list(&self) -> &[Correction] {
        &self.list
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The corrections of one article (by its path relative to the root).
    pub fn of_article(&self, file: &str) -> impl Iterator<Item = &Correction> {
        self.by_file
            .get(file)
            .into_iter()
            .flatten()
            .map(|&i| &self.list[i])
    }

    /// The articles that have corrections, relative to the root.
    pub fn articles(&self) -> impl Iterator<Item = &str> {
        self.by_file.keys().map(String::as_str)
    }

    /// The path of `path` relative to the corpus root, with `/`; `None` outside it.
    pub fn relative(&self, path: &Path) -> Option<String> {
        relative(&self.root, path)
    }

    /// A stable digest of the corrections (part of the pipeline's).
    pub fn digest(&self, digest: &mut crate::digest::Digest) {
        digest.str("corrections");
        for c in &self.list {
            digest.str(&c.to_json());
        }
    }

    /// Places the corrections of `doc` (see the module documentation).
    pub fn place(&self, doc: &Document) -> Placement<'_> {
        let text = doc.text();
        let mut placement = Placement {
            forced: Vec::new(),
            rejected: Vec::new(),
            unplaced: Vec::new(),
            never: &self.never,
            memory: &self.memory,
        };
        let body = doc.meta().body_start;
        let force = |span: Span, label: Label, entity: &Option<String>, forced: &mut Vec<_>| {
            if span.start < body || !doc.is_valid_span(span) {
                return;
            }
            let mut a = Annotation::new(span, label);
            a.tagger = TAGGER;
            a.entity = entity.as_deref().map(EntityId::new);
            forced.push(a);
        };
        let article = if self.by_file.is_empty() {
            None
        } else {
            self.relative(Path::new(doc.path()))
        };
        if let Some(indices) = article.as_ref().and_then(|a| self.by_file.get(a)) {
            for &i in indices {
                let c = &self.list[i];
                match (c.anchor(text), &c.decision) {
                    (Some(span), Decision::Tag { label, entity }) => {
                        force(span, *label, entity, &mut placement.forced);
                    }
                    (Some(span), Decision::Reject { label }) => {
                        placement.rejected.push((span, *label));
                    }
                    (None, _) => placement.unplaced.push(
                        Diagnostic::warning(
                            Span::default(),
                            UNPLACED,
                            format!(
                                "a correction can no longer be placed: {} (it was at bytes \
                                 {}; the article changed there)",
                                c.describe(),
                                match &c.scope {
                                    Scope::Article { span, .. } => span.to_string(),
                                    Scope::Corpus => String::new(),
                                }
                            ),
                        )
                        .with_source("glose"),
                    ),
                }
            }
        }
        // Then what is tagged wherever it stands, where the article's own corrections
        // say nothing.
        if let Some(matcher) = &self.spread_matcher {
            let decided: Vec<Span> = placement
                .forced
                .iter()
                .map(|a| a.span)
                .chain(placement.rejected.iter().map(|r| r.0))
                .collect();
            for m in matcher.find_iter(text) {
                let span = Span::new(m.start(), m.end());
                let s = &self.spread[m.pattern().as_usize()];
                if !is_word_boundary(text, span.start)
                    || !is_word_boundary(text, span.end)
                    || decided.iter().any(|d| d.overlaps(span))
                    || self.never.contains(&text[span.start..span.end])
                {
                    continue;
                }
                let before = placement.forced.len();
                force(span, s.label, &s.entity, &mut placement.forced);
                if !s.rule
                    && let Some(a) = placement.forced.get_mut(before)
                {
                    a.attrs.insert("evidence".into(), "corpus".into());
                }
            }
        }
        placement.forced.sort_by_key(|a| (a.span.start, a.span.end));
        placement
    }
}

/// The path of `path` relative to the corpus at `root`, with `/` (symbolic links
/// resolved when the plain paths do not nest); `None` outside it.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    let root = std::path::absolute(root).ok()?;
    let rel = match absolute.strip_prefix(&root) {
        Ok(rel) => rel.to_owned(),
        Err(_) => {
            let canonical = std::fs::canonicalize(&absolute).ok()?;
            let root = std::fs::canonicalize(&root).ok()?;
            canonical.strip_prefix(&root).ok()?.to_owned()
        }
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            std::path::Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn is_word_boundary(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric))
}

/// Reads the lines of a corrections file; the unreadable ones are problems.
fn parse(text: &str, file: &str) -> (Vec<Correction>, Vec<Problem>) {
    let mut list = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match Correction::from_json(line) {
            Ok(c) => list.push(c),
            Err(e) => problems.push(
                Problem::new(
                    file,
                    Severity::Warning,
                    PROBLEM,
                    format!("correction left out: {e}"),
                )
                .at(Place::line(i as u32 + 1, 1)),
            ),
        }
    }
    (list, problems)
}

/// The corrections of one document, placed.
#[derive(Debug)]
pub struct Placement<'a> {
    /// Annotations the analyst made, sorted.
    pub forced: Vec<Annotation>,
    /// Spans rejected, of every entity label (`None`) or of one.
    pub rejected: Vec<(Span, Option<Label>)>,
    /// Warnings for the corrections that could not be placed.
    pub unplaced: Vec<Diagnostic>,
    never: &'a HashSet<String>,
    memory: &'a HashMap<String, Option<Label>>,
}

impl Placement<'_> {
    /// Whether a tagger's annotation `a` of a document with text `text` may enter the
    /// store, after retyping it when the corpus memory spread a corrected text.
    pub fn admit(&self, a: &mut Annotation, text: &str) -> bool {
        let rejected = self.rejected.iter().any(|&(span, label)| {
            span == a.span
                && match label {
                    Some(l) => l == a.label,
                    None => a.label.is_entity(),
                }
        });
        if rejected {
            return false;
        }
        if !a.label.is_entity() {
            return true;
        }
        let covered = a.text(text);
        if self.never.contains(covered) {
            return false;
        }
        let spread = a
            .attrs
            .get("evidence")
            .and_then(|v| v.as_str())
            .is_some_and(|e| e == "corpus");
        if spread && let Some(decision) = self.memory.get(covered) {
            match decision {
                None => return false,
                Some(label) => a.label = *label,
            }
        }
        true
    }
}

/// Changes the corrections of the corpus at `root` with `change`, under an exclusive
/// lock, and writes them back atomically (sorted by article and position). Lines that
/// cannot be read are kept at the top as they were. Returns the corrections now in the
/// file.
pub fn update(
    root: &Path,
    change: impl FnOnce(&mut Vec<Correction>),
) -> io::Result<Vec<Correction>> {
    let dir = root.join(DIR);
    std::fs::create_dir_all(&dir)?;
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("corrections.lock"))?;
    lock.lock()?;
    let path = dir.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let mut kept = Vec::new();
    let mut list = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match Correction::from_json(line) {
            Ok(c) => list.push(c),
            Err(_) => kept.push(line.to_owned()),
        }
    }
    change(&mut list);
    sort(&mut list);
    let mut out = String::new();
    for line in &kept {
        out.push_str(line);
        out.push('\n');
    }
    for c in &list {
        out.push_str(&c.to_json());
        out.push('\n');
    }
    let written = atomic::write(&path, out.as_bytes());
    let _ = lock.unlock();
    written.map(|()| list)
}

/// The order of the file: corpus rules first (by text), then by article and position.
fn sort(list: &mut [Correction]) {
    list.sort_by(|a, b| {
        let key = |c: &Correction| match &c.scope {
            Scope::Corpus => (String::new(), 0, 0, c.text.clone()),
            Scope::Article { file, span, .. } => {
                (file.clone(), span.start, span.end, String::new())
            }
        };
        key(a).cmp(&key(b))
    });
}

#[cfg(test)]
mod tests;
