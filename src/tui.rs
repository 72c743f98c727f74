//! The run loop: set up the terminal, read input on a thread, update, draw, restore.
//!
//! The loop sleeps on one channel fed by the input reader, the matcher worker, the signal
//! thread and the hang-up watcher, and draws only after a message changed something.

mod screen;
pub mod worker;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender};

use chrono::NaiveDate;

use crate::app::{self, App, Effect, Message};
use crate::config::{Config, ThemeName};
use crate::model::load::{Catalog, LoadOptions};
use crate::model::{Event, Lang};
use crate::paths::Paths;
use crate::sort::SortOrder;
use crate::{keys, signal, state};

pub use crate::app::Ending;
pub use screen::restore;
use worker::Input;

/// Environment variable that makes the explorer fail after its first draw: `panic` panics,
/// `error` returns an error. Compiled only with the `test-fail` feature (CI turns it on), so
/// that tests can check that both give the terminal back before the message is printed.
#[cfg(feature = "test-fail")]
pub const ENV_TEST_FAIL: &str = "CYBERDIPLO_TEST_FAIL";

/// How to start the explorer.
#[derive(Debug, Clone)]
pub struct Options {
    /// Events to explore, in date order.
    pub events: Vec<Event>,
    /// Leave the mouse to the terminal (no wheel or clicks in the explorer).
    pub no_mouse: bool,
    /// Language of titles and summaries at start.
    pub lang: Lang,
    /// The day that separates past from future.
    pub today: NaiveDate,
    /// Folder for `marks.ron`; the platform's data directory when `None`.
    pub state_dir: Option<PathBuf>,
    /// Problems found while loading events, shown in the status line and help.
    pub warnings: Vec<String>,
    /// Use colours (still off when `NO_COLOR` is set).
    pub color: bool,
    /// Order of results at start.
    pub order: SortOrder,
    /// Event files to load behind the first screen; their events replace `events`.
    pub background: Option<Background>,
    /// The start query, pick mode, history and views.
    pub start: app::Start,
}

/// Event files loaded on a thread after the first screen is drawn.
#[derive(Debug, Clone)]
pub struct Background {
    /// What to load (the bundled events included, when wanted).
    pub options: LoadOptions,
    /// Folder of the parsed cache.
    pub cache_dir: Option<PathBuf>,
    /// What the status line says meanwhile, e.g. `loading 180 MB…`.
    pub label: String,
}

/// Runs the explorer as the command line asks; returns the process exit code.
///
/// `catalog` is shown at once; `background`, if any, is loaded behind it and replaces it.
/// `warning` is the config file's warning, shown with the catalogue's load errors.
pub fn explore(
    catalog: Catalog,
    background: Option<Background>,
    config: &Config,
    paths: &Paths,
    no_mouse: bool,
    warning: Option<String>,
    start: app::Start,
) -> ExitCode {
    let mut warnings: Vec<String> = warning.into_iter().collect();
    warnings.extend(catalog.errors.iter().map(ToString::to_string));
    let today = config
        .today
        .map(|d| d.first_day())
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let options = Options {
        events: catalog.events,
        no_mouse: no_mouse || !config.mouse,
        lang: config.lang,
        today,
        state_dir: paths.state_dir.clone(),
        warnings,
        color: config.theme != ThemeName::None,
        order: config.sort,
        background,
        start,
    };
    match run(options) {
        Ok((Ending::Quit, Some(outcome))) => {
            // The terminal is given back: the answer goes to standard output alone.
            let mut out = std::io::stdout().lock();
            match outcome.finish(&mut out) {
                Ok(code) => ExitCode::from(code),
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("cyberdiplo: cannot write the picked ids: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Ok((Ending::Quit, None)) => ExitCode::SUCCESS,
        // As a shell reports a process ended by a signal.
        Ok((Ending::Signal(signal), _)) => ExitCode::from(128u8.saturating_add(signal as u8)),
        Ok((Ending::Failure(e), _)) => {
            eprintln!("cyberdiplo: {e}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("cyberdiplo: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Whether colours are allowed: not when `NO_COLOR` is set to anything non-empty.
pub fn colors_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Runs the explorer until the user quits or a signal ends it; the terminal is restored on
/// every exit path. In pick mode, also how the pick ended.
pub fn run(options: Options) -> io::Result<(Ending, Option<crate::pick::Outcome>)> {
    let mut warnings = options.warnings;
    let marks_path = marks_path(options.state_dir.as_deref(), &mut warnings);
    let loaded = marks_path.as_deref().map(state::load).unwrap_or_default();
    warnings.extend(loaded.warnings);
    let mut app = App::new(
        options.events,
        app::Options {
            lang: options.lang,
            today: options.today,
            color: options.color && colors_allowed(),
            order: options.order,
            marks: loaded.marks,
            warnings,
            detail_delay: true,
        },
    );
    let pick = options.start.pick;
    app.start(options.start);
    if pick {
        #[cfg(unix)]
        screen::use_tty(crate::pick::terminal()?);
    }
    let _guard = screen::Guard;
    let mut terminal = screen::init(!options.no_mouse)?;
    let (tx, rx) = mpsc::channel();
    let matcher = worker::spawn_matcher(tx.clone())?;
    signal::spawn(tx.clone(), restore)?;
    signal::watch_hangup(tx.clone())?;
    let seen = options.state_dir.as_deref().map(crate::saved::seen::path);
    if let Some(background) = options.background {
        tx.send(Message::Loading(background.label).into())
            .map_err(io::Error::other)?;
        worker::spawn_loader(
            background.options,
            background.cache_dir,
            app.today,
            seen,
            tx.clone(),
        )?;
    } else if let Some(seen) = seen {
        worker::spawn_news(seen, app.events.clone(), tx.clone())?;
    }
    let history = options
        .state_dir
        .as_deref()
        .map(crate::saved::history::path);
    let saver = match marks_path {
        Some(path) => Some(spawn_saver(path, app.marks.ids.clone(), tx.clone())?),
        None => None,
    };
    worker::spawn_reader(tx.clone())?;
    let size = terminal.size()?;
    tx.send(Message::Resize(size.width, size.height).into())
        .map_err(io::Error::other)?;
    drop(tx);
    let mut state = LoopState {
        matcher,
        saver,
        history,
        views: options.state_dir.as_deref().map(crate::saved::views::path),
        saving: Vec::new(),
    };
    let ended = event_loop(&mut terminal, &mut app, &rx, &mut state);
    for save in state.saving {
        let _ = save.join();
    }
    let saver = state.saver;
    // A save still running (say, waiting for another explorer's lock) may finish.
    if let Some(saver) = &saver {
        // Within the signal thread's 3 s grace, so a signal still ends through here.
        saver.flush(state::LOCK_TIMEOUT + std::time::Duration::from_millis(500));
    }
    ended?;
    let picked = app.workflow.picked.take();
    match app.ending {
        Some(Ending::Failure(reason)) => Err(io::Error::other(reason)),
        Some(ending) => Ok((ending, picked)),
        None => Ok((Ending::Quit, picked)),
    }
}

/// Where marks are saved, if they can be; why not goes to `warnings`.
fn marks_path(state_dir: Option<&std::path::Path>, warnings: &mut Vec<String>) -> Option<PathBuf> {
    match state::marks_path(state_dir) {
        Some(path) => match state::check_writable(&path) {
            Ok(()) => Some(path),
            Err(e) => {
                warnings.push(format!("marks will not be saved: {e}"));
                None
            }
        },
        None => {
            warnings.push(format!(
                "marks will not be saved: no home folder (set {})",
                crate::paths::ENV_STATE
            ));
            None
        }
    }
}

/// What the loop hands work to: the matcher, the marks saver, the history file.
struct LoopState {
    matcher: Sender<app::MatchRequest>,
    saver: Option<state::Saver>,
    history: Option<PathBuf>,
    views: Option<PathBuf>,
    /// History saves under way, finished before the process ends.
    saving: Vec<std::thread::JoinHandle<()>>,
}

fn event_loop(
    terminal: &mut screen::Screen,
    app: &mut App,
    rx: &Receiver<Input>,
    state: &mut LoopState,
) -> io::Result<()> {
    terminal.draw(|frame| crate::ui::view(frame, app))?;
    #[cfg(feature = "test-fail")]
    match std::env::var(ENV_TEST_FAIL).as_deref() {
        Ok("panic") => panic!("{ENV_TEST_FAIL} is set: panicking after the first draw"),
        Ok("error") => {
            return Err(io::Error::other(format!(
                "{ENV_TEST_FAIL} is set: failing after the first draw"
            )));
        }
        _ => {}
    }
    while let Some(input) = next_input(app, rx) {
        let mut changed = apply_input(app, &mut state.saver, input);
        // Apply everything already queued before drawing once.
        while let Ok(input) = rx.try_recv() {
            changed |= apply_input(app, &mut state.saver, input);
        }
        changed |= run_effects(terminal, app, state)?;
        if app.ending.is_some() {
            break;
        }
        if let Some(limit) = crate::ui::help::scroll_limit(app) {
            changed |= app.update(limit);
        }
        if changed {
            terminal.draw(|frame| crate::ui::view(frame, app))?;
        }
    }
    Ok(())
}

/// Turns terminal input into a message through the keymap, in the mode of the moment, and
/// applies it; returns whether anything visible may have changed.
pub fn apply_input_to(app: &mut App, input: Input) -> bool {
    apply_input(app, &mut None, input)
}

/// [`apply_input_to`], with marks from the saver first given the changes made since it
/// started saving.
fn apply_input(app: &mut App, saver: &mut Option<state::Saver>, input: Input) -> bool {
    let message = match input {
        Input::Key(key) => keys::to_message(app.mode, key),
        Input::Mouse(mouse) => keys::mouse_message(mouse),
        Input::App(Message::SyncMarks(saved)) => match saver {
            Some(saver) => Some(Message::SyncMarks(saver.synced(&app.marks.ids, saved))),
            None => Some(Message::SyncMarks(saved)),
        },
        Input::App(message) => Some(message),
    };
    message.is_some_and(|m| app.update(m))
}

/// Does the work the model asked for; returns whether the screen must be drawn.
fn run_effects(
    terminal: &mut screen::Screen,
    app: &mut App,
    state: &mut LoopState,
) -> io::Result<bool> {
    let mut changed = false;
    for effect in app.take_effects() {
        match effect {
            Effect::Match(request) => {
                if state.matcher.send(request).is_err() {
                    // The worker is gone; match here rather than lose the query.
                    app.settle();
                }
            }
            Effect::SaveMarks => changed |= save_marks(app, state.saver.as_mut()),
            Effect::Copy { text, note } => changed |= copy(app, &text, note),
            Effect::SaveView { name, query } => {
                let note = match &state.views {
                    Some(path) => match crate::saved::views::save(path, &name, &query) {
                        Ok(_) => format!("saved @{name}: {query}"),
                        Err(e) => format!("view not saved: {e}"),
                    },
                    None => "view not saved: no state folder".to_string(),
                };
                changed |= app.update(Message::Notify(note));
            }
            Effect::SaveQuery(query) => {
                if let Some(path) = state.history.clone() {
                    state.saving.push(worker::spawn_history_save(path, query)?);
                }
            }
            Effect::Suspend => {
                screen::suspend(terminal)?;
                changed = true;
            }
            Effect::Redraw => {
                screen::redraw(terminal)?;
                changed = true;
            }
        }
    }
    Ok(changed)
}

/// How long the selection must rest before the detail pane follows it.
const DETAIL_DELAY: std::time::Duration = std::time::Duration::from_millis(60);

/// Waits for the next message. Sleeps until something happens, except while the detail
/// pane waits for the selection to rest: then the wait ends after [`DETAIL_DELAY`].
fn next_input(app: &App, rx: &Receiver<Input>) -> Option<Input> {
    if app.detail_frozen.is_none() {
        return rx.recv().ok();
    }
    match rx.recv_timeout(DETAIL_DELAY) {
        Ok(input) => Some(input),
        Err(mpsc::RecvTimeoutError::Timeout) => Some(Message::SettleDetail.into()),
        Err(mpsc::RecvTimeoutError::Disconnected) => None,
    }
}

/// Puts `text` on the clipboard through the terminal (OSC 52, wrapped for tmux or screen);
/// the status line says what was copied, or why not.
fn copy(app: &mut App, text: &str, note: String) -> bool {
    use crate::clipboard::{Host, osc52};
    let note = match osc52(text, Host::from_env()) {
        Ok(sequence) => match screen::send(sequence.as_bytes()) {
            Ok(()) => note,
            Err(e) => format!("not copied: {e}"),
        },
        Err(e) => format!("not copied: {e}"),
    };
    app.update(Message::Notify(note))
}

/// Asks the marks worker to save what changed; it reports back through the channel.
fn save_marks(app: &mut App, saver: Option<&mut state::Saver>) -> bool {
    match saver {
        Some(saver) => {
            saver.changed(&app.marks.ids);
            false
        }
        None => app.update(Message::Notify("marks are off: not saved".into())),
    }
}

/// Starts the thread that saves marks, reporting to the loop as messages.
fn spawn_saver(
    path: PathBuf,
    marks: std::collections::BTreeSet<String>,
    tx: Sender<Input>,
) -> io::Result<state::Saver> {
    state::Saver::spawn(path, marks, move |outcome| {
        let message = match outcome {
            state::Outcome::Saved(marks) => Message::SyncMarks(marks),
            state::Outcome::Note(note) => Message::Notify(note),
        };
        let _ = tx.send(message.into());
    })
}
