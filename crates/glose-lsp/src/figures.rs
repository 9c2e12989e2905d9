//! Cross-article figures in the editor: the figures of an article (as it is being
//! edited) that other indexed articles of about the same time contradict. The rule
//! (what "about the same time" and "contradict" mean) is `glose_core::figures`, which
//! `glose check` uses too.

use glose_core::figures::{close_in_time, disagree};

use crate::corpus::{Corpus, Figure, FileEntry};

/// A figure of an article and the disagreeing figures of other articles.
#[derive(Debug)]
pub(crate) struct Disagreement<'a> {
    pub(crate) figure: &'a Figure,
    pub(crate) others: Vec<(&'a FileEntry, &'a Figure)>,
}

/// The figures of `entry` (the file `file` of the corpus, or a version of it being
/// edited) that other articles of about the same time contradict.
pub(crate) fn disagreements<'a>(
    corpus: &'a Corpus,
    file: Option<u32>,
    entry: &'a FileEntry,
) -> Vec<Disagreement<'a>> {
    let Some(date) = entry.date else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for figure in &entry.figures {
        let mut others: Vec<(&FileEntry, &Figure)> = corpus
            .same_figures(figure, file.unwrap_or(u32::MAX))
            .filter(|(other, _)| other.path != entry.path)
            .filter(|(other, _)| other.date.is_some_and(|d| close_in_time(d, date)))
            .filter(|(_, f)| disagree(figure, f))
            .collect();
        if !others.is_empty() {
            others.sort_by(|a, b| a.0.path.cmp(&b.0.path).then(a.1.start.cmp(&b.1.start)));
            out.push(Disagreement { figure, others });
        }
    }
    out
}
