//! What the explorer and `show` tell a reader about dates, statuses, sources and matches, on
//! the bundled data: precision instead of fake lengths, "as of" dates, citations, emphasis,
//! where a query matched, and honest labels for a query that does not parse.

mod common;

use chrono::NaiveDate;
use common::{press, screen, screen_text};
use cyberdiplo::app::{self, App, Message, SortOrder};
use cyberdiplo::model::{Lang, load};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

/// The explorer over the bundled events at a size, on `today`.
fn explorer(width: u16, height: u16, today: NaiveDate) -> App {
    let mut app = App::new(
        load::bundled().events,
        app::Options {
            lang: Lang::En,
            today,
            color: true,
            order: SortOrder::Date,
            marks: Default::default(),
            warnings: Vec::new(),
            detail_delay: false,
        },
    );
    app.update(Message::Resize(width, height));
    app
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn select(app: &mut App, id: &str) {
    let position = app
        .shown
        .iter()
        .position(|&i| app.event(i).unwrap().id == id)
        .unwrap();
    app.selected = position;
    app.update(Message::SettleDetail);
}

fn show(id: &str, extra: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_cyberdiplo"))
        .args(["show", id, "--today", "2026-11-23"])
        .args(extra)
        .env("CYBERDIPLO_CONFIG", home.path().join("config.ron"))
        .env("CYBERDIPLO_EVENTS_DIR", home.path().join("events"))
        .env("CYBERDIPLO_STATE_DIR", home.path().join("state"))
        .env("CYBERDIPLO_CACHE_DIR", home.path().join("cache"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_date_known_to_the_year_has_no_length() {
    let text = show("2022-eu-au-summit", &[]);
    assert!(text.contains("2022 (day not given)"), "{text}");
    assert!(!text.contains("1 year") && !text.contains("days"), "{text}");
    let text = show(
        "2024-06-20-eu-africa-cyber-digital-ambassadors-meeting",
        &[],
    );
    assert!(text.contains("20–21 June 2024 (2 days)"), "{text}");
}

#[test]
fn a_planned_event_whose_date_passed_says_so_and_as_of_when() {
    let words = |text: String| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = words(show("2017-11-24-eap-summit-brussels", &[]));
    assert!(
        text.contains("planned (as of 2017-10-04) · date passed, outcome not in the sources"),
        "{text}"
    );
    let text = words(show("2017-11-24-eap-summit-brussels", &["--lang", "fr"]));
    assert!(
        text.contains("prévu (au 2017-10-04) · date passée"),
        "{text}"
    );
}

#[test]
fn sources_are_cited_and_their_emphasis_is_not_raw() {
    let text = show("2017-10-04-tallinn-eap-cyber-conference", &[]);
    assert!(
        text.contains("EEAS press release, 4 October 2017"),
        "{text}"
    );
    let text = show("2022-09-01-eu-office-san-francisco", &[]);
    assert!(text.contains("secteur des technologies"), "{text}");
    assert!(!text.contains("**"), "{text}");
}

#[test]
fn the_pane_cites_sources_and_shows_file_names_one_key_away() {
    let mut app = explorer(120, 60, common::today());
    select(&mut app, "2017-10-04-tallinn-eap-cyber-conference");
    let text = screen_text(&app);
    assert!(
        text.contains("EEAS press release, 4 October 2017"),
        "{text}"
    );
    assert!(!text.contains("004_31dbb5402f264f54.txt"), "{text}");
    press(&mut app, "f");
    let text = screen_text(&app);
    assert!(text.contains("004_31dbb5402f264f54.txt"), "{text}");
}

#[test]
fn emphasis_is_bold_in_the_pane() {
    let mut app = explorer(160, 60, common::today());
    select(&mut app, "2022-09-01-eu-office-san-francisco");
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| cyberdiplo::ui::view(frame, &app))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let rows = screen(&app);
    let (y, line) = rows
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains("secteur des technologies"))
        .expect("the quote is on screen");
    assert!(!line.contains("**"), "{line}");
    let x = line[..line.find("secteur des").unwrap()].chars().count() as u16;
    let bold = |dx: u16| buffer[(x + dx, y as u16)].modifier.contains(Modifier::BOLD);
    assert!(bold(0) && bold(8), "emphasised words are bold");
    let space_before = buffer[(x - 1, y as u16)].modifier;
    assert!(
        !space_before.contains(Modifier::BOLD),
        "only the emphasis is bold"
    );
}

#[test]
fn a_year_event_of_this_year_sits_below_the_today_line() {
    let app = explorer(120, 60, day("2026-03-01"));
    let rows = screen(&app);
    let today = rows
        .iter()
        .position(|r| r.contains("today 2026-03-01"))
        .unwrap();
    let itu = rows
        .iter()
        .position(|r| r.contains("ITU Plenipotentiary Conference of 2026"))
        .unwrap();
    assert!(itu > today, "{}", rows.join("\n"));
}

#[test]
fn a_match_outside_the_title_is_noted_in_the_row_and_lit_in_the_detail() {
    let mut app = explorer(160, 50, common::today());
    press(&mut app, "/sweden");
    let rows = screen(&app);
    let text = rows.join("\n");
    assert!(text.contains("(place"), "{text}");
    // The detail underlines the place that matched.
    let mut terminal = Terminal::new(TestBackend::new(160, 50)).unwrap();
    terminal
        .draw(|frame| cyberdiplo::ui::view(frame, &app))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let (y, line) = rows
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains("Places") && l.contains("Sweden"))
        .expect("the places line is on screen");
    let x = line[..line.rfind("Sweden").unwrap()].chars().count() as u16;
    let lit = buffer[(x, y as u16)].modifier;
    assert!(lit.contains(Modifier::UNDERLINED), "{line}: {lit:?}");
}

#[test]
fn a_new_query_selects_its_best_match_in_date_order() {
    let mut app = explorer(120, 40, common::today());
    press(&mut app, "G");
    press(&mut app, "/tallinn");
    let selected = app.event(app.shown[app.selected]).unwrap();
    assert_eq!(selected.id, "2017-10-04-tallinn-eap-cyber-conference");
    assert!(app.shown.len() > 1, "date order keeps every match");
    let dates: Vec<_> = app
        .shown
        .iter()
        .map(|&i| app.event(i).unwrap().start)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "date order stays");
}

#[test]
fn an_invalid_query_keeps_results_under_the_last_valid_label() {
    let mut app = explorer(120, 40, common::today());
    press(&mut app, "/africa");
    let mut last_valid = (app.filter.text.clone(), app.shown.clone());
    for c in " 2023..2021".chars() {
        press(&mut app, &c.to_string());
        if app.filter.error.is_none() {
            last_valid = (app.filter.text.clone(), app.shown.clone());
        }
    }
    assert!(app.filter.error.is_some());
    assert_eq!(app.shown, last_valid.1, "the last valid results stay");
    let text = screen_text(&app);
    let label = format!("results of: {} (fix the query)", last_valid.0);
    assert!(text.contains(&label), "{label:?} not in:\n{text}");
    assert!(!text.contains("filter: africa 2023..2021"), "{text}");
}

#[test]
fn the_detail_reads_at_every_size() {
    for (w, h) in [(120, 40), (80, 24), (40, 12), (20, 6), (12, 3)] {
        for lang in ["", "L"] {
            let mut app = explorer(w, h, common::today());
            select(&mut app, "2017-11-24-eap-summit-brussels");
            press(&mut app, &format!("{lang}<enter>"));
            let text = screen_text(&app);
            if w >= 40 {
                assert!(text.contains("2017"), "{w}x{h}:\n{text}");
            }
            assert_eq!(screen(&app).len(), usize::from(h));
        }
    }
}

#[test]
fn show_fits_78_columns_for_every_bundled_event() {
    use unicode_width::UnicodeWidthStr;
    for event in load::bundled().events {
        for lang in ["en", "fr"] {
            let text = show(&event.id, &["--lang", lang]);
            for line in text.lines() {
                assert!(line.width() <= 78, "{} {lang}: {line:?}", event.id);
            }
        }
    }
}

/// Runs `export --format FORMAT` on one bundled event.
fn export(format: &str, id: &str) -> String {
    let home = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_cyberdiplo"))
        .args([
            "export",
            "--format",
            format,
            "--ics-imprecise",
            "--today",
            "2026-11-23",
        ])
        .arg(format!("id:{id}"))
        .env("CYBERDIPLO_CONFIG", home.path().join("config.ron"))
        .env("CYBERDIPLO_EVENTS_DIR", home.path().join("events"))
        .env("CYBERDIPLO_STATE_DIR", home.path().join("state"))
        .env("CYBERDIPLO_CACHE_DIR", home.path().join("cache"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{format}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn exports_render_emphasis_and_never_show_raw_asterisks() {
    let id = "2022-09-01-eu-office-san-francisco";
    for format in ["csv", "ics"] {
        let text = export(format, id);
        assert!(
            text.contains("secteur des technologies"),
            "{format}: {text}"
        );
        assert!(!text.contains("**"), "{format}: {text}");
    }
    let html = export("timelinejs", id);
    assert!(
        html.contains("<strong>secteur des technologies</strong>"),
        "{html}"
    );
    let md = export("markdown", id);
    assert!(md.contains("**secteur des technologies**"), "{md}");
    assert!(!md.contains("\\*\\*"), "{md}");
}
