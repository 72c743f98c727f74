//! A light RON scanner that splits a file into records and locates fields.
//!
//! It runs before the RON parser so that one bad record does not hide the others, so that
//! deep nesting is refused before any recursive parser sees it, and so that validation
//! errors can point at the field they are about.

mod cursor;

use cursor::Cursor;

/// Deepest bracket nesting accepted in an event file. Records need 4 levels.
pub const MAX_DEPTH: usize = 16;

/// A position in the text: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
}

/// One record of the top-level list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSpan {
    /// Byte range of the record in the file text.
    pub range: std::ops::Range<usize>,
    /// Where the record starts.
    pub pos: Pos,
}

/// A problem found by the scanner, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanError {
    /// Where.
    pub pos: Pos,
    /// What.
    pub message: String,
}

/// A field key inside a record with its path, e.g. `sources[1].quote`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Dotted path from the record, with list indices.
    pub path: String,
    /// Position of the key.
    pub pos: Pos,
    /// Byte offset where the value starts (relative to the scanned text).
    pub value_start: usize,
    /// Byte offset just past the value and any trivia after it, before the `,` or closing
    /// bracket that ends it.
    pub value_end: usize,
}

/// What the scanner reports while it walks a record.
enum Visit<'a> {
    /// A `key:` or list item starts; its value starts at `value_start`.
    Start {
        path: &'a [PathPart],
        pos: Pos,
        value_start: usize,
    },
    /// The value last started ends at `value_end`.
    End { value_end: usize },
}

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// A struct field.
    Key(String),
    /// A list element.
    Index(usize),
}

fn path_string(parts: &[PathPart]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            PathPart::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathPart::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Splits a file holding `[ record, record, ... ]` into record spans.
///
/// Refuses `#![enable(...)]` attributes: parser extensions are never switched on by a file.
pub fn split_records(text: &str) -> Result<Vec<RecordSpan>, ScanError> {
    let mut records = Vec::new();
    split_records_with(text, |record| records.push(record))?;
    Ok(records)
}

/// Like [`split_records`], handing each record to `each` as soon as it is found (so that
/// records can be parsed while the rest of the file is scanned). On an error, the records
/// already handed over are to be thrown away: the file as a whole is refused.
pub fn split_records_with(text: &str, mut each: impl FnMut(RecordSpan)) -> Result<(), ScanError> {
    let mut cur = Cursor::new(text, Pos { line: 1, col: 1 });
    // Only the records' extents are needed here; their keys are found again on demand.
    cur.track_keys = false;
    cur.skip_trivia()?;
    match cur.peek() {
        None => {
            return Err(cur.error(
                cur.pos,
                "the file is empty: expected a list of events `[ (...), ... ]`",
            ));
        }
        Some(b'#') => {
            return Err(cur.error(
                cur.pos,
                "RON attributes such as `#![enable(...)]` are not allowed in event files",
            ));
        }
        Some(b'[') => {
            cur.bump();
        }
        Some(_) => {
            return Err(cur.error(cur.pos, "expected `[` to start the list of events"));
        }
    }
    let mut ignore = |_: Visit<'_>| {};
    loop {
        cur.skip_trivia()?;
        let start = cur.at;
        let pos = cur.pos;
        match cur.peek() {
            None => return Err(cur.error(Pos { line: 1, col: 1 }, "`[` is never closed")),
            Some(b']') => {
                cur.bump();
                break;
            }
            Some(b'(') => {}
            Some(b) if b.is_ascii_alphabetic() => {
                // An optional struct name, as in `Event(...)`.
                while cur
                    .peek()
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    cur.bump();
                }
                cur.skip_trivia()?;
                if cur.peek() != Some(b'(') {
                    return Err(cur.error(pos, "expected a record `( id: ..., ... )`"));
                }
            }
            Some(_) => return Err(cur.error(pos, "expected a record `( id: ..., ... )`")),
        }
        cur.skip_group(1, &mut ignore, &mut Vec::new())?;
        each(RecordSpan {
            range: start..cur.at,
            pos,
        });
        cur.skip_trivia()?;
        match cur.peek() {
            Some(b',') => {
                cur.bump();
            }
            Some(b']') => {}
            None => return Err(cur.error(Pos { line: 1, col: 1 }, "`[` is never closed")),
            Some(_) => return Err(cur.error(cur.pos, "expected `,` or `]` after a record")),
        }
    }
    cur.skip_trivia()?;
    if cur.peek().is_some() {
        return Err(cur.error(cur.pos, "unexpected text after the closing `]`"));
    }
    Ok(())
}

/// Every `key:` of one record (text of the record only), with paths like `sources[0].quote`.
///
/// `start` is the record's position in its file, so that field positions are absolute.
pub fn fields(record: &str, start: Pos) -> Vec<Field> {
    let mut cur = Cursor::new(record, start);
    let mut found: Vec<Field> = Vec::new();
    let mut open = Vec::new();
    let mut on_key = |visit: Visit<'_>| match visit {
        Visit::Start {
            path,
            pos,
            value_start,
        } => {
            open.push(found.len());
            found.push(Field {
                path: path_string(path),
                pos,
                value_start,
                value_end: value_start,
            });
        }
        Visit::End { value_end } => {
            if let Some(field) = open.pop().and_then(|i| found.get_mut(i)) {
                field.value_end = value_end;
            }
        }
    };
    // Skip an optional struct name.
    while cur
        .peek()
        .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        cur.bump();
    }
    let _ = cur.skip_trivia();
    let _ = cur.skip_group(1, &mut on_key, &mut Vec::new());
    found
}

/// Position of the byte `offset` of `text`, which starts at `start`.
pub fn position_of(text: &str, start: Pos, offset: usize) -> Pos {
    let mut cur = Cursor::new(text, start);
    while cur.at < offset && cur.bump().is_some() {}
    cur.pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_records_with_positions() {
        let text = "// events\n[\n  (id: \"a\", t: \"x)\"),\n  Event(id: \"b\"),\n]\n";
        let records = split_records(text).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(&text[records[0].range.clone()], "(id: \"a\", t: \"x)\")");
        assert_eq!(records[0].pos, Pos { line: 3, col: 3 });
        assert_eq!(&text[records[1].range.clone()], "Event(id: \"b\")");
        assert_eq!(records[1].pos, Pos { line: 4, col: 3 });
    }

    #[test]
    fn finds_field_paths() {
        let text =
            "(id: \"a\", sources: [(seed: \"s\", quote: \"q\"), (url: \"u\")], end: \"2020\")";
        let paths: Vec<String> = fields(text, Pos { line: 1, col: 1 })
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(
            paths,
            [
                "id",
                "sources",
                "sources[0]",
                "sources[0].seed",
                "sources[0].quote",
                "sources[1]",
                "sources[1].url",
                "end"
            ]
        );
    }

    #[test]
    fn field_values_have_their_extent() {
        let text = "(id: \"a\", tags: [x, y /* c */ ], end: \"2020\" )";
        let values: Vec<(String, &str)> = fields(text, Pos { line: 1, col: 1 })
            .into_iter()
            .map(|f| (f.path, text[f.value_start..f.value_end].trim_end()))
            .collect();
        assert_eq!(
            values,
            [
                ("id".to_string(), "\"a\""),
                ("tags".to_string(), "[x, y /* c */ ]"),
                ("tags[0]".to_string(), "x"),
                ("tags[1]".to_string(), "y /* c */"),
                ("end".to_string(), "\"2020\""),
            ]
        );
    }

    #[test]
    fn refuses_extensions_deep_nesting_and_junk() {
        let err = |t: &str| {
            split_records(t)
                .err()
                .map(|e| (e.pos.line, e.pos.col, e.message))
        };
        assert_eq!(err("#![enable(implicit_some)]\n[]").map(|e| e.0), Some(1));
        let deep = format!("[{}{}]", "(".repeat(100_000), ")".repeat(100_000));
        assert!(err(&deep).is_some_and(|e| e.2.contains("nesting deeper")));
        assert!(err("").is_some_and(|e| e.2.contains("empty")));
        assert!(err("[ (a: 1) ] x").is_some_and(|e| e.2.contains("after the closing")));
        assert!(err("[ (a: \"x) ]").is_some_and(|e| e.2.contains("unterminated string")));
        assert!(err("[ (a: 1 ").is_some_and(|e| e.2.contains("never closed")));
        assert_eq!(err("[\n  (a: 1))]").map(|e| (e.0, e.1)), Some((2, 9)));
    }

    proptest::proptest! {
        /// Strings are skipped in bulk: record positions must still be what walking the
        /// text byte by byte gives, whatever the strings hold.
        #[test]
        fn record_positions_survive_any_string(
            strings in proptest::collection::vec("(\\PC|[\n\"\\\\é’])*", 1..6)
        ) {
            let mut text = String::from("[\n");
            for s in &strings {
                let escaped = s.replace('\\', "\\\\").replace('"', "\\\"");
                text.push_str(&format!("  (t: \"{escaped}\", u: b\"x\\\"\"),\n"));
            }
            text.push(']');
            let records = split_records(&text).unwrap();
            proptest::prop_assert_eq!(records.len(), strings.len());
            for r in &records {
                let walked = position_of(&text, Pos { line: 1, col: 1 }, r.range.start);
                proptest::prop_assert_eq!(r.pos, walked);
                proptest::prop_assert!(text[r.range.clone()].ends_with(')'));
            }
        }
    }

    #[test]
    fn bare_words_before_quotes_may_open_raw_strings() {
        // `abr"x\"` is the word `a` then the raw byte string `br"x\"`: its backslash
        // escapes nothing, so the record ends at the next `)`.
        let text = "[(t: abr\"x\\\"), (u: foo_1, v: r#\"y\"#)]";
        let records = split_records(text).unwrap();
        let texts: Vec<&str> = records.iter().map(|r| &text[r.range.clone()]).collect();
        assert_eq!(texts, ["(t: abr\"x\\\")", "(u: foo_1, v: r#\"y\"#)"]);
        assert_eq!(records[1].pos, Pos { line: 1, col: 16 });
    }

    #[test]
    fn counts_columns_in_characters() {
        let text = "[(t: \"é\"), x]";
        let e = split_records(text).unwrap_err();
        assert_eq!(e.pos, Pos { line: 1, col: 12 });
    }
}
