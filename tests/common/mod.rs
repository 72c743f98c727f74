//! Shared test helpers: the sample fixture, an app over it, and a rendered screen as text.
#![allow(dead_code)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use cyberdiplo::app::{self, App, Message};
use cyberdiplo::model::{Event, Lang};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The sample events, in date order.
pub fn sample() -> Vec<Event> {
    let text = include_str!("../fixtures/sample.ron");
    let mut events: Vec<Event> = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .unwrap();
    events.sort_by(|a, b| (a.start, a.last(), &a.id).cmp(&(b.start, b.last(), &b.id)));
    events
}

/// The day the tests treat as today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// An app over the sample at the given terminal size.
pub fn app_sized(width: u16, height: u16) -> App {
    let mut app = app_over(sample());
    app.update(Message::Resize(width, height));
    app
}

/// An app over `events` (in date order) on a 120x40 terminal.
pub fn app_over(events: Vec<Event>) -> App {
    let mut app = App::new(
        events,
        app::Options {
            lang: Lang::En,
            today: today(),
            color: true,
            order: cyberdiplo::app::SortOrder::Date,
            detail_delay: false,
            marks: Default::default(),
            warnings: Vec::new(),
        },
    );
    app.update(Message::Resize(120, 40));
    app
}

/// An app over the sample on a 120x40 terminal.
pub fn app() -> App {
    app_sized(120, 40)
}

/// Presses keys given as text; `<esc>`, `<enter>`, `<tab>`, `<bs>`, `<down>`, `<up>` name keys.
pub fn press(app: &mut App, keys: &str) {
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let named = [
            ("<esc>", KeyCode::Esc),
            ("<enter>", KeyCode::Enter),
            ("<tab>", KeyCode::Tab),
            ("<bs>", KeyCode::Backspace),
            ("<down>", KeyCode::Down),
            ("<up>", KeyCode::Up),
            ("<end>", KeyCode::End),
            ("<home>", KeyCode::Home),
            ("<pgdn>", KeyCode::PageDown),
            ("<pgup>", KeyCode::PageUp),
        ]
        .into_iter()
        .find(|(name, _)| rest.starts_with(name));
        let code = match named {
            Some((name, code)) => {
                rest = &rest[name.len()..];
                code
            }
            None => {
                rest = &rest[c.len_utf8()..];
                KeyCode::Char(c)
            }
        };
        let modifiers = if c.is_ascii_uppercase() && named.is_none() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        cyberdiplo::keys::press(app, KeyEvent::new(code, modifiers));
        app.settle();
    }
}

/// The title of the selected event.
pub fn selected_title(app: &App) -> String {
    app.shown
        .get(app.selected)
        .and_then(|&i| app.event(i))
        .map(|e| e.title.en.clone())
        .unwrap_or_default()
}

/// The title of the event the detail shows.
pub fn detail_title(app: &App) -> String {
    app.current_event()
        .and_then(|i| app.event(i))
        .map(|e| e.title.en.clone())
        .unwrap_or_default()
}

/// Draws the app at its size and returns the screen, one string per row.
pub fn screen(app: &App) -> Vec<String> {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| cyberdiplo::ui::view(frame, app))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

/// The screen as one string, rows separated by newlines.
pub fn screen_text(app: &App) -> String {
    screen(app).join("\n")
}
