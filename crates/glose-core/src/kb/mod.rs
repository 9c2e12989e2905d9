//! The knowledge base: entities loaded from TOML files (format in `docs/kb.md`), each
//! remembering where it was defined, and one automaton over all their names.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::annotation::{EntityId, Label, Span};
use crate::diagnostic::Severity;
use crate::text::{Encoding, LineIndex, NameMatch, NameMatcher, fold, is_word_char};
use crate::toml_keys::{self, Shape};

/// Which layer a KB file belongs to: corpus files override the default KB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    /// The knowledge base that ships with glose.
    Builtin,
    /// Files of the corpus or given on the command line.
    User,
}

/// The text of one KB file and its name for messages (a path, or `builtin:NAME`).
#[derive(Clone, Debug)]
pub struct KbSource {
    pub name: Arc<str>,
    pub text: String,
    pub layer: Layer,
}

impl KbSource {
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<String>, layer: Layer) -> Self {
        KbSource {
            name: name.into(),
            text: text.into(),
            layer,
        }
    }

    /// Reads a KB file, or every `*.toml` file of a folder and its subfolders, in name
    /// order. Files that cannot be read are reported and skipped.
    pub fn read_path(path: &Path, layer: Layer) -> (Vec<KbSource>, Vec<crate::Problem>) {
        let mut sources = Vec::new();
        let mut problems = Vec::new();
        let files: Vec<PathBuf> = if path.is_dir() {
            let mut files = Vec::new();
            for entry in walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
            {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        if e.path().extension().is_some_and(|x| x == "toml") {
                            files.push(e.into_path());
                        }
                    }
                    Ok(_) => {}
                    Err(e) => problems.push(file_problem(
                        e.path().unwrap_or(path).display().to_string(),
                        format!("cannot read: {e}"),
                    )),
                }
            }
            if files.is_empty() && problems.is_empty() {
                problems.push(file_problem(
                    path.display().to_string(),
                    "no *.toml file in this folder".to_owned(),
                ));
            }
            files
        } else {
            vec![path.to_owned()]
        };
        for file in files {
            let name = file.display().to_string();
            match std::fs::read(&file) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => sources.push(KbSource::new(name, text, layer)),
                    Err(e) => problems.push(file_problem(
                        name,
                        format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
                    )),
                },
                Err(e) => problems.push(file_problem(name, format!("cannot read: {e}"))),
            }
        }
        (sources, problems)
    }
}

/// Where something is in a KB file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KbLocation {
    pub file: Arc<str>,
    /// Byte span in the file (for an entity, its `[[entity]]` header).
    pub span: Span,
    /// One-based line.
    pub line: u32,
    /// One-based column, in characters.
    pub column: u32,
}

impl fmt::Display for KbLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A problem of a whole KB file (code `kb`).
fn file_problem(file: String, message: String) -> crate::Problem {
    crate::Problem::new(file, Severity::Error, "kb", message)
}

impl KbLocation {
    /// The place of this location in its file, for a [`crate::Problem`].
    pub fn place(&self) -> crate::Place {
        crate::Place {
            span: Some(self.span),
            line: self.line,
            column: self.column,
        }
    }
}

/// One entity of the knowledge base.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub id: EntityId,
    /// The label its mentions get (`PER`, `ORG`, `LOC`…).
    pub label: Label,
    /// Canonical name.
    pub name: String,
    /// Other names (the canonical name is not repeated here).
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    pub description: Option<String>,
    /// External ids (`wikidata`, `geonames`…).
    pub ids: BTreeMap<String, String>,
    /// Where it is defined.
    pub origin: KbLocation,
    pub layer: Layer,
}

impl Entity {
    /// The name and then the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// All entities, by id, with the automaton over their names.
#[derive(Debug, Default)]
pub struct KnowledgeBase {
    entities: Vec<Entity>,
    by_id: HashMap<EntityId, usize>,
    matcher: NameMatcher,
}

/// The keys of a KB file (see [`RawFile`] and [`RawEntity`]).
const KEYS: &[(&str, Shape)] = &[("entity", Shape::Tables(ENTITY_KEYS, Some("id")))];
const ENTITY_KEYS: &[(&str, Shape)] = &[
    ("id", Shape::Value),
    ("type", Shape::Value),
    ("name", Shape::Value),
    ("aliases", Shape::Value),
    ("kind", Shape::Value),
    ("description", Shape::Value),
    ("ids", Shape::Value),
];

/// A KB file as written; keys not in [`KEYS`] are reported and left out before.
#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    entity: Vec<Spanned<RawEntity>>,
}

#[derive(Deserialize)]
struct RawEntity {
    id: Option<Spanned<String>>,
    #[serde(rename = "type")]
    label: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    kind: Option<String>,
    description: Option<String>,
    #[serde(default)]
    ids: BTreeMap<String, String>,
}

impl KnowledgeBase {
    /// Loads KB files. Problems are returned, never fatal: what is valid loads.
    ///
    /// See `docs/kb.md` for the rules: a corpus entity replaces a default one with the
    /// same id and wins a shared alias; within a layer, the first definition wins.
    pub fn load(sources: &[KbSource]) -> (KnowledgeBase, Vec<crate::Problem>) {
        let mut problems = Vec::new();
        let mut entities: Vec<Entity> = Vec::new();
        let mut by_id: HashMap<EntityId, usize> = HashMap::new();
        for source in sources {
            let lines = LineIndex::new(&source.text);
            let locate = |span: std::ops::Range<usize>| {
                let pos = lines
                    .line_col(span.start.min(source.text.len()), Encoding::Utf32)
                    .unwrap_or_default();
                KbLocation {
                    file: source.name.clone(),
                    span: span.into(),
                    line: pos.line + 1,
                    column: pos.col + 1,
                }
            };
            let (raw, unknown) = toml_keys::from_str::<RawFile>(&source.text, KEYS);
            for key in unknown {
                problems.push(
                    crate::Problem::new(
                        source.name.to_string(),
                        Severity::Warning,
                        "kb",
                        key.message,
                    )
                    .at(locate(key.span).place()),
                );
            }
            let raw = match raw {
                Ok(raw) => raw,
                Err(e) => {
                    problems.push(
                        crate::Problem::new(
                            source.name.to_string(),
                            Severity::Error,
                            "kb",
                            e.message().trim(),
                        )
                        .at(locate(e.span().unwrap_or(0..0)).place()),
                    );
                    continue;
                }
            };
            for spanned in raw.entity {
                let origin = locate(spanned.span());
                let raw = spanned.into_inner();
                let error = |span: std::ops::Range<usize>, message: String| {
                    crate::Problem::new(source.name.to_string(), Severity::Error, "kb", message)
                        .at(locate(span).place())
                };
                let [id, label, name] =
                    match identity(raw.id, raw.label, raw.name, origin.span.range(), error) {
                        Ok(identity) => identity,
                        Err(problem) => {
                            problems.push(problem);
                            continue;
                        }
                    };
                let mut bad_name = false;
                for n in std::iter::once(&name).chain(&raw.aliases) {
                    if !fold(n.get_ref()).starts_with(is_word_char) {
                        problems.push(error(
                            n.span(),
                            format!(
                                "name {:?} does not begin with a letter or a digit",
                                n.get_ref()
                            ),
                        ));
                        bad_name = true;
                    }
                }
                if bad_name {
                    continue;
                }
                let entity_id = EntityId::new(id.get_ref());
                let entity = Entity {
                    id: entity_id.clone(),
                    label: Label::new(label.get_ref()),
                    name: name.into_inner(),
                    aliases: raw.aliases.into_iter().map(Spanned::into_inner).collect(),
                    kind: raw.kind,
                    description: raw.description,
                    ids: raw.ids,
                    origin,
                    layer: source.layer,
                };
                match by_id.get(&entity_id) {
                    Some(&i) if entities[i].layer < source.layer => entities[i] = entity,
                    Some(&i) if entities[i].layer > source.layer => {}
                    Some(&i) => problems.push(error(
                        id.span(),
                        format!(
                            "duplicate id `{entity_id}`, first defined at {}; this one is ignored",
                            entities[i].origin
                        ),
                    )),
                    None => {
                        by_id.insert(entity_id, entities.len());
                        entities.push(entity);
                    }
                }
            }
        }
        let (matcher, alias_problems) = build_matcher(&entities);
        problems.extend(alias_problems);
        (
            KnowledgeBase {
                entities,
                by_id,
                matcher,
            },
            problems,
        )
    }

    /// A stable digest of the entities (ids, types, names, aliases, external ids).
    pub fn digest(&self, digest: &mut crate::digest::Digest) {
        digest.u64(self.entities.len() as u64);
        for e in &self.entities {
            digest.str(e.id.as_str()).str(e.label.as_str());
            for name in e.names() {
                digest.str(name);
            }
            for (scheme, id) in &e.ids {
                digest.str(scheme).str(id);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The automaton over every name and alias; match owners are indices into
    /// [`KnowledgeBase::entities`].
    pub fn matcher(&self) -> &NameMatcher {
        &self.matcher
    }

    /// Finds every KB name in `text` (see the matching rules in `docs/kb.md`); match
    /// owners are indices into [`KnowledgeBase::entities`].
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        self.matcher.find(text)
    }
}

/// Compiles the names of `entities`: corpus entities before default ones, so they win
/// shared names; a name shared within one layer is reported.
fn build_matcher(entities: &[Entity]) -> (NameMatcher, Vec<crate::Problem>) {
    let order = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.layer == Layer::User)
        .chain(
            entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.layer == Layer::Builtin),
        );
    let names = order.flat_map(|(i, e)| e.names().map(move |n| (n, i)));
    let (matcher, conflicts) = NameMatcher::new(names);
    let problems = conflicts
        .into_iter()
        .filter_map(|c| {
            let (owner, entity) = (&entities[c.kept_by], &entities[c.claimed_by]);
            (owner.layer == entity.layer).then(|| {
                crate::Problem::new(
                    entity.origin.file.to_string(),
                    Severity::Warning,
                    "kb",
                    format!(
                        "the name {:?} of `{}` is also a name of `{}` ({}), which keeps it",
                        c.name, entity.id, owner.id, owner.origin
                    ),
                )
                .at(entity.origin.place())
            })
        })
        .collect();
    (matcher, problems)
}

/// The id, type and name of an entity (`whole` is where it is written), checked in
/// that order: the first that is missing or invalid refuses the entity.
fn identity(
    id: Option<Spanned<String>>,
    label: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    whole: std::ops::Range<usize>,
    error: impl Fn(std::ops::Range<usize>, String) -> crate::Problem,
) -> Result<[Spanned<String>; 3], crate::Problem> {
    let id = id.ok_or_else(|| error(whole.clone(), "entity without `id`".into()))?;
    if !is_valid_id(id.get_ref()) {
        return Err(error(
            id.span(),
            format!(
                "invalid id {:?}: use lower-case ASCII letters, digits and `-._:/`, \
                 starting with a letter or digit",
                id.get_ref()
            ),
        ));
    }
    let missing = |field: &str| {
        error(
            whole.clone(),
            format!("entity `{}` has no `{field}`", id.get_ref()),
        )
    };
    let label = label.ok_or_else(|| missing("type"))?;
    if !Label::is_valid_name(label.get_ref()) {
        return Err(error(
            label.span(),
            format!(
                "invalid type {:?}: use upper-case ASCII letters, digits and `_` \
                 (PER, ORG, LOC…)",
                label.get_ref()
            ),
        ));
    }
    let name = name.ok_or_else(|| missing("name"))?;
    Ok([id, label, name])
}

fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_' | ':' | '/')
        })
}

#[cfg(test)]
mod tests;
