use std::sync::Arc;

use proptest::prelude::*;

use super::*;
use crate::tagger::{DocumentView, TagError, TagOutput, Tagger};
use crate::test_tagger::tagger;
use crate::{Annotated, Pipeline};

const TEXT: &str = "Le maire de Brévilly, Paul Arnal, a reçu Jordan Sellier. \
                    Jordan a parlé de Brévilly.";

fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let start = text.match_indices(needle).nth(nth).expect("in the text").0;
    Span::new(start, start + needle.len())
}

fn tag(label: &str) -> Decision {
    Decision::Tag {
        label: Label::new(label),
        entity: None,
    }
}

const REJECT: Decision = Decision::Reject { label: None };

#[test]
fn lines_read_back_as_written() {
    let article =
        Correction::in_article("a/b.txt", TEXT, span_of(TEXT, "Paul Arnal", 0), tag("PER"))
            .signed(Some("léa".into()));
    let corpus = Correction::in_corpus("Brévilly", REJECT);
    for c in [&article, &corpus] {
        let line = c.to_json();
        assert!(!line.contains('\n'));
        assert_eq!(&Correction::from_json(&line).unwrap(), c);
    }
    assert!(
        article
            .to_json()
            .contains(r#""decision":"tag","label":"PER""#)
    );
    assert!(!corpus.to_json().contains("\"file\""));
    let at = article.at.as_deref().unwrap();
    assert!(
        at.len() == 20 && at.ends_with('Z') && at.as_bytes()[10] == b'T',
        "{at}"
    );
}

#[test]
fn bad_lines_say_what_is_wrong() {
    let cases = [
        (r#"{"text":"X","decision":"tag"}"#, "needs a \"label\""),
        (r#"{"text":"X","decision":"keep"}"#, "unknown decision"),
        (
            r#"{"file":"a.txt","start":0,"end":5,"text":"X","decision":"reject"}"#,
            "length",
        ),
        (
            r#"{"file":"a.txt","text":"X","decision":"reject"}"#,
            "go together",
        ),
        (r#"{"text":"X","decision":"reject","lable":"PER"}"#, "lable"),
        (r#"{"text":"","decision":"reject"}"#, "empty"),
        ("not json", "expected"),
    ];
    for (line, wanted) in cases {
        let e = Correction::from_json(line).unwrap_err();
        assert!(e.contains(wanted), "{line}: {e}");
    }
    let (list, problems) = parse(
        &format!(
            "{}\n\n{{\"text\":\"X\"}}\n",
            Correction::in_corpus("X", REJECT).to_json()
        ),
        "c.jsonl",
    );
    assert_eq!(list.len(), 1);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].position(), Some((3, 1)));
    assert!(
        problems[0]
            .to_string()
            .starts_with("c.jsonl:3:1: warning[corrections]")
    );
}

#[test]
fn a_correction_follows_its_text_when_the_article_changes() {
    let span = span_of(TEXT, "Jordan Sellier", 0);
    let c = Correction::in_article("a.txt", TEXT, span, tag("PER"));
    assert_eq!(c.anchor(TEXT), Some(span));
    // Text added before: the span moves with it.
    let edited = format!("Mardi soir. {TEXT}");
    assert_eq!(
        c.anchor(&edited),
        Some(Span::new(span.start + 12, span.end + 12))
    );
    // Text added after: the span stays.
    assert_eq!(c.anchor(&format!("{TEXT} Fin.")), Some(span));
    // The name itself edited: nowhere to go.
    let renamed = TEXT.replace("Jordan Sellier", "Jordan Selier");
    assert_eq!(c.anchor(&renamed), None);
}

#[test]
fn the_context_picks_among_occurrences() {
    let second = span_of(TEXT, "Brévilly", 1);
    let c = Correction::in_article("a.txt", TEXT, second, tag("LOC"));
    // Both occurrences move; the recorded context names the second.
    let edited = TEXT.replace("Le maire", "Hier, le maire");
    assert_eq!(
        c.anchor(&edited),
        Some(Span::new(second.start + 6, second.end + 6))
    );
    // Only an unrelated occurrence is left, with none of the context: unplaced.
    let c = Correction::in_article("a.txt", TEXT, span_of(TEXT, "Jordan", 1), REJECT);
    assert_eq!(c.anchor("Jordan"), None);
}

proptest! {
    /// Text inserted anywhere: far from the span (more than the context kept), the
    /// correction moves with its text; near it, it moves with its text or is reported
    /// unplaced; inside it, it never lands on other text.
    #[test]
    fn edits_never_misplace_a_correction(
        insert in "[a-z ,.éà]{1,30}",
        at in 0usize..1000,
        which in 0usize..3,
    ) {
        let text = TEXT;
        let spans = [
            span_of(text, "Paul Arnal", 0),
            span_of(text, "Jordan Sellier", 0),
            span_of(text, "Brévilly", 1),
        ];
        let span = spans[which];
        let c = Correction::in_article("a.txt", text, span, tag("PER"));
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let edited = format!("{}{insert}{}", &text[..at], &text[at..]);
        let placed = c.anchor(&edited);
        let moved = Span::new(span.start + insert.len(), span.end + insert.len());
        if at + CONTEXT < span.start {
            prop_assert_eq!(placed, Some(moved));
        } else if at > span.end + CONTEXT {
            prop_assert_eq!(placed, Some(span));
        } else if at <= span.start {
            prop_assert!(placed.is_none() || placed == Some(moved), "{:?}", placed);
        } else if at >= span.end {
            prop_assert!(placed.is_none() || placed == Some(span), "{:?}", placed);
        } else if let Some(p) = placed {
            prop_assert_eq!(&edited[p.start..p.end], c.text.as_str());
        }
    }
}

/// Records the PER names it sees from the taggers before.
struct Reader;

impl Tagger for Reader {
    fn name(&self) -> &str {
        "reader"
    }
    fn version(&self) -> &str {
        "1"
    }
    fn description(&self) -> &str {
        "reads names"
    }
    fn requires(&self) -> &[Label] {
        &[Label::PER]
    }
    fn provides(&self) -> &[Label] {
        &[]
    }
    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let mut out = TagOutput::default();
        for a in doc.annotations.with_label(Label::PER) {
            out.annotations.push(
                Annotation::new(a.span, Label::new("SEEN")).with_attr("by", a.tagger.to_owned()),
            );
        }
        Ok(out)
    }
}

fn pipeline(corrections: Corrections) -> Pipeline {
    let mut words = tagger("words", &[], &Label::NAMES);
    words.words = vec![
        ("Paul Arnal", Label::ORG),
        ("Brévilly", Label::LOC),
        ("Jordan", Label::PER),
        ("Sellier", Label::PER),
    ];
    words.spread = vec!["Jordan"];
    Pipeline::new(vec![Arc::new(words), Arc::new(Reader)])
        .unwrap()
        .with_corrections(Some(Arc::new(corrections)))
}

fn layer(a: &Annotated, text: &str) -> Vec<(String, String, String)> {
    a.resolved()
        .filter(|x| x.label.as_str() != "SEEN")
        .map(|x| {
            (
                x.text(text).to_owned(),
                x.label.to_string(),
                x.tagger.to_owned(),
            )
        })
        .collect()
}

fn triple(text: &str, label: &str, tagger: &str) -> (String, String, String) {
    (text.to_owned(), label.to_owned(), tagger.to_owned())
}

#[test]
fn the_pipeline_applies_tags_rejections_and_rules() {
    let dir = tempfile::tempdir().unwrap();
    let list = vec![
        // A changed type.
        Correction::in_article(
            "news/a.txt",
            TEXT,
            span_of(TEXT, "Paul Arnal", 0),
            tag("PER"),
        ),
        // A fixed extent: the full name instead of two pieces.
        Correction::in_article(
            "news/a.txt",
            TEXT,
            span_of(TEXT, "Jordan Sellier", 0),
            tag("PER"),
        ),
        // Not an entity.
        Correction::in_article("news/a.txt", TEXT, span_of(TEXT, "Brévilly", 1), REJECT),
    ];
    let p = pipeline(Corrections::new(dir.path(), list));
    let path = dir.path().join("news").join("a.txt");
    let doc = Document::new(path.to_string_lossy(), TEXT).unwrap();
    let out = p.run(&doc);
    let brevilly = triple("Brévilly", "LOC", "words");
    let names = [
        triple("Paul Arnal", "PER", "correction"),
        triple("Jordan Sellier", "PER", "correction"),
        triple("Jordan", "PER", "words"),
    ];
    let expected = [std::slice::from_ref(&brevilly), &names[..]].concat();
    assert_eq!(layer(&out, TEXT), expected);
    // The rejected annotation is not in the store at all, and a later tagger saw the
    // analyst's names.
    assert_eq!(
        out.store
            .iter()
            .filter(|a| a.text(TEXT) == "Brévilly")
            .count(),
        1
    );
    let seen: Vec<&str> = out
        .store
        .iter()
        .filter(|a| a.label.as_str() == "SEEN")
        .map(|a| a.text(TEXT))
        .collect();
    assert!(
        seen.contains(&"Paul Arnal") && seen.contains(&"Jordan Sellier"),
        "{seen:?}"
    );
    // In another article the names the analyst tagged are tagged too, as spread by the
    // corpus memory; the rejection of one `Brévilly` stays in its article.
    let other = Document::new(dir.path().join("b.txt").to_string_lossy(), TEXT).unwrap();
    let out = p.run(&other);
    assert_eq!(layer(&out, TEXT), [expected, vec![brevilly]].concat());
    assert!(
        out.resolved()
            .filter(|a| a.tagger == TAGGER)
            .all(|a| a.attrs["evidence"] == "corpus")
    );
}

#[test]
fn corpus_rules_and_the_corpus_memory() {
    let dir = tempfile::tempdir().unwrap();
    let list = vec![
        Correction::in_corpus("Brévilly", REJECT),
        Correction::in_corpus("Arnal", tag("PER")),
        // `Jordan` said to be a place in one article: it is one wherever it stands.
        Correction::in_article("a.txt", TEXT, span_of(TEXT, "Jordan", 1), tag("LOC")),
    ];
    let p = pipeline(Corrections::new(dir.path(), list));
    let doc = Document::new(dir.path().join("b.txt").to_string_lossy(), TEXT).unwrap();
    let out = p.run(&doc);
    let got = layer(&out, TEXT);
    assert!(!got.iter().any(|(t, ..)| t == "Brévilly"), "{got:?}");
    assert!(
        got.contains(&triple("Jordan", "LOC", "correction")),
        "{got:?}"
    );
    assert!(got.contains(&triple("Sellier", "PER", "words")), "{got:?}");
    // The rule's `Arnal` loses to nothing: it is the analyst's, even inside a longer name.
    assert!(
        got.contains(&triple("Arnal", "PER", "correction")),
        "{got:?}"
    );
    // A rule never splits a word.
    let doc = Document::new(dir.path().join("c.txt").to_string_lossy(), "Arnaldo vint.").unwrap();
    assert!(p.run(&doc).resolved().next().is_none());
}

#[test]
fn what_the_taggers_memory_spread_follows_the_analyst() {
    // The test tagger's `el-Bab` stands for a name its corpus memory spread
    // (`evidence = corpus`); a name starting in lower case is not spread by the
    // corrections themselves, so the taggers' own annotation is retyped or dropped.
    let text = "Karim Sellier est à el-Bab, puis à Ombrelle. Sellier a quitté el-Bab.";
    let dir = tempfile::tempdir().unwrap();
    let mut words = tagger("words", &[], &[Label::PER, Label::LOC]);
    words.words = vec![
        ("el-Bab", Label::PER),
        ("Sellier", Label::PER),
        ("Ombrelle", Label::LOC),
    ];
    words.spread = vec!["el-Bab", "Ombrelle"];
    let list = vec![
        Correction::in_article("a.txt", text, span_of(text, "el-Bab", 0), tag("LOC")),
        Correction::in_article("a.txt", text, span_of(text, "Ombrelle", 0), REJECT),
    ];
    let p = Pipeline::new(vec![Arc::new(words)])
        .unwrap()
        .with_corrections(Some(Arc::new(Corrections::new(dir.path(), list))));
    let doc = Document::new(dir.path().join("b.txt").to_string_lossy(), text).unwrap();
    assert_eq!(
        layer(&p.run(&doc), text),
        vec![
            triple("Sellier", "PER", "words"),
            triple("el-Bab", "LOC", "words"),
            triple("Sellier", "PER", "words"),
            triple("el-Bab", "LOC", "words"),
        ]
    );
}

#[test]
fn an_unplaced_correction_is_a_warning_on_its_article() {
    let dir = tempfile::tempdir().unwrap();
    let list = vec![Correction::in_article(
        "a.txt",
        TEXT,
        span_of(TEXT, "Paul Arnal", 0),
        tag("PER"),
    )];
    let p = pipeline(Corrections::new(dir.path(), list));
    let edited = TEXT.replace("Paul Arnal", "Pierre Arnal");
    let doc = Document::new(dir.path().join("a.txt").to_string_lossy(), edited).unwrap();
    let out = p.run(&doc);
    let d = out
        .diagnostics
        .iter()
        .find(|d| d.code == UNPLACED)
        .expect("a warning");
    assert_eq!(d.severity, Severity::Warning);
    assert!(
        d.message.contains("«Paul Arnal» tagged PER"),
        "{}",
        d.message
    );
}

#[test]
fn paths_are_relative_to_the_root_with_slashes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("x/y")).unwrap();
    let c = Corrections::new(dir.path(), Vec::new());
    assert_eq!(
        c.relative(&dir.path().join("x").join("y").join("a.txt"))
            .as_deref(),
        Some("x/y/a.txt")
    );
    assert_eq!(c.relative(Path::new("/elsewhere/a.txt")), None);
}

#[test]
fn writers_never_lose_a_correction_and_keep_unreadable_lines() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(DIR)).unwrap();
    std::fs::write(Corrections::path(dir.path()), "{\"broken\": true}\n").unwrap();
    let root = dir.path().to_owned();
    std::thread::scope(|s| {
        for t in 0..4 {
            let root = root.clone();
            s.spawn(move || {
                for i in 0..10 {
                    update(&root, |list| {
                        add(list, Correction::in_corpus(&format!("T{t}-{i}"), REJECT))
                    })
                    .unwrap();
                }
            });
        }
    });
    let loaded = Corrections::load(dir.path());
    assert_eq!(loaded.list().len(), 40);
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    let text = std::fs::read_to_string(Corrections::path(dir.path())).unwrap();
    assert!(text.starts_with("{\"broken\": true}\n"));
    // No temporary file left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path().join(DIR))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.ends_with(crate::atomic::TMP_SUFFIX)),
        "{names:?}"
    );
}

#[test]
fn a_new_correction_replaces_the_ones_it_overlaps_and_can_be_removed() {
    let mut list = Vec::new();
    add(
        &mut list,
        Correction::in_article("a.txt", TEXT, span_of(TEXT, "Jordan", 0), tag("PER")),
    );
    add(
        &mut list,
        Correction::in_article("a.txt", TEXT, span_of(TEXT, "Jordan", 1), tag("PER")),
    );
    let wider = Correction::in_article(
        "a.txt",
        TEXT,
        span_of(TEXT, "Jordan Sellier", 0),
        tag("PER"),
    );
    add(&mut list, wider.clone());
    assert_eq!(list.len(), 2);
    assert!(list.contains(&wider));
    assert!(remove(&mut list, &wider.clone().signed(Some("x".into()))));
    assert_eq!(list.len(), 1);
    assert!(!remove(&mut list, &wider));
}
