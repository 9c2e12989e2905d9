//! The HTML report of a corpus (what `glose report` writes): one self-contained page with
//! the most mentioned names by type, a timeline by article date, the network of names
//! that appear together, and the quotes grouped by speaker.
//!
//! A [`Gatherer`] takes the analysed articles one at a time, in corpus order, each with
//! its resolved annotations (the layer `glose annotate` writes);
//! [`Gatherer::finish`] summarises them into a [`Report`], with the names of the knowledge
//! base and the [`Limits`] of what is shown; [`Report::render_html`] writes the page.
//! [`Report::build`] does the first two steps for articles already in hand.
//!
//! Inside, `data` gathers and summarises the figures, `layout` places the network,
//! `html` writes the page. The page depends only on the articles, their order and the
//! knowledge base: the same corpus gives the same bytes, whatever the number of threads
//! that annotated it.
//!
//! ```
//! use glose_core::{Annotation, Document, KnowledgeBase, Label};
//! use glose_report::{Limits, Report};
//!
//! let text = " date 2019-03\nKarim Haddad est arrivé à Raqqa.";
//! let document = Document::new("a.txt", text).unwrap();
//! let start = text.find("Raqqa").unwrap();
//! let annotations = vec![Annotation::new(start..start + "Raqqa".len(), Label::LOC)];
//! let report = Report::build(
//!     "Raqqa".to_owned(),
//!     [(&document, &annotations)],
//!     &KnowledgeBase::default(),
//!     Limits::default(),
//! );
//! let page = report.render_html();
//! assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Raqqa"));
//! ```

mod data;
mod html;
mod layout;

use glose_core::{Annotation, Document, KnowledgeBase};

pub use data::{Gatherer, Limits, Report};

impl Report {
    /// The report titled `title` of `documents`, each with its resolved annotations, in
    /// corpus order: [`Gatherer::add`] for each, then [`Gatherer::finish`]. No file is
    /// counted as skipped or unreadable.
    pub fn build<'a, A>(
        title: String,
        documents: impl IntoIterator<Item = (&'a Document, A)>,
        kb: &KnowledgeBase,
        limits: Limits,
    ) -> Report
    where
        A: IntoIterator<Item = &'a Annotation>,
    {
        let mut gatherer = Gatherer::default();
        for (document, annotations) in documents {
            gatherer.add(document, annotations);
        }
        gatherer.finish(title, kb, limits)
    }

    /// The page: HTML with inline CSS, SVG and a little JavaScript (the page works without
    /// it), nothing fetched; every text from the corpus or the knowledge base is escaped.
    pub fn render_html(&self) -> String {
        html::render(self)
    }
}
