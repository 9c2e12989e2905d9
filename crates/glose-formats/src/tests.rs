//! Round trips and validation on the example corpus and on texts with a byte order
//! mark, CRLF, emoji and names over line breaks.

use std::path::PathBuf;
use std::sync::Arc;

use glose_core::{Annotation, Document, KnowledgeBase, Label, Pipeline, Span};
use proptest::prelude::*;

use crate::{brat, columns, conll, csv, webanno};

fn pipeline() -> (Pipeline, Arc<KnowledgeBase>) {
    let (kb, _) = KnowledgeBase::load(&glose_gazetteer::builtin_sources());
    let kb = Arc::new(kb);
    (
        Pipeline::new(glose_taggers::default_taggers(kb.clone())).unwrap(),
        kb,
    )
}

/// The example articles, and odd texts.
fn texts() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "txt").then(|| std::fs::read_to_string(p).ok())?
        })
        .collect();
    texts.sort();
    texts.push(
        "\u{feff} date 2021-03\r\nÀ Alep 😀, les Forces démocratiques syriennes (FDS) ont avancé.\r\n« Rien ne passe », a déclaré le colonel Yassine Harbi.\r\n".to_owned(),
    );
    texts
}

fn annotate(pipeline: &Pipeline, text: &str) -> (Document, Vec<Annotation>) {
    let doc = Document::new("t.txt", text).unwrap();
    let result = pipeline.run(&doc);
    let layer = result.resolved().cloned().collect();
    (doc, layer)
}

#[test]
fn brat_reads_back_what_it_writes() {
    let (pipeline, kb) = pipeline();
    let mut checked = 0;
    for text in texts() {
        let (_, annotations) = annotate(&pipeline, &text);
        let refs: Vec<&Annotation> = annotations.iter().collect();
        let ann = brat::write(&text, &refs, Some(&kb));
        let back = brat::read(&text, &ann).unwrap();
        assert_eq!(back.len(), annotations.len());
        for (a, b) in annotations.iter().zip(&back) {
            assert_eq!((a.span, a.label), (b.span, b.label), "{ann}");
            assert_eq!(a.entity, b.entity);
            assert_eq!(a.attrs, b.attrs);
            assert_eq!(a.tagger, b.tagger);
            assert_eq!(a.confidence, b.confidence);
            checked += 1;
        }
        // Every T line's text is the text at its offsets.
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            let fields: Vec<&str> = line.split('\t').collect();
            let chars: Vec<char> = text.chars().collect();
            let pieces: Vec<String> = fields[1]
                .split_once(' ')
                .unwrap()
                .1
                .split(';')
                .map(|f| {
                    let (s, e) = f.split_once(' ').unwrap();
                    chars[s.parse::<usize>().unwrap()..e.parse::<usize>().unwrap()]
                        .iter()
                        .collect()
                })
                .collect();
            assert_eq!(pieces.join(" "), fields[2]);
        }
    }
    assert!(checked > 200, "{checked}");
}

#[test]
fn brat_relations_link_quotes_to_their_speakers() {
    let (pipeline, kb) = pipeline();
    let text = "« Rien ne passe », a déclaré le colonel Yassine Harbi à Alep, en Syrie.";
    let (_, annotations) = annotate(&pipeline, text);
    let refs: Vec<&Annotation> = annotations.iter().collect();
    let ann = brat::write(text, &refs, Some(&kb));
    let t = |name: &str| {
        ann.lines()
            .find(|l| l.starts_with('T') && l.ends_with(name))
            .and_then(|l| l.split('\t').next())
            .unwrap()
            .to_owned()
    };
    let quote = ann
        .lines()
        .find(|l| l.starts_with('T') && l.contains("QUOTE"))
        .and_then(|l| l.split('\t').next())
        .unwrap();
    assert!(
        ann.contains(&format!("Speaker Arg1:{quote} Arg2:{}", t("Yassine Harbi"))),
        "{ann}"
    );
    // Places of the default KB are linked to it and to their external ids.
    let alep = t("Alep");
    assert!(
        ann.contains(&format!("Reference {alep} glose:alep")),
        "{ann}"
    );
    assert!(
        ann.contains(&format!("Reference {alep} GeoNames:170063")),
        "{ann}"
    );
    let syrie = t("Syrie");
    assert!(
        ann.contains(&format!("Reference {syrie} Wikidata:Q858")),
        "{ann}"
    );
    let conf = brat::annotation_conf([ann.as_str()]);
    assert!(
        conf.contains("QUOTE") && conf.contains("Speaker\tArg1:QUOTE"),
        "{conf}"
    );
}

#[test]
fn brat_errors_name_the_line() {
    let text = "Alep et Homs.";
    assert_eq!(
        brat::read(text, "T1\tLOC 0 4\tAlep\nT2\tLOC 8 99\tHoms\n")
            .unwrap_err()
            .line,
        2
    );
    assert!(brat::read(text, "N1\tReference T9 glose:x\tx\n").is_err());
    assert!(brat::read(text, "T1\tloc 0 4\tAlep\n").is_err());
}

#[test]
fn conll_tags_the_entity_layer_and_says_what_it_dropped() {
    let (pipeline, _) = pipeline();
    let mut all = String::new();
    let mut expected_docs = 0;
    for text in texts() {
        let (doc, annotations) = annotate(&pipeline, &text);
        let refs: Vec<&Annotation> = annotations.iter().collect();
        let mut out = String::new();
        let dropped = conll::write(&text, doc.meta().body_start, &refs, &mut out);
        let quotes = annotations
            .iter()
            .filter(|a| a.label == Label::QUOTE)
            .count();
        assert_eq!(dropped.overlay, quotes);
        // The names read back from the tags are the layer's, less what was dropped.
        let docs = conll::read(&out);
        assert_eq!(docs.len(), 1);
        let mut names: Vec<(String, String)> = Vec::new();
        for sentence in &docs[0] {
            for (token, tag) in sentence {
                if let Some(label) = tag.strip_prefix("B-") {
                    names.push((label.to_owned(), token.clone()));
                } else if let Some(label) = tag.strip_prefix("I-") {
                    let last = names.last_mut().unwrap();
                    assert_eq!(last.0, label, "I- follows B- of the same label");
                    last.1.push(' ');
                    last.1.push_str(token);
                }
            }
        }
        let kept = annotations.len() - quotes - dropped.misaligned.len() - dropped.overlapping;
        assert_eq!(names.len(), kept, "{out}");
        // No sentence crosses a line break, and no sentence is empty.
        assert!(docs[0].iter().all(|s| !s.is_empty()));
        all.push_str(&out);
        expected_docs += 1;
    }
    assert_eq!(conll::read(&all).len(), expected_docs);
    assert!(all.contains("Raqqa _ _ B-LOC"), "{all}");
}

#[test]
fn web_annotation_pages_are_valid_for_their_text() {
    let (pipeline, kb) = pipeline();
    for text in texts() {
        let (_, annotations) = annotate(&pipeline, &text);
        let refs: Vec<&Annotation> = annotations.iter().collect();
        let page = webanno::page("file:///corpus/a.txt", &text, &refs, Some(&kb));
        webanno::validate(&page, &text).unwrap();
        assert_eq!(page["items"].as_array().unwrap().len(), annotations.len());
        // Tampering is caught.
        if let Some(first) = page["items"].as_array().and_then(|i| i.first()).cloned() {
            let mut bad = page.clone();
            bad["items"][0]["target"]["selector"][0]["start"] =
                (first["target"]["selector"][0]["start"].as_u64().unwrap() + 1).into();
            assert!(webanno::validate(&bad, &text).is_err());
        }
    }
}

#[test]
fn columnar_rows_hold_every_annotation_with_both_offsets() {
    let (pipeline, _) = pipeline();
    let mut typed = 0;
    for text in texts() {
        let doc = Document::new("t.txt", text.as_str()).unwrap();
        let result = pipeline.run(&doc);
        // Every annotation, overlapping ones included, in the store's order.
        let all: Vec<&Annotation> = result.store.iter().collect();
        let date = doc.meta().date.map(|d| d.to_string());
        let rows = columns::rows("t.txt", date.as_deref(), &text, doc.lines(), &all);
        assert_eq!(rows.len(), all.len());
        let chars: Vec<char> = text.chars().collect();
        let mut table = String::new();
        csv::header(&mut table);
        for (row, a) in rows.iter().zip(&all) {
            assert_eq!(
                (row.start as usize, row.end as usize),
                (a.span.start, a.span.end)
            );
            assert_eq!(row.label, a.label.as_str());
            assert_eq!(row.text, a.text(&text));
            let (s, e) = (row.start_char as usize, row.end_char as usize);
            assert_eq!(chars[s..e].iter().collect::<String>(), row.text, "{row:?}");
            assert_eq!(row.date, date.as_deref().map(Into::into));
            // Typed columns and attrs together hold every attribute.
            let rest: serde_json::Map<String, serde_json::Value> = row
                .attrs
                .as_deref()
                .map(|j| serde_json::from_str(j).unwrap())
                .unwrap_or_default();
            let typed_here = (columns::COLUMNS.iter().enumerate())
                .filter(|(_, c)| {
                    ["quantity_", "date_", "quote_"]
                        .iter()
                        .any(|p| c.name.starts_with(p))
                })
                .filter(|&(i, _)| row.value(i) != columns::Value::Null)
                .count();
            typed += typed_here;
            assert!(rest.len() <= a.attrs.len());
            assert!(rest.iter().all(|(k, v)| a.attrs.get(k.as_str()) == Some(v)));
            if a.attrs.is_empty() {
                assert_eq!((typed_here, row.attrs.as_deref()), (0, None));
            }
            csv::row(row, &mut table);
        }
        assert!(table.starts_with("path,date,start,end,start_char,end_char,label"));
    }
    assert!(typed > 50, "only {typed} typed values");
}

proptest! {
    /// Any spans on character boundaries of any text, with line breaks and BOM, survive
    /// brat.
    #[test]
    fn brat_round_trips_arbitrary_spans(
        text in "\u{feff}?[a-zé😀 \n\r«»’]{1,60}",
        cuts in proptest::collection::vec((0usize..60, 1usize..20), 0..6),
    ) {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut annotations = Vec::new();
        for (s, len) in cuts {
            let s = bounds[s % bounds.len()];
            let e = bounds[(bounds.iter().position(|&b| b == s).unwrap() + len).min(bounds.len() - 1)];
            // A span must hold more than line breaks.
            if e > s && !text[s..e].chars().all(|c| c == '\n' || c == '\r') {
                annotations.push(Annotation::new(Span::new(s, e), Label::LOC));
            }
        }
        let refs: Vec<&Annotation> = annotations.iter().collect();
        let ann = brat::write(&text, &refs, None);
        let back = brat::read(&text, &ann).unwrap();
        // Leading and trailing line breaks of a span are not part of its fragments.
        let trimmed: Vec<Span> = annotations
            .iter()
            .map(|a| {
                let piece = &text[a.span.range()];
                let lead = piece.len() - piece.trim_start_matches(['\n', '\r']).len();
                let trail = piece.len() - piece.trim_end_matches(['\n', '\r']).len();
                Span::new(a.span.start + lead, a.span.end - trail)
            })
            .collect();
        let got: Vec<Span> = back.iter().map(|a| a.span).collect();
        prop_assert_eq!(got, trimmed);
    }
}
