//! Edits: incremental changes in the middle of accented text, in both encodings; long
//! sequences where each edit depends on the one before; code actions that change the
//! corpus's knowledge base; a KB file with errors while it is being typed.

mod common;

use common::*;
use serde_json::{Value, json};

/// Applies an LSP change to a local copy of the text, as the server must.
fn apply(text: &mut String, range: &Value, new_text: &str, utf8: bool) {
    let start = offset(text, &range["start"], utf8);
    let end = offset(text, &range["end"], utf8);
    text.replace_range(start..end, new_text);
}

/// Asserts that the server highlights each of `expected` in `name`, whose text is `text`.
async fn assert_highlighted(s: &Session, name: &str, text: &str, expected: &[&str]) {
    let names = s.highlighted(name, text).await;
    for expected in expected {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected:?} in {names:?} (UTF-8: {}): {text}",
            s.utf8
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_in_the_middle_of_accented_text_in_both_encodings() {
    for utf8 in [false, true] {
        let (_dir, mut s) = session(utf8, json!({})).await;
        let name = "new.txt";
        // Accents, typographic apostrophes and quotes, an emoji, CRLF line ends.
        let mut text = String::from(
            " date 2021-04\r\nÀ l’aube 🚨, les habitants de Tell Semaan ont vu arriver l’armée.\r\n\r\n« Rien n’a changé », dit Mme Noura Khatib.\r\n",
        );
        s.open_text(name, &text, 1).await;
        let edits: &[(&str, usize, usize, &str)] = &[
            // (anchor, chars into it, chars to delete, new text)
            ("Tell Semaan", 11, 0, " et d’Alep"),
            ("🚨", 0, 1, "⚠️"),
            ("l’armée", 2, 5, "Forces de défense du Nord (FDN)"),
            ("Noura", 0, 0, "Leïla "),
            ("« Rien", 0, 0, "Quelque 300 familles ont fui.\r\n"),
        ];
        for (version, (anchor, into, delete, insert)) in edits.iter().enumerate() {
            let start = s.pos(&text, anchor, *into);
            let start_offset = offset(&text, &start, utf8);
            let end_offset = text[start_offset..]
                .char_indices()
                .nth(*delete)
                .map_or(text.len(), |(i, _)| start_offset + i);
            let end = position(&text, end_offset, utf8);
            let range = json!({"start": start, "end": end});
            apply(&mut text, &range, insert, utf8);
            let version = version as i64 + 2;
            s.change(name, version, json!([{"range": range, "text": insert}]))
                .await;
            s.diagnostics(name, version).await;
        }
        assert!(text.contains("Tell Semaan et d’Alep"), "{text}");
        assert_highlighted(
            &s,
            name,
            &text,
            &[
                "Tell Semaan",
                "Alep",
                "Forces de défense du Nord",
                "FDN",
                "Leïla Noura Khatib",
                "Quelque 300 familles",
            ],
        )
        .await;
        // A hover at the very end of the last name, after the emoji and CRLFs.
        let hover = s
            .request("textDocument/hover", s.at(name, &text, "Khatib", 6))
            .await;
        assert_eq!(covered(&text, &hover["range"], utf8), "Leïla Noura Khatib");
    }
}

/// A request sent right after a change answers for the changed text, even when the
/// change has not been applied yet when the request arrives (editors ask for semantic
/// tokens at once and do not ask again).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_right_after_a_change_sees_the_change() {
    let (_dir, mut s) = session(false, json!({"debounceMs": 0})).await;
    let name = "fresh.txt";
    let mut text = String::from(" date 2021-05\nLes habitants attendent.\n");
    s.open_text(name, &text, 1).await;
    for (i, place) in ["Alep", "Raqqa", "Tell Semaan", "Hajine"]
        .iter()
        .enumerate()
    {
        let at = position(&text, text.len(), false);
        let insert = format!("Une délégation est arrivée à {place}.\n");
        let range = json!({"start": at, "end": at});
        apply(&mut text, &range, &insert, false);
        s.change(
            name,
            i as i64 + 2,
            json!([{"range": range, "text": insert}]),
        )
        .await;
        // At once, no waiting for diagnostics.
        assert_highlighted(&s, name, &text, &[place]).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_dependent_edits_ends_in_the_right_state() {
    for debounce in [0, 30] {
        let (_dir, mut s) = session(false, json!({"debounceMs": debounce})).await;
        let name = "burst.txt";
        let mut text = String::from(" date 2021-05\nLes habitants de Tell Semaan.\n");
        s.open_text(name, &text, 1).await;
        // Each edit inserts a word where the previous one ended: applied out of order,
        // the text would be garbled.
        let words = [
            "Le",
            " colonel",
            " Yassine",
            " Harbi",
            " a",
            " rencontré",
            " à",
            " Alep",
            " les",
            " Forces",
            " de",
            " défense",
            " du",
            " Nord",
            " (FDN)",
            " et",
            " l’élu",
            " Karim",
            " Haddad",
            ".",
        ];
        let mut at = position(&text, text.len() - 1, false);
        for (i, w) in words.iter().enumerate() {
            let range = json!({"start": at, "end": at});
            apply(&mut text, &range, w, false);
            s.change(name, i as i64 + 2, json!([{"range": range, "text": w}]))
                .await;
            let end = offset(&text, &at, false) + w.len();
            at = position(&text, end, false);
        }
        let last = words.len() as i64 + 1;
        s.diagnostics(name, last).await;
        // Published versions never go back.
        let versions: Vec<i64> = s
            .client
            .drain()
            .iter()
            .filter(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == s.uri(name)
            })
            .filter_map(|m| m["params"]["version"].as_i64())
            .collect();
        assert!(versions.iter().all(|&v| v <= last), "{versions:?}");
        assert_highlighted(
            &s,
            name,
            &text,
            &[
                "Yassine Harbi",
                "Alep",
                "Forces de défense du Nord",
                "FDN",
                "Karim Haddad",
            ],
        )
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_actions_fix_spellings_and_add_names_to_the_kb() {
    let (_dir, mut s) = session(false, json!({})).await;
    let name = "a1-tell-semaan.txt";
    let text = std::fs::read_to_string(s.path(name)).unwrap();
    let diagnostics = s.open(name).await;
    let variant = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "variant-spelling")
        .unwrap()
        .clone();
    let actions = s
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": s.uri(name)}, "range": variant["range"],
                   "context": {"diagnostics": [variant], "only": ["quickfix"]}}),
        )
        .await;
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["title"], "Write «Deir es-Zor»");
    let edit = &fix["edit"]["changes"][s.uri(name)][0];
    assert_eq!(covered(&text, &edit["range"], false), "Deir es-zor");
    assert_eq!(edit["newText"], "Deir es-Zor");

    // A name no list knows: its entry goes into the corpus's KB folder.
    let at = s.pos(&text, "Yassine Harbi", 3);
    let actions = s
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": s.uri(name)}, "range": {"start": at, "end": at},
                   "context": {"diagnostics": []}}),
        )
        .await;
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "refactor.glose.addToKnowledgeBase")
        .expect("an action to add the name");
    assert_eq!(
        add["title"],
        "Add «Yassine Harbi» to the knowledge base as PER"
    );
    let ops = add["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    let target = ops[0]["uri"].as_str().unwrap();
    assert!(target.ends_with("/kb/added.toml"), "{target}");
    let entry = ops[1]["edits"][0]["newText"].as_str().unwrap();
    assert_eq!(
        entry,
        "[[entity]]\nid = \"yassine-harbi\"\ntype = \"PER\"\nname = \"Yassine Harbi\"\n"
    );
    // The client applies it; the watcher reports it; the name is now in the KB.
    std::fs::write(s.path("kb/added.toml"), entry).unwrap();
    s.client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": target, "type": 1}]}),
        )
        .await;
    s.client.progress_end(TIMEOUT).await.expect("indexed again");
    let hover = s
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": s.uri(name)}, "position": at}),
        )
        .await;
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.contains("knowledge base: `yassine-harbi`"), "{card}");
    let def = s
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": s.uri(name)}, "position": at}),
        )
        .await;
    assert_eq!(def["uri"], target);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kb_file_with_errors_while_typing_keeps_the_last_good_kb() {
    let (_dir, mut s) = session(false, json!({})).await;
    let kb = "kb/entities.toml";
    let clean = s.open(kb).await;
    assert_eq!(clean, json!([]));
    // Half-typed: a string left open on line 3.
    let broken = format!("{KB}\n[[entity]]\nid = \"x\ntype = \"PER\"\n");
    s.change(kb, 2, json!([{"text": broken}])).await;
    let diagnostics = s.diagnostics(kb, 2).await;
    let d = &diagnostics[0];
    assert_eq!(d["severity"], 1, "{diagnostics:#}");
    assert_eq!(d["range"]["start"]["line"], KB.lines().count() + 2, "{d:#}");
    // Saved with the error: the last good KB stays in use.
    std::fs::write(s.path(kb), &broken).unwrap();
    s.client
        .notify("textDocument/didSave", s.document(kb))
        .await;
    let name = "a1-tell-semaan.txt";
    let text = std::fs::read_to_string(s.path(name)).unwrap();
    s.open(name).await;
    let hover = s
        .request("textDocument/hover", s.at(name, &text, "Tell Semaan", 1))
        .await;
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.contains("Village (entité d'exemple)."), "{card}");
    // Fixed: no more diagnostics.
    s.change(kb, 3, json!([{"text": KB}])).await;
    let fixed = s.diagnostics(kb, 3).await;
    assert_eq!(fixed, json!([]));
}
