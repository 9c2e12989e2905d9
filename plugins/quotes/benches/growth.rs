//! How the `quotes` tagger's time grows with the size of one document.
//!
//! `cargo bench -p glose-quotes --bench growth` builds documents of 0.5 to 8 MB from
//! paragraphs of our own (names, quotes with speakers after and before them, pronouns,
//! an opening mark never closed) and prints the time per megabyte at each size. A tagger
//! linear in the size of a document keeps that figure flat; the last line states the
//! ratio of the largest document's figure to the smallest's.

#![allow(clippy::print_stdout)]

use std::time::Instant;

use glose_core::tagger::Never;
use glose_core::{Annotation, AnnotationStore, Document, Label};
use glose_quotes::Quotes;
use glose_sdk::{DocumentView, Tagger};

/// One paragraph, with the names to annotate in it.
fn paragraph(n: usize, text: &mut String, names: &mut Vec<Annotation>) {
    let person = format!("Jeanne Ortolan{n}");
    let surname = format!("Ortolan{n}");
    let union = format!("Syndicat{n}");
    let mut name = |text: &mut String, s: &str, label: Label| {
        names.push(Annotation::new(text.len()..text.len() + s.len(), label));
        text.push_str(s);
    };
    text.push_str("\n\nLa déléguée ");
    name(text, &person, Label::PER);
    text.push_str(" a estimé que « la négociation reste ouverte jusqu'à la fin du mois ». ");
    text.push_str("« Nous ne signerons rien sans garanties », a déclaré mercredi ");
    name(text, &surname, Label::PER);
    text.push_str(". « Ce sera long », a-t-elle ajouté. Pour le ");
    name(text, &union, Label::ORG);
    text.push_str(", « le compte n'y est pas ». Un « oubli » de la direction, selon un ");
    text.push_str("responsable du site, retarde tout. Le mot « grève » revient souvent et ");
    text.push_str("un guillemet « reste ouvert dans ce paragraphe sans jamais être refermé.");
}

fn document(bytes: usize) -> (String, AnnotationStore) {
    let (mut text, mut names) = (String::new(), Vec::new());
    let mut n = 0;
    while text.len() < bytes {
        paragraph(n, &mut text, &mut names);
        n += 1;
    }
    (text, AnnotationStore::from_vec(names))
}

fn main() {
    let mut per_mb = Vec::new();
    for mb in [0.5, 1.0, 2.0, 4.0, 8.0] {
        let (text, store) = document((mb * 1_000_000.0) as usize);
        let doc = Document::new("growth.txt", &text).expect("a valid document");
        let started = Instant::now();
        let out = Quotes
            .tag(&DocumentView::new(&doc, &store, &Never))
            .expect("quotes");
        let seconds = started.elapsed().as_secs_f64();
        let quotes = out.annotations.len();
        per_mb.push(seconds / mb);
        println!(
            "{mb:>4} MB: {quotes:>7} quotes in {:>8.1} ms, {:>6.1} ms per MB",
            seconds * 1e3,
            seconds * 1e3 / mb
        );
    }
    println!(
        "time per MB at 8 MB / at 0.5 MB: {:.2} (1.0 = linear)",
        per_mb[per_mb.len() - 1] / per_mb[0]
    );
}
