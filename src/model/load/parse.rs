//! Parsing one event file: records split by the scanner, each parsed on its own (on two
//! threads for large files), errors placed at file:line:col and text sanitised once.

use ron::extensions::Extensions;

use super::loose;
use super::scan::{self, Pos};
use super::{LoadError, PARALLEL_RECORDS};

mod stream;

/// From this many bytes on, a file's records are parsed on two threads while it is scanned.
const PARALLEL_BYTES: usize = 4 << 20;
use crate::model::{Event, Source, Waiver};

/// The RON options for event files: no extension can be switched on by the file itself;
/// `implicit_some` is on so that `end: "2020"` needs no `Some(...)`.
pub(super) fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(scan::MAX_DEPTH)
}

/// A record that parsed, with where it is in its file.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The event as read (text fields sanitised, seed quotes verbatim).
    pub event: Event,
    /// Where the record starts.
    pub pos: Pos,
    /// Byte range of the record in the file text.
    pub range: std::ops::Range<usize>,
    /// Paths of fields that could not be read (their values are placeholders); a record
    /// with any is checked for further problems, then left out.
    pub invalid: Vec<String>,
}

/// Parses the text of one event file. Returns the records that parsed, with their
/// positions, and every problem of those that did not. A record that is well-formed RON
/// but has bad values is also returned, as far as it could be read, with
/// [`Parsed::invalid`] set, so that validation can report its other problems too.
pub fn parse_text(name: &str, text: &str) -> (Vec<Parsed>, Vec<LoadError>) {
    let (parts, errors) = parse_text_in_parts(name, text);
    (parts.into_iter().flatten().collect(), errors)
}

/// [`parse_text`], with the records in consecutive parts (in file order) as they were
/// parsed, so that a large file's records are not moved once more to be put together.
pub(super) fn parse_text_in_parts(name: &str, text: &str) -> (Vec<Vec<Parsed>>, Vec<LoadError>) {
    let parse_chunk = |chunk: &[scan::RecordSpan]| parse_records(name, text, chunk);
    if text.len() >= PARALLEL_BYTES {
        return stream::parse_while_scanning(name, text, &parse_chunk);
    }
    let records = match scan::split_records(text) {
        Ok(records) => records,
        Err(e) => return (Vec::new(), vec![LoadError::at(name, e.pos, e.message)]),
    };
    if records.len() < PARALLEL_RECORDS {
        let (events, errors) = parse_chunk(&records);
        return (vec![events], errors);
    }
    let (first, second) = records.split_at(records.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| parse_chunk(second));
        let (events, mut errors) = parse_chunk(first);
        let mut parts = vec![events];
        match other.join() {
            Ok((more_events, more_errors)) => {
                parts.push(more_events);
                errors.extend(more_errors);
            }
            Err(_) => errors.push(LoadError::whole_file(name, "internal error while parsing")),
        }
        (parts, errors)
    })
}

/// Parses the records `chunk` of `text`: those that parsed, and the problems of the others.
fn parse_records(
    name: &str,
    text: &str,
    chunk: &[scan::RecordSpan],
) -> (Vec<Parsed>, Vec<LoadError>) {
    let options = ron_options();
    let mut events = Vec::with_capacity(chunk.len());
    let mut errors = Vec::new();
    for span in chunk {
        let record = &text[span.range.clone()];
        // Most records take the fast reader; any other goes to RON, which also says
        // what is wrong with a bad one.
        let read = super::fast::event(record).map_or_else(|| options.from_str(record), Ok);
        match read {
            Ok(event) => events.push(Parsed {
                event: clean(event),
                pos: span.pos,
                range: span.range.clone(),
                invalid: Vec::new(),
            }),
            Err(e) => match loose::diagnose(name, record, span, &options) {
                Some((mut parsed, found)) => {
                    parsed.event = clean(parsed.event);
                    events.push(parsed);
                    errors.extend(found);
                }
                None => errors.push(record_error(name, record, span.pos, &e)),
            },
        }
    }
    (events, errors)
}

/// Turns a RON error inside a record into a file-level error naming the field it is in.
fn record_error(name: &str, record: &str, start: Pos, e: &ron::error::SpannedError) -> LoadError {
    let rel = e.span.start;
    let pos = Pos {
        line: start.line + rel.line.saturating_sub(1),
        col: if rel.line <= 1 {
            start.col + rel.col.saturating_sub(1)
        } else {
            rel.col
        },
    };
    let fields = scan::fields(record, start);
    // The innermost field whose key comes before the error is the one it is about.
    let field = fields
        .iter()
        .rev()
        .find(|f| (f.pos.line, f.pos.col) <= (pos.line, pos.col) && !f.path.is_empty());
    let id = record_id(record, &fields);
    let mut message = e.code.to_string();
    if let Some(field) = field {
        let missing_or_unknown =
            message.contains("missing field") || message.contains("field named");
        if message == "Expected comma" {
            message = format!("expected `,` after the `{}` field", field.path);
        } else if !missing_or_unknown {
            message = format!("{}: {message}", field.path);
        }
    }
    if let Some(id) = id {
        message.push_str(&format!(" (record `{id}`)"));
    }
    LoadError::at(name, pos, crate::text::escape_for_message(&message))
}

/// The id of a record, read from its text, when it is a plain string.
fn record_id(record: &str, fields: &[scan::Field]) -> Option<String> {
    let field = fields.iter().find(|f| f.path == "id")?;
    let rest = record.get(field.value_start..)?;
    let inner = rest.strip_prefix('"')?;
    let end = inner.find('"')?;
    Some(inner[..end].chars().take(80).collect())
}

/// Sanitises every text field once, at load time, so no escape sequence from a file ever
/// reaches a terminal.
fn clean(mut event: Event) -> Event {
    use crate::text::{sanitize_in_place, sanitize_line_in_place as line};
    let lines = |v: &mut Vec<String>| v.iter_mut().for_each(line);
    // Every field named, none with `..`: a new field of `Event` stops the build here until
    // it is cleaned or said to hold no text.
    let Event {
        id,
        // Dates, status, kind and tags are parsed values, not text.
        start: _,
        end: _,
        date_basis,
        status: _,
        kind: _,
        title,
        summary,
        places,
        organisers,
        participants,
        tags: _,
        sources,
        related,
        evidence_waivers,
    } = &mut event;
    line(id);
    if let Some(basis) = date_basis {
        line(basis);
    }
    for Waiver { field: _, reason } in evidence_waivers {
        line(reason);
    }
    line(&mut title.en);
    line(&mut title.fr);
    sanitize_in_place(&mut summary.en);
    sanitize_in_place(&mut summary.fr);
    lines(places);
    lines(organisers);
    lines(participants);
    lines(related);
    for source in sources {
        let Source {
            seed,
            url,
            citation,
            quote,
            // A parsed date, not text.
            date: _,
        } = source;
        // The seed's file name must match the seed table exactly, or validation rejects
        // it, so it is left as written.
        for s in [url, citation].into_iter().flatten() {
            line(s);
        }
        // Seed quotes are checked verbatim against the seeds, so they are checked first and
        // cleaned for display later by the views; other quotes are cleaned now.
        if seed.is_none()
            && let Some(q) = quote
        {
            sanitize_in_place(q);
        }
    }
    event
}
