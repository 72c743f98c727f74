//! Running one subcommand once the arguments and configuration are known, and what the
//! explorer loads at start.

use std::path::PathBuf;
use std::process::ExitCode;

use super::commands::{
    self, ListFormat, check, export, list, list_from_cache, load_indexed_reporting, load_reporting,
    write_stdout,
};
use super::{Cli, Command, Failure, complete, exit_code, line, man, scope, show, view};
use crate::config;
use crate::model::load::{self, Catalog, LoadOptions};
use crate::paths::Paths;
use crate::sort::SortOrder;

/// What every command needs: the arguments, the paths and the configuration.
pub(super) struct Run<'a> {
    pub(super) cli: &'a Cli,
    pub(super) paths: &'a Paths,
    pub(super) config: &'a config::Config,
}

impl Run<'_> {
    /// What to load: bundled events unless turned off, user events, `--data`, and `extra`.
    pub(super) fn load_options(&self, extra: &[PathBuf]) -> LoadOptions {
        LoadOptions {
            bundled: !self.cli.no_bundled,
            paths: user_event_paths(self.cli, self.paths)
                .into_iter()
                .chain(extra.iter().cloned())
                .collect(),
        }
    }

    /// The day treated as today: `--today`, the config's, or the clock's.
    pub(super) fn today(&self) -> chrono::NaiveDate {
        self.config
            .today
            .map(|d| d.first_day())
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Runs one subcommand.
    pub(super) fn command(&self, command: &Command) -> ExitCode {
        let lang = self.config.lang;
        let result = match command {
            Command::List {
                query,
                json,
                csv,
                raw_csv,
                format,
                view,
                marked,
                explain,
                sort,
            } => {
                let layout = match format.as_deref().map(line::parse) {
                    None => line::Layout::Columns,
                    Some(Ok(layout)) => layout,
                    Some(Err(e)) => {
                        return exit_code(Err(Failure::Usage(format!("--format: {e}"))));
                    }
                };
                let format = match (json, csv, explain) {
                    (true, _, _) => ListFormat::Json,
                    (_, true, _) if *raw_csv => ListFormat::RawCsv,
                    (_, true, _) => ListFormat::Csv,
                    (_, _, true) => ListFormat::Explain(layout),
                    _ => ListFormat::Plain(layout),
                };
                let sort = sort.unwrap_or(self.config.sort);
                return match scope::prepare(query, view.as_deref(), *marked, self.paths) {
                    Ok(scoped) => self.list(scoped, format, sort),
                    Err(failure) => exit_code(Err(failure)),
                };
            }
            Command::Show { ids, json } => {
                let catalog = load_reporting(&self.load_options(&[]));
                show::show(&catalog, ids, lang, self.today(), *json)
            }
            Command::Export {
                format,
                query,
                view,
                marked,
                output,
                force,
                raw_csv,
                ics_imprecise,
            } => scope::prepare(query, view.as_deref(), *marked, self.paths).and_then(|scoped| {
                let (catalog, index) = load_indexed_reporting(&self.load_options(&[]));
                let scope = scope::resolve(scoped, self.paths, &catalog);
                let options = crate::export::Options {
                    raw_csv: *raw_csv,
                    ics_imprecise: *ics_imprecise,
                    today: self.today(),
                };
                let target = commands::Target {
                    path: output.as_deref(),
                    force: *force,
                };
                export(&catalog, &index, *format, &scope, lang, target, &options)
            }),
            Command::Check { files } => return check(&self.load_options(files), files),
            Command::View { action } => view::run(action, self.paths),
            Command::Paths => write_stdout(self.paths.describe().as_bytes()),
            Command::Completions { shell } => write_stdout(&complete::script(*shell)),
            Command::CompleteIds { prefix } => {
                complete::ids(&self.load_options(&[]), self.paths, prefix)
            }
            Command::Man => write_stdout(&man::page()),
            // The explorer's two ways in are opened by `cli::run`.
            Command::Pick { .. } => Ok(()),
        };
        exit_code(result)
    }

    /// `list`: from the parsed cache when it can answer, else from a full load.
    pub(super) fn list(
        &self,
        scoped: crate::terms::Scoped,
        format: ListFormat,
        sort: SortOrder,
    ) -> ExitCode {
        let lang = self.config.lang;
        // Fast path for large archives: plain date-ordered output straight from the
        // parsed cache, decoding only matching events (see `cache::for_each_match`).
        if let ListFormat::Plain(layout) = &format
            && sort == SortOrder::Date
            && scoped.is_plain()
        {
            let options = self.load_options(&[]);
            if let Some(result) = list_from_cache(&options, self.paths, &scoped.query, lang, layout)
            {
                return exit_code(result);
            }
        }
        let (catalog, index) = load_indexed_reporting(&self.load_options(&[]));
        let scope = scope::resolve(scoped, self.paths, &catalog);
        let result = list(&catalog, &index, &scope, lang, &format, sort);
        // The process ends next: freeing every event's strings one by one would cost a
        // few percent of a cold run on a large archive, for memory the system takes back.
        std::mem::forget((catalog, index));
        exit_code(result)
    }
}

/// The user events folder (unless turned off) and every `--data` path.
fn user_event_paths(cli: &Cli, paths: &Paths) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(dir) = paths
        .events_dir
        .as_ref()
        .filter(|d| !cli.no_user_events && d.is_dir())
    {
        out.push(dir.clone());
    }
    out.extend(cli.data.iter().cloned());
    out
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
