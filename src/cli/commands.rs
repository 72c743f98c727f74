//! What each command does once its arguments are parsed: load, match, print.

use std::io::Write;
use std::process::ExitCode;

use super::line::{self, Layout};
use super::scope::Scope;
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

/// Like [`load_reporting`], with the search index of the events: read from the parsed
/// cache, or the one built for it on a cold load (so it is never built twice).
pub(super) fn load_indexed_reporting(options: &LoadOptions) -> (Catalog, search::Index) {
    let dir = Paths::from_env().cache_dir;
    let (catalog, index, _) = crate::cache::load_indexed(options, dir.as_deref());
    report(&catalog.errors);
    (catalog, index)
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

/// An error message when standard output was closed (`>&-`): the command would otherwise
/// exit 0 having printed nothing.
pub(super) fn stdout_open() -> Result<(), String> {
    if stdout_was_closed() {
        return Err("cannot write to standard output: it is closed".into());
    }
    Ok(())
}

/// Whether standard output was closed when the program started. Rust's runtime replaces a
/// closed descriptor 0-2 by `/dev/null` opened read-write before `main`, so that is what a
/// closed output looks like here; a shell's `>/dev/null` opens it write-only and passes.
#[cfg(unix)]
fn stdout_was_closed() -> bool {
    use std::os::fd::{AsFd, AsRawFd};
    use std::os::unix::fs::MetadataExt;
    let Ok(owned) = std::io::stdout().as_fd().try_clone_to_owned() else {
        return true;
    };
    let file = std::fs::File::from(owned);
    let (Ok(out), Ok(null)) = (file.metadata(), std::fs::metadata("/dev/null")) else {
        return false;
    };
    if (out.dev(), out.ino()) != (null.dev(), null.ino()) {
        return false;
    }
    // SAFETY: F_GETFL only reads the status flags of a descriptor `file` keeps open.
    let flags = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETFL) };
    flags >= 0 && flags & libc::O_ACCMODE == libc::O_RDWR
}

/// Closed outputs are not detected on this platform.
#[cfg(not(unix))]
fn stdout_was_closed() -> bool {
    false
}

/// Writes `bytes` to standard output and flushes.
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
    /// CSV with formula-like cells left as they are.
    RawCsv,
    /// One line per event, then the fields that matched (`--explain`).
    Explain(Layout),
}

/// The parsed query, or the usage error that shows where it is wrong.
fn parsed(query: &str) -> Result<search::Query, Failure> {
    search::Query::parse(query)
        .map_err(|e| Failure::Usage(output::query_error(query, &e.to_string(), e.column)))
}

/// Events matching `scope`, in the requested order.
pub(super) fn matching<'a>(
    catalog: &'a Catalog,
    index: &search::Index,
    scope: &Scope,
    sort: SortOrder,
) -> Result<Vec<&'a Event>, Failure> {
    let parsed = parsed(&scope.scoped.query)?;
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
    index: &search::Index,
    scope: &Scope,
    lang: Lang,
    format: &ListFormat,
    sort: SortOrder,
) -> Result<(), Failure> {
    let events = matching(catalog, index, scope, sort)?;
    let query = scope.scoped.query.as_str();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        ListFormat::Plain(layout) => line::write(&events, layout, lang, &mut out)?,
        ListFormat::Json => super::explain::write_json(&events, &parsed(query)?, &mut out)?,
        ListFormat::Csv | ListFormat::RawCsv => {
            let mut options = crate::export::Options::on(chrono::Local::now().date_naive());
            options.raw_csv = *format == ListFormat::RawCsv;
            let stamp = crate::export::dtstamp_now();
            crate::export::write_with(Format::Csv, &events, lang, stamp, &options, &mut out)?
        }
        ListFormat::Explain(layout) => {
            let one = |e: &Event, out: &mut dyn Write| line::write(&[e], layout, lang, out);
            super::explain::write_explained(&events, &parsed(query)?, one, &mut out)?
        }
    }
    out.flush()?;
    if events.is_empty() {
        return Err(Failure::NothingMatched);
    }
    Ok(())
}

/// Where `export` writes: a file (replaced only with `force`), or standard output.
pub(super) struct Target<'a> {
    /// The file, or `None` for standard output.
    pub path: Option<&'a std::path::Path>,
    /// Whether an existing regular file may be replaced.
    pub force: bool,
}

pub(super) fn export(
    catalog: &Catalog,
    index: &search::Index,
    format: Format,
    scope: &Scope,
    lang: Lang,
    target: Target<'_>,
    options: &crate::export::Options,
) -> Result<(), Failure> {
    let events = matching(catalog, index, scope, SortOrder::Date)?;
    let mut bytes = Vec::new();
    let stamp = crate::export::dtstamp_now();
    crate::export::write_with(format, &events, lang, stamp, options, &mut bytes)?;
    match target.path {
        None => write_stdout(&bytes)?,
        Some(path) => {
            output::write_file_atomically(path, &bytes, target.force).map_err(Failure::Message)?
        }
    }
    for note in crate::export::notes(format, &events, options) {
        eprintln!("note: {note}");
    }
    if events.is_empty() {
        return Err(Failure::NothingMatched);
    }
    Ok(())
}

/// `check`: every problem of every record, then every fact without evidence; fails only
/// on problems (warnings leave the records in). `named` are the files and folders the
/// user gave, of which a folder without `.ron` files is a problem worth saying (nothing in
/// it was checked).
pub(super) fn check(options: &LoadOptions, named: &[std::path::PathBuf]) -> ExitCode {
    let load::Checked { catalog, warnings } = load::check(options);
    let mut out = std::io::stdout().lock();
    for error in &catalog.errors {
        eprintln!("{error}");
    }
    for warning in &warnings {
        eprintln!("{warning}");
    }
    let warned = match warnings.len() {
        0 => String::new(),
        n => format!("; {n} warning(s): facts without evidence"),
    };
    let empty: Vec<_> = named
        .iter()
        .filter(|p| p.is_dir() && load::expand(p, &mut Vec::new()).is_empty())
        .collect();
    for folder in &empty {
        eprintln!(
            "{}: no .ron files in this folder; nothing checked there",
            crate::text::escape_for_message(&folder.display().to_string())
        );
    }
    if !empty.is_empty() && catalog.errors.is_empty() {
        return ExitCode::from(EXIT_NOTHING);
    }
    if catalog.errors.is_empty() {
        let written = writeln!(
            out,
            "ok: {} events in {} file(s){warned}",
            catalog.events.len(),
            catalog.files.len()
        )
        .and_then(|()| out.flush());
        match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write the output: {e}");
                ExitCode::from(EXIT_NOTHING)
            }
        }
    } else {
        eprintln!(
            "{} problem(s) found in {} file(s) checked{warned}",
            catalog.errors.len(),
            catalog.files.len().max(1)
        );
        ExitCode::from(EXIT_NOTHING)
    }
}
