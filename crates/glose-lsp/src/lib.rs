//! The glose language server: the annotations of a corpus of articles in any editor that
//! speaks the Language Server Protocol.
//!
//! `glose lsp` runs [`run_stdio`]. On `initialize` the server loads the configuration and
//! knowledge base of each workspace folder; it then indexes the folder's articles in the
//! background (with progress reports) and serves diagnostics, hovers, go to definition,
//! corpus-wide references, outlines, workspace symbols, semantic tokens, code actions,
//! inlay hints and the `glose/entities` and `glose/quotes` requests. See `docs/editors.md`.
//!
//! How it stays correct under load:
//! - one task ([`actor`]) owns the open documents and applies `didOpen`, `didChange`,
//!   `didSave` and `didClose` in arrival order;
//! - analyses run on the blocking pool over immutable snapshots; every published set of
//!   diagnostics carries its document version, and results for an older version are
//!   dropped; re-analysis after an edit is debounced and the running one cancelled;
//! - request handlers read shared state and never wait for the client;
//! - nothing but the protocol is written to standard output.

mod actions;
mod actor;
mod analysis;
mod corpus;
mod corrections;
mod diagnostics;
mod encoding;
mod engine;
mod events;
mod figures;
mod hover;
mod indexer;
mod markdown;
mod navigation;
mod outline;
mod query;
mod quotes;
mod server;
mod state;

pub use server::{Options, Server, run_stdio, serve};
