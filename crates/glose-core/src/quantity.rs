//! The attributes of a `QUANTITY` annotation, by name: the `quantities` tagger writes
//! them, the figure check ([`crate::figures`]), the report and the language server read
//! them, so that a key is spelled once.

/// The number, or `[low, high]` for a range (`entre 300 et 400`).
pub const VALUE: &str = "value";
/// `true` when the amount is approximate (`près de`, `environ`).
pub const APPROXIMATE: &str = "approximate";
/// How it is approximate: `about`, `at-least`, `at-most`, `more-than`, `less-than`.
pub const APPROXIMATOR: &str = "approximator";
/// The unit when it is no counted noun (`%`).
pub const UNIT: &str = "unit";
/// The counted noun as written (`combattants`).
pub const NOUN: &str = "noun";
/// The entity (or name) the amount is about, when the sentence says (`de l'armée`).
pub const ABOUT: &str = "about";
