//! The `pretty` format: the text of each document with its entities highlighted.

use std::collections::BTreeMap;
use std::io::{self, Write};

use glose_core::corpus::{CorpusIndex, DocMentions};
use glose_core::text::Encoding;
use glose_core::{Annotation, Diagnostic, Document, KnowledgeBase, Label};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";

fn style(label: Label) -> &'static str {
    match label.as_str() {
        "PER" => "\x1b[1;35m",
        "ORG" => "\x1b[1;34m",
        "LOC" => "\x1b[1;32m",
        "DATE" => "\x1b[33m",
        "QUANTITY" => "\x1b[36m",
        _ => "\x1b[1;4m",
    }
}

/// Writes one document: a header, the text with entities marked, a summary and the
/// diagnostics. Without colour an entity is written `[text|LABEL]`. Overlay annotations
/// (quotes) are not drawn: their quotation marks are in the text already.
pub fn write_document(
    w: &mut dyn Write,
    doc: &Document,
    annotations: &[&Annotation],
    diagnostics: &[Diagnostic],
    color: bool,
) -> io::Result<()> {
    let meta = doc.meta();
    let mut header = vec![doc.path().to_owned()];
    header.extend(meta.date.map(|d| d.to_string()));
    header.extend(meta.source.clone());
    let header = header.join(" · ");
    if color {
        writeln!(w, "{BOLD}── {header} ──{RESET}")?;
    } else {
        writeln!(w, "── {header} ──")?;
    }

    let text = doc.text();
    let body = doc.body();
    if body.start > 0 {
        let head = text[..body.start].trim_start_matches('\u{feff}');
        if color {
            write!(w, "{DIM}{head}{RESET}")?;
        } else {
            write!(w, "{head}")?;
        }
    }
    let mut cursor = body.start;
    let mut counts: BTreeMap<Label, usize> = BTreeMap::new();
    for a in annotations.iter().filter(|a| a.label != Label::QUOTE) {
        if a.span.start < cursor {
            continue; // overlaps the previous one (only with --all)
        }
        *counts.entry(a.label).or_default() += 1;
        w.write_all(&text.as_bytes()[cursor..a.span.start])?;
        let mention = &text[a.span.range()];
        if color {
            write!(
                w,
                "{}{mention}{RESET}{DIM}[{}]{RESET}",
                style(a.label),
                a.label
            )?;
        } else {
            write!(w, "[{mention}|{}]", a.label)?;
        }
        cursor = a.span.end;
    }
    w.write_all(&text.as_bytes()[cursor..])?;
    if !text.ends_with('\n') {
        writeln!(w)?;
    }

    let total: usize = counts.values().sum();
    let by_label: Vec<String> = counts.iter().map(|(l, n)| format!("{n} {l}")).collect();
    let mut summary = format!("{total} entities");
    if !by_label.is_empty() {
        summary.push_str(&format!(" ({})", by_label.join(", ")));
    }
    if !diagnostics.is_empty() {
        summary.push_str(&format!(", {} diagnostic(s)", diagnostics.len()));
    }
    if color {
        writeln!(w, "{DIM}{summary}{RESET}")?;
    } else {
        writeln!(w, "{summary}")?;
    }
    for d in diagnostics {
        let pos = doc
            .lines()
            .line_col(d.span.start, Encoding::Utf32)
            .unwrap_or_default();
        writeln!(
            w,
            "  {}:{}: {}[{}]: {}",
            pos.line + 1,
            pos.col + 1,
            d.severity,
            d.code,
            d.message
        )?;
    }
    writeln!(w)
}

/// The entities of a whole run, for the summary after the documents.
#[derive(Debug, Default)]
pub struct CorpusSummary {
    index: CorpusIndex,
}

/// Rows of the summary.
const SUMMARY_ROWS: usize = 20;

impl CorpusSummary {
    pub fn add<'a>(
        &mut self,
        doc: &Document,
        annotations: impl IntoIterator<Item = &'a Annotation>,
    ) {
        self.index.insert(DocMentions::new(doc, annotations));
    }

    /// Writes the most mentioned entities, when more than one document was shown.
    pub fn write(&self, w: &mut dyn Write, kb: &KnowledgeBase, color: bool) -> io::Result<()> {
        if self.index.document_count() < 2 {
            return Ok(());
        }
        let entities = self.index.ranked();
        let total: usize = entities.iter().map(|(_, n)| n).sum();
        let title = format!(
            "{} documents, {total} mentions of {} entities",
            self.index.document_count(),
            entities.len()
        );
        if color {
            writeln!(w, "{BOLD}── {title} ──{RESET}")?;
        } else {
            writeln!(w, "── {title} ──")?;
        }
        let mut rows = Vec::new();
        for (id, count) in entities.into_iter().take(SUMMARY_ROWS) {
            let Some(stats) = self.index.stats(id.as_str()) else {
                continue;
            };
            // The label and spelling of its first mention.
            let first = self.index.mentions(id.as_str()).next().map(|(_, m)| m);
            let label = first.map_or("", |m| m.label.as_str());
            let name = match kb.get(id.as_str()) {
                Some(entity) => entity.name.clone(),
                None => first.map(|m| m.text.to_string()).unwrap_or_default(),
            };
            let dates = match (stats.first_date, stats.last_date) {
                (Some(a), Some(b)) if a == b => format!(", dated {a}"),
                (Some(a), Some(b)) => format!(", dated {a} to {b}"),
                _ => String::new(),
            };
            rows.push((count, label, name, stats.documents, dates));
        }
        let width = rows.iter().map(|r| r.2.chars().count()).max().unwrap_or(0);
        for (count, label, name, documents, dates) in rows {
            let pad = " ".repeat(width - name.chars().count());
            writeln!(
                w,
                "{count:>5}  {label:<8} {name}{pad}  in {documents} document(s){dates}"
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use glose_core::{EntityId, Severity};

    use super::*;

    #[test]
    fn plain_rendering_marks_entities_and_lists_diagnostics() {
        let doc = Document::new("a.txt", " date 2019-03 L’EI à Raqqa.\nFin").unwrap();
        let ei = Annotation::new(18..20, Label::ORG);
        let raqqa = Annotation::new(24..29, Label::LOC);
        let quote = Annotation::new(14..29, Label::QUOTE);
        let hint = Diagnostic::new(24..29, Severity::Hint, "variant-spelling", "«Raqqa» ok");
        let mut out = Vec::new();
        write_document(&mut out, &doc, &[&quote, &ei, &raqqa], &[hint], false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "── a.txt · 2019-03 ──\n date 2019-03 L’[EI|ORG] à [Raqqa|LOC].\nFin\n\
             2 entities (1 LOC, 1 ORG), 1 diagnostic(s)\n  1:22: hint[variant-spelling]: «Raqqa» ok\n\n"
        );
    }

    #[test]
    fn corpus_summary_lists_entities_by_mentions() {
        let kb = glose_core::testing::user_kb(
            "[[entity]]\nid = \"raqqa\"\ntype = \"LOC\"\nname = \"Raqqa\"\naliases = [\"Rakka\"]\n",
        );
        let mut summary = CorpusSummary::default();
        let a = Document::new("a.txt", " date 2019-05 Rakka, Karim Haddad.").unwrap();
        let b = Document::new("b.txt", " date 2018-11 Raqqa").unwrap();
        let linked = |s, e| Annotation::new(s..e, Label::LOC).with_entity(EntityId::new("raqqa"));
        summary.add(&a, &[linked(14, 19), Annotation::new(21..33, Label::PER)]);
        summary.add(&b, &[linked(14, 19)]);
        let mut out = Vec::new();
        summary.write(&mut out, &kb, false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "── 2 documents, 3 mentions of 2 entities ──\n\
             \x20   2  LOC      Raqqa         in 2 document(s), dated 2018-11 to 2019-05\n\
             \x20   1  PER      Karim Haddad  in 1 document(s), dated 2019-05\n"
        );
    }

    #[test]
    fn colour_rendering_uses_ansi_styles() {
        let doc = Document::new("a.txt", "Raqqa").unwrap();
        let raqqa = Annotation::new(0..5, Label::LOC);
        let mut out = Vec::new();
        write_document(&mut out, &doc, &[&raqqa], &[], true).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("\x1b[1;32mRaqqa\x1b[0m\x1b[2m[LOC]\x1b[0m"),
            "{out:?}"
        );
    }
}
