//! Reading event files: RON parsing, validation, and errors that say file:line:col.
//!
//! A file is split into records first ([`scan`]), each record is parsed on its own, so one
//! bad record does not hide the others and large files parse on every core. Validation then
//! checks what RON cannot: dates in order, unique ids, links that exist, quotes in seeds.

mod evidence;
mod fast;
mod loose;
mod parse;
mod record;
pub mod scan;
mod validate;

pub use parse::{Parsed, parse_text};

use std::fmt;
use std::path::{Path, PathBuf};

use super::Event;
use scan::Pos;

/// Name under which the bundled data is reported.
pub const BUNDLED_NAME: &str = "data/events.ron";
/// Text of the bundled event data, compiled into the binary.
pub const BUNDLED_TEXT: &str = include_str!("../../data/events.ron");

/// Above this many records a file is parsed on two threads.
pub(super) const PARALLEL_RECORDS: usize = 2_000;

/// A problem in an event file, printed as `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// File the problem is in, as given by the user (or `data/events.ron` for bundled data).
    pub path: String,
    /// 1-based line, or 0 when the problem has no position (e.g. an unreadable file).
    pub line: usize,
    /// 1-based column, or 0 when unknown.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

impl LoadError {
    fn at(path: &str, pos: Pos, message: impl Into<String>) -> LoadError {
        LoadError {
            path: path.to_string(),
            line: pos.line,
            col: pos.col,
            message: message.into(),
        }
    }

    fn whole_file(path: &str, message: impl Into<String>) -> LoadError {
        LoadError::at(path, Pos::default(), message)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // File names come from other people's folders too: show their controls as escapes.
        let path = crate::text::escape_for_message(&self.path);
        match (self.line, self.col) {
            (0, _) => write!(f, "{path}: {}", self.message),
            (l, 0) => write!(f, "{path}:{l}: {}", self.message),
            (l, c) => write!(f, "{path}:{l}:{c}: {}", self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// Which event files to read.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include the bundled events.
    pub bundled: bool,
    /// Files, or folders of `.ron` files, to add.
    pub paths: Vec<PathBuf>,
}

/// Where a record was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    /// Index into [`Catalog::files`].
    pub file: u32,
    /// 1-based line of the record's opening bracket.
    pub line: u32,
}

/// Events loaded from every source, in date order, with the problems found on the way.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Valid events, sorted by start, end, then id.
    pub events: Vec<Event>,
    /// Where each event of `events` comes from (same order).
    pub origins: Vec<Origin>,
    /// Files read, as named in errors and origins.
    pub files: Vec<String>,
    /// Every problem found; bad records are left out, the rest still loads.
    pub errors: Vec<LoadError>,
}

impl Catalog {
    /// `file:line` of the event at `index`.
    pub fn origin_label(&self, index: usize) -> String {
        match self.origins.get(index) {
            Some(o) => format!(
                "{}:{}",
                self.files.get(o.file as usize).map_or("?", String::as_str),
                o.line
            ),
            None => String::new(),
        }
    }
}

/// Loads the bundled events.
pub fn bundled() -> Catalog {
    load(&LoadOptions {
        bundled: true,
        paths: Vec::new(),
    })
}

/// A file's text, read and checked, ready for parsing.
struct SourceFile {
    name: String,
    text: String,
}

/// Loads and validates events from the requested sources. Never fails as a whole: problems
/// are collected in [`Catalog::errors`] and everything valid is kept.
pub fn load(options: &LoadOptions) -> Catalog {
    load_with(options, false).0
}

/// What `cyberdiplo check` reports: the catalog with its problems, and the facts of kept
/// records that none of their quotes supports.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// Events and problems, as [`load`] gives them.
    pub catalog: Catalog,
    /// "Fact without evidence" warnings, sorted by file and position; they leave the
    /// records in.
    pub warnings: Vec<LoadError>,
}

/// Loads like [`load`], and also looks for dates, places and actors that no quote of their
/// record supports (see `evidence_waivers` and `date_basis` in the data format).
pub fn check(options: &LoadOptions) -> Checked {
    let (catalog, warnings) = load_with(options, true);
    Checked { catalog, warnings }
}

fn load_with(options: &LoadOptions, evidence: bool) -> (Catalog, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    if options.bundled {
        files.push(SourceFile {
            name: BUNDLED_NAME.to_string(),
            text: BUNDLED_TEXT.to_string(),
        });
    }
    // A file reached twice (say `check FILE` on a file of the user events folder) is read
    // once, or each of its records would be a duplicate of itself.
    let mut seen = std::collections::HashSet::new();
    for path in &options.paths {
        for file in expand(path, &mut errors) {
            if !seen.insert(std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone())) {
                continue;
            }
            match read_text(&file) {
                Ok(text) => files.push(SourceFile {
                    name: file.display().to_string(),
                    text,
                }),
                Err(e) => errors.push(e),
            }
        }
    }
    let mut parsed = Vec::new();
    for (file_index, file) in files.iter().enumerate() {
        let (parts, file_errors) = parse::parse_text_in_parts(&file.name, &file.text);
        errors.extend(file_errors);
        parsed.extend(parts.into_iter().map(|part| (part, file_index)));
    }
    let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    let texts: Vec<&str> = files.iter().map(|f| f.text.as_str()).collect();
    let outcome = validate::validate(parsed, &names, &texts, evidence);
    // The files' text is needed no more: freed before the events are moved again.
    drop(texts);
    drop(files);
    errors.extend(outcome.errors);
    let by_place =
        |a: &LoadError, b: &LoadError| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col));
    errors.sort_by(by_place);
    let mut warnings = outcome.warnings;
    warnings.sort_by(by_place);
    let (events, origins) = outcome.kept;
    let catalog = Catalog {
        events,
        origins,
        files: names,
        errors,
    };
    (catalog, warnings)
}

/// The `.ron` files a path stands for: the file itself, or the `.ron` files of a folder
/// (not its subfolders), sorted by name.
pub(crate) fn expand(path: &Path, errors: &mut Vec<LoadError>) -> Vec<PathBuf> {
    let name = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            errors.push(LoadError::whole_file(&name, io_message(&e)));
            return Vec::new();
        }
    };
    if !meta.is_dir() {
        return vec![path.to_path_buf()];
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(LoadError::whole_file(&name, io_message(&e)));
            return Vec::new();
        }
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    found.sort();
    found
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a folder, expected a .ron file".to_string(),
        // Our own messages: not a regular file, over the size limit.
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::FileTooLarge => e.to_string(),
        _ => format!("cannot read: {e}"),
    }
}

/// Reads a file as UTF-8 text, dropping a leading byte-order mark. Only a regular file
/// within the event file size limit is read (see [`crate::file`]).
fn read_text(path: &Path) -> Result<String, LoadError> {
    let name = path.display().to_string();
    let bytes = crate::file::read_regular(path, crate::file::Limit::event_file())
        .map_err(|e| LoadError::whole_file(&name, io_message(&e)))?;
    decode(&name, bytes)
}

/// Decodes file bytes as UTF-8, reporting the line and column of the first bad byte.
pub fn decode(name: &str, mut bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        let pos = scan::position_of(&good, Pos { line: 1, col: 1 }, good.len());
        LoadError::at(
            name,
            pos,
            "the file is not valid UTF-8 text (save it as UTF-8)",
        )
    })
}

#[cfg(test)]
mod tests;
