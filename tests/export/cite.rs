//! Every export of the bundled data says when a date is inferred and cites seeds by label.

use super::*;

const LULEA: &str = "2023-lulea-eu-us-ttc-ministerial";
const SUMMIT: &str = "2017-11-24-eap-summit-brussels";
const COUNCIL_EN: &str = "Council document 11088/23, 26 June 2023";
const COUNCIL_FR: &str = "document du Conseil 11088/23, 26 juin 2023";

fn bundled() -> Vec<Event> {
    let catalog = cyberdiplo::model::load::bundled();
    assert!(catalog.errors.is_empty());
    catalog.events
}

/// The unfolded, unescaped DESCRIPTION of the VEVENT with this event id.
fn ics_description(text: &str, id: &str) -> String {
    let uid = format!("{id}@cyberdiplo");
    let vevent = parse_ics(text)
        .events
        .into_iter()
        .find(|e| {
            e.properties
                .iter()
                .any(|p| p.name == "UID" && p.value.as_deref() == Some(&uid))
        })
        .unwrap_or_else(|| panic!("{id} not in the calendar"));
    let value = vevent
        .properties
        .iter()
        .find(|p| p.name == "DESCRIPTION")
        .and_then(|p| p.value.clone())
        .unwrap();
    value
        .replace("\\n", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
}

#[test]
fn the_lulea_record_is_inferred_and_cited_in_every_format() {
    let events = bundled();
    let lulea = by_id(&events, LULEA);
    assert!(
        lulea.date_basis.is_some(),
        "the data marks Luleå as inferred"
    );

    let json: serde_json::Value =
        serde_json::from_str(&render_events(Format::Json, &events, Lang::En)).unwrap();
    let object = json
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == LULEA)
        .unwrap();
    assert!(
        object["date_basis"]
            .as_str()
            .unwrap()
            .starts_with("inferred")
    );
    let source = &object["sources"][0];
    assert_eq!(source["seed"], "003_55141309f08b77bc.txt");
    assert_eq!(source["cited_as"]["en"], COUNCIL_EN);
    assert_eq!(source["cited_as"]["fr"], COUNCIL_FR);

    let csv = render_events(Format::Csv, &events, Lang::En);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == LULEA)
        .unwrap();
    assert!(row[column("date_basis")].starts_with("inferred"));
    assert_eq!(&row[column("citations_en")], COUNCIL_EN);
    assert_eq!(&row[column("citations_fr")], COUNCIL_FR);

    // Known to the year only, so in the calendar only as a marker.
    let en = ics_description(&render_all(Format::Ics, &events, Lang::En), LULEA);
    assert!(
        en.contains("Inferred date (2023): not stated as such in the sources. Basis: inferred"),
        "{en}"
    );
    assert!(
        en.contains(&format!("{COUNCIL_EN} (003_55141309f08b77bc.txt): \"")),
        "{en}"
    );
    let fr = ics_description(&render_all(Format::Ics, &events, Lang::Fr), LULEA);
    assert!(fr.contains("Date déduite (2023)"), "{fr}");
    assert!(fr.contains(COUNCIL_FR), "{fr}");

    let timeline: serde_json::Value =
        serde_json::from_str(&render_events(Format::TimelineJs, &events, Lang::En)).unwrap();
    let slide = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["unique_id"] == LULEA)
        .unwrap();
    let text = slide["text"]["text"].as_str().unwrap();
    assert!(text.contains("<em>Inferred date (2023)"), "{text}");
    assert!(text.contains(COUNCIL_EN), "{text}");
}

#[test]
fn the_default_calendar_flags_the_summit_year_as_inferred() {
    // Known to the day, so in the calendar by default; its year comes from a dateline.
    let events = bundled();
    let text = render_events(Format::Ics, &events, Lang::En);
    let summit = ics_description(&text, SUMMIT);
    assert!(summit.contains("Inferred date (2017-11-24)"), "{summit}");
    assert!(
        summit.contains("EEAS press release, 4 October 2017 (004_31dbb5402f264f54.txt)"),
        "{summit}"
    );
    // A record whose date a source states says nothing of the kind.
    let stated = ics_description(&text, "2017-10-05-eap-digital-economy-ministerial");
    assert!(!stated.contains("Inferred date"), "{stated}");
    assert!(stated.contains("EEAS press release, 4 October 2017"));
}

#[test]
fn exactly_the_inferred_records_carry_the_note() {
    let events = bundled();
    let inferred = events.iter().filter(|e| e.date_basis.is_some()).count();
    assert!(inferred >= 5, "{inferred}");
    let ics = render_all(Format::Ics, &events, Lang::En);
    let notes = parse_ics(&ics)
        .events
        .iter()
        .filter(|e| {
            e.properties.iter().any(|p| {
                p.name == "DESCRIPTION"
                    && p.value
                        .as_deref()
                        .is_some_and(|v| v.contains("Inferred date ("))
            })
        })
        .count();
    assert_eq!(notes, inferred);
    let timeline = render_events(Format::TimelineJs, &events, Lang::Fr);
    assert_eq!(timeline.matches("<em>Date déduite (").count(), inferred);
    // Every seed source of every record is cited by its label in JSON.
    let json: serde_json::Value =
        serde_json::from_str(&render_events(Format::Json, &events, Lang::En)).unwrap();
    for object in json.as_array().unwrap() {
        for source in object["sources"].as_array().unwrap() {
            assert!(source["cited_as"]["en"].is_string(), "{}", object["id"]);
        }
    }
}
