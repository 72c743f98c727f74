//! Why each listed event matched: `list --explain` lines and the `matched` key of `list --json`.

use std::io::{self, Write};
use std::ops::Range;

use crate::model::Event;
use crate::search::{Field, FieldMatch, Query, explain};
use crate::text::sanitize_line;

/// Bytes of context shown on each side of the matches in a long value.
const CONTEXT: usize = 40;

/// Matches are shown up to this many bytes after the first one.
const SPREAD: usize = 160;

/// The names of the fields where `query` matched `event`, each once, in field order.
pub fn matched_fields(query: &Query, event: &Event) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = explain(query, event)
        .iter()
        .map(|m| m.field.name())
        .collect();
    names.dedup();
    names
}

/// Writes `events` as the JSON array of `list --json`: each record as the JSON export has it
/// (same keys, same order), then `matched`, the names of the fields the query matched.
pub fn write_json(events: &[&Event], query: &Query, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, event) in events.iter().enumerate() {
        let mut object = Vec::new();
        crate::export::write_json_object(event, &mut object)?;
        let object = String::from_utf8_lossy(&object);
        // The object ends with "\n}\n": insert the last key before its closing brace.
        let body = object
            .trim_end()
            .strip_suffix('}')
            .unwrap_or(&object)
            .trim_end();
        let names = serde_json::to_string_pretty(&matched_fields(query, event))?;
        let names = names.replace('\n', "\n  ");
        let object = format!("{body},\n  \"matched\": {names}\n}}");
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        // Indented as serde_json indents an array of objects.
        for (n, line) in object.lines().enumerate() {
            if n > 0 {
                out.write_all(b"\n")?;
            }
            write!(out, "  {line}")?;
        }
    }
    out.write_all(if events.is_empty() { b"]\n" } else { b"\n]\n" })
}

/// Writes, under each event's list line (written by `line`), one line per field value that
/// matched: the field's name and the value, matched text in `[brackets]`, long values cut
/// to the text around the first match.
pub fn write_explained(
    events: &[&Event],
    query: &Query,
    line: impl Fn(&Event, &mut dyn Write) -> io::Result<()>,
    out: &mut dyn Write,
) -> io::Result<()> {
    for event in events {
        line(event, out)?;
        for m in explain(query, event) {
            let value = value_text(event, &m);
            writeln!(
                out,
                "    {:<10} {}",
                m.field.name(),
                snippet(&value, &m.ranges)
            )?;
        }
    }
    Ok(())
}

/// The text of the value a match points into.
fn value_text(event: &Event, m: &FieldMatch) -> String {
    let actors = || event.organisers.iter().chain(&event.participants);
    let text = match m.field {
        Field::Title => Some(event.title.en.as_str()),
        Field::TitleFr => Some(event.title.fr.as_str()),
        Field::Summary => Some(event.summary.en.as_str()),
        Field::SummaryFr => Some(event.summary.fr.as_str()),
        Field::Place => event.places.get(m.item).map(String::as_str),
        Field::Actor => actors().nth(m.item).map(String::as_str),
        Field::Tag => event.tags.get(m.item).map(|t| t.name()),
        Field::Kind => Some(event.kind.name()),
        Field::Quote => event.sources.get(m.item).and_then(|s| s.quote.as_deref()),
        Field::Id => Some(event.id.as_str()),
        Field::Status => Some(event.status.name()),
        Field::Date => None,
    };
    match text {
        Some(text) => text.to_string(),
        None if m.field == Field::Date => format!("[{}]", event.date_label()),
        None => String::new(),
    }
}

/// `text` with `ranges` in brackets, cut to [`CONTEXT`] bytes around the matches when long
/// (matches more than [`SPREAD`] bytes after the first are left out).
fn snippet(text: &str, ranges: &[Range<usize>]) -> String {
    let Some(first) = ranges.first() else {
        return sanitize_line(text);
    };
    let shown = ranges.iter().take_while(|r| r.end <= first.start + SPREAD);
    let last = shown.last().unwrap_or(first);
    let mut from = first.start.saturating_sub(CONTEXT);
    let mut to = (last.end + CONTEXT).min(text.len()).max(from);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = from;
    for r in ranges.iter().filter(|r| r.start >= from && r.end <= to) {
        out.push_str(&sanitize_line(&text[at..r.start]));
        out.push('[');
        out.push_str(&sanitize_line(&text[r.clone()]));
        out.push(']');
        at = r.end;
    }
    out.push_str(&sanitize_line(&text[at..to]));
    if to < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_bracket_matches_and_cut_long_text() {
        let one = |r: Range<usize>| vec![r];
        assert_eq!(snippet("Luleå, Sweden", &one(0..6)), "[Luleå], Sweden");
        let long = format!("{}Ansip{}", "a ".repeat(50), " b".repeat(50));
        let cut = snippet(&long, &one(100..105));
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("[Ansip]"), "{cut}");
        assert!(cut.chars().count() < 100, "{cut}");
        assert_eq!(snippet("held", &[]), "held");
    }
}
