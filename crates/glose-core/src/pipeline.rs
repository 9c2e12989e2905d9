//! The pipeline: orders taggers by what they need and provide, runs them over a
//! document, checks what they return, and resolves the non-overlapping entity layer.
//!
//! # Order
//! A tagger that requires a label runs after every other tagger that provides it, with
//! one exception: taggers that both require and provide a label *refine* it (the names
//! tagger types more names, the acronyms tagger links more), and refiners of a label
//! keep the order they were given in among themselves. So the label's plain providers
//! run first, then its refiners in order, then the taggers that only read it. Between
//! taggers that do not depend on each other, the order they were given in is kept. A cycle, two taggers with the same name, or a required label that no tagger
//! provides is an error that names the taggers involved.
//!
//! # Checks
//! Every annotation a tagger returns is checked: its span must lie inside the text, on
//! character boundaries, with `start < end`, and its label must be a valid label name.
//! Bad annotations are dropped with an `invalid-annotation` warning. Annotations inside
//! the date marker (metadata, not text) are dropped silently. A tagger that fails or
//! panics is reported with an error diagnostic and the others still run.
//!
//! # Resolution
//! The store keeps every annotation, overlapping or not. The *entity layer* is the
//! subset that exporters and `glose eval` use, where no two annotations overlap. It is
//! built greedily, taking candidates in this order and dropping any that overlaps one
//! already taken:
//! 1. an analyst's correction first;
//! 2. then the longer span;
//! 3. then one linked to an entity;
//! 4. then the higher confidence;
//! 5. then the tagger that runs earlier;
//! 6. then the earlier start, then the label name.
//!
//! Annotations with an *overlay* label (by default `QUOTE`) are not entities: they are
//! kept in the layer whatever they overlap.
//!
//! # Corrections
//! A pipeline given the corpus's [`Corrections`] applies those of each document as it
//! runs (see [`crate::correction`]): the analyst's tags are in the store before the
//! first tagger and are taken first in resolution; rejected annotations never enter the
//! store, so later taggers do not see them either.
//!
//! Before that, annotations *superseded* on this document are left out: those of a
//! tagger named by [`Tagger::supersedes`] of another tagger that ran without failing,
//! with a label that other tagger provides. (The `ner` tagger reads the rule taggers'
//! names as features and decides the people, organisations and places itself.)

use std::collections::{BTreeMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::annotation::{Annotation, Label, Span, intern};
use crate::correction::{self, Corrections};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::knowledge::{Knowledge, KnowledgeError, Section};
use crate::store::AnnotationStore;
use crate::tagger::{Cancel, DocumentView, Never, TagError, Tagger};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PipelineError {
    #[error("two taggers are named `{0}`")]
    DuplicateName(String),
    #[error("tagger `{tagger}` requires {label}, which no other tagger provides")]
    Unprovided { tagger: String, label: Label },
    #[error("taggers {} depend on each other in a cycle", .0.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", "))]
    Cycle(Vec<String>),
}

/// Taggers in run order, and the corrections they answer to.
///
/// A clone shares the taggers, and what they learned from the corpus.
#[derive(Clone)]
pub struct Pipeline {
    taggers: Vec<Arc<dyn Tagger>>,
    names: Vec<&'static str>,
    overlay: Vec<Label>,
    corrections: Option<Arc<Corrections>>,
    /// Articles shown to [`Pipeline::observe`] (or in the knowledge loaded).
    observed: Arc<AtomicU64>,
    /// Knowledge was loaded ([`Pipeline::load_knowledge`]): the taggers learn no more.
    loaded: Arc<AtomicBool>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("taggers", &self.names)
            .field("overlay", &self.overlay)
            .field(
                "corrections",
                &self.corrections.as_ref().map_or(0, |c| c.list().len()),
            )
            .finish()
    }
}

/// The result of running a pipeline over one document.
#[derive(Clone, Debug, Default)]
pub struct Annotated {
    /// Every annotation, overlaps included.
    pub store: AnnotationStore,
    /// Indices into `store` of the resolved layer, in store order.
    pub layer: Vec<usize>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Annotated {
    /// The resolved layer: non-overlapping entities plus overlay annotations, in order.
    pub fn resolved(&self) -> impl Iterator<Item = &Annotation> {
        self.layer.iter().map(|&i| &self.store.as_slice()[i])
    }
}

/// What the corpus pass computed of one document that annotating it can take up
/// ([`Pipeline::observe_keeping`], [`Pipeline::run_kept`]).
#[derive(Clone, Debug)]
pub struct Kept {
    store: AnnotationStore,
    diagnostics: Vec<Diagnostic>,
    ran: Vec<bool>,
}

impl Kept {
    /// About how many bytes of memory it holds.
    pub fn size(&self) -> usize {
        self.store.len() * std::mem::size_of::<Annotation>()
            + self.diagnostics.len() * std::mem::size_of::<Diagnostic>()
    }
}

/// A document part-way through the pipeline: what the taggers that ran so far gave.
struct Run<'a> {
    placement: Option<correction::Placement<'a>>,
    store: AnnotationStore,
    diagnostics: Vec<Diagnostic>,
    ran: Vec<bool>,
}

impl Pipeline {
    /// Orders `taggers` (see the module documentation).
    pub fn new(taggers: Vec<Arc<dyn Tagger>>) -> Result<Self, PipelineError> {
        let mut seen = HashSet::new();
        for t in &taggers {
            if !seen.insert(t.name().to_owned()) {
                return Err(PipelineError::DuplicateName(t.name().to_owned()));
            }
        }
        let order = order(&taggers)?;
        let mut slots: Vec<Option<Arc<dyn Tagger>>> = taggers.into_iter().map(Some).collect();
        let taggers: Vec<Arc<dyn Tagger>> =
            order.into_iter().filter_map(|i| slots[i].take()).collect();
        Ok(Pipeline {
            names: taggers.iter().map(|t| intern(t.name())).collect(),
            taggers,
            overlay: vec![Label::QUOTE],
            corrections: None,
            observed: Arc::default(),
            loaded: Arc::default(),
        })
    }

    /// The same taggers, applying `corrections` (none: the machine's output alone).
    pub fn with_corrections(mut self, corrections: Option<Arc<Corrections>>) -> Self {
        self.corrections = corrections.filter(|c| !c.is_empty());
        self
    }

    /// The corrections applied, if any.
    pub fn corrections(&self) -> Option<&Arc<Corrections>> {
        self.corrections.as_ref()
    }

    /// Sets the labels kept outside overlap resolution (default: `QUOTE`).
    pub fn with_overlay_labels(mut self, labels: Vec<Label>) -> Self {
        self.overlay = labels;
        self
    }

    /// The taggers, in run order.
    pub fn taggers(&self) -> impl Iterator<Item = &dyn Tagger> {
        self.taggers.iter().map(|t| &**t)
    }

    /// Whether some tagger learns from the whole corpus first ([`Pipeline::observe`]).
    pub fn observes(&self) -> bool {
        self.taggers.iter().any(|t| t.observes())
    }

    /// Whether [`Pipeline::observe`] would learn anything: some tagger learns, and no
    /// knowledge was loaded.
    pub fn learns(&self) -> bool {
        self.observes() && !self.loaded.load(Ordering::Relaxed)
    }

    /// Shows `doc` to the taggers that learn from the corpus: the taggers before the
    /// last of them run normally, so that each observer sees the annotations it would
    /// see when tagging. Call it for every document before tagging any. Once knowledge
    /// has been loaded ([`Pipeline::load_knowledge`]), nothing more is learned.
    pub fn observe(&self, doc: &Document) {
        let _ = self.observe_inner(doc, false);
    }

    /// [`Pipeline::observe`], keeping what the taggers before the first that learns
    /// gave (their output does not depend on what the corpus teaches), for
    /// [`Pipeline::run_kept`] to take up. `None` when nothing was learned.
    pub fn observe_keeping(&self, doc: &Document) -> Option<Kept> {
        self.observe_inner(doc, true)
    }

    /// [`Pipeline::observe`]; with `keep`, what [`Pipeline::observe_keeping`] keeps.
    fn observe_inner(&self, doc: &Document, keep: bool) -> Option<Kept> {
        let first = self.taggers.iter().position(|t| t.observes())?;
        let last = self.taggers.iter().rposition(|t| t.observes())?;
        if self.loaded.load(Ordering::Relaxed) {
            return None;
        }
        self.observed.fetch_add(1, Ordering::Relaxed);
        let mut run = self.start(doc);
        // Never cancelled, and failures become diagnostics: this cannot fail.
        let _ = self.run_taggers(doc, &Never, 0..first, &mut run);
        let kept = keep.then(|| Kept {
            store: run.store.clone(),
            diagnostics: run.diagnostics.clone(),
            ran: run.ran.clone(),
        });
        let Run {
            placement,
            mut store,
            ..
        } = run;
        for (i, tagger) in self.taggers.iter().enumerate().take(last + 1).skip(first) {
            let view = DocumentView::new(doc, &store, &Never).observing();
            if tagger.observes() {
                let _ = catch_unwind(AssertUnwindSafe(|| tagger.observe(&view)));
            }
            if i == last {
                break;
            }
            if let Ok(Ok(output)) = catch_unwind(AssertUnwindSafe(|| tagger.tag(&view))) {
                let valid = output.annotations.into_iter().filter_map(|mut a| {
                    let valid = doc.is_valid_span(a.span)
                        && !a.span.is_empty()
                        && Label::is_valid_name(a.label.as_str())
                        && placement
                            .as_ref()
                            .is_none_or(|p| p.admit(&mut a, doc.text()));
                    valid.then_some(a)
                });
                store.extend(valid);
            }
        }
        kept
    }

    /// Runs the taggers over `doc` from where [`Pipeline::observe_keeping`] left it: the
    /// same result as [`Pipeline::run`], without running again the taggers before the
    /// first that learns.
    pub fn run_kept(&self, doc: &Document, kept: Kept) -> Annotated {
        let first = self.taggers.iter().position(|t| t.observes());
        let Some(first) = first.filter(|_| kept.ran.len() == self.taggers.len()) else {
            return self.run(doc);
        };
        let mut run = Run {
            placement: self.corrections.as_ref().map(|c| c.place(doc)),
            store: kept.store,
            diagnostics: kept.diagnostics,
            ran: kept.ran,
        };
        let _ = self.run_taggers(doc, &Never, first..self.taggers.len(), &mut run);
        self.finish(run)
    }

    /// A stable digest of the taggers (names and versions) and of what they learned
    /// from the corpus: annotations made by a pipeline with the same digest are the same.
    pub fn digest(&self) -> crate::digest::Digest {
        let mut d = crate::digest::Digest::new();
        for t in &self.taggers {
            d.str(t.name()).str(t.version());
            t.digest(&mut d);
            if let Some(learned) = t.learned() {
                learned.digest(&mut d);
            }
        }
        if let Some(c) = &self.corrections {
            c.digest(&mut d);
        }
        d
    }

    /// What the taggers learned from the articles observed so far, with what it depends
    /// on (see [`crate::knowledge`]).
    pub fn knowledge(&self) -> Knowledge {
        let mut k = self.knowledge_shape(true);
        k.articles = self.observed.load(Ordering::Relaxed);
        k
    }

    /// Replaces what the taggers learned with `knowledge` (from `glose learn`), after
    /// checking that it was learned by the same taggers with the same data. The
    /// pipeline (and its clones) then learns no more: [`Pipeline::observe`] does nothing.
    pub fn load_knowledge(&self, knowledge: &Knowledge) -> Result<(), KnowledgeError> {
        self.knowledge_shape(false).fits(knowledge)?;
        for t in self.taggers.iter().filter(|t| t.observes()) {
            let learned = knowledge
                .taggers
                .get(t.name())
                .and_then(|s| s.learned.as_ref())
                .ok_or_else(|| KnowledgeError::NotLearned(t.name().to_owned()))?;
            t.load_learned(learned)
                .map_err(|why| KnowledgeError::Invalid {
                    tagger: t.name().to_owned(),
                    why,
                })?;
        }
        self.observed.store(knowledge.articles, Ordering::Relaxed);
        self.loaded.store(true, Ordering::Relaxed);
        Ok(())
    }

    /// The taggers up to the last that learns (what they tag shapes what is learned),
    /// with what they learned (`learned`) or empty tallies.
    fn knowledge_shape(&self, learned: bool) -> Knowledge {
        let last = self.taggers.iter().rposition(|t| t.observes());
        let part = last.map_or(&[][..], |l| &self.taggers[..=l]);
        let sections = part
            .iter()
            .map(|t| {
                let mut d = crate::digest::Digest::new();
                t.digest(&mut d);
                let tally = t.observes().then(|| {
                    if learned {
                        t.learned().unwrap_or_default()
                    } else {
                        Default::default()
                    }
                });
                let section = Section {
                    version: t.version().to_owned(),
                    data: format!("{:016x}", d.value()),
                    learned: tally,
                };
                (t.name().to_owned(), section)
            })
            .collect();
        let corrections = self.corrections.as_ref().map(|c| {
            let mut d = crate::digest::Digest::new();
            c.digest(&mut d);
            format!("{:016x}", d.value())
        });
        Knowledge::empty(sections, corrections)
    }

    /// Runs every tagger over `doc`.
    pub fn run(&self, doc: &Document) -> Annotated {
        // Never cancelled, and failures become diagnostics: this cannot be an error.
        self.run_cancellable(doc, &Never).unwrap_or_default()
    }

    /// Runs every tagger over `doc`, stopping with [`TagError::Cancelled`] as soon as
    /// `cancel` says so.
    pub fn run_cancellable(
        &self,
        doc: &Document,
        cancel: &dyn Cancel,
    ) -> Result<Annotated, TagError> {
        let mut run = self.start(doc);
        self.run_taggers(doc, cancel, 0..self.taggers.len(), &mut run)?;
        Ok(self.finish(run))
    }

    /// A run of `doc` before any tagger: the analyst's corrections placed.
    fn start(&self, doc: &Document) -> Run<'_> {
        let placement = self.corrections.as_ref().map(|c| c.place(doc));
        let mut run = Run {
            store: AnnotationStore::new(),
            diagnostics: Vec::new(),
            ran: vec![false; self.taggers.len()],
            placement: None,
        };
        if let Some(p) = &placement {
            run.store.extend(p.forced.iter().cloned());
            run.diagnostics.extend(p.unplaced.iter().cloned());
        }
        run.placement = placement;
        run
    }

    /// The resolved result of a run.
    fn finish(&self, run: Run<'_>) -> Annotated {
        let layer = self.resolve(&run.store, &run.ran);
        Annotated {
            store: run.store,
            layer,
            diagnostics: run.diagnostics,
        }
    }

    /// Runs the taggers of `range` (in run order) over `doc`, adding to `run`.
    fn run_taggers(
        &self,
        doc: &Document,
        cancel: &dyn Cancel,
        range: std::ops::Range<usize>,
        run: &mut Run<'_>,
    ) -> Result<(), TagError> {
        let Run {
            placement,
            store,
            diagnostics,
            ran,
        } = run;
        for k in range {
            let (tagger, name) = (&self.taggers[k], self.names[k]);
            let view = DocumentView::new(doc, store, cancel);
            if view.is_cancelled() {
                return Err(TagError::Cancelled);
            }
            let result = catch_unwind(AssertUnwindSafe(|| tagger.tag(&view)));
            let output = match result {
                Ok(Ok(output)) => output,
                Ok(Err(TagError::Cancelled)) => return Err(TagError::Cancelled),
                Ok(Err(TagError::Failed(message))) => {
                    diagnostics.push(
                        Diagnostic::error(
                            Span::default(),
                            "tagger-failed",
                            format!("tagger `{name}` failed: {message}"),
                        )
                        .with_source("glose"),
                    );
                    continue;
                }
                Err(panic) => {
                    diagnostics.push(
                        Diagnostic::error(
                            Span::default(),
                            "tagger-panicked",
                            format!("tagger `{name}` panicked: {}", panic_message(&*panic)),
                        )
                        .with_source("glose"),
                    );
                    continue;
                }
            };
            let mut accepted = Vec::with_capacity(output.annotations.len());
            let mut dropped = 0usize;
            let mut first_bad = None;
            for mut a in output.annotations {
                if !doc.is_valid_span(a.span)
                    || a.span.is_empty()
                    || !Label::is_valid_name(a.label.as_str())
                {
                    dropped += 1;
                    first_bad.get_or_insert((a.span, a.label));
                    continue;
                }
                if a.span.start < doc.meta().body_start {
                    continue;
                }
                a.tagger = name;
                if placement
                    .as_ref()
                    .is_some_and(|p| !p.admit(&mut a, doc.text()))
                {
                    continue;
                }
                accepted.push(a);
            }
            if let Some((span, label)) = first_bad {
                diagnostics.push(
                    Diagnostic::warning(
                        Span::default(),
                        "invalid-annotation",
                        format!(
                            "tagger `{name}` returned {dropped} invalid annotation(s), dropped; \
                             the first is {label} at {span} (text is {} bytes)",
                            doc.text().len()
                        ),
                    )
                    .with_source("glose"),
                );
            }
            for mut d in output.diagnostics {
                if !doc.is_valid_span(d.span) {
                    d.span = Span::default();
                }
                if d.source.is_empty() {
                    d.source = name.to_string();
                }
                diagnostics.push(d);
            }
            store.extend(accepted);
            ran[k] = true;
        }
        Ok(())
    }

    /// Picks the non-overlapping entity layer (see the module documentation).
    fn resolve(&self, store: &AnnotationStore, ran: &[bool]) -> Vec<usize> {
        let items = store.as_slice();
        // Annotations superseded on this document (see the module documentation).
        let deciders: Vec<&Arc<dyn Tagger>> = self
            .taggers
            .iter()
            .zip(ran)
            .filter(|(t, ran)| **ran && !t.supersedes().is_empty())
            .map(|(t, _)| t)
            .collect();
        let kept = |a: &Annotation| {
            !deciders
                .iter()
                .any(|t| t.provides().contains(&a.label) && t.supersedes().contains(&a.tagger))
        };
        // The common case: nothing overlaps, everything is in the layer.
        let mut end = 0;
        let disjoint = items
            .iter()
            .filter(|a| !self.overlay.contains(&a.label))
            .all(|a| {
                let ok = !kept(a) || a.span.start >= end;
                if kept(a) {
                    end = a.span.end;
                }
                ok
            });
        if disjoint {
            return (0..items.len()).filter(|&i| kept(&items[i])).collect();
        }
        // A tagger's rank is its place in the run order (a handful of taggers: a
        // linear search, once per candidate).
        let rank = |tagger: &str| self.names.iter().position(|&n| n == tagger);
        let mut layer: Vec<usize> = Vec::new();
        let mut candidates: Vec<(usize, Option<usize>)> = Vec::new();
        for (i, a) in items.iter().enumerate() {
            if !kept(a) {
                continue;
            }
            if self.overlay.contains(&a.label) {
                layer.push(i);
            } else {
                candidates.push((i, rank(a.tagger)));
            }
        }
        candidates.sort_by(|&(i, rank_a), &(j, rank_b)| {
            let (a, b) = (&items[i], &items[j]);
            let corrected = |x: &Annotation| x.tagger == correction::TAGGER;
            corrected(b)
                .cmp(&corrected(a))
                .then(b.span.len().cmp(&a.span.len()))
                .then(b.entity.is_some().cmp(&a.entity.is_some()))
                .then(b.confidence.total_cmp(&a.confidence))
                .then(rank_a.cmp(&rank_b))
                .then(a.span.start.cmp(&b.span.start))
                .then(a.label.cmp(&b.label))
        });
        // Taken spans, by start.
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        for (i, _) in candidates {
            let span = items[i].span;
            let before = taken.range(..=span.start).next_back();
            let after = taken.range(span.start..).next();
            let clashes = before.is_some_and(|(_, &end)| end > span.start)
                || after.is_some_and(|(&start, _)| start < span.end);
            if !clashes {
                taken.insert(span.start, span.end);
                layer.push(i);
            }
        }
        layer.sort_unstable();
        layer
    }
}

/// Topological order of `taggers`, stable with respect to the given order.
fn order(taggers: &[Arc<dyn Tagger>]) -> Result<Vec<usize>, PipelineError> {
    let n = taggers.len();
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for (b, tb) in taggers.iter().enumerate() {
        for &label in tb.requires() {
            let providers: Vec<usize> = (0..n)
                .filter(|&a| a != b && taggers[a].provides().contains(&label))
                .collect();
            let refines = |t: usize| {
                taggers[t].requires().contains(&label) && taggers[t].provides().contains(&label)
            };
            if providers.is_empty() && !tb.provides().contains(&label) {
                return Err(PipelineError::Unprovided {
                    tagger: tb.name().to_owned(),
                    label,
                });
            }
            for a in providers {
                // Two refiners of a label keep their given order.
                if refines(a) && refines(b) {
                    continue;
                }
                if !after[a].contains(&b) {
                    after[a].push(b);
                    indegree[b] += 1;
                }
            }
        }
    }
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    while order.len() < n {
        // The first ready tagger in the given order keeps the order stable.
        let Some(next) = (0..n).find(|&i| !done[i] && indegree[i] == 0) else {
            let stuck = (0..n)
                .filter(|&i| !done[i])
                .map(|i| taggers[i].name().to_owned())
                .collect();
            return Err(PipelineError::Cycle(stuck));
        };
        done[next] = true;
        order.push(next);
        for &b in &after[next] {
            indegree[b] -= 1;
        }
    }
    Ok(order)
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::EntityId;
    use crate::tagger::TagOutput;
    use crate::test_tagger::{Behaviour, Words, tagger};

    fn names(p: &Pipeline) -> Vec<&str> {
        p.taggers().map(|t| t.name()).collect()
    }

    fn arc(t: Words) -> Arc<dyn Tagger> {
        Arc::new(t)
    }

    #[test]
    fn orders_by_requirements_and_keeps_given_order_otherwise() {
        let p = Pipeline::new(vec![
            arc(tagger("quotes", &[Label::PER], &[Label::QUOTE])),
            arc(tagger("dates", &[], &[Label::DATE])),
            arc(tagger("acronyms", &[Label::ORG], &[Label::ORG])),
            arc(tagger("names", &[], &[Label::PER, Label::ORG])),
            arc(tagger("gazetteer", &[], &Label::NAMES)),
        ])
        .unwrap();
        assert_eq!(
            names(&p),
            ["dates", "names", "gazetteer", "quotes", "acronyms"]
        );
    }

    #[test]
    fn refiners_keep_their_order_between_providers_and_readers() {
        let p = Pipeline::new(vec![
            arc(tagger("quantities", &[Label::PER], &[Label::QUANTITY])),
            arc(tagger("names", &[Label::PER], &[Label::PER])),
            arc(tagger("acronyms", &[Label::PER], &[Label::PER])),
            arc(tagger("gazetteer", &[], &[Label::PER])),
        ])
        .unwrap();
        assert_eq!(names(&p), ["gazetteer", "names", "acronyms", "quantities"]);
    }

    #[test]
    fn a_tagger_may_refine_its_own_label() {
        let p = Pipeline::new(vec![arc(tagger("acronyms", &[Label::ORG], &[Label::ORG]))]);
        assert!(p.is_ok());
    }

    #[test]
    fn ordering_errors_name_the_taggers() {
        let err =
            Pipeline::new(vec![arc(tagger("quotes", &[Label::PER], &[Label::QUOTE]))]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "tagger `quotes` requires PER, which no other tagger provides"
        );
        let err = Pipeline::new(vec![
            arc(tagger("a", &[Label::PER], &[Label::ORG])),
            arc(tagger("b", &[Label::ORG], &[Label::PER])),
            arc(tagger("c", &[], &[Label::DATE])),
        ])
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "taggers `a`, `b` depend on each other in a cycle"
        );
        let err = Pipeline::new(vec![arc(tagger("a", &[], &[])), arc(tagger("a", &[], &[]))])
            .unwrap_err();
        assert_eq!(err, PipelineError::DuplicateName("a".into()));
    }

    #[test]
    fn later_taggers_see_earlier_annotations() {
        let mut first = tagger("first", &[], &[Label::LOC]);
        first.words = vec![("Raqqa", Label::LOC), ("Alep", Label::LOC)];
        let mut second = tagger("second", &[Label::LOC], &[Label::MISC]);
        second.behaviour = Behaviour::CountsEarlier;
        let p = Pipeline::new(vec![arc(second), arc(first)]).unwrap();
        let doc = Document::new("t.txt", "De Raqqa à Alep.").unwrap();
        let out = p.run(&doc);
        let misc = out.store.with_label(Label::MISC).next().unwrap();
        assert_eq!(misc.attrs["earlier"], 2);
        assert_eq!(misc.tagger, "second");
    }

    #[test]
    fn a_panicking_or_failing_tagger_is_reported_and_the_others_run() {
        let mut bad = tagger("bad", &[], &[Label::PER]);
        bad.behaviour = Behaviour::Panics;
        let mut failing = tagger("failing", &[], &[Label::PER]);
        failing.behaviour = Behaviour::Fails;
        let mut good = tagger("good", &[], &[Label::LOC]);
        good.words = vec![("Homs", Label::LOC)];
        let p = Pipeline::new(vec![arc(bad), arc(failing), arc(good)]).unwrap();
        let out = p.run(&Document::new("t.txt", "À Homs.").unwrap());
        assert_eq!(out.store.len(), 1);
        let codes: Vec<&str> = out.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["tagger-panicked", "tagger-failed"]);
        assert!(out.diagnostics[0].message.contains("boom in bad"));
    }

    #[test]
    fn invalid_annotations_are_dropped_with_a_warning() {
        let mut bad = tagger("bad", &[], &[Label::PER]);
        bad.behaviour = Behaviour::BadSpans;
        let p = Pipeline::new(vec![arc(bad)]).unwrap();
        let out = p.run(&Document::new("t.txt", "éa").unwrap());
        assert!(out.store.is_empty());
        assert_eq!(out.diagnostics.len(), 1);
        assert_eq!(out.diagnostics[0].code, "invalid-annotation");
        assert!(out.diagnostics[0].message.contains("4 invalid"));
    }

    #[test]
    fn annotations_in_the_date_marker_are_dropped() {
        let mut t = tagger("t", &[], &[Label::DATE]);
        t.words = vec![("2019", Label::DATE)];
        let p = Pipeline::new(vec![arc(t)]).unwrap();
        let out = p.run(&Document::new("t.txt", " date 2019-03 En 2019.").unwrap());
        let spans: Vec<Span> = out.store.iter().map(|a| a.span).collect();
        assert_eq!(spans, [Span::new(17, 21)]);
    }

    struct Fixed(Vec<Annotation>, &'static str);

    impl Tagger for Fixed {
        fn name(&self) -> &str {
            self.1
        }
        fn version(&self) -> &str {
            "1"
        }
        fn description(&self) -> &str {
            "fixed annotations"
        }
        fn provides(&self) -> &[Label] {
            &[]
        }
        fn tag(&self, _: &DocumentView<'_>) -> Result<TagOutput, TagError> {
            Ok(TagOutput {
                annotations: self.0.clone(),
                diagnostics: vec![],
            })
        }
    }

    #[test]
    fn resolution_prefers_longer_then_linked_then_confident_then_earlier() {
        let text = "Forces démocratiques syriennes et Alep, Homs et Hama.";
        let fds = Span::new(0, 31);
        let alep = Span::new(35, 39);
        let homs = Span::new(41, 45);
        let hama = Span::new(49, 53);
        let first = Fixed(
            vec![
                Annotation::new(0..6, Label::ORG),
                Annotation::new(alep, Label::ORG),
                Annotation::new(homs, Label::ORG).with_confidence(0.4),
                Annotation::new(hama, Label::ORG),
                Annotation::new(0..53, Label::QUOTE),
            ],
            "first",
        );
        let second = Fixed(
            vec![
                Annotation::new(fds, Label::ORG),
                Annotation::new(alep, Label::LOC).with_entity(EntityId::new("alep")),
                Annotation::new(homs, Label::LOC).with_confidence(0.9),
                Annotation::new(hama, Label::LOC),
            ],
            "second",
        );
        let p = Pipeline::new(vec![Arc::new(first), Arc::new(second)]).unwrap();
        let out = p.run(&Document::new("t.txt", text).unwrap());
        let layer: Vec<(Span, &str, &str)> = out
            .resolved()
            .map(|a| (a.span, a.label.as_str(), a.tagger))
            .collect();
        assert_eq!(
            layer,
            [
                (Span::new(0, 53), "QUOTE", "first"),
                (fds, "ORG", "second"),
                (alep, "LOC", "second"),
                (homs, "LOC", "second"),
                (hama, "ORG", "first"),
            ]
        );
    }
}
