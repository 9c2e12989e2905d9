//! The attributes of a `DATE` annotation, by name: the `dates` tagger writes them, the
//! language server and the formats read them, so that a key is spelled once.

/// The normalised value (`2019-03-21`, `2019-03`, `2019`, or `[from, to]` for a range).
pub const VALUE: &str = "value";
/// How precise the value is: `day`, `month`, `year`, `weekday`.
pub const PRECISION: &str = "precision";
/// The day of the week, 1 (Monday) to 7, when the text names it.
pub const WEEKDAY: &str = "weekday";
/// `true` when the year was not written and comes from the article's date.
pub const RESOLVED: &str = "resolved";
