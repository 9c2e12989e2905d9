//! The JSONL record of one annotated document: the contract other tools read.
//!
//! ```json
//! {"path": "corpus/a.txt", "meta": {"date": "2019-03"},
//!  "annotations": [{"start": 14, "end": 37, "label": "QUANTITY", "text": "…", "tagger": "…",
//!                   "entity": "…", "attrs": {…}}],
//!  "diagnostics": [{"start": 0, "end": 0, "severity": "warning", "code": "…", "message": "…"}]}
//! ```
//!
//! Offsets are UTF-8 byte offsets into the file as read. `meta`, `entity`, `attrs` and
//! `confidence` are left out when empty (confidence when it is 1).

use std::io::{self, Write};

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use glose_core::{Annotation, Attrs, Diagnostic, Document};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MetaRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

impl MetaRecord {
    pub fn is_empty(&self) -> bool {
        self.date.is_none() && self.source.is_none() && self.section.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnnotationRecord {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub text: String,
    #[serde(default)]
    pub tagger: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    #[serde(default, skip_serializing_if = "Attrs::is_empty")]
    pub attrs: Attrs,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

impl AnnotationRecord {
    pub fn new(annotation: &Annotation, text: &str) -> Self {
        AnnotationRecord {
            start: annotation.span.start,
            end: annotation.span.end,
            label: annotation.label.to_string(),
            text: annotation.text(text).to_owned(),
            tagger: annotation.tagger.to_string(),
            entity: annotation.entity.as_ref().map(ToString::to_string),
            attrs: annotation.attrs.clone(),
            confidence: (annotation.confidence < 1.0).then_some(annotation.confidence),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// The id of a document read from a stream (`glose annotate --stdin`), as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    pub path: String,
    #[serde(default, skip_serializing_if = "MetaRecord::is_empty")]
    pub meta: MetaRecord,
    pub annotations: Vec<AnnotationRecord>,
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
}

impl DocumentRecord {
    pub fn new<'a>(
        document: &Document,
        annotations: impl IntoIterator<Item = &'a Annotation>,
        diagnostics: &[Diagnostic],
    ) -> Self {
        let meta = document.meta();
        DocumentRecord {
            id: None,
            path: document.path().to_owned(),
            meta: MetaRecord {
                date: meta.date.map(|d| d.to_string()),
                source: meta.source.clone(),
                section: meta.section.clone(),
            },
            annotations: annotations
                .into_iter()
                .map(|a| AnnotationRecord::new(a, document.text()))
                .collect(),
            diagnostics: diagnostics.to_vec(),
        }
    }

    /// One line of JSON, without the newline.
    pub fn to_json_line(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Writes the JSONL line of a document (newline included) straight from the
/// annotations, without building a [`DocumentRecord`]; the output is the same.
pub fn write_json_line<'a>(
    w: &mut dyn Write,
    document: &Document,
    annotations: impl IntoIterator<Item = &'a Annotation>,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    write_record(w, None, document, annotations, diagnostics)
}

/// [`write_json_line`] for a document of a stream, with its `id` as given first.
pub fn write_json_line_with_id<'a>(
    w: &mut dyn Write,
    id: &serde_json::Value,
    document: &Document,
    annotations: impl IntoIterator<Item = &'a Annotation>,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    write_record(w, Some(id), document, annotations, diagnostics)
}

fn write_record<'a>(
    w: &mut dyn Write,
    id: Option<&serde_json::Value>,
    document: &Document,
    annotations: impl IntoIterator<Item = &'a Annotation>,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    let meta = document.meta();
    let date = meta.date.map(|d| d.to_string());
    let record = RecordRef {
        id,
        path: document.path(),
        meta: MetaRef {
            date: date.as_deref(),
            source: meta.source.as_deref(),
            section: meta.section.as_deref(),
        },
        annotations: annotations
            .into_iter()
            .map(|a| AnnotationRef(a, document.text()))
            .collect(),
        diagnostics,
    };
    serde_json::to_writer(&mut *w, &record).map_err(io::Error::from)?;
    w.write_all(b"\n")
}

#[derive(Serialize)]
struct RecordRef<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    path: &'a str,
    #[serde(skip_serializing_if = "MetaRef::is_empty")]
    meta: MetaRef<'a>,
    annotations: Vec<AnnotationRef<'a>>,
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct MetaRef<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
}

impl MetaRef<'_> {
    fn is_empty(&self) -> bool {
        self.date.is_none() && self.source.is_none() && self.section.is_none()
    }
}

/// An annotation and the text of its document.
struct AnnotationRef<'a>(&'a Annotation, &'a str);

impl Serialize for AnnotationRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let AnnotationRef(a, text) = *self;
        let mut st = s.serialize_struct("AnnotationRecord", 8)?;
        st.serialize_field("start", &a.span.start)?;
        st.serialize_field("end", &a.span.end)?;
        st.serialize_field("label", a.label.as_str())?;
        st.serialize_field("text", a.text(text))?;
        st.serialize_field("tagger", a.tagger)?;
        if let Some(entity) = &a.entity {
            st.serialize_field("entity", entity.as_str())?;
        }
        if !a.attrs.is_empty() {
            st.serialize_field("attrs", &a.attrs)?;
        }
        if a.confidence < 1.0 {
            st.serialize_field("confidence", &a.confidence)?;
        }
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glose_core::{EntityId, Label};

    #[test]
    fn record_follows_the_contract() {
        let doc = Document::new("a.txt", " date 2019-03 L’EI à Raqqa").unwrap();
        let mut ei =
            Annotation::new(18..20, Label::ORG).with_entity(EntityId::new("etat-islamique"));
        ei.tagger = "gazetteer";
        let mut raqqa = Annotation::new(24..29, Label::LOC).with_confidence(0.5);
        raqqa.tagger = "names";
        let record = DocumentRecord::new(&doc, [&ei, &raqqa], &[]);
        assert_eq!(
            record.to_json_line(),
            r#"{"path":"a.txt","meta":{"date":"2019-03"},"annotations":[{"start":18,"end":20,"label":"ORG","text":"EI","tagger":"gazetteer","entity":"etat-islamique"},{"start":24,"end":29,"label":"LOC","text":"Raqqa","tagger":"names","confidence":0.5}],"diagnostics":[]}"#
        );
        let back: DocumentRecord = serde_json::from_str(&record.to_json_line()).unwrap();
        assert_eq!(back, record);
        let mut direct = Vec::new();
        let attrs = raqqa.clone().with_attr("value", 3);
        write_json_line(&mut direct, &doc, [&ei, &raqqa], &[]).unwrap();
        assert_eq!(
            String::from_utf8(direct).unwrap(),
            record.to_json_line() + "\n"
        );
        let mut direct = Vec::new();
        write_json_line(&mut direct, &doc, [&attrs], &[]).unwrap();
        let expected = DocumentRecord::new(&doc, [&attrs], &[]).to_json_line() + "\n";
        assert_eq!(String::from_utf8(direct).unwrap(), expected);
    }
}
