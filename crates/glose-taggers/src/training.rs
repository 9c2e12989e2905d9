//! Training and scoring the `ner` model on gold files: glose's gold JSONL beside its
//! articles, and IOB2 (CoNLL) files. The rule taggers run over every document first,
//! as they do before `ner` in a pipeline, so the model learns from the features it
//! will see.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use glose_core::eval::{self, DocSpans, LabelledSpan, Report};
use glose_core::{Document, KnowledgeBase, Label, Pipeline, Span};
use glose_ner::train::{Example, Options, cuts, project};
use glose_ner::{DocFeatures, Featurizer, Lexicons, Model};
use rayon::prelude::*;

/// A set of gold documents: one gold JSONL file or one IOB2 file.
#[derive(Debug)]
pub struct GoldSet {
    /// How it is named in reports (the file as given).
    pub name: String,
    /// SHA-256 of the gold file's bytes (and of each article's, for JSONL).
    pub digest: String,
    pub docs: Vec<(Document, Vec<LabelledSpan>)>,
    /// How much its mistakes count in training.
    pub weight: f32,
}

/// Why a gold set cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldSetError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Format(String),
}

fn read(path: &Path) -> Result<Vec<u8>, GoldSetError> {
    std::fs::read(path).map_err(|source| GoldSetError::Io {
        path: path.to_owned(),
        source,
    })
}

/// `FILE` or `FILE@WEIGHT`.
pub fn split_weight(arg: &str) -> Result<(PathBuf, f32), String> {
    match arg.rsplit_once('@') {
        Some((path, w)) => match w.parse::<f32>() {
            Ok(w) if w.is_finite() && w > 0.0 => Ok((PathBuf::from(path), w)),
            _ => Err(format!("invalid weight {w:?} in {arg:?}: write FILE@0.5")),
        },
        None => Ok((PathBuf::from(arg), 1.0)),
    }
}

impl GoldSet {
    /// Reads a gold JSONL file; its documents are found beside it.
    pub fn jsonl(path: &Path, weight: f32) -> Result<GoldSet, GoldSetError> {
        let bytes = read(path)?;
        let text = String::from_utf8(bytes.clone())
            .map_err(|e| GoldSetError::Format(format!("{}: not UTF-8: {e}", path.display())))?;
        let gold = eval::read_jsonl(&text, &path.display().to_string())
            .map_err(|e| GoldSetError::Format(e.to_string()))?;
        let folder = path.parent().unwrap_or(Path::new("."));
        let mut digest = glose_core::digest::Digest::new();
        digest.bytes(&bytes);
        let mut docs = Vec::new();
        for d in gold {
            let file = folder.join(&d.doc);
            let bytes = read(&file)?;
            digest.bytes(&bytes);
            let text = String::from_utf8(bytes)
                .map_err(|e| GoldSetError::Format(format!("{}: not UTF-8: {e}", file.display())))?;
            let doc = Document::new(d.doc.clone(), text)
                .map_err(|e| GoldSetError::Format(format!("{}: {e}", file.display())))?;
            docs.push((doc, d.spans));
        }
        Ok(GoldSet {
            name: path.display().to_string(),
            digest: format!("{:016x}", digest.value()),
            docs,
            weight,
        })
    }

    /// Reads an IOB2 file (see [`glose_formats::conll::read_gold`]).
    pub fn conll(path: &Path, weight: f32) -> Result<GoldSet, GoldSetError> {
        let bytes = read(path)?;
        let text = String::from_utf8(bytes.clone())
            .map_err(|e| GoldSetError::Format(format!("{}: not UTF-8: {e}", path.display())))?;
        let name = path.display().to_string();
        let gold = glose_formats::conll::read_gold(&text, &name)
            .map_err(|e| GoldSetError::Format(e.to_string()))?;
        let mut digest = glose_core::digest::Digest::new();
        digest.bytes(&bytes);
        let docs = gold
            .into_iter()
            .filter_map(|g| Document::new(g.name, g.text).ok().map(|d| (d, g.spans)))
            .collect();
        Ok(GoldSet {
            name,
            digest: format!("{:016x}", digest.value()),
            docs,
            weight,
        })
    }

    /// Reads a gold file by its extension: `.jsonl` is glose's gold, anything else IOB2.
    pub fn open(path: &Path, weight: f32) -> Result<GoldSet, GoldSetError> {
        if path.extension().is_some_and(|e| e == "jsonl") {
            GoldSet::jsonl(path, weight)
        } else {
            GoldSet::conll(path, weight)
        }
    }

    /// The number of tokens of its documents.
    pub fn tokens(&self) -> usize {
        self.docs.iter().map(|(d, _)| d.tokens().len()).sum()
    }
}

/// The rule taggers over the default KB, in a pipeline: what runs before `ner`.
pub fn rule_pipeline() -> Pipeline {
    let (kb, _) = KnowledgeBase::load(&glose_gazetteer::builtin_sources());
    // The default set orders without error (a test checks it).
    Pipeline::new(crate::rule_taggers(Arc::new(kb))).unwrap_or_else(|_| {
        Pipeline::new(Vec::new()).unwrap_or_else(|_| unreachable!("an empty pipeline orders"))
    })
}

/// Runs the rule taggers over a set (its documents seen as one corpus) and calls `f`
/// on each document with their annotations, in parallel; results in document order.
fn with_rules<T: Send>(
    set: &GoldSet,
    pipeline: &Pipeline,
    f: impl Fn(&Document, &glose_core::AnnotationStore, &[LabelledSpan]) -> T + Sync,
) -> Vec<T> {
    if pipeline.observes() {
        // A fresh pipeline per set: what it learns of one corpus stays there.
        set.docs.par_iter().for_each(|(d, _)| pipeline.observe(d));
    }
    set.docs
        .par_iter()
        .map(|(d, spans)| {
            let annotated = pipeline.run(d);
            f(d, &annotated.store, spans)
        })
        .collect()
}

/// Training examples from a set; also returns how many gold spans did not fall on
/// token boundaries.
pub fn examples(set: &GoldSet, featurizer: &Featurizer) -> (Vec<Example>, usize) {
    let pipeline = rule_pipeline();
    let out = with_rules(set, &pipeline, |doc, store, spans| {
        let mut features = DocFeatures::default();
        featurizer.extract(doc, store, &mut features);
        let spans: Vec<(Span, Label)> = spans.iter().map(|s| (s.span(), s.label)).collect();
        let p = project(doc, &spans);
        let cuts = cuts(doc, &p.tags);
        (
            Example {
                features,
                gold: p.tags,
                cuts,
                weight: set.weight,
            },
            p.misaligned,
        )
    });
    let misaligned = out.iter().map(|(_, m)| m).sum();
    (out.into_iter().map(|(e, _)| e).collect(), misaligned)
}

/// Scores a model on a set: PER, ORG and LOC, strict spans (other gold labels are
/// left out).
pub fn score(model: &Model, set: &GoldSet) -> Report {
    let pipeline = rule_pipeline();
    let keep = |l: Label| l == Label::PER || l == Label::ORG || l == Label::LOC;
    let predicted = with_rules(set, &pipeline, |doc, store, _| DocSpans {
        doc: doc.path().to_owned(),
        spans: model
            .find(doc, store)
            .into_iter()
            .map(|f| LabelledSpan {
                start: f.span.start,
                end: f.span.end,
                label: f.label,
                text: Some(doc.slice(f.span).to_owned()),
            })
            .collect(),
    });
    let gold: Vec<DocSpans> = set
        .docs
        .iter()
        .map(|(d, spans)| DocSpans {
            doc: d.path().to_owned(),
            spans: spans.iter().filter(|s| keep(s.label)).cloned().collect(),
        })
        .collect();
    eval::evaluate(&gold, &predicted)
}

/// What `train` reports as it goes.
pub trait Progress {
    fn examples(&mut self, set: &GoldSet, docs: usize, tokens: usize, misaligned: usize);
    fn epoch(&mut self, epoch: usize, epochs: usize, mistakes: usize, pieces: usize);
}

/// Trains a model on `train`, recording what it was trained on in its metadata.
pub fn train(
    train: &[GoldSet],
    lexicons: Lexicons,
    options: &Options,
    progress: &mut dyn Progress,
) -> Model {
    let mut all = Vec::new();
    let mut sources = Vec::new();
    let featurizer = Featurizer::new(&lexicons, options.hash_bits);
    for set in train {
        let (ex, misaligned) = examples(set, &featurizer);
        let tokens: usize = ex.iter().map(|e| e.gold.len()).sum();
        progress.examples(set, ex.len(), tokens, misaligned);
        sources.push(serde_json::json!({
            "file": file_name(&set.name),
            "digest": set.digest,
            "documents": ex.len(),
            "tokens": tokens,
            "weight": set.weight,
        }));
        all.extend(ex);
    }
    let (words, phrases) = lexicons.len();
    let meta = serde_json::json!({
        "glose": env!("CARGO_PKG_VERSION"),
        "trained_on": sources,
        "epochs": options.epochs,
        "hash_bits": options.hash_bits,
        "seed": options.seed,
        "lexicon_words": words,
        "lexicon_phrases": phrases,
    });
    let epochs = options.epochs;
    glose_ner::train::train(&all, lexicons, options, meta, &mut |e, m, p| {
        progress.epoch(e, epochs, m, p);
    })
}

/// The last two components of a path, `/`-separated: enough to recognise a file in a
/// model's metadata without recording where it was on the machine that trained it.
fn file_name(name: &str) -> String {
    let parts: Vec<&str> = Path::new(name)
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    parts[parts.len().saturating_sub(2)..].join("/")
}
