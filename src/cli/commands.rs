//! What each command does once its arguments are parsed: load, match, print.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::line::{self, Layout};
use super::scope::{self, Scope};
use super::{EXIT_NOTHING, Failure, output};
use crate::config::SortOrder;
use crate::export::Format;
use crate::model::load::{self, Catalog, LoadOptions};
use crate::model::{Event, Lang};
use crate::paths::Paths;
use crate::search;

/// Loads events (through the parsed cache for large files), printing each problem to
/// stderr as a warning; the rest is used.
pub(super) fn load_reporting(options: &LoadOptions) -> Catalog {
    let (catalog, _) = crate::cache::load_cached(options, Paths::from_env().cache_dir.as_deref());
    report(&catalog.errors);
    catalog
}

/// `list QUERY` answered from a valid parsed cache, or `None` when there is none (the
/// caller then loads normally, which writes the cache for next time). Output is held until
/// the cache's content check has passed, so a stale cache never prints anything.
pub(super) fn list_from_cache(
    options: &LoadOptions,
    paths: &Paths,
    query: &str,
    lang: Lang,
    layout: &Layout,
) -> Option<Result<(), Failure>> {
    let dir = paths.cache_dir.as_deref()?;
    let parsed = search::Query::parse(query).ok()?;
    let mut printer = line::Printer::new(layout, lang);
    let errors = crate::cache::for_each_match(options, dir, &parsed, &mut |event| {
        printer.push(event);
    })?;
    report(&errors);
    let count = printer.count();
    let mut out = Vec::new();
    let result = printer
        .finish(&mut out)
        .map_err(Failure::Io)
        .and_then(|()| write_stdout(&out));
    if result.is_ok() && count == 0 {
        return Some(Err(Failure::NothingMatched));
    }
    Some(result)
}

/// Prints load problems to stderr as warnings.
pub(super) fn report(errors: &[load::LoadError]) {
    for error in errors {
        eprintln!("warning: {error}");
    }
    if !errors.is_empty() {
        eprintln!(
            "warning: {} problem(s); the records concerned are left out (run `cyberdiplo check`)",
            errors.len()
        );
    }
}

pub(super) fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// Output form of `list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ListFormat {
    /// One line per event.
    Plain(Layout),
    /// A JSON array.
    Json,
    /// CSV with a header row.
    Csv,
}

/// Events matching `scope`, in the requested order.
pub(super) fn matching<'a>(
    catalog: &'a Catalog,
    scope: &Scope,
    sort: SortOrder,
) -> Result<Vec<&'a Event>, Failure> {
    let query = &scope.scoped.query;
    let parsed = search::Query::parse(query).map_err(|e| scope::bad_query(query, &e))?;
    let index = search::Index::new(&catalog.events);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut hits = index.filter(&parsed, None, &cancel).unwrap_or_default();
    if sort == SortOrder::Relevance && !parsed.is_empty() {
        index.rank(&parsed, &mut hits);
    }
    Ok(hits
        .into_iter()
        .filter_map(|i| catalog.events.get(i as usize))
        .filter(|e| scope.keeps(&e.id))
        .collect())
}

pub(super) fn list(
    catalog: &Catalog,
    scope: &Scope,
    lang: Lang,
    format: &ListFormat,
    sort: SortOrder,
) -> Result<(), Failure> {
    let events = matching(catalog, scope, sort)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        ListFormat::Plain(layout) => line::write(&events, layout, lang, &mut out)?,
        ListFormat::Json => crate::export::write(Format::Json, &events, lang, &mut out)?,
        ListFormat::Csv => crate::export::write(Format::Csv, &events, lang, &mut out)?,
    }
    out.flush()?;
    if events.is_empty() {
        return Err(Failure::NothingMatched);
    }
    Ok(())
}

pub(super) fn export(
    catalog: &Catalog,
    format: Format,
    scope: &Scope,
    lang: Lang,
    output: Option<&PathBuf>,
    force: bool,
) -> Result<(), Failure> {
    let events = matching(catalog, scope, SortOrder::Date)?;
    let mut bytes = Vec::new();
    crate::export::write(format, &events, lang, &mut bytes)?;
    match output {
        None => write_stdout(&bytes)?,
        Some(path) => {
            output::write_file_atomically(path, &bytes, force).map_err(Failure::Message)?
        }
    }
    if events.is_empty() {
        return Err(Failure::NothingMatched);
    }
    Ok(())
}

pub(super) fn check(options: &LoadOptions) -> ExitCode {
    let catalog = load::load(options);
    let mut out = std::io::stdout().lock();
    for error in &catalog.errors {
        eprintln!("{error}");
    }
    if catalog.errors.is_empty() {
        let _ = writeln!(
            out,
            "ok: {} events in {} file(s)",
            catalog.events.len(),
            catalog.files.len()
        );
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{} problem(s) found in {} file(s) checked",
            catalog.errors.len(),
            catalog.files.len().max(1)
        );
        ExitCode::from(EXIT_NOTHING)
    }
}
