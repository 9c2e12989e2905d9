//! Bad input never crashes or stalls the server: positions past the end, files that
//! vanish or turn unreadable, invalid UTF-8, a 50 MB file, many files, documents it
//! does not know.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};

/// The server still answers: a hover on an article of the corpus.
async fn alive(s: &Session) {
    let name = "a1-tell-semaan.txt";
    let text = std::fs::read_to_string(s.path(name)).unwrap();
    let hover = s
        .request("textDocument/hover", s.at(name, &text, "FDN", 0))
        .await;
    assert!(!hover.is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_past_the_end_and_unknown_documents() {
    let (_dir, mut s) = session(false, json!({})).await;
    let name = "a1-tell-semaan.txt";
    s.open(name).await;
    for position in [
        json!({"line": 999, "character": 0}),
        json!({"line": 1, "character": 99999}),
        json!({"line": 0, "character": 4294967295u32}),
    ] {
        let params = json!({"textDocument": {"uri": s.uri(name)}, "position": position});
        for method in ["textDocument/hover", "textDocument/definition"] {
            // Answered (null or clamped), not an error.
            s.request(method, params.clone()).await;
        }
    }
    let far = json!({"start": {"line": 500, "character": 0}, "end": {"line": 900, "character": 3}});
    let tokens = s
        .request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": {"uri": s.uri(name)}, "range": far}),
        )
        .await;
    assert_eq!(tokens["data"], json!([]));
    // Edits past the end are clamped to it.
    s.change(name, 2, json!([{"range": far, "text": "\nFin à Alep."}]))
        .await;
    s.diagnostics(name, 2).await;
    // Documents never opened, or that do not exist.
    let ghost = "nowhere/ghost.txt";
    let hover = s
        .request("textDocument/hover", s.at_position(ghost, 0, 0))
        .await;
    assert!(hover.is_null());
    s.change(ghost, 2, json!([{"text": "x"}])).await;
    s.client
        .notify("textDocument/didClose", s.document(ghost))
        .await;
    alive(&s).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_files_in_the_corpus_are_skipped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 \xe0 Alep\n").unwrap();
    std::fs::write(dir.path().join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    // 50 MB: over the size limit.
    let big = "Les Forces de défense du Nord à Alep. ".repeat(50_000_000 / 38 + 1);
    std::fs::write(dir.path().join("huge.txt"), &big).unwrap();
    let started = Instant::now();
    let mut s = start(dir.path(), false, json!({})).await;
    assert!(started.elapsed() < Duration::from_secs(20));
    let log = s
        .client
        .wait_for(TIMEOUT, |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|t| t.contains("not indexed"))
        })
        .await
        .expect("the skipped files are reported");
    let message = log["params"]["message"].as_str().unwrap();
    for file in ["latin1.txt", "binary.txt", "huge.txt"] {
        assert!(message.contains(file), "{file} in {message}");
    }
    let status = s.request("glose/status", json!(null)).await;
    assert_eq!(status[0]["articles"], 3);
    assert_eq!(status[0]["skipped"], 3);
    // Opened anyway, as the editor decoded it: analysed, and said not to be UTF-8 on disk,
    // with the place the command line names.
    let d = s.open_text("latin1.txt", "Café à Alep\n", 1).await;
    let bad = find_code(&d, "invalid-utf8");
    assert_eq!(bad["severity"], 1);
    assert!(
        bad["message"]
            .as_str()
            .unwrap()
            .contains("invalid UTF-8 at line 1, column 4 (byte 3)"),
        "{bad}"
    );
    // A binary file is refused as the command line refuses it: not analysed, no hover.
    let binary = "\u{7f}ELF\u{0}\u{0}\u{1} Forces de défense du Nord\n";
    let d = s.open_text("binary.txt", binary, 1).await;
    let refused = find_code(&d, "binary");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("binary file (NUL byte at offset 4), not an article"),
        "{refused}"
    );
    let hover = s
        .request("textDocument/hover", s.at_position("binary.txt", 0, 12))
        .await;
    assert!(hover.is_null(), "{hover}");
    // An empty article: the command line's warning.
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let d = s.open_text("empty.txt", "  \n", 1).await;
    let empty = find_code(&d, "empty-file");
    assert_eq!(empty["severity"], 2);
    assert_eq!(empty["message"], "file holds only whitespace");
    alive(&s).await;
}

/// The diagnostic of `code` among `diagnostics`.
fn find_code<'a>(diagnostics: &'a Value, code: &str) -> &'a Value {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_that_vanish_or_change_while_indexed() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    // Enough files that indexing is still running when they change.
    for i in 0..300 {
        std::fs::write(
            dir.path().join(format!("extra-{i:03}.txt")),
            format!(
                " date 2021-03\nLe colonel Yassine Harbi était à Alep le {}. Les FDN ont avancé.\n",
                i % 28 + 1
            ),
        )
        .unwrap();
    }
    let mut client = connect(options());
    let root = std::fs::canonicalize(dir.path()).unwrap();
    client
        .request(
            "initialize",
            json!({"processId": null, "rootUri": uri(&root), "capabilities": capabilities(false)}),
        )
        .await
        .unwrap();
    client.notify("initialized", json!({})).await;
    // While it indexes: delete some files, make one unreadable, rewrite another.
    for i in 0..50 {
        let _ = std::fs::remove_file(root.join(format!("extra-{i:03}.txt")));
    }
    std::fs::write(root.join("extra-100.txt"), b"\xff\xfe invalid").unwrap();
    std::fs::write(root.join("extra-101.txt"), "Raqqa et Alep.\n").unwrap();
    let events: Vec<_> = (0..50)
        .map(|i| json!({"uri": uri(&root).to_string() + &format!("/extra-{i:03}.txt"), "type": 3}))
        .chain([
            json!({"uri": uri(&root.join("extra-100.txt")), "type": 2}),
            json!({"uri": uri(&root.join("extra-101.txt")), "type": 2}),
        ])
        .collect();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": events}),
        )
        .await;
    client.progress_end(TIMEOUT).await.expect("indexing ends");
    // The watched-file updates are applied after (or instead of) the indexing run:
    // wait until the index has settled on the files that exist.
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let status = client.request("glose/status", json!(null)).await.unwrap();
        // 3 articles + 250 extra, one of which is now unreadable.
        if status[0]["articles"] == 252 {
            break;
        }
        assert!(Instant::now() < deadline, "{status}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let refs = client
        .request("glose/entities", json!({"query": "yassine harbi"}))
        .await
        .unwrap();
    // 2 test articles, 248 extra ones (300 - 50 deleted - 2 rewritten).
    assert_eq!(refs[0]["documents"], 250, "{refs}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_folder_of_many_files_is_indexed_while_requests_are_served() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    // `GLOSE_MANY_FILES=100000` for the full-size check (slow to set up).
    let n: usize = std::env::var("GLOSE_MANY_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    for i in 0..n {
        let sub = dir.path().join(format!("d{:02}", i % 30));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("{i:05}.txt")),
            format!("Le {} mars, les FDN sont entrées à Alep.\n", i % 28 + 1),
        )
        .unwrap();
    }
    let started = Instant::now();
    let mut s = start(dir.path(), false, json!({})).await;
    eprintln!("{n} files indexed in {} ms", started.elapsed().as_millis());
    let status = s.request("glose/status", json!(null)).await;
    assert_eq!(status[0]["articles"], n + 3);
    let name = "a1-tell-semaan.txt";
    let text = std::fs::read_to_string(s.path(name)).unwrap();
    s.open(name).await;
    let refs = s
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": s.uri(name)}, "position": s.pos(&text, "FDN", 0),
                   "context": {"includeDeclaration": true}}),
        )
        .await;
    // One mention per extra file, 4 in the test articles, and the KB entry.
    assert_eq!(refs.as_array().unwrap().len(), n + 5);
}

/// A document over the corpus's size limit is not analysed, and says so at once with the
/// limit and the setting; the other documents are served meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_over_the_size_limit_says_it_is_not_analysed() {
    let (_dir, mut s) = session_configured("[corpus]\nmax_file_size = \"64 KiB\"\n").await;
    let big = "Les Forces de défense du Nord sont entrées à Alep mardi. ".repeat(2_000);
    let started = Instant::now();
    let d = s.open_text("big.txt", &big, 1).await;
    let refused = find_code(&d, "too-large");
    let message = refused["message"].as_str().unwrap();
    assert!(
        message.contains("over the size limit of 64 KiB") && message.contains("max_file_size"),
        "{message}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    let hover = s
        .request("textDocument/hover", s.at_position("big.txt", 0, 10))
        .await;
    assert!(hover.is_null(), "{hover}");
    alive(&s).await;
}

/// A misspelt key of glose.toml is a warning on glose.toml at its place, and the rest of
/// the configuration (its KB) is in use.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_key_of_the_configuration_is_a_warning_on_it() {
    let (_dir, mut s) = session_configured("[corpus]\nmax_file_sise = \"1 MiB\"\n").await;
    let config = s.uri("glose.toml");
    let d = s
        .client
        .diagnostics(&config, None, TIMEOUT)
        .await
        .expect("diagnostics of glose.toml");
    let warning = d
        .as_array()
        .unwrap()
        .iter()
        .find(|w| {
            w["message"]
                .as_str()
                .unwrap_or("")
                .contains("max_file_sise")
        })
        .unwrap_or_else(|| panic!("{d}"));
    assert_eq!(warning["severity"], 2);
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `max_file_size`?"),
        "{warning}"
    );
    assert_eq!(warning["range"]["start"]["line"], 4);
    // The KB glose.toml names is in use.
    let text = ARTICLES[0].1;
    s.open(ARTICLES[0].0).await;
    let hover = s
        .request(
            "textDocument/hover",
            s.at(ARTICLES[0].0, text, "Forces de défense", 2),
        )
        .await;
    assert!(hover.to_string().contains("Q000001"), "{hover}");
}
