//! A small Language Server Protocol client: enough to drive the glose language server
//! from tests and benchmarks (the server in-process over a pipe, or `glose lsp` as a
//! child process). Not part of the product: only tests and benchmarks depend on it.
//!
//! [`write_message`] and [`read_message`] are the protocol's framing (a `Content-Length`
//! header, a blank line, the JSON body) for the tests that speak to a server without a
//! [`Client`].
//!
//! Requests the server sends (`window/workDoneProgress/create`,
//! `client/registerCapability`…) are answered at once with `null`, and kept with the
//! notifications for the caller to inspect.

use std::collections::HashMap;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
};
use tokio::sync::{Mutex, mpsc, oneshot};

type Writer = Box<dyn AsyncWrite + Unpin + Send>;

/// A client connected to a server.
pub struct Client {
    writer: Arc<Mutex<Writer>>,
    next_id: AtomicI64,
    pending: Arc<std::sync::Mutex<HashMap<i64, oneshot::Sender<Value>>>>,
    messages: mpsc::UnboundedReceiver<Value>,
    /// What came from the server and was not asked for yet.
    backlog: Vec<Value>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").finish_non_exhaustive()
    }
}

/// Writes one message with its `Content-Length` header, then flushes.
///
/// # Errors
/// If the message cannot be written.
pub async fn write_message<W: AsyncWrite + Unpin + ?Sized>(
    writer: &mut W,
    message: &Value,
) -> std::io::Result<()> {
    let body = serde_json::to_vec(message)?;
    writer
        .write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await?;
    writer.write_all(&body).await?;
    writer.flush().await
}

/// Reads one framed message; `None` at the end of the stream, or when the stream is
/// not the protocol (a header that is not `Name: value`, as when something else writes
/// to the server's standard output): as strict as editors are.
pub async fn read_message<R: AsyncBufRead + Unpin + ?Sized>(reader: &mut R) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = Some(value.trim().parse::<usize>().ok()?),
            "content-type" => {}
            _ => return None,
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

/// Writes one message to the shared writer.
async fn send(writer: &Mutex<Writer>, message: &Value) -> std::io::Result<()> {
    write_message(&mut *writer.lock().await, message).await
}

impl Client {
    /// Connects to a server that reads `to_server` and writes `from_server`.
    pub fn new<R, W>(from_server: R, to_server: W) -> Client
    where
        R: AsyncRead + Unpin + Send + 'static,
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let writer: Arc<Mutex<Writer>> = Arc::new(Mutex::new(Box::new(to_server)));
        let pending: Arc<std::sync::Mutex<HashMap<i64, oneshot::Sender<Value>>>> = Arc::default();
        let (tx, messages) = mpsc::unbounded_channel();
        let (w, p) = (writer.clone(), pending.clone());
        tokio::spawn(async move {
            let mut reader = BufReader::new(from_server);
            while let Some(message) = read_message(&mut reader).await {
                let id = message.get("id").cloned();
                let is_request = message.get("method").is_some();
                match (id, is_request) {
                    // A response.
                    (Some(id), false) => {
                        let waiting = id
                            .as_i64()
                            .and_then(|id| p.lock().unwrap_or_else(|e| e.into_inner()).remove(&id));
                        if let Some(waiting) = waiting {
                            let _ = waiting.send(message);
                        }
                    }
                    // A request of the server: answered at once.
                    (Some(id), true) => {
                        let result = if message["method"] == "workspace/applyEdit" {
                            json!({ "applied": false })
                        } else {
                            Value::Null
                        };
                        let _ =
                            send(&w, &json!({"jsonrpc": "2.0", "id": id, "result": result})).await;
                        let _ = tx.send(message);
                    }
                    _ => {
                        let _ = tx.send(message);
                    }
                }
            }
        });
        Client {
            writer,
            next_id: AtomicI64::new(1),
            pending,
            messages,
            backlog: Vec::new(),
        }
    }

    /// Starts `command`, a server that speaks on its standard input and output, and
    /// connects to it. The child process is killed when dropped.
    ///
    /// # Errors
    /// If the command does not start.
    pub fn spawn(
        command: &mut tokio::process::Command,
    ) -> std::io::Result<(Client, tokio::process::Child)> {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()?;
        let (Some(from_server), Some(to_server)) = (child.stdout.take(), child.stdin.take()) else {
            unreachable!("both are piped");
        };
        Ok((Client::new(from_server, to_server), child))
    }

    /// Sends a request and waits for its response: the result, or the error object.
    pub async fn request(&self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, tx);
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        send(&self.writer, &message)
            .await
            .map_err(|e| json!({"message": e.to_string()}))?;
        let mut response = rx.await.map_err(|_| json!({"message": "server gone"}))?;
        match response.get_mut("error") {
            Some(error) => Err(error.take()),
            None => Ok(response
                .get_mut("result")
                .map(Value::take)
                .unwrap_or(Value::Null)),
        }
    }

    /// Sends a notification.
    pub async fn notify(&self, method: &str, params: Value) {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        let _ = send(&self.writer, &message).await;
    }

    /// Waits for the first message from the server (notification or request) that
    /// `wanted` accepts, keeping the others for later calls.
    pub async fn wait_for(
        &mut self,
        timeout: Duration,
        mut wanted: impl FnMut(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(&mut wanted) {
            return Some(self.backlog.remove(i));
        }
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let message = tokio::time::timeout_at(deadline, self.messages.recv())
                .await
                .ok()??;
            if wanted(&message) {
                return Some(message);
            }
            self.backlog.push(message);
        }
    }

    /// Waits for the end of a work-done progress of the server (`$/progress` of kind
    /// `end`): the end of its indexing, after `initialized` or a change of the workspace.
    pub async fn progress_end(&mut self, timeout: Duration) -> Option<Value> {
        self.wait_for(timeout, |m| {
            m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
        })
        .await
    }

    /// Every message received so far, without waiting.
    pub fn drain(&mut self) -> Vec<Value> {
        while let Ok(m) = self.messages.try_recv() {
            self.backlog.push(m);
        }
        std::mem::take(&mut self.backlog)
    }

    /// Opens the document `uri` (`textDocument/didOpen`: version `version` of `text`, in
    /// the language `language`) and waits for the diagnostics of that version.
    pub async fn open(
        &mut self,
        uri: &str,
        language: &str,
        version: i64,
        text: &str,
        timeout: Duration,
    ) -> Option<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version,
                                    "text": text}}),
        )
        .await;
        self.diagnostics(uri, Some(version), timeout).await
    }

    /// The next diagnostics published for `uri` (for `version`, if given).
    pub async fn diagnostics(
        &mut self,
        uri: &str,
        version: Option<i64>,
        timeout: Duration,
    ) -> Option<Value> {
        self.wait_for(timeout, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        })
        .await
        .map(|m| m["params"]["diagnostics"].clone())
    }
}
