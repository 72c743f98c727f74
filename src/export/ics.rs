//! The iCalendar export (RFC 5545): one all-day VEVENT per event.
//!
//! Dates known only to the month or year cover the whole month or year: `DTSTART` is the
//! first day it covers and `DTEND` the day after the last (iCalendar ends are exclusive).
//! `X-CYBERDIPLO-PRECISION` and a sentence in `DESCRIPTION` say how precise the dates are.

use std::io::{self, Write};

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};

use crate::model::{Event, Lang, Status};

use super::{document_title, precision, precision_name, precision_note, source_line};

/// Longest content line, in octets, not counting the CRLF (RFC 5545 section 3.1).
const MAX_LINE: usize = 75;

/// Writes a VCALENDAR holding every event.
pub(super) fn write(
    events: &[&Event],
    lang: Lang,
    dtstamp: DateTime<Utc>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let stamp = dtstamp.format("%Y%m%dT%H%M%SZ").to_string();
    line(out, "BEGIN:VCALENDAR")?;
    line(out, "VERSION:2.0")?;
    line(out, "PRODID:-//cyberdiplo//EN")?;
    line(out, "CALSCALE:GREGORIAN")?;
    line(out, "METHOD:PUBLISH")?;
    line(
        out,
        &format!("X-WR-CALNAME:{}", escape_text(document_title(lang))),
    )?;
    for event in events {
        write_event(out, event, lang, &stamp)?;
    }
    line(out, "END:VCALENDAR")
}

/// Writes one VEVENT.
fn write_event(out: &mut dyn Write, event: &Event, lang: Lang, stamp: &str) -> io::Result<()> {
    line(out, "BEGIN:VEVENT")?;
    line(out, &format!("UID:{}@cyberdiplo", escape_text(&event.id)))?;
    line(out, &format!("DTSTAMP:{stamp}"))?;
    line(
        out,
        &format!("DTSTART;VALUE=DATE:{}", ics_date(event.start.first_day())),
    )?;
    if let Some(end) = exclusive_end(event) {
        line(out, &format!("DTEND;VALUE=DATE:{}", ics_date(end)))?;
    }
    line(out, &format!("SUMMARY:{}", escape_text(event.title(lang))))?;
    line(
        out,
        &format!("DESCRIPTION:{}", escape_text(&description(event, lang))),
    )?;
    if !event.places.is_empty() {
        line(
            out,
            &format!("LOCATION:{}", escape_text(&event.places.join(", "))),
        )?;
    }
    let categories: Vec<String> = std::iter::once(event.kind.name())
        .chain(event.tags.iter().map(|t| t.name()))
        .map(escape_text)
        .collect();
    // CATEGORIES is a list: its commas separate values and so stay unescaped.
    line(out, &format!("CATEGORIES:{}", categories.join(",")))?;
    let status = match event.status {
        Status::Held => "CONFIRMED",
        Status::Planned => "TENTATIVE",
        Status::Ongoing => "CONFIRMED",
    };
    line(out, &format!("STATUS:{status}"))?;
    if let Some(url) = event
        .sources
        .iter()
        .filter_map(|s| s.url.as_deref())
        .find(|u| is_uri(u))
    {
        line(out, &format!("URL:{url}"))?;
    }
    for related in &event.related {
        line(
            out,
            &format!("RELATED-TO:{}@cyberdiplo", escape_text(related)),
        )?;
    }
    line(
        out,
        &format!(
            "X-CYBERDIPLO-PRECISION:{}",
            precision_name(precision(event))
        ),
    )?;
    line(out, "END:VEVENT")
}

/// The day after the last day the event covers, or `None` past the end of the calendar.
///
/// The start's own span counts too, so that an end inside the start's month (or a stray
/// end before the start) never yields an end at or before `DTSTART`.
fn exclusive_end(event: &Event) -> Option<NaiveDate> {
    let last = event.last().last_day().max(event.start.last_day());
    // DATE values have four-digit years: the day after 9999-12-31 cannot be written.
    last.checked_add_days(Days::new(1))
        .filter(|d| d.year() <= 9999)
}

/// A DATE value: `YYYYMMDD`.
fn ics_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// The summary, a precision note for month or year dates, and the sources.
fn description(event: &Event, lang: Lang) -> String {
    let mut text = event.summary(lang).to_string();
    if let Some(note) = precision_note(event, lang) {
        text.push_str("\n\n");
        text.push_str(&note);
    }
    if !event.sources.is_empty() {
        text.push_str("\n\n");
        text.push_str(super::sources_label(lang));
        for source in &event.sources {
            text.push_str("\n- ");
            text.push_str(&source_line(source));
        }
    }
    text
}

/// Whether a URL can go in a URI value as is: no white space or control characters, which
/// would end or corrupt the content line.
fn is_uri(url: &str) -> bool {
    !url.is_empty()
        && url.contains(':')
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Escapes a TEXT value: `\` `;` `,` and line breaks, and drops other control characters,
/// which RFC 5545 forbids in TEXT (a tab is allowed).
pub(super) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                // CRLF and a lone CR are both one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line folded at [`MAX_LINE`] octets, with CRLF line ends.
///
/// Folds fall between characters, never inside a UTF-8 sequence or a `\x` escape, and a
/// physical line never ends in white space: some readers trim it, which would eat a space
/// of the value when they unfold.
fn line(out: &mut dyn Write, content: &str) -> io::Result<()> {
    for (i, segment) in fold(content).iter().enumerate() {
        if i > 0 {
            out.write_all(b" ")?;
        }
        out.write_all(segment.as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

/// Splits a content line into physical-line segments (without the leading fold space).
fn fold(content: &str) -> Vec<&str> {
    let units = units(content);
    let mut segments = Vec::new();
    let mut start = 0; // byte offset of the current segment
    let mut i = 0; // index into `units` of the next unit to place
    while i < units.len() {
        // The first line holds 75 octets; continuations 74 after their leading space.
        let room = if segments.is_empty() {
            MAX_LINE
        } else {
            MAX_LINE - 1
        };
        let mut end = i;
        while end < units.len() && units[end].1 - start <= room {
            end += 1;
        }
        if end == units.len() {
            segments.push(&content[start..]);
            return segments;
        }
        // Back off from trailing white space, keeping at least one unit on the line.
        let mut cut = end;
        while cut > i + 1 && content[..units[cut - 1].1].ends_with([' ', '\t']) {
            cut -= 1;
        }
        if cut == i {
            cut = i + 1; // one unit longer than a line cannot happen, but never loop
        }
        let byte = units[cut - 1].1;
        segments.push(&content[start..byte]);
        start = byte;
        i = cut;
    }
    segments
}

/// The end byte offset of each unfoldable unit: one character, or `\` and the character
/// it escapes.
fn units(content: &str) -> Vec<(usize, usize)> {
    let mut units = Vec::new();
    let mut chars = content.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let mut end = at + c.len_utf8();
        if c == '\\'
            && let Some((next_at, next)) = chars.next()
        {
            end = next_at + next.len_utf8();
        }
        units.push((at, end));
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(content: &str) -> String {
        let mut out = Vec::new();
        line(&mut out, content).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn ends_are_exclusive_and_never_before_the_start() {
        let event = |start: &str, end: Option<&str>| Event {
            id: "x".into(),
            start: start.parse().unwrap(),
            end: end.map(|e| e.parse().unwrap()),
            date_basis: None,
            status: Status::Held,
            kind: crate::model::Kind::Meeting,
            title: Default::default(),
            summary: Default::default(),
            places: vec![],
            organisers: vec![],
            participants: vec![],
            tags: vec![],
            sources: vec![],
            related: vec![],
            evidence_waivers: vec![],
        };
        let end = |s, e| exclusive_end(&event(s, e)).map(ics_date);
        assert_eq!(end("2024-02", None).as_deref(), Some("20240301"));
        assert_eq!(end("2023-12", None).as_deref(), Some("20240101"));
        assert_eq!(end("2024", None).as_deref(), Some("20250101"));
        assert_eq!(
            end("2024-06-20", Some("2024-06-21")).as_deref(),
            Some("20240622")
        );
        assert_eq!(
            end("2023-06", Some("2023-06-15")).as_deref(),
            Some("20230701")
        );
        assert_eq!(
            end("2023-06-15", Some("2023-06-01")).as_deref(),
            Some("20230616")
        );
        assert_eq!(end("9999", None), None);
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng"
        );
        assert_eq!(escape_text("bell\u{7}\ttab"), "bell\ttab");
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(folded("SUMMARY:short"), "SUMMARY:short\r\n");
        let exact = format!("SUMMARY:{}", "x".repeat(75 - 8));
        assert_eq!(folded(&exact), format!("{exact}\r\n"));
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        for filler in ["é", "x", "€", "😀", "a b ", "\\n", "\\,é"] {
            let content = format!("DESCRIPTION:{}", filler.repeat(200));
            let text = folded(&content);
            assert!(text.ends_with("\r\n"));
            let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
            for (i, l) in lines.iter().enumerate() {
                assert!(l.len() <= 75, "{filler}: line {i} is {} octets", l.len());
                if i + 1 < lines.len() {
                    assert!(!l.ends_with(' '), "{filler}: line {i} ends in a space");
                }
                assert_eq!(i > 0, l.starts_with(' '));
                assert!(
                    !l.ends_with('\\') || l.ends_with("\\\\"),
                    "{filler}: split escape"
                );
            }
            let unfolded: String = lines
                .iter()
                .enumerate()
                .map(|(i, l)| if i > 0 { &l[1..] } else { l })
                .collect();
            assert_eq!(unfolded, content);
        }
    }

    #[test]
    fn a_line_of_spaces_still_folds() {
        let content = format!("X:{}", " ".repeat(300));
        let text = folded(&content);
        assert!(text.split("\r\n").all(|l| l.len() <= 75));
    }
}
