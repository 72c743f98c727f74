//! Opening the explorer from the command line: what to load first and behind the first
//! screen, the starting query (`-q`), pick mode, and the list printed instead when there
//! is no terminal.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::commands::{ListFormat, list, load_reporting};
use super::{Cli, Command, EXIT_USAGE, Failure, exit_code, line, scope};
use crate::config::Config;
use crate::model::load::{self, Catalog, LoadOptions};
use crate::paths::Paths;

/// How the explorer starts, from `-q`/`--query` and `pick`/`--pick`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Start {
    /// The query in the filter at start, as typed (views expanded later, like any query).
    pub query: String,
    /// Pick mode: Enter prints the chosen ids, Esc exits 130.
    pub pick: bool,
}

impl Start {
    /// The start the command line asks for; `pick -q` and a top-level `-q` are joined.
    pub fn of(cli: &Cli) -> Start {
        let mut words: Vec<&str> = cli.query.iter().map(String::as_str).collect();
        let mut pick = cli.pick;
        if let Some(Command::Pick { query }) = &cli.command {
            pick = true;
            words.extend(query.as_deref());
        }
        Start {
            query: words.join(" "),
            pick,
        }
    }
}

/// What `load` reads: the bundled events (unless turned off), the user events folder
/// (unless turned off), every `--data` path, then `extra`.
pub(super) fn load_options(cli: &Cli, paths: &Paths, extra: &[PathBuf]) -> LoadOptions {
    let mut out = Vec::new();
    if let Some(dir) = paths
        .events_dir
        .as_ref()
        .filter(|d| !cli.no_user_events && d.is_dir())
    {
        out.push(dir.clone());
    }
    out.extend(cli.data.iter().cloned());
    out.extend(extra.iter().cloned());
    LoadOptions {
        bundled: !cli.no_bundled,
        paths: out,
    }
}

/// Opens the explorer, or in a pipe prints the list its query would show.
///
/// The query is checked first, so a bad one is a usage error (exit 2) before the terminal
/// is taken.
pub(super) fn open(
    start: Start,
    cli: &Cli,
    paths: &Paths,
    config: &Config,
    warning: Option<String>,
) -> ExitCode {
    let scoped = match scope::prepare(std::slice::from_ref(&start.query), None, false, paths) {
        Ok(scoped) => scoped,
        Err(failure) => return exit_code(Err(failure)),
    };
    if let Err(e) = crate::search::Query::parse(&scoped.query) {
        return exit_code(Err(scope::bad_query(&scoped.query, &e)));
    }
    let terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    if start.pick && !crate::pick::has_terminal() {
        eprintln!("error: pick mode needs a terminal to draw on (/dev/tty)");
        return ExitCode::from(EXIT_USAGE);
    }
    if !terminal && !start.pick {
        let catalog = load_reporting(&load_options(cli, paths, &[]));
        let scope = scope::resolve(scoped, paths, &catalog);
        let format = ListFormat::Plain(line::Layout::Columns);
        return exit_code(list(&catalog, &scope, config.lang, &format, config.sort));
    }
    let (catalog, background) = explorer_start(load_options(cli, paths, &[]), paths);
    if start.pick {
        return exit_code(Err(Failure::Message(
            "pick mode is not available in this build yet".into(),
        )));
    }
    crate::tui::explore(catalog, background, config, paths, cli.no_mouse, warning)
}

/// What the explorer shows at once, and what it loads behind the first screen: with user
/// files, the bundled events come first (they are compiled in) and everything else loads
/// on a thread, so the first screen never waits for a large archive.
pub(super) fn explorer_start(
    options: LoadOptions,
    paths: &Paths,
) -> (Catalog, Option<crate::tui::Background>) {
    if options.paths.is_empty() {
        return (load::load(&options), None);
    }
    let bytes: u64 = options
        .paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let label = if bytes >= 1 << 20 {
        format!("loading {} MB…", bytes >> 20)
    } else {
        "loading…".to_string()
    };
    let first = load::load(&LoadOptions {
        bundled: options.bundled,
        paths: Vec::new(),
    });
    let background = crate::tui::Background {
        options,
        cache_dir: paths.cache_dir.clone(),
        label,
    };
    (first, Some(background))
}
