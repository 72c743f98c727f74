//! The query history: queries the user submitted, newest last, in `history.ron`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::file;

/// Name of the history file in the state folder.
pub const FILE: &str = "history.ron";
/// How many queries are kept; the oldest go first.
pub const CAP: usize = 500;
/// Longest query kept, in bytes: a huge paste is not worth recalling.
pub const MAX_QUERY: usize = 4096;

/// What `history.ron` holds.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoryFile {
    /// Queries, oldest first.
    queries: Vec<String>,
}

/// The history file in `state_dir`.
pub fn path(state_dir: &Path) -> PathBuf {
    state_dir.join(FILE)
}

/// The saved queries, oldest first; a missing file means none. Errors say `file:line:col`.
pub fn load(path: &Path) -> Result<Vec<String>, String> {
    let Some(text) = file::read_text(path).map_err(|e| e.to_string())? else {
        return Ok(Vec::new());
    };
    ron::from_str::<HistoryFile>(&text)
        .map(|f| f.queries)
        .map_err(|e| file::ron_error(path, &e))
}

/// `queries` with `query` added as the newest: a copy of it moves to the end rather than
/// repeating, blank and oversized queries are not kept, and only the newest [`CAP`] stay.
pub fn pushed(mut queries: Vec<String>, query: &str) -> Vec<String> {
    let query = query.trim();
    if query.is_empty() || query.len() > MAX_QUERY {
        return queries;
    }
    queries.retain(|q| q != query);
    queries.push(query.to_string());
    let excess = queries.len().saturating_sub(CAP);
    queries.drain(..excess);
    queries
}

/// Adds `query` to the history file (re-read first, so other explorers' queries stay);
/// returns the history as saved. A file that does not parse is left alone.
pub fn push(path: &Path, query: &str) -> Result<Vec<String>, String> {
    let queries = pushed(load(path)?, query);
    let text = ron::ser::to_string_pretty(
        &HistoryFile {
            queries: queries.clone(),
        },
        ron::ser::PrettyConfig::default(),
    )
    .map_err(|e| e.to_string())?;
    file::write(path, format!("{text}\n").as_bytes()).map_err(|e| e.to_string())?;
    Ok(queries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushing_dedups_caps_and_skips_blanks() {
        let mut queries = Vec::new();
        for i in 0..CAP + 10 {
            queries = pushed(queries, &format!("q{i}"));
        }
        assert_eq!(queries.len(), CAP);
        assert_eq!(queries[0], "q10");
        let queries = pushed(queries, "q10");
        assert_eq!(queries.last().map(String::as_str), Some("q10"));
        assert_eq!(queries.iter().filter(|q| *q == "q10").count(), 1);
        let same = pushed(queries.clone(), "   ");
        assert_eq!(same, queries);
        assert_eq!(pushed(Vec::new(), &"x".repeat(MAX_QUERY + 1)).len(), 0);
    }

    #[test]
    fn history_survives_in_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = path(dir.path());
        push(&path, "tallinn").unwrap();
        push(&path, "kind:cc 2022..").unwrap();
        push(&path, "tallinn").unwrap();
        assert_eq!(load(&path).unwrap(), ["kind:cc 2022..", "tallinn"]);
    }
}
