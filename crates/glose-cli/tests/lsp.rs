//! `glose lsp` as editors run it: a child process over stdio. Plugins that print to
//! standard output, panic or crash never corrupt the protocol or take the server down,
//! and native plugins of an untrusted workspace are not run.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use common::{GLOSE, assert_success, data_dir, faulty, glose_with_own_store};
use glose_lsp_client::Client;
use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(60);

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A corpus whose glose.toml runs the faulty plugin in `mode`, in process or isolated, in
/// a new folder: the folder (removed when dropped) and its canonical path.
fn corpus(mode: &str, in_process: bool) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(folder.path()).unwrap();
    let config = format!(
        "[[plugin]]\npath = {:?}\nmode = \"{}\"\ntimeout = \"2s\"\nconfig = {{ mode = \"{mode}\", trigger = \"FAULTY\" }}\n",
        faulty().display().to_string(),
        if in_process { "in-process" } else { "isolated" }
    );
    std::fs::write(dir.join("glose.toml"), config).unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "Les Forces démocratiques syriennes ont repris Raqqa. FAULTY\n",
    )
    .unwrap();
    (folder, dir)
}

struct Server {
    client: Client,
    child: tokio::process::Child,
}

async fn start(root: &Path, trust: bool) -> Server {
    let (mut client, child) = Client::spawn(
        tokio::process::Command::new(GLOSE)
            .arg("lsp")
            .env("GLOSE_DATA_DIR", data_dir(root))
            .stderr(Stdio::null()),
    )
    .unwrap();
    client
        .request(
            "initialize",
            json!({"processId": null, "rootUri": uri(root),
                   "capabilities": {"window": {"workDoneProgress": true}},
                   "initializationOptions": {"debounceMs": 0, "trustPlugins": trust}}),
        )
        .await
        .unwrap();
    client.notify("initialized", json!({})).await;
    client.progress_end(TIMEOUT).await.expect("indexing ends");
    Server { client, child }
}

impl Server {
    /// Opens `a.txt`: its diagnostics.
    async fn open(&mut self, root: &Path, version: i64) -> Value {
        let path = root.join("a.txt");
        let text = std::fs::read_to_string(&path).unwrap();
        self.client
            .open(&uri(&path), "plaintext", version, &text, TIMEOUT)
            .await
            .expect("diagnostics")
    }

    /// The server answers, and the answer is right.
    async fn answers(&self, root: &Path) {
        let hover = self
            .client
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri(&root.join("a.txt"))},
                       "position": {"line": 0, "character": 10}}),
            )
            .await
            .expect("a hover");
        let card = hover["contents"]["value"].as_str().unwrap_or_default();
        assert!(card.contains("Forces démocratiques syriennes"), "{hover}");
    }
}

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// A server on the corpus at `root` (not trusted by the editor) whose plugins do not
/// run: the article has no diagnostic of a tagger. With the diagnostics of `glose.toml`,
/// which say why.
async fn start_without_plugins(root: &Path) -> (Server, Value) {
    let mut s = start(root, false).await;
    let diagnostics = s.open(root, 1).await;
    assert!(
        !codes(&diagnostics).iter().any(|c| c.starts_with("tagger-")),
        "the plugin ran: {diagnostics:#}"
    );
    let config = s
        .client
        .diagnostics(&uri(&root.join("glose.toml")), None, TIMEOUT)
        .await
        .expect("diagnostics on glose.toml");
    (s, config)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plugin_printing_to_stdout_in_process_cannot_corrupt_the_protocol() {
    let (_dir, root) = corpus("print", true);
    let mut s = start(&root, true).await;
    let diagnostics = s.open(&root, 1).await;
    assert!(diagnostics.is_array(), "{diagnostics}");
    s.answers(&root).await;
    // Again, after another print.
    s.client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(&root.join("a.txt")), "version": 2},
                   "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "FAULTY encore\n"}]}),
        )
        .await;
    s.client
        .diagnostics(&uri(&root.join("a.txt")), Some(2), TIMEOUT)
        .await
        .expect("diagnostics after the edit");
    s.answers(&root).await;
    let _ = s.child.kill().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn panicking_and_crashing_plugins_are_reported_and_the_server_lives_on() {
    for (mode, in_process) in [("panic", true), ("segfault", false), ("abort", false)] {
        let (_dir, root) = corpus(mode, in_process);
        let mut s = start(&root, true).await;
        let diagnostics = s.open(&root, 1).await;
        let codes = codes(&diagnostics);
        assert!(
            codes
                .iter()
                .any(|c| c.starts_with("tagger-") || c.starts_with("plugin-")),
            "{mode}: {diagnostics:#}"
        );
        s.answers(&root).await;
        assert!(
            s.child.try_wait().unwrap().is_none(),
            "{mode}: the server is alive"
        );
        let _ = s.child.kill().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrusted_workspace_does_not_run_its_native_plugins() {
    let (_dir, root) = corpus("panic", true);
    // The reason is shown on glose.toml.
    let (mut s, config) = start_without_plugins(&root).await;
    let message = config[0]["message"].as_str().unwrap();
    assert!(message.contains("not trusted"), "{config:#}");
    assert!(message.contains("glose trust"), "{config:#}");
    s.answers(&root).await;
    let _ = s.child.kill().await;
    // Trusted with `glose trust`: a new server runs the plugin (which panics here).
    assert_success(&glose_with_own_store(
        &root,
        &["trust", root.to_str().unwrap()],
    ));
    let mut s = start(&root, false).await;
    let diagnostics = s.open(&root, 1).await;
    assert!(
        codes(&diagnostics).iter().any(|c| c == "tagger-failed"),
        "{diagnostics:#}"
    );
    s.answers(&root).await;
    let _ = s.child.kill().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_library_replaced_after_trust_is_not_run_and_the_editor_is_told() {
    let (_dir, root) = corpus("panic", true);
    // The plugin library beside glose.toml, as a corpus ships it.
    let library = root.join("libtagger.so");
    std::fs::copy(faulty(), &library).unwrap();
    let config = std::fs::read_to_string(root.join("glose.toml"))
        .unwrap()
        .replace(
            &format!("{:?}", faulty().display().to_string()),
            "\"libtagger.so\"",
        );
    std::fs::write(root.join("glose.toml"), config).unwrap();
    assert_success(&glose_with_own_store(
        &root,
        &["trust", root.to_str().unwrap()],
    ));
    // Rebuilt, or replaced by anything else, after the trust: not the same bytes.
    let mut bytes = std::fs::read(&library).unwrap();
    bytes.extend_from_slice(b"appended after the trust");
    std::fs::write(&library, bytes).unwrap();
    let (mut s, config) = start_without_plugins(&root).await;
    // A warning in the editor (the plugins are left out, the rest works).
    assert_eq!(config[0]["severity"], 2, "{config:#}");
    let message = config[0]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!(
            "the plugin library {} changed since it was trusted",
            library.display()
        )),
        "{config:#}"
    );
    assert!(message.contains("glose trust"), "{config:#}");
    s.answers(&root).await;
    let _ = s.child.kill().await;
}
