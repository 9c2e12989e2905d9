//! How each default tagger's time grows with the size of one document.
//!
//! `cargo bench -p glose-taggers --bench growth [MB...]` (default 1 4 16) builds one
//! document of each size from the paragraphs of the example corpus (`examples/corpus`,
//! articles written for glose), shuffled so that the text varies, and runs the default
//! taggers over it in their order, each seeing the annotations of those before, as the
//! pipeline does. It prints each tagger's time per megabyte at each size and the ratio
//! of the largest size's figure to the smallest's: a tagger linear in the size of a
//! document keeps that ratio near 1. The last lines give the whole pipeline
//! (`Pipeline::run`, resolution included) the same way.
//!
//! Memory: an allocator that counts every byte allocated gives, for each tagger, the
//! peak of the memory it held while tagging beyond what existed before (its working
//! memory and its output), and for the whole pipeline the peak held while annotating the
//! document, per byte of text (the document's own text and tokens included).

#![allow(clippy::print_stdout)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The system allocator, counting the bytes held and their peak. (The only unsafe code
/// here: a global allocator's methods are unsafe by definition; each forwards to the
/// system allocator with the caller's arguments.)
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to the system allocator with the arguments it was
// given, so the allocator's contract is the system's; the counts only read sizes.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout` (through `alloc`).
        unsafe { System.dealloc(ptr, layout) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was allocated by `System` with `layout`; the caller's size.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = HELD.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                    + (new_size - layout.size());
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                HELD.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Starts measuring: the bytes held now, and the peak from now on.
fn mark() -> usize {
    let now = HELD.load(Ordering::Relaxed);
    PEAK.store(now, Ordering::Relaxed);
    now
}

/// The peak held since [`mark`] returned `base`, beyond `base`.
fn peak_since(base: usize) -> usize {
    PEAK.load(Ordering::Relaxed).saturating_sub(base)
}

use glose_core::tagger::Never;
use glose_core::{AnnotationStore, Document, DocumentView, Pipeline};

/// The paragraphs of the example corpus (its date markers left out).
fn paragraphs() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the example corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("an article");
            text.split("\n\n")
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty() && !p.starts_with("date "))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// About `bytes` of text: the paragraphs in a shuffled order, again and again.
fn document(paragraphs: &[String], bytes: usize) -> String {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut text = String::with_capacity(bytes + 4096);
    while text.len() < bytes {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        text.push_str(&paragraphs[(state % paragraphs.len() as u64) as usize]);
        text.push_str("\n\n");
    }
    text
}

fn main() {
    let sizes: Vec<f64> = {
        let given: Vec<f64> = std::env::args()
            .skip(1)
            .filter_map(|a| a.parse().ok())
            .collect();
        if given.is_empty() {
            vec![1.0, 4.0, 16.0]
        } else {
            given
        }
    };
    let paragraphs = paragraphs();
    let (kb, _) = glose_taggers::assemble::load_kb(
        &glose_core::corpus::Config::default(),
        &glose_taggers::Extra::default(),
    );
    let kb = Arc::new(kb);
    let pipeline =
        Pipeline::new(glose_taggers::default_taggers(kb)).expect("the default taggers order");
    let names: Vec<String> = pipeline.taggers().map(|t| t.name().to_owned()).collect();
    // Milliseconds per MB, by tagger (then the whole pipeline), by size.
    let mut per_mb: Vec<Vec<f64>> = vec![Vec::new(); names.len() + 1];
    for &mb in &sizes {
        let text = document(&paragraphs, (mb * 1_000_000.0) as usize);
        let bytes = text.len() as f64;
        let doc = Document::new("growth.txt", text).expect("a valid document");
        // Tokens are computed on first use: not counted against the first tagger.
        let _ = doc.tokens();
        let mut store = AnnotationStore::new();
        let mut line = format!("{mb:>5} MB:");
        let mut memory = format!("{mb:>5} MB:");
        for (k, tagger) in pipeline.taggers().enumerate() {
            let base = mark();
            let started = Instant::now();
            let out = tagger
                .tag(&DocumentView::new(&doc, &store, &Never))
                .expect("the tagger runs");
            let ms = started.elapsed().as_secs_f64() * 1e3;
            let peak = peak_since(base);
            per_mb[k].push(ms / mb);
            line.push_str(&format!(" {} {:.0}", names[k], ms / mb));
            memory.push_str(&format!(" {} {:.1}", names[k], peak as f64 / bytes));
            store.extend(out.annotations);
        }
        drop(store);
        let text = doc.text().to_owned();
        drop(doc);
        // On a thread of its own: nothing kept by taggers on the thread above (scratch
        // space) is reused, as for the first document a thread annotates.
        let (annotated, ms, peak) = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let base = mark();
                    let started = Instant::now();
                    let doc = Document::new("growth.txt", text).expect("a valid document");
                    let annotated = pipeline.run(&doc);
                    let ms = started.elapsed().as_secs_f64() * 1e3;
                    (annotated, ms, peak_since(base) as f64 + bytes)
                })
                .join()
                .expect("the pipeline runs")
        });
        per_mb[names.len()].push(ms / mb);
        println!("{line} (ms per MB)");
        println!("{memory} (peak bytes held per byte of text, beyond the tokens)");
        println!(
            "{mb:>5} MB: the pipeline {:.0} ms per MB ({:.1} MB/s), {} annotations, \
             peak memory {:.1} bytes per byte of text",
            ms / mb,
            1e3 / (ms / mb),
            annotated.store.len(),
            peak / bytes
        );
        drop(annotated);
    }
    let (first, last) = (sizes[0], sizes[sizes.len() - 1]);
    println!("time per MB at {last} MB / at {first} MB (1.0 = linear):");
    for (k, name) in names
        .iter()
        .chain(["the pipeline".to_owned()].iter())
        .enumerate()
    {
        let figures = &per_mb[k];
        println!(
            "  {name:<14} {:.2}",
            figures[figures.len() - 1] / figures[0].max(1e-9)
        );
    }
}
