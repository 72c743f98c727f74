//! Opening the explorer from the command line: what to load first and behind the first
//! screen, the starting query (`-q`), pick mode, and the list printed instead when there
//! is no terminal.

use std::io::IsTerminal;
use std::process::ExitCode;

use super::commands::ListFormat;
use super::dispatch::{Run, explorer_start};
use super::{Cli, Command, EXIT_USAGE, exit_code, line, scope};

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

/// Opens the explorer, or in a pipe prints the list its query would show.
///
/// The query is checked first, so a bad one is a usage error (exit 2) before the terminal
/// is taken.
pub(super) fn open(start: Start, run: &Run, warning: Option<String>) -> ExitCode {
    let (cli, paths, config) = (run.cli, run.paths, run.config);
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
        let format = ListFormat::Plain(line::Layout::Columns);
        return run.list(scoped, format, config.sort);
    }
    let (catalog, background) = explorer_start(run.load_options(&[]), paths);
    let app_start = app_start(start, paths);
    crate::tui::explore(
        catalog,
        background,
        config,
        paths,
        cli.no_mouse,
        warning,
        app_start,
    )
}

/// What the explorer starts with: the query and pick mode, the saved history and views
/// (a file that cannot be read is reported and left alone; the explorer starts without).
fn app_start(start: Start, paths: &crate::paths::Paths) -> crate::app::Start {
    let mut out = crate::app::Start {
        query: start.query,
        pick: start.pick,
        ..Default::default()
    };
    if let Some(dir) = &paths.state_dir {
        match crate::saved::history::load(&crate::saved::history::path(dir)) {
            Ok(history) => out.history = history,
            Err(e) => eprintln!("warning: history not loaded: {e}"),
        }
        match crate::saved::views::load(&crate::saved::views::path(dir)) {
            Ok(views) => out.views = views.by_name,
            Err(e) => eprintln!("warning: views not loaded: {e}"),
        }
    }
    out
}
