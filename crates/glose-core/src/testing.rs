//! Helpers for tests that need annotated text: this crate's, and those of the crates
//! that build on it.

use std::path::Path;

use crate::annotation::{Annotation, EntityId, Label};
use crate::kb::{KbSource, KnowledgeBase, Layer};

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

/// The knowledge base of one user file, `kb.toml`, holding `text`.
///
/// # Panics
/// If loading it finds a problem (an error or a warning).
pub fn user_kb(text: &str) -> KnowledgeBase {
    let (kb, problems) = KnowledgeBase::load(&[KbSource::new("kb.toml", text, Layer::User)]);
    assert!(problems.is_empty(), "{problems:?}");
    kb
}

/// Writes each `(name, text)` of `files` under `dir`, making `dir` and the folders in a
/// name (`kb/people.toml`) first: a corpus, a configuration, a KB folder for a test.
///
/// # Panics
/// If a folder or a file cannot be written.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .unwrap_or_else(|e| panic!("cannot make {}: {e}", folder.display()));
        }
        std::fs::write(&path, text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}
