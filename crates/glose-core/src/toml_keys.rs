//! The keys a TOML file of glose may have (KB files, rule files, `glose.toml`), and
//! what to do with the others: a misspelt key is reported, with the known key it is
//! closest to, and left out; the rest of its table and of the file still load.

use std::ops::Range;

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

/// What a key holds, for the search of unknown keys.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// A value not looked into: a string, a number, an array of them, or a table whose
    /// keys are free (external ids, attributes, a plugin's own configuration).
    Value,
    /// A table with these keys (`[kb]`).
    Table(&'static [(&'static str, Shape)]),
    /// An array of tables with these keys (`[[entity]]`); the second field names the
    /// key whose string value names each table in messages (`id` of an entity).
    Tables(&'static [(&'static str, Shape)], Option<&'static str>),
}

/// A key that the file's format does not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKey {
    pub key: String,
    /// Byte span of the key in the file.
    pub span: Range<usize>,
    /// `unknown key `alias` in [[entity]] `karim-haddad`; did you mean `aliases`?`
    pub message: String,
}

/// Parses `text`, takes out every key that `keys` (the keys of the top level) does not
/// know, at every level, then deserializes what is left.
///
/// The unknown keys are returned whether or not the rest deserializes; a syntax error
/// leaves none (the error says where the file stops making sense).
pub fn from_str<'a, T: Deserialize<'a>>(
    text: &'a str,
    keys: &'static [(&'static str, Shape)],
) -> (Result<T, toml::de::Error>, Vec<UnknownKey>) {
    let mut root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => return (Err(e), Vec::new()),
    };
    let mut unknown = Vec::new();
    strip(root.get_mut(), keys, &Where::Top, &mut unknown);
    unknown.sort_by_key(|u| u.span.start);
    (T::deserialize(toml::de::Deserializer::from(root)), unknown)
}

/// Which table the keys are in, for messages.
enum Where {
    Top,
    /// `[path]`.
    Table(String),
    /// `[[path]]`, and the name of this one when it has one.
    Tables(String, Option<String>),
}

impl Where {
    fn describe(&self) -> String {
        match self {
            Where::Top => "at the top level".to_owned(),
            Where::Table(path) => format!("in [{path}]"),
            Where::Tables(path, None) => format!("in [[{path}]]"),
            Where::Tables(path, Some(name)) => format!("in [[{path}]] `{name}`"),
        }
    }

    /// The dotted path of a key of this table.
    fn child(&self, key: &str) -> String {
        match self {
            Where::Top => key.to_owned(),
            Where::Table(path) | Where::Tables(path, _) => format!("{path}.{key}"),
        }
    }
}

fn strip(
    table: &mut DeTable<'_>,
    keys: &'static [(&'static str, Shape)],
    at: &Where,
    unknown: &mut Vec<UnknownKey>,
) {
    let mut gone = Vec::new();
    for key in table.keys() {
        let name: &str = key.get_ref();
        if keys.iter().any(|(k, _)| *k == name) {
            continue;
        }
        let mut message = format!("unknown key `{name}` {}", at.describe());
        if let Some(close) = closest(name, keys.iter().map(|(k, _)| *k)) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        gone.push(name.to_owned());
        unknown.push(UnknownKey {
            key: name.to_owned(),
            span: key.span(),
            message,
        });
    }
    for key in &gone {
        table.remove(key.as_str());
    }
    for (key, value) in table.iter_mut() {
        let Some((_, shape)) = keys.iter().find(|(k, _)| *k == key.get_ref().as_ref()) else {
            continue;
        };
        let path = at.child(key.get_ref());
        match (*shape, value.get_mut()) {
            (Shape::Table(inner), DeValue::Table(t)) => {
                strip(t, inner, &Where::Table(path), unknown);
            }
            (Shape::Tables(inner, name_key), DeValue::Array(items)) => {
                for item in items.iter_mut() {
                    if let DeValue::Table(t) = item.get_mut() {
                        let name = name_key
                            .and_then(|n| t.get(n))
                            .and_then(|v| v.get_ref().as_str())
                            .map(str::to_owned);
                        strip(t, inner, &Where::Tables(path.clone(), name), unknown);
                    }
                }
            }
            // Free values, and values of the wrong type (deserializing reports them).
            _ => {}
        }
    }
}

/// The known key closest to `key`, if it is close enough to be what was meant: at most
/// two edits, or a third of its length for a long key, and fewer edits than it has
/// characters (ignoring case).
pub fn closest<'k>(key: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let key = key.to_lowercase();
    let length = key.chars().count();
    let allowed = 2.max(length / 3).min(length.saturating_sub(1));
    known
        .into_iter()
        .map(|k| (edit_distance(&key, &k.to_lowercase()), k))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// The number of insertions, deletions, substitutions and swaps of two neighbouring
/// characters that turn `a` into `b` (optimal string alignment distance).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two rows back (for swaps), the previous one, the current one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("alias", "aliases"), 2);
        assert_eq!(edit_distance("tpye", "type"), 1);
        assert_eq!(edit_distance("nom", "name"), 2);
        assert_eq!(edit_distance("", "id"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("é", "e"), 1);
    }

    #[test]
    fn suggestions_only_when_close() {
        let keys = [
            "id",
            "type",
            "name",
            "aliases",
            "kind",
            "description",
            "ids",
        ];
        assert_eq!(closest("alias", keys), Some("aliases"));
        assert_eq!(closest("Name", keys), Some("name"));
        assert_eq!(closest("descripton", keys), Some("description"));
        assert_eq!(closest("tpye", keys), Some("type"));
        // Two characters cannot both be wrong, and a far word gets no suggestion.
        assert_eq!(closest("xy", keys), None);
        assert_eq!(closest("wikidata", keys), None);
    }

    const INNER: &[(&str, Shape)] = &[("name", Shape::Value), ("free", Shape::Value)];
    const TOP: &[(&str, Shape)] = &[
        ("section", Shape::Table(INNER)),
        ("item", Shape::Tables(INNER, Some("name"))),
    ];

    #[derive(Deserialize, Debug, PartialEq)]
    struct Top {
        #[serde(default)]
        section: Option<Inner>,
        #[serde(default)]
        item: Vec<Inner>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Inner {
        name: String,
        free: Option<toml::Table>,
    }

    #[test]
    fn unknown_keys_at_every_level_are_left_out() {
        let text = "nmae = 1\n[section]\nname = \"s\"\nnam = 2\n\
                    [[item]]\nname = \"a\"\nfree = { anything = 1 }\nfre = 3\n[[item]]\nname = \"b\"\n";
        let (parsed, unknown) = from_str::<Top>(text, TOP);
        let parsed = parsed.unwrap();
        assert_eq!(parsed.item.len(), 2);
        assert_eq!(parsed.section.unwrap().name, "s");
        assert_eq!(parsed.item[0].free.as_ref().unwrap()["anything"], 1.into());
        let messages: Vec<&str> = unknown.iter().map(|u| u.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown key `nmae` at the top level",
                "unknown key `nam` in [section]; did you mean `name`?",
                "unknown key `fre` in [[item]] `a`; did you mean `free`?",
            ]
        );
        assert_eq!(&text[unknown[2].span.clone()], "fre");
    }

    #[test]
    fn type_errors_still_fail_and_unknown_keys_are_still_found() {
        let (parsed, unknown) = from_str::<Top>("[[item]]\nname = 3\nnme = \"x\"\n", TOP);
        assert!(parsed.is_err());
        assert_eq!(unknown.len(), 1);
        let (parsed, unknown) = from_str::<Top>("[[item]\n", TOP);
        assert!(parsed.is_err());
        assert!(unknown.is_empty());
    }
}
