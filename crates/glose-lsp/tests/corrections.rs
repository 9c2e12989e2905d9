//! Corrections from the editor, end to end: each action offered where it belongs and
//! not elsewhere, applied through `workspace/executeCommand`, saved in
//! `.glose/corrections.jsonl`, and the document analysed again; undoing; a correction
//! the article lost; a second server on the same corpus; a KB reload.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};

const A1: &str = "a1-tell-semaan.txt";

/// Waits until `word` is highlighted (`present`) or not.
async fn wait_highlight(s: &Session, name: &str, text: &str, word: &str, present: bool) {
    wait_count(s, name, text, word, |n| (n > 0) == present).await;
}

/// A session on the test corpus with A1 open and analysed (its person highlighted): the
/// corpus folder, the session and A1's text.
async fn a1_analysed() -> (tempfile::TempDir, Session, String) {
    let (dir, mut s) = session(false, json!({})).await;
    let text = std::fs::read_to_string(s.path(A1)).unwrap();
    s.open(A1).await;
    wait_highlight(&s, A1, &text, "Yassine Harbi", true).await;
    (dir, s, text)
}

/// Waits until the number of times `word` is highlighted is `wanted`.
async fn wait_count(
    s: &Session,
    name: &str,
    text: &str,
    word: &str,
    wanted: impl Fn(usize) -> bool,
) {
    let started = Instant::now();
    loop {
        let names = s.highlighted(name, text).await;
        if wanted(names.iter().filter(|n| *n == word).count()) {
            return;
        }
        assert!(
            started.elapsed() < TIMEOUT,
            "{word:?} highlighted: {names:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The correction actions for `range` of `name`.
async fn actions(s: &Session, name: &str, range: Value) -> Vec<Value> {
    let all = s
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": s.uri(name)}, "range": range,
                   "context": {"diagnostics": []}}),
        )
        .await;
    all.as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "refactor.glose.correct")
        .cloned()
        .collect()
}

fn titles(actions: &[Value]) -> Vec<&str> {
    actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect()
}

fn find<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(title))
        .unwrap_or_else(|| panic!("no action {title:?} in {:?}", titles(actions)))
}

/// Runs the command of `action` as the editor does.
async fn run(s: &Session, action: &Value) {
    let command = &action["command"];
    s.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    )
    .await;
}

fn saved(s: &Session) -> Vec<Value> {
    std::fs::read_to_string(s.path(".glose/corrections.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn range(s: &Session, text: &str, needle: &str) -> Value {
    let start = s.pos(text, needle, 0);
    let end = s.pos(text, needle, needle.chars().count());
    json!({"start": start, "end": end})
}

fn cursor(s: &Session, text: &str, needle: &str) -> Value {
    let at = s.pos(text, needle, 1);
    json!({"start": at, "end": at})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actions_are_offered_applied_saved_and_undone() {
    let (_dir, mut s, text) = a1_analysed().await;

    // On a name: reject it, change its type, corpus-wide rules; nothing to tag.
    let on_name = actions(&s, A1, cursor(&s, &text, "Yassine Harbi")).await;
    let t = titles(&on_name);
    assert!(
        t.iter()
            .any(|t| t.starts_with("Not an entity: «Yassine Harbi» (PER")),
        "{t:?}"
    );
    assert!(t.contains(&"Change «Yassine Harbi» to ORG"), "{t:?}");
    assert!(t.contains(&"Change «Yassine Harbi» to LOC"), "{t:?}");
    assert!(
        t.contains(&"Never tag «Yassine Harbi» in this corpus"),
        "{t:?}"
    );
    assert!(!t.iter().any(|t| t.starts_with("Tag «")), "{t:?}");
    // On a word nothing tagged, without a selection: nothing.
    let on_word = actions(&s, A1, cursor(&s, &text, "désormais")).await;
    assert!(on_word.is_empty(), "{:?}", titles(&on_word));

    // A selection: tag it.
    let on_selection = actions(&s, A1, range(&s, &text, "route du sud")).await;
    let t = titles(&on_selection);
    assert!(t.contains(&"Tag «route du sud» as LOC"), "{t:?}");
    assert!(
        t.contains(&"Always tag «route du sud» as LOC in this corpus"),
        "{t:?}"
    );
    s.client.drain();
    run(&s, find(&on_selection, "Tag «route du sud» as LOC")).await;
    // The text did not change: the client is told to ask for its highlights again.
    for method in [
        "workspace/semanticTokens/refresh",
        "workspace/inlayHint/refresh",
    ] {
        s.client
            .wait_for(TIMEOUT, |m| m["method"] == method)
            .await
            .unwrap_or_else(|| panic!("no {method}"));
    }
    wait_highlight(&s, A1, &text, "route du sud", true).await;
    run(&s, find(&on_name, "Not an entity: «Yassine Harbi»")).await;
    wait_highlight(&s, A1, &text, "Yassine Harbi", false).await;

    // Saved beside the articles, readable, with the article's name, the text, context
    // and when.
    let lines = saved(&s);
    assert_eq!(lines.len(), 2, "{lines:?}");
    let tag = lines.iter().find(|l| l["decision"] == "tag").unwrap();
    assert_eq!(tag["file"], A1);
    assert_eq!(tag["text"], "route du sud");
    assert_eq!(tag["label"], "LOC");
    assert!(
        tag["before"]
            .as_str()
            .unwrap()
            .ends_with("contrôlons désormais la ")
    );
    assert!(tag["at"].as_str().unwrap().ends_with('Z'));
    let start = tag["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + "route du sud".len()], "route du sud");

    // The analyst's annotation offers its undo, which removes it.
    let on_tag = actions(&s, A1, cursor(&s, &text, "route du sud")).await;
    run(&s, find(&on_tag, "Undo the correction of «route du sud»")).await;
    wait_highlight(&s, A1, &text, "route du sud", false).await;
    assert_eq!(saved(&s).len(), 1);
    // A rejection leaves no annotation: its undo is offered where it was made, and so is
    // the undo of a rule for the whole corpus.
    let here = actions(&s, A1, cursor(&s, &text, "Yassine Harbi")).await;
    run(&s, find(&here, "Undo the rejection of «Yassine Harbi»")).await;
    wait_highlight(&s, A1, &text, "Yassine Harbi", true).await;
    let here = actions(&s, A1, cursor(&s, &text, "Yassine Harbi")).await;
    run(&s, find(&here, "Never tag «Yassine Harbi» in this corpus")).await;
    wait_highlight(&s, A1, &text, "Yassine Harbi", false).await;
    let here = actions(&s, A1, cursor(&s, &text, "Yassine Harbi")).await;
    run(
        &s,
        find(&here, "Undo the rule never to tag «Yassine Harbi»"),
    )
    .await;
    wait_highlight(&s, A1, &text, "Yassine Harbi", true).await;
    assert!(saved(&s).is_empty(), "{:?}", saved(&s));
    // The article's bytes were never touched.
    assert_eq!(std::fs::read_to_string(s.path(A1)).unwrap(), text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_correction_the_article_lost_is_a_diagnostic_and_can_be_forgotten() {
    let (_dir, mut s, text) = a1_analysed().await;
    let on_name = actions(&s, A1, cursor(&s, &text, "Yassine Harbi")).await;
    run(&s, find(&on_name, "Not an entity: «Yassine Harbi»")).await;
    wait_highlight(&s, A1, &text, "Yassine Harbi", false).await;
    // The name is edited away in the buffer.
    let edited = text.replace("Yassine Harbi", "Yacine Harbi");
    s.change(A1, 2, json!([{"text": edited}])).await;
    let diagnostics = s.diagnostics(A1, 2).await;
    let lost = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "correction-unplaced")
        .unwrap_or_else(|| panic!("no correction-unplaced in {diagnostics}"));
    assert!(
        lost["message"]
            .as_str()
            .unwrap()
            .contains("«Yassine Harbi» rejected"),
        "{lost}"
    );
    let start = json!({"line": 0, "character": 0});
    let here = actions(&s, A1, json!({"start": start, "end": start})).await;
    run(&s, find(&here, "Forget the corrections of this article")).await;
    assert!(saved(&s).is_empty(), "{:?}", saved(&s));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_server_and_a_kb_reload_keep_the_corrections() {
    let (dir, mut s, text) = a1_analysed().await;
    let on_name = actions(&s, A1, cursor(&s, &text, "Yassine Harbi")).await;
    run(&s, find(&on_name, "Change «Yassine Harbi» to ORG")).await;

    // Another server on the same corpus reads them at start.
    let mut other = start(dir.path(), false, json!({})).await;
    other.open(A1).await;
    let symbols = other
        .request("textDocument/documentSymbol", other.document(A1))
        .await;
    let dump = symbols.to_string();
    assert!(dump.contains("Yassine Harbi"), "{dump}");
    // It writes one too; the first server hears of it through the file watcher and
    // keeps both.
    let on_place = actions(&other, A1, cursor(&other, &text, "Tell Semaan")).await;
    run(&other, find(&on_place, "Not an entity: «Tell Semaan»")).await;
    assert_eq!(saved(&s).len(), 2, "{:?}", saved(&s));
    s.client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": s.uri(".glose/corrections.jsonl"), "type": 2}]}),
        )
        .await;
    // Rejected at its first place only.
    wait_count(&s, A1, &text, "Tell Semaan", |n| n == 1).await;

    // A KB change reloads everything: the corrections still hold.
    let kb = s.path("kb/entities.toml");
    let mut entries = std::fs::read_to_string(&kb).unwrap();
    entries.push_str("\n[[entity]]\nid = \"sana\"\ntype = \"ORG\"\nname = \"Sana\"\n");
    std::fs::write(&kb, entries).unwrap();
    s.client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": s.uri("kb/entities.toml"), "type": 2}]}),
        )
        .await;
    s.client.progress_end(TIMEOUT).await.expect("indexed again");
    wait_count(&s, A1, &text, "Tell Semaan", |n| n == 1).await;
    let hover = s
        .request("textDocument/hover", s.at(A1, &text, "Yassine Harbi", 2))
        .await;
    assert!(
        hover.to_string().contains("ORG") || hover.to_string().contains("rganisation"),
        "{hover}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_and_aliases_to_kb_entities_are_offered() {
    let (_dir, mut s) = session(false, json!({})).await;
    let name = "n1.txt";
    let text = "Les habitants du village de Semaan ont fui vers Alep. \
                Le commandant des Forces du Nord a parlé.\n";
    std::fs::write(s.path(name), text).unwrap();
    s.open(name).await;
    wait_highlight(&s, name, text, "Semaan", true).await;
    // A name sharing words with KB entities: a link to each, and an alias in the
    // corpus's KB file.
    let on_place = actions(&s, name, cursor(&s, text, "Semaan")).await;
    let link = find(&on_place, "Link «Semaan» to Tell Semaan (tell-semaan)");
    let alias = find(
        &on_place,
        "Add «Semaan» as an alias of Tell Semaan (tell-semaan)",
    );
    let edit = &alias["edit"]["changes"][s.uri("kb/entities.toml")][0];
    assert_eq!(edit["newText"], "\naliases = [\"Semaan\"]");
    let kb = std::fs::read_to_string(s.path("kb/entities.toml")).unwrap();
    assert_eq!(
        edit["range"]["start"]["line"],
        kb[..kb.find("id = \"tell-semaan\"").unwrap()]
            .lines()
            .count()
            - 1
    );
    // An entity with aliases gets the new one in its array.
    let on_org = actions(&s, name, cursor(&s, text, "Forces du Nord")).await;
    let alias = find(
        &on_org,
        "Add «Forces du Nord» as an alias of Forces de défense du Nord (fdn)",
    );
    let edit = &alias["edit"]["changes"][s.uri("kb/entities.toml")][0];
    assert_eq!(edit["newText"], "\"Forces du Nord\", ");
    let line = kb
        .lines()
        .nth(edit["range"]["start"]["line"].as_u64().unwrap() as usize)
        .unwrap();
    assert!(line.starts_with("aliases = ["), "{line}");
    // The link is a correction: the name is linked from then on.
    run(&s, link).await;
    let started = Instant::now();
    loop {
        let hover = s
            .request("textDocument/hover", s.at(name, text, "Semaan", 1))
            .await;
        if hover.to_string().contains("tell-semaan") || hover.to_string().contains("Tell Semaan") {
            break;
        }
        assert!(started.elapsed() < TIMEOUT, "{hover}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
