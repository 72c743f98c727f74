//! Field-by-field reading of a record that failed to parse, so that every problem in it is
//! reported in one run (a bad kind, a bad tag and a bad source at once), each where it is.
//!
//! It runs only after the strict parse failed and only when the record is well-formed RON:
//! syntax errors (a missing comma, an unclosed string) keep the parser's own single message.

use serde::de::DeserializeOwned;

use super::scan::{self, Field, Pos};
use super::{LoadError, Parsed};
use crate::model::{Date, Event, Kind, Source, Status, Text, Waiver};
use crate::text::escape_for_message;

/// The fields of a record, in the order they are documented.
const FIELDS: &[&str] = &[
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
    "evidence_waivers",
];

/// Most problems reported for one record; the rest are counted. Bounds the work and the
/// output on a hostile file with thousands of bad values in one record.
const MAX_PROBLEMS: usize = 50;

/// Fields a record must have.
const REQUIRED: &[&str] = &[
    "id", "start", "status", "kind", "title", "summary", "sources",
];

/// One record being read field by field.
struct Reader<'a> {
    name: &'a str,
    record: &'a str,
    start: Pos,
    fields: Vec<Field>,
    id: String,
    options: &'a ron::Options,
    errors: Vec<LoadError>,
    /// Paths whose values could not be read and hold a placeholder.
    invalid: Vec<String>,
    /// Problems found beyond [`MAX_PROBLEMS`].
    hidden: usize,
}

impl Reader<'_> {
    fn is_full(&mut self) -> bool {
        let full = self.errors.len() >= MAX_PROBLEMS;
        self.hidden += usize::from(full);
        full
    }

    fn error(&mut self, pos: Pos, message: String) {
        if self.is_full() {
            return;
        }
        let message = format!("{message} (record `{}`)", escape_for_message(&self.id));
        self.errors.push(LoadError::at(self.name, pos, message));
    }

    /// Parses the value of one field or list item, reporting where it fails.
    fn value<T: DeserializeOwned>(&mut self, field: &Field) -> Option<T> {
        let text = self.record.get(field.value_start..field.value_end)?;
        match self.options.from_str::<T>(text) {
            Ok(value) => Some(value),
            Err(e) => {
                self.invalid.push(field.path.clone());
                if self.is_full() {
                    return None;
                }
                let base = scan::position_of(self.record, self.start, field.value_start);
                let rel = e.span.start;
                let pos = Pos {
                    line: base.line + rel.line.saturating_sub(1),
                    col: if rel.line <= 1 {
                        base.col + rel.col.saturating_sub(1)
                    } else {
                        rel.col
                    },
                };
                let message = escape_for_message(&e.code.to_string());
                self.error(pos, format!("{}: {message}", field.path));
                None
            }
        }
    }

    fn top(&self, key: &str) -> Option<Field> {
        self.fields.iter().find(|f| f.path == key).cloned()
    }

    /// A required or optional single value; a placeholder when missing or bad.
    fn one<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        let field = self.top(key)?;
        self.value(&field)
    }

    /// A list, read item by item so that each bad item is reported.
    fn list<T: DeserializeOwned>(&mut self, key: &str, placeholder: impl Fn() -> T) -> Vec<T> {
        let Some(field) = self.top(key) else {
            return Vec::new();
        };
        let text = self.record.get(field.value_start..field.value_end);
        if let Some(Ok(items)) = text.map(|t| self.options.from_str::<Vec<T>>(t)) {
            return items;
        }
        let prefix = format!("{key}[");
        let items: Vec<Field> = self
            .fields
            .iter()
            .filter(|f| {
                f.path
                    .strip_prefix(&prefix)
                    .is_some_and(|rest| rest.ends_with(']') && !rest.contains('.'))
            })
            .cloned()
            .collect();
        if items.is_empty() {
            // Not a list at all: report the list's own error.
            self.value::<Vec<T>>(&field);
            return Vec::new();
        }
        items
            .iter()
            .map(|item| self.value(item).unwrap_or_else(&placeholder))
            .collect()
    }

    /// Unknown, repeated and missing fields.
    fn check_keys(&mut self) {
        let top: Vec<Field> = self
            .fields
            .iter()
            .filter(|f| !f.path.contains(['.', '[']))
            .cloned()
            .collect();
        let mut seen = std::collections::HashSet::new();
        for field in &top {
            if !FIELDS.contains(&field.path.as_str()) {
                let message = format!(
                    "unknown field `{}`; the fields are {}",
                    escape_for_message(&field.path),
                    FIELDS.join(", ")
                );
                self.error(field.pos, message);
                self.invalid.push(field.path.clone());
            } else if !seen.insert(field.path.as_str()) {
                self.error(field.pos, format!("`{}` is given twice", field.path));
                self.invalid.push(field.path.clone());
            }
        }
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|key| !top.iter().any(|f| f.path == *key))
            .collect();
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
            let plural = if missing.len() == 1 { "" } else { "s" };
            self.error(
                self.start,
                format!("missing field{plural} {}", names.join(", ")),
            );
            self.invalid
                .extend(missing.iter().map(|k| (*k).to_string()));
        }
    }
}

/// Reads a record that failed the strict parse field by field. Returns the record as far
/// as it could be read (bad values replaced by placeholders, their paths listed in
/// [`Parsed::invalid`]) and every problem found, or `None` when the record is not
/// well-formed RON, in which case the parser's own error is the one to report.
pub(super) fn diagnose(
    name: &str,
    record: &str,
    span: &scan::RecordSpan,
    options: &ron::Options,
) -> Option<(Parsed, Vec<LoadError>)> {
    options.from_str::<ron::Value>(record).ok()?;
    let fields = scan::fields(record, span.pos);
    let id = fields
        .iter()
        .find(|f| f.path == "id")
        .and_then(|f| record.get(f.value_start..f.value_end))
        .and_then(|t| options.from_str::<String>(t).ok())
        .unwrap_or_default();
    let mut r = Reader {
        name,
        record,
        start: span.pos,
        fields,
        id: id.chars().take(80).collect(),
        options,
        errors: Vec::new(),
        invalid: Vec::new(),
        hidden: 0,
    };
    r.check_keys();
    let placeholder_date = Date::year_only(1).unwrap_or_else(|| Date::from(chrono::NaiveDate::MIN));
    let event = Event {
        id: r.one::<String>("id").unwrap_or_default(),
        start: r.one("start").unwrap_or(placeholder_date),
        end: r.one::<Option<Date>>("end").flatten(),
        date_basis: r.one::<Option<String>>("date_basis").flatten(),
        status: r.one("status").unwrap_or(Status::Held),
        kind: r.one("kind").unwrap_or(Kind::Conference),
        title: r.one::<Text>("title").unwrap_or_default(),
        summary: r.one::<Text>("summary").unwrap_or_default(),
        places: r.list("places", String::new),
        organisers: r.list("organisers", String::new),
        participants: r.list("participants", String::new),
        tags: r.list("tags", || crate::model::Tag::Cybersecurity),
        sources: r.list("sources", Source::default),
        related: r.list("related", String::new),
        evidence_waivers: r.list("evidence_waivers", || Waiver {
            field: crate::model::EvidenceField::Places,
            reason: "placeholder".to_string(),
        }),
    };
    if r.errors.is_empty() {
        return None;
    }
    if r.hidden > 0 {
        let note = format!(
            "{} more problem(s) in this record are not shown (record `{}`)",
            r.hidden,
            escape_for_message(&r.id)
        );
        r.errors.push(LoadError::at(name, span.pos, note));
    }
    let parsed = Parsed {
        event,
        pos: span.pos,
        range: span.range.clone(),
        invalid: r.invalid,
    };
    Some((parsed, r.errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key list that diagnoses unknown fields is written by hand: it must name every
    /// field an event has, or a record using a new field would be told the field is unknown.
    #[test]
    fn the_known_fields_are_the_fields_of_an_event() {
        let mut event = super::super::bundled().events.remove(0);
        event.date_basis = Some("inferred".into());
        event.evidence_waivers.push(Waiver {
            field: crate::model::EvidenceField::Places,
            reason: "test".into(),
        });
        let value = serde_json::to_value(&event).unwrap();
        let mut serialised: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut known = FIELDS.to_vec();
        serialised.sort_unstable();
        known.sort_unstable();
        assert_eq!(serialised, known);
    }
}
