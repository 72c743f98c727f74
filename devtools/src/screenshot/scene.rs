//! The scenes of the README's screenshots: the explorer on the bundled events, driven by
//! the same messages as a user's keys, on a fixed day so that every render is the same.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use cyberdiplo::app::{App, Message, Options, SortOrder};
use cyberdiplo::model::{Lang, load};

/// The day the screenshots treat as today.
pub const TODAY: (i32, u32, u32) = (2026, 11, 23);

/// The event the detail screenshots show.
pub const DETAIL_EVENT: &str = "2017-10-04-tallinn-eap-cyber-conference";

/// One screenshot: a file name (without extension), what it shows, and the screen.
#[derive(Debug, Clone)]
pub struct Scene {
    /// File name without extension, e.g. `timeline`.
    pub name: &'static str,
    /// What the image shows, used as its alternative text.
    pub title: &'static str,
    /// The rendered screen.
    pub buffer: Buffer,
}

/// Every screenshot, in the order the README shows them.
pub fn scenes() -> Vec<Scene> {
    let mut scenes = Vec::new();
    let mut shot = |name, title, app: &App| {
        scenes.push(Scene {
            name,
            title,
            buffer: render(app),
        });
    };

    let app = explorer(120, 40);
    shot("timeline", "The timeline at start, 120x40", &app);

    let mut app = explorer(120, 40);
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "cyber");
    shot(
        "filter",
        "Filtering on cyber: matched letters highlighted",
        &app,
    );

    let mut app = explorer(120, 40);
    select(&mut app, DETAIL_EVENT);
    // Enter focuses the detail; End scrolls it to the sources and related events.
    press(&mut app, &[KeyCode::Enter, KeyCode::End]);
    shot(
        "detail",
        "The detail pane of the 2017 Tallinn cyber conference, with its sources",
        &app,
    );

    let mut app = explorer(120, 40);
    press(&mut app, &[KeyCode::Char('?')]);
    shot("help", "The help overlay listing every key", &app);

    let app = explorer(80, 24);
    shot("narrow", "The narrow layout at 80x24", &app);

    let mut app = explorer(120, 40);
    select(&mut app, DETAIL_EVENT);
    press(&mut app, &[KeyCode::Char('L')]);
    shot("french", "The French view, after pressing L", &app);

    scenes
}

/// Draws the explorer at its size into a test backend and returns the screen.
pub fn render(app: &App) -> Buffer {
    let (width, height) = app.size;
    match Terminal::new(TestBackend::new(width, height)) {
        Ok(mut terminal) => {
            // A test backend cannot fail to draw; an error leaves the blank screen.
            let _ = terminal.draw(|frame| cyberdiplo::ui::view(frame, app));
            terminal.backend().buffer().clone()
        }
        Err(_) => Buffer::empty(ratatui::layout::Rect::new(0, 0, width, height)),
    }
}

/// The explorer over the bundled events, on [`TODAY`], in English, at a size.
pub fn explorer(width: u16, height: u16) -> App {
    let (y, m, d) = TODAY;
    let today = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let mut app = App::new(
        load::bundled().events,
        Options {
            lang: Lang::En,
            today,
            color: true,
            order: SortOrder::Date,
            detail_delay: false,
            marks: Default::default(),
            warnings: Vec::new(),
        },
    );
    app.update(Message::Resize(width, height));
    app
}

/// Presses keys, running each match as the run loop would.
pub fn press(app: &mut App, keys: &[KeyCode]) {
    for &code in keys {
        let modifiers = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        cyberdiplo::keys::press(app, KeyEvent::new(code, modifiers));
        app.settle();
    }
}

/// Types text, one key per character.
pub fn type_text(app: &mut App, text: &str) {
    let keys: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
    press(app, &keys);
}

/// Moves the selection down with `j` until the event `id` is selected (or the list ends).
pub fn select(app: &mut App, id: &str) {
    for _ in 0..app.events.len() {
        let selected = app.shown.get(app.selected).and_then(|&i| app.event(i));
        if selected.is_some_and(|e| e.id == id) {
            return;
        }
        press(app, &[KeyCode::Char('j')]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(buffer: &Buffer) -> String {
        let area = buffer.area;
        (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn scenes_show_what_their_names_promise() {
        let scenes = scenes();
        let find = |name: &str| text(&scenes.iter().find(|s| s.name == name).unwrap().buffer);
        assert!(find("timeline").contains("today 2026-11-23"));
        assert!(find("filter").contains("/ cyber"));
        let detail = find("detail");
        // Scrolled to the end: the last of its six sources, cited, then its related events.
        assert!(
            detail.contains("6. EEAS press release, 4 October 2017") && detail.contains("Related")
        );
        assert!(detail.contains("id: 2017-10-04-tallinn-eap-cyber-conference"));
        assert!(find("help").contains("Ctrl-C"));
        assert_eq!(
            scenes
                .iter()
                .find(|s| s.name == "narrow")
                .unwrap()
                .buffer
                .area
                .width,
            80
        );
        assert!(find("french").contains("Conférence de l’UE"));
    }
}
