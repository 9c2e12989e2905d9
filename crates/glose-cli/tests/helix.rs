//! The Helix configuration of `editors/helix/languages.toml`, without Helix (no package
//! of it can be installed here): the file is read with Python's `tomllib`, its language
//! and server entries are checked, and the server is started with its command line and
//! its `config` as initialization options, as Helix would, on a copy of
//! `examples/corpus` with one variant spelling. The server must answer `initialize`, send
//! the `variant-spelling` diagnostic for the opened article, and exit cleanly.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use glose_tests::{copy_dir, repo_root};
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

fn send(stdin: &mut impl Write, message: &Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

/// Reads framed messages from the server's output into a channel.
fn reader(stdout: impl Read + Send + 'static) -> mpsc::Receiver<Value> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut input = BufReader::new(stdout);
        loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if input.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length:") {
                    length = v.trim().parse::<usize>().ok();
                }
            }
            let mut body = vec![0; length.expect("a Content-Length header")];
            if input.read_exact(&mut body).is_err() {
                return;
            }
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        }
    });
    rx
}

/// Waits for the first message `pred` accepts, answering the server's requests.
fn wait_for(
    rx: &mpsc::Receiver<Value>,
    stdin: &mut impl Write,
    what: &str,
    pred: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = Instant::now() + TIMEOUT;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let message = rx
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no {what} within {TIMEOUT:?}; seen: {seen:#?}"));
        if pred(&message) {
            return message;
        }
        if message.get("method").is_some() && message.get("id").is_some() {
            send(
                stdin,
                &json!({"jsonrpc": "2.0", "id": message["id"], "result": null}),
            );
        }
        seen.push(message);
    }
}

#[test]
fn helix_configuration_starts_the_server() {
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
    let root = dir.path().join("corpus");
    copy_dir(&repo_root().join("examples/corpus"), &root);
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
    let mut child = Command::new(env!("CARGO_BIN_EXE_glose"))
        .args(&args)
        .current_dir(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let rx = reader(child.stdout.take().unwrap());

    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": std::process::id(),
            "rootUri": root_uri,
            "workspaceFolders": [{"uri": root_uri, "name": "corpus"}],
            "initializationOptions": options,
            "capabilities": {},
            "clientInfo": {"name": "helix-configuration-check"}
        }}),
    );
    let init = wait_for(&rx, &mut stdin, "initialize answer", |m| m["id"] == 1);
    assert_eq!(init["result"]["serverInfo"]["name"], "glose", "{init:#}");
    assert!(init["result"]["capabilities"]["semanticTokensProvider"].is_object());

    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": article_uri, "languageId": text["name"],
                             "version": 1, "text": edited}
        }}),
    );
    let diagnostics = wait_for(&rx, &mut stdin, "variant-spelling diagnostic", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == article_uri.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "variant-spelling"))
    });
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

    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    wait_for(&rx, &mut stdin, "shutdown answer", |m| m["id"] == 2);
    send(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(stdin);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server did not exit within {TIMEOUT:?} of `exit`");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "the server exited with {status}");
}
