//! Measures start-up and typing latency on an archive, as the explorer sees them:
//! `cargo run --release --example latency -- FILE.ron` (uses the parsed cache in
//! `CYBERDIPLO_CACHE_DIR`, writing it on the first run).
//!
//! Prints:
//! - the time to the first screenful of events from the cache;
//! - the time until every event is searchable: the explorer's background load (events
//!   and index), then the model taking them (the list of every event rebuilt and drawn);
//! - per keystroke while typing queries letter by letter into a real model (`App`) drawn
//!   on a 120x40 test terminal: keystroke to updated list (key handled and drawn, match on
//!   the matcher's thread, results applied and drawn), and the longest the run loop's
//!   thread is busy with one message (the time input waits: key, or results);
//! - events decoded and peak memory (VmHWM, mapped cache pages touched included).
//!
//! `LATENCY_QUERIES="a|b c"` types other queries; `LATENCY_VERBOSE=1` prints each keystroke;
//! `LATENCY_NEWS=1` types while the "what is new" pass runs beside it.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use cyberdiplo::app::{self, App, Effect, Message, matcher};
use cyberdiplo::model::load::LoadOptions;
use cyberdiplo::paths::Paths;
use cyberdiplo::{cache, keys, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const TYPED: &[&str] = &[
    "tallinn cyber",
    "lulea summit",
    "kind:summit 2020..2022 nato",
];

/// Time on the loop's thread and on the matcher's for one message or keystroke.
#[derive(Default)]
struct Times {
    to_list: Vec<Duration>,
    loop_busy: Vec<Duration>,
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: latency FILE.ron");
        std::process::exit(2);
    };
    let options = LoadOptions {
        bundled: false,
        paths: vec![path.into()],
    };
    let dir = Paths::from_env().cache_dir;
    let t = Instant::now();
    let first = dir.as_deref().and_then(|d| {
        let mut reader = cache::open(&options, d)?;
        let (mut events, mut origins) = (Vec::new(), Vec::new());
        reader.next_batch(&mut events, &mut origins, 50);
        Some(events.len())
    });
    println!(
        "first screen ({first:?} events from cache): {:?}",
        t.elapsed()
    );

    let start = Instant::now();
    let today = model_options().today;
    let loaded = cyberdiplo::tui::worker::load_events(&options, dir.as_deref(), today);
    let load = start.elapsed();
    let count = loaded.events.len();
    let mut app = App::new(Vec::new(), model_options());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| match e {});
    app.update(Message::Resize(120, 40));
    let t = Instant::now();
    app.update(Message::ReplaceEvents(Box::new(loaded)));
    settle(&mut app);
    draw(&mut terminal, &app);
    let taken = t.elapsed();
    println!(
        "searchable: {count} events, {:?} (background load {load:?}, then the model takes \
         them and draws every row's list in {taken:?} on the loop's thread)",
        start.elapsed()
    );

    let mut times = Times::default();
    // LATENCY_QUERIES="a|b c" types other queries.
    let chosen = std::env::var("LATENCY_QUERIES").ok();
    let typed: Vec<&str> = match &chosen {
        Some(list) => list.split('|').collect(),
        None => TYPED.to_vec(),
    };
    // LATENCY_NEWS=1 types while the "what is new" pass runs on another thread, as it does
    // for a few seconds after a start.
    let news = std::env::var_os("LATENCY_NEWS").is_some();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let background = news.then(|| {
        let (events, done) = (app.events.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = cyberdiplo::saved::seen::Snapshot::of(&events);
            }
        })
    });
    for text in typed {
        type_query(&mut app, &mut terminal, text, &mut times);
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    background.map(|b| b.join());
    report("keystroke to updated list", &mut times.to_list);
    report(
        "loop's thread busy with one message (keys, results, clearing, moving)",
        &mut times.loop_busy,
    );
    // The explorer's "what is new" pass runs on a thread after the load: its cost, here
    // after the rest so that it does not count in the peak above.
    let memory = peak_memory();
    let t = Instant::now();
    let _ = cyberdiplo::saved::seen::Snapshot::of(&app.events);
    println!(
        "\"what is new\" pass over every event (background thread): {:?}",
        t.elapsed()
    );
    println!(
        "events decoded: {} of {}; peak memory: {memory}",
        app.events.decoded(),
        app.events.len(),
    );
}

fn model_options() -> app::Options {
    app::Options {
        lang: cyberdiplo::model::Lang::En,
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
        color: true,
        order: cyberdiplo::sort::SortOrder::Date,
        marks: Default::default(),
        warnings: Vec::new(),
        detail_delay: false,
    }
}

/// Opens the filter, types `text` a key at a time (timing each), then clears it.
fn type_query(app: &mut App, terminal: &mut Terminal<TestBackend>, text: &str, times: &mut Times) {
    keys::press(app, KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    settle(app);
    for c in text.chars() {
        let t = Instant::now();
        keys::press(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        draw(terminal, app);
        let key = t.elapsed();
        let (matched, applied) = settle(app);
        let t = Instant::now();
        draw(terminal, app);
        let applied = applied + t.elapsed();
        if std::env::var_os("LATENCY_VERBOSE").is_some() {
            println!(
                "  {c:?}: key {key:?}, match {matched:?}, apply {applied:?}; {}",
                peak_memory()
            );
        }
        times.to_list.push(key + matched + applied);
        times.loop_busy.push(key.max(applied));
    }
    // Clearing the query brings back every event: that too must not hold the loop.
    for code in [KeyCode::Esc, KeyCode::Esc] {
        let t = Instant::now();
        keys::press(app, KeyEvent::new(code, KeyModifiers::NONE));
        draw(terminal, app);
        let key = t.elapsed();
        let (_, applied) = settle(app);
        times.loop_busy.push(key.max(applied));
    }
    // Moving through the whole list.
    let moves = [
        KeyCode::End,
        KeyCode::Home,
        KeyCode::PageDown,
        KeyCode::PageDown,
    ];
    for code in moves.into_iter().chain([KeyCode::Down; 4]) {
        let t = Instant::now();
        keys::press(app, KeyEvent::new(code, KeyModifiers::NONE));
        draw(terminal, app);
        times.loop_busy.push(t.elapsed());
    }
}

/// Runs the match requests as the matcher thread would; returns the time spent matching
/// (the matcher's thread) and applying the results (the loop's thread).
fn settle(app: &mut App) -> (Duration, Duration) {
    let (mut matched, mut applied) = (Duration::ZERO, Duration::ZERO);
    for effect in app.take_effects() {
        if let Effect::Match(request) = effect {
            let t = Instant::now();
            let Some(matches) = matcher::run(&request) else {
                continue;
            };
            matched += t.elapsed();
            let t = Instant::now();
            app.update(matches.into_message(request.generation));
            applied += t.elapsed();
        }
    }
    (matched, applied)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    let _ = terminal.draw(|frame| ui::view(frame, app));
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    if times.is_empty() {
        return;
    }
    println!(
        "{what} ({} samples): median {:?}, p95 {:?}, max {:?}",
        times.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

/// Peak resident memory of this process, and what is resident now (heap, and pages of
/// mapped files), from `/proc/self/status` (Linux).
fn peak_memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map_or("unknown", |v| v.trim_start_matches(':').trim())
            .to_owned()
    };
    format!(
        "{} (now: heap {}, mapped files {})",
        field("VmHWM"),
        field("RssAnon"),
        field("RssFile")
    )
}
