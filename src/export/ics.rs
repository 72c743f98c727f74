//! The iCalendar export (RFC 5545): one all-day VEVENT per event known to the day.
//!
//! An event whose dates are known to the day spans exactly those days (`DTEND` is the day
//! after the last: iCalendar ends are exclusive). One known only to the month or year is
//! never drawn as a month- or year-long block: it is left out (the command line says how
//! many), or, when asked for, written as a one-day marker on the first day it may fall on,
//! its title saying what is not known. `X-CYBERDIPLO-PRECISION` and a sentence in
//! `DESCRIPTION` say how precise the dates are; another says when they are inferred rather
//! than stated, and sources are cited by their labels. A planned event whose date has passed
//! is not `TENTATIVE` (as if still to come): it has no `STATUS`, and its description says why.

mod fold;

use std::io::{self, Write};

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};

use crate::model::{Event, Lang, Precision, Status};

use super::cite::{date_basis_note, source_line};
use super::{Options, document_title, precision, precision_name, precision_note};
use fold::line;

/// Writes a VCALENDAR holding every event that [`included`] keeps.
pub(super) fn write(
    events: &[&Event],
    lang: Lang,
    dtstamp: DateTime<Utc>,
    options: &Options,
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
    for event in events.iter().filter(|e| included(e, options)) {
        write_event(out, event, lang, &stamp, options)?;
    }
    line(out, "END:VCALENDAR")
}

/// Whether an event goes in the calendar: known to the day, or markers asked for.
pub(super) fn included(event: &Event, options: &Options) -> bool {
    options.ics_imprecise || precision(event) == Precision::Day
}

/// Writes one VEVENT.
fn write_event(
    out: &mut dyn Write,
    event: &Event,
    lang: Lang,
    stamp: &str,
    options: &Options,
) -> io::Result<()> {
    line(out, "BEGIN:VEVENT")?;
    line(out, &format!("UID:{}@cyberdiplo", escape_text(&event.id)))?;
    line(out, &format!("DTSTAMP:{stamp}"))?;
    let start = event.start.first_day();
    line(out, &format!("DTSTART;VALUE=DATE:{}", ics_date(start)))?;
    let end = match precision(event) {
        Precision::Day => exclusive_end(event),
        // A marker: one day, never the whole month or year.
        Precision::Month | Precision::Year => start.checked_add_days(Days::new(1)),
    };
    if let Some(end) = end.filter(|d| d.year() <= 9999) {
        line(out, &format!("DTEND;VALUE=DATE:{}", ics_date(end)))?;
    }
    line(
        out,
        &format!("SUMMARY:{}", escape_text(&summary(event, lang))),
    )?;
    let passed = status_passed(event, options.today);
    line(
        out,
        &format!(
            "DESCRIPTION:{}",
            escape_text(&description(event, lang, passed))
        ),
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
    write_status_and_links(out, event, passed)?;
    line(
        out,
        &format!(
            "X-CYBERDIPLO-PRECISION:{}",
            precision_name(precision(event))
        ),
    )?;
    line(out, "END:VEVENT")
}

/// Writes `STATUS` (none for a planned date that has passed), `URL` and `RELATED-TO`.
fn write_status_and_links(out: &mut dyn Write, event: &Event, passed: bool) -> io::Result<()> {
    let status = match event.status {
        Status::Held => Some("CONFIRMED"),
        // Running when the source was written: it did take place.
        Status::Ongoing => Some("CONFIRMED"),
        Status::Planned if !passed => Some("TENTATIVE"),
        // Neither confirmed nor still to come: the sources do not say.
        Status::Planned => None,
    };
    if let Some(status) = status {
        line(out, &format!("STATUS:{status}"))?;
    }
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
    Ok(())
}

/// Whether a planned event's last possible day is before `today`.
fn status_passed(event: &Event, today: NaiveDate) -> bool {
    event.status == Status::Planned && event.last().last_day().max(event.start.last_day()) < today
}

/// The title; for a marker, with its date and what is not known of it.
fn summary(event: &Event, lang: Lang) -> String {
    let missing = match (precision(event), lang) {
        (Precision::Day, _) => return event.title(lang).to_string(),
        (Precision::Month, Lang::En) => "day not given",
        (Precision::Month, Lang::Fr) => "jour non précisé",
        (Precision::Year, Lang::En) => "month and day not given",
        (Precision::Year, Lang::Fr) => "mois et jour non précisés",
    };
    format!("{} ({}, {missing})", event.title(lang), event.date_label())
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

/// The summary, a note on a passed planned date, notes on inferred dates and on month or
/// year dates, and the sources, each cited by its label.
fn description(event: &Event, lang: Lang, passed: bool) -> String {
    let mut text = event.summary(lang).to_string();
    if passed {
        let as_of = event.as_of().map(|d| d.format("%Y-%m-%d").to_string());
        text.push_str("\n\n");
        text.push_str(&match (lang, as_of) {
            (Lang::En, Some(day)) => format!(
                "Planned (as of {day}); the date has passed and the sources do not say \
                 whether it took place."
            ),
            (Lang::En, None) => "Planned; the date has passed and the sources do not say \
                                 whether it took place."
                .to_string(),
            (Lang::Fr, Some(day)) => format!(
                "Prévu (au {day}) ; la date est passée et les sources ne disent pas s'il a \
                 eu lieu."
            ),
            (Lang::Fr, None) => "Prévu ; la date est passée et les sources ne disent pas \
                                 s'il a eu lieu."
                .to_string(),
        });
    }
    for note in [date_basis_note(event, lang), precision_note(event, lang)]
        .into_iter()
        .flatten()
    {
        text.push_str("\n\n");
        text.push_str(&note);
    }
    if !event.sources.is_empty() {
        text.push_str("\n\n");
        text.push_str(super::sources_label(lang));
        for source in &event.sources {
            text.push_str("\n- ");
            text.push_str(&source_line(source, lang));
        }
    }
    text
}

/// Whether a URL can go in the `URL` property: http or https only (no `javascript:`), and
/// no white space or control characters, which would end or corrupt the content line.
fn is_uri(url: &str) -> bool {
    super::is_web_url(url) && !url.chars().any(|c| c.is_whitespace() || c.is_control())
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
