//! The run loop: set up the terminal, read input on a thread, update, draw, restore.
//!
//! The loop sleeps on one channel fed by the input reader, the matcher worker, the signal
//! thread and the hang-up watcher, and draws only after a message changed something.

mod screen;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use chrono::NaiveDate;
use crossterm::event::{self, Event as TermEvent};
use ratatui::DefaultTerminal;

use crate::app::{self, App, Effect, Message, Order, matcher};
use crate::config::{Config, SortOrder, ThemeName};
use crate::model::load::{Catalog, LoadOptions};
use crate::model::{Event, Lang};
use crate::paths::Paths;
use crate::{signal, state};

pub use screen::restore;

/// Environment variable that makes the explorer fail after its first draw: `panic` panics,
/// `error` returns an error. Test only: it lets the tests check that both give the terminal
/// back before the message is printed.
pub const ENV_TEST_FAIL: &str = "CYBERDIPLO_TEST_FAIL";

/// How the explorer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal ended it.
    Signal(i32),
}

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
    pub order: Order,
    /// Event files to load behind the first screen; their events replace `events`.
    pub background: Option<Background>,
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
        order: match config.sort {
            SortOrder::Date => Order::Date,
            SortOrder::Relevance => Order::BestMatch,
        },
        background,
    };
    match run(options) {
        Ok(Ending::Quit) => ExitCode::SUCCESS,
        // As a shell reports a process ended by a signal.
        Ok(Ending::Signal(signal)) => ExitCode::from(128u8.saturating_add(signal as u8)),
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
/// every exit path.
pub fn run(options: Options) -> io::Result<Ending> {
    let mut warnings = options.warnings;
    let marks_path = match state::marks_path(options.state_dir.as_deref()) {
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
    };
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
        },
    );
    app.detail_delay = true;
    let _guard = screen::Guard;
    let mut terminal = screen::init(!options.no_mouse)?;
    let (tx, rx) = mpsc::channel();
    let matcher = matcher::spawn(tx.clone())?;
    signal::spawn(tx.clone(), restore)?;
    signal::watch_hangup(tx.clone())?;
    if let Some(background) = options.background {
        app.loading = Some(background.label.clone());
        spawn_loader(background, tx.clone())?;
    }
    let mut saver = match marks_path {
        Some(path) => Some(spawn_saver(path, app.marks.ids.clone(), tx.clone())?),
        None => None,
    };
    spawn_reader(tx)?;
    let size = terminal.size()?;
    app.update(Message::Resize(size.width, size.height));
    let ended = event_loop(&mut terminal, &mut app, &rx, &matcher, &mut saver);
    // A save still running (say, waiting for another explorer's lock) may finish.
    if let Some(saver) = &saver {
        // Within the signal thread's 3 s grace, so a signal still ends through here.
        saver.flush(state::LOCK_TIMEOUT + std::time::Duration::from_millis(500));
    }
    ended?;
    match (app.failure, app.terminated) {
        (Some(reason), _) => Err(io::Error::other(reason)),
        (None, Some(signal)) => Ok(Ending::Signal(signal)),
        (None, None) => Ok(Ending::Quit),
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    rx: &Receiver<Message>,
    matcher: &Sender<app::MatchRequest>,
    saver: &mut Option<state::Saver>,
) -> io::Result<()> {
    terminal.draw(|frame| crate::ui::view(frame, app))?;
    match std::env::var(ENV_TEST_FAIL).as_deref() {
        Ok("panic") => panic!("{ENV_TEST_FAIL} is set: panicking after the first draw"),
        Ok("error") => {
            return Err(io::Error::other(format!(
                "{ENV_TEST_FAIL} is set: failing after the first draw"
            )));
        }
        _ => {}
    }
    while let Some(message) = next_message(app, rx) {
        let mut changed = apply(app, saver, message);
        // Apply everything already queued before drawing once.
        while let Ok(message) = rx.try_recv() {
            changed |= apply(app, saver, message);
        }
        for effect in app.take_effects() {
            match effect {
                Effect::Match(request) => {
                    if matcher.send(request).is_err() {
                        // The worker is gone; match here rather than lose the query.
                        app.settle();
                    }
                }
                Effect::SaveMarks => changed |= save_marks(app, saver.as_mut()),
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
        if app.quit {
            break;
        }
        if changed {
            terminal.draw(|frame| crate::ui::view(frame, app))?;
        }
    }
    Ok(())
}

/// How long the selection must rest before the detail pane follows it.
const DETAIL_DELAY: std::time::Duration = std::time::Duration::from_millis(60);

/// Waits for the next message. Sleeps until something happens, except while the detail
/// pane waits for the selection to rest: then the wait ends after [`DETAIL_DELAY`].
fn next_message(app: &App, rx: &Receiver<Message>) -> Option<Message> {
    if app.detail_frozen.is_none() {
        return rx.recv().ok();
    }
    match rx.recv_timeout(DETAIL_DELAY) {
        Ok(message) => Some(message),
        Err(mpsc::RecvTimeoutError::Timeout) => Some(Message::SettleDetail),
        Err(mpsc::RecvTimeoutError::Disconnected) => None,
    }
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

/// Applies a message; marks from the worker first get the changes made since it started.
fn apply(app: &mut App, saver: &mut Option<state::Saver>, message: Message) -> bool {
    match (message, saver) {
        (Message::SyncMarks(saved), Some(saver)) => {
            let marks = saver.synced(&app.marks.ids, saved);
            app.update(Message::SyncMarks(marks))
        }
        (message, _) => app.update(message),
    }
}

/// Starts the thread that saves marks, reporting to the loop as messages.
fn spawn_saver(
    path: PathBuf,
    marks: std::collections::BTreeSet<String>,
    tx: Sender<Message>,
) -> io::Result<state::Saver> {
    state::Saver::spawn(path, marks, move |outcome| {
        let _ = tx.send(match outcome {
            state::Outcome::Saved(marks) => Message::SyncMarks(marks),
            state::Outcome::Note(note) => Message::Notify(note),
        });
    })
}

/// Loads event files on a thread and hands the result to the loop.
fn spawn_loader(background: Background, tx: Sender<Message>) -> io::Result<()> {
    thread::Builder::new()
        .name("loader".into())
        .spawn(move || {
            let loaded = app::Loaded::load(&background.options, background.cache_dir.as_deref());
            let _ = tx.send(Message::Loaded(Box::new(loaded)));
        })?;
    Ok(())
}

/// Forwards terminal input to the loop; a read error ends the explorer.
///
/// A hung-up terminal does not always give an error here (crossterm retries the read), so
/// `signal::watch_hangup` watches for that case.
fn spawn_reader(tx: Sender<Message>) -> io::Result<()> {
    thread::Builder::new().name("input".into()).spawn(move || {
        loop {
            let message = match event::read() {
                Ok(TermEvent::Key(key)) => Message::Key(key),
                Ok(TermEvent::Mouse(mouse)) => Message::Mouse(mouse),
                Ok(TermEvent::Resize(width, height)) => Message::Resize(width, height),
                Ok(_) => continue,
                Err(e) => {
                    let _ = tx.send(Message::Fail(format!("terminal input failed: {e}")));
                    return;
                }
            };
            if tx.send(message).is_err() {
                return;
            }
        }
    })?;
    Ok(())
}
