//! What the user sees: the screen drawn into a test backend at several sizes.

mod common;

use common::{app_sized, press, screen, screen_text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use cyberdiplo::app::{App, Message};
use cyberdiplo::tui::worker::Input;
use proptest::prelude::*;

fn shows(app: &App, wanted: &[&str]) {
    let text = screen_text(app);
    for w in wanted {
        assert!(text.contains(w), "{w:?} not on screen:\n{text}");
    }
}

fn hides(app: &App, unwanted: &[&str]) {
    let text = screen_text(app);
    for w in unwanted {
        assert!(!text.contains(w), "{w:?} on screen:\n{text}");
    }
}

#[test]
fn wide_screen_shows_list_detail_and_status() {
    let mut app = app_sized(120, 40);
    press(&mut app, "j");
    shows(
        &app,
        &[
            "── 2015 (1)",
            "── 2024 (9)",
            "January 2024",
            "Tallinn Eastern Partnership cyber conference",
            "2024-06-20..21",
            "── today 2026-11-23",
            "~ Review of the cybersecurity strategy",
            "14/14 events  2015-2027",
            "? help",
            // The detail pane, beside the list.
            "4 October 2017 · held · CF conference",
            "Places        Tallinn, Estonia",
            "“conférence sur la cybersécurité à Tallinn”",
            "Related",
            "no-such-event (not in the catalogue)",
        ],
    );
    // The today divider sits between the last past event and the first planned one.
    let rows = screen(&app);
    let at = |needle: &str| rows.iter().position(|r| r.contains(needle)).unwrap();
    assert!(at("International digital strategy") < at("today 2026-11-23"));
    assert!(at("today 2026-11-23") < at("Review of the cybersecurity"));
}

#[test]
fn detail_shows_durations_and_sources_of_other_kinds() {
    let mut app = app_sized(120, 40);
    shows(
        &app,
        &[
            "2015–2020 · held · PG programme",
            "https://example.org/eap-cyber",
        ],
    );
    press(&mut app, "G");
    shows(&app, &["planned", "Strategy, section 5"]);
}

#[test]
fn standard_screen_shows_no_detail_until_enter() {
    let mut app = app_sized(80, 24);
    shows(
        &app,
        &[
            "── 2015 (1)",
            "Eastern Partnership cyber resilience programme",
        ],
    );
    hides(&app, &["Participants", "detail"]);
    press(&mut app, "<enter>");
    shows(&app, &["Participants", "Armenia", "2015–2020 · held"]);
    hides(&app, &["6 years"]);
    hides(&app, &["── 2017 (2)"]);
    press(&mut app, "<esc>");
    shows(&app, &["── 2017 (2)"]);
}

#[test]
fn small_screens_show_what_fits() {
    let app = app_sized(40, 12);
    shows(&app, &["── 2015 (1)", "14/14 events", "Tallinn Eastern"]);
    let app = app_sized(20, 6);
    shows(&app, &["2015", "14/14 events"]);
    let app = app_sized(2, 2);
    shows(&app, &["te"]);
    let app = app_sized(1, 1);
    let _ = screen(&app);
}

#[test]
fn filtering_shows_the_query_and_an_empty_result() {
    let mut app = app_sized(80, 24);
    press(&mut app, "/nairobi");
    shows(
        &app,
        &[
            "/ nairobi",
            "Digital office opened in Nairobi",
            "filter: nairobi",
        ],
    );
    hides(&app, &["AI Act adopted"]);
    press(&mut app, "zzzz");
    shows(&app, &["no events match", "0/14 events"]);
}

#[test]
fn marked_events_show_a_mark() {
    let mut app = app_sized(80, 24);
    press(&mut app, "jm");
    let rows = screen(&app);
    let row = rows.iter().find(|r| r.contains("Tallinn Eastern")).unwrap();
    assert!(row.contains("│*2017-10-04"), "{row}");
    press(&mut app, "mM");
    shows(&app, &["no marked events", "marked only"]);
}

#[test]
fn help_overlay_lists_keys_and_filters_them() {
    let mut app = app_sized(80, 24);
    press(&mut app, "?");
    shows(
        &app,
        &[
            "help: type to filter",
            "Ctrl-C",
            "next event; scroll the detail down",
        ],
    );
    press(&mut app, "year");
    shows(&app, &["first event of the next year", "filter: year"]);
    hides(&app, &["Ctrl-C"]);
    let mut app = app_sized(20, 6);
    press(&mut app, "?");
    let _ = screen(&app);
}

#[test]
fn the_help_box_keeps_its_place_while_its_filter_narrows() {
    let top_row = |app: &App| {
        screen_text(app)
            .lines()
            .position(|l| l.contains("help: type to filter"))
    };
    for (width, height) in [(120, 40), (80, 24), (60, 16)] {
        let mut app = app_sized(width, height);
        press(&mut app, "?");
        let before = top_row(&app);
        press(&mut app, "year");
        assert!(before.is_some());
        assert_eq!(top_row(&app), before, "at {width}x{height}");
    }
}

#[test]
fn help_end_and_home_reach_its_last_and_first_rows_and_never_overshoot() {
    // What the run loop does before each draw.
    let keys = |app: &mut App, keys: &str| {
        press(app, keys);
        if let Some(limit) = cyberdiplo::ui::help::scroll_limit(app) {
            app.update(limit);
        }
    };
    let mut app = app_sized(80, 24);
    keys(&mut app, "?");
    shows(&app, &["Ctrl-C"]);
    hides(&app, &["filters the help rows"]);
    keys(&mut app, "<end>");
    shows(&app, &["filters the help rows"]);
    hides(&app, &["Ctrl-C"]);
    let bottom = app.help.scroll;
    for _ in 0..10 {
        keys(&mut app, "<pgdn>");
    }
    assert_eq!(app.help.scroll, bottom, "page keys stop at the last row");
    keys(&mut app, "<pgup>");
    assert!(app.help.scroll < bottom, "one page up moves at once");
    keys(&mut app, "<home>");
    assert_eq!(app.help.scroll, 0);
    shows(&app, &["Ctrl-C"]);
}

#[test]
fn french_titles_after_l() {
    let mut app = app_sized(120, 40);
    press(&mut app, "L");
    shows(&app, &["Conférence cyber du Partenariat oriental", "FR"]);
}

#[test]
fn without_colour_nothing_is_coloured() {
    let mut app = App::new(
        common::sample(),
        cyberdiplo::app::Options {
            lang: cyberdiplo::model::Lang::En,
            today: common::today(),
            color: false,
            order: cyberdiplo::app::SortOrder::Date,
            detail_delay: false,
            marks: Default::default(),
            warnings: vec!["events.ron:3:4: something".into()],
        },
    );
    app.update(Message::Resize(120, 40));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| cyberdiplo::ui::view(frame, &app))
        .unwrap();
    for cell in terminal.backend().buffer().content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
    shows(&app, &["events.ron:3:4: something"]);
}

fn message() -> impl Strategy<Value = Input> {
    let keys = prop_oneof![
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        prop::sample::select(vec![
            'j', 'k', 'g', 'G', '[', ']', '/', 'm', 'M', 's', 'L', '?', 'b', 'c', 'y', 'n', '|',
            ' ', 'é', '日'
        ])
        .prop_map(KeyCode::Char),
    ];
    let mouse_kind = prop_oneof![
        Just(MouseEventKind::ScrollDown),
        Just(MouseEventKind::ScrollUp),
        Just(MouseEventKind::Down(MouseButton::Left)),
    ];
    prop_oneof![
        6 => keys.prop_map(|code| Input::Key(KeyEvent::new(code, KeyModifiers::NONE))),
        2 => (mouse_kind, 0u16..130, 0u16..50).prop_map(|(kind, column, row)| {
            Input::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })
        }),
        1 => (1u16..130, 1u16..50).prop_map(|(w, h)| Input::App(Message::Resize(w, h))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_input_at_any_size_draws_without_panic(
        messages in prop::collection::vec(message(), 1..40),
        width in 1u16..130,
        height in 1u16..50,
    ) {
        let mut app = app_sized(width, height);
        for message in messages {
            cyberdiplo::tui::apply_input_to(&mut app, message);
            app.settle();
            let _ = app.take_effects();
            let _ = screen(&app);
        }
    }
}

/// An event that a damaged cache cannot give is left out of the list, and the status line
/// says so and what to do, rather than showing anything wrong.
#[test]
fn an_event_the_cache_cannot_give_is_left_out_and_said() {
    use cyberdiplo::app::EventSet;
    use cyberdiplo::model::events::Decode;
    use cyberdiplo::model::{Event, Events};
    use std::sync::Arc;

    #[derive(Debug)]
    struct Damaged(Vec<Event>);
    impl Decode for Damaged {
        fn count(&self) -> usize {
            self.0.len()
        }
        fn decode(&self, i: usize) -> Option<Event> {
            (i != 1).then(|| self.0.get(i).cloned()).flatten()
        }
    }

    let sample = common::sample();
    let hidden = sample[1].title.en.clone();
    let mut app = app_sized(120, 40);
    let index = cyberdiplo::search::Index::new(&sample);
    let mut set = EventSet::new(Vec::new(), index, Vec::new());
    set.events = Events::on_demand(Arc::new(Damaged(sample)));
    app.update(Message::ReplaceEvents(Box::new(set)));
    app.settle();
    screen_text(&app);
    shows(
        &app,
        &[
            "14/14 events",
            "1 unreadable: the cache is damaged, restart to rebuild it",
        ],
    );
    hides(&app, &[&hidden]);
}
