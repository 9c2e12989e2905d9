//! Labels and annotations.

use std::borrow::{Borrow, Cow};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crate::span::Span;

/// An annotation label such as `PER` or `QUANTITY`, interned: copying and comparing
/// labels costs nothing.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(&'static str);

impl Label {
    pub const PER: Label = Label("PER");
    pub const ORG: Label = Label("ORG");
    pub const LOC: Label = Label("LOC");
    pub const DATE: Label = Label("DATE");
    pub const QUANTITY: Label = Label("QUANTITY");
    pub const QUOTE: Label = Label("QUOTE");
    pub const MISC: Label = Label("MISC");
    /// The labels of names: people, organisations, places (scored together as the
    /// micro-average).
    pub const NAMES: [Label; 3] = [Label::PER, Label::ORG, Label::LOC];

    /// A label from a string constant, usable in `const` items
    /// (`const WEAPON: Label = Label::from_static("WEAPON");`). The name should be a
    /// valid label name (see [`Label::is_valid_name`]); the pipeline drops annotations
    /// whose label is not.
    pub const fn from_static(name: &'static str) -> Label {
        Label(name)
    }

    /// The label with this name (interned once per distinct name).
    pub fn new(name: &str) -> Label {
        for known in [
            Label::PER,
            Label::ORG,
            Label::LOC,
            Label::DATE,
            Label::QUANTITY,
            Label::QUOTE,
            Label::MISC,
        ] {
            if known.0 == name {
                return known;
            }
        }
        Label(intern(name))
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// Whether annotations with this label name something: a person, an organisation,
    /// a place, another name (`MISC`), or whatever a plugin or a rule file labels
    /// (`HASHTAG`, `WEAPON`…). Every label but `DATE`, `QUANTITY` and `QUOTE`, which
    /// annotate values and quotations. Annotations with such a label are the mentions of
    /// entities that the corpus index counts, in the editor and the report alike (see
    /// [`crate::corpus::entity_key`]).
    pub fn is_entity(self) -> bool {
        !matches!(self, Label::DATE | Label::QUANTITY | Label::QUOTE)
    }

    /// Whether the name is a well-formed label: upper-case ASCII letters, digits and `_`,
    /// starting with a letter.
    pub fn is_valid_name(name: &str) -> bool {
        let mut chars = name.chars();
        chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    }
}

impl fmt::Debug for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Label {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(Label::new(&s))
    }
}

/// A `'static` copy of `s`, made once per distinct string and then shared: for the
/// small, fixed sets of label and tagger names, which are compared and copied often.
pub fn intern(s: &str) -> &'static str {
    static INTERNED: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut set = INTERNED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(interned) = set.get(s) {
        return interned;
    }
    let interned: &'static str = Box::leak(s.to_owned().into_boxed_str());
    set.insert(interned);
    interned
}

/// The id of an entity: a knowledge-base id such as `syrie`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(Arc<str>);

impl EntityId {
    pub fn new(id: &str) -> Self {
        EntityId(Arc::from(id))
    }

    /// The id of a name no knowledge base knows, derived from its label and folded
    /// text: `~per:abou-khaled` for `Abou Khaled`. Spellings that fold alike share it.
    pub fn derived(label: Label, text: &str) -> Self {
        let key = crate::text::fold(text).replace([' ', '\n'], "-");
        EntityId(Arc::from(format!(
            "~{}:{key}",
            label.as_str().to_ascii_lowercase()
        )))
    }

    /// Whether this id was derived from a name rather than taken from the KB.
    pub fn is_derived(&self) -> bool {
        self.0.starts_with('~')
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for EntityId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", &*self.0)
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Free-form attributes of an annotation: the normalised value of a date, the speaker
/// of a quote… A map with its keys in order, so output is deterministic; the keys
/// taggers write are `'static` and cost no allocation.
///
/// An annotation has a few attributes at most: they are kept in one sorted vector (a
/// tree map would allocate a node of eleven slots for the first one, ten times the
/// memory).
#[derive(Clone, Default, PartialEq)]
pub struct Attrs(Vec<(Cow<'static, str>, serde_json::Value)>);

impl Attrs {
    pub fn new() -> Self {
        Attrs(Vec::new())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_ref().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&serde_json::Value> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; the value it had, if any.
    pub fn insert(
        &mut self,
        key: Cow<'static, str>,
        value: serde_json::Value,
    ) -> Option<serde_json::Value> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<serde_json::Value> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &Cow<'static, str>> {
        self.0.iter().map(|(k, _)| k)
    }

    /// Every key with its value, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&Cow<'static, str>, &serde_json::Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<'a> IntoIterator for &'a Attrs {
    type Item = (&'a Cow<'static, str>, &'a serde_json::Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Cow<'static, str>, serde_json::Value)>,
        fn(&'a (Cow<'static, str>, serde_json::Value)) -> Self::Item,
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl FromIterator<(Cow<'static, str>, serde_json::Value)> for Attrs {
    fn from_iter<I: IntoIterator<Item = (Cow<'static, str>, serde_json::Value)>>(iter: I) -> Self {
        let mut attrs = Attrs::new();
        attrs.extend(iter);
        attrs
    }
}

impl Extend<(Cow<'static, str>, serde_json::Value)> for Attrs {
    fn extend<I: IntoIterator<Item = (Cow<'static, str>, serde_json::Value)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl std::ops::Index<&str> for Attrs {
    type Output = serde_json::Value;

    fn index(&self, key: &str) -> &serde_json::Value {
        self.get(key)
            .unwrap_or_else(|| panic!("no attribute `{key}`"))
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Attrs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Attrs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, serde_json::Value>::deserialize(deserializer)?;
        Ok(Attrs(
            map.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect(),
        ))
    }
}

/// One annotation: a labelled span, with the tagger that made it.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    pub span: Span,
    pub label: Label,
    /// Name of the tagger that made it (filled in by the pipeline).
    pub tagger: &'static str,
    /// The entity the span refers to, when known.
    pub entity: Option<EntityId>,
    pub attrs: Attrs,
    /// How sure the tagger is, from 0 to 1.
    pub confidence: f32,
}

impl Annotation {
    pub fn new(span: impl Into<Span>, label: Label) -> Self {
        Annotation {
            span: span.into(),
            label,
            tagger: "",
            entity: None,
            attrs: Attrs::new(),
            confidence: 1.0,
        }
    }

    pub fn with_entity(mut self, entity: EntityId) -> Self {
        self.entity = Some(entity);
        self
    }

    pub fn with_attr(
        mut self,
        key: impl Into<Cow<'static, str>>,
        value: impl Into<serde_json::Value>,
    ) -> Self {
        self.attrs.insert(key.into(), value.into());
        self
    }

    pub fn with_confidence(mut self, confidence: f32) -> Self {
        self.confidence = confidence;
        self
    }

    /// The annotated text.
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        doc_text.get(self.span.range()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_keep_their_keys_in_order_and_read_and_write_as_a_map() {
        let mut attrs = Attrs::new();
        assert!(attrs.is_empty());
        for (k, v) in [("value", 3), ("unit", 1), ("about", 2), ("value", 4)] {
            attrs.insert(Cow::Borrowed(k), serde_json::json!(v));
        }
        assert_eq!(attrs.len(), 3);
        assert_eq!(
            attrs.keys().map(|k| k.as_ref()).collect::<Vec<_>>(),
            ["about", "unit", "value"]
        );
        assert_eq!(attrs["value"], 4);
        assert!(attrs.contains_key("unit") && !attrs.contains_key("units"));
        let json = serde_json::to_string(&attrs).unwrap();
        assert_eq!(json, r#"{"about":2,"unit":1,"value":4}"#);
        let back: Attrs = serde_json::from_str(r#"{"value":4,"about":2,"unit":1}"#).unwrap();
        assert_eq!(back, attrs);
        assert_eq!(attrs.remove("unit"), Some(serde_json::json!(1)));
        assert_eq!(attrs.remove("unit"), None);
        assert_eq!(
            format!("{attrs:?}"),
            r#"{"about": Number(2), "value": Number(4)}"#
        );
    }

    #[test]
    fn labels_are_interned() {
        assert_eq!(Label::new("PER"), Label::PER);
        let a = Label::new("WEAPON");
        let b = Label::new(&String::from("WEAPON"));
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert!(Label::is_valid_name("QUANTITY_2"));
        assert!(!Label::is_valid_name("per"));
        assert!(!Label::is_valid_name(""));
        assert!(!Label::is_valid_name("2X"));
    }

    #[test]
    fn every_label_but_dates_quantities_and_quotes_names_an_entity() {
        for named in [Label::PER, Label::ORG, Label::LOC, Label::MISC] {
            assert!(named.is_entity(), "{named}");
        }
        assert!(Label::new("HASHTAG").is_entity());
        for value in [Label::DATE, Label::QUANTITY, Label::QUOTE] {
            assert!(!value.is_entity(), "{value}");
        }
        assert!(!Label::new(&String::from("QUOTE")).is_entity());
    }

    #[test]
    fn spans() {
        let s = Span::new(2, 5);
        assert!(s.overlaps(Span::new(4, 9)));
        assert!(!s.overlaps(Span::new(5, 9)));
        assert!(s.touches(5));
        assert!(s.contains_span(Span::new(3, 5)));
    }
}
