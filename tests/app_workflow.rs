//! The explorer's workflow as a model, without a terminal: saving views with `S`, copying,
//! history, pastes, pick mode, the `marked` term and opening at today.

mod common;

use common::*;
use cyberdiplo::app::{Effect, Ending, Message, Mode, Start};
use cyberdiplo::pick::Outcome;

const TALLINN: &str = "2017-10-04-tallinn-eap-cyber-conference";

fn selected_id(app: &cyberdiplo::app::App) -> String {
    app.current_event()
        .and_then(|i| app.event(i))
        .map(|e| e.id.clone())
        .unwrap_or_default()
}

#[test]
fn s_saves_the_query_as_a_view_usable_at_once() {
    let mut app = app();
    press(&mut app, "/tallinn<enter>");
    let tallinn = app.shown.clone();
    press(&mut app, "Seap<enter>");
    assert_eq!(app.mode, Mode::Normal);
    let saved = app.take_effects().into_iter().find_map(|e| match e {
        Effect::SaveView { name, query } => Some((name, query)),
        _ => None,
    });
    assert_eq!(saved, Some(("eap".into(), "tallinn".into())));
    press(&mut app, "<esc><esc>/@eap");
    assert!(app.filter.error.is_none());
    assert_eq!(app.shown, tallinn);
    // A bad name is refused and the prompt stays.
    press(&mut app, "<enter>SBad<enter>");
    assert_eq!(app.mode, Mode::Name);
    assert!(
        app.notice
            .as_deref()
            .unwrap_or("")
            .starts_with("bad view name")
    );
}

#[test]
fn y_then_a_key_copies_and_capital_y_copies_the_command_line() {
    let mut app = app();
    press(&mut app, "/tallinn<enter>");
    press(&mut app, "y");
    assert_eq!(app.mode, Mode::Copy);
    press(&mut app, "i");
    press(&mut app, "Y");
    let copied: Vec<String> = app
        .take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Copy { text, .. } => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(
        copied,
        [TALLINN.to_string(), "cyberdiplo -q tallinn".into()]
    );
    // Any other key after y copies nothing and gives the keys back.
    press(&mut app, "yx");
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.take_effects().is_empty());
}

#[test]
fn up_walks_the_history_and_brings_back_a_cleared_query() {
    let mut app = app();
    app.start(Start {
        history: vec!["nairobi".into(), "tallinn".into()],
        ..Start::default()
    });
    press(&mut app, "/<up>");
    assert_eq!(app.filter.text, "tallinn");
    press(&mut app, "<up>");
    assert_eq!(app.filter.text, "nairobi");
    press(&mut app, "<down><down>");
    assert_eq!(app.filter.text, "");
    press(&mut app, "japan");
    app.update(Message::ClearFilterText);
    assert_eq!(app.filter.text, "");
    press(&mut app, "<up>");
    assert_eq!(app.filter.text, "japan");
    // Enter saves the query: it becomes the newest entry.
    press(&mut app, "<enter>");
    let saved: Vec<_> = app
        .take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::SaveQuery(q) => Some(q),
            _ => None,
        })
        .collect();
    assert_eq!(saved, ["japan"]);
}

#[test]
fn a_paste_goes_into_the_filter_once_and_never_acts_as_keys() {
    let mut app = app();
    app.update(Message::Paste("q lulea\nm".into()));
    assert_eq!(
        (app.mode, app.filter.text.as_str()),
        (Mode::Filter, "q lulea m")
    );
    assert!(app.ending.is_none() && app.marks.ids.is_empty());
    let requests = app
        .take_effects()
        .into_iter()
        .filter(|e| matches!(e, Effect::Match(_)))
        .count();
    assert_eq!(requests, 1, "one match for one paste");
}

#[test]
fn pick_mode_chooses_with_enter_and_cancels_with_esc() {
    let mut app = app();
    app.start(Start {
        query: "tallinn".into(),
        pick: true,
        ..Start::default()
    });
    app.settle();
    assert_eq!(app.mode, Mode::Filter, "a pick starts typing");
    press(&mut app, "<enter>");
    assert_eq!(app.ending, Some(Ending::Quit));
    assert_eq!(
        app.workflow.picked,
        Some(Outcome::Chosen(vec![TALLINN.to_string()]))
    );
    let mut app = common::app();
    app.start(Start {
        pick: true,
        ..Start::default()
    });
    press(&mut app, "<esc>");
    assert_eq!(app.workflow.picked, Some(Outcome::Cancelled));
}

#[test]
fn the_marked_term_keeps_marked_events_and_kind_codes_work() {
    let mut app = app();
    press(&mut app, "/tallinn<enter>m<esc><esc>");
    press(&mut app, "/marked");
    assert_eq!(app.shown.len(), 1);
    assert_eq!(selected_id(&app), TALLINN);
    press(&mut app, "<esc>!marked");
    assert_eq!(app.shown.len(), app.events.len() - 1);
    assert!(!app.shown.contains(&app.index.find_id(TALLINN).unwrap()));
    press(&mut app, "<esc>kind:CC");
    assert!(app.filter.error.is_none(), "{:?}", app.filter.error);
    assert!(!app.shown.is_empty());
}

#[test]
fn the_explorer_opens_at_today() {
    let mut app = app();
    app.start(Start::default());
    let selected = app.current_event().and_then(|i| app.event(i)).unwrap();
    assert!(selected.last().last_day() >= today(), "{}", selected.id);
    let before = app.shown[app.selected.saturating_sub(1)];
    assert!(app.event(before).unwrap().last().last_day() < today());
}

#[test]
fn what_is_new_shows_in_the_status_line_and_new_lists_it() {
    use cyberdiplo::saved::seen::Snapshot;
    let mut app = app();
    let mut before = app.events.to_vec();
    let unseen = before.remove(0).id;
    let news = Snapshot::of(&before[..]).news(&app.events);
    press(&mut app, "/new:");
    assert!(
        app.shown.is_empty(),
        "nothing is new before the count arrives"
    );
    app.update(Message::News(news));
    app.settle();
    assert_eq!(
        app.notice.as_deref(),
        Some("1 new event since the last run (new:)")
    );
    assert_eq!(app.shown.len(), 1);
    assert_eq!(selected_id(&app), unseen);
}

#[test]
fn a_narrow_filter_bar_keeps_the_cursor_and_the_error_column_in_view() {
    let mut app = app_sized(40, 12);
    press(&mut app, "/cybersecurity diplomacy tallinn year:abc");
    let text = screen_text(&app);
    let bar = text.lines().next().unwrap_or_default();
    assert!(
        bar.contains("year:abc"),
        "the end being typed shows: {bar:?}"
    );
    let mut app = app_sized(40, 12);
    press(&mut app, "/tallinn year:abc");
    let text = screen_text(&app);
    let bar = text.lines().next().unwrap_or_default();
    assert!(app.filter.error.is_some());
    assert_eq!(bar.trim_end(), "/ tallinn year:abc  ! col 14");
}
