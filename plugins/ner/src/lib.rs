#![doc = include_str!("../README.md")]

mod features;
mod hash;
mod lexicon;
mod model;
pub mod train;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use glose_core::{Annotation, AnnotationStore, Document, Span};
use glose_sdk::{DocumentView, Label, Plugin, TagError, TagOutput, Tagger};

pub use features::{DocFeatures, FEATURE_VERSION, TAGS};
pub use lexicon::{Featurizer, LexiconError, Lexicons};
pub use model::{FORMAT_VERSION, Model, ModelError};

/// The name of this tagger.
pub const NAME: &str = "ner";

/// What this tagger does, in Markdown (its README).
pub const DOCS: &str = include_str!("../README.md");

/// The taggers whose people, organisations and places the model reads as evidence and
/// decides in their place.
pub const SUPERSEDES: &[&str] = &["gazetteer", "names", "acronyms", "variants"];

/// How the default model is named in messages.
pub const DEFAULT_MODEL_NAME: &str = "builtin:fr-news.glner";

#[cfg(glose_default_model)]
static DEFAULT_MODEL_BYTES: Option<&[u8]> = Some(include_bytes!("../model/fr-news.glner"));
#[cfg(not(glose_default_model))]
static DEFAULT_MODEL_BYTES: Option<&[u8]> = None;

/// The default model, read once.
pub fn default_model() -> Result<Arc<Model>, Arc<ModelError>> {
    static MODEL: OnceLock<Result<Arc<Model>, Arc<ModelError>>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let path = Path::new(DEFAULT_MODEL_NAME);
            match DEFAULT_MODEL_BYTES {
                Some(bytes) => {
                    Model::from_bytes(std::borrow::Cow::Borrowed(bytes), path).map(Arc::new)
                }
                None => Err(ModelError::Io {
                    path: path.to_owned(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "this glose was built without a default model",
                    ),
                }),
            }
            .map_err(Arc::new)
        })
        .clone()
}

/// An entity the model found.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub span: Span,
    pub label: Label,
    pub confidence: f32,
}

/// Scratch space reused across documents of one thread.
#[derive(Debug, Default)]
struct Scratch {
    /// The features of one token.
    features: Vec<u32>,
    mask: Vec<u8>,
    scores: Vec<[i32; features::N_TAGS]>,
    back: Vec<[u8; features::N_TAGS]>,
    piece: Vec<u8>,
    tags: Vec<u8>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl Model {
    /// The people, organisations and places of `doc`, given the annotations of the
    /// taggers before (the same call in training, the command line and the server).
    pub fn find(&self, doc: &Document, store: &AnnotationStore) -> Vec<Found> {
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            let s = &mut *s;
            let prepared =
                features::prepare(doc, store, &self.lexicons(), self.hash_bits, &mut s.mask);
            self.emissions_of(&prepared, &mut s.features, &mut s.scores);
            drop(prepared);
            // Sentence by sentence, as in training.
            s.tags.clear();
            let mut from = 0;
            let n = s.scores.len();
            for to in sentence_starts(doc).into_iter().chain(std::iter::once(n)) {
                if to > from {
                    self.decode(
                        &s.scores[from..to],
                        &s.mask[from..to],
                        &mut s.back,
                        &mut s.piece,
                    );
                    s.tags.extend_from_slice(&s.piece);
                    from = to;
                }
            }
            spans(
                doc,
                &s.tags,
                &s.scores,
                &self.start,
                &self.trans,
                self.scale,
            )
        })
    }
}

/// The tokens that start a sentence (the first excepted): after `.`, `!`, `?` or `…`
/// (not the full stop of an initial or of `M.`, `St.`, `Dr.`), and at line breaks.
/// The model decodes each sentence on its own, in training as in tagging.
pub fn sentence_starts(doc: &Document) -> Vec<usize> {
    let text = doc.text();
    let tokens = doc.tokens();
    let mut out = Vec::new();
    for i in 1..tokens.len() {
        let t = &tokens[i];
        let after_stop = match tokens[i - 1].text(text) {
            "!" | "?" | "…" => true,
            "." => {
                !(i >= 2 && {
                    let w = tokens[i - 2].text(text);
                    tokens[i - 1].is_attached()
                        && (w.chars().count() == 1 && w.chars().all(char::is_uppercase)
                            || matches!(
                                w,
                                "M" | "Mme" | "Mlle" | "Me" | "Mgr" | "Dr" | "St" | "Ste" | "Pr"
                            ))
                })
            }
            _ => false,
        };
        if t.has(glose_core::text::Token::LINE_BEFORE) || after_stop {
            out.push(i);
        }
    }
    out
}

/// Whether a full stop after `word` is that of an initial or an abbreviation (`J.`,
/// `M.`, `St.`), not the end of a sentence.
pub(crate) fn abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let one = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    one || matches!(
        word,
        "M" | "Mme" | "Mlle" | "Me" | "Mgr" | "Dr" | "St" | "Ste" | "Pr" | "Jr"
    )
}

/// Divides the margin of a name before the logistic that makes its confidence.
const CONFIDENCE_TEMPERATURE: f32 = 16.0;

/// Entities from tags, with a confidence from how much better the best sequence is
/// than the same without the name.
fn spans(
    doc: &Document,
    tags: &[u8],
    scores: &[[i32; features::N_TAGS]],
    start: &[i32; features::N_TAGS],
    trans: &[[i32; features::N_TAGS]; features::N_TAGS],
    scale: f32,
) -> Vec<Found> {
    let tokens = doc.tokens();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some((label, true)) = features::tag_label(tags[i] as usize) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < tags.len() && tags[j] == tags[i] + 1 {
            j += 1;
        }
        // How much better the best sequence is than the same with this name left out
        // (its tokens outside), in the model's units.
        let before = if i == 0 {
            None
        } else {
            Some(tags[i - 1] as usize)
        };
        let after = tags.get(j).map_or(0, |&t| t as usize);
        let start_or = |t: usize| before.map_or(start[t], |b| trans[b][t]);
        let mut with = start_or(tags[i] as usize) + trans[tags[j - 1] as usize][after];
        let mut without = start_or(0) + trans[0][after];
        for k in i..j {
            with += scores[k][tags[k] as usize];
            without += scores[k][0];
            if k > i {
                with += trans[tags[k - 1] as usize][tags[k] as usize];
                without += trans[0][0];
            }
        }
        let margin = (with - without) as f32 / scale / CONFIDENCE_TEMPERATURE;
        let confidence: f32 = 1.0 / (1.0 + (-margin).exp());
        out.push(Found {
            span: Span::new(tokens[i].start as usize, tokens[j - 1].end as usize),
            label,
            confidence: (confidence * 100.0).round() / 100.0,
        });
        i = j;
    }
    out
}

/// The `ner` tagger.
#[derive(Debug, Clone)]
pub struct Ner {
    model: Arc<Model>,
}

impl Ner {
    pub fn new(model: Arc<Model>) -> Self {
        Ner { model }
    }

    pub fn model(&self) -> &Model {
        &self.model
    }
}

/// Configuration when loaded as a plugin.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A model file instead of the default model.
    pub model: Option<PathBuf>,
}

impl Plugin for Ner {
    type Config = Config;
    const NAME: &'static str = NAME;
    const DESCRIPTION: &'static str =
        "Tags people, organisations and places with a model learned from annotated news.";

    fn new(config: Config) -> Result<Self, String> {
        let model = match config.model {
            Some(path) => Arc::new(Model::load(&path).map_err(|e| e.to_string())?),
            None => default_model().map_err(|e| e.to_string())?,
        };
        Ok(Ner::new(model))
    }
}

#[cfg(feature = "plugin")]
glose_sdk::export_tagger!(Ner);

impl Tagger for Ner {
    glose_sdk::tagger_identity!(requires: [Label::PER, Label::ORG, Label::LOC, Label::DATE], provides: Label::NAMES);

    fn supersedes(&self) -> &[&str] {
        SUPERSEDES
    }

    fn digest(&self, digest: &mut glose_core::digest::Digest) {
        let meta = self.model.meta().to_string();
        digest.str(&meta);
    }

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let mut out = TagOutput::new();
        let store = doc.annotations;
        for f in self.model.find(doc.document, store) {
            let mut a = Annotation::new(f.span, f.label).with_confidence(f.confidence);
            // The link and attributes of a rule tagger's annotation of the same name.
            if let Some(same) = store
                .overlapping(f.span)
                .filter(|b| b.span == f.span && b.label == f.label)
                .max_by_key(|b| (b.entity.is_some(), !b.attrs.is_empty()))
            {
                a.entity = same.entity.clone();
                a.attrs = same.attrs.clone();
                let evidence = match same.attrs.get("evidence").and_then(|v| v.as_str()) {
                    Some(why) => format!("{}: {why}", same.tagger),
                    None => same.tagger.to_owned(),
                };
                a.attrs.insert("evidence".into(), evidence.into());
            }
            out.annotations.push(a);
        }
        Ok(out)
    }
}
