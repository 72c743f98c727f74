//! The JSON export: one object per event with a fixed field set that scripts rely on.

use std::io::{self, Write};

use serde::Serialize;

use crate::model::{Date, Event, Lang, Source, Text};
use crate::seed;

/// One event as exported; field order is the order printed.
#[derive(Serialize)]
struct JsonEvent<'a> {
    id: &'a str,
    start: Date,
    end: Option<Date>,
    date_basis: Option<&'a str>,
    status: &'static str,
    kind: &'static str,
    title: &'a Text,
    summary: &'a Text,
    places: &'a [String],
    organisers: &'a [String],
    participants: &'a [String],
    tags: Vec<&'static str>,
    sources: Vec<JsonSource<'a>>,
    related: &'a [String],
}

/// One source: `seed` and `quote` are always present (maybe null); `url`, `citation` and
/// `date` only when the source has them; `cited_as` only for a bundled seed.
#[derive(Serialize)]
struct JsonSource<'a> {
    seed: Option<&'a str>,
    quote: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Date>,
    /// How readers cite a bundled seed, in both languages; the file name stays in `seed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    cited_as: Option<Text>,
}

impl<'a> JsonEvent<'a> {
    fn new(event: &'a Event) -> JsonEvent<'a> {
        // Every field named, none with `..`: a new field of `Event` stops the build here
        // until the export decides what to do with it.
        let Event {
            id,
            start,
            end,
            date_basis,
            status,
            kind,
            title,
            summary,
            places,
            organisers,
            participants,
            tags,
            sources,
            related,
            // Waivers tell `check` why a fact has no quote; they are not part of the record
            // that scripts read.
            evidence_waivers: _,
        } = event;
        JsonEvent {
            id,
            start: *start,
            end: *end,
            date_basis: date_basis.as_deref(),
            status: status.name(),
            kind: kind.name(),
            title,
            summary,
            places,
            organisers,
            participants,
            tags: tags.iter().map(|t| t.name()).collect(),
            sources: sources.iter().map(JsonSource::new).collect(),
            related,
        }
    }
}

impl<'a> JsonSource<'a> {
    fn new(source: &'a Source) -> JsonSource<'a> {
        let Source {
            seed,
            url,
            citation,
            quote,
            date,
        } = source;
        JsonSource {
            seed: seed.as_deref(),
            quote: quote.as_deref(),
            url: url.as_deref(),
            citation: citation.as_deref(),
            date: *date,
            cited_as: seed.as_deref().and_then(seed::citation).map(|c| Text {
                en: c.label(Lang::En),
                fr: c.label(Lang::Fr),
            }),
        }
    }
}

/// The event as a JSON value.
pub(super) fn value(event: &Event) -> serde_json::Value {
    // Serialising plain strings, dates and vectors cannot fail; Null is never reached.
    serde_json::to_value(JsonEvent::new(event)).unwrap_or(serde_json::Value::Null)
}

/// Writes a pretty-printed array and a final newline.
pub(super) fn write(events: &[&Event], out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<JsonEvent<'_>> = events.iter().map(|e| JsonEvent::new(e)).collect();
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    out.write_all(b"\n")
}

/// Writes one pretty-printed object, fields in the documented order, and a final newline.
pub(super) fn write_one(event: &Event, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &JsonEvent::new(event))?;
    out.write_all(b"\n")
}
