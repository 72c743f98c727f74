//! Plain-text output of the command line: the full record, close ids, files.

use std::io::{self, Write};
use std::path::Path;

use crate::text::wrap;

use crate::model::Lang;
use crate::model::load::Catalog;

/// Labels of the detail view, per language.
struct Labels {
    places: &'static str,
    organisers: &'static str,
    participants: &'static str,
    tags: &'static str,
    sources: &'static str,
    related: &'static str,
    from: &'static str,
}

const EN: Labels = Labels {
    places: "Places",
    organisers: "Organisers",
    participants: "Participants",
    tags: "Tags",
    sources: "Sources",
    related: "Related",
    from: "Record",
};

const FR: Labels = Labels {
    places: "Lieux",
    organisers: "Organisateurs",
    participants: "Participants",
    tags: "Thèmes",
    sources: "Sources",
    related: "Liés",
    from: "Fiche",
};

/// The full record as text, as the explorer's detail pane shows it.
pub fn write_detail(
    catalog: &Catalog,
    index: usize,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some(event) = catalog.events.get(index) else {
        return Ok(());
    };
    let labels = match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    };
    writeln!(out, "{}", event.title(lang))?;
    let date = match &event.date_basis {
        Some(basis) => format!("{} ({basis})", event.date_label()),
        None => event.date_label(),
    };
    writeln!(
        out,
        "{} · {} · {} · {}",
        date,
        event.duration_label(),
        event.status.name(),
        event.kind.name()
    )?;
    writeln!(out, "id: {}", event.id)?;
    writeln!(out)?;
    for (label, values) in [
        (labels.places, &event.places),
        (labels.organisers, &event.organisers),
        (labels.participants, &event.participants),
    ] {
        if !values.is_empty() {
            writeln!(out, "{label}: {}", values.join(", "))?;
        }
    }
    if !event.tags.is_empty() {
        let tags: Vec<&str> = event.tags.iter().map(|t| t.name()).collect();
        writeln!(out, "{}: {}", labels.tags, tags.join(", "))?;
    }
    writeln!(out)?;
    for line in wrap(event.summary(lang), 78) {
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    writeln!(out, "{}:", labels.sources)?;
    for source in &event.sources {
        writeln!(out, "  {}", source.origin())?;
        if let Some(quote) = &source.quote {
            for line in wrap(&format!("« {quote} »"), 74) {
                writeln!(out, "    {line}")?;
            }
        }
    }
    if !event.related.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}:", labels.related)?;
        for id in &event.related {
            let title = catalog
                .events
                .iter()
                .find(|e| &e.id == id)
                .map_or("", |e| e.title(lang));
            writeln!(out, "  {id}  {title}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}: {}", labels.from, catalog.origin_label(index))?;
    Ok(())
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
