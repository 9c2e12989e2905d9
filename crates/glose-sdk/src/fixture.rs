//! Fixtures: texts with the annotations a tagger should make written inline, in the
//! markup of the annotation guide, checked against what the tagger makes.
//!
//! The format is described in the guide to writing plugins (`docs/plugins.md`) and on
//! [`crate::testing::check_fixtures`]. In short: a fixture file holds documents separated
//! by lines `---`; lines starting with `# ` are comments; `[[text|LABEL key=value]]` is an
//! annotation the tagger must make, `{{text|LABEL key=value}}` one given to it as made by
//! an earlier tagger. The keys `entity`, `confidence` and `tagger` are the annotation's
//! fields of those names, other keys its attributes; `!key` says the key is absent.

use std::cmp::Reverse;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{Annotation, AnnotationStore, Document, DocumentView, EntityId, Label, Never, Span};
use crate::{TagOutput, Tagger};

/// The environment variable that makes a fixture check rewrite the files it checks with
/// the tagger's output instead of failing.
pub(crate) const BLESS: &str = "GLOSE_BLESS";

/// Whether an annotation of the markup is given to the tagger or expected from it.
/// (Given sorts first: of two annotations on the same span, it is written outside.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Given,
    Expected,
}

impl Kind {
    fn open(self) -> &'static str {
        match self {
            Kind::Given => "{{",
            Kind::Expected => "[[",
        }
    }

    fn close(self) -> &'static str {
        match self {
            Kind::Given => "}}",
            Kind::Expected => "]]",
        }
    }
}

/// A key written after the label: `key=value`, or `!key` (`value` is `None`).
#[derive(Clone, Debug, PartialEq)]
struct Field {
    key: String,
    value: Option<Value>,
}

/// An annotation written in the markup.
#[derive(Clone, Debug)]
struct Marked {
    span: Span,
    label: Label,
    kind: Kind,
    fields: Vec<Field>,
    /// The line of the file (from 1) where it opens.
    line: usize,
}

/// One document of a fixture file.
#[derive(Debug)]
struct Case {
    text: String,
    marked: Vec<Marked>,
    /// The index in the file's lines of each line of the document.
    lines: Vec<usize>,
}

/// A fixture file: its lines and its documents.
#[derive(Debug)]
struct FixtureFile {
    lines: Vec<String>,
    cases: Vec<Case>,
    ends_with_newline: bool,
}

fn is_comment(line: &str) -> bool {
    line == "#" || line.starts_with("# ")
}

fn is_separator(line: &str) -> bool {
    line.trim_end() == "---"
}

impl FixtureFile {
    fn parse(src: &str) -> Result<FixtureFile, String> {
        let lines: Vec<String> = src
            .lines()
            .map(|l| l.strip_suffix('\r').unwrap_or(l).to_owned())
            .collect();
        let mut cases = Vec::new();
        let mut current: Vec<usize> = Vec::new();
        for i in 0..=lines.len() {
            let line = lines.get(i).map(String::as_str);
            if line.is_some_and(|l| !is_separator(l)) {
                if !is_comment(line.unwrap_or_default()) {
                    current.push(i);
                }
                continue;
            }
            // The end of a document: blank lines around it are not part of it.
            let blank = |&k: &usize| lines[k].trim().is_empty();
            let first = current.iter().position(|k| !blank(k));
            let last = current.iter().rposition(|k| !blank(k));
            if let (Some(first), Some(last)) = (first, last) {
                cases.push(Case::parse(&lines, current[first..=last].to_vec())?);
            }
            current.clear();
        }
        Ok(FixtureFile {
            lines,
            cases,
            ends_with_newline: src.ends_with('\n'),
        })
    }

    /// The file with the documents `changed` (index, new markup) rewritten.
    fn rewrite(&self, changed: &[(usize, String)]) -> String {
        let mut lines = self.lines.clone();
        for (case, markup) in changed {
            let slots = &self.cases[*case].lines;
            let new: Vec<&str> = markup.split('\n').collect();
            debug_assert_eq!(new.len(), slots.len(), "markup keeps the lines of the text");
            for (&slot, line) in slots.iter().zip(new) {
                lines[slot] = line.to_owned();
            }
        }
        let mut out = lines.join("\n");
        if self.ends_with_newline {
            out.push('\n');
        }
        out
    }
}

impl Case {
    fn parse(lines: &[String], slots: Vec<usize>) -> Result<Case, String> {
        let src = slots
            .iter()
            .map(|&k| lines[k].as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let line_of = |offset: usize| slots[src[..offset].matches('\n').count()] + 1;
        let (text, marked) = parse_markup(&src, line_of)?;
        Ok(Case {
            text,
            marked,
            lines: slots,
        })
    }

    fn first_line(&self) -> usize {
        self.lines[0] + 1
    }
}

/// The plain text of `src` and its annotations; `line_of` gives the file's line of an
/// offset in `src`, for messages.
fn parse_markup(
    src: &str,
    line_of: impl Fn(usize) -> usize,
) -> Result<(String, Vec<Marked>), String> {
    let mut text = String::with_capacity(src.len());
    let mut open: Vec<(Kind, usize, usize)> = Vec::new();
    let mut marked = Vec::new();
    let mut i = 0;
    while i < src.len() {
        let rest = &src[i..];
        if let Some(kind) = [Kind::Expected, Kind::Given]
            .into_iter()
            .find(|k| rest.starts_with(k.open()))
        {
            open.push((kind, text.len(), i));
            i += 2;
            continue;
        }
        if let Some(close) = parse_close(rest) {
            let Some((kind, start, at)) = open.pop() else {
                return Err(format!(
                    "line {}: `{}` closes nothing",
                    line_of(i),
                    &rest[..close.len]
                ));
            };
            if kind != close.kind {
                return Err(format!(
                    "line {}: `{}` opened at line {} is closed by `{}`",
                    line_of(i),
                    kind.open(),
                    line_of(at),
                    close.kind.close()
                ));
            }
            for field in &close.fields {
                check_field(kind, field).map_err(|e| format!("line {}: {e}", line_of(i)))?;
            }
            marked.push(Marked {
                span: Span::new(start, text.len()),
                label: close.label,
                kind,
                fields: close.fields,
                line: line_of(at),
            });
            i += close.len;
            continue;
        }
        if rest.starts_with("]]") || rest.starts_with("}}") {
            return Err(format!(
                "line {}: `{}` is not the end of an annotation (`|LABEL key=value{}`)",
                line_of(i),
                &rest[..2],
                &rest[..2]
            ));
        }
        let c = rest.chars().next().unwrap_or_default();
        text.push(c);
        i += c.len_utf8();
    }
    if let Some(&(kind, _, at)) = open.last() {
        return Err(format!(
            "line {}: `{}` is never closed",
            line_of(at),
            kind.open()
        ));
    }
    Ok((text, marked))
}

/// Refuses the keys that cannot be written so.
fn check_field(kind: Kind, field: &Field) -> Result<(), String> {
    match (kind, field.key.as_str(), &field.value) {
        (Kind::Given, key, None) => Err(format!(
            "`!{key}`: a given annotation says what it has, not what it lacks"
        )),
        (_, "confidence" | "tagger", None) => {
            Err(format!("`!{}`: every annotation has one", field.key))
        }
        (_, "confidence", Some(v)) if !v.is_number() => {
            Err(format!("`confidence={v}`: a confidence is a number"))
        }
        _ => Ok(()),
    }
}

/// The end of an annotation: `|LABEL`, its keys, and `]]` or `}}`.
#[derive(Debug)]
struct Close {
    label: Label,
    fields: Vec<Field>,
    kind: Kind,
    /// Its length in bytes.
    len: usize,
}

fn parse_close(rest: &str) -> Option<Close> {
    let after_bar = rest.strip_prefix('|')?;
    let label_len = after_bar
        .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
        .unwrap_or(after_bar.len());
    let label = &after_bar[..label_len];
    if !Label::is_valid_name(label) {
        return None;
    }
    let mut j = 1 + label_len;
    let mut fields = Vec::new();
    loop {
        if let Some(kind) = close_at(&rest[j..]) {
            return Some(Close {
                label: Label::new(label),
                fields,
                kind,
                len: j + 2,
            });
        }
        let r = rest[j..].strip_prefix(' ')?;
        j += 1;
        if let Some(after) = r.strip_prefix('!') {
            let n = key_len(after)?;
            let next = &after[n..];
            if !(next.starts_with(' ') || close_at(next).is_some()) {
                return None;
            }
            fields.push(Field {
                key: after[..n].to_owned(),
                value: None,
            });
            j += 1 + n;
            continue;
        }
        let n = key_len(r)?;
        if !r[n..].starts_with('=') {
            return None;
        }
        let key = r[..n].to_owned();
        j += n + 1;
        let (value, len) = parse_value(&rest[j..])?;
        fields.push(Field {
            key,
            value: Some(value),
        });
        j += len;
    }
}

/// The kind of annotation `]]` or `}}` at the start of `s` ends.
fn close_at(s: &str) -> Option<Kind> {
    [Kind::Expected, Kind::Given]
        .into_iter()
        .find(|k| s.starts_with(k.close()))
}

/// The length of the key at the start of `s`: `[a-z_][a-z0-9_]*`.
fn key_len(s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    if !(first.is_ascii_lowercase() || first == '_') {
        return None;
    }
    Some(
        s.find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(s.len()),
    )
}

/// Whether a value ends at the start of `s`: the end of the annotation, or a space and
/// the next key.
fn value_ends_at(s: &str) -> bool {
    if close_at(s).is_some() {
        return true;
    }
    let Some(r) = s.strip_prefix(' ') else {
        return false;
    };
    if let Some(after) = r.strip_prefix('!') {
        return key_len(after).is_some_and(|n| {
            let next = &after[n..];
            next.starts_with(' ') || close_at(next).is_some()
        });
    }
    key_len(r).is_some_and(|n| r[n..].starts_with('='))
}

/// The value at the start of `s` and its length: JSON when it starts as JSON and is
/// followed by the end of the value; otherwise the text up to the end of the value,
/// read as JSON if it is (`400`, `true`) and as a string if not (`2019-03`, `Paul Tessier`).
fn parse_value(s: &str) -> Option<(Value, usize)> {
    if s.starts_with(['"', '[', '{']) {
        let mut values = serde_json::Deserializer::from_str(s).into_iter::<Value>();
        if let Some(Ok(value)) = values.next() {
            let n = values.byte_offset();
            if value_ends_at(&s[n..]) {
                return Some((value, n));
            }
        }
    }
    let mut end = None;
    for (k, c) in s.char_indices() {
        if value_ends_at(&s[k..]) {
            end = Some(k);
            break;
        }
        if c == '\n' {
            return None;
        }
    }
    let raw = &s[..end?];
    let value = serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_owned()));
    Some((value, raw.len()))
}

/// Whether the string `s` can be written as it is, without JSON quotes: it reads back
/// as the same string.
fn is_bare(s: &str) -> bool {
    !s.starts_with(|c: char| c.is_whitespace() || matches!(c, '"' | '[' | '{'))
        && !s.ends_with(char::is_whitespace)
        && !s.contains(['\n', '\r'])
        && !s.contains("[[")
        && !s.contains("{{")
        && serde_json::from_str::<Value>(s).is_err()
        && ["]]", "}}"].iter().all(|end| {
            let then = format!("{s}{end}");
            s.char_indices().all(|(k, _)| !value_ends_at(&then[k..]))
        })
}

/// A value as written in the markup.
fn write_value(value: &Value) -> String {
    match value {
        Value::String(s) if is_bare(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A string as a value.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// ` key=value` or ` !key`.
fn write_field(out: &mut String, key: &str, value: Option<&Value>) {
    match value {
        Some(v) => {
            let _ = write!(out, " {key}={}", write_value(v));
        }
        None => {
            let _ = write!(out, " !{key}");
        }
    }
}

/// A confidence as a JSON number that prints as the `f32` does (`0.8`, not
/// `0.800000011920929`).
fn confidence_value(c: f32) -> Value {
    c.to_string()
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// What `a` has for `key` (an attribute, or the field `entity`, `confidence`, `tagger`).
fn actual_field(a: &Annotation, key: &str) -> Option<Value> {
    match key {
        "entity" => a
            .entity
            .as_ref()
            .map(|e| Value::String(e.as_str().to_owned())),
        "confidence" => Some(confidence_value(a.confidence)),
        "tagger" => Some(Value::String(a.tagger.to_owned())),
        key => a.attrs.get(key).cloned(),
    }
}

fn field_matches(field: &Field, a: &Annotation) -> bool {
    match (field.key.as_str(), &field.value) {
        ("entity", None) => a.entity.is_none(),
        ("entity", Some(v)) => a.entity.as_ref().is_some_and(|e| e.as_str() == text_of(v)),
        ("confidence", v) => v
            .as_ref()
            .and_then(Value::as_f64)
            .is_some_and(|c| c as f32 == a.confidence),
        ("tagger", v) => v.as_ref().is_some_and(|v| text_of(v) == a.tagger),
        (key, None) => !a.attrs.contains_key(key),
        (key, Some(v)) => a.attrs.get(key) == Some(v),
    }
}

/// The annotation a given one stands for.
fn given_annotation(m: &Marked) -> Annotation {
    let mut a = Annotation::new(m.span, m.label);
    for field in &m.fields {
        let Some(value) = &field.value else { continue };
        match field.key.as_str() {
            "entity" => a.entity = Some(EntityId::new(&text_of(value))),
            "confidence" => a.confidence = value.as_f64().unwrap_or(1.0) as f32,
            "tagger" => a.tagger = glose_core::annotation::intern(&text_of(value)),
            key => {
                a.attrs.insert(key.to_owned().into(), value.clone());
            }
        }
    }
    a
}

/// An annotation to write: its span, label, kind and the text of its keys.
#[derive(Clone, Debug, PartialEq)]
struct Item {
    span: Span,
    label: Label,
    kind: Kind,
    fields: String,
}

impl Item {
    fn written(m: &Marked) -> Item {
        let mut fields = String::new();
        for f in &m.fields {
            write_field(&mut fields, &f.key, f.value.as_ref());
        }
        Item {
            span: m.span,
            label: m.label,
            kind: m.kind,
            fields,
        }
    }

    /// `a` with the keys `keys`, as the tagger made it.
    fn actual(a: &Annotation, keys: &[&str]) -> Item {
        let mut fields = String::new();
        for key in keys {
            write_field(&mut fields, key, actual_field(a, key).as_ref());
        }
        Item {
            span: a.span,
            label: a.label,
            kind: Kind::Expected,
            fields,
        }
    }

    /// `a` with everything it has: its entity, attributes, and confidence when not 1.
    fn full(a: &Annotation) -> Item {
        let mut keys: Vec<&str> = Vec::new();
        if a.entity.is_some() {
            keys.push("entity");
        }
        keys.extend(a.attrs.keys().map(|k| k.as_ref()));
        if a.confidence != 1.0 {
            keys.push("confidence");
        }
        Item::actual(a, &keys)
    }

    fn describe(&self, text: &str) -> String {
        let inner = text.get(self.span.range()).unwrap_or("");
        format!(
            "{}{inner}|{}{}{} (bytes {})",
            self.kind.open(),
            self.label,
            self.fields,
            self.kind.close(),
            self.span
        )
    }
}

/// `text` with `items` written in; the items that cannot be (their span crosses an
/// earlier one, or is not a span of the text) are returned apart.
fn render(text: &str, mut items: Vec<Item>) -> (String, Vec<Item>) {
    items.sort_by_key(|it| (it.span.start, Reverse(it.span.end), it.kind, it.label));
    let mut out = String::with_capacity(text.len() + 16 * items.len());
    let mut pos = 0;
    let mut stack: Vec<Item> = Vec::new();
    let mut apart = Vec::new();
    let close = |out: &mut String, pos: &mut usize, it: &Item| {
        out.push_str(&text[*pos..it.span.end]);
        *pos = it.span.end;
        let _ = write!(out, "|{}{}{}", it.label, it.fields, it.kind.close());
    };
    for it in items {
        if it.span.start > it.span.end || text.get(it.span.range()).is_none() {
            apart.push(it);
            continue;
        }
        while let Some(top) = stack.pop_if(|top| top.span.end <= it.span.start) {
            close(&mut out, &mut pos, &top);
        }
        if stack.last().is_some_and(|top| top.span.end < it.span.end) {
            apart.push(it);
            continue;
        }
        out.push_str(&text[pos..it.span.start]);
        pos = it.span.start;
        out.push_str(it.kind.open());
        stack.push(it);
    }
    while let Some(top) = stack.pop() {
        close(&mut out, &mut pos, &top);
    }
    out.push_str(&text[pos..]);
    (out, apart)
}

/// What a document's check found.
#[derive(Debug)]
struct Checked {
    /// The report of the differences, if any.
    report: Option<String>,
    /// The document's markup with the tagger's output (what blessing writes).
    blessed: Result<String, String>,
}

/// Runs `tagger` on a document and compares its output with the markup.
fn check_case(tagger: &dyn Tagger, file_name: &str, case: &Case) -> Checked {
    let given: Vec<&Marked> = case
        .marked
        .iter()
        .filter(|m| m.kind == Kind::Given)
        .collect();
    let expected: Vec<&Marked> = case
        .marked
        .iter()
        .filter(|m| m.kind == Kind::Expected)
        .collect();
    let store = AnnotationStore::from_vec(given.iter().map(|m| given_annotation(m)).collect());
    let output = Document::new(file_name, case.text.as_str())
        .map_err(|e| e.to_string())
        .and_then(|document| {
            tagger
                .tag(&DocumentView::new(&document, &store, &Never))
                .map_err(|e| format!("the tagger failed: {e}"))
        });
    let TagOutput { annotations, .. } = match output {
        Ok(output) => output,
        Err(e) => {
            return Checked {
                report: Some(format!("  {e}\n")),
                blessed: Err(e),
            };
        }
    };

    // Pair each expected annotation with an actual one of the same span and label,
    // preferring one whose keys match.
    let mut used = vec![false; annotations.len()];
    let mut pairs: Vec<(&Marked, Option<usize>)> = Vec::new();
    for &m in &expected {
        let candidates = || {
            (0..annotations.len())
                .filter(|&k| !used[k] && annotations[k].span == m.span)
                .filter(|&k| annotations[k].label == m.label)
        };
        let found = candidates()
            .find(|&k| m.fields.iter().all(|f| field_matches(f, &annotations[k])))
            .or_else(|| candidates().next());
        if let Some(k) = found {
            used[k] = true;
        }
        pairs.push((m, found));
    }

    let mut problems = Vec::new();
    let describe = |it: Item| it.describe(&case.text);
    for (m, found) in &pairs {
        let Some(k) = *found else {
            problems.push(format!(
                "missing {}, line {}",
                describe(Item::written(m)),
                m.line
            ));
            continue;
        };
        let a = &annotations[k];
        for f in m.fields.iter().filter(|f| !field_matches(f, a)) {
            let mut written = String::new();
            write_field(&mut written, &f.key, f.value.as_ref());
            let mut found = String::new();
            write_field(&mut found, &f.key, actual_field(a, &f.key).as_ref());
            problems.push(format!(
                "{} has{found}, not{written}",
                describe(Item::actual(a, &[]))
            ));
        }
    }
    for (k, a) in annotations.iter().enumerate() {
        if !used[k] {
            problems.push(format!("extra {}", describe(Item::full(a))));
        }
    }

    let keys = |m: &Marked| -> Vec<String> { m.fields.iter().map(|f| f.key.clone()).collect() };
    let given_items = || given.iter().map(|m| Item::written(m));
    let paired_items = |extra: fn(&Annotation) -> Item| {
        let mut items: Vec<Item> = given_items().collect();
        for (m, found) in &pairs {
            if let Some(k) = *found {
                let keys = keys(m);
                let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                items.push(Item::actual(&annotations[k], &keys));
            }
        }
        items.extend(
            (0..annotations.len())
                .filter(|&k| !used[k])
                .map(|k| extra(&annotations[k])),
        );
        render(&case.text, items)
    };
    let (blessed, apart) = paired_items(|a| Item::actual(a, &[]));
    let blessed = if apart.is_empty() {
        Ok(blessed)
    } else {
        Err(format!(
            "cannot write {} in the markup: it crosses another annotation",
            describe(apart[0].clone())
        ))
    };
    if problems.is_empty() {
        return Checked {
            report: None,
            blessed,
        };
    }

    let (want, _) = render(
        &case.text,
        given_items()
            .chain(expected.iter().map(|m| Item::written(m)))
            .collect(),
    );
    let (got, apart) = paired_items(Item::full);
    let mut report = String::new();
    for ((&slot, want), got) in case.lines.iter().zip(want.split('\n')).zip(got.split('\n')) {
        if want != got {
            let _ = writeln!(report, "  {:>4} - {want}", slot + 1);
            let _ = writeln!(report, "  {:>4} + {got}", slot + 1);
        }
    }
    for it in apart {
        let _ = writeln!(report, "         + (crosses another) {}", describe(it));
    }
    for p in problems {
        let _ = writeln!(report, "    {p}");
    }
    Checked {
        report: Some(report),
        blessed,
    }
}

/// Checks the fixture file `path`; with `bless`, rewrites the documents that differ
/// with the tagger's output instead of failing.
pub(crate) fn check_file(tagger: &dyn Tagger, path: &Path, bless: bool) -> Result<(), String> {
    let shown = path.display();
    let src = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
    let file = FixtureFile::parse(&src).map_err(|e| format!("{shown}: {e}"))?;
    if file.cases.is_empty() {
        return Err(format!("{shown}: no document"));
    }
    let file_name = path
        .file_name()
        .map_or("fixture.txt".into(), |n| n.to_string_lossy());
    let mut failed = Vec::new();
    let mut changed = Vec::new();
    let mut unblessable = Vec::new();
    for (k, case) in file.cases.iter().enumerate() {
        let checked = check_case(tagger, &file_name, case);
        let Some(report) = checked.report else {
            continue;
        };
        failed.push(format!("{shown}:{}:\n{report}", case.first_line()));
        match checked.blessed {
            Ok(markup) => changed.push((k, markup)),
            Err(e) => unblessable.push(format!("{shown}:{}: {e}", case.first_line())),
        }
    }
    if failed.is_empty() {
        return Ok(());
    }
    if bless && unblessable.is_empty() {
        std::fs::write(path, file.rewrite(&changed)).map_err(|e| format!("{shown}: {e}"))?;
        eprintln!(
            "{shown}: {} document(s) rewritten with the tagger's output",
            changed.len()
        );
        return Ok(());
    }
    let mut message = failed.join("\n");
    for e in unblessable {
        let _ = write!(message, "\n{e}");
    }
    Err(message)
}

/// Checks a fixture given as a string (no blessing: there is no file to rewrite).
pub(crate) fn check_text(tagger: &dyn Tagger, src: &str) -> Result<(), String> {
    let file = FixtureFile::parse(src)?;
    if file.cases.is_empty() {
        return Err("no document".into());
    }
    let failed: Vec<String> = file
        .cases
        .iter()
        .filter_map(|case| {
            let report = check_case(tagger, "fixture.txt", case).report?;
            Some(format!("line {}:\n{report}", case.first_line()))
        })
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("\n"))
    }
}

/// The fixture files of `dir`: its `*.txt` files, in name order.
pub(crate) fn files_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt") && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "{}: no fixture (*.txt) in this folder",
            dir.display()
        ));
    }
    Ok(files)
}

/// Whether fixture checks should rewrite the files (`GLOSE_BLESS` set, not `0`).
pub(crate) fn blessing() -> bool {
    std::env::var_os(BLESS).is_some_and(|v| !v.is_empty() && v != "0")
}

#[cfg(test)]
mod tests;
