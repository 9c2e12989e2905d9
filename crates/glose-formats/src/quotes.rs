//! Quotes as rows for spreadsheets: CSV (RFC 4180, UTF-8, `\n` line ends), one row per
//! quote, in text order.
//!
//! ```text
//! article,date,speaker,entity,anonymous,verb,start,end,text
//! a.txt,2024-03,Jeanne Ortolan,~per:jeanne-ortolan,false,déclaré,0,27,« Nous ne partirons pas »
//! ```
//!
//! `date` is the article's ` date YYYY-MM` marker (empty without one); `speaker` the
//! speaker as the article names it, or the description of an anonymous source; `entity`
//! its knowledge-base or corpus id; `start` and `end` UTF-8 byte offsets, as in JSONL.
//! A field with a comma, a double quote or a line break is quoted, its quotes doubled.

use glose_core::quote::QuoteView;
use glose_core::{Annotation, Label};

/// The header row.
pub const HEADER: &str = "article,date,speaker,entity,anonymous,verb,start,end,text\n";

/// Appends the rows of a document's quotes to `out`.
pub fn write(
    article: &str,
    date: Option<&str>,
    text: &str,
    annotations: &[&Annotation],
    out: &mut String,
) {
    for a in annotations.iter().filter(|a| a.label == Label::QUOTE) {
        let q = QuoteView::attrs_of(a);
        let fields = [
            article,
            date.unwrap_or(""),
            q.speaker.unwrap_or(""),
            q.speaker_entity.unwrap_or(""),
            if q.anonymous { "true" } else { "false" },
            q.verb.unwrap_or(""),
            &a.span.start.to_string(),
            &a.span.end.to_string(),
            a.text(text),
        ];
        crate::csv::record(fields, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_quote_what_needs_it() {
        let text = "« Oui, \"enfin\" », a dit Léa Roux.";
        let end = text.find(',').unwrap() + 17;
        let q = Annotation::new(0..end, Label::QUOTE)
            .with_attr("speaker", "Léa Roux")
            .with_attr("verb", "dit")
            .with_attr("speaker_entity", "~per:lea-roux");
        let per = Annotation::new(text.find("Léa").unwrap()..text.len() - 1, Label::PER);
        let mut out = String::new();
        write("a.txt", Some("2024-03"), text, &[&q, &per], &mut out);
        assert_eq!(
            out,
            format!(
                "a.txt,2024-03,Léa Roux,~per:lea-roux,false,dit,0,{end},\"{}\"\n",
                text[..end].replace('"', "\"\"")
            )
        );
        assert!(HEADER.starts_with("article,date,speaker"));
    }
}
