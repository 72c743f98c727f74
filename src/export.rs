//! Export of events to JSON, CSV, iCalendar, Markdown and TimelineJS.
//!
//! Every format writes the events it is given, in the order given: filtering and sorting
//! belong to the caller. Writers take `&mut dyn Write`, so the CLI can target stdout or a
//! file alike, and they never read the clock except through [`dtstamp_now`].

mod cite;
mod csv;
mod ics;
mod json;
mod markdown;
mod timeline;

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::{Event, Lang, Precision};

/// An export format, named on the command line as `json`, `csv`, `ics`, `markdown` or
/// `timelinejs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// A pretty-printed JSON array of event objects, every field of each record.
    Json,
    /// RFC 4180 CSV with a header row, both languages side by side.
    Csv,
    /// An RFC 5545 iCalendar file of all-day events.
    Ics,
    /// A readable Markdown document, one section per year.
    Markdown,
    /// A TimelineJS 3 JSON file that loads as is.
    #[value(name = "timelinejs")]
    TimelineJs,
}

impl Format {
    /// Every format, in the order of the `--help` text.
    pub const ALL: &'static [Format] = &[
        Format::Json,
        Format::Csv,
        Format::Ics,
        Format::Markdown,
        Format::TimelineJs,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Ics => "ics",
            Format::Markdown => "markdown",
            Format::TimelineJs => "timelinejs",
        }
    }

    /// The usual file extension, without the dot, for naming output files.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json | Format::TimelineJs => "json",
            Format::Csv => "csv",
            Format::Ics => "ics",
            Format::Markdown => "md",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown export format {:?} (expected json, csv, ics, markdown or timelinejs)",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parses a format name, ignoring case; `md` is accepted for `markdown`.
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        let lower = s.trim().to_ascii_lowercase();
        if lower == "md" {
            return Ok(Format::Markdown);
        }
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == lower)
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// Choices that change what an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// CSV: write cells exactly as they are, without the leading `'` that stops a
    /// spreadsheet from reading a cell starting with `=` `+` `-` `@` tab or CR as a formula.
    pub raw_csv: bool,
    /// iCalendar: include events known only to the month or year, as one-day markers
    /// titled with what is not known; they are left out otherwise.
    pub ics_imprecise: bool,
    /// The day that separates past from future: a planned event that ended before it is
    /// not marked tentative.
    pub today: NaiveDate,
}

impl Options {
    /// The defaults (safe CSV, day-precise calendars) with `today` as given.
    pub fn on(today: NaiveDate) -> Options {
        Options {
            raw_csv: false,
            ics_imprecise: false,
            today,
        }
    }
}

/// Notes for the user about what `format` left out of `events` (for standard error).
pub fn notes(format: Format, events: &[&Event], options: &Options) -> Vec<String> {
    let left_out = match format {
        Format::Ics => events.iter().filter(|e| !ics::included(e, options)).count(),
        _ => 0,
    };
    match left_out {
        0 => Vec::new(),
        n => vec![format!(
            "{n} event(s) known only to the month or year left out of the calendar \
             (--ics-imprecise adds them as one-day markers)"
        )],
    }
}

/// Writes `events` in `format`, in the language `lang` where the format holds one language.
///
/// JSON and CSV always carry both languages. The iCalendar `DTSTAMP` is the current time
/// (see [`dtstamp_now`]); use [`write_at`] for byte-identical output.
pub fn write(format: Format, events: &[&Event], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    write_at(format, events, lang, dtstamp_now(), out)
}

/// Like [`write()`], with the iCalendar `DTSTAMP` given rather than read from the clock,
/// and its day taken as today.
pub fn write_at(
    format: Format,
    events: &[&Event],
    lang: Lang,
    dtstamp: DateTime<Utc>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let options = Options::on(dtstamp.date_naive());
    write_with(format, events, lang, dtstamp, &options, out)
}

/// Like [`write_at`], with every choice of [`Options`].
pub fn write_with(
    format: Format,
    events: &[&Event],
    lang: Lang,
    dtstamp: DateTime<Utc>,
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => json::write(events, out),
        Format::Csv => csv::write(events, options.raw_csv, out),
        Format::Ics => ics::write(events, lang, dtstamp, options, out),
        Format::Markdown => markdown::write(events, lang, options.today, out),
        Format::TimelineJs => timeline::write(events, lang, out),
    }
}

/// The JSON object of one event, as in the JSON export and `list --json`.
///
/// Fields: `id`, `start`, `end` (string or null), `date_basis` (how the dates were
/// inferred, or null when a source states them), `status`, `kind`, `title` and `summary`
/// (`{en, fr}`), `places`, `organisers`, `participants`, `tags`, `sources` (`{seed, quote}`,
/// plus `url`, `citation` and `date` when present, and `cited_as` (`{en, fr}`, e.g. "EEAS
/// press release, 4 October 2017") for a bundled seed) and `related`. A `serde_json::Value` keeps its
/// keys sorted unless serde_json's `preserve_order` feature is on; [`write()`] with
/// [`Format::Json`] always prints them in the order above.
pub fn json_value(event: &Event) -> serde_json::Value {
    json::value(event)
}

/// Writes the JSON object of one event (as `show --json` prints it), fields in the order of
/// [`json_value`], and a final newline.
pub fn write_json_object(event: &Event, out: &mut dyn Write) -> io::Result<()> {
    json::write_one(event, out)
}

/// The time stamp of an export: `SOURCE_DATE_EPOCH` (seconds since 1970, the convention of
/// reproducible builds) when set and valid, else the current UTC time.
pub fn dtstamp_now() -> DateTime<Utc> {
    epoch_stamp(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()).unwrap_or_else(Utc::now)
}

/// The time of a `SOURCE_DATE_EPOCH` value, if it is a valid number of seconds.
fn epoch_stamp(epoch: Option<&str>) -> Option<DateTime<Utc>> {
    epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
}

/// The document title of single-language outputs.
fn document_title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "EU cyber and digital diplomacy timeline",
        Lang::Fr => "Chronologie de la diplomatie cyber et numérique de l'UE",
    }
}

/// The coarsest precision of an event's dates: `Day` only when every date is a day.
fn precision(event: &Event) -> Precision {
    event.end.map_or(event.start.precision(), |end| {
        end.precision().min(event.start.precision())
    })
}

/// The lower-case name of a precision, as in `X-CYBERDIPLO-PRECISION`.
fn precision_name(precision: Precision) -> &'static str {
    match precision {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
    }
}

/// A sentence saying how precise the dates are, or `None` for exact days.
fn precision_note(event: &Event, lang: Lang) -> Option<String> {
    let label = event.date_label();
    match (precision(event), lang) {
        (Precision::Day, _) => None,
        (Precision::Month, Lang::En) => Some(format!(
            "Date: {label}, known to the month only; shown on its first day."
        )),
        (Precision::Month, Lang::Fr) => Some(format!(
            "Date : {label}, connue au mois près ; montrée à son premier jour."
        )),
        (Precision::Year, Lang::En) => Some(format!(
            "Date: {label}, known to the year only; shown on its first day."
        )),
        (Precision::Year, Lang::Fr) => Some(format!(
            "Date : {label}, connue à l'année près ; montrée à son premier jour."
        )),
    }
}

/// Whether a URL is safe to link or open: http or https only, so no `javascript:`,
/// `data:` or `file:` links reach a browser or calendar.
pub(crate) fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// "Sources:" in the language, with its typography (French puts a space before `:`).
fn sources_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Sources:",
        Lang::Fr => "Sources :",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_sets_the_stamp_when_valid() {
        let stamp = epoch_stamp(Some("1700000000")).map(|t| t.to_rfc3339());
        assert_eq!(stamp.as_deref(), Some("2023-11-14T22:13:20+00:00"));
        assert_eq!(epoch_stamp(Some("yesterday")), None);
        assert_eq!(epoch_stamp(None), None);
    }
}
