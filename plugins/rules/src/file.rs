//! Reading rule files: TOML with `[[phrases]]` and `[[pattern]]` tables.

use std::path::{Path, PathBuf};

use glose_core::text::{Encoding, LineIndex, NameMatcher, fold};
use glose_core::toml_keys::{self, Shape};
use glose_core::{Attrs, EntityId, Label, Problem, Severity};
use serde::Deserialize;
use toml::Spanned;

/// The largest compiled size of one regular expression.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// The keys of a rule file (see [`RawFile`], [`RawPhrases`] and [`RawPattern`]); the
/// others are reported as warnings and left out.
const KEYS: &[(&str, Shape)] = &[
    (
        "phrases",
        Shape::Tables(
            &[
                ("label", Shape::Value),
                ("names", Shape::Value),
                ("entity", Shape::Value),
                ("confidence", Shape::Value),
                ("attrs", Shape::Value),
            ],
            None,
        ),
    ),
    (
        "pattern",
        Shape::Tables(
            &[
                ("label", Shape::Value),
                ("regex", Shape::Value),
                ("group", Shape::Value),
                ("context", Shape::Value),
                ("window", Shape::Value),
                ("entity", Shape::Value),
                ("confidence", Shape::Value),
                ("attrs", Shape::Value),
            ],
            None,
        ),
    ),
];

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    phrases: Vec<Spanned<RawPhrases>>,
    #[serde(default)]
    pattern: Vec<Spanned<RawPattern>>,
}

#[derive(Deserialize)]
struct RawPhrases {
    label: Spanned<String>,
    names: Vec<Spanned<String>>,
    entity: Option<Spanned<String>>,
    confidence: Option<f32>,
    #[serde(default)]
    attrs: Attrs,
}

#[derive(Deserialize)]
struct RawPattern {
    label: Spanned<String>,
    regex: Spanned<String>,
    #[serde(default)]
    group: Option<Spanned<Group>>,
    #[serde(default)]
    context: Vec<String>,
    window: Option<usize>,
    entity: Option<Spanned<String>>,
    confidence: Option<f32>,
    #[serde(default)]
    attrs: Attrs,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Group {
    Index(usize),
    Name(String),
}

/// A rule of either kind, as read.
enum Rule {
    Phrases(RawPhrases),
    Pattern(RawPattern),
}

impl Rule {
    /// What the rule's matches become, checked (problems go to `report`).
    fn output(&mut self, report: &mut dyn FnMut(usize, String)) -> Option<Output> {
        let (label, entity, confidence, attrs) = match self {
            Rule::Phrases(r) => (&r.label, r.entity.as_ref(), r.confidence, &mut r.attrs),
            Rule::Pattern(r) => (&r.label, r.entity.as_ref(), r.confidence, &mut r.attrs),
        };
        output(label, entity, confidence, std::mem::take(attrs), report)
    }
}

/// What every rule carries into its annotations.
#[derive(Clone, Debug)]
pub(crate) struct Output {
    pub(crate) label: Label,
    pub(crate) entity: Option<EntityId>,
    pub(crate) confidence: f32,
    pub(crate) attrs: Attrs,
}

#[derive(Debug)]
pub(crate) struct PatternRule {
    pub(crate) regex: regex::Regex,
    pub(crate) group: usize,
    /// Folded context words; empty for none.
    pub(crate) context: Vec<String>,
    pub(crate) window: usize,
    pub(crate) output: Output,
}

/// The compiled rules of a set of files.
#[derive(Debug, Default)]
pub struct Rules {
    pub(crate) phrases: Vec<Output>,
    pub(crate) matcher: NameMatcher,
    pub(crate) patterns: Vec<PatternRule>,
    pub(crate) labels: Vec<Label>,
    /// A stable digest of the rule files they were compiled from.
    pub(crate) digest: u64,
}

impl Rules {
    /// Every label the rules give.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.phrases.len() + self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Rule files under `paths`: files as given, folders searched for `*.toml` in name order.
pub(crate) fn rule_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = match std::fs::read_dir(path) {
                Ok(entries) => entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
                    .collect(),
                Err(e) => {
                    problems.push(file_problem(path, format!("cannot read: {e}")));
                    continue;
                }
            };
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    (files, problems)
}

fn file_problem(path: &Path, message: String) -> Problem {
    Problem::new(
        path.display().to_string(),
        Severity::Error,
        "rules",
        message,
    )
}

/// Reads and compiles rule files. What is valid loads; every problem is returned.
pub fn load(paths: &[PathBuf]) -> (Rules, Vec<Problem>) {
    let (files, mut problems) = rule_files(paths);
    let sources: Vec<(String, String)> = files
        .iter()
        .filter_map(|file| match std::fs::read_to_string(file) {
            Ok(text) => Some((file.display().to_string(), text)),
            Err(e) => {
                problems.push(file_problem(file, format!("cannot read: {e}")));
                None
            }
        })
        .collect();
    let (rules, more) = compile(&sources);
    problems.extend(more);
    (rules, problems)
}

/// Compiles rule files given as `(name, text)`.
pub fn compile(sources: &[(String, String)]) -> (Rules, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut phrases: Vec<Output> = Vec::new();
    let mut names: Vec<(String, usize)> = Vec::new();
    let mut patterns = Vec::new();
    for (file, text) in sources {
        // Lines and columns as editors count them (and as KB and configuration
        // problems give them): lines end at `\n`, `\r\n` or `\r`, a BOM is invisible.
        let lines = LineIndex::new(text);
        let place = |offset: usize| {
            let mut offset = offset.min(text.len());
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            let pos = lines.line_col(offset, Encoding::Utf32).unwrap_or_default();
            glose_core::Place {
                span: Some(glose_core::Span::new(offset, offset)),
                line: pos.line + 1,
                column: pos.col + 1,
            }
        };
        let problem = |offset: usize, severity: Severity, message: String| {
            Problem::new(file.clone(), severity, "rules", message).at(place(offset))
        };
        let (raw, unknown) = toml_keys::from_str::<RawFile>(text, KEYS);
        for key in unknown {
            let mut warning = problem(key.span.start, Severity::Warning, key.message);
            if let Some(place) = &mut warning.place {
                place.span = Some(key.span.into());
            }
            problems.push(warning);
        }
        let raw = match raw {
            Ok(raw) => raw,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                problems.push(problem(
                    offset,
                    Severity::Error,
                    e.message().trim().to_owned(),
                ));
                continue;
            }
        };
        // Phrases, then patterns, each in file order; a rule's output is checked first.
        let phrase_rules = raw
            .phrases
            .into_iter()
            .map(|r| (r.span().start, Rule::Phrases(r.into_inner())));
        let pattern_rules = raw
            .pattern
            .into_iter()
            .map(|r| (r.span().start, Rule::Pattern(r.into_inner())));
        for (start, mut rule) in phrase_rules.chain(pattern_rules) {
            let Some(output) =
                rule.output(&mut |o, m| problems.push(problem(o, Severity::Error, m)))
            else {
                continue;
            };
            match rule {
                Rule::Phrases(rule) => {
                    if rule.names.is_empty() {
                        problems.push(problem(
                            start,
                            Severity::Error,
                            "a `[[phrases]]` rule needs at least one name".into(),
                        ));
                        continue;
                    }
                    let owner = phrases.len();
                    for name in &rule.names {
                        if !fold(name.get_ref()).starts_with(char::is_alphanumeric) {
                            problems.push(problem(
                                name.span().start,
                                Severity::Error,
                                format!(
                                    "name {:?} does not begin with a letter or a digit",
                                    name.get_ref()
                                ),
                            ));
                        } else {
                            names.push((name.get_ref().clone(), owner));
                        }
                    }
                    phrases.push(output);
                }
                Rule::Pattern(rule) => {
                    let regex = match regex::RegexBuilder::new(rule.regex.get_ref())
                        .size_limit(REGEX_SIZE_LIMIT)
                        .build()
                    {
                        Ok(regex) => regex,
                        Err(e) => {
                            problems.push(problem(
                                rule.regex.span().start,
                                Severity::Error,
                                format!("invalid regex: {e}"),
                            ));
                            continue;
                        }
                    };
                    let group = match rule.group.as_ref().map(|g| (g.span().start, g.get_ref())) {
                        None => 0,
                        Some((_, Group::Index(i))) if *i < regex.captures_len() => *i,
                        Some((at, Group::Index(i))) => {
                            problems.push(problem(
                                at,
                                Severity::Error,
                                format!("the regex has no group {i}"),
                            ));
                            continue;
                        }
                        Some((at, Group::Name(name))) => {
                            match regex.capture_names().position(|n| n == Some(name.as_str())) {
                                Some(i) => i,
                                None => {
                                    problems.push(problem(
                                        at,
                                        Severity::Error,
                                        format!("the regex has no group named {name:?}"),
                                    ));
                                    continue;
                                }
                            }
                        }
                    };
                    patterns.push(PatternRule {
                        regex,
                        group,
                        context: rule
                            .context
                            .iter()
                            .map(|c| fold(c))
                            .filter(|c| !c.is_empty())
                            .collect(),
                        window: rule.window.unwrap_or(50),
                        output,
                    });
                }
            }
        }
    }
    let (matcher, conflicts) = NameMatcher::new(names.iter().map(|(n, o)| (n.as_str(), *o)));
    for c in conflicts {
        problems.push(Problem::new(
            "(rules)",
            Severity::Warning,
            "rules",
            format!(
                "the phrase {:?} is in two rules ({} and {}); the first keeps it",
                c.name, phrases[c.kept_by].label, phrases[c.claimed_by].label
            ),
        ));
    }
    // Report in file order, whatever kind of rule each problem is about.
    problems.sort_by(|a, b| (&a.file, a.position()).cmp(&(&b.file, b.position())));
    let mut labels: Vec<Label> = phrases
        .iter()
        .map(|p| p.label)
        .chain(patterns.iter().map(|p| p.output.label))
        .collect();
    labels.sort();
    labels.dedup();
    (
        Rules {
            phrases,
            matcher,
            patterns,
            labels,
            digest: {
                let mut d = glose_core::digest::Digest::new();
                for (file, text) in sources {
                    d.str(file).str(text);
                }
                d.value()
            },
        },
        problems,
    )
}

/// The output of a rule, or `None` after reporting what is wrong with it.
fn output(
    label: &Spanned<String>,
    entity: Option<&Spanned<String>>,
    confidence: Option<f32>,
    attrs: Attrs,
    report: &mut dyn FnMut(usize, String),
) -> Option<Output> {
    if !Label::is_valid_name(label.get_ref()) {
        report(
            label.span().start,
            format!(
                "invalid label {:?}: use upper-case ASCII letters, digits and `_`",
                label.get_ref()
            ),
        );
        return None;
    }
    if let Some(entity) = entity
        && entity.get_ref().trim().is_empty()
    {
        report(entity.span().start, "empty entity id".into());
        return None;
    }
    let confidence = confidence.unwrap_or(1.0);
    if !(0.0..=1.0).contains(&confidence) {
        report(
            label.span().start,
            format!("confidence {confidence} is not between 0 and 1"),
        );
        return None;
    }
    Some(Output {
        label: Label::new(label.get_ref()),
        entity: entity.map(|e| EntityId::new(e.get_ref())),
        confidence,
        attrs,
    })
}
