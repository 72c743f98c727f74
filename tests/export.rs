//! Export formats read back by real parsers: what a calendar, spreadsheet or script gets.

use std::collections::BTreeSet;
use std::io::BufReader;

use chrono::{DateTime, Utc};
use cyberdiplo::export::{self, Format};
use cyberdiplo::model::{Event, Lang, Precision, Status};
use proptest::prelude::*;

const FIXTURE: &str = include_str!("fixtures/export.ron");

fn events() -> Vec<Event> {
    ron::from_str::<Vec<Event>>(FIXTURE).unwrap()
}

fn stamp() -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000, 0).unwrap()
}

fn render_events(format: Format, events: &[Event], lang: Lang) -> String {
    let refs: Vec<&Event> = events.iter().collect();
    let mut out = Vec::new();
    export::write_at(format, &refs, lang, stamp(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn render(format: Format, lang: Lang) -> String {
    render_events(format, &events(), lang)
}

fn by_id<'a>(events: &'a [Event], id: &str) -> &'a Event {
    events.iter().find(|e| e.id == id).unwrap()
}

// ---------------------------------------------------------------- iCalendar

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

fn parse_ics(text: &str) -> ical::parser::ical::component::IcalCalendar {
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
fn assert_lines_conform(text: &str) {
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
    let text = render(Format::Ics, Lang::En);
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
            "20210101",
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
            "20220801",
            "month",
            "TENTATIVE",
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
        assert_eq!(prop(p, "STATUS"), Some(*status));
        assert_eq!(
            prop(p, "SUMMARY").map(unescape).as_deref(),
            Some(event.title.en.as_str())
        );
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
    assert!(year.contains("known to the year only"), "{year}");
    let month = unescape(prop(&calendar.events[2].properties, "DESCRIPTION").unwrap());
    assert!(month.contains("known to the month only"), "{month}");
    let url = prop(&calendar.events[4].properties, "URL");
    assert_eq!(url, Some("https://example.org/summit?a=1&b=2"));
}

#[test]
fn ics_folds_long_accented_text_and_escapes_specials() {
    let text = render(Format::Ics, Lang::Fr);
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

// ---------------------------------------------------------------- CSV

#[test]
fn csv_reads_back_field_for_field() {
    let events = events();
    let text = render(Format::Csv, Lang::Fr);
    assert!(!text.starts_with('\u{feff}'), "no byte-order mark");
    assert!(text.starts_with(
        "id,start,end,status,kind,title_en,title_fr,summary_en,summary_fr,places,organisers,\
         participants,tags,sources,related\r\n"
    ));
    assert!(text.ends_with("\r\n"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), events.len());
    for (event, record) in events.iter().zip(&records) {
        let tags: Vec<&str> = event.tags.iter().map(|t| t.name()).collect();
        let expected = [
            event.id.clone(),
            event.start.to_string(),
            event.end.map(|d| d.to_string()).unwrap_or_default(),
            event.status.name().to_string(),
            event.kind.name().to_string(),
            event.title.en.clone(),
            event.title.fr.clone(),
            event.summary.en.clone(),
            event.summary.fr.clone(),
            event.places.join("; "),
            event.organisers.join("; "),
            event.participants.join("; "),
            tags.join("; "),
            record[13].to_string(), // checked below
            event.related.join("; "),
        ];
        let got: Vec<&str> = record.iter().collect();
        assert_eq!(got, expected.iter().map(String::as_str).collect::<Vec<_>>());
    }
    assert_eq!(
        &records[1][13],
        "004_31dbb5402f264f54.txt: Tallinn, le 4 octobre"
    );
    assert_eq!(&records[3][13], "Council press release 2024/1, p. 3");
    assert_eq!(
        &records[4][13],
        "https://example.org/summit?a=1&b=2: joint declaration; https://example.org/agenda"
    );
}

// ---------------------------------------------------------------- JSON

const JSON_FIELDS: [&str; 13] = [
    "id",
    "start",
    "end",
    "status",
    "kind",
    "title",
    "summary",
    "places",
    "organisers",
    "participants",
    "tags",
    "sources",
    "related",
];

#[test]
fn json_has_exactly_the_documented_fields() {
    let events = events();
    let text = render(Format::Json, Lang::Fr);
    assert!(text.ends_with("]\n"));
    // Fields print in the documented order.
    let first = &text[..text.find("\n  },").unwrap()];
    let positions: Vec<usize> = JSON_FIELDS
        .iter()
        .map(|f| first.find(&format!("\"{f}\":")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let array = value.as_array().unwrap();
    assert_eq!(array.len(), events.len());
    let expected: BTreeSet<&str> = JSON_FIELDS.into_iter().collect();
    for (event, object) in events.iter().zip(array) {
        assert_eq!(object, &export::json_value(event));
        let keys: BTreeSet<&str> = object
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(keys, expected);
        assert_eq!(object["id"], event.id.as_str());
        assert_eq!(object["start"], event.start.to_string());
        match event.end {
            Some(end) => assert_eq!(object["end"], end.to_string()),
            None => assert!(object["end"].is_null()),
        }
        assert_eq!(object["status"], event.status.name());
        assert_eq!(object["kind"], event.kind.name());
        assert_eq!(object["title"]["en"], event.title.en.as_str());
        assert_eq!(object["summary"]["fr"], event.summary.fr.as_str());
        assert_eq!(object["tags"].as_array().unwrap().len(), event.tags.len());
        assert_eq!(object["related"], serde_json::json!(event.related));
    }
    let seed = &array[1]["sources"][0];
    assert_eq!(
        seed,
        &serde_json::json!({"seed": "004_31dbb5402f264f54.txt", "quote": "Tallinn, le 4 octobre"})
    );
    assert_eq!(
        array[3]["sources"][0],
        serde_json::json!({"seed": null, "quote": null, "citation": "Council press release 2024/1, p. 3"})
    );
    assert_eq!(
        array[4]["sources"],
        serde_json::json!([
            {"seed": null, "quote": "joint declaration", "url": "https://example.org/summit?a=1&b=2"},
            {"seed": null, "quote": null, "url": "https://example.org/agenda"},
        ])
    );
}

// ---------------------------------------------------------------- TimelineJS

#[test]
fn timelinejs_dates_keep_only_the_known_parts() {
    let events = events();
    let text = render(Format::TimelineJs, Lang::En);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value["title"]["text"]["headline"],
        "EU cyber and digital diplomacy timeline"
    );
    let slides = value["events"].as_array().unwrap();
    assert_eq!(slides.len(), events.len());
    for (event, slide) in events.iter().zip(slides) {
        assert_eq!(slide["unique_id"], event.id.as_str());
        assert_eq!(slide["group"], event.kind.name());
        let start = slide["start_date"].as_object().unwrap();
        assert_eq!(start["year"], event.start.year().to_string());
        assert_eq!(
            start.contains_key("month"),
            event.start.precision() != Precision::Year
        );
        assert_eq!(
            start.contains_key("day"),
            event.start.precision() == Precision::Day
        );
        assert_eq!(slide.get("end_date").is_some(), event.end.is_some());
        assert!(slide["text"]["text"].as_str().unwrap().starts_with("<p>"));
    }
    assert_eq!(slides[0]["start_date"], serde_json::json!({"year": "2015"}));
    assert_eq!(slides[0]["end_date"], serde_json::json!({"year": "2020"}));
    assert_eq!(
        slides[1]["start_date"],
        serde_json::json!({"year": "2017", "month": "10", "day": "4"})
    );
    assert_eq!(
        slides[2]["start_date"],
        serde_json::json!({"year": "2022", "month": "7"})
    );
    assert_eq!(
        slides[1]["text"]["headline"],
        "Tallinn conference, &quot;EaP&quot;; cyber \\ e-gov"
    );
    let body = slides[1]["text"]["text"].as_str().unwrap();
    assert!(body.starts_with("<p>First line.<br>Second line"), "{body}");
    let body = slides[4]["text"]["text"].as_str().unwrap();
    assert!(body.contains(
        "<a href=\"https://example.org/summit?a=1&amp;b=2\">https://example.org/summit?a=1&amp;b=2</a>"
    ));
}

// ---------------------------------------------------------------- Markdown

/// Compares output with a committed file; `UPDATE_SNAPSHOTS=1` rewrites the file.
fn assert_snapshot(name: &str, actual: &str) {
    let path = format!("{}/tests/snapshots/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from the snapshot; review the output below, then run \
         `UPDATE_SNAPSHOTS=1 cargo test --test export` to accept it.\n\n{actual}"
    );
}

#[test]
fn markdown_matches_the_snapshot() {
    assert_snapshot("export.md", &render(Format::Markdown, Lang::En));
    assert_snapshot("export.fr.md", &render(Format::Markdown, Lang::Fr));
}

// ---------------------------------------------------------------- all formats

#[test]
fn format_names_parse_and_print() {
    for format in Format::ALL {
        assert_eq!(format.name().parse::<Format>(), Ok(*format));
        assert_eq!(format.to_string(), format.name());
        let clap_name = clap::ValueEnum::to_possible_value(format).unwrap();
        assert_eq!(clap_name.get_name(), format.name());
    }
    assert_eq!("MD".parse::<Format>(), Ok(Format::Markdown));
    let err = "pdf".parse::<Format>().unwrap_err().to_string();
    assert!(
        err.contains("\"pdf\"") && err.contains("timelinejs"),
        "{err}"
    );
}

#[test]
fn no_events_still_give_valid_files() {
    let json: serde_json::Value =
        serde_json::from_str(&render_events(Format::Json, &[], Lang::En)).unwrap();
    assert_eq!(json, serde_json::json!([]));
    let csv = render_events(Format::Csv, &[], Lang::En);
    assert_eq!(csv.matches("\r\n").count(), 1);
    let ics = render_events(Format::Ics, &[], Lang::En);
    assert!(parse_ics(&ics).events.is_empty());
    let md = render_events(Format::Markdown, &[], Lang::En);
    assert_eq!(
        md,
        "# EU cyber and digital diplomacy timeline\n\nNo events.\n"
    );
    let tl: serde_json::Value =
        serde_json::from_str(&render_events(Format::TimelineJs, &[], Lang::En)).unwrap();
    assert_eq!(tl["events"], serde_json::json!([]));
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
        let ics = render_events(Format::Ics, &events, Lang::En);
        assert_lines_conform(&ics);
        let calendar = parse_ics(&ics);
        let p = &calendar.events[0].properties;
        prop_assert_eq!(prop(p, "SUMMARY").map(unescape).unwrap_or_default(), ics_round_trip(&title));
        let csv = render_events(Format::Csv, &events, Lang::En);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        prop_assert_eq!(&record[5], title.as_str());
        prop_assert_eq!(&record[7], summary.as_str());
    }
}

#[test]
fn the_bundled_data_exports_cleanly_in_every_format() {
    let catalog = cyberdiplo::model::load::bundled();
    assert!(catalog.errors.is_empty());
    let events = catalog.events;
    let ics = render_events(Format::Ics, &events, Lang::Fr);
    assert_lines_conform(&ics);
    assert_eq!(parse_ics(&ics).events.len(), events.len());
    let csv = render_events(Format::Csv, &events, Lang::En);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().map(Result::unwrap).count(), events.len());
    for format in [Format::Json, Format::TimelineJs] {
        let text = render_events(format, &events, Lang::En);
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "{format}"
        );
    }
    let md = render_events(Format::Markdown, &events, Lang::En);
    assert_eq!(md.matches("\n### ").count(), events.len());
}
