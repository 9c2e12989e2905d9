//! Every output format of `glose annotate`: JSONL (`jsonl`, the contract other tools
//! read), brat standoff, CoNLL-2003 style IOB2, W3C Web Annotation JSON-LD, quotes as
//! CSV, annotations as tables (one typed row per annotation, [`columns`], as CSV or
//! Parquet), and the pretty text for a terminal. Each module writes a format from a
//! document's text and annotations, and reads it back or checks it against the text.

pub mod brat;
pub mod columns;
pub mod conll;
pub mod csv;
pub mod jsonl;
pub mod parquet;
pub mod pretty;
pub mod quotes;
pub mod webanno;

#[cfg(test)]
mod tests;
