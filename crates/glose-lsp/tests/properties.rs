//! Properties of incremental editing: after any sequence of incremental edits (inserts
//! and deletes next to accented letters, typographic punctuation, emoji, CRLF and lone
//! CR line ends; positions past the end of a line; several changes in one
//! notification), in UTF-16 and in UTF-8 positions, the server holds the text the
//! client holds: its annotations of the edited document (semantic tokens, outline,
//! inlay hints, hovers, diagnostics) equal those a second server gives for the final
//! text opened fresh; and every position the server gives back falls on a character
//! boundary of that text and converts back to itself.
//!
//! `PROPTEST_CASES` sets the number of cases (32 per encoding by default); the cases
//! are drawn from a fixed seed, so a run is reproducible.

mod common;

use std::cell::RefCell;
use std::path::Path;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{Value, json};

/// Pieces of text the documents and the edits are made of.
const PIECES: &[&str] = &[
    "é",
    "à",
    "È",
    "’",
    "«\u{a0}",
    "\u{a0}»",
    "🚨",
    "😀",
    "👩‍👩‍👧",
    "⚠️",
    "\r\n",
    "\n",
    "\r",
    " ",
    " ",
    "a",
    ".",
    ", ",
    "Tell Semaan",
    "FDN",
    "Forces de défense du Nord",
    "Alep",
    "Mme Leïla Khatib",
    "Quelque 300 familles",
    "le colonel Yassine Harbi",
    "Deir es-zor",
    "Deir ez-Zor",
    "l’armée",
    "l’Observatoire syrien des droits de l'Homme",
    "le 12 mars 2021",
    "400 combattants",
    "selon un responsable",
];

/// One change: where (a fraction of the text, in thousandths), how many characters to
/// delete, what to insert, and whether to give the start past the end of its line when
/// it is at one.
#[derive(Clone, Debug)]
struct Change {
    at: u32,
    delete: usize,
    insert: Vec<usize>,
    overshoot: bool,
}

#[derive(Clone, Debug)]
struct Case {
    dated: bool,
    initial: Vec<usize>,
    /// Notifications, each with one or more changes.
    edits: Vec<Vec<Change>>,
}

fn pieces() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..PIECES.len(), 0..6)
}

fn case() -> impl Strategy<Value = Case> {
    let change = (0u32..=1000, 0usize..12, pieces(), prop::bool::weighted(0.2)).prop_map(
        |(at, delete, insert, overshoot)| Change {
            at,
            delete,
            insert,
            overshoot,
        },
    );
    (
        any::<bool>(),
        prop::collection::vec(0..PIECES.len(), 0..40),
        prop::collection::vec(prop::collection::vec(change, 1..4), 1..16),
    )
        .prop_map(|(dated, initial, edits)| Case {
            dated,
            initial,
            edits,
        })
}

fn join(pieces: &[usize]) -> String {
    pieces.iter().map(|&i| PIECES[i]).collect()
}

/// A byte offset that is not between the two characters of a CRLF (no position names
/// such a place), moved back or forward to the nearest that is.
fn snap(text: &str, offset: usize, forward: bool) -> usize {
    if offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
        if forward { offset + 1 } else { offset - 1 }
    } else {
        offset
    }
}

/// Applies `change` to the client's copy of the text; the LSP change event that says so.
fn make_change(text: &mut String, change: &Change, utf8: bool) -> Value {
    let chars = text.chars().count();
    let start_char = (change.at as usize * chars) / 1000;
    let byte = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    let start = snap(text, byte(start_char), false);
    let end_char = text[..start].chars().count() + change.delete;
    let end = snap(text, byte(end_char).max(start), true);
    let mut start_pos = position(text, start, utf8);
    let end_pos = position(text, end, utf8);
    let at_line_end = text[start..].is_empty() || text[start..].starts_with(['\r', '\n']);
    if change.overshoot && at_line_end && start == end {
        // Past the end of the line: the end of the line, as the protocol has it.
        start_pos["character"] = json!(start_pos["character"].as_u64().unwrap() + 3);
    }
    let insert = join(&change.insert);
    assert_eq!(offset(text, &start_pos, utf8), start);
    assert_eq!(offset(text, &end_pos, utf8), end);
    text.replace_range(start..end, &insert);
    json!({"range": {"start": start_pos, "end": end_pos}, "text": insert})
}

/// Every range in `value` (any object with `start` and `end` positions).
fn ranges(value: &Value, out: &mut Vec<Value>) {
    match value {
        Value::Object(map) => {
            if let (Some(s), Some(e)) = (map.get("start"), map.get("end"))
                && s.get("line").is_some()
                && e.get("line").is_some()
            {
                out.push(s.clone());
                out.push(e.clone());
            }
            for v in map.values() {
                ranges(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| ranges(v, out)),
        _ => {}
    }
}

/// The start and end positions of the semantic tokens (none when there are none).
fn token_starts(tokens: &Value) -> Vec<Value> {
    if tokens["data"].is_null() {
        return Vec::new();
    }
    semantic_tokens(&tokens["data"])
        .into_iter()
        .flat_map(|t| [t.range["start"].clone(), t.range["end"].clone()])
        .collect()
}

/// What the server makes of an open document.
async fn annotations(s: &Session, name: &str, text: &str) -> Value {
    let doc = json!({"uri": s.uri(name)});
    let tokens = s
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": doc}),
        )
        .await;
    let symbols = s
        .request("textDocument/documentSymbol", json!({"textDocument": doc}))
        .await;
    let end = position(text, text.len(), s.utf8);
    let whole = json!({"start": {"line": 0, "character": 0}, "end": end});
    let hints = s
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": doc, "range": whole}),
        )
        .await;
    let range_tokens = s
        .request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": doc, "range": whole}),
        )
        .await;
    // A hover at the start of every highlighted name.
    let mut hovers = Vec::new();
    for p in token_starts(&tokens).iter().step_by(2) {
        hovers.push(
            s.request(
                "textDocument/hover",
                json!({"textDocument": doc, "position": p}),
            )
            .await,
        );
    }
    json!({
        "tokens": tokens["data"],
        "rangeTokens": range_tokens["data"],
        "symbols": symbols,
        "hints": hints,
        "hovers": hovers,
    })
}

/// Checks that every position in `value` is one of `text` and converts back to itself.
fn round_trips(text: &str, value: &Value, utf8: bool) -> Result<(), TestCaseError> {
    let mut positions = Vec::new();
    ranges(value, &mut positions);
    positions.extend(token_starts(&json!({"data": value["tokens"]})));
    for p in positions {
        let o = offset(text, &p, utf8);
        prop_assert!(text.is_char_boundary(o));
        prop_assert_eq!(
            &position(text, o, utf8),
            &p,
            "position {} of {:?} does not convert back",
            p,
            text
        );
    }
    Ok(())
}

/// The edited document and a fresh one: their texts, the same relative path in two
/// copies of the corpus. The documents go in a hidden folder, so that they are not
/// articles of the corpus and one case cannot change the diagnostics of the next.
async fn check(
    edited: &mut Session,
    fresh: &mut Session,
    n: usize,
    case: &Case,
) -> Result<(), TestCaseError> {
    let utf8 = edited.utf8;
    let name = format!(".drafts/case-{n}.txt");
    let mut text = join(&case.initial);
    if case.dated {
        text.insert_str(0, " date 2021-03\n");
    }
    edited.open_text(&name, &text, 1).await;
    let mut version = 1;
    for edit in &case.edits {
        let changes: Vec<Value> = edit
            .iter()
            .map(|c| make_change(&mut text, c, utf8))
            .collect();
        version += 1;
        edited.change(&name, version, json!(changes)).await;
    }
    let diagnostics = edited.diagnostics(&name, version).await;
    let got = annotations(edited, &name, &text).await;

    let expected_diagnostics = fresh.open_text(&name, &text, 1).await;
    let expected = annotations(fresh, &name, &text).await;

    let root = |s: &Session| uri(&s.root);
    let normal = |v: &Value, s: &Session| -> Value {
        serde_json::from_str(&v.to_string().replace(&root(s), "ROOT")).unwrap()
    };
    prop_assert_eq!(
        normal(&diagnostics, edited),
        normal(&expected_diagnostics, fresh),
        "diagnostics of {:?}",
        text
    );
    prop_assert_eq!(
        normal(&got, edited),
        normal(&expected, fresh),
        "annotations of {:?}",
        text
    );
    round_trips(&text, &got, utf8)?;
    round_trips(&text, &json!({"d": diagnostics}), utf8)?;

    for s in [edited, fresh] {
        s.client
            .notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": s.uri(&name)}}),
            )
            .await;
    }
    Ok(())
}

fn corpus(dir: &Path) {
    write_corpus(dir);
    std::fs::create_dir_all(dir.join(".drafts")).unwrap();
}

#[test]
fn incremental_edits_give_what_a_fresh_analysis_of_the_final_text_gives() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32);
    for utf8 in [false, true] {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        corpus(a.path());
        corpus(b.path());
        let sessions = runtime.block_on(async {
            (
                start(a.path(), utf8, json!({})).await,
                start(b.path(), utf8, json!({})).await,
            )
        });
        let sessions = RefCell::new(sessions);
        let count = RefCell::new(0usize);
        let config = Config {
            cases,
            failure_persistence: None,
            max_shrink_iters: 300,
            ..Config::default()
        };
        let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
        let mut runner = TestRunner::new_with_rng(config, rng);
        let result = runner.run(&case(), |case| {
            let mut sessions = sessions.borrow_mut();
            let (edited, fresh) = &mut *sessions;
            let n = {
                let mut c = count.borrow_mut();
                *c += 1;
                *c
            };
            runtime.block_on(check(edited, fresh, n, &case))
        });
        if let Err(e) = result {
            panic!("{} positions: {e}", if utf8 { "UTF-8" } else { "UTF-16" });
        }
    }
}
