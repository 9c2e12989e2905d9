//! Annotations in their C-ABI form ([`glose_abi::AnnotationV1`]), both ways: the host
//! hands a plugin the earlier annotations and reads back what it emits; a Rust plugin
//! (`glose-sdk`) does the reverse. One codec for both sides, so that they cannot drift.

use glose_abi::{AnnotationV1, GloseStr};

use crate::annotation::{Annotation, Attrs, EntityId, Label, intern};
use crate::span::Span;

/// The attributes of an annotation as the JSON object the ABI carries (empty for none).
pub fn attrs_json(attrs: &Attrs) -> String {
    if attrs.is_empty() {
        String::new()
    } else {
        serde_json::to_string(attrs).unwrap_or_default()
    }
}

/// `a` as an ABI struct, with its attributes already written as `attrs_json` (see
/// [`attrs_json`]) and `tagger` as the tagger that made it. The struct borrows the three
/// strings: it must not outlive `a`, `attrs_json` or `tagger`.
pub fn annotation_v1(a: &Annotation, attrs_json: &str, tagger: &str) -> AnnotationV1 {
    AnnotationV1 {
        struct_size: size_of::<AnnotationV1>(),
        start: a.span.start as u64,
        end: a.span.end as u64,
        label: GloseStr::new(a.label.as_str()),
        entity: a
            .entity
            .as_ref()
            .map_or(GloseStr::EMPTY, |e| GloseStr::new(e.as_str())),
        attrs_json: GloseStr::new(attrs_json),
        confidence: a.confidence,
        tagger: GloseStr::new(tagger),
    }
}

/// Reads an ABI annotation back, its strings read by `read` (the caller's, which knows
/// how long they live and says what is wrong with one) and its label resolved by `label`
/// (which may refuse it): spans that fit this machine, a confidence within 0–1 (1 when it
/// is no number), attributes that are a JSON object, the tagger named in it. The error
/// says what is wrong, for a message naming the plugin.
pub fn annotation_from_v1<'a>(
    a: &AnnotationV1,
    read: impl Fn(GloseStr) -> Result<&'a str, String>,
    label: impl FnOnce(&str) -> Result<Label, String>,
) -> Result<Annotation, String> {
    if a.struct_size < size_of::<AnnotationV1>() {
        return Err(format!("an annotation struct of {} bytes", a.struct_size));
    }
    let read = |s: GloseStr, what: &str| read(s).map_err(|e| format!("{what} that is {e}"));
    let label = label(read(a.label, "a label")?)?;
    let entity = read(a.entity, "an entity")?;
    let attrs = read(a.attrs_json, "attributes")?;
    let tagger = read(a.tagger, "a tagger name")?;
    let (Ok(start), Ok(end)) = (usize::try_from(a.start), usize::try_from(a.end)) else {
        return Err(format!("span {}..{} out of range", a.start, a.end));
    };
    let confidence = if a.confidence.is_finite() {
        a.confidence.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let mut annotation = Annotation::new(Span::new(start, end), label).with_confidence(confidence);
    if !entity.is_empty() {
        annotation.entity = Some(EntityId::new(entity));
    }
    if !attrs.is_empty() {
        annotation.attrs = serde_json::from_str::<Attrs>(attrs)
            .map_err(|e| format!("attributes that are not a JSON object ({e})"))?;
    }
    if !tagger.is_empty() {
        annotation.tagger = intern(tagger);
    }
    Ok(annotation)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the strings of `owned` back by their address (what a caller does with
    /// raw pointers, here without any).
    fn reader<'a>(owned: &'a [&'a str]) -> impl Fn(GloseStr) -> Result<&'a str, String> {
        move |s: GloseStr| {
            if s.len == 0 {
                return Ok("");
            }
            owned
                .iter()
                .find(|o| o.as_ptr() == s.ptr && o.len() == s.len)
                .copied()
                .ok_or_else(|| "not UTF-8".to_owned())
        }
    }

    #[test]
    fn an_annotation_goes_through_the_abi_and_back_unchanged() {
        let a = Annotation::new(Span::new(3, 12), Label::ORG)
            .with_entity(EntityId::new("onu"))
            .with_confidence(0.75)
            .with_attr("speaker", "X");
        let attrs = attrs_json(&a.attrs);
        let raw = annotation_v1(&a, &attrs, "gazetteer");
        let entity = a.entity.as_ref().unwrap().as_str();
        let strings = [a.label.as_str(), entity, &attrs, "gazetteer"];
        let back = annotation_from_v1(&raw, reader(&strings), |l| Ok(Label::new(l))).unwrap();
        assert_eq!(back.span, a.span);
        assert_eq!(back.label, Label::ORG);
        assert_eq!(back.entity, a.entity);
        assert_eq!(back.attrs, a.attrs);
        assert_eq!(back.confidence, 0.75);
        assert_eq!(back.tagger, "gazetteer");
        assert_eq!(attrs_json(&Attrs::default()), "");
    }

    #[test]
    fn what_is_wrong_with_an_abi_annotation_is_said() {
        let a = Annotation::new(Span::new(0, 1), Label::PER);
        let strings = [a.label.as_str(), "[1]"];
        let unknown = GloseStr::new("elsewhere");
        let cases: [(AnnotationV1, &str); 3] = [
            (
                AnnotationV1 {
                    struct_size: 8,
                    ..annotation_v1(&a, "", "")
                },
                "an annotation struct of 8 bytes",
            ),
            (
                AnnotationV1 {
                    entity: unknown,
                    ..annotation_v1(&a, "", "")
                },
                "an entity that is not UTF-8",
            ),
            (
                annotation_v1(&a, strings[1], ""),
                "attributes that are not a JSON object",
            ),
        ];
        for (raw, want) in cases {
            let e = annotation_from_v1(&raw, reader(&strings), |l| Ok(Label::new(l)));
            let e = e.unwrap_err();
            assert!(e.starts_with(want), "{e}");
        }
        let refused = annotation_from_v1(&annotation_v1(&a, "", ""), reader(&strings), |l| {
            Err(format!("label {l:?} refused"))
        });
        assert_eq!(refused.unwrap_err(), "label \"PER\" refused");
        // A confidence that is no number is taken as certain.
        let nan = AnnotationV1 {
            confidence: f32::NAN,
            ..annotation_v1(&a, "", "")
        };
        let read = annotation_from_v1(&nan, reader(&strings), |l| Ok(Label::new(l))).unwrap();
        assert_eq!(read.confidence, 1.0);
    }
}
