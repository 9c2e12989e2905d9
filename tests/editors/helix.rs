//! The Helix configuration of `editors/helix/languages.toml`, without Helix (no package
//! of it can be installed here): the file is read with Python's `tomllib`, its language
//! and server entries are checked, and the server is started with its command line and
//! its `config` as initialization options, as Helix would, on a copy of
//! `examples/corpus` with one variant spelling. The server must answer `initialize`, send
//! the `variant-spelling` diagnostic for the opened article, and exit cleanly.

use std::process::{Command, Stdio};
use std::time::Duration;

use glose_editor_tests::glose;
use glose_lsp_client::Client;
use glose_tests::{examples_copy, repo_root};
use serde_json::{Value, json};

const ARTICLE: &str = "01-raqqa-reconstruction.txt";
const CANONICAL: &str = "Bureau de relèvement de Raqqa";
const VARIANT: &str = "Bureau de Relèvement de Raqqa";
const TIMEOUT: Duration = Duration::from_secs(30);

/// `editors/helix/languages.toml` as JSON, read by Python's `tomllib` (Python 3.11+).
fn read_config() -> Value {
    let path = repo_root().join("editors/helix/languages.toml");
    let out = Command::new("python3")
        .args([
            "-c",
            "import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))))",
        ])
        .arg(&path)
        .output()
        .expect("python3 runs (it reads the TOML file)");
    assert!(
        out.status.success(),
        "{} is not valid TOML, or python3 has no tomllib (3.11+): {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Waits for the first message from the server that `pred` accepts (the client answers
/// the server's requests meanwhile).
async fn wait_for(client: &mut Client, what: &str, pred: impl FnMut(&Value) -> bool) -> Value {
    match client.wait_for(TIMEOUT, pred).await {
        Some(message) => message,
        None => panic!("no {what} within {TIMEOUT:?}; seen: {:#?}", client.drain()),
    }
}

/// Sends a request: its result, within [`TIMEOUT`].
async fn ask(client: &Client, method: &str, params: Value) -> Value {
    tokio::time::timeout(TIMEOUT, client.request(method, params))
        .await
        .unwrap_or_else(|_| panic!("no {method} answer within {TIMEOUT:?}"))
        .unwrap_or_else(|e| panic!("{method}: {e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn helix_configuration_starts_the_server() {
    let config = read_config();

    // The language: .txt files, rooted at the folder with glose.toml, served by glose.
    let languages = config["language"].as_array().expect("[[language]] entries");
    let text = languages
        .iter()
        .find(|l| {
            l["language-servers"]
                .as_array()
                .is_some_and(|s| s.contains(&json!("glose")))
        })
        .expect("a [[language]] whose language-servers include \"glose\"");
    assert_eq!(text["file-types"], json!(["txt"]));
    assert_eq!(text["roots"], json!(["glose.toml"]));
    assert!(text["name"].is_string() && text["scope"].is_string());

    // The server: `glose lsp`, only in a corpus.
    let server = &config["language-server"]["glose"];
    assert_eq!(server["command"], "glose");
    assert_eq!(server["required-root-patterns"], json!(["glose.toml"]));
    let args: Vec<String> = serde_json::from_value(server["args"].clone()).unwrap();
    let options = server["config"].clone();
    assert!(
        options.is_object(),
        "[language-server.glose.config] is a table"
    );

    // A corpus with one variant spelling.
    let dir = tempfile::tempdir().unwrap();
    let root = examples_copy(dir.path());
    let article = root.join(ARTICLE);
    let original = std::fs::read_to_string(&article).unwrap();
    assert!(
        original.contains(CANONICAL),
        "{ARTICLE} should name «{CANONICAL}»"
    );
    let edited = original.replacen(CANONICAL, VARIANT, 1);
    std::fs::write(&article, &edited).unwrap();
    let root_uri = format!("file://{}", root.display());
    let article_uri = format!("file://{}", article.display());

    // `glose` of the file is this build's binary.
    let (mut client, mut child) = Client::spawn(
        tokio::process::Command::new(glose())
            .args(&args)
            .current_dir(&root)
            .stderr(Stdio::null()),
    )
    .unwrap();

    let init = ask(
        &client,
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": root_uri,
            "workspaceFolders": [{"uri": root_uri, "name": "corpus"}],
            "initializationOptions": options,
            "capabilities": {},
            "clientInfo": {"name": "helix-configuration-check"}
        }),
    )
    .await;
    assert_eq!(init["serverInfo"]["name"], "glose", "{init:#}");
    assert!(init["capabilities"]["semanticTokensProvider"].is_object());

    client.notify("initialized", json!({})).await;
    client
        .notify(
            "textDocument/didOpen",
            json!({
                "textDocument": {"uri": article_uri, "languageId": text["name"],
                                 "version": 1, "text": edited}
            }),
        )
        .await;
    let diagnostics = wait_for(&mut client, "variant-spelling diagnostic", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == article_uri.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "variant-spelling"))
    })
    .await;
    let found = diagnostics["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "variant-spelling")
        .unwrap();
    assert!(
        found["message"].as_str().unwrap().contains(VARIANT),
        "{found:#}"
    );

    ask(&client, "shutdown", Value::Null).await;
    client.notify("exit", Value::Null).await;
    drop(client);
    let status = tokio::time::timeout(TIMEOUT, child.wait())
        .await
        .unwrap_or_else(|_| panic!("the server did not exit within {TIMEOUT:?} of `exit`"))
        .unwrap();
    assert!(status.success(), "the server exited with {status}");
}
