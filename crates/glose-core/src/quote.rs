//! The attributes of a `QUOTE` annotation, by name, and a typed view of them.
//!
//! The `quotes` tagger writes them; the evaluation, the formats, the report and the
//! language server read them through [`QuoteView`], so that a key is spelled once.

use std::ops::Range;

use crate::{Annotation, Label};

/// The speaker as the article names them (a full name, an organisation, or the
/// description of an unnamed source).
pub const SPEAKER: &str = "speaker";
/// The speaker's entity id (knowledge-base id or derived corpus id).
pub const SPEAKER_ENTITY: &str = "speaker_entity";
/// The reporting verb as written (`a déclaré`, `selon`, `:`).
pub const VERB: &str = "verb";
/// `true` for an unnamed source.
pub const ANONYMOUS: &str = "anonymous";
/// Byte offsets of the mention that names the speaker in the article.
pub const SPEAKER_START: &str = "speaker_start";
pub const SPEAKER_END: &str = "speaker_end";

/// A `QUOTE` annotation's attributes, typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteView<'a> {
    pub speaker: Option<&'a str>,
    pub speaker_entity: Option<&'a str>,
    pub verb: Option<&'a str>,
    pub anonymous: bool,
    /// The mention that names the speaker, when the offsets are there and in order.
    pub speaker_span: Option<Range<usize>>,
}

impl<'a> QuoteView<'a> {
    /// The view of `a`, when it is a `QUOTE`. Empty strings count as absent.
    pub fn of(a: &'a Annotation) -> Option<QuoteView<'a>> {
        (a.label == Label::QUOTE).then(|| QuoteView::attrs_of(a))
    }

    /// The quote attributes of `a`, whatever its label (for records read back).
    pub fn attrs_of(a: &'a Annotation) -> QuoteView<'a> {
        let text = |key: &str| {
            a.attrs
                .get(key)
                .and_then(|v| v.as_str())
                .filter(|s| !s.trim().is_empty())
        };
        let offset = |key: &str| {
            a.attrs
                .get(key)
                .and_then(|v| v.as_u64())
                .and_then(|n| usize::try_from(n).ok())
        };
        let speaker_span = match (offset(SPEAKER_START), offset(SPEAKER_END)) {
            (Some(start), Some(end)) if start < end => Some(start..end),
            _ => None,
        };
        QuoteView {
            speaker: text(SPEAKER),
            speaker_entity: text(SPEAKER_ENTITY),
            verb: text(VERB),
            anonymous: a.attrs.get(ANONYMOUS).and_then(|v| v.as_bool()) == Some(true),
            speaker_span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_reads_back_as_written() {
        let a = Annotation::new(0..10, Label::QUOTE)
            .with_attr(SPEAKER, "Jeanne Ortolan")
            .with_attr(SPEAKER_ENTITY, "~per:jeanne-ortolan")
            .with_attr(VERB, "a déclaré")
            .with_attr(SPEAKER_START, 20u64)
            .with_attr(SPEAKER_END, 34u64);
        let q = QuoteView::of(&a).unwrap();
        assert_eq!(q.speaker, Some("Jeanne Ortolan"));
        assert_eq!(q.speaker_entity, Some("~per:jeanne-ortolan"));
        assert_eq!(q.verb, Some("a déclaré"));
        assert!(!q.anonymous);
        assert_eq!(q.speaker_span, Some(20..34));
    }

    #[test]
    fn missing_empty_and_wrong_values_are_absent() {
        let a = Annotation::new(0..10, Label::QUOTE)
            .with_attr(SPEAKER, " ")
            .with_attr(ANONYMOUS, "yes")
            .with_attr(SPEAKER_START, 9u64)
            .with_attr(SPEAKER_END, 3u64);
        assert_eq!(QuoteView::of(&a).unwrap(), QuoteView::default());
        assert!(QuoteView::of(&Annotation::new(0..3, Label::PER)).is_none());
        let anonymous = Annotation::new(0..3, Label::QUOTE).with_attr(ANONYMOUS, true);
        assert!(QuoteView::of(&anonymous).unwrap().anonymous);
    }
}
