use glose_sdk::testing::tag_text;

use super::*;

#[test]
fn corpus_memory_types_names_seen_elsewhere() {
    let tagger = Names::default();
    tagger.memory().learn([("hajine", Label::LOC)]);
    let text = "Hajine a été reprise.";
    let out = tag_text(&tagger, text);
    assert_eq!(out.annotations.len(), 1);
    assert_eq!(out.annotations[0].attrs["evidence"], "corpus");
}

#[test]
fn the_corpus_memory_is_not_used_during_the_corpus_pass() {
    let tagger = Names::default();
    tagger.memory().learn([("hajine", Label::LOC)]);
    let doc = glose_core::Document::new("t.txt", "Hajine a été reprise.").unwrap();
    let store = AnnotationStore::new();
    let view = DocumentView::new(&doc, &store, &glose_core::tagger::Never);
    assert_eq!(tagger.tag(&view).unwrap().annotations.len(), 1);
    // While the corpus is being read, what was learned so far depends on the order the
    // threads saw the articles: the output must not.
    assert!(
        tagger
            .tag(&view.observing())
            .unwrap()
            .annotations
            .is_empty()
    );
}

/// The fixtures of `tests/fixtures`: texts with the names the tagger must find written
/// inline (see `glose_sdk::testing::check_fixtures`).
#[test]
fn fixtures() {
    glose_sdk::testing::check_fixtures(&Names::default(), "tests/fixtures");
}
