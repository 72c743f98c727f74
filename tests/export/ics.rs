//! iCalendar export read back with the `ical` crate: structure, dates, escaping, folding.

use super::*;
use cyberdiplo::model::Status;
use proptest::prelude::*;
use std::io::BufReader;

/// Undoes RFC 5545 TEXT escaping.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn parse_ics(text: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = calendars.next().unwrap().unwrap();
    assert!(calendars.next().is_none(), "one VCALENDAR");
    calendar
}

fn prop<'a>(props: &'a [ical::property::Property], name: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

/// Every physical line ends in CRLF and holds at most 75 octets.
pub(crate) fn assert_lines_conform(text: &str) {
    assert!(text.ends_with("\r\n"));
    for (i, byte) in text.bytes().enumerate() {
        if byte == b'\n' {
            assert_eq!(text.as_bytes()[i - 1], b'\r', "bare LF at byte {i}");
        }
        if byte == b'\r' {
            assert_eq!(
                text.as_bytes().get(i + 1),
                Some(&b'\n'),
                "bare CR at byte {i}"
            );
        }
    }
    for line in text.trim_end_matches("\r\n").split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

#[test]
fn ics_holds_one_all_day_event_per_record_with_exclusive_ends() {
    let events = events();
    let text = render_all(Format::Ics, &events, Lang::En);
    assert_lines_conform(&text);
    assert!(text.starts_with(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cyberdiplo//EN\r\nCALSCALE:GREGORIAN\r\n"
    ));
    let calendar = parse_ics(&text);
    assert_eq!(calendar.events.len(), events.len());
    // (id, DTSTART, DTEND, precision, STATUS)
    let expected = [
        (
            "2015-eu-cyber-capacity-programme",
            "20150101",
            "20150102",
            "year",
            "CONFIRMED",
        ),
        (
            "2017-10-04-tallinn-eap-cyber-conference",
            "20171004",
            "20171005",
            "day",
            "CONFIRMED",
        ),
        (
            "2022-07-eu-digital-partnership-review",
            "20220701",
            "20220702",
            "month",
            "",
        ),
        (
            "2023-12-31-year-end-ministerial",
            "20231231",
            "20240102",
            "day",
            "CONFIRMED",
        ),
        (
            "2024-06-20-user-event-with-url",
            "20240620",
            "20240622",
            "day",
            "TENTATIVE",
        ),
    ];
    for ((id, start, end, precision, status), vevent) in expected.iter().zip(&calendar.events) {
        let p = &vevent.properties;
        let event = by_id(&events, id);
        assert_eq!(prop(p, "UID"), Some(format!("{id}@cyberdiplo").as_str()));
        assert_eq!(prop(p, "DTSTAMP"), Some("20231114T221320Z"));
        assert_eq!(prop(p, "DTSTART"), Some(*start), "{id}");
        assert_eq!(prop(p, "DTEND"), Some(*end), "{id}");
        let dtstart = p.iter().find(|p| p.name == "DTSTART").unwrap();
        assert_eq!(
            dtstart.params,
            Some(vec![("VALUE".to_string(), vec!["DATE".to_string()])])
        );
        assert_eq!(prop(p, "X-CYBERDIPLO-PRECISION"), Some(*precision));
        assert_eq!(prop(p, "STATUS").unwrap_or_default(), *status, "{id}");
        let title = prop(p, "SUMMARY").map(unescape).unwrap_or_default();
        assert!(title.starts_with(event.title.en.as_str()), "{title}");
        let description = unescape(prop(p, "DESCRIPTION").unwrap());
        assert!(description.starts_with(&event.summary.en), "{id}");
        for source in &event.sources {
            assert!(
                description.contains(source.origin()),
                "{id}: {}",
                source.origin()
            );
        }
        let location = prop(p, "LOCATION").map(unescape);
        let places = (!event.places.is_empty()).then(|| event.places.join(", "));
        assert_eq!(location, places);
        let categories = prop(p, "CATEGORIES").unwrap();
        assert!(categories.starts_with(event.kind.name()));
        assert_eq!(categories.split(',').count(), 1 + event.tags.len());
    }
    let year = unescape(prop(&calendar.events[0].properties, "DESCRIPTION").unwrap());
    assert!(
        year.contains("known to the year only; shown on its first day"),
        "{year}"
    );
    let title = unescape(prop(&calendar.events[0].properties, "SUMMARY").unwrap());
    assert!(
        title.ends_with(" (2015-2020, month and day not given)"),
        "{title}"
    );
    let month = unescape(prop(&calendar.events[2].properties, "DESCRIPTION").unwrap());
    assert!(month.contains("known to the month only"), "{month}");
    // Planned, and its month is over by the export's day: not tentative, and said why.
    assert!(month.contains("the date has passed and the sources do not say whether it took place"));
    let title = unescape(prop(&calendar.events[2].properties, "SUMMARY").unwrap());
    assert!(title.ends_with(" (2022-07, day not given)"), "{title}");
    let url = prop(&calendar.events[4].properties, "URL");
    assert_eq!(url, Some("https://example.org/summit?a=1&b=2"));
}

#[test]
fn ics_leaves_month_and_year_events_out_by_default_and_says_so() {
    let events = events();
    let calendar = parse_ics(&render(Format::Ics, Lang::En));
    let uids: Vec<&str> = calendar
        .events
        .iter()
        .filter_map(|e| prop(&e.properties, "UID"))
        .collect();
    assert_eq!(
        uids,
        [
            "2017-10-04-tallinn-eap-cyber-conference@cyberdiplo",
            "2023-12-31-year-end-ministerial@cyberdiplo",
            "2024-06-20-user-event-with-url@cyberdiplo",
        ]
    );
    let refs: Vec<&Event> = events.iter().collect();
    let options = export::Options::on(stamp().date_naive());
    let notes = export::notes(Format::Ics, &refs, &options);
    assert_eq!(
        notes,
        [
            "2 event(s) known only to the month or year left out of the calendar \
          (--ics-imprecise adds them as one-day markers)"
        ]
    );
    assert!(export::notes(Format::Csv, &refs, &options).is_empty());
}

#[test]
fn no_bundled_vevent_is_longer_than_what_its_record_knows() {
    let events = cyberdiplo::model::load::bundled().events;
    for text in [
        render_events(Format::Ics, &events, Lang::En),
        render_all(Format::Ics, &events, Lang::En),
    ] {
        for vevent in parse_ics(&text).events {
            let p = &vevent.properties;
            let uid = prop(p, "UID").unwrap();
            let event = events
                .iter()
                .find(|e| format!("{}@cyberdiplo", e.id) == uid)
                .unwrap();
            let day = |v: &str| chrono::NaiveDate::parse_from_str(v, "%Y%m%d").unwrap();
            let days =
                (day(prop(p, "DTEND").unwrap()) - day(prop(p, "DTSTART").unwrap())).num_days();
            let known = match (event.start.precision(), event.last().precision()) {
                (Precision::Day, Precision::Day) => {
                    (event.last().last_day() - event.start.first_day()).num_days() + 1
                }
                _ => 1,
            };
            assert_eq!(days, known, "{uid}");
        }
    }
}

#[test]
fn ics_urls_are_only_http_or_https() {
    let mut events = events();
    events.truncate(2);
    events[1].sources[0].url = Some("javascript:alert(1)".into());
    let text = render_events(Format::Ics, &events, Lang::En);
    assert!(!text.contains("javascript"), "{text}");
    events[1].sources[0].url = Some("HTTPS://example.org/a".into());
    let text = render_events(Format::Ics, &events, Lang::En);
    assert!(text.contains("URL:HTTPS://example.org/a\r\n"), "{text}");
}

#[test]
fn ics_folds_long_accented_text_and_escapes_specials() {
    let text = render_all(Format::Ics, &events(), Lang::Fr);
    assert_lines_conform(&text);
    // The long summary is folded, and folding keeps every accented letter whole.
    assert!(text.lines().filter(|l| l.starts_with(' ')).count() > 3);
    assert!(text.contains("SUMMARY:Conférence de Tallinn\\, « PaO » \\; cyber \\\\ e-gouv\r\n"));
    let calendar = parse_ics(&text);
    let events = events();
    for (event, vevent) in events.iter().zip(&calendar.events) {
        let description = unescape(prop(&vevent.properties, "DESCRIPTION").unwrap());
        assert!(description.starts_with(&event.summary.fr), "{description}");
    }
}

#[test]
fn ics_stamp_defaults_to_a_utc_time() {
    let events = events();
    let refs: Vec<&Event> = events.iter().collect();
    let mut out = Vec::new();
    export::write(Format::Ics, &refs, Lang::En, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let stamp = text
        .lines()
        .find_map(|l| l.strip_prefix("DTSTAMP:"))
        .unwrap();
    assert!(chrono::NaiveDateTime::parse_from_str(stamp.trim_end(), "%Y%m%dT%H%M%SZ").is_ok());
}

// ---------------------------------------------------------------- any text

/// What a reader gets back from an iCalendar TEXT value: line breaks normalised, control
/// characters dropped, and two losses of the `ical` reader: it trims white space at the end
/// of lines and colons at the start of values.
fn ics_round_trip(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let kept: String = text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect();
    kept.trim_end_matches([' ', '\t'])
        .trim_start_matches(':')
        .to_string()
}

fn any_text() -> impl Strategy<Value = String> {
    "[a-zé€😀 ,;:\\\\\"\n\r\t\u{7}]{0,300}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_title_survives_ics_and_csv(title in any_text(), summary in any_text()) {
        let mut events = events();
        events.truncate(1);
        events[0].title.en = title.clone();
        events[0].summary.en = summary.clone();
        events[0].status = Status::Planned;
        let ics = render_all(Format::Ics, &events, Lang::En);
        assert_lines_conform(&ics);
        let calendar = parse_ics(&ics);
        let p = &calendar.events[0].properties;
        let marker = " (2015-2020, month and day not given)";
        let shown = ics_round_trip(&format!("{title}{marker}"));
        prop_assert_eq!(prop(p, "SUMMARY").map(unescape).unwrap_or_default(), shown);
        let csv = render_events(Format::Csv, &events, Lang::En);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        // A spreadsheet must not run a cell as a formula: those get a leading `'`.
        let defused = |s: &str| {
            if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{s}")
            } else {
                s.to_string()
            }
        };
        prop_assert_eq!(&record[6], defused(&title));
        prop_assert_eq!(&record[8], defused(&summary));
    }
}
