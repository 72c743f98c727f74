//! Plain-text output of the command line: the one-line list, the full record, files.

use std::io::{self, Write};
use std::path::Path;

use unicode_width::UnicodeWidthStr;

use chrono::NaiveDate;

use crate::model::load::Catalog;
use crate::model::{Event, Lang};
use crate::present::detail::{Document, Input, RelatedEntry, no_highlight};

/// Width of the date column: the longest label is `2024-06-20..2024-07-01`.
const DATE_WIDTH: usize = 14;
/// Width of the kind column: `council_conclusions`.
const KIND_WIDTH: usize = 19;

/// One line per event: date, kind, title.
pub fn write_plain(events: &[&Event], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    for event in events {
        let date = event.date_label();
        writeln!(
            out,
            "{date}{}  {:<KIND_WIDTH$}  {}",
            " ".repeat(DATE_WIDTH.saturating_sub(date.width())),
            event.kind.name(),
            event.title(lang)
        )?;
    }
    Ok(())
}

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
        record: Some(catalog.origin_label(index)),
        highlight: &no_highlight,
    };
    out.write_all(Document::new(&input).text(SHOW_WIDTH).as_bytes())
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

/// Writes `bytes` to `path` through a temporary file and a rename, so a reader never sees
/// half a file. An existing file is only replaced with `force`.
pub fn write_file_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    let shown = path.display();
    if path.is_dir() {
        return Err(format!("{shown}: is a folder"));
    }
    if path.exists() && !force {
        return Err(format!(
            "{shown}: already exists; not replaced (use --force to replace it)"
        ));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_string());
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| -> io::Result<()> {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("{shown}: cannot write: {e}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
