//! Write a glose tagger plugin.
//!
//! A plugin is a Rust crate built as a `cdylib`. Its author writes a type that implements
//! [`Tagger`] (what it tags) and [`Plugin`] (its name and how it is configured), and one
//! line, [`export_tagger!`], which exports the C entry point glose loads. Everything
//! unsafe lives in this crate: the plugin's own code is safe Rust.
//!
//! ```
//! use glose_sdk::{Annotation, DocumentView, Label, Plugin, TagError, TagOutput, Tagger};
//!
//! /// Tags every word written in capitals as an `ACRONYM`.
//! pub struct Acronyms {
//!     min_len: usize,
//! }
//!
//! #[derive(serde::Deserialize, Default)]
//! #[serde(default)]
//! pub struct Config {
//!     min_len: Option<usize>,
//! }
//!
//! impl Tagger for Acronyms {
//!     glose_sdk::tagger_identity!(provides: [Label::MISC]);
//!     fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
//!         let mut out = TagOutput::new();
//!         let text = doc.text();
//!         let mut start = None;
//!         for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
//!             match (c.is_ascii_uppercase(), start) {
//!                 (true, None) => start = Some(i),
//!                 (false, Some(s)) => {
//!                     if i - s >= self.min_len {
//!                         out.annotations.push(Annotation::new(s..i, Label::MISC));
//!                     }
//!                     start = None;
//!                 }
//!                 _ => {}
//!             }
//!         }
//!         Ok(out)
//!     }
//! }
//!
//! impl Plugin for Acronyms {
//!     type Config = Config;
//!     const NAME: &'static str = "acronyms";
//!     const DESCRIPTION: &'static str = "Tags words written in capitals.";
//!     fn new(config: Config) -> Result<Self, String> {
//!         Ok(Acronyms { min_len: config.min_len.unwrap_or(2) })
//!     }
//! }
//!
//! glose_sdk::export_tagger!(Acronyms);
//!
//! let out = glose_sdk::testing::tag_text(&Acronyms { min_len: 2 }, "L'ONU et l'OTAN.");
//! assert_eq!(out.annotations.len(), 2);
//! // The same, as a fixture: the text with the annotations the tagger must make.
//! glose_sdk::testing::check_fixture_text(&Acronyms { min_len: 2 }, "L'[[ONU|MISC]] et l'[[OTAN|MISC]].");
//! ```
//!
//! Fixture files (`tests/fixtures/*.txt`, checked by [`testing::check_fixtures`]) are
//! the usual way to test a tagger: see the guide to writing plugins (`docs/plugins.md`).
//!
//! The exported functions catch every panic before it reaches glose (a panic becomes an
//! error status with the panic's message); a plugin built with `panic = "abort"` says
//! so in its descriptor, and glose then runs it only in a separate process.

#![allow(unsafe_code)]

pub use glose_abi as abi;
pub use glose_core::tagger::{Cancel, Never};
pub use glose_core::{
    Annotation, AnnotationStore, Attrs, Diagnostic, Document, DocumentView, EntityId, Fix, Label,
    Severity, Span, TagError, TagOutput, Tagger, TextEdit,
};

mod ffi;
mod fixture;

/// A tagger that glose can load from a shared library.
pub trait Plugin: Tagger + Sized + 'static {
    /// The configuration, from the `config` table of the plugin's `[[plugin]]` entry in
    /// `glose.toml`, as JSON. It is `{}` when there is none, so give the fields defaults.
    type Config: serde::de::DeserializeOwned;
    /// The tagger's name: short, kebab-case, unique. `Tagger::name` should return it.
    const NAME: &'static str;
    /// One sentence saying what it tags.
    const DESCRIPTION: &'static str;
    /// Makes a tagger from its configuration; an error message refuses it.
    fn new(config: Self::Config) -> Result<Self, String>;
}

/// The configuration of a plugin that takes none: only `{}` (or no `config` table) is
/// accepted, an unknown key is an error.
#[derive(Clone, Copy, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoConfig {}

/// Declares a [`Plugin`] that takes no configuration and starts from its `Default`, its
/// name and description stated once: `glose_sdk::plugin!(Dates, NAME, "Tags dates.");`.
#[macro_export]
macro_rules! plugin {
    ($plugin:ty, $name:expr, $description:expr $(,)?) => {
        impl $crate::Plugin for $plugin {
            type Config = $crate::NoConfig;
            const NAME: &'static str = $name;
            const DESCRIPTION: &'static str = $description;

            fn new(_: $crate::NoConfig) -> Result<Self, String> {
                Ok(<$plugin as Default>::default())
            }
        }
    };
}

/// The identity methods of [`Tagger`] from the [`Plugin`] declaration, so that a tagger
/// states its name and description once (as `Plugin::NAME` and `Plugin::DESCRIPTION`)
/// and its version once (the crate's): write `glose_sdk::tagger_identity!();` first in
/// `impl Tagger for MyTagger { … }`.
///
/// The labels it reads and makes, and whether it observes the corpus first, can be
/// declared in the same line:
/// `glose_sdk::tagger_identity!(requires: Label::NAMES, provides: [Label::QUOTE]);`,
/// `glose_sdk::tagger_identity!(provides: [Label::DATE]);`, or with `observes` last
/// (`…, provides: Label::NAMES, observes);`).
#[macro_export]
macro_rules! tagger_identity {
    () => {
        fn name(&self) -> &str {
            <Self as $crate::Plugin>::NAME
        }

        fn version(&self) -> &str {
            env!("CARGO_PKG_VERSION")
        }

        fn description(&self) -> &str {
            <Self as $crate::Plugin>::DESCRIPTION
        }
    };
    ($(requires: $requires:expr,)? provides: $provides:expr $(, $observes:ident)? $(,)?) => {
        $crate::tagger_identity!();
        $(
            fn requires(&self) -> &[$crate::Label] {
                &$requires
            }
        )?

        fn provides(&self) -> &[$crate::Label] {
            &$provides
        }
        $($crate::tagger_identity!(@$observes);)?
    };
    (@observes) => {
        fn observes(&self) -> bool {
            true
        }
    };
}

/// Exports the C entry point of a plugin: `export_tagger!(MyTagger);` once in the crate,
/// with `MyTagger: Plugin`. The crate must be built with `crate-type = ["cdylib"]`.
#[macro_export]
macro_rules! export_tagger {
    ($plugin:ty) => {
        /// The entry point glose looks up: returns this plugin's descriptor.
        #[allow(unsafe_code)]
        #[unsafe(no_mangle)]
        pub extern "C" fn glose_tagger_entry_v1(
            host_major: u32,
            host_minor: u32,
        ) -> *const $crate::abi::PluginV1 {
            static DESCRIPTOR: $crate::__private::Descriptor =
                $crate::__private::Descriptor::new::<$plugin>(
                    env!("CARGO_PKG_VERSION"),
                    cfg!(panic = "abort"),
                );
            DESCRIPTOR.entry(host_major, host_minor)
        }
    };
}

/// Helpers to test a tagger without loading it.
pub mod testing {
    use super::*;

    /// Runs `tagger` on `text` (a document named `test.txt`, no earlier annotations).
    ///
    /// # Panics
    /// If the text is too large to be a document, or the tagger returns an error.
    pub fn tag_text(tagger: &dyn Tagger, text: &str) -> TagOutput {
        let document = Document::new("test.txt", text).expect("a test text is small enough");
        let store = AnnotationStore::new();
        tagger
            .tag(&DocumentView::new(&document, &store, &Never))
            .expect("the tagger succeeds")
    }

    /// Checks `tagger` against every fixture file (`*.txt`) of the folder `dir` (a
    /// relative path is relative to the crate's folder when run by `cargo test`).
    ///
    /// A fixture file holds one or more documents, separated by lines `---`, with the
    /// annotations written inline as in the annotation guide:
    ///
    /// ```text
    /// # Full dates and months.
    /// Le [[21 février 2019|DATE value=2019-02-21]], puis en [[juin|DATE !value]].
    /// ---
    /// {{Karim Haddad|PER}} : [[« Nous tenons la ville »|QUOTE speaker=Karim Haddad]].
    /// ```
    ///
    /// - `[[text|LABEL]]` is an annotation the tagger must make; every one it makes must
    ///   be written (none missing, none extra), with its exact span and label.
    /// - `key=value` after the label checks that key, and only the keys written are
    ///   checked. `entity`, `confidence` and `tagger` are the annotation's fields of
    ///   those names; any other key is an attribute. A value is JSON when it reads as
    ///   JSON (`400`, `true`, `[300,400]`, `"2014"`), a string otherwise (`2019-02-21`,
    ///   `Karim Haddad`). `!key` checks that there is none.
    /// - `{{text|LABEL key=value}}` is given to the tagger as an earlier tagger's
    ///   annotation, for taggers that read them (`requires`).
    /// - Lines starting with `# ` are comments; blank lines around a document are not
    ///   part of it. Annotations may nest, and span lines.
    ///
    /// With `GLOSE_BLESS=1` in the environment, a file whose documents differ is
    /// rewritten with the tagger's output (keeping the keys written for each
    /// annotation, none for new ones, and the comments) instead of failing.
    ///
    /// # Panics
    /// If a document differs (with a report showing the text with the tagger's
    /// markup), a file cannot be read or parsed, or the folder has no fixture.
    pub fn check_fixtures(tagger: &dyn Tagger, dir: impl AsRef<std::path::Path>) {
        let bless = crate::fixture::blessing();
        let failures: Vec<String> = crate::fixture::files_in(dir.as_ref())
            .unwrap_or_else(|e| panic!("{e}"))
            .iter()
            .filter_map(|file| crate::fixture::check_file(tagger, file, bless).err())
            .collect();
        if !failures.is_empty() {
            panic!(
                "the tagger's output differs from the fixtures (- expected, + found):\n\n{}\n\n\
                 To accept the tagger's output, run again with {}=1 and review the change.",
                failures.join("\n\n"),
                crate::fixture::BLESS
            );
        }
    }

    /// Checks `tagger` against one fixture file (see [`check_fixtures`]).
    ///
    /// # Panics
    /// If a document differs, or the file cannot be read or parsed.
    pub fn check_fixture_file(tagger: &dyn Tagger, path: impl AsRef<std::path::Path>) {
        let bless = crate::fixture::blessing();
        if let Err(e) = crate::fixture::check_file(tagger, path.as_ref(), bless) {
            panic!("the tagger's output differs from the fixture (- expected, + found):\n\n{e}");
        }
    }

    /// Checks `tagger` against a fixture written in a string (see [`check_fixtures`];
    /// there is no file to rewrite, so `GLOSE_BLESS` does nothing here).
    ///
    /// # Panics
    /// If a document differs, or the markup cannot be parsed.
    pub fn check_fixture_text(tagger: &dyn Tagger, fixture: &str) {
        if let Err(e) = crate::fixture::check_text(tagger, fixture) {
            panic!("the tagger's output differs from the fixture (- expected, + found):\n\n{e}");
        }
    }
}

#[doc(hidden)]
pub mod __private {
    pub use crate::ffi::Descriptor;
}
