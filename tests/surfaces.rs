//! The explorer's detail pane and `cyberdiplo show` say the same thing: the same meta line
//! (date, status, kind) and the same labels, in English and in French.

mod common;

use std::process::Command;

use cyberdiplo::model::{Lang, load};

const EVENTS: &[&str] = &[
    "2017-10-04-tallinn-eap-cyber-conference",
    "2017-11-24-eap-summit-brussels",
    "2024-06-20-eu-africa-cyber-digital-ambassadors-meeting",
    "2015-eapconnect-programme",
];

/// `show ID` as printed by the real binary, on the tests' today.
fn show(id: &str, lang: Lang) -> String {
    let home = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cyberdiplo"))
        .args(["show", id, "--lang", lang.code(), "--today"])
        .arg(common::today().to_string())
        .env("CYBERDIPLO_CONFIG", home.path().join("config.ron"))
        .env("CYBERDIPLO_EVENTS_DIR", home.path().join("events"))
        .env("CYBERDIPLO_STATE_DIR", home.path().join("state"))
        .env("CYBERDIPLO_CACHE_DIR", home.path().join("cache"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "show {id}");
    String::from_utf8(output.stdout).unwrap()
}

/// The explorer's screen at 200x50 with `id` selected, in `lang`, and the meta line of
/// the detail document it draws.
fn pane_and_meta(id: &str, lang: Lang) -> (String, String) {
    let mut app = common::app_over(load::bundled().events);
    app.update(cyberdiplo::app::Message::Resize(200, 50));
    let position = app
        .shown
        .iter()
        .position(|&i| app.event(i).unwrap().id == id)
        .unwrap();
    app.selected = position;
    if lang == Lang::Fr {
        common::press(&mut app, "L");
    }
    let meta = app.detail_document().unwrap().meta().to_string();
    (common::screen_text(&app), meta)
}

/// The explorer's screen at 200x50 with `id` selected, in `lang`.
fn pane(id: &str, lang: Lang) -> String {
    pane_and_meta(id, lang).0
}

/// Text with every run of white space as one space (lines wrap at different widths).
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn pane_and_show_print_the_same_meta_line_and_labels() {
    for &id in EVENTS {
        for lang in [Lang::En, Lang::Fr] {
            let text = show(id, lang);
            let (screen, meta) = pane_and_meta(id, lang);
            // The pane draws this meta line (its first words are on screen), and show
            // prints the same, wrapped at its own width.
            let start: String = meta.chars().take(16).collect();
            assert!(
                screen.contains(&start),
                "{id} {lang:?}: {start:?}:\n{screen}"
            );
            assert!(
                words(&text).contains(&words(&meta)),
                "{id} {lang:?}: show lacks the pane's meta line {meta:?}:\n{text}"
            );
            // Labels start a line and end before two spaces (the value column).
            let labels: Vec<&str> = text
                .lines()
                .filter_map(|l| l.split_once("  ").map(|(label, _)| label))
                .filter(|l| !l.is_empty() && !l.starts_with(' '))
                .collect();
            assert!(labels.len() >= 2, "{id} {lang:?}: {text}");
            for label in labels {
                assert!(
                    screen.contains(label),
                    "{id} {lang:?}: no {label:?} in the pane"
                );
            }
        }
    }
}

#[test]
fn the_french_view_translates_labels_and_the_meta_line() {
    let id = "2017-10-04-tallinn-eap-cyber-conference";
    let screen = pane(id, Lang::Fr);
    for word in [
        "Lieux",
        "Organisateurs",
        "Thèmes",
        "4 octobre 2017",
        "a eu lieu",
        "conférence",
    ] {
        assert!(screen.contains(word), "no {word:?}:\n{screen}");
    }
    let text = show(id, Lang::Fr);
    assert!(
        text.contains("Lieux") && text.contains("Fiche : "),
        "{text}"
    );
}
