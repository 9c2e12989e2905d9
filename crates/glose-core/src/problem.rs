//! A problem of a file the corpus is made of or loaded from: an article that cannot be
//! read, a KB or rule file with an error, a plugin that does not load, a configuration
//! that is not trusted. One type from the core up: every front end filters on its
//! severity, groups on its code, and places it with its span (an editor) or its line and
//! column (a terminal).

use std::fmt;

use crate::{Severity, Span};

/// One problem of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file it is in (as given: relative or absolute).
    pub file: String,
    pub severity: Severity,
    /// What kind of problem: `kb`, `rules`, `plugin`, `ner-model`, `untrusted-plugins`,
    /// `tagger-order`, `config`, and for articles `not-found`, `unreadable`,
    /// `no-articles`, `binary`, `too-large`, `invalid-utf8`.
    pub code: &'static str,
    pub message: String,
    /// Where in the file, when it has a place: the byte span, and the one-based line and
    /// column (in characters) of its start.
    pub place: Option<Place>,
}

/// Where a problem is in its file: its one-based line and column (in characters), and
/// its byte span when the loader knew it (a parser that gives only a line and column
/// leaves it out; an editor then places it by line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub span: Option<Span>,
    pub line: u32,
    pub column: u32,
}

impl Place {
    /// A place known only by its line and column.
    pub fn line(line: u32, column: u32) -> Place {
        Place {
            span: None,
            line,
            column,
        }
    }
}

impl Problem {
    /// A problem of the whole file.
    pub fn new(
        file: impl Into<String>,
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            file: file.into(),
            severity,
            code,
            message: message.into(),
            place: None,
        }
    }

    /// The same problem, at `place` in its file.
    pub fn at(mut self, place: Place) -> Problem {
        self.place = Some(place);
        self
    }

    /// The one-based line and column, when the problem has a place.
    pub fn position(&self) -> Option<(u32, u32)> {
        self.place.map(|p| (p.line, p.column))
    }
}

impl fmt::Display for Problem {
    /// `file:line:column: severity[code]: message`, or `file: severity[code]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (severity, code) = (self.severity, self.code);
        match self.place {
            Some(p) => write!(
                f,
                "{}:{}:{}: {severity}[{code}]: {}",
                self.file, p.line, p.column, self.message
            ),
            None => write!(f, "{}: {severity}[{code}]: {}", self.file, self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_display() {
        let p = Place {
            span: Some(Span::new(9, 10)),
            ..Place::line(2, 3)
        };
        let problem = Problem::new("kb.toml", Severity::Error, "kb", "bad value").at(p);
        assert_eq!(problem.to_string(), "kb.toml:2:3: error[kb]: bad value");
        assert_eq!(problem.position(), Some((2, 3)));
        let whole = Problem::new("x.so", Severity::Warning, "plugin", "not loaded");
        assert_eq!(whole.to_string(), "x.so: warning[plugin]: not loaded");
    }
}
