//! Export formats read back by real parsers: what a calendar, spreadsheet or script gets.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use cyberdiplo::export::{self, Format};
use cyberdiplo::model::{Event, Lang, Precision};

#[path = "export/cite.rs"]
mod cite;
#[path = "export/ics.rs"]
mod ics;

use ics::{assert_lines_conform, parse_ics};

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

/// Like [`render_events`], with month and year events in the calendar as markers.
fn render_all(format: Format, events: &[Event], lang: Lang) -> String {
    let refs: Vec<&Event> = events.iter().collect();
    let mut options = export::Options::on(stamp().date_naive());
    options.ics_imprecise = true;
    let mut out = Vec::new();
    export::write_with(format, &refs, lang, stamp(), &options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn render(format: Format, lang: Lang) -> String {
    render_events(format, &events(), lang)
}

fn by_id<'a>(events: &'a [Event], id: &str) -> &'a Event {
    events.iter().find(|e| e.id == id).unwrap()
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_reads_back_field_for_field() {
    let events = events();
    let text = render(Format::Csv, Lang::Fr);
    assert!(!text.starts_with('\u{feff}'), "no byte-order mark");
    assert!(text.starts_with(
        "id,start,end,date_basis,status,kind,title_en,title_fr,summary_en,summary_fr,places,organisers,\
         participants,tags,sources,related,citations_en,citations_fr\r\n"
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
            event.date_basis.clone().unwrap_or_default(),
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
            record[14].to_string(), // checked below
            event.related.join("; "),
            record[16].to_string(), // checked below
            record[17].to_string(),
        ];
        let got: Vec<&str> = record.iter().collect();
        assert_eq!(got, expected.iter().map(String::as_str).collect::<Vec<_>>());
    }
    assert_eq!(
        &records[1][14],
        "004_31dbb5402f264f54.txt: Tallinn, le 4 octobre"
    );
    assert_eq!(&records[1][16], "EEAS press release, 4 October 2017");
    assert_eq!(
        &records[1][17],
        "communiqué de presse du SEAE, 4 octobre 2017"
    );
    assert_eq!(&records[3][14], "Council press release 2024/1, p. 3");
    assert_eq!(&records[3][17], "Council press release 2024/1, p. 3");
    assert_eq!(
        &records[4][14],
        "https://example.org/summit?a=1&b=2: joint declaration; https://example.org/agenda"
    );
}

// ---------------------------------------------------------------- JSON

const JSON_FIELDS: [&str; 14] = [
    "id",
    "start",
    "end",
    "date_basis",
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
        match &event.date_basis {
            Some(basis) => assert_eq!(object["date_basis"], basis.as_str()),
            None => assert!(object["date_basis"].is_null()),
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
        &serde_json::json!({
            "seed": "004_31dbb5402f264f54.txt",
            "quote": "Tallinn, le 4 octobre",
            "cited_as": {
                "en": "EEAS press release, 4 October 2017",
                "fr": "communiqué de presse du SEAE, 4 octobre 2017",
            },
        })
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

#[test]
fn the_bundled_data_exports_cleanly_in_every_format() {
    let catalog = cyberdiplo::model::load::bundled();
    assert!(catalog.errors.is_empty());
    let events = catalog.events;
    let ics = render_all(Format::Ics, &events, Lang::Fr);
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
