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
        JsonEvent {
            id: &event.id,
            start: event.start,
            end: event.end,
            date_basis: event.date_basis.as_deref(),
            status: event.status.name(),
            kind: event.kind.name(),
            title: &event.title,
            summary: &event.summary,
            places: &event.places,
            organisers: &event.organisers,
            participants: &event.participants,
            tags: event.tags.iter().map(|t| t.name()).collect(),
            sources: event.sources.iter().map(JsonSource::new).collect(),
            related: &event.related,
        }
    }
}

impl<'a> JsonSource<'a> {
    fn new(source: &'a Source) -> JsonSource<'a> {
        JsonSource {
            seed: source.seed.as_deref(),
            quote: source.quote.as_deref(),
            url: source.url.as_deref(),
            citation: source.citation.as_deref(),
            date: source.date,
            cited_as: source
                .seed
                .as_deref()
                .and_then(seed::citation)
                .map(|c| Text {
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
