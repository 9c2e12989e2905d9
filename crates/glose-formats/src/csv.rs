//! CSV as RFC 4180 has it (UTF-8, `\n` line ends): the field writer of every CSV glose
//! writes, and the annotation table of `glose annotate --format csv`, one row per
//! annotation with the columns of [`crate::columns`].
//!
//! A field with a comma, a double quote or a line break is quoted, its quotes doubled.
//! In the annotation table a null is an empty field and an empty string a quoted one
//! (`""`), so that readers that tell them apart (DuckDB, Spark) can.

use crate::columns::{COLUMNS, Row, Value};

/// Appends one field, quoted when it needs to be.
pub fn field(f: &str, out: &mut String) {
    if f.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(f);
    }
}

/// Appends a record of `fields` and its line end.
pub fn record<'f>(fields: impl IntoIterator<Item = &'f str>, out: &mut String) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(f, out);
    }
    out.push('\n');
}

/// Appends the header row of the annotation table.
pub fn header(out: &mut String) {
    record(COLUMNS.iter().map(|c| c.name), out);
}

/// Appends the record of one annotation row.
pub fn row(row: &Row<'_>, out: &mut String) {
    use std::fmt::Write;
    for i in 0..COLUMNS.len() {
        if i > 0 {
            out.push(',');
        }
        match row.value(i) {
            Value::Null => {}
            Value::Text("") => out.push_str("\"\""),
            Value::Text(s) => field(s, out),
            // Writing to a String cannot fail.
            Value::Int(n) => {
                let _ = write!(out, "{n}");
            }
            // Rust writes the shortest decimal that reads back as the same number,
            // without an exponent.
            Value::Float(x) => {
                let _ = write!(out, "{x}");
            }
            Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn fields_are_quoted_when_they_need_it() {
        let mut out = String::new();
        record(["a", "b,c", "d\"e", "f\ng", ""], &mut out);
        assert_eq!(out, "a,\"b,c\",\"d\"\"e\",\"f\ng\",\n");
    }

    #[test]
    fn nulls_are_empty_and_empty_strings_quoted() {
        let row = Row {
            path: Cow::Borrowed("a, b.txt"),
            label: Cow::Borrowed("QUANTITY"),
            text: Cow::Borrowed("« 5,70 m »"),
            tagger: Cow::Borrowed("quantities"),
            start: 3,
            end: 15,
            start_char: 2,
            end_char: 10,
            confidence: 0.85,
            quantity_value: Some(5.7),
            quantity_low: Some(5.7),
            quantity_high: Some(14e9),
            quantity_unit: Some(Cow::Borrowed("")),
            quantity_approximate: Some(false),
            attrs: Some(r#"{"about":"x"}"#.to_owned()),
            ..Row::default()
        };
        let mut out = String::new();
        header(&mut out);
        super::row(&row, &mut out);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0].split(',').count(), COLUMNS.len());
        assert!(lines[0].starts_with("path,date,start,end,start_char,end_char,label,"));
        assert_eq!(
            lines[1],
            "\"a, b.txt\",,3,15,2,10,QUANTITY,\"« 5,70 m »\",quantities,,0.85,5.7,5.7,\
             14000000000,\"\",,false,,,,,,,\"{\"\"about\"\":\"\"x\"\"}\""
        );
    }
}
