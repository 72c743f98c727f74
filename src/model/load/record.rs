//! A parsed record with the file it came from, and where its fields are: what validation
//! and the evidence check both point their messages at.

use super::scan::{self, Pos};
use super::{LoadError, Parsed};
use crate::text::escape_for_message;

/// A record being validated, with the file it came from.
pub(super) struct Record<'a> {
    pub(super) parsed: Parsed,
    pub(super) file: usize,
    pub(super) name: &'a str,
    pub(super) text: &'a str,
}

impl Record<'_> {
    /// Whether the value at `path` could not be read (it holds a placeholder).
    pub(super) fn is_invalid(&self, path: &str) -> bool {
        self.parsed.invalid.iter().any(|p| p == path)
    }

    /// Position of a field (path like `sources[0].quote`), or of the record itself.
    pub(super) fn locate(&self, path: &str) -> Pos {
        let record = self.text.get(self.parsed.range.clone()).unwrap_or("");
        scan::fields(record, self.parsed.pos)
            .into_iter()
            .find(|f| f.path == path)
            .map_or(self.parsed.pos, |f| f.pos)
    }

    /// An error at `path` in this record, naming the record's id.
    pub(super) fn error(&self, path: &str, message: impl AsRef<str>) -> LoadError {
        let id = escape_for_message(&self.parsed.event.id);
        LoadError::at(
            self.name,
            self.locate(path),
            format!("{path}: {} (record `{id}`)", message.as_ref()),
        )
    }
}
