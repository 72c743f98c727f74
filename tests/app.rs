//! The explorer's model driven by messages, without a terminal.

mod common;

use common::{app, app_sized, detail_title, press, selected_title};
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use cyberdiplo::app::{Effect, Ending, Focus, Message, Mode, Row, SortOrder};
use cyberdiplo::model::Lang;
use std::sync::atomic::Ordering;

#[test]
fn moves_through_the_list_and_to_both_ends() {
    let mut app = app();
    assert_eq!(
        selected_title(&app),
        "Eastern Partnership cyber resilience programme"
    );
    press(&mut app, "jj");
    assert_eq!(
        selected_title(&app),
        "Eastern Partnership digital economy ministerial"
    );
    press(&mut app, "k");
    assert_eq!(
        selected_title(&app),
        "Tallinn Eastern Partnership cyber conference"
    );
    press(&mut app, "G");
    assert_eq!(selected_title(&app), "Review of the cybersecurity strategy");
    press(&mut app, "j");
    assert_eq!(app.selected, app.shown.len() - 1, "stays on the last event");
    press(&mut app, "g");
    assert_eq!(app.selected, 0);
    press(&mut app, "k<end>");
    assert_eq!(app.selected, app.shown.len() - 1);
}

#[test]
fn brackets_jump_between_years() {
    let mut app = app();
    let year =
        |app: &cyberdiplo::app::App| app.event(app.shown[app.selected]).unwrap().start.year();
    press(&mut app, "]");
    assert_eq!(
        selected_title(&app),
        "Tallinn Eastern Partnership cyber conference"
    );
    press(&mut app, "]");
    assert_eq!(year(&app), 2019);
    press(&mut app, "]");
    assert_eq!(selected_title(&app), "Luleå digital partnership meeting");
    press(&mut app, "jjj[");
    assert_eq!(year(&app), 2019);
    press(&mut app, "[");
    assert_eq!(
        selected_title(&app),
        "Tallinn Eastern Partnership cyber conference"
    );
    press(&mut app, "[[");
    assert_eq!(app.selected, 0);
}

#[test]
fn pages_keep_the_selection_on_screen() {
    let mut app = app_sized(80, 12);
    for _ in 0..20 {
        press(&mut app, "<pgdn>");
        let row = app.timeline.event_rows[app.selected];
        assert!(row >= app.offset, "row {row} above offset {}", app.offset);
    }
    assert_eq!(app.selected, app.shown.len() - 1);
    press(&mut app, "<pgup><pgup><pgup><pgup><pgup><pgup>");
    assert_eq!(app.selected, 0);
    assert_eq!(app.offset, 0, "the year header above the first event shows");
}

#[test]
fn half_pages_move_about_half_as_far_as_pages() {
    let page = |msg: Message| {
        let mut app = app_sized(100, 40);
        app.update(Message::GoTop);
        let row = |a: &cyberdiplo::app::App| a.timeline.event_rows[a.selected];
        let before = row(&app);
        app.update(msg);
        row(&app) - before
    };
    let (full, half) = (page(Message::PageDown), page(Message::HalfPageDown));
    assert!(
        half > 0 && half < full,
        "half page {half} rows, page {full} rows"
    );
    assert!(
        half * 2 + 4 >= full,
        "half page {half} rows, page {full} rows"
    );
}

#[test]
fn typing_in_the_filter_is_text_and_esc_twice_leaves() {
    let mut app = app();
    press(&mut app, "/");
    assert_eq!(app.mode, Mode::Filter);
    press(&mut app, "q");
    assert!(app.ending.is_none(), "q is text in the filter");
    press(&mut app, "<bs>nairobi");
    assert_eq!(app.filter.text, "nairobi");
    assert!(app.shown.len() < app.events.len());
    assert!(
        app.shown
            .iter()
            .any(|&i| app.event(i).unwrap().id == "2024-09-nairobi-office")
    );
    assert!(
        !app.shown
            .iter()
            .any(|&i| app.event(i).unwrap().id == "2024-02-ai-act-adopted")
    );
    press(&mut app, "<esc>");
    assert_eq!((app.mode, app.filter.text.as_str()), (Mode::Filter, ""));
    assert_eq!(app.shown.len(), app.events.len());
    press(&mut app, "<esc>");
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, "q");
    assert_eq!(app.ending, Some(Ending::Quit));
}

#[test]
fn enter_in_the_filter_keeps_it_and_goes_to_the_list() {
    let mut app = app();
    press(&mut app, "/tallinn<enter>");
    assert_eq!((app.mode, app.focus), (Mode::Normal, Focus::List));
    assert_eq!(app.filter.text, "tallinn");
    assert_eq!(
        selected_title(&app),
        "Tallinn Eastern Partnership cyber conference"
    );
    // Esc in the list clears the filter when pressed twice; the first says so.
    press(&mut app, "<esc>");
    assert_eq!(app.filter.text, "tallinn");
    assert_eq!(app.notice.as_deref(), Some("Esc again clears the filter"));
    press(&mut app, "<esc>");
    assert!(app.filter.text.is_empty());
    assert_eq!(app.shown.len(), app.events.len());
    assert_eq!(
        selected_title(&app),
        "Tallinn Eastern Partnership cyber conference"
    );
}

#[test]
fn matching_runs_as_requests_and_drops_stale_results() {
    let mut app = app();
    app.update(Message::StartFilter);
    // Three letters: from there on, a plain term follows one rule per length band.
    app.update(Message::TypeFilter('n'));
    app.update(Message::TypeFilter('a'));
    app.update(Message::TypeFilter('t'));
    let effects = app.take_effects();
    let requests: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Match(r) => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(requests.len(), 3);
    // A newer request cancels the one before.
    assert!(requests[1].cancel.load(Ordering::Relaxed));
    assert!(!requests[2].cancel.load(Ordering::Relaxed));
    // Results of the older request are dropped.
    let before = app.shown.clone();
    assert!(!app.update(Message::ShowMatches {
        generation: requests[1].generation,
        hits: vec![3],
        best: None,
        timeline: None,
    }));
    assert_eq!(app.shown, before);
    assert!(app.update(Message::ShowMatches {
        generation: requests[2].generation,
        hits: vec![3, 10],
        best: None,
        // Rows built for another list are not used: these are rebuilt.
        timeline: Some(Default::default()),
    }));
    assert_eq!(app.shown, vec![3, 10]);
    assert_eq!(app.timeline.event_rows.len(), 2);
    // Extending the query searches only the last results.
    app.update(Message::TypeFilter('i'));
    let within = app.take_effects().into_iter().find_map(|e| match e {
        Effect::Match(r) => Some(r.within),
        _ => None,
    });
    assert_eq!(within, Some(Some(vec![3, 10])));
    app.update(Message::ShowMatches {
        generation: app.filter.generation,
        hits: vec![10],
        best: None,
        timeline: None,
    });
    // A shorter query can match more, so the next search starts from every event.
    app.update(Message::DeleteFilterChar);
    let within = app.take_effects().into_iter().find_map(|e| match e {
        Effect::Match(r) => Some(r.within),
        _ => None,
    });
    assert_eq!(within, Some(None));
}

#[test]
fn best_match_order_drops_the_year_headers() {
    let mut app = app();
    press(&mut app, "/cyber<enter>s");
    assert_eq!(app.order, SortOrder::Relevance);
    assert!(!app.shown.is_empty());
    assert!(
        app.timeline
            .rows
            .iter()
            .all(|r| matches!(r, Row::Event { .. }))
    );
    press(&mut app, "s");
    assert_eq!(app.order, SortOrder::Date);
    assert!(matches!(app.timeline.rows[0], Row::Year { .. }));
}

#[test]
fn marks_toggle_and_filter_the_list() {
    let mut app = app();
    press(&mut app, "jm");
    let id = "2017-10-04-tallinn-eap-cyber-conference";
    assert!(app.marks.ids.contains(id));
    assert!(app.marks.added.contains(id));
    assert!(
        app.take_effects()
            .iter()
            .any(|e| matches!(e, Effect::SaveMarks))
    );
    press(&mut app, "M");
    assert!(app.marks.only);
    assert_eq!(app.shown.len(), 1);
    press(&mut app, "m");
    assert!(app.shown.is_empty());
    assert!(app.marks.removed.contains(id) && !app.marks.added.contains(id));
    press(&mut app, "M");
    assert_eq!(app.shown.len(), app.events.len());
    assert_eq!(
        selected_title(&app),
        "Tallinn Eastern Partnership cyber conference"
    );
}

#[test]
fn related_events_jump_and_come_back() {
    let mut app = app();
    press(&mut app, "j<tab>");
    assert_eq!(app.focus, Focus::Detail);
    press(&mut app, "<tab>");
    assert_eq!(app.focus, Focus::Related);
    press(&mut app, "<enter>");
    assert_eq!(
        detail_title(&app),
        "Eastern Partnership digital economy ministerial"
    );
    assert_eq!(
        selected_title(&app),
        "Eastern Partnership digital economy ministerial"
    );
    press(&mut app, "b");
    assert_eq!(
        detail_title(&app),
        "Tallinn Eastern Partnership cyber conference"
    );
    // A link to an event not in the catalogue says so.
    press(&mut app, "jj");
    assert_eq!(app.detail.related, 2);
    app.update(Message::Open);
    assert!(
        app.notice
            .as_deref()
            .unwrap_or("")
            .contains("not in the catalogue")
    );
    assert_eq!(
        detail_title(&app),
        "Tallinn Eastern Partnership cyber conference"
    );
}

#[test]
fn a_jump_to_a_filtered_out_event_pins_it_in_the_detail() {
    let mut app = app();
    press(&mut app, "/tallinn<enter>");
    assert_eq!(
        selected_title(&app),
        "Tallinn Eastern Partnership cyber conference"
    );
    press(&mut app, "<tab><tab>j");
    assert_eq!(app.detail.related, 1);
    press(&mut app, "<enter>");
    assert_eq!(
        detail_title(&app),
        "Eastern Partnership cyber resilience programme"
    );
    assert!(app.detail.pinned.is_some());
    press(&mut app, "<bs>");
    assert_eq!(
        detail_title(&app),
        "Tallinn Eastern Partnership cyber conference"
    );
    assert!(app.detail.pinned.is_none());
}

#[test]
fn l_switches_the_language() {
    let mut app = app();
    press(&mut app, "L");
    assert_eq!(app.lang, Lang::Fr);
    let text = common::screen_text(&app);
    assert!(text.contains("Programme de cyber-résilience"), "{text}");
    press(&mut app, "L");
    assert_eq!(app.lang, Lang::En);
}

#[test]
fn the_help_filters_its_rows() {
    let mut app = app();
    press(&mut app, "?");
    assert_eq!(app.mode, Mode::Help);
    let all = help_rows(&app).len();
    press(&mut app, "uitq");
    let rows = help_rows(&app);
    assert!(rows.len() < all);
    assert_eq!(app.help.query, "uitq", "q after other text is text");
    press(&mut app, "<bs>");
    let rows = help_rows(&app);
    assert!(rows.iter().any(|e| e.keys == "q"));
    assert!(rows.iter().any(|e| e.keys == "Ctrl-C"));
    assert!(app.ending.is_none(), "q is text in the help");
    press(&mut app, "<esc>");
    assert_eq!((app.mode, help_rows(&app).len()), (Mode::Help, all));
    press(&mut app, "<esc>");
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, "??");
    assert_eq!(app.mode, Mode::Normal, "? closes an unfiltered help");
    press(&mut app, "?q");
    assert_eq!(app.mode, Mode::Normal, "q closes an unfiltered help");
    assert!(app.ending.is_none());
}

#[test]
fn detail_scrolls_when_focused() {
    let mut app = app_sized(120, 14);
    press(&mut app, "j<tab>");
    assert_eq!(app.focus, Focus::Detail);
    press(&mut app, "jjj");
    assert_eq!(app.detail.scroll, 3);
    press(&mut app, "G");
    let bottom = app.detail.scroll;
    press(&mut app, "j");
    assert_eq!(app.detail.scroll, bottom, "stops at the end");
    press(&mut app, "g");
    assert_eq!(app.detail.scroll, 0);
    assert_eq!(app.selected, 1, "the list selection did not move");
}

#[test]
fn narrow_screens_open_the_detail_on_enter() {
    let mut app = app_sized(80, 24);
    let areas = app.areas;
    assert!(areas.detail.is_empty() && !areas.timeline.is_empty());
    press(&mut app, "<enter>");
    let areas = app.areas;
    assert!(areas.timeline.is_empty() && !areas.detail.is_empty());
    press(&mut app, "<esc>");
    assert_eq!(app.focus, Focus::List);
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Message {
    cyberdiplo::keys::mouse_message(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
    .unwrap()
}

fn help_rows(app: &cyberdiplo::app::App) -> Vec<cyberdiplo::keys::HelpRow> {
    cyberdiplo::ui::help::rows(&app.help.query)
}

#[test]
fn clicks_select_rows_and_the_wheel_scrolls() {
    let mut app = app();
    let areas = app.areas;
    let inner = areas.timeline_inner;
    // Rows: 2015 header, programme, 2017 header, conference, ministerial...
    let row_of_ministerial = app.timeline.event_rows[2] as u16;
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        inner.x + 5,
        inner.y + row_of_ministerial,
    ));
    assert_eq!(
        selected_title(&app),
        "Eastern Partnership digital economy ministerial"
    );
    app.update(mouse(MouseEventKind::ScrollDown, inner.x + 5, inner.y + 1));
    assert_eq!(app.selected, 5);
    // Clicking a related event in the detail jumps to it.
    let detail = areas.detail_inner;
    press(&mut app, "g");
    let lines = app.detail_lines(detail.width);
    let line = lines.related_at[0] as u16;
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        detail.x + 3,
        detail.y + line,
    ));
    assert_eq!(
        detail_title(&app),
        "Tallinn Eastern Partnership cyber conference"
    );
}

#[test]
fn a_query_that_does_not_parse_keeps_the_last_results() {
    let mut app = app_sized(80, 24);
    press(&mut app, "/tallinn");
    let mut last_good = app.shown.clone();
    for c in " year:abc".chars() {
        press(&mut app, &c.to_string());
        if app.filter.error.is_none() {
            last_good = app.shown.clone();
        } else {
            assert_eq!(app.shown, last_good);
        }
    }
    assert!(app.filter.error.is_some());
    let text = common::screen_text(&app);
    assert!(text.contains("/ tallinn year:abc  ! "), "{text}");
    press(&mut app, "<bs><bs><bs>2017");
    assert!(app.filter.error.is_none());
}

/// Events loaded in the background (a larger catalogue) replace the first ones: the query
/// is matched again on them, the selected event stays selected, nothing points at a stale
/// position.
#[test]
fn events_loaded_in_the_background_replace_the_first_ones() {
    use cyberdiplo::app::EventSet;
    use std::sync::Arc;
    let first: Vec<_> = common::sample().into_iter().take(4).collect();
    let mut app = common::app_over(first.clone());
    app.loading = Some("loading…".into());
    press(&mut app, "<down>");
    let selected = app.events[app.current_event().unwrap() as usize].id.clone();
    let all = common::sample();
    let index = Arc::new(cyberdiplo::search::Index::new(&all));
    app.update(Message::ReplaceEvents(Box::new(EventSet {
        events: all.clone().into(),
        index,
        warnings: vec!["f.ron:1:1: a warning".into()],
        timeline: None,
    })));
    app.settle();
    assert_eq!(app.loading, None);
    assert_eq!(app.events.len(), all.len());
    assert_eq!(app.shown.len(), all.len());
    let now = app.events[app.current_event().unwrap() as usize].id.clone();
    assert_eq!(
        now, selected,
        "the selection follows the event, not its position"
    );
    assert!(app.warnings.iter().any(|w| w.contains("a warning")));

    // With a query typed, the new events are matched against it.
    let mut app2 = common::app_over(first);
    press(&mut app2, "/zzzz");
    app2.settle();
    assert!(app2.shown.is_empty());
    let index = Arc::new(cyberdiplo::search::Index::new(&all));
    app2.update(Message::ReplaceEvents(Box::new(EventSet {
        events: all.clone().into(),
        index,
        warnings: Vec::new(),
        timeline: None,
    })));
    app2.settle();
    assert!(
        app2.shown.is_empty(),
        "the query still applies to the new events"
    );
    assert_eq!(app2.filter.text, "zzzz");
}

/// With the detail delay on (as in a real terminal), moving the selection leaves the
/// detail pane on its event until the selection rests; opening or other keys catch up.
#[test]
fn the_detail_pane_waits_for_the_selection_to_rest() {
    let mut app = app();
    app.detail_delay = true;
    let first = app.current_event();
    press(&mut app, "jj");
    assert_ne!(app.current_event(), first);
    assert_eq!(
        app.detail_event(),
        first,
        "the pane still shows the first event"
    );
    assert!(app.update(Message::SettleDetail));
    assert_eq!(app.detail_event(), app.current_event());
    press(&mut app, "j");
    assert_ne!(app.detail_event(), app.current_event());
    press(&mut app, "L");
    assert_eq!(
        app.detail_event(),
        app.current_event(),
        "any other key catches up"
    );
}

/// A large archive: the rows of the whole list come built from the loader and are kept, and
/// those of each result from the matcher, so the run loop never builds many rows while keys
/// wait (clearing a query swaps the kept rows back in).
#[test]
fn the_rows_of_a_large_archive_are_built_off_the_loop_and_kept() {
    use cyberdiplo::app::{EventSet, Timeline};
    use std::sync::Arc;
    let base = common::sample();
    let mut events: Vec<_> = (0..60_000)
        .map(|i| {
            let mut e = base[i % base.len()].clone();
            e.id = format!("{}-{i}", e.id);
            e
        })
        .collect();
    events.sort_by(|a, b| (a.start, a.last(), &a.id).cmp(&(b.start, b.last(), &b.id)));
    let mut app = common::app_over(base);
    let index = cyberdiplo::search::Index::new(&events);
    let every: Vec<u32> = (0..events.len() as u32).collect();
    let rows = Arc::new(Timeline::build(&index, &every, app.today, true));
    let mut set = EventSet::new(events.clone(), index, Vec::new());
    set.timeline = Some(Arc::clone(&rows));
    app.update(Message::ReplaceEvents(Box::new(set)));
    app.settle();
    assert_eq!(app.shown.len(), events.len());
    assert!(
        Arc::ptr_eq(&app.timeline, &rows),
        "the loader's rows are used"
    );
    // A query: its rows come with its results from the matcher.
    app.update(Message::StartFilter);
    for c in "tallinn".chars() {
        app.update(Message::TypeFilter(c));
    }
    let request = app
        .take_effects()
        .into_iter()
        .rev()
        .find_map(|e| match e {
            Effect::Match(r) => Some(r),
            _ => None,
        })
        .unwrap();
    let answer = cyberdiplo::app::matcher::run(&request).unwrap();
    let built = Arc::clone(&answer.timeline);
    app.update(answer.into_message(request.generation));
    assert!(app.shown.len() < events.len());
    assert!(
        Arc::ptr_eq(&app.timeline, &built),
        "the matcher's rows are used"
    );
    // And back: the rows of every event are the ones kept, not rebuilt.
    press(&mut app, "<esc>");
    assert_eq!(app.filter.text, "");
    assert_eq!(app.shown.len(), events.len());
    assert!(Arc::ptr_eq(&app.timeline, &rows));
}
