//! Every feature of the server, end to end over an in-memory pipe, on a corpus written
//! for these tests, in both position encodings.

mod common;

use common::*;
use serde_json::{Value, json};

fn text_of(name: &str) -> &'static str {
    ARTICLES.iter().find(|(n, _)| *n == name).unwrap().1
}

/// A session on the test corpus with the article `name` open; the text of the article.
async fn opened(utf8: bool, name: &str) -> (tempfile::TempDir, Session, &'static str) {
    let (dir, mut s) = session(utf8, json!({})).await;
    s.open(name).await;
    (dir, s, text_of(name))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn capabilities_are_what_is_implemented() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let client = connect(glose_lsp::Options::default());
    let init = client
        .request(
            "initialize",
            json!({"processId": null, "rootUri": uri(dir.path()), "capabilities": {}}),
        )
        .await
        .unwrap();
    insta::assert_json_snapshot!("capabilities", init);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_cards_in_both_encodings() {
    for utf8 in [false, true] {
        let name = "a1-tell-semaan.txt";
        let (_dir, s, text) = opened(utf8, name).await;
        let mut cards = Vec::new();
        for (needle, shift) in [
            ("Forces de défense", 3),
            ("FDN)", 1),
            ("Tell Semaan,", 2),
            ("Yassine Harbi", 9),
            ("Liwa al-Fajr", 5),
            ("12 mars 2021", 4),
            ("400 combattants", 5),
            ("contrôlons", 2),
        ] {
            let hover = s
                .request("textDocument/hover", s.at(name, text, needle, shift))
                .await;
            assert!(!hover.is_null(), "no hover at {needle:?}");
            let under = covered(text, &hover["range"], utf8);
            cards.push(json!({
                "at": needle,
                "range covers": under,
                "markdown": hover["contents"]["value"],
            }));
        }
        insta::assert_json_snapshot!("hover_cards", cards);
    }
}

/// Diagnostics without the parts that depend on where the corpus lies.
fn portable(diagnostics: &Value, root: &str) -> Value {
    let text = serde_json::to_string(diagnostics)
        .unwrap()
        .replace(root, "ROOT");
    serde_json::from_str(&text).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_from_taggers_and_from_the_corpus() {
    let (_dir, mut s) = session(false, json!({})).await;
    let name = "a1-tell-semaan.txt";
    let diagnostics = s.open(name).await;
    let root = uri(&s.root);
    let codes: Vec<&str> = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"variant-spelling"), "{diagnostics:#}");
    assert!(codes.contains(&"figure-disagreement"), "{diagnostics:#}");
    // The figure of the other article, with where it is.
    let figure = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "figure-disagreement")
        .unwrap();
    let related = &figure["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], s.uri("a2-liwa-al-fajr.txt"));
    assert_eq!(
        covered(
            text_of("a2-liwa-al-fajr.txt"),
            &related["location"]["range"],
            false
        ),
        "600 combattants"
    );
    insta::assert_json_snapshot!("diagnostics_a1", portable(&diagnostics, &root));
    // The other article gets the same remark, pointing back.
    let other = s.open("a2-liwa-al-fajr.txt").await;
    let back = other
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "figure-disagreement")
        .expect("the other article has it too");
    assert_eq!(
        back["relatedInformation"][0]["location"]["uri"],
        s.uri(name)
    );
    // An anonymous source is an information.
    let third = s.open("a3-raqqa.txt").await;
    assert!(
        third
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "anonymous-source" && d["severity"] == 3),
        "{third:#}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_and_references_across_the_corpus() {
    for utf8 in [false, true] {
        let name = "a2-liwa-al-fajr.txt";
        let (_dir, s, text) = opened(utf8, name).await;
        let at = |needle| s.at(name, text, needle, 1);
        // An entity of the corpus's KB: its entry in the KB file.
        let def = s.request("textDocument/definition", at("FDN")).await;
        assert_eq!(def["uri"], s.uri("kb/entities.toml"));
        assert_eq!(def["range"]["start"]["line"], 0);
        // A name no list knows: its first mention, in the earliest article that has it.
        let def = s.request("textDocument/definition", at("Yassine")).await;
        assert_eq!(def["uri"], s.uri("a1-tell-semaan.txt"));
        assert_eq!(
            covered(text_of("a1-tell-semaan.txt"), &def["range"], utf8),
            "Yassine Harbi"
        );
        // Every mention, in every article, and the KB entry.
        let refs = s
            .request(
                "textDocument/references",
                json!({"textDocument": {"uri": s.uri(name)}, "position": s.pos(text, "FDN", 0),
                       "context": {"includeDeclaration": true}}),
            )
            .await;
        let mut found: Vec<(String, String)> = refs
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                let file = l["uri"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned();
                let text = if file.ends_with(".toml") {
                    "(KB entry)".to_owned()
                } else {
                    covered(text_of(&file), &l["range"], utf8).to_owned()
                };
                (file, text)
            })
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                ("a1-tell-semaan.txt".into(), "FDN".into()),
                ("a1-tell-semaan.txt".into(), "FDN".into()),
                (
                    "a1-tell-semaan.txt".into(),
                    "Forces de défense du Nord".into()
                ),
                ("a2-liwa-al-fajr.txt".into(), "FDN".into()),
                ("entities.toml".into(), "(KB entry)".into()),
            ]
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outline_workspace_symbols_and_entities() {
    let (_dir, mut s) = session(false, json!({})).await;
    let name = "a1-tell-semaan.txt";
    s.open(name).await;
    let outline = s
        .request("textDocument/documentSymbol", s.document(name))
        .await;
    // Names and details only: ranges are checked elsewhere.
    fn names(symbols: &Value) -> Value {
        Value::Array(
            symbols
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    let mut out = json!({"name": s["name"], "kind": s["kind"]});
                    if !s["detail"].is_null() {
                        out["detail"] = s["detail"].clone();
                    }
                    if let Some(children) = s.get("children").filter(|c| !c.is_null()) {
                        out["children"] = names(children);
                    }
                    out
                })
                .collect(),
        )
    }
    insta::assert_json_snapshot!("outline_a1", names(&outline));

    let symbols = s
        .request("workspace/symbol", json!({"query": "harbi"}))
        .await;
    let symbols = symbols.as_array().unwrap();
    assert_eq!(symbols.len(), 1, "{symbols:#?}");
    assert_eq!(symbols[0]["name"], "Yassine Harbi");
    assert_eq!(symbols[0]["location"]["uri"], s.uri("a1-tell-semaan.txt"));

    let entities = s.request("glose/entities", json!({"label": "ORG"})).await;
    let list: Vec<Value> = entities
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            json!([
                e["name"],
                e["mentions"],
                e["documents"],
                e["inKb"],
                e["first"]
            ])
        })
        .collect();
    insta::assert_json_snapshot!("entities_org", list);
    let status = s.request("glose/status", json!(null)).await;
    assert_eq!(status[0]["indexed"], true);
    assert_eq!(status[0]["articles"], 3);
}

/// Decodes semantic tokens into (text, type, modifiers), with the legend the server
/// announced (the capabilities snapshot pins it).
fn decode(s: &Session, text: &str, data: &Value) -> Vec<(String, String, u64)> {
    let types = &s.capabilities["semanticTokensProvider"]["legend"]["tokenTypes"];
    semantic_tokens(data)
        .iter()
        .map(|t| {
            let piece = covered(text, &t.range, s.utf8);
            (
                piece.to_owned(),
                types[t.kind as usize].as_str().unwrap().to_owned(),
                t.modifiers,
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn semantic_tokens_full_and_range_in_both_encodings() {
    let mut all = Vec::new();
    for utf8 in [false, true] {
        let name = "a1-tell-semaan.txt";
        let (_dir, s, text) = opened(utf8, name).await;
        let full = s
            .request("textDocument/semanticTokens/full", s.document(name))
            .await;
        let tokens = decode(&s, text, &full["data"]);
        // The line of the quote only.
        let range = s
            .request("textDocument/semanticTokens/range", s.lines(name, 3, 4))
            .await;
        let line = decode(&s, text, &range["data"]);
        assert!(!line.is_empty() && line.iter().all(|t| tokens.contains(t)));
        assert!(line.iter().any(|(_, kind, _)| kind == "quote"));
        all.push(tokens);
    }
    assert_eq!(all[0], all[1], "the same tokens in UTF-16 and UTF-8");
    insta::assert_json_snapshot!("tokens_a1", all[0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inlay_hints_name_what_acronyms_stand_for() {
    let name = "a2-liwa-al-fajr.txt";
    let (_dir, s, text) = opened(false, name).await;
    let hints = s
        .request("textDocument/inlayHint", s.lines(name, 0, 9))
        .await;
    let hints: Vec<(String, Value)> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let at = offset(text, &h["position"], false);
            (
                text[..at]
                    .chars()
                    .rev()
                    .take(3)
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect(),
                h["label"].clone(),
            )
        })
        .collect();
    assert!(
        hints.contains(&("FDN".to_owned(), json!("(Forces de défense du Nord)"))),
        "{hints:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_folders_added_and_removed() {
    let (_dir, mut s) = session(false, json!({})).await;
    let other = tempfile::tempdir().unwrap();
    std::fs::write(
        other.path().join("b.txt"),
        " date 2021-06\nLe colonel Yassine Harbi est arrivé à Alep.\n",
    )
    .unwrap();
    let other_root = std::fs::canonicalize(other.path()).unwrap();
    s.client
        .notify(
            "workspace/didChangeWorkspaceFolders",
            json!({"event": {"added": [{"uri": uri(&other_root), "name": "b"}], "removed": []}}),
        )
        .await;
    s.client
        .progress_end(TIMEOUT)
        .await
        .expect("the new folder is indexed");
    let status = s.request("glose/status", json!(null)).await;
    assert_eq!(status.as_array().unwrap().len(), 2, "{status}");
    // Its entities are listed with the others.
    let harbi = s
        .request("glose/entities", json!({"query": "yassine harbi"}))
        .await;
    let documents: u64 = harbi
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["documents"].as_u64().unwrap())
        .sum();
    assert_eq!(documents, 3, "{harbi}");
    s.client
        .notify(
            "workspace/didChangeWorkspaceFolders",
            json!({"event": {"added": [], "removed": [{"uri": uri(&other_root), "name": "b"}]}}),
        )
        .await;
    let status = s.request("glose/status", json!(null)).await;
    assert_eq!(status.as_array().unwrap().len(), 1, "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_opened_outside_the_workspace_folders_makes_its_folder_one() {
    let (_dir, mut s) = session(false, json!({})).await;
    let other = tempfile::tempdir().unwrap();
    let other_root = std::fs::canonicalize(other.path()).unwrap();
    // A folder with its own KB, which only its engine knows.
    std::fs::create_dir_all(other_root.join("kb")).unwrap();
    std::fs::write(other_root.join("glose.toml"), CONFIG).unwrap();
    let kb = "[[entity]]\nid = \"qasr-nadim\"\ntype = \"LOC\"\nname = \"Qasr Nadim\"\ndescription = \"Hameau (entité d'exemple).\"\n";
    std::fs::write(other_root.join("kb/places.toml"), kb).unwrap();
    let text = " date 2021-06\nLe colonel Yassine Harbi est arrivé à Qasr Nadim.\n";
    std::fs::write(other_root.join("b.txt"), text).unwrap();
    let article = uri(&other_root.join("b.txt"));
    // Opened, edited and asked about at once, before its folder can have loaded.
    s.client
        .notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": article, "languageId": "plaintext", "version": 1, "text": text}}),
        )
        .await;
    let edited = text.replace("arrivé", "arrivé jeudi");
    s.client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": article, "version": 2},
                   "contentChanges": [{"text": edited}]}),
        )
        .await;
    let hover = s
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": article}, "position": s.pos(&edited, "Qasr Nadim", 2)}),
        )
        .await;
    let card = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(card.contains("Hameau (entité d'exemple)."), "{hover}");
    s.client
        .diagnostics(&article, Some(2), TIMEOUT)
        .await
        .expect("the diagnostics of the edited article");
    let status = s.request("glose/status", json!(null)).await;
    assert_eq!(status.as_array().unwrap().len(), 2, "{status}");
    // A KB file of that folder, opened, is one: its errors are those of the buffer.
    let kb_uri = uri(&other_root.join("kb/places.toml"));
    let broken = format!("{kb}\n[[entity]]\nid = \"x\ntype = \"PER\"\n");
    let diagnostics = s
        .client
        .open(&kb_uri, "toml", 1, &broken, TIMEOUT)
        .await
        .unwrap();
    assert_eq!(diagnostics[0]["severity"], 1, "{diagnostics:#}");
    assert_eq!(
        diagnostics[0]["range"]["start"]["line"],
        kb.lines().count() + 2,
        "{diagnostics:#}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_from_the_editor_requests_for_mentions_and_reindexing() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    // A KB that glose.toml does not name, given by the editor's settings.
    std::fs::create_dir_all(dir.path().join("extra")).unwrap();
    std::fs::write(
        dir.path().join("extra/people.toml"),
        "[[entity]]\nid = \"yassine-harbi\"\ntype = \"PER\"\nname = \"Yassine Harbi\"\ndescription = \"Colonel (entité d'exemple).\"\n",
    )
    .unwrap();
    let mut s = start(
        dir.path(),
        false,
        json!({"kb": ["extra/people.toml"], "diagnostics": {"level": "warning"}}),
    )
    .await;
    let name = "a1-tell-semaan.txt";
    let text = text_of(name);
    // Hints and informations are below the level asked for.
    let diagnostics = s.open(name).await;
    assert_eq!(diagnostics, json!([]));
    let at = s.at(name, text, "Yassine", 2);
    let hover = s.request("textDocument/hover", at.clone()).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Colonel (entité d'exemple)."),
        "{hover}"
    );
    // Every mention of an entity by its id, and its KB entry.
    let mentions = s
        .request("glose/mentions", json!({"id": "yassine-harbi"}))
        .await;
    let files: Vec<&str> = mentions
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uri"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        files,
        ["people.toml", "a1-tell-semaan.txt", "a2-liwa-al-fajr.txt"]
    );
    // Settings changed: all levels again, the extra KB gone.
    s.client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"glose": {"kb": [], "diagnostics": {"level": "hint"}}}}),
        )
        .await;
    s.client
        .progress_end(TIMEOUT)
        .await
        .expect("indexed again with the new settings");
    // (Publications made at the old level may still be queued, from the indexing that
    // followed the opening: the one made at the new level has hints.)
    let hints = |d: &Value| d.as_array().unwrap().iter().any(|d| d["severity"] == 4);
    let mut diagnostics = s.diagnostics(name, 1).await;
    for _ in 0..5 {
        if hints(&diagnostics) {
            break;
        }
        diagnostics = s.diagnostics(name, 1).await;
    }
    assert!(hints(&diagnostics), "{diagnostics}");
    let hover = s.request("textDocument/hover", at).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("not in the knowledge base"),
        "{hover}"
    );
    // An empty change of settings changes nothing.
    s.client
        .notify("workspace/didChangeConfiguration", json!({"settings": {}}))
        .await;
    // Reindexing on request.
    s.request("glose/reindex", json!(null)).await;
    s.client
        .progress_end(TIMEOUT)
        .await
        .expect("indexed again on request");
    let status = s.request("glose/status", json!(null)).await;
    assert_eq!(status[0]["articles"], 3);
}

/// Loads end in any order, but the settings given last are the ones in use: a large KB
/// asked for and dropped at once (its load is the slower) never comes back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_settings_given_last_win_over_a_slower_load() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut kb = String::from(
        "[[entity]]\nid = \"yassine-harbi\"\ntype = \"PER\"\nname = \"Yassine Harbi\"\n",
    );
    for i in 0..20_000 {
        kb.push_str(&format!(
            "[[entity]]\nid = \"p{i}\"\ntype = \"PER\"\nname = \"Personne Numéro{i}\"\n"
        ));
    }
    std::fs::create_dir_all(dir.path().join("extra")).unwrap();
    std::fs::write(dir.path().join("extra/people.toml"), kb).unwrap();
    let s = start(dir.path(), false, json!({"kb": []})).await;
    let known = || async {
        let found = s
            .request("glose/entities", json!({"query": "Yassine", "limit": 50}))
            .await;
        found
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == "yassine-harbi")
    };
    // Each load reads the settings when it starts: the large KB's is under way when
    // the empty one is asked for.
    for _ in 0..3 {
        for kb in [json!(["extra/people.toml"]), json!([])] {
            s.client
                .notify(
                    "workspace/didChangeConfiguration",
                    json!({"settings": {"glose": {"kb": kb}}}),
                )
                .await;
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    // Every load asked for has ended, and the indexing behind the last one.
    let deadline = std::time::Instant::now() + TIMEOUT;
    let mut idle = 0;
    while idle < 2 {
        assert!(std::time::Instant::now() < deadline, "still busy");
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        let status = s.request("glose/status", json!(null)).await;
        idle = if status[0]["busy"] == false {
            idle + 1
        } else {
            0
        };
    }
    assert!(!known().await, "the KB dropped last is in use again");
}

/// The learned tagger sees the same tokens, and decides the same names, in the server
/// as on the command line (both assemble the corpus's tagger set the same way).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_and_the_command_line_find_the_same_names() {
    let (dir, mut s) = session(false, json!({})).await;
    let name = "a4-vendralis.txt";
    let text = "La société Vendralis, installée à Quimperlé, a recruté Jeanne Ortolan.\n\
                \n\
                « Nous restons à Quimperlé », a assuré Mme Ortolan devant le conseil \
                municipal présidé par Loïc Gourvennec.\n";
    std::fs::write(dir.path().join(name), text).unwrap();
    s.open(name).await;
    let outline = s
        .request("textDocument/documentSymbol", s.document(name))
        .await;
    let mut from_server = std::collections::BTreeSet::new();
    for group in outline.as_array().unwrap() {
        let label = match group["name"].as_str().unwrap().split(' ').next().unwrap() {
            "person" => "PER",
            "organisation" => "ORG",
            "place" => "LOC",
            _ => continue,
        };
        for entity in group["children"].as_array().unwrap() {
            for mention in entity["children"].as_array().unwrap() {
                let text = covered(text, &mention["range"], false);
                from_server.insert((label.to_owned(), text.to_owned()));
            }
        }
    }
    let config = glose_core::corpus::Config::load(&dir.path().join("glose.toml")).unwrap();
    let assembly = glose_taggers::assemble(&config, &glose_taggers::Extra::default()).unwrap();
    assert!(assembly.pipeline.taggers().any(|t| t.name() == "ner"));
    let doc = glose_core::Document::new(name, text).unwrap();
    let from_cli: std::collections::BTreeSet<(String, String)> = assembly
        .pipeline
        .run(&doc)
        .resolved()
        .filter(|a| ["PER", "ORG", "LOC"].contains(&a.label.as_str()))
        .map(|a| (a.label.as_str().to_owned(), a.text(text).to_owned()))
        .collect();
    assert_eq!(from_server, from_cli);
    assert!(
        from_cli.contains(&("ORG".to_owned(), "Vendralis".to_owned())),
        "{from_cli:?}"
    );
}

/// An article of our own with quotes of named speakers, written beside the test corpus
/// by the tests of quotes (the other tests keep the corpus of three articles).
const QUOTES: (&str, &str) = (
    "a4-quimperle.txt",
    " date 2021-04\n\
« Nous restons à Quimperlé », a assuré Jeanne Ortolan devant le conseil municipal.\n\
\n\
Le maire, Loïc Gourvennec, a salué la décision. « C'est une bonne nouvelle pour la ville », a-t-il déclaré.\n\
\n\
« Rien n'est encore signé », a prévenu Jeanne Ortolan.\n\
\n\
« La route du sud restera ouverte », a affirmé le colonel Yassine Harbi.\n",
);

/// A session on the test corpus with [`QUOTES`] beside its articles.
async fn session_with_quotes(utf8: bool) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    std::fs::write(dir.path().join(QUOTES.0), QUOTES.1).unwrap();
    let s = start(dir.path(), utf8, json!({})).await;
    (dir, s)
}

fn article_text(name: &str) -> &'static str {
    if name == QUOTES.0 {
        QUOTES.1
    } else {
        text_of(name)
    }
}

/// What a list of quotes says, without positions: the article, the text the range
/// covers (which must be the quote's text), the speaker and the rest.
fn quote_rows(quotes: &Value, utf8: bool) -> Vec<Value> {
    quotes
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let file = q["uri"].as_str().unwrap().rsplit('/').next().unwrap();
            let text = article_text(file);
            assert_eq!(covered(text, &q["range"], utf8), q["text"], "{q:#}");
            // Where the article names the speaker, when the tagger says.
            if !q["speakerRange"].is_null() {
                let named = covered(text, &q["speakerRange"], utf8);
                assert!(
                    q["speaker"].as_str().unwrap().ends_with(named)
                        || named.ends_with(q["speaker"].as_str().unwrap()),
                    "{named:?} for {q:#}"
                );
            }
            json!([
                file,
                q["text"],
                q["speaker"],
                q["speakerEntity"],
                q["verb"],
                q["anonymous"]
            ])
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotes_of_the_corpus_of_a_speaker_and_of_an_article() {
    let mut rows = Vec::new();
    for utf8 in [false, true] {
        let (_dir, s) = session_with_quotes(utf8).await;
        // No parameters: every quote of the corpus, by article then position.
        let all = s.request("glose/quotes", json!(null)).await;
        let all = quote_rows(&all, utf8);
        assert_eq!(
            all,
            quote_rows(&s.request("glose/quotes", json!({})).await, utf8)
        );
        // One speaker, across the corpus: the colonel in two articles.
        let harbi = s
            .request("glose/quotes", json!({"entity": "~per:yassine-harbi"}))
            .await;
        let harbi = quote_rows(&harbi, utf8);
        assert_eq!(
            harbi
                .iter()
                .map(|r| (r[0].as_str().unwrap(), r[1].as_str().unwrap()))
                .collect::<Vec<_>>(),
            [
                (
                    "a1-tell-semaan.txt",
                    "« Nous contrôlons désormais la route du sud »"
                ),
                ("a4-quimperle.txt", "« La route du sud restera ouverte »"),
            ]
        );
        // One article: its quotes in their order.
        let article = s
            .request("glose/quotes", json!({"uri": s.uri(QUOTES.0)}))
            .await;
        let article = quote_rows(&article, utf8);
        let in_all: Vec<&Value> = all.iter().filter(|r| r[0] == QUOTES.0).collect();
        assert_eq!(article.iter().collect::<Vec<_>>(), in_all);
        assert_eq!(article.len(), 4, "{article:#?}");
        // One speaker in one article.
        let ortolan = s
            .request(
                "glose/quotes",
                json!({"uri": s.uri(QUOTES.0), "entity": "~per:jeanne-ortolan"}),
            )
            .await;
        let ortolan = quote_rows(&ortolan, utf8);
        assert_eq!(ortolan.len(), 2, "{ortolan:#?}");
        // The person named at a position: her quotes across the corpus.
        let at_name = s
            .request(
                "glose/quotes",
                json!({"uri": s.uri(QUOTES.0), "position": s.pos(QUOTES.1, "Jeanne Ortolan", 3)}),
            )
            .await;
        assert_eq!(quote_rows(&at_name, utf8), ortolan);
        // A position on no name: no speaker, no quote.
        let nowhere = s
            .request(
                "glose/quotes",
                json!({"uri": s.uri(QUOTES.0), "position": s.pos(QUOTES.1, "conseil", 2)}),
            )
            .await;
        assert_eq!(nowhere, json!([]));
        // An entity that said nothing.
        let silent = s.request("glose/quotes", json!({"entity": "fdn"})).await;
        assert_eq!(silent, json!([]));
        rows.push(all);
    }
    assert_eq!(rows[0], rows[1], "the same quotes in UTF-16 and UTF-8");
    insta::assert_json_snapshot!("quotes_corpus", rows[0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotes_of_an_open_article_as_the_editor_has_it() {
    let (_dir, mut s) = session_with_quotes(false).await;
    s.open(QUOTES.0).await;
    // A quote of the colonel typed at the end, not saved.
    let end = position(QUOTES.1, QUOTES.1.len(), false);
    let typed = "\n« Personne ne quittera la vallée », a déclaré Yassine Harbi.\n";
    s.change(
        QUOTES.0,
        2,
        json!([{"range": {"start": end, "end": end}, "text": typed}]),
    )
    .await;
    s.diagnostics(QUOTES.0, 2).await;
    let harbi = s
        .request("glose/quotes", json!({"entity": "~per:yassine-harbi"}))
        .await;
    let texts: Vec<&str> = harbi
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "« Nous contrôlons désormais la route du sud »",
            "« La route du sud restera ouverte »",
            "« Personne ne quittera la vallée »",
        ]
    );
    let edited = format!("{}{typed}", QUOTES.1);
    let last = &harbi[2];
    assert_eq!(
        covered(&edited, &last["range"], false),
        "« Personne ne quittera la vallée »"
    );
    let article = s
        .request("glose/quotes", json!({"uri": s.uri(QUOTES.0)}))
        .await;
    assert_eq!(article.as_array().unwrap().len(), 5, "{article:#}");
    // The hover card of the colonel counts it too.
    let hover = s
        .request(
            "textDocument/hover",
            s.at(QUOTES.0, &edited, "Yassine Harbi.\n", 2),
        )
        .await;
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.contains("**3 quotes** in 2 articles"), "{card}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotes_requests_with_bad_parameters_are_refused() {
    let (_dir, s) = session(false, json!({})).await;
    for params in [
        json!({"position": {"line": 0, "character": 0}}),
        json!({"uri": s.uri("a1-tell-semaan.txt"), "entity": "fdn",
               "position": {"line": 0, "character": 0}}),
        json!({"uri": s.uri("nowhere.txt")}),
        json!({"speaker": "Yassine Harbi"}),
        json!({"uri": 3}),
    ] {
        let error = s
            .client
            .request("glose/quotes", params.clone())
            .await
            .expect_err("an error");
        assert_eq!(error["code"], -32602, "{params}: {error}");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // The server goes on.
    let all = s.request("glose/quotes", json!(null)).await;
    assert_eq!(all.as_array().unwrap().len(), 2, "{all:#}");
    // An empty list is no parameters (some Lua JSON encoders write `{}` as `[]`).
    assert_eq!(s.request("glose/quotes", json!([])).await, all);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_speaker_lists_their_quotes_across_the_corpus() {
    for utf8 in [false, true] {
        let (_dir, mut s) = session_with_quotes(utf8).await;
        s.open(QUOTES.0).await;
        let card = |hover: Value| hover["contents"]["value"].as_str().unwrap().to_owned();
        let at = |needle: &str, shift| s.at(QUOTES.0, QUOTES.1, needle, shift);
        for (speaker, quotes) in [
            (
                "Jeanne Ortolan",
                "**2 quotes** in 1 article\n\
                 - « Nous restons à Quimperlé » — *a4-quimperle.txt*\n\
                 - « Rien n'est encore signé » — *a4-quimperle.txt*",
            ),
            (
                "Yassine Harbi",
                "**2 quotes** in 2 articles\n\
                 - « Nous contrôlons désormais la route du sud » — *a1-tell-semaan.txt*\n\
                 - « La route du sud restera ouverte » — *a4-quimperle.txt*",
            ),
        ] {
            let card = card(s.request("textDocument/hover", at(speaker, 2)).await);
            assert!(card.contains(quotes), "{card}");
        }
        // A place says nothing.
        let place = card(s.request("textDocument/hover", at("Quimperlé", 2)).await);
        assert!(!place.contains("quote"), "{place}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untitled_buffer_is_annotated_with_the_default_set() {
    let (_dir, mut s) = session(false, json!({})).await;
    let uri = "untitled:Untitled-1";
    let text = "Près de 400 combattants ont quitté Raqqa le 12 mars 2021.";
    s.client
        .open(uri, "plaintext", 1, text, TIMEOUT)
        .await
        .expect("diagnostics for the untitled buffer");
    // Asked while the engine for buffers outside every folder may still be loading.
    let at = json!({"textDocument": {"uri": uri}, "position": s.pos(text, "400", 1)});
    let hover = s.request("textDocument/hover", at).await;
    let card = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(card.contains("quantity"), "{hover}");
    assert!(card.contains("combattants"), "{hover}");
}
