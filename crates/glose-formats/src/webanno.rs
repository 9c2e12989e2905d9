//! W3C Web Annotation (JSON-LD): one `AnnotationPage` per document, one `Annotation`
//! per span.
//!
//! Each annotation targets the document with a `TextPositionSelector` (code points, a
//! byte order mark counting as one) and a `TextQuoteSelector` (the exact text, with up
//! to 32 characters of prefix and suffix). Its body says what the span is (a
//! `TextualBody` with the label, purpose `tagging`), which entity it is (a
//! `SpecificResource` with purpose `identifying`: the Wikidata item when the knowledge
//! base knows it, else the GeoNames feature, else `urn:glose:entity:<id>`), and the
//! attributes (a `TextualBody`
//! with purpose `describing`, its value the JSON of the attributes). `creator` names
//! the tagger.

use glose_core::text::LineIndex;
use glose_core::{Annotation, KnowledgeBase};
use serde_json::{Value, json};

/// Characters of context in a `TextQuoteSelector`.
pub const CONTEXT: usize = 32;

/// The JSON-LD context of the model.
pub const CONTEXT_URL: &str = "http://www.w3.org/ns/anno.jsonld";

fn context_before(text: &str, start: usize) -> String {
    let mut chars: Vec<char> = text[..start].chars().rev().take(CONTEXT).collect();
    chars.reverse();
    chars.into_iter().collect()
}

fn context_after(text: &str, end: usize) -> String {
    text[end..].chars().take(CONTEXT).collect()
}

/// The `AnnotationPage` of a document. `source` is the IRI of the document (its
/// `file:` URI or an id); `kb` gives Wikidata links.
pub fn page(
    source: &str,
    text: &str,
    annotations: &[&Annotation],
    kb: Option<&KnowledgeBase>,
) -> Value {
    let lines = LineIndex::new(text);
    let items: Vec<Value> = annotations
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let start = lines.char_index(a.span.start)?;
            let end = lines.char_index(a.span.end)?;
            let mut body = vec![json!({
                "type": "TextualBody",
                "purpose": "tagging",
                "value": a.label.as_str(),
            })];
            if let Some(id) = &a.entity {
                let ids = kb.and_then(|kb| kb.get(id.as_str())).map(|e| &e.ids);
                let iri = match (
                    ids.and_then(|i| i.get("wikidata")),
                    ids.and_then(|i| i.get("geonames")),
                ) {
                    (Some(q), _) => format!("http://www.wikidata.org/entity/{q}"),
                    (None, Some(g)) => format!("https://sws.geonames.org/{g}/"),
                    _ => format!("urn:glose:entity:{}", id.as_str()),
                };
                body.push(json!({
                    "type": "SpecificResource",
                    "purpose": "identifying",
                    "source": iri,
                }));
            }
            if !a.attrs.is_empty() {
                body.push(json!({
                    "type": "TextualBody",
                    "purpose": "describing",
                    "format": "application/json",
                    "value": serde_json::to_string(&a.attrs).unwrap_or_default(),
                }));
            }
            let mut annotation = json!({
                "id": format!("{source}#glose-{}", i + 1),
                "type": "Annotation",
                "motivation": if a.entity.is_some() { "identifying" } else { "tagging" },
                "body": body,
                "target": {
                    "source": source,
                    "selector": [
                        {"type": "TextPositionSelector", "start": start, "end": end},
                        {
                            "type": "TextQuoteSelector",
                            "exact": a.text(text),
                            "prefix": context_before(text, a.span.start),
                            "suffix": context_after(text, a.span.end),
                        },
                    ],
                },
            });
            if !a.tagger.is_empty() {
                annotation["creator"] = json!({
                    "type": "Software",
                    "name": format!("glose {}", a.tagger),
                });
            }
            Some(annotation)
        })
        .collect();
    json!({
        "@context": CONTEXT_URL,
        "id": format!("{source}#glose"),
        "type": "AnnotationPage",
        "items": items,
    })
}

/// Checks a page against the model and against the text it annotates: the context,
/// types, motivations and purposes; both selectors of every target, the quote equal to
/// the text at the position, prefix and suffix equal to the text around it. The first
/// problem, if any.
pub fn validate(page: &Value, text: &str) -> Result<(), String> {
    if page["@context"] != CONTEXT_URL {
        return Err("the page has no Web Annotation @context".into());
    }
    if page["type"] != "AnnotationPage" {
        return Err("the type is not AnnotationPage".into());
    }
    let chars: Vec<char> = text.chars().collect();
    let items = page["items"].as_array().ok_or("no items array")?;
    for (i, a) in items.iter().enumerate() {
        let problem = |m: &str| format!("annotation {i}: {m}");
        if a["type"] != "Annotation" {
            return Err(problem("type is not Annotation"));
        }
        if a["id"].as_str().is_none_or(str::is_empty) {
            return Err(problem("no id"));
        }
        if !matches!(a["motivation"].as_str(), Some("tagging" | "identifying")) {
            return Err(problem("unexpected motivation"));
        }
        let bodies = a["body"].as_array().ok_or_else(|| problem("no body"))?;
        for b in bodies {
            let ok = match (b["type"].as_str(), b["purpose"].as_str()) {
                (Some("TextualBody"), Some("tagging" | "describing")) => b["value"].is_string(),
                (Some("SpecificResource"), Some("identifying")) => {
                    b["source"].as_str().is_some_and(|s| {
                        s.starts_with("http://")
                            || s.starts_with("https://")
                            || s.starts_with("urn:")
                    })
                }
                _ => false,
            };
            if !ok {
                return Err(problem("a body is not a tag, a description or an identity"));
            }
        }
        let selectors = a["target"]["selector"]
            .as_array()
            .ok_or_else(|| problem("no selectors"))?;
        let position = selectors
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .ok_or_else(|| problem("no TextPositionSelector"))?;
        let quote = selectors
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .ok_or_else(|| problem("no TextQuoteSelector"))?;
        let (start, end) = (
            position["start"]
                .as_u64()
                .ok_or_else(|| problem("no start"))? as usize,
            position["end"].as_u64().ok_or_else(|| problem("no end"))? as usize,
        );
        if start > end || end > chars.len() {
            return Err(problem("the position is outside the text"));
        }
        let exact: String = chars[start..end].iter().collect();
        if quote["exact"] != exact.as_str() {
            return Err(problem("the quote is not the text at the position"));
        }
        let prefix: String = chars[start.saturating_sub(CONTEXT)..start].iter().collect();
        let suffix: String = chars[end..(end + CONTEXT).min(chars.len())]
            .iter()
            .collect();
        if quote["prefix"] != prefix.as_str() || quote["suffix"] != suffix.as_str() {
            return Err(problem("prefix or suffix is not the text around the quote"));
        }
    }
    Ok(())
}
