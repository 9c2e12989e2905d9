//! Isolated plugins: each runs in child processes (`glose plugin-host PATH`), so that a
//! crash, an abort, an endless loop or output on stdout in the plugin cannot harm glose.
//!
//! The child keeps a private copy of its stdout for the protocol and points its stdout at
//! stderr before loading the plugin: whatever the plugin prints goes to stderr. glose
//! writes requests to the child's stdin and reads responses on a thread of its own, so a
//! silent child can be timed out. A child that dies or overruns the per-document timeout
//! is killed; the next document starts a new one after a back-off delay that doubles with
//! each consecutive crash; after `max_consecutive_crashes` the plugin is quarantined: it
//! is no longer run, and every document says so.

use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use glose_core::tagger::Never;
use glose_core::{AnnotationStore, Document, DocumentView, Label, TagError, TagOutput, Tagger};

use crate::HostError;
use crate::native::{NativeTagger, PluginLibrary, dropped_diagnostic};
use crate::wire::{Identity, Request, Response, WireAnnotation, read_frame, write_frame};

/// How long one document may take, by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Settings of an isolated plugin.
#[derive(Clone, Debug)]
pub struct IsolatedOptions {
    /// The program that serves a plugin with `plugin-host PATH --config JSON`.
    pub program: PathBuf,
    pub plugin: PathBuf,
    /// Configuration, as JSON.
    pub config: String,
    /// How long one document may take; the child is killed past it.
    pub timeout: Duration,
    /// How long the plugin may take to load.
    pub start_timeout: Duration,
    /// Consecutive crashes (or timeouts) before the plugin is quarantined.
    pub max_consecutive_crashes: u32,
    /// First delay before restarting a crashed child; it doubles with each crash.
    pub backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for IsolatedOptions {
    fn default() -> Self {
        IsolatedOptions {
            program: PathBuf::from("glose"),
            plugin: PathBuf::new(),
            config: "{}".to_owned(),
            timeout: DEFAULT_TIMEOUT,
            start_timeout: Duration::from_secs(30),
            max_consecutive_crashes: 3,
            backoff: Duration::from_millis(50),
            max_backoff: Duration::from_secs(5),
        }
    }
}

/// One child process serving the plugin.
struct Worker {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    responses: Receiver<std::io::Result<Option<Response>>>,
}

impl Worker {
    fn spawn(options: &IsolatedOptions) -> std::io::Result<Worker> {
        let mut child = Command::new(&options.program)
            .arg("plugin-host")
            .arg(&options.plugin)
            .arg("--config")
            .arg(&options.config)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            return Err(std::io::Error::other("child without pipes"));
        };
        let (tx, responses) = mpsc::channel();
        std::thread::Builder::new()
            .name("glose-plugin-reader".to_owned())
            .spawn(move || {
                let mut stdout = BufReader::new(stdout);
                loop {
                    let frame = read_frame::<Response>(&mut stdout);
                    let end = !matches!(frame, Ok(Some(_)));
                    if tx.send(frame).is_err() || end {
                        break;
                    }
                }
            })?;
        Ok(Worker {
            child,
            stdin: BufWriter::new(stdin),
            responses,
        })
    }

    /// Kills the child and says how it ended.
    fn kill(mut self) -> String {
        let _ = self.child.kill();
        match self.child.wait() {
            Ok(status) => describe(status),
            Err(e) => format!("could not be waited for: {e}"),
        }
    }

    /// How the child ended, once it has (waits a little for the exit status).
    fn ended(mut self) -> String {
        for _ in 0..50 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return describe(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.kill()
    }
}

/// `killed by signal 11 (SIGSEGV)`, `exited with status 3`.
fn describe(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                libc::SIGSEGV => " (SIGSEGV)",
                libc::SIGABRT => " (SIGABRT)",
                libc::SIGKILL => " (SIGKILL)",
                libc::SIGBUS => " (SIGBUS)",
                libc::SIGILL => " (SIGILL)",
                libc::SIGFPE => " (SIGFPE)",
                _ => "",
            };
            return format!("killed by signal {signal}{name}");
        }
    }
    match status.code() {
        Some(code) => format!("exited with status {code}"),
        None => "ended".to_owned(),
    }
}

/// Crash bookkeeping.
#[derive(Debug)]
struct Health {
    consecutive: u32,
    total: u32,
    last: Option<String>,
    quarantined: bool,
    backoff: Duration,
    not_before: Instant,
}

/// What an isolated plugin has been through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PluginHealth {
    /// Crashes and timeouts since it started.
    pub crashes: u32,
    pub quarantined: bool,
    /// The last crash, described.
    pub last_crash: Option<String>,
}

/// A plugin served by child processes.
pub struct IsolatedTagger {
    options: IsolatedOptions,
    identity: Identity,
    requires: Vec<Label>,
    provides: Vec<Label>,
    idle: Mutex<Vec<Worker>>,
    health: Mutex<Health>,
}

impl std::fmt::Debug for IsolatedTagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IsolatedTagger")
            .field("name", &self.identity.name)
            .field("plugin", &self.options.plugin)
            .finish()
    }
}

impl IsolatedTagger {
    /// Starts a first child and reads what the plugin is.
    pub fn start(options: IsolatedOptions) -> Result<IsolatedTagger, HostError> {
        let fail = |message: String| HostError::Isolated {
            path: options.plugin.clone(),
            message,
        };
        let worker = Worker::spawn(&options)
            .map_err(|e| fail(format!("cannot start {}: {e}", options.program.display())))?;
        let ready = match worker.responses.recv_timeout(options.start_timeout) {
            Ok(Ok(Some(ready))) => ready,
            Ok(_) | Err(RecvTimeoutError::Disconnected) => {
                return Err(fail(format!(
                    "the plugin host {} before it was ready",
                    worker.ended()
                )));
            }
            Err(RecvTimeoutError::Timeout) => {
                worker.kill();
                return Err(fail(format!(
                    "the plugin host was not ready after {:?}",
                    options.start_timeout
                )));
            }
        };
        let (identity, requires, provides) = match ready {
            Response::Ready {
                plugin,
                requires,
                provides,
            } => (plugin, requires, provides),
            Response::StartFailed { message } => {
                worker.kill();
                return Err(fail(message));
            }
            other => {
                worker.kill();
                return Err(fail(format!("unexpected first message {other:?}")));
            }
        };
        let labels = |names: Vec<String>| -> Result<Vec<Label>, HostError> {
            names
                .into_iter()
                .map(|n| {
                    Label::is_valid_name(&n)
                        .then(|| Label::new(&n))
                        .ok_or_else(|| fail(format!("invalid label {n:?}")))
                })
                .collect()
        };
        let (requires, provides) = (labels(requires)?, labels(provides)?);
        Ok(IsolatedTagger {
            identity,
            requires,
            provides,
            idle: Mutex::new(vec![worker]),
            health: Mutex::new(Health {
                consecutive: 0,
                total: 0,
                last: None,
                quarantined: false,
                backoff: options.backoff,
                not_before: Instant::now(),
            }),
            options,
        })
    }

    /// The plugin library's path.
    pub fn plugin(&self) -> &Path {
        &self.options.plugin
    }

    /// The ABI version the plugin was built against.
    pub fn abi(&self) -> (u32, u32) {
        self.identity.abi
    }

    pub fn health(&self) -> PluginHealth {
        let h = self.health.lock().unwrap_or_else(|p| p.into_inner());
        PluginHealth {
            crashes: h.total,
            quarantined: h.quarantined,
            last_crash: h.last.clone(),
        }
    }

    /// An idle child, or a new one once the back-off delay has passed.
    fn worker(&self) -> Result<Worker, TagError> {
        if let Some(w) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return Ok(w);
        }
        let wait = {
            let h = self.health.lock().unwrap_or_else(|p| p.into_inner());
            h.not_before.saturating_duration_since(Instant::now())
        };
        std::thread::sleep(wait);
        let worker = Worker::spawn(&self.options)
            .map_err(|e| self.crashed(format!("could not be restarted: {e}")))?;
        match worker.responses.recv_timeout(self.options.start_timeout) {
            Ok(Ok(Some(Response::Ready { .. }))) => Ok(worker),
            Ok(Ok(Some(Response::StartFailed { message }))) => {
                worker.kill();
                Err(self.crashed(format!("could not be restarted: {message}")))
            }
            _ => {
                let how = worker.kill();
                Err(self.crashed(format!("could not be restarted: the plugin host {how}")))
            }
        }
    }

    /// Records a crash; the error to return for the document.
    fn crashed(&self, why: String) -> TagError {
        let mut h = self.health.lock().unwrap_or_else(|p| p.into_inner());
        h.consecutive += 1;
        h.total += 1;
        h.last = Some(why.clone());
        h.not_before = Instant::now() + h.backoff;
        h.backoff = (h.backoff * 2).min(self.options.max_backoff);
        if h.consecutive >= self.options.max_consecutive_crashes {
            h.quarantined = true;
            TagError::Failed(format!(
                "plugin `{}` {why}; quarantined after {} consecutive crashes",
                self.identity.name, h.consecutive
            ))
        } else {
            TagError::Failed(format!(
                "plugin `{}` {why}; it will be restarted",
                self.identity.name
            ))
        }
    }

    fn healthy(&self) {
        let mut h = self.health.lock().unwrap_or_else(|p| p.into_inner());
        h.consecutive = 0;
        h.backoff = self.options.backoff;
    }

    fn give_back(&self, worker: Worker) {
        self.idle
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(worker);
    }
}

impl Drop for IsolatedTagger {
    fn drop(&mut self) {
        for worker in self
            .idle
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .drain(..)
        {
            worker.kill();
        }
    }
}

impl Tagger for IsolatedTagger {
    fn name(&self) -> &str {
        &self.identity.name
    }

    fn version(&self) -> &str {
        &self.identity.version
    }

    fn description(&self) -> &str {
        &self.identity.description
    }

    fn requires(&self) -> &[Label] {
        &self.requires
    }

    fn provides(&self) -> &[Label] {
        &self.provides
    }

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        {
            let h = self.health.lock().unwrap_or_else(|p| p.into_inner());
            if h.quarantined {
                return Err(TagError::Failed(format!(
                    "plugin `{}` is quarantined after {} consecutive crashes (last: {})",
                    self.identity.name,
                    h.consecutive,
                    h.last.as_deref().unwrap_or("unknown")
                )));
            }
        }
        let mut worker = self.worker()?;
        let request = Request::Tag {
            path: doc.document.path().to_owned(),
            text: doc.text().to_owned(),
            annotations: doc
                .annotations
                .iter()
                .map(WireAnnotation::from_annotation)
                .collect(),
        };
        if write_frame(&mut worker.stdin, &request).is_err() {
            return Err(self.crashed(format!("crashed: the plugin host {}", worker.ended())));
        }
        // Wait for the answer, in slices, to notice cancellation.
        let deadline = Instant::now() + self.options.timeout;
        let response = loop {
            let slice = deadline
                .saturating_duration_since(Instant::now())
                .min(Duration::from_millis(50));
            match worker.responses.recv_timeout(slice) {
                Ok(Ok(Some(response))) => break response,
                Ok(_) | Err(RecvTimeoutError::Disconnected) => {
                    return Err(self.crashed(format!(
                        "crashed on this document: the plugin host {}",
                        worker.ended()
                    )));
                }
                Err(RecvTimeoutError::Timeout) if Instant::now() >= deadline => {
                    worker.kill();
                    return Err(self.crashed(format!(
                        "timed out after {:?} on this document and was killed",
                        self.options.timeout
                    )));
                }
                Err(RecvTimeoutError::Timeout) if doc.is_cancelled() => {
                    // The child is busy with a result nobody wants: stop it.
                    worker.kill();
                    return Err(TagError::Cancelled);
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
        };
        self.healthy();
        self.give_back(worker);
        match response {
            Response::Tagged {
                annotations,
                diagnostics,
            } => {
                let mut out = TagOutput {
                    annotations: Vec::with_capacity(annotations.len()),
                    diagnostics,
                };
                let mut dropped = 0;
                let mut first = None;
                for a in annotations {
                    match self.provides.iter().find(|l| l.as_str() == a.l) {
                        Some(&label) => out.annotations.push(a.into_annotation(label)),
                        None => {
                            dropped += 1;
                            first.get_or_insert_with(|| {
                                format!("label {:?}, which it did not declare", a.l)
                            });
                        }
                    }
                }
                if dropped > 0 {
                    out.diagnostics.push(dropped_diagnostic(
                        &self.identity.name,
                        dropped,
                        first.as_deref(),
                    ));
                }
                Ok(out)
            }
            Response::Failed { message } => Err(TagError::Failed(message)),
            Response::Cancelled => Err(TagError::Cancelled),
            other => Err(TagError::Failed(format!(
                "plugin `{}`: unexpected message {other:?}",
                self.identity.name
            ))),
        }
    }
}

/// The child side: loads the plugin at `plugin` and serves requests on stdin until it
/// closes. Returns the process exit code.
pub fn serve(plugin: &Path, config: &str) -> i32 {
    let Some(out) = protocol_output() else {
        eprintln!("glose plugin-host: cannot set up the protocol channel");
        return 2;
    };
    let mut out = BufWriter::new(out);
    let tagger = PluginLibrary::open(plugin)
        .and_then(|library| NativeTagger::create_unchecked(library, config));
    let tagger = match tagger {
        Ok(tagger) => tagger,
        Err(e) => {
            let _ = write_frame(
                &mut out,
                &Response::StartFailed {
                    message: e.to_string(),
                },
            );
            return 1;
        }
    };
    let ready = Response::Ready {
        plugin: Identity {
            name: tagger.name().to_owned(),
            version: tagger.version().to_owned(),
            description: tagger.description().to_owned(),
            abi: tagger.library().abi(),
        },
        requires: tagger
            .requires()
            .iter()
            .map(|l| l.as_str().to_owned())
            .collect(),
        provides: tagger
            .provides()
            .iter()
            .map(|l| l.as_str().to_owned())
            .collect(),
    };
    if write_frame(&mut out, &ready).is_err() {
        return 1;
    }
    let mut input = BufReader::new(std::io::stdin().lock());
    loop {
        let request = match read_frame::<Request>(&mut input) {
            Ok(Some(request)) => request,
            Ok(None) => return 0,
            Err(e) => {
                eprintln!("glose plugin-host: bad request: {e}");
                return 1;
            }
        };
        let Request::Tag {
            path,
            text,
            annotations,
        } = request;
        let response = match Document::new(path, text) {
            Err(e) => Response::Failed {
                message: e.to_string(),
            },
            Ok(document) => {
                let earlier = annotations
                    .into_iter()
                    .filter(|a| Label::is_valid_name(&a.l))
                    .map(|a| {
                        let label = Label::new(&a.l);
                        let tagger = glose_core::annotation::intern(&a.t);
                        let mut annotation = a.into_annotation(label);
                        annotation.tagger = tagger;
                        annotation
                    })
                    .collect();
                let store = AnnotationStore::from_vec(earlier);
                match tagger.tag(&DocumentView::new(&document, &store, &Never)) {
                    Ok(out) => Response::Tagged {
                        annotations: out
                            .annotations
                            .iter()
                            .map(WireAnnotation::from_annotation)
                            .collect(),
                        diagnostics: out.diagnostics,
                    },
                    Err(TagError::Cancelled) => Response::Cancelled,
                    Err(TagError::Failed(message)) => Response::Failed { message },
                }
            }
        };
        if write_frame(&mut out, &response).is_err() {
            return 1;
        }
    }
}

/// Keeps a private copy of stdout for the protocol and points stdout at stderr, so that
/// anything the plugin prints goes to stderr. A watchdog thread ends the child when glose
/// is gone, so a plugin stuck in a loop never outlives it.
#[cfg(unix)]
fn protocol_output() -> Option<std::fs::File> {
    let out = private_stdout()?;
    let parent = std::os::unix::process::parent_id();
    let _ = std::thread::Builder::new()
        .name("glose-plugin-watchdog".to_owned())
        .spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(500));
                if std::os::unix::process::parent_id() != parent {
                    std::process::exit(3);
                }
            }
        });
    Some(out)
}

#[cfg(not(unix))]
fn protocol_output() -> Option<std::fs::File> {
    None
}

/// Takes standard output for a protocol: returns a private copy of it and points the
/// process's standard output at standard error, so that whatever else prints (a plugin
/// loaded in-process, a stray `println!`) lands on stderr and cannot corrupt the
/// protocol. `None` where this cannot be done (then stdout is shared as it is).
#[cfg(unix)]
pub fn private_stdout() -> Option<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: plain POSIX calls on the process's own standard descriptors; the duplicate
    // is a fresh descriptor that only the returned `File` owns.
    unsafe {
        let copy = libc::dup(libc::STDOUT_FILENO);
        if copy < 0 {
            return None;
        }
        if libc::dup2(libc::STDERR_FILENO, libc::STDOUT_FILENO) < 0 {
            libc::close(copy);
            return None;
        }
        Some(std::fs::File::from_raw_fd(copy))
    }
}

#[cfg(not(unix))]
pub fn private_stdout() -> Option<std::fs::File> {
    None
}
