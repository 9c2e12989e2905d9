//! The server under load: hundreds of open articles of one corpus, thousands of
//! incremental edits interleaved with hovers, references, outlines and semantic tokens,
//! a part of them cancelled with `$/cancelRequest` while they run.
//!
//! Checked: the server answers every request (a result, or the `RequestCancelled` error
//! for a cancelled one) within a timeout; the published diagnostics of each document
//! never go back to an older version and the last ones are those of its final version;
//! they equal what a fresh server gives for the final texts, as do the semantic tokens;
//! the memory of the process stays within a generous bound.
//!
//! It prints the latencies under load (p50, p99, max per request). Run with
//! `cargo test -p glose-lsp --test stress -- --nocapture`; `GLOSE_STRESS_SCALE=4`
//! makes it four times larger (documents, edits and requests). Scale 1 is 200
//! documents, 3,000 edits and 2,000 requests, 16 at most in flight. Figures of one run
//! on a two-core machine, in debug (about 15 s of load):
//!
//! ```text
//! textDocument/hover                 p50  59 ms  p99 391 ms  max 559 ms
//! textDocument/references            p50  75 ms  p99 465 ms  max 949 ms
//! textDocument/documentSymbol        p50  77 ms  p99 496 ms  max 627 ms
//! textDocument/semanticTokens/full   p50  61 ms  p99 414 ms  max 946 ms
//! resident memory: 24 MB before the documents, 130 MB after the load
//! ```
//!
//! In release (`cargo test --release -p glose-lsp --test stress -- --nocapture`, about
//! 1.4 s of load):
//!
//! ```text
//! textDocument/hover                 p50 5.2 ms  p99 40 ms  max 58 ms
//! textDocument/references            p50 6.3 ms  p99 39 ms  max 74 ms
//! textDocument/documentSymbol        p50 5.3 ms  p99 42 ms  max 76 ms
//! textDocument/semanticTokens/full   p50 5.0 ms  p99 42 ms  max 74 ms
//! resident memory: 14 MB before the documents, 132 MB after the load
//! ```
//!
//! Latency goals belong to benchmarks: nothing here asserts a duration but the
//! timeout that tells a deadlock.

// The figures under load are the point of printing.
#![allow(clippy::print_stdout)]

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{ARTICLES, offset, options, position, semantic_tokens, serve, uri, write_corpus};
use serde_json::{Value, json};
use tokio::io::{BufReader, DuplexStream, WriteHalf};
use tokio::sync::{Semaphore, oneshot};

/// Longer than any request may take unless the server is stuck.
const TIMEOUT: Duration = Duration::from_secs(60);
/// The JSON-RPC code of a cancelled request.
const REQUEST_CANCELLED: i64 = -32800;

const PIECES: &[&str] = &[
    "Les Forces de défense du Nord (FDN) ont repris le village de Tell Semaan. ",
    "Quelque 400 combattants tenaient encore la route du sud, ",
    "près de 300 familles ont fui vers Deir es-zor ",
    "d’après le Croissant-Rouge arabe syrien, dans un bilan publié jeudi. ",
    "« Rien n’a changé », dit Mme Leïla Khatib à Alep. ",
    "Le colonel Yassine Harbi 🚨 a affirmé que les FDN ne négocieraient pas. ",
    "À Deir ez-Zor, les prix du pain ont doublé 😀, ",
    "a confié un officier qui requiert l'anonymat. ",
    "Le 12 mars 2021, 600 combattants du groupe Liwa al-Fajr se sont repliés. ",
    "\r\n",
    "\n\n",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn article(rng: &mut Rng) -> String {
    let mut text = format!(" date 2021-0{}\n", 1 + rng.below(6));
    for _ in 0..(10 + rng.below(20)) {
        text.push_str(PIECES[rng.below(PIECES.len())]);
    }
    text
}

/// The size of the run.
struct Scale {
    docs: usize,
    edits: usize,
    requests: usize,
}

fn scale() -> Scale {
    let k = std::env::var("GLOSE_STRESS_SCALE")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    Scale {
        docs: 200 * k,
        edits: 3000 * k,
        requests: 2000 * k,
    }
}

/// The resident memory of this process (where the server runs), in kB.
fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A set of diagnostics: its version and the diagnostics.
type Published = (Option<i64>, Value);

/// A client speaking to a server in this process: requests with their ids (to cancel
/// them), every publishDiagnostics kept in order of arrival.
struct Conn {
    writer: tokio::sync::Mutex<WriteHalf<DuplexStream>>,
    next_id: AtomicI64,
    pending: Mutex<HashMap<i64, oneshot::Sender<Value>>>,
    /// By URI: (version, diagnostics) in the order the server published them.
    published: Mutex<HashMap<String, Vec<Published>>>,
    root: String,
}

impl Conn {
    async fn start(root: &std::path::Path) -> Arc<Conn> {
        let (read, write) = serve(options());
        let conn = Arc::new(Conn {
            writer: tokio::sync::Mutex::new(write),
            next_id: AtomicI64::new(1),
            pending: Mutex::default(),
            published: Mutex::default(),
            root: uri(root),
        });
        let c = conn.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(read);
            while let Some(m) = glose_lsp_client::read_message(&mut reader).await {
                match (m.get("id").and_then(Value::as_i64), m.get("method")) {
                    (Some(id), None) => {
                        let waiting = c.pending.lock().unwrap().remove(&id);
                        if let Some(w) = waiting {
                            let _ = w.send(m);
                        }
                    }
                    (Some(_), Some(_)) => {
                        c.send(&json!({"jsonrpc": "2.0", "id": m["id"], "result": null}))
                            .await;
                    }
                    (None, Some(method)) if method == "textDocument/publishDiagnostics" => {
                        let p = &m["params"];
                        c.published
                            .lock()
                            .unwrap()
                            .entry(p["uri"].as_str().unwrap_or_default().to_owned())
                            .or_default()
                            .push((p["version"].as_i64(), p["diagnostics"].clone()));
                    }
                    _ => {}
                }
            }
        });
        let capabilities = json!({
            "general": {"positionEncodings": ["utf-16"]},
            "window": {"workDoneProgress": true},
            "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}
        });
        conn.call(
            "initialize",
            json!({"processId": null, "rootUri": conn.root, "capabilities": capabilities}),
        )
        .await
        .expect("initialize");
        conn.notify("initialized", json!({})).await;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let status = conn.call("glose/status", json!(null)).await.unwrap();
            if status[0]["indexed"] == true {
                break;
            }
            assert!(Instant::now() < deadline, "indexing never ends: {status}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        conn
    }

    async fn send(&self, message: &Value) {
        let mut w = self.writer.lock().await;
        glose_lsp_client::write_message(&mut *w, message)
            .await
            .unwrap();
    }

    async fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Sends a request; its id and the response to come.
    async fn request(&self, method: &str, params: Value) -> (i64, oneshot::Receiver<Value>) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, tx);
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        (id, rx)
    }

    async fn call(&self, method: &str, params: Value) -> Result<Value, Value> {
        let (_, rx) = self.request(method, params).await;
        let mut response = tokio::time::timeout(TIMEOUT, rx)
            .await
            .unwrap_or_else(|_| panic!("{method}: no response"))
            .expect("server gone");
        match response.get_mut("error") {
            Some(e) => Err(e.take()),
            None => Ok(response["result"].take()),
        }
    }

    fn uri(&self, name: &str) -> String {
        format!("{}/{name}", self.root)
    }

    /// Waits until the last diagnostics published for every document are those of the
    /// version `versions` gives.
    async fn settle(&self, versions: &HashMap<String, i64>) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let missing: Vec<(String, i64, Option<Option<i64>>)> = {
                let published = self.published.lock().unwrap();
                versions
                    .iter()
                    .filter_map(|(name, &v)| {
                        let last = published
                            .get(&self.uri(name))
                            .and_then(|l| l.last())
                            .map(|(v, _)| *v);
                        (last != Some(Some(v))).then(|| (name.clone(), v, last))
                    })
                    .collect()
            };
            if missing.is_empty() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{} documents without the diagnostics of their last version, such as {:?}",
                missing.len(),
                &missing[..missing.len().min(5)]
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// The last diagnostics published for `name`, the folder's URI replaced by `ROOT`.
    fn last_diagnostics(&self, name: &str) -> Value {
        let published = self.published.lock().unwrap();
        let (_, d) = published[&self.uri(name)].last().unwrap();
        serde_json::from_str(&d.to_string().replace(&self.root, "ROOT")).unwrap()
    }

    /// Sends an empty change (the text stays as it is) to every document: it is analysed
    /// again, now that every other article of the corpus is in its final state.
    async fn touch_all(&self, versions: &mut HashMap<String, i64>) {
        for (name, version) in versions.iter_mut() {
            *version += 1;
            let zero = json!({"line": 0, "character": 0});
            self.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": self.uri(name), "version": *version},
                       "contentChanges": [{"range": {"start": zero, "end": zero}, "text": ""}]}),
            )
            .await;
        }
        self.settle(versions).await;
    }
}

/// An incremental change at a random place of `text`, applied to it.
fn random_change(rng: &mut Rng, text: &mut String) -> Value {
    let chars = text.chars().count();
    let byte = |t: &str, n: usize| t.char_indices().nth(n).map_or(t.len(), |(i, _)| i);
    let mut start = byte(text, rng.below(chars + 1));
    if start > 0 && text[..start].ends_with('\r') && text[start..].starts_with('\n') {
        start -= 1;
    }
    let delete = if rng.below(3) == 0 { 0 } else { rng.below(12) };
    let mut end = start + byte(&text[start..], delete);
    if end > 0 && text[..end].ends_with('\r') && text[end..].starts_with('\n') {
        end += 1;
    }
    let insert = match rng.below(4) {
        0 => String::new(),
        1 => PIECES[rng.below(PIECES.len())].to_owned(),
        _ => ["é", "’", "🚨", " ", "a", "Alep ", "\r\n", "FDN", "300 "][rng.below(9)].to_owned(),
    };
    let range = json!({"start": position(text, start, false), "end": position(text, end, false)});
    text.replace_range(start..end, &insert);
    json!({"range": range, "text": insert})
}

const METHODS: [&str; 4] = [
    "textDocument/hover",
    "textDocument/references",
    "textDocument/documentSymbol",
    "textDocument/semanticTokens/full",
];

#[derive(Debug)]
struct Outcome {
    method: &'static str,
    elapsed: Duration,
    cancelled: bool,
}

/// One client task: edits its own documents (so that each document's versions go out in
/// order) and sends requests about them, some cancelled.
async fn worker(
    conn: Arc<Conn>,
    seed: u64,
    docs: Vec<(String, String, i64)>,
    edits: usize,
    requests: usize,
    in_flight: Arc<Semaphore>,
) -> (
    Vec<(String, String, i64)>,
    Vec<tokio::task::JoinHandle<Outcome>>,
) {
    let mut rng = Rng(seed);
    let mut docs = docs;
    let mut handles = Vec::new();
    let (mut edits_left, mut requests_left) = (edits, requests);
    while edits_left + requests_left > 0 {
        let d = rng.below(docs.len());
        let (name, text, version) = &mut docs[d];
        if rng.below(edits_left + requests_left) < edits_left {
            edits_left -= 1;
            let n = 1 + usize::from(rng.below(4) == 0);
            let changes: Vec<Value> = (0..n).map(|_| random_change(&mut rng, text)).collect();
            *version += 1;
            conn.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": conn.uri(name), "version": *version},
                       "contentChanges": changes}),
            )
            .await;
        } else {
            requests_left -= 1;
            let method = METHODS[rng.below(METHODS.len())];
            let at = position(text, byte_at(text, rng.below(text.len() + 1)), false);
            let doc = json!({"uri": conn.uri(name)});
            let params = match method {
                "textDocument/references" => json!({"textDocument": doc, "position": at,
                                                    "context": {"includeDeclaration": true}}),
                "textDocument/hover" => json!({"textDocument": doc, "position": at}),
                _ => json!({"textDocument": doc}),
            };
            let cancel = rng.below(4) == 0;
            let permit = in_flight.clone().acquire_owned().await.unwrap();
            let conn = conn.clone();
            handles.push(tokio::spawn(async move {
                let started = Instant::now();
                let (id, rx) = conn.request(method, params).await;
                if cancel {
                    tokio::task::yield_now().await;
                    conn.notify("$/cancelRequest", json!({"id": id})).await;
                }
                let response = tokio::time::timeout(TIMEOUT, rx)
                    .await
                    .unwrap_or_else(|_| panic!("{method} {id}: no response in {TIMEOUT:?}"))
                    .expect("server gone");
                let elapsed = started.elapsed();
                drop(permit);
                let cancelled = match response.get("error") {
                    None => false,
                    Some(e) if cancel && e["code"] == REQUEST_CANCELLED => true,
                    Some(e) => panic!("{method} {id}: {e}"),
                };
                Outcome {
                    method,
                    elapsed,
                    cancelled,
                }
            }));
        }
        if rng.below(8) == 0 {
            tokio::task::yield_now().await;
        }
    }
    (docs, handles)
}

/// The byte offset at or before `at` that is a character boundary.
fn byte_at(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundreds_of_documents_thousands_of_edits_and_cancelled_requests() {
    let scale = scale();
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    std::fs::create_dir_all(dir.path().join("stress")).unwrap();
    let conn = Conn::start(dir.path()).await;
    let rss_before = rss_kb();
    let began = Instant::now();

    // Open every document.
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut docs: Vec<(String, String, i64)> = (0..scale.docs)
        .map(|i| (format!("stress/doc-{i:04}.txt"), article(&mut rng), 1))
        .collect();
    for (i, (name, text, _)) in docs.iter_mut().enumerate() {
        // A few start as the articles of the corpus, copied.
        if i < ARTICLES.len() {
            *text = ARTICLES[i].1.to_owned();
        }
        conn.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": conn.uri(name), "languageId": "plaintext",
                                    "version": 1, "text": text}}),
        )
        .await;
    }

    // Edits and requests from four tasks at once.
    let workers = 4;
    let in_flight = Arc::new(Semaphore::new(16));
    let mut tasks = Vec::new();
    for w in 0..workers {
        let mine: Vec<_> = docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % workers == w)
            .map(|(_, d)| d.clone())
            .collect();
        tasks.push(tokio::spawn(worker(
            conn.clone(),
            1 + w as u64 * 7919,
            mine,
            scale.edits / workers,
            scale.requests / workers,
            in_flight.clone(),
        )));
    }
    let mut finals = Vec::new();
    let mut outcomes = Vec::new();
    for t in tasks {
        let (docs, handles) = t.await.expect("a client task");
        finals.extend(docs);
        for h in handles {
            outcomes.push(h.await.expect("a request"));
        }
    }
    let load = began.elapsed();
    let mut versions: HashMap<String, i64> =
        finals.iter().map(|(n, _, v)| (n.clone(), *v)).collect();
    conn.settle(&versions).await;
    let rss_after = rss_kb();

    // Published versions never go back, and none is newer than the last sent.
    {
        let published = conn.published.lock().unwrap();
        for (name, last) in &versions {
            let seen: Vec<i64> = published[&conn.uri(name)]
                .iter()
                .map(|(v, _)| v.expect("a version with every set of diagnostics"))
                .collect();
            assert!(
                seen.windows(2).all(|w| w[0] <= w[1]) && seen.iter().all(|v| v <= last),
                "{name}: versions {seen:?}, last {last}"
            );
        }
    }

    // Once every article is final, each is analysed again; a fresh server given the
    // final texts does the same.
    conn.touch_all(&mut versions).await;
    let fresh_dir = tempfile::tempdir().unwrap();
    write_corpus(fresh_dir.path());
    std::fs::create_dir_all(fresh_dir.path().join("stress")).unwrap();
    let fresh = Conn::start(fresh_dir.path()).await;
    let mut fresh_versions = HashMap::new();
    for (name, text, _) in &finals {
        fresh
            .notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": fresh.uri(name), "languageId": "plaintext",
                                        "version": 1, "text": text}}),
            )
            .await;
        fresh_versions.insert(name.clone(), 1);
    }
    fresh.settle(&fresh_versions).await;
    fresh.touch_all(&mut fresh_versions).await;
    let mut with_diagnostics = 0;
    for (name, text, _) in &finals {
        let got = conn.last_diagnostics(name);
        assert_eq!(
            got,
            fresh.last_diagnostics(name),
            "diagnostics of {name}: {text:?}"
        );
        with_diagnostics += usize::from(got.as_array().is_some_and(|a| !a.is_empty()));
        let tokens = |c: Arc<Conn>| async move {
            c.call(
                "textDocument/semanticTokens/full",
                json!({"textDocument": {"uri": c.uri(name)}}),
            )
            .await
            .unwrap()
        };
        let (a, b) = (tokens(conn.clone()).await, tokens(fresh.clone()).await);
        assert_eq!(a, b, "semantic tokens of {name}: {text:?}");
        // The tokens fall on the final text's characters.
        for t in semantic_tokens(&a["data"]) {
            let p = &t.range["end"];
            assert_eq!(&position(text, offset(text, p, false), false), p);
        }
    }
    assert!(
        with_diagnostics > 0,
        "some documents have diagnostics to compare"
    );

    // Figures.
    let cancelled = outcomes.iter().filter(|o| o.cancelled).count();
    println!(
        "{} documents, {} edits, {} requests ({cancelled} cancelled before their answer) in {:.1} s",
        scale.docs,
        scale.edits,
        outcomes.len(),
        load.as_secs_f64()
    );
    for method in METHODS {
        let mut times: Vec<Duration> = outcomes
            .iter()
            .filter(|o| o.method == method && !o.cancelled)
            .map(|o| o.elapsed)
            .collect();
        times.sort();
        println!(
            "{method:<34} n {:>5}  p50 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms",
            times.len(),
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        );
    }
    if let (Some(before), Some(after)) = (rss_before, rss_after) {
        println!(
            "resident memory: {} MB before the documents, {} MB after the load",
            before / 1024,
            after / 1024
        );
        // Generous: the documents are a few hundred kB of text in all.
        let bound = 512 * 1024 * scale.docs as u64 / 200;
        assert!(
            after.saturating_sub(before) < bound,
            "memory grew from {before} kB to {after} kB"
        );
    }
}
