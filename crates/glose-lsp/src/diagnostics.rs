//! Diagnostics as the protocol has them: the taggers' (variant spellings, anonymous
//! sources…), the corpus's (figures other articles contradict), and the problems of
//! `glose.toml` and KB files.

use glose_core::Severity;
use glose_core::text::{Encoding, LineCol, LineIndex};
use glose_taggers::Problem;
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
};

use crate::analysis::Analysis;
use crate::corpus::{Corpus, FileEntry};
use crate::encoding::{PositionEncoding, range};
use crate::figures;

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The name of an article in messages: its file name.
pub(crate) fn article_name(entry: &FileEntry) -> String {
    entry.path.file_name().map_or_else(
        || entry.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The diagnostics of an analysed article; `corpus` and `id` (its file in the corpus,
/// if it is one) for the figures other articles contradict.
pub(crate) fn article(
    analysis: &Analysis,
    entry: &FileEntry,
    corpus: Option<&Corpus>,
    id: Option<u32>,
    enc: PositionEncoding,
) -> Vec<lsp::Diagnostic> {
    let lines = analysis.document.lines();
    let mut out: Vec<lsp::Diagnostic> = analysis
        .annotated
        .diagnostics
        .iter()
        .map(|d| lsp::Diagnostic {
            range: range(lines, d.span.start, d.span.end, enc),
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.code.clone())),
            source: Some(if d.source.is_empty() || d.source == "glose" {
                "glose".to_owned()
            } else {
                format!("glose {}", d.source)
            }),
            message: d.message.clone(),
            ..lsp::Diagnostic::default()
        })
        .collect();
    let Some(corpus) = corpus else {
        return out;
    };
    for d in figures::disagreements(corpus, id, entry) {
        let f = d.figure;
        let others: Vec<String> = d
            .others
            .iter()
            .map(|(file, g)| {
                let date = file.date.map(|d| format!(", {d}")).unwrap_or_default();
                format!("«{}» in {}{date}", g.text, article_name(file))
            })
            .collect();
        out.push(lsp::Diagnostic {
            range: range(lines, f.start as usize, f.end as usize, enc),
            severity: Some(DiagnosticSeverity::INFORMATION),
            code: Some(NumberOrString::String("figure-disagreement".into())),
            source: Some("glose corpus".into()),
            message: format!(
                "«{}» here; another article of about the same time gives {}",
                f.text,
                others.join("; ")
            ),
            related_information: Some(
                d.others
                    .iter()
                    .map(|(file, g)| DiagnosticRelatedInformation {
                        location: Location::new(
                            file.uri.clone(),
                            range(&file.lines, g.start as usize, g.end as usize, enc),
                        ),
                        message: format!(
                            "«{}»{}",
                            g.text,
                            file.date.map(|d| format!(" ({d})")).unwrap_or_default()
                        ),
                    })
                    .collect(),
            ),
            ..lsp::Diagnostic::default()
        });
    }
    out
}

/// A problem of a file of the workspace (`glose.toml`, a KB or rule file) at its place
/// in `text` (the file as the editor or the disk has it): from its start to the end of
/// that line; the whole file's problems at its top.
pub(crate) fn problem(problem: &Problem, text: &str, enc: PositionEncoding) -> lsp::Diagnostic {
    // The codes editors have always shown: `config`, `plugin`, `kb-problem`.
    let code = match problem.code {
        "config" => "config",
        "plugin" => "plugin",
        _ => "kb-problem",
    };
    let lines = LineIndex::new(text);
    let start = problem.place.map(|place| match place.span {
        Some(span) => {
            let mut offset = span.start.min(text.len());
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            offset
        }
        None => lines.offset_clamped(
            LineCol {
                line: place.line.saturating_sub(1),
                col: place.column.saturating_sub(1),
            },
            Encoding::Utf32,
        ),
    });
    let r = match start {
        Some(start) => {
            let end = lines
                .line_range(lines.line_of(start))
                .map_or(start, |r| r.end.max(start));
            range(&lines, start, end, enc)
        }
        None => lsp::Range::default(),
    };
    let s = problem.severity;
    let message = &problem.message;
    lsp::Diagnostic {
        range: r,
        severity: Some(severity(s)),
        code: Some(NumberOrString::String(code.to_owned())),
        source: Some("glose".to_owned()),
        message: message.clone(),
        ..lsp::Diagnostic::default()
    }
}
