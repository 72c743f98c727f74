//! The command line: arguments (clap derive) and dispatch to the commands.

mod commands;
mod dispatch;
mod explain;
mod output;

use commands::{ListFormat, list, load_reporting};
use dispatch::{Run, explorer_start};

use std::io::IsTerminal;
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
  cyberdiplo list tallinn                 events matching a query, one per line
  cyberdiplo list 'kind:council' --json   as a JSON array
  cyberdiplo show 2017-10-04-tallinn-eap-cyber-conference
  cyberdiplo export --format ics -o diplo.ics 2021..2024
  cyberdiplo --data my-events.ron         add your own events
  cyberdiplo check my-events.ron          validate your own events";

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
    /// The date treated as today (YYYY-MM-DD), e.g. for reproducible output.
    #[arg(long, value_name = "DATE", global = true, value_parser = parse_date)]
    pub today: Option<Date>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print matching events in date order, one per line (or as JSON or CSV).
    #[command(
        after_help = "Examples:\n  cyberdiplo list\n  cyberdiplo list lulea\n  \
        cyberdiplo list 'kind:summit | kind:ministerial' 2017..2022\n  \
        cyberdiplo list --json 'tag:africa'"
    )]
    List {
        /// Query, with the explorer's syntax (words are joined with spaces).
        query: Vec<String>,
        /// Print a JSON array of full records.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (RFC 4180) with a header row.
        #[arg(long)]
        csv: bool,
        /// With --csv: keep cells that start with = + - @ tab or CR as they are, without
        /// the leading ' that stops spreadsheets from running them as formulas.
        #[arg(long, requires = "csv")]
        raw_csv: bool,
        /// Under each event, print the fields that matched, matched text in [brackets].
        #[arg(long, conflicts_with_all = ["json", "csv"])]
        explain: bool,
        /// Order of results.
        #[arg(long, value_enum)]
        sort: Option<SortOrder>,
    },
    /// Print one event in full, as the detail pane shows it.
    #[command(after_help = "Example:\n  cyberdiplo show 2021-05-17-scenario-based-discussion")]
    Show {
        /// The event's id.
        id: String,
        /// Print the record as a JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Write matching events as JSON, CSV, iCalendar, Markdown or TimelineJS.
    #[command(
        after_help = "Examples:\n  cyberdiplo export --format ics -o events.ics\n  \
        cyberdiplo export --format markdown 'tag:cybersecurity' > cyber.md\n  \
        cyberdiplo export --format timelinejs -o timeline.json"
    )]
    Export {
        /// Output format.
        #[arg(long, short, value_enum)]
        format: Format,
        /// Query, with the explorer's syntax.
        query: Vec<String>,
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
    /// Show where configuration, user events, state and cache live.
    Paths,
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  cyberdiplo completions bash > ~/.local/share/bash-completion/completions/cyberdiplo"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "Example:\n  cyberdiplo man | man -l -")]
    Man,
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
        None if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() => {
            let (catalog, background) = explorer_start(run.load_options(&[]), &paths);
            crate::tui::explore(
                catalog,
                background,
                &config,
                &paths,
                cli.no_mouse,
                settings.warning,
            )
        }
        None => {
            let catalog = load_reporting(&run.load_options(&[]));
            exit_code(list(
                &catalog,
                "",
                config.lang,
                ListFormat::Plain,
                config.sort,
            ))
        }
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
