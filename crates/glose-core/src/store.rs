//! The annotation store: every annotation of a document, queryable by position and
//! label. Overlaps are allowed here; [`crate::pipeline`] resolves them into a
//! non-overlapping layer.

use crate::annotation::{Annotation, Label, Span};

/// Annotations of one document, sorted by start (then longest first).
#[derive(Clone, Debug, Default)]
pub struct AnnotationStore {
    items: Vec<Annotation>,
    /// `max_end[i]` is the largest end among `items[..=i]`: it lets a position query
    /// stop as soon as nothing earlier can reach the position.
    max_end: Vec<usize>,
}

impl AnnotationStore {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn from_vec(items: Vec<Annotation>) -> Self {
        let mut store = AnnotationStore {
            items,
            max_end: Vec::new(),
        };
        store.reindex();
        store
    }

    /// Adds annotations, keeping the store sorted.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Annotation>) {
        self.items.extend(more);
        self.reindex();
    }

    fn reindex(&mut self) {
        self.items.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
        self.max_end.clear();
        let mut max = 0;
        self.max_end.extend(self.items.iter().map(|a| {
            max = max.max(a.span.end);
            max
        }));
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Annotation> {
        self.items.iter()
    }

    pub fn as_slice(&self) -> &[Annotation] {
        &self.items
    }

    pub fn into_vec(self) -> Vec<Annotation> {
        self.items
    }

    /// Annotations whose span contains `offset` (start inclusive, end exclusive),
    /// innermost last.
    pub fn at(&self, offset: usize) -> impl Iterator<Item = &Annotation> {
        self.scan(offset + 1, offset + 1, move |a| {
            a.span.start <= offset && offset < a.span.end
        })
    }

    /// Annotations whose span contains or ends at `offset`: what a cursor placed just
    /// after a name is on.
    pub fn touching(&self, offset: usize) -> impl Iterator<Item = &Annotation> {
        self.scan(offset + 1, offset, move |a| a.span.touches(offset))
    }

    /// Annotations that share at least one byte with `span`.
    pub fn overlapping(&self, span: Span) -> impl Iterator<Item = &Annotation> {
        self.scan(span.end.max(span.start + 1), span.start, move |a| {
            a.span.overlaps(span)
        })
    }

    /// Annotations with this label, in order.
    pub fn with_label(&self, label: Label) -> impl Iterator<Item = &Annotation> {
        self.items.iter().filter(move |a| a.label == label)
    }

    /// Candidates start before `start_below` and end at or after `end_from`: the
    /// prefix of the store whose running maximum end is below `end_from` is skipped
    /// without a look; `keep` decides on the rest.
    fn scan(
        &self,
        start_below: usize,
        end_from: usize,
        keep: impl Fn(&Annotation) -> bool,
    ) -> impl Iterator<Item = &Annotation> {
        let n = self.items.partition_point(|a| a.span.start < start_below);
        let first = self.max_end[..n].partition_point(|&end| end < end_from);
        self.items[first..n].iter().filter(move |a| keep(a))
    }
}

fn sort_key(a: &Annotation) -> (usize, std::cmp::Reverse<usize>, Label, &str) {
    (
        a.span.start,
        std::cmp::Reverse(a.span.end),
        a.label,
        a.tagger,
    )
}

impl<'a> IntoIterator for &'a AnnotationStore {
    type Item = &'a Annotation;
    type IntoIter = std::slice::Iter<'a, Annotation>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> AnnotationStore {
        AnnotationStore::from_vec(vec![
            Annotation::new(10..20, Label::ORG),
            Annotation::new(0..100, Label::QUOTE),
            Annotation::new(12..15, Label::LOC),
            Annotation::new(30..35, Label::PER),
        ])
    }

    fn labels<'a>(it: impl Iterator<Item = &'a Annotation>) -> Vec<&'static str> {
        it.map(|a| a.label.as_str()).collect()
    }

    #[test]
    fn queries_by_position() {
        let s = store();
        assert_eq!(labels(s.at(12)), ["QUOTE", "ORG", "LOC"]);
        assert_eq!(labels(s.at(20)), ["QUOTE"]);
        assert_eq!(labels(s.touching(20)), ["QUOTE", "ORG"]);
        assert_eq!(labels(s.at(100)), Vec::<&str>::new());
        assert_eq!(labels(s.at(5000)), Vec::<&str>::new());
        assert_eq!(
            labels(s.overlapping(Span::new(18, 31))),
            ["QUOTE", "ORG", "PER"]
        );
        assert_eq!(labels(s.overlapping(Span::new(20, 30))), ["QUOTE"]);
    }

    #[test]
    fn queries_by_label() {
        let s = store();
        assert_eq!(s.with_label(Label::PER).count(), 1);
        assert_eq!(s.iter().next().map(|a| a.label), Some(Label::QUOTE));
    }

    #[test]
    fn long_spans_are_found() {
        let mut items: Vec<_> = (0..1000)
            .map(|i| Annotation::new(i * 10..i * 10 + 5, Label::LOC))
            .collect();
        items.push(Annotation::new(0..100_000, Label::QUOTE));
        let s = AnnotationStore::from_vec(items);
        assert_eq!(labels(s.at(5002)), ["QUOTE", "LOC"]);
    }
}
