//! `glose check`: report problems as `file:line:col: severity[code]: message`.

use std::io::Write;

use clap::{Args, ValueEnum};
use glose_core::Severity;
use glose_core::corpus::Outcome;
use glose_core::figures::{ArticleFigures, Figure, disagreements};
use glose_core::text::Encoding;

use crate::setup::{Setup, warn};
use crate::{CorpusArgs, Status};

#[derive(Args, Debug)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Report only diagnostics of this severity or worse.
    #[arg(long, value_enum, default_value_t = Level::Hint)]
    min_severity: Level,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    Hint,
    Info,
    Warning,
    Error,
}

impl Level {
    fn severity(self) -> Severity {
        match self {
            Level::Hint => Severity::Hint,
            Level::Info => Severity::Info,
            Level::Warning => Severity::Warning,
            Level::Error => Severity::Error,
        }
    }
}

/// Counts of reported problems by severity.
#[derive(Default)]
struct Tally([usize; 4]);

impl Tally {
    fn add(&mut self, s: Severity) {
        self.0[s as usize] += 1;
    }

    fn summary(&self, files: usize) -> String {
        let [hints, infos, warnings, errors] = self.0;
        format!(
            "checked {files} file(s): {errors} error(s), {warnings} warning(s), {infos} info, {hints} hint(s)"
        )
    }
}

pub(crate) fn run(args: CheckArgs) -> anyhow::Result<Status> {
    let setup = Setup::new(&args.corpus)?;
    let min = args.min_severity.severity();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut tally = Tally::default();
    for p in setup.problems.iter().filter(|p| p.severity >= min) {
        tally.add(p.severity);
        writeln!(out, "{p}")?;
    }
    let discovery = setup.discover();
    for p in discovery.problems.iter().filter(|p| p.severity >= min) {
        tally.add(p.severity);
        writeln!(out, "{p}")?;
    }
    let mut io_error = None;
    let pass = setup.observe(&discovery.files, setup.threads)?;
    // The figures of every article, with where each is, for the comparison across
    // articles once all are read.
    // (path, line and column of each figure, the figures).
    type Located = (String, Vec<(u32, u32)>, ArticleFigures);
    let mut figures: Vec<Located> = Vec::new();
    setup.annotate(&discovery.files, &pass, setup.threads, |_, outcome| {
        if let Outcome::Annotated { document, result } = &outcome {
            let found: Vec<Figure> = result
                .resolved()
                .filter_map(|a| Figure::of(a, document.text()))
                .collect();
            if !found.is_empty() {
                let at = found
                    .iter()
                    .map(|f| {
                        let pos = document
                            .lines()
                            .line_col(f.start as usize, Encoding::Utf32)
                            .unwrap_or_default();
                        (pos.line + 1, pos.col + 1)
                    })
                    .collect();
                figures.push((
                    document.path().to_owned(),
                    at,
                    ArticleFigures {
                        date: document.meta().date,
                        figures: found,
                    },
                ));
            }
        }
        let lines: Vec<(Severity, String)> = match outcome {
            Outcome::Annotated { document, result } => result
                .diagnostics
                .iter()
                .map(|d| {
                    let pos = document
                        .lines()
                        .line_col(d.span.start, Encoding::Utf32)
                        .unwrap_or_default();
                    (
                        d.severity,
                        format!(
                            "{}:{}:{}: {}[{}]: {}",
                            document.path(),
                            pos.line + 1,
                            pos.col + 1,
                            d.severity,
                            d.code,
                            d.message
                        ),
                    )
                })
                .collect(),
            Outcome::Skipped(p) | Outcome::Failed(p) => vec![(p.severity, p.to_string())],
        };
        for (severity, line) in lines {
            if severity >= min {
                tally.add(severity);
                if let Err(e) = writeln!(out, "{line}") {
                    io_error.get_or_insert(e);
                }
            }
        }
    })?;
    if let Some(e) = io_error {
        return Err(e.into());
    }
    if Severity::Info >= min {
        let articles: Vec<ArticleFigures> = figures.iter().map(|(_, _, a)| a.clone()).collect();
        for d in disagreements(&articles) {
            let (path, at, article) = &figures[d.article];
            let f = &article.figures[d.figure];
            let (line, col) = at[d.figure];
            let others: Vec<String> = d
                .others
                .iter()
                .map(|&(k, m)| {
                    let (other, _, a) = &figures[k];
                    let name = std::path::Path::new(other)
                        .file_name()
                        .map_or_else(|| other.clone(), |n| n.to_string_lossy().into_owned());
                    let date = a.date.map(|d| format!(", {d}")).unwrap_or_default();
                    format!("«{}» in {name}{date}", a.figures[m].text)
                })
                .collect();
            tally.add(Severity::Info);
            writeln!(
                out,
                "{path}:{line}:{col}: info[figure-disagreement]: «{}» here; another article of \
                 about the same time gives {}",
                f.text,
                others.join("; ")
            )?;
        }
    }
    out.flush()?;
    warn(&tally.summary(discovery.files.len()));
    Ok(
        if tally.0[Severity::Error as usize] > 0 || discovery.files.is_empty() {
            Status::Failed
        } else {
            Status::Ok
        },
    )
}
