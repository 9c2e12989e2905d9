//! Diagnostics: problems and remarks about a span of a document.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::annotation::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A replacement of a span of the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEdit {
    #[serde(flatten)]
    pub span: Span,
    pub new_text: String,
}

/// A fix a user can apply: a title and the edits it makes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

/// A problem or remark about a span of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    #[serde(flatten)]
    pub span: Span,
    pub severity: Severity,
    /// A stable, kebab-case code such as `invalid-utf8` or `variant-spelling`.
    pub code: String,
    pub message: String,
    /// What produced it: a tagger's name, `glose` for the engine itself.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn new(
        span: impl Into<Span>,
        severity: Severity,
        code: &str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            span: span.into(),
            severity,
            code: code.to_owned(),
            message: message.into(),
            source: String::new(),
            fixes: Vec::new(),
        }
    }

    pub fn error(span: impl Into<Span>, code: &str, message: impl Into<String>) -> Self {
        Self::new(span, Severity::Error, code, message)
    }

    pub fn warning(span: impl Into<Span>, code: &str, message: impl Into<String>) -> Self {
        Self::new(span, Severity::Warning, code, message)
    }

    pub fn with_source(mut self, source: &str) -> Self {
        self.source = source.to_owned();
        self
    }

    pub fn with_fix(mut self, title: impl Into<String>, edits: Vec<TextEdit>) -> Self {
        self.fixes.push(Fix {
            title: title.into(),
            edits,
        });
        self
    }
}
