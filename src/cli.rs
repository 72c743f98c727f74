//! The command line: arguments (clap derive) and dispatch to the commands.

mod commands;
mod complete;
mod dispatch;
mod explain;
mod line;
mod man;
mod output;
mod scope;
mod show;
mod start;
mod view;

use dispatch::Run;
use start::Start;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{self, SortOrder};
use crate::export::Format;
use crate::model::{Date, Lang};
use crate::paths::Paths;

const EXAMPLES: &str = "\
Examples:
  cyberdiplo                              open the explorer on the bundled events
  cyberdiplo -q tallinn                   open it filtered
  cyberdiplo list tallinn                 events matching a query, one per line
  cyberdiplo list 'kind:council' --json   as a JSON array
  cyberdiplo show 2017-10-04-tal          one event, by the start of its id
  cyberdiplo list tallinn --format '{id}' | xargs cyberdiplo show
  cyberdiplo export --format ics -o diplo.ics 2021..2024
  cyberdiplo check                        validate the events

Exit status: 0 done, 1 nothing matched (or data invalid), 2 usage error,
130 pick mode left with Esc. See also `cyberdiplo man`.";

/// Terminal timeline explorer of EU cyber and digital diplomacy events.
#[derive(Debug, Parser)]
#[command(name = "cyberdiplo", version, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do; without a command, the explorer opens (or the list prints, when the
    /// output is not a terminal).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Add events from a .ron file or a folder of .ron files (repeatable).
    #[arg(long = "data", value_name = "PATH", global = true)]
    pub data: Vec<PathBuf>,
    /// Leave the bundled events out.
    #[arg(long, global = true)]
    pub no_bundled: bool,
    /// Do not load the .ron files of the user events folder (see `cyberdiplo paths`).
    #[arg(long, global = true)]
    pub no_user_events: bool,
    /// Language of titles, summaries and labels.
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    /// Explorer: do not capture the mouse, so that the terminal's text selection works.
    #[arg(long)]
    pub no_mouse: bool,
    /// Explorer: open with this query in the filter (`@view`, `marked`, `new:` work too).
    #[arg(short, long, value_name = "QUERY")]
    pub query: Option<String>,
    /// Explorer in pick mode: Enter prints the selected event's id (or the ids marked
    /// during the pick) and exits 0; Esc exits 130, printing nothing.
    #[arg(long)]
    pub pick: bool,
    /// The date treated as today (YYYY-MM-DD), e.g. for reproducible output.
    #[arg(long, value_name = "DATE", global = true, value_parser = parse_date)]
    pub today: Option<Date>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print matching events in date order, one per line: id, date, status, kind, title
    /// (or as JSON, CSV or a --format of your own).
    #[command(
        after_help = "Examples:\n  cyberdiplo list\n  cyberdiplo list lulea\n  \
        cyberdiplo list 'kind:summit | kind:ministerial' 2017..2022\n  \
        cyberdiplo list --json 'tag:africa'\n  \
        cyberdiplo list --format '{date}\\t{title}' status:planned\n  \
        cyberdiplo list tallinn --format '{id}' | xargs cyberdiplo show\n  \
        cyberdiplo list marked"
    )]
    List {
        /// Query, with the explorer's syntax (words are joined with spaces).
        query: Vec<String>,
        /// Print a JSON array of full records.
        #[arg(long, conflicts_with_all = ["csv", "format"])]
        json: bool,
        /// Print CSV (RFC 4180) with a header row.
        #[arg(long, conflicts_with = "format")]
        csv: bool,
        /// One line per event from a template: {id} {date} {status} {kind} {title};
        /// `{{` and `}}` for braces, `\t` for a tab.
        #[arg(long, value_name = "TEMPLATE")]
        format: Option<String>,
        /// Start from a saved view (see `cyberdiplo view`); the query narrows it.
        #[arg(long, value_name = "NAME")]
        view: Option<String>,
        /// Only marked events (as the `marked` query term).
        #[arg(long)]
        marked: bool,
        /// With --csv: keep cells that start with = + - @ tab or CR as they are, without
        /// the leading ' that stops spreadsheets from running them as formulas.
        #[arg(long, requires = "csv")]
        raw_csv: bool,
        /// Under each event, print the fields that matched, matched text in square brackets.
        #[arg(long, conflicts_with_all = ["json", "csv"])]
        explain: bool,
        /// Order of results.
        #[arg(long, value_enum)]
        sort: Option<SortOrder>,
    },
    /// Print events in full, as the detail pane shows them.
    ///
    /// An id may be shortened to any start that no other id shares. `-` reads ids from
    /// standard input, the first word of each line. A wrong or ambiguous id is reported
    /// (with the candidates) and exits 1; the other events still print.
    #[command(
        after_help = "Examples:\n  cyberdiplo show 2021-05-17-cyberspace-scenario-discussion\n  \
        cyberdiplo show 2017-10-04-tal\n  \
        cyberdiplo list tallinn | cyberdiplo show -\n  \
        cyberdiplo show --json 2022-09-01 2023-06-26"
    )]
    Show {
        /// Event ids or unique starts of ids; `-` reads them from standard input.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Print the record as a JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Write matching events as JSON, CSV, iCalendar, Markdown or TimelineJS.
    #[command(
        after_help = "Examples:\n  cyberdiplo export --format ics -o events.ics\n  \
        cyberdiplo export --format markdown 'tag:cybersecurity' > cyber.md\n  \
        cyberdiplo export --format timelinejs -o timeline.json\n  \
        cyberdiplo export --format csv --marked > marked.csv"
    )]
    Export {
        /// Output format.
        #[arg(long, short, value_enum)]
        format: Format,
        /// Query, with the explorer's syntax.
        query: Vec<String>,
        /// Start from a saved view; the query narrows it.
        #[arg(long, value_name = "NAME")]
        view: Option<String>,
        /// Only marked events.
        #[arg(long)]
        marked: bool,
        /// Write to this file instead of standard output (never replaces an existing file
        /// unless --force is given).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Allow --output to replace an existing regular file (never a link, FIFO or device).
        #[arg(long, requires = "output")]
        force: bool,
        /// CSV: keep cells that start with = + - @ tab or CR as they are, without the
        /// leading ' that stops spreadsheets from running them as formulas.
        #[arg(long)]
        raw_csv: bool,
        /// iCalendar: include events known only to the month or year, as one-day markers
        /// titled with what is not known (they are left out otherwise).
        #[arg(long)]
        ics_imprecise: bool,
    },
    /// Validate event files (the bundled data and user events by default) and report
    /// every problem with file:line:col.
    #[command(after_help = "Examples:\n  cyberdiplo check\n  cyberdiplo check my-events.ron")]
    Check {
        /// Files or folders to check, together with the bundled events they may link to.
        files: Vec<PathBuf>,
    },
    /// The explorer in pick mode (as fzf): Enter prints the selected event's id, or the
    /// ids marked during the pick, one per line, and exits 0; Esc exits 130 printing
    /// nothing. It draws on the terminal even when the output is a pipe.
    #[command(after_help = "Example:\n  cyberdiplo pick -q tallinn | xargs cyberdiplo show")]
    Pick {
        /// Open with this query in the filter.
        #[arg(short, long, value_name = "QUERY")]
        query: Option<String>,
    },
    /// Save, list or delete named queries ("views"), used as `@name` in any query and by
    /// `list --view NAME`.
    #[command(
        after_help = "Examples:\n  cyberdiplo view save eap 'tag:eastern_partnership'\n  \
        cyberdiplo list @eap 2017\n  cyberdiplo view list\n  cyberdiplo view delete eap"
    )]
    View {
        /// What to do with views.
        #[command(subcommand)]
        action: ViewAction,
    },
    /// Show where configuration, user events, state and cache live.
    Paths,
    /// Print a shell completion script; bash, zsh and fish complete event ids after `show`.
    #[command(
        after_help = "Examples:\n  cyberdiplo completions bash > cyberdiplo.bash\n  \
        cyberdiplo completions zsh > _cyberdiplo\n  \
        cyberdiplo completions fish > cyberdiplo.fish"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the event ids that start with PREFIX, one per line (for completion scripts).
    #[command(hide = true)]
    CompleteIds {
        /// The start of the ids wanted.
        #[arg(default_value = "")]
        prefix: String,
    },
    /// Print the man page (roff).
    #[command(after_help = "Example:\n  cyberdiplo man | man -l -")]
    Man,
}

/// What `cyberdiplo view` does.
#[derive(Debug, Subcommand)]
pub enum ViewAction {
    /// Save a query under a name (replacing a view of that name).
    Save {
        /// 1 to 40 of a-z, 0-9, - and _.
        name: String,
        /// The query (words are joined with spaces).
        #[arg(required = true)]
        query: Vec<String>,
    },
    /// List the saved views: name, then query.
    List,
    /// Delete a saved view.
    Delete {
        /// The view's name.
        name: String,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}

/// Exit code: nothing matched, or the data is invalid.
const EXIT_NOTHING: u8 = 1;
/// Exit code: a usage error.
const EXIT_USAGE: u8 = 2;

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    // Checked before any file is opened, which could take the closed descriptor's number.
    if let Err(message) = commands::stdout_open()
        && writes_stdout(&cli)
    {
        eprintln!("error: {message}");
        return ExitCode::from(EXIT_NOTHING);
    }
    let paths = Paths::from_env();
    let settings = config::read(paths.config_file.as_deref());
    if let Some(warning) = &settings.warning {
        eprintln!("warning: {warning}");
    }
    let mut config = settings.config.clone();
    if let Some(lang) = cli.lang {
        config.lang = lang;
    }
    if cli.today.is_some() {
        config.today = cli.today;
    }
    let run = Run {
        cli: &cli,
        paths: &paths,
        config: &config,
    };
    match &cli.command {
        None | Some(Command::Pick { .. }) => start::open(Start::of(&cli), &run, settings.warning),
        Some(command) => run.command(command),
    }
}

/// The exit code of a command's result, with its message printed.
fn exit_code(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::NothingMatched) => ExitCode::from(EXIT_NOTHING),
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(Failure::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(EXIT_NOTHING)
        }
        Err(Failure::Message(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_NOTHING)
        }
    }
}

/// Why a command did not succeed.
enum Failure {
    /// The query matched nothing (exit 1, like grep).
    NothingMatched,
    /// A usage error such as a malformed query (exit 2).
    Usage(String),
    /// Writing failed.
    Io(std::io::Error),
    /// Any other error, already phrased for the user (exit 1).
    Message(String),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Io(e)
    }
}

/// Whether the command prints to standard output (all but the explorer and `export -o`).
fn writes_stdout(cli: &Cli) -> bool {
    !matches!(
        cli.command,
        Some(Command::Export {
            output: Some(_),
            ..
        })
    )
}
