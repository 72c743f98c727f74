//! Plain-text output of the command line: the full record, close ids, query errors, files.

use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;

use crate::model::Lang;
use crate::model::load::Catalog;
use crate::present::detail::{Document, Input, RelatedEntry, no_highlight};

/// Width of `show`'s text.
const SHOW_WIDTH: u16 = 78;

/// The full record as text: the explorer's detail document, at 78 columns, with where the
/// record was read.
pub fn write_detail(
    catalog: &Catalog,
    index: usize,
    lang: Lang,
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some(event) = catalog.events.get(index) else {
        return Ok(());
    };
    let related = event
        .related
        .iter()
        .map(|id| RelatedEntry {
            id,
            event: catalog.events.iter().find(|e| &e.id == id),
        })
        .collect();
    let input = Input {
        event,
        lang,
        today,
        marked: false,
        related,
        selected_related: None,
        hidden: false,
        interactive: false,
        show_files: true,
        // File names come from other people's folders: controls are shown, not obeyed.
        record: Some(crate::text::escape_for_message(
            &catalog.origin_label(index),
        )),
        highlight: &no_highlight,
    };
    out.write_all(Document::new(&input).text(SHOW_WIDTH).as_bytes())
}

/// A query error as printed: `bad query: message`, then the query with a caret under
/// `column` (a character index). A long query shows only a window around the column, and
/// quoted parts of the message are cut to 40 characters, so a 100 KB query gives a few lines.
pub fn query_error(query: &str, message: &str, column: usize) -> String {
    use crate::text::escape_for_message;
    const BEFORE: usize = 30;
    const WIDTH: usize = 72;
    let chars: Vec<char> = query.chars().collect();
    let column = column.min(chars.len());
    let start = if chars.len() <= WIDTH {
        0
    } else {
        column.saturating_sub(BEFORE)
    };
    let end = (start + WIDTH).min(chars.len()).max(column);
    let escaped = |range: std::ops::Range<usize>| {
        escape_for_message(&chars[range].iter().collect::<String>())
    };
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    let before = escaped(start..column);
    let caret = shown.chars().count() + before.chars().count();
    shown.push_str(&before);
    shown.push_str(&escaped(column..end));
    if end < chars.len() {
        shown.push('…');
    }
    format!(
        "bad query: {}\n  {shown}\n  {}^",
        shorten_quoted(&escape_for_message(message), 40),
        " ".repeat(caret)
    )
}

/// `text` with each `"quoted"` part longer than `max` characters cut to `max` and `…`.
fn shorten_quoted(text: &str, max: usize) -> String {
    text.split('"')
        .enumerate()
        .map(|(i, part)| match part.char_indices().nth(max) {
            Some((at, _)) if i % 2 == 1 => format!("{}…", &part[..at]),
            _ => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\"")
}

/// Edit distance between two strings, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// Up to `count` ids close to `wanted`: ids containing it first, then by edit distance.
pub fn closest_ids<'a>(catalog: &'a Catalog, wanted: &str, count: usize) -> Vec<&'a str> {
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(usize, &str)> = catalog
        .events
        .iter()
        .map(|e| {
            let score = if e.id.contains(&wanted) {
                0
            } else {
                1 + distance(&e.id, &wanted)
            };
            (score, e.id.as_str())
        })
        .filter(|(score, _)| *score <= wanted.chars().count().max(4))
        .collect();
    scored.sort();
    scored.into_iter().take(count).map(|(_, id)| id).collect()
}

/// Writes `bytes` to `path` atomically ([`crate::atomic`]), so a reader never sees half a
/// file. Only a regular file is ever replaced, and only with `force`: a symlink (even a
/// dangling one), a FIFO, a device or a folder at `path` is refused, `force` or not, so an
/// export never writes through a link nor swaps a pipe for a file. A file that appears
/// while the export is written is not replaced either.
pub fn write_file_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    use crate::atomic::{self, Replace};
    let shown = path.display();
    let exists = || format!("{shown}: already exists; not replaced (use --force to replace it)");
    let replace = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_file() && force => Replace::Allow,
        Ok(meta) if meta.file_type().is_file() => return Err(exists()),
        Ok(meta) => {
            let kind = crate::file::check_kind(&meta)
                .err()
                .map_or_else(String::new, |e| e.to_string());
            return Err(format!(
                "{shown}: {kind}; not replaced (export -o writes only regular files, even \
                 with --force)"
            ));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Replace::Never,
        Err(e) => return Err(format!("{shown}: cannot write: {e}")),
    };
    atomic::write(path, bytes, replace).map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => exists(),
        _ => format!("{shown}: cannot write: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_bad_query_is_echoed_as_a_window_around_its_column() {
        let long = format!("tallinn year:{}", "9".repeat(100_000));
        let message = format!("bad date \"{}\": the year must be four digits", &long[13..]);
        let text = query_error(&long, &message, 13);
        assert!(text.len() < 400, "{} bytes", text.len());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            format!(
                "bad query: bad date \"{}…\": the year must be four digits",
                "9".repeat(40)
            )
        );
        assert!(lines[1].starts_with("  tallinn year:999") && lines[1].ends_with('…'));
        assert_eq!(lines[2], format!("  {}^", " ".repeat(13)));
        // Far into a long query, the window starts with an ellipsis and the caret follows.
        let far = format!("{} !", "a ".repeat(500));
        let text = query_error(&far, "a lone `!`", 1001);
        let lines: Vec<&str> = text.lines().collect();
        let caret = lines[2].find('^').unwrap();
        assert_eq!(lines[1][2..].chars().nth(caret - 2), Some('!'), "{text}");
        // A short query is shown whole.
        assert_eq!(query_error("x |", "m", 2), "bad query: m\n  x |\n    ^");
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn export_never_replaces_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ics");
        std::fs::write(&path, "mine").unwrap();
        let err = write_file_atomically(&path, b"new", false).unwrap_err();
        assert!(err.ends_with("already exists; not replaced (use --force to replace it)"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        write_file_atomically(&path, b"new", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn export_never_replaces_a_link_a_fifo_or_a_folder_even_with_force() {
        use std::os::unix::fs::{FileTypeExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.ics");
        std::fs::write(&target, "mine").unwrap();
        let link = dir.path().join("link.ics");
        symlink(&target, &link).unwrap();
        let dangling = dir.path().join("dangling.ics");
        symlink(dir.path().join("nowhere.ics"), &dangling).unwrap();
        let fifo = dir.path().join("pipe.ics");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: `c` is a valid NUL-terminated path for the whole call.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        for (path, what) in [
            (&link, "is a symbolic link"),
            (&dangling, "is a symbolic link"),
            (&fifo, "is a FIFO (named pipe)"),
            (&dir.path().to_path_buf(), "is a folder"),
        ] {
            for force in [false, true] {
                let err = write_file_atomically(path, b"new", force).unwrap_err();
                assert!(err.contains(what), "{err}");
                assert!(err.ends_with("(export -o writes only regular files, even with --force)"));
            }
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
        assert!(!dir.path().join("nowhere.ics").exists());
        assert!(
            std::fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }
}
