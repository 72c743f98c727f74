//! Reading event files: RON parsing, validation, and errors that say file:line:col.
//!
//! PLACEHOLDER: the real loader is being written; the interface below is final.

use std::fmt;
use std::path::PathBuf;

use super::Event;

/// Bundled event data, compiled into the binary.
pub const BUNDLED_NAME: &str = "data/events.ron";
/// Text of the bundled event data.
pub const BUNDLED_TEXT: &str = include_str!("../../data/events.ron");

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

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.col) {
            (0, _) => write!(f, "{}: {}", self.path, self.message),
            (l, 0) => write!(f, "{}:{}: {}", self.path, l, self.message),
            (l, c) => write!(f, "{}:{}:{}: {}", self.path, l, c, self.message),
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

/// Events loaded from every source, in date order, with the problems found on the way.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Valid events, sorted by start, end, then id.
    pub events: Vec<Event>,
    /// Every problem found; events from bad records are left out.
    pub errors: Vec<LoadError>,
}

/// Loads the bundled events.
pub fn bundled() -> Catalog {
    load(&LoadOptions {
        bundled: true,
        paths: Vec::new(),
    })
}

/// Loads and validates events from the requested sources.
pub fn load(options: &LoadOptions) -> Catalog {
    let mut catalog = Catalog::default();
    if options.bundled {
        match ron::from_str::<Vec<Event>>(BUNDLED_TEXT) {
            Ok(events) => catalog.events = events,
            Err(e) => catalog.errors.push(LoadError {
                path: BUNDLED_NAME.into(),
                line: e.span.start.line,
                col: e.span.start.col,
                message: e.code.to_string(),
            }),
        }
    }
    catalog
        .events
        .sort_by(|a, b| (a.start, a.last(), &a.id).cmp(&(b.start, b.last(), &b.id)));
    catalog
}
