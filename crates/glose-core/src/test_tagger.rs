//! A tagger for the tests of this crate: finds fixed words and gives them a label, or
//! misbehaves on purpose.

use crate::annotation::{Annotation, Label, Span};
use crate::tagger::{DocumentView, TagError, TagOutput, Tagger};

/// A test tagger: finds fixed words and gives them a label.
pub(crate) struct Words {
    pub(crate) name: &'static str,
    pub(crate) requires: Vec<Label>,
    pub(crate) provides: Vec<Label>,
    pub(crate) words: Vec<(&'static str, Label)>,
    pub(crate) behaviour: Behaviour,
    /// Words whose annotations say the corpus memory spread them (`evidence = corpus`).
    pub(crate) spread: Vec<&'static str>,
}

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Behaviour {
    Normal,
    Panics,
    /// Panics on the documents whose text contains this.
    PanicsOn(&'static str),
    Fails,
    BadSpans,
    CountsEarlier,
}

impl Tagger for Words {
    fn name(&self) -> &str {
        self.name
    }
    fn version(&self) -> &str {
        "1"
    }
    fn description(&self) -> &str {
        "test tagger"
    }
    fn requires(&self) -> &[Label] {
        &self.requires
    }
    fn provides(&self) -> &[Label] {
        &self.provides
    }
    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let mut out = TagOutput::new();
        match self.behaviour {
            Behaviour::Panics => panic!("boom in {}", self.name),
            Behaviour::PanicsOn(what) => assert!(!doc.text().contains(what), "{what}"),
            Behaviour::Fails => return Err(TagError::Failed("no model".into())),
            Behaviour::BadSpans => {
                let len = doc.text().len();
                out.annotations
                    .push(Annotation::new(len..len + 5, Label::PER));
                out.annotations.push(Annotation::new(1..2, Label::PER)); // inside 'é'
                out.annotations
                    .push(Annotation::new(Span::new(3, 2), Label::PER));
                out.annotations
                    .push(Annotation::new(0..1, Label::new("bad label")));
            }
            Behaviour::CountsEarlier => {
                let n = doc.annotations.len();
                out.annotations
                    .push(Annotation::new(0..1, Label::MISC).with_attr("earlier", n));
            }
            Behaviour::Normal => {}
        }
        for &(word, label) in &self.words {
            for (i, _) in doc.text().match_indices(word) {
                let mut a = Annotation::new(i..i + word.len(), label);
                if self.spread.contains(&word) {
                    a = a.with_attr("evidence", "corpus");
                }
                out.annotations.push(a);
            }
        }
        Ok(out)
    }
}

pub(crate) fn tagger(name: &'static str, requires: &[Label], provides: &[Label]) -> Words {
    Words {
        name,
        requires: requires.to_vec(),
        provides: provides.to_vec(),
        words: Vec::new(),
        behaviour: Behaviour::Normal,
        spread: Vec::new(),
    }
}
