//! Helpers for tests that need annotated text: this crate's, and those of the crates
//! that build on it.

use crate::annotation::{Annotation, EntityId, Label};

/// An annotation over the first occurrence of each `(words, label, entity)` in `text`,
/// linked to `entity` when there is one, in the order given.
///
/// # Panics
/// If some `words` are not in `text`.
pub fn annotate_first(text: &str, names: &[(&str, Label, Option<&str>)]) -> Vec<Annotation> {
    names
        .iter()
        .map(|&(words, label, entity)| {
            let start = text
                .find(words)
                .unwrap_or_else(|| panic!("{words:?} is not in the text"));
            let a = Annotation::new(start..start + words.len(), label);
            match entity {
                Some(e) => a.with_entity(EntityId::new(e)),
                None => a,
            }
        })
        .collect()
}
