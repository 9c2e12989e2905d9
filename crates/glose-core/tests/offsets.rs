//! Property tests: every conversion of `LineIndex` round-trips and agrees with a naive
//! computation, on random text made of the characters that matter in French news.

use glose_core::text::{Encoding, FoldIter, Folded, LineCol, LineIndex};
use proptest::prelude::*;

/// Characters that exercise every width and line ending.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 ,.]{1,4}",
        1 => Just("é".to_owned()),
        1 => Just("’".to_owned()),
        1 => Just("« ".to_owned()),
        1 => Just("\u{a0}»".to_owned()),
        1 => Just("\u{202f}".to_owned()),
        1 => Just("😀".to_owned()),
        1 => Just("e\u{301}".to_owned()),
        1 => Just("\n".to_owned()),
        1 => Just("\r\n".to_owned()),
        1 => Just("\r".to_owned()),
        1 => Just("-".to_owned()),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    (any::<bool>(), prop::collection::vec(piece(), 0..60)).prop_map(|(bom, pieces)| {
        let mut s = if bom {
            "\u{feff}".to_owned()
        } else {
            String::new()
        };
        s.extend(pieces);
        s
    })
}

fn units(s: &str, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => s.encode_utf16().count(),
        Encoding::Utf32 => s.chars().count(),
    }
}

/// Line starts by the rules of `LineIndex`: `\n`, `\r\n` and lone `\r` end lines.
fn naive_line_starts(text: &str, bom: usize) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![bom];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 1;
            }
            b'\r' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

fn inside_crlf(text: &str, offset: usize) -> bool {
    offset > 0
        && text.as_bytes().get(offset - 1) == Some(&b'\r')
        && text.as_bytes().get(offset) == Some(&b'\n')
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct("tests/offsets.proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn offsets_round_trip_through_positions(text in text()) {
        let idx = LineIndex::new(&text);
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let starts = naive_line_starts(&text, bom);
        prop_assert_eq!(idx.line_count(), starts.len());
        for offset in 0..=text.len() {
            if !text.is_char_boundary(offset) {
                prop_assert!(!idx.is_char_boundary(offset));
                for enc in Encoding::ALL {
                    prop_assert_eq!(idx.line_col(offset, enc), None);
                }
                continue;
            }
            if offset < bom || inside_crlf(&text, offset) {
                continue;
            }
            let line = starts.partition_point(|&s| s <= offset) - 1;
            for enc in Encoding::ALL {
                let pos = idx.line_col(offset, enc).expect("a boundary has a position");
                let expected = LineCol::new(line as u32, units(&text[starts[line]..offset], enc) as u32);
                prop_assert_eq!(pos, expected, "offset {} {:?}", offset, enc);
                prop_assert_eq!(idx.offset(pos, enc), Some(offset));
                prop_assert_eq!(idx.offset_clamped(pos, enc), offset);
            }
            let chars = text[..offset].chars().count();
            prop_assert_eq!(idx.char_index(offset), Some(chars));
            prop_assert_eq!(idx.offset_of_char(chars), Some(offset));
        }
    }

    #[test]
    fn every_position_maps_to_a_boundary_or_none(text in text()) {
        let idx = LineIndex::new(&text);
        for line in 0..idx.line_count() as u32 + 1 {
            for col in 0..40u32 {
                for enc in Encoding::ALL {
                    let pos = LineCol::new(line, col);
                    let clamped = idx.offset_clamped(pos, enc);
                    prop_assert!(text.is_char_boundary(clamped));
                    if let Some(offset) = idx.offset(pos, enc) {
                        prop_assert_eq!(offset, clamped);
                        prop_assert_eq!(idx.line_col(offset, enc), Some(pos));
                    }
                }
            }
        }
    }

    #[test]
    fn folded_boundaries_map_to_original_boundaries(text in text()) {
        let folded = Folded::new(&text);
        let f = folded.as_str();
        let mut last = 0;
        for (i, _) in f.char_indices().chain([(f.len(), ' ')]) {
            let o = folded.to_original(i);
            prop_assert!(o >= last, "the map is monotonic");
            prop_assert!(o <= text.len());
            last = o;
        }
        prop_assert_eq!(folded.to_original(f.len()), text.len());
    }

    #[test]
    fn streaming_fold_equals_bulk_fold_from_every_word_start(text in text()) {
        let folded = Folded::new(&text);
        let all: String = FoldIter::new(&text).map(|(c, _)| c).collect();
        prop_assert_eq!(&all, folded.as_str());
        let mut prev_word = false;
        for (i, c) in text.char_indices() {
            let word = c.is_alphanumeric();
            if word && !prev_word {
                let mut iter = FoldIter::at(&text, i);
                let from: String = iter.by_ref().map(|(c, _)| c).collect();
                prop_assert!(folded.as_str().ends_with(&from), "from {}: {:?}", i, from);
            }
            prev_word = word;
        }
    }
}
