//! The server in-process over an in-memory pipe, a corpus written for these tests, and
//! helpers to speak to it.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use glose_lsp_client::Client;
use serde_json::{Value, json};
use tokio::io::{DuplexStream, ReadHalf, WriteHalf};

pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Articles written for these tests (names invented or common place names).
pub const ARTICLES: &[(&str, &str)] = &[
    (
        "a1-tell-semaan.txt",
        " date 2021-03\n\
Les Forces de défense du Nord (FDN) ont repris jeudi le village de Tell Semaan, selon un communiqué.\n\
\n\
« Nous contrôlons désormais la route du sud », a déclaré le colonel Yassine Harbi à l'agence Sana.\n\
\n\
Quelque 400 combattants du groupe Liwa al-Fajr tenaient encore Tell Semaan début mars, d'après l'Observatoire syrien des droits de l'Homme.\n\
\n\
Le 12 mars 2021, près de 300 familles avaient fui vers Deir es-zor. Les FDN disent avoir trouvé des stocks de munitions.\n",
    ),
    (
        "a2-liwa-al-fajr.txt",
        " date 2021-03\n\
Selon l'Observatoire syrien des droits de l'Homme, 600 combattants du groupe Liwa al-Fajr se sont repliés vers l'est.\n\
\n\
Le colonel Yassine Harbi a affirmé que les FDN ne négocieraient pas. À Deir ez-Zor, les prix du pain ont doublé.\n",
    ),
    (
        "a3-raqqa.txt",
        " date 2020-11\n\
À Raqqa, l'Etat islamique a revendiqué une attaque contre un convoi de l'ONU. « Les camions de tête ont été visés », a indiqué un responsable sous le couvert de l'anonymat.\n",
    ),
];

pub const KB: &str = r#"[[entity]]
id = "fdn"
type = "ORG"
name = "Forces de défense du Nord"
aliases = ["FDN"]
description = "Coalition armée du nord du pays (entité d'exemple)."
ids = { wikidata = "Q000001" }

[[entity]]
id = "tell-semaan"
type = "LOC"
name = "Tell Semaan"
description = "Village (entité d'exemple)."
"#;

pub const CONFIG: &str = "[kb]\npaths = [\"kb\"]\n";

/// Writes the test corpus into `dir`.
pub fn write_corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("kb")).unwrap();
    std::fs::write(dir.join("glose.toml"), CONFIG).unwrap();
    std::fs::write(dir.join("kb/entities.toml"), KB).unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

pub fn uri(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// A connected server, initialized on `root` and done indexing it.
pub struct Session {
    pub client: Client,
    pub root: PathBuf,
    pub utf8: bool,
    /// What the server said it can do, in its answer to `initialize`.
    pub capabilities: Value,
}

/// What the client says it can do.
pub fn capabilities(utf8: bool) -> Value {
    let encodings = if utf8 {
        json!(["utf-8", "utf-16"])
    } else {
        json!(["utf-16"])
    };
    json!({
        "general": { "positionEncodings": encodings },
        "window": { "workDoneProgress": true },
        "workspace": {
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "semanticTokens": { "refreshSupport": true },
            "inlayHint": { "refreshSupport": true },
            "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create"] }
        },
        "textDocument": {
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true },
            "publishDiagnostics": { "relatedInformation": true }
        }
    })
}

/// The options of the servers of the tests: no debounce, two threads.
pub fn options() -> glose_lsp::Options {
    glose_lsp::Options {
        debounce: Duration::ZERO,
        threads: 2,
        plugin_host: None,
    }
}

/// A server with `options`, run in this process: the two ends of its pipe, to read what it
/// writes and to write to it.
pub fn serve(options: glose_lsp::Options) -> (ReadHalf<DuplexStream>, WriteHalf<DuplexStream>) {
    let (client_io, server_io) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_io);
    tokio::spawn(glose_lsp::serve(server_read, server_write, options));
    tokio::io::split(client_io)
}

/// A client of a new server with `options`, in this process, not initialized yet.
pub fn connect(options: glose_lsp::Options) -> Client {
    let (read, write) = serve(options);
    Client::new(read, write)
}

/// A new server, initialized on `root` and done indexing it.
pub async fn start(root: &Path, utf8: bool, options: Value) -> Session {
    let mut client = connect(self::options());
    let root = std::fs::canonicalize(root).unwrap();
    let init = client
        .request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(&root),
                "capabilities": capabilities(utf8),
                "initializationOptions": options,
            }),
        )
        .await
        .expect("initialize");
    assert_eq!(
        init["capabilities"]["positionEncoding"],
        if utf8 { "utf-8" } else { "utf-16" }
    );
    client.notify("initialized", json!({})).await;
    // Indexing ends with the end of its progress.
    client
        .progress_end(TIMEOUT)
        .await
        .expect("indexing finishes");
    Session {
        client,
        root,
        utf8,
        capabilities: init["capabilities"].clone(),
    }
}

/// A new server on a copy of the test corpus (see [`write_corpus`]), initialized with
/// `options` and done indexing it; the folder lives as long as the value returned.
pub async fn session(utf8: bool, options: Value) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let s = start(dir.path(), utf8, options).await;
    (dir, s)
}

/// Like [`session`] (UTF-16, no options), with `more` added to the corpus's `glose.toml`.
pub async fn session_configured(more: &str) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    std::fs::write(dir.path().join("glose.toml"), format!("{CONFIG}\n{more}")).unwrap();
    let s = start(dir.path(), false, json!({})).await;
    (dir, s)
}

impl Session {
    pub fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    pub fn uri(&self, name: &str) -> String {
        uri(&self.path(name))
    }

    /// Opens a file of the corpus as it is on disk; its first diagnostics.
    pub async fn open(&mut self, name: &str) -> Value {
        let text = std::fs::read_to_string(self.path(name)).unwrap();
        self.open_text(name, &text, 1).await
    }

    pub async fn open_text(&mut self, name: &str, text: &str, version: i64) -> Value {
        let uri = self.uri(name);
        let language = if name.ends_with(".toml") {
            "toml"
        } else {
            "plaintext"
        };
        self.client
            .open(&uri, language, version, text, TIMEOUT)
            .await
            .expect("diagnostics after didOpen")
    }

    /// Sends version `version` of the open file `name`: `changes` are its
    /// `contentChanges`.
    pub async fn change(&self, name: &str, version: i64, changes: Value) {
        self.client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": self.uri(name), "version": version},
                       "contentChanges": changes}),
            )
            .await;
    }

    /// The diagnostics published for version `version` of `name`.
    pub async fn diagnostics(&mut self, name: &str, version: i64) -> Value {
        let uri = self.uri(name);
        self.client
            .diagnostics(&uri, Some(version), TIMEOUT)
            .await
            .unwrap_or_else(|| panic!("no diagnostics for version {version} of {name}"))
    }

    pub async fn request(&self, method: &str, params: Value) -> Value {
        self.client
            .request(method, params)
            .await
            .unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// Every name the server highlights in `name`, whose text is `text`, as text.
    pub async fn highlighted(&self, name: &str, text: &str) -> Vec<String> {
        let tokens = self
            .request("textDocument/semanticTokens/full", self.document(name))
            .await;
        semantic_tokens(&tokens["data"])
            .iter()
            .map(|t| covered(text, &t.range, self.utf8).to_owned())
            .collect()
    }

    /// The parameters of a request about the whole file `name`.
    pub fn document(&self, name: &str) -> Value {
        json!({"textDocument": {"uri": self.uri(name)}})
    }

    /// The parameters of a request about lines `from` to `to` (excluded, from 0) of the
    /// file `name`.
    pub fn lines(&self, name: &str, from: u32, to: u32) -> Value {
        json!({"textDocument": {"uri": self.uri(name)},
               "range": {"start": {"line": from, "character": 0},
                         "end": {"line": to, "character": 0}}})
    }

    /// The parameters of a request at line `line`, character `character` (both from 0) of
    /// the file `name`.
    pub fn at_position(&self, name: &str, line: u32, character: u32) -> Value {
        json!({"textDocument": {"uri": self.uri(name)},
               "position": {"line": line, "character": character}})
    }

    /// The parameters of a request at a place of the file `name`, whose text is `text`: the
    /// `shift`th character of the first `needle` in it.
    pub fn at(&self, name: &str, text: &str, needle: &str, shift: usize) -> Value {
        json!({"textDocument": {"uri": self.uri(name)}, "position": self.pos(text, needle, shift)})
    }

    /// The position of the `n`th occurrence of `needle` in `text` (plus `shift`
    /// characters), in the session's encoding.
    pub fn pos(&self, text: &str, needle: &str, shift: usize) -> Value {
        let at = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in text"));
        let at = text[at..]
            .char_indices()
            .nth(shift)
            .map_or(text.len(), |(i, _)| at + i);
        position(text, at, self.utf8)
    }
}

/// The LSP position of byte `offset` of `text` (lines end at \n, \r\n, \r).
pub fn position(text: &str, offset: usize, utf8: bool) -> Value {
    let before = &text[..offset];
    let line_start = before
        .char_indices()
        .rfind(|&(i, c)| c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let line = before
        .char_indices()
        .filter(|&(i, c)| c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n')))
        .count();
    let col = &text[line_start..offset];
    let character = if utf8 {
        col.len()
    } else {
        col.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

/// The byte offset of an LSP position in `text` (the inverse of [`position`]).
pub fn offset(text: &str, pos: &Value, utf8: bool) -> usize {
    let (line, character) = (
        pos["line"].as_u64().unwrap() as usize,
        pos["character"].as_u64().unwrap() as usize,
    );
    let mut start = 0;
    for _ in 0..line {
        let rest = &text[start..];
        let next = rest.find(['\n', '\r']).unwrap();
        start += next
            + if rest[next..].starts_with("\r\n") {
                2
            } else {
                1
            };
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' || c == '\r' {
            return start + i;
        }
        units += if utf8 { c.len_utf8() } else { c.len_utf16() };
    }
    text.len()
}

/// A semantic token: the range it covers, its type and its modifiers.
pub struct Token {
    pub range: Value,
    pub kind: u64,
    pub modifiers: u64,
}

/// The semantic tokens of `data` (the `data` of a semantic tokens answer, positions
/// relative to the token before), with absolute ranges.
pub fn semantic_tokens(data: &Value) -> Vec<Token> {
    let data: Vec<u64> = data
        .as_array()
        .expect("an array of numbers")
        .iter()
        .map(|v| v.as_u64().expect("a number"))
        .collect();
    let (mut line, mut col) = (0, 0);
    data.chunks(5)
        .map(|t| {
            (line, col) = if t[0] > 0 {
                (line + t[0], t[1])
            } else {
                (line, col + t[1])
            };
            Token {
                range: json!({"start": {"line": line, "character": col},
                              "end": {"line": line, "character": col + t[2]}}),
                kind: t[3],
                modifiers: t[4],
            }
        })
        .collect()
}

/// The text a range covers.
pub fn covered<'a>(text: &'a str, range: &Value, utf8: bool) -> &'a str {
    &text[offset(text, &range["start"], utf8)..offset(text, &range["end"], utf8)]
}
