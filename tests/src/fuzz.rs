//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs`), shared with the test that
//! replays their corpora (`tests/fuzz.rs`). Each one takes raw bytes, never panics on
//! its own account, and asserts the invariants of what it exercises: a failed assertion
//! is a finding. See `docs/fuzzing.md`.
//!
//! Inputs are decoded here from plain bytes, so that any file of a corpus replays the
//! same way under `cargo fuzz` and `cargo test`.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use glose_core::corpus::Config;
use glose_core::kb::{KbSource, Layer};
use glose_core::text::{Encoding, LineCol, LineIndex};
use glose_core::{Document, KnowledgeBase, Label, Pipeline, Severity};
use glose_formats::jsonl::{DocumentRecord, write_json_line};

/// The body of a fuzz target.
pub type Target = fn(&[u8]);

/// Every target, by name: the name is also the folder of its corpus.
pub const TARGETS: &[(&str, Target)] = &[
    ("pipeline_bytes", pipeline_bytes),
    ("pipeline_text", pipeline_text),
    ("kb_toml", kb_toml),
    ("rules_toml", rules_toml),
    ("config_toml", config_toml),
    ("lsp_edits", lsp_edits),
];

fn example_kb() -> &'static Arc<KnowledgeBase> {
    static KB: OnceLock<Arc<KnowledgeBase>> = OnceLock::new();
    KB.get_or_init(crate::example_kb)
}

fn shared_pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| crate::pipeline(example_kb().clone()))
}

/// Every name of the example KB (default KB plus the example corpus's own).
fn kb_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        example_kb()
            .entities()
            .iter()
            .flat_map(|e| e.names().map(str::to_owned))
            .collect()
    })
}

// ---------------------------------------------------------------------------------------
// The tagger pipeline.

/// Bytes read as a file with `--lossy`, then annotated.
pub fn pipeline_bytes(data: &[u8]) {
    match Document::from_bytes("fuzz.txt", data.to_vec(), true) {
        Ok(doc) => check_annotated(&doc),
        Err(e) => panic!("a lossy read of {} bytes failed: {e}", data.len()),
    }
}

/// Text assembled from pieces chosen by the bytes (names of the KB and their near
/// misses, awkward characters, arbitrary code points, raw UTF-8), then annotated.
pub fn pipeline_text(data: &[u8]) {
    let text = assemble_text(data);
    let doc = Document::new("fuzz.txt", text).expect("a text this small is a document");
    check_annotated(&doc);
}

const AWKWARD: &[&str] = &[
    "\r\n",
    "\n",
    "\r",
    "\n\n",
    "\u{a0}",
    "\u{202f}",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "e\u{301}",
    "😀",
    "İ",
    "ß",
    "ﬁ",
    "’",
    "'",
    "«\u{a0}",
    "\u{a0}»",
    "-",
    "‑",
    "—",
    " (",
    ") ",
    ".",
    ", ",
    " ",
    "l’",
    "d'",
    "date: 2019-03-04\n",
    "le 12 mars 2019",
    "2019",
    "1er",
    "12,5 %",
    "3 000 km",
    "Titre\n\n",
    "\u{301}",
];

/// Decodes the bytes into a text: each op byte picks a kind of piece, the next bytes
/// say which.
fn assemble_text(data: &[u8]) -> String {
    let names = kb_names();
    let mut out = String::new();
    let mut i = 0;
    let next = |i: &mut usize| {
        let b = data.get(*i).copied();
        *i += 1;
        b
    };
    while let Some(op) = next(&mut i) {
        match op % 8 {
            0..=2 => {
                let hi = next(&mut i).unwrap_or(0) as usize;
                let lo = next(&mut i).unwrap_or(0) as usize;
                if names.is_empty() {
                    continue;
                }
                let name = &names[(hi << 8 | lo) % names.len()];
                out.push_str(&near_miss(name, op / 8));
            }
            3 => {
                let k = next(&mut i).unwrap_or(0) as usize;
                out.push_str(AWKWARD[k % AWKWARD.len()]);
            }
            4 => {
                // A word of ASCII letters, length from the op.
                for _ in 0..(op / 8 % 12 + 1) {
                    let b = next(&mut i).unwrap_or(b'a');
                    out.push(char::from(b'a' + b % 26));
                }
                out.push(' ');
            }
            5 => {
                let v = u32::from_le_bytes([
                    next(&mut i).unwrap_or(0),
                    next(&mut i).unwrap_or(0),
                    next(&mut i).unwrap_or(0) % 0x11,
                    0,
                ]);
                out.push(char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            6 => {
                out.push_str([" ", "\n", ". ", ", ", " et ", " de ", "\n\n"][op as usize / 8 % 7]);
            }
            _ => {
                // Raw bytes, read lossily.
                let n = next(&mut i).unwrap_or(0) as usize;
                let start = i.min(data.len());
                let end = (start + n).min(data.len());
                out.push_str(&String::from_utf8_lossy(&data[start..end]));
                i = end;
            }
        }
    }
    out
}

/// A name as written, or one of the ways an article might misspell it.
fn near_miss(name: &str, how: u8) -> String {
    match how % 16 {
        0..=5 => name.to_owned(),
        6 => name.to_uppercase(),
        7 => name.to_lowercase(),
        8 => name.replace(' ', "\u{a0}"),
        9 => name.replace(' ', "\n"),
        10 => name.replace(' ', "\r\n"),
        11 => name.replace('\'', "’").replace('’', "'"),
        12 => name.replace('-', " "),
        13 => name.chars().rev().collect(),
        14 => {
            // Drops the last character.
            let mut s = name.to_owned();
            s.pop();
            s
        }
        _ => name
            .chars()
            .map(|c| match c {
                'é' | 'è' | 'ê' => 'e',
                'à' | 'â' => 'a',
                'ï' | 'î' => 'i',
                'ç' => 'c',
                'ô' => 'o',
                _ => c,
            })
            .collect(),
    }
}

/// Annotates `doc` and checks the result: spans inside the text, after the metadata
/// header and on character boundaries; a resolved layer without overlaps; JSONL that
/// reads back with the same spans and texts.
pub fn check_annotated(doc: &Document) {
    let out = shared_pipeline().run(doc);
    let text = doc.text();
    for a in out.store.iter() {
        assert!(
            a.span.start < a.span.end && a.span.end <= text.len(),
            "span {:?} outside the text ({} bytes) or empty: {a:?}",
            a.span,
            text.len()
        );
        assert!(
            text.is_char_boundary(a.span.start) && text.is_char_boundary(a.span.end),
            "span {:?} not on character boundaries: {a:?}",
            a.span
        );
        assert!(
            a.span.start >= doc.meta().body_start,
            "span {:?} in the metadata header (body starts at {})",
            a.span,
            doc.meta().body_start
        );
    }
    let mut end = 0;
    for a in out.resolved().filter(|a| a.label != Label::QUOTE) {
        assert!(
            a.span.start >= end,
            "overlap in the resolved layer at {:?}",
            a.span
        );
        end = a.span.end;
    }
    let mut line = Vec::new();
    write_json_line(&mut line, doc, out.resolved(), &out.diagnostics).expect("write to memory");
    assert_eq!(line.last(), Some(&b'\n'), "a JSON line ends with a newline");
    assert_eq!(
        line.iter().filter(|&&b| b == b'\n').count(),
        1,
        "one record is one line"
    );
    let back: DocumentRecord = serde_json::from_slice(&line).expect("the JSON line reads back");
    assert_eq!(back.path, doc.path());
    let resolved: Vec<_> = out.resolved().collect();
    assert_eq!(back.annotations.len(), resolved.len());
    for (r, a) in back.annotations.iter().zip(&resolved) {
        assert_eq!((r.start, r.end), (a.span.start, a.span.end));
        assert_eq!(&text[r.start..r.end], r.text.as_str());
    }
}

// ---------------------------------------------------------------------------------------
// Files: KB, rules, configuration.

/// The one-based (line, column in characters) of a byte offset by the rules of
/// [`LineIndex`] (lines end at `\n`, `\r\n` or `\r`; a leading BOM is invisible),
/// computed naively. `None` when `offset` is not a character boundary of `text`.
fn reference_line_col(text: &str, offset: usize) -> Option<(u32, u32)> {
    if !text.is_char_boundary(offset) {
        return None;
    }
    let (mut line, mut col) = (1u32, 1u32);
    let mut chars = text.char_indices().peekable();
    if text.starts_with('\u{feff}') {
        if offset == 0 {
            return Some((1, 1));
        }
        chars.next();
    }
    while let Some((i, c)) = chars.next() {
        if i >= offset {
            break;
        }
        match c {
            '\r' if chars.peek().map(|&(_, n)| n) == Some('\n') => {
                if i + 1 >= offset {
                    // Between `\r` and `\n`: the end of the line.
                    break;
                }
                chars.next();
                line += 1;
                col = 1;
            }
            '\n' | '\r' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
    }
    Some((line, col))
}

/// Checks that a reported (line, column) is a place in `text`: there is such a line
/// and the column is at most one past its last character.
fn assert_place_in(text: &str, line: u32, column: u32, what: &dyn std::fmt::Display) {
    assert!(line >= 1 && column >= 1, "{what}: positions are one-based");
    let last = reference_line_col(text, text.len()).expect("the end is a boundary");
    assert!(
        line <= last.0,
        "{what}: line {line} past the end of the text"
    );
    // The length of that line: the column of its end.
    let lines = LineIndex::new(text);
    let range = lines
        .line_range(line as usize - 1)
        .expect("the line exists");
    let end_col = reference_line_col(text, range.end).expect("a line ends on a boundary");
    assert!(
        column <= end_col.1,
        "{what}: column {column} past the end of line {line} ({} characters)",
        end_col.1 - 1
    );
}

/// KB text (read lossily): loading returns a KB and problems, each with its place; the
/// KB finds its own names inside them.
pub fn kb_toml(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let source = KbSource::new("fuzz.toml", text.clone(), Layer::User);
    let (kb, problems) = KnowledgeBase::load(&[source]);
    for p in &problems {
        assert_eq!(&*p.file, "fuzz.toml", "{p}");
        let place = p
            .place
            .unwrap_or_else(|| panic!("a problem of a KB text without a place: {p}"));
        let span = place
            .span
            .unwrap_or_else(|| panic!("a problem of a KB text without a span: {p}"));
        let (start, end) = (span.start, span.end);
        assert!(
            start <= end && end <= text.len(),
            "{p}: span {start}..{end}"
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{p}: span {start}..{end} not on character boundaries"
        );
        assert_eq!(
            Some((place.line, place.column)),
            reference_line_col(&text, start),
            "{p}: the line and column are not those of byte {start}"
        );
        assert!(
            p.to_string()
                .starts_with(&format!("fuzz.toml:{}:{}: ", place.line, place.column)),
            "{p}"
        );
        assert!(!p.message.trim().is_empty(), "{p}: an empty message");
    }
    let mut ids = std::collections::HashSet::new();
    for e in kb.entities().iter().take(32) {
        assert!(ids.insert(e.id.clone()), "entity {:?} twice", e.id);
        assert!(
            kb.get(e.id.as_str()).is_some(),
            "entity {:?} not found by id",
            e.id
        );
        for name in e.names().take(8) {
            for m in kb.find(name) {
                assert!(
                    m.span.start < m.span.end
                        && m.span.end <= name.len()
                        && name.is_char_boundary(m.span.start)
                        && name.is_char_boundary(m.span.end),
                    "match {:?} out of {name:?}",
                    m.span
                );
            }
        }
    }
    let mut digest = glose_core::digest::Digest::new();
    kb.digest(&mut digest);
}

/// Rule-file text (read lossily): compiling returns rules and problems; every error has
/// its place in the file.
pub fn rules_toml(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let (rules, problems) = glose_rules::compile(&[("fuzz.toml".to_owned(), text.clone())]);
    for p in &problems {
        if p.file == "(rules)" {
            // Conflicts between rules, across files: no single place.
            assert_eq!(p.severity, Severity::Warning, "{p}");
            continue;
        }
        assert_eq!(p.file, "fuzz.toml", "{p}");
        let Some((line, column)) = p.position() else {
            panic!("a problem of a rule text without a place: {p}");
        };
        assert_place_in(&text, line, column, p);
        assert!(
            p.to_string()
                .starts_with(&format!("fuzz.toml:{line}:{column}: ")),
            "{p}"
        );
        assert!(!p.message.trim().is_empty(), "{p}: an empty message");
    }
    assert!(
        rules.is_empty() || !rules.labels().is_empty(),
        "{} rules that give no label",
        rules.len()
    );
}

/// A `glose.toml` (raw bytes, written to a file): it loads, or the error names the
/// file (and the place, when it has one); what loads stays inside the folder.
pub fn config_toml(data: &[u8]) {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = crate::scratch_dir().join("fuzz-config");
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        dir
    });
    let file = dir.join("glose.toml");
    std::fs::write(&file, data).expect("write the configuration");
    match Config::load(&file) {
        Ok(config) => {
            assert_eq!(config.file.as_deref(), Some(file.as_path()));
            for p in config.kb_paths.iter().chain(&config.rules) {
                assert_inside(dir, p);
            }
            for plugin in &config.plugins {
                assert!(!plugin.path.as_os_str().is_empty());
            }
        }
        Err(e) => {
            assert_eq!(e.file, file);
            let shown = e.to_string();
            assert!(shown.starts_with(&file.display().to_string()), "{shown}");
            assert!(!e.message.trim().is_empty(), "{shown}: an empty message");
            match (std::str::from_utf8(data), e.position) {
                (Ok(text), Some((line, column))) => {
                    assert_place_in(text, line, column, &shown);
                    assert!(
                        shown.starts_with(&format!("{}:{line}:{column}: ", file.display())),
                        "{shown}"
                    );
                }
                (Ok(_), None) => {}
                (Err(_), position) => {
                    assert_eq!(position, None, "{shown}");
                    assert!(e.message.starts_with("cannot read"), "{shown}");
                }
            }
        }
    }
}

fn assert_inside(root: &Path, path: &Path) {
    assert!(
        path.starts_with(root),
        "{} is not inside {}",
        path.display(),
        root.display()
    );
    let mut depth: i64 = 0;
    for part in path.strip_prefix(root).unwrap_or(path).components() {
        match part {
            std::path::Component::ParentDir => depth -= 1,
            std::path::Component::Normal(_) => depth += 1,
            _ => {}
        }
        assert!(
            depth >= 0,
            "{} leads outside {}",
            path.display(),
            root.display()
        );
    }
}

// ---------------------------------------------------------------------------------------
// LSP positions and edits.

/// A text and a sequence of LSP edits (`TextDocumentContentChangeEvent`: a range in
/// `(line, character)` and a replacement, or a whole new text), applied through
/// [`LineIndex::offset_clamped`] as the server does on analysed texts, and through a
/// naive model of the protocol (a vector of characters, lines and columns counted one
/// by one): the texts must stay equal, and every character boundary must round-trip
/// through `(line, column)` in each encoding.
///
/// Input: one byte for the encoding, the initial text (lossy UTF-8) up to a `0xFF`
/// byte, then edits of `start line, start col, end line, end col` (little-endian
/// `u16`s), a length byte and that many bytes of replacement text. A length byte of
/// `0xFF` replaces the whole text with the next byte's worth of bytes.
pub fn lsp_edits(data: &[u8]) {
    let Some((&enc, rest)) = data.split_first() else {
        return;
    };
    let enc = Encoding::ALL[enc as usize % 3];
    let split = rest.iter().position(|&b| b == 0xFF).unwrap_or(rest.len());
    let mut text = String::from_utf8_lossy(&rest[..split]).into_owned();
    let mut model: Vec<char> = text.chars().collect();
    let mut ops = rest.get(split + 1..).unwrap_or_default();
    check_positions(&text, enc);
    let mut edits = 0;
    while ops.len() >= 9 && edits < 64 {
        let u16_at = |i: usize| u32::from(u16::from_le_bytes([ops[i], ops[i + 1]]));
        let start = LineCol::new(u16_at(0), u16_at(2));
        let end = LineCol::new(u16_at(4), u16_at(6));
        let n = ops[8];
        let full = n == 0xFF;
        let n = if full {
            ops.get(9).copied().unwrap_or(0) as usize
        } else {
            n as usize
        };
        let body_start = if full { 10 } else { 9 }.min(ops.len());
        let body_end = (body_start + n).min(ops.len());
        let insert = String::from_utf8_lossy(&ops[body_start..body_end]).into_owned();
        ops = &ops[body_end..];
        edits += 1;

        if full {
            text = insert.clone();
            model = insert.chars().collect();
        } else {
            // The implementation: byte offsets from the line index.
            let lines = LineIndex::new(&text);
            let a = lines.offset_clamped(start, enc);
            let b = lines.offset_clamped(end, enc).max(a);
            assert!(
                text.is_char_boundary(a) && text.is_char_boundary(b),
                "{start:?}..{end:?} ({enc:?}) gave {a}..{b}, not character boundaries"
            );
            text.replace_range(a..b, &insert);
            // The model.
            let ma = model_char(&model, start, enc);
            let mb = model_char(&model, end, enc).max(ma);
            model.splice(ma..mb, insert.chars());
        }
        let expected: String = model.iter().collect();
        assert_eq!(
            text, expected,
            "after edit {edits} ({start:?}..{end:?} {enc:?}, {insert:?})"
        );
        check_positions(&text, enc);
    }
}

/// The units of `c` in `enc`.
fn units(c: char, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => c.len_utf8(),
        Encoding::Utf16 => c.len_utf16(),
        Encoding::Utf32 => 1,
    }
}

/// The lines of a character vector, as `(start, content end)` char indices.
fn model_lines(chars: &[char]) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = usize::from(chars.first() == Some(&'\u{feff}'));
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '\r' if chars.get(i + 1) == Some(&'\n') => {
                lines.push((start, i));
                i += 2;
                start = i;
            }
            '\n' | '\r' => {
                lines.push((start, i));
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    lines.push((start, chars.len()));
    lines
}

/// The char index of an LSP position in the model, clamped as the protocol asks: a
/// line past the end is the end of the text, a column past the end of its line the end
/// of the line, a column inside a character the start of that character.
fn model_char(chars: &[char], pos: LineCol, enc: Encoding) -> usize {
    let lines = model_lines(chars);
    let Some(&(start, end)) = lines.get(pos.line as usize) else {
        return chars.len();
    };
    let mut col = 0;
    for (i, &c) in chars[start..end].iter().enumerate() {
        let w = units(c, enc);
        if col + w > pos.col as usize {
            return start + i;
        }
        col += w;
    }
    end
}

/// Every character boundary of `text` (all of them for short texts, a spread of them
/// for long ones) has the position the model gives, and maps back to itself.
fn check_positions(text: &str, enc: Encoding) {
    let lines = LineIndex::new(text);
    let chars: Vec<char> = text.chars().collect();
    let model = model_lines(&chars);
    assert_eq!(lines.line_count(), model.len(), "line count of {text:?}");
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let step = (boundaries.len() / 256).max(1);
    // Position in the model: walk the characters once.
    let mut expected = Vec::with_capacity(boundaries.len());
    {
        let mut line = 0usize;
        for (k, _) in boundaries.iter().enumerate() {
            while line + 1 < model.len() && model[line + 1].0 <= k {
                line += 1;
            }
            let (start, end) = model[line];
            let at = k.clamp(start, end);
            let col: usize = chars[start..at].iter().map(|&c| units(c, enc)).sum();
            expected.push(LineCol::new(line as u32, col as u32));
        }
    }
    for (k, &offset) in boundaries.iter().enumerate().step_by(step) {
        let got = lines
            .line_col(offset, enc)
            .unwrap_or_else(|| panic!("no position for boundary {offset} of {text:?}"));
        assert_eq!(
            got, expected[k],
            "position of byte {offset} ({enc:?}) in {text:?}"
        );
        // Back: the same offset, except the BOM (0:0 is after it) and inside `\r\n`
        // (the end of the line, before the `\r`).
        let back = lines.offset(got, enc);
        let in_break = text[..offset].ends_with('\r') && text[offset..].starts_with('\n');
        let want = if offset == 0 && text.starts_with('\u{feff}') {
            3
        } else if in_break {
            offset - 1
        } else {
            offset
        };
        assert_eq!(
            back,
            Some(want),
            "{got:?} ({enc:?}) of byte {offset} in {text:?}"
        );
        assert_eq!(lines.offset_clamped(got, enc), want);
        assert_eq!(lines.char_index(offset), Some(k));
        assert_eq!(lines.offset_of_char(k), Some(offset));
    }
}
