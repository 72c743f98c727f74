//! From the query a user typed to the events it names: saved views expanded, then the
//! `marked` and `new:` terms read from the state folder and applied to the matcher's hits.

use std::collections::BTreeSet;

use super::Failure;
use crate::model::load::Catalog;
use crate::paths::Paths;
use crate::saved::{seen, views};
use crate::search::QueryError;
use crate::terms::{self, Scoped};

/// A query ready for the matcher, with the id sets its `marked` and `new:` terms need.
#[derive(Debug, Default)]
pub(super) struct Scope {
    /// The query without its id-set terms, and those terms.
    pub scoped: Scoped,
    /// The marked ids (read only when `marked` is used).
    pub marks: BTreeSet<String>,
    /// Ids new or changed since the last explorer run (only when `new:` is used).
    pub news: BTreeSet<String>,
}

impl Scope {
    /// Whether the event `id` passes the `marked` and `new:` terms.
    pub fn keeps(&self, id: &str) -> bool {
        self.scoped.keeps(id, &self.marks, &self.news)
    }
}

/// The usage error for a bad query, with a caret under the column.
pub(super) fn bad_query(query: &str, e: &QueryError) -> Failure {
    Failure::Usage(super::output::query_error(query, &e.to_string(), e.column))
}

/// The query the user wrote (`view` first when `--view` is given, `marked` added with
/// `--marked`) with views expanded and id-set terms split out; no file is read unless
/// the query needs it.
pub(super) fn prepare(
    words: &[String],
    view: Option<&str>,
    marked: bool,
    paths: &Paths,
) -> Result<Scoped, Failure> {
    let mut raw = words.join(" ");
    if let Some(name) = view {
        views::check_name(name).map_err(Failure::Usage)?;
        raw = format!("@{name} {raw}");
    }
    if marked {
        raw.push_str(" marked");
    }
    let expanded = if terms::uses_views(&raw) {
        let saved = match &paths.state_dir {
            Some(dir) => views::load(&views::path(dir)).map_err(Failure::Message)?,
            None => views::Views::default(),
        };
        let lookup = |name: &str| saved.get(name).map(str::to_string);
        terms::expand_views(&raw, &lookup).map_err(|e| bad_query(&raw, &e))?
    } else {
        raw
    };
    terms::split(&expanded).map_err(|e| bad_query(&expanded, &e))
}

/// Reads what the id-set terms of `scoped` need: the marks, and the events new since
/// the snapshot the last explorer run saved. Problems are warnings: a term then keeps
/// nothing (`marked`) or finds nothing new (`new:`).
pub(super) fn resolve(scoped: Scoped, paths: &Paths, catalog: &Catalog) -> Scope {
    let mut scope = Scope {
        scoped,
        ..Scope::default()
    };
    if scope.scoped.marked.is_some()
        && let Some(path) = crate::state::marks_path(paths.state_dir.as_deref())
    {
        let loaded = crate::state::load(&path);
        for warning in &loaded.warnings {
            eprintln!("warning: {warning}");
        }
        scope.marks = loaded.marks;
    }
    if scope.scoped.new.is_some()
        && let Some(dir) = &paths.state_dir
    {
        match seen::load(&seen::path(dir)) {
            Ok(Some(snapshot)) => scope.news = snapshot.news(&catalog.events[..]).ids,
            Ok(None) => {}
            Err(warning) => eprintln!("warning: {warning}"),
        }
    }
    scope
}
