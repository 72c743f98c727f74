//! Checks that RON alone cannot make: ids, dates in order, links, non-empty text, quotes.

use std::collections::{HashMap, HashSet};

use super::scan::{self, Pos};
use super::{LoadError, Origin, Parsed};
use crate::model::Event;
use crate::seed;
use crate::text::{escape_for_message, sanitize};

/// Longest id accepted.
const MAX_ID_LEN: usize = 120;

/// A record being validated, with the file it came from.
struct Record<'a> {
    parsed: Parsed,
    file: usize,
    name: &'a str,
    text: &'a str,
}

impl Record<'_> {
    /// Position of a field (path like `sources[0].quote`), or of the record itself.
    fn locate(&self, path: &str) -> Pos {
        let record = self.text.get(self.parsed.range.clone()).unwrap_or("");
        scan::fields(record, self.parsed.pos)
            .into_iter()
            .find(|f| f.path == path)
            .map_or(self.parsed.pos, |f| f.pos)
    }

    fn error(&self, path: &str, message: impl AsRef<str>) -> LoadError {
        let id = escape_for_message(&self.parsed.event.id);
        LoadError::at(
            self.name,
            self.locate(path),
            format!("{path}: {} (record `{id}`)", message.as_ref()),
        )
    }
}

/// Validates every parsed record. Returns the records to keep, in date order, with their
/// origins, and every problem found. Records with problems are left out, except that a
/// `related` id that does not exist is only reported and dropped from the record.
pub(super) fn validate(
    parsed: Vec<(Parsed, usize)>,
    names: &[String],
    texts: &[&str],
) -> (Vec<(Event, Origin)>, Vec<LoadError>) {
    let records: Vec<Record> = parsed
        .into_iter()
        .map(|(parsed, file)| Record {
            parsed,
            file,
            name: names.get(file).map_or("?", String::as_str),
            text: texts.get(file).copied().unwrap_or(""),
        })
        .collect();
    let mut errors = Vec::new();
    let mut bad = vec![false; records.len()];
    let mut normalised_seeds: HashMap<&str, String> = HashMap::new();

    for (i, record) in records.iter().enumerate() {
        let found = check_record(record, &mut normalised_seeds);
        bad[i] = !found.is_empty();
        errors.extend(found);
    }

    let mut first_by_id: HashMap<&str, usize> = HashMap::with_capacity(records.len());
    for (i, record) in records.iter().enumerate() {
        let id = record.parsed.event.id.as_str();
        if let Some(&first) = first_by_id.get(id) {
            let other = &records[first];
            errors.push(record.error(
                "id",
                format!(
                    "duplicate id, first defined at {}:{}",
                    other.name, other.parsed.pos.line
                ),
            ));
            bad[i] = true;
        } else {
            first_by_id.insert(id, i);
        }
    }

    let ids: HashSet<String> = first_by_id.keys().map(|id| (*id).to_string()).collect();
    for (i, record) in records.iter().enumerate() {
        for (n, target) in record.parsed.event.related.iter().enumerate() {
            let path = format!("related[{n}]");
            if target == &record.parsed.event.id {
                errors.push(record.error(&path, "an event cannot be related to itself"));
                bad[i] = true;
            } else if !ids.contains(target) {
                // Reported, but the record stays: the link may point into data that is not
                // loaded this time (e.g. `--no-bundled`). The dangling link is dropped.
                errors.push(record.error(
                    &path,
                    format!("no event has the id `{}`", escape_for_message(target)),
                ));
            }
        }
    }

    let mut kept: Vec<(Event, Origin)> = records
        .into_iter()
        .zip(bad)
        .filter(|(_, bad)| !bad)
        .map(|(record, _)| {
            let origin = Origin {
                file: record.file as u32,
                line: record.parsed.pos.line as u32,
            };
            let mut event = record.parsed.event;
            event.related.retain(|id| ids.contains(id));
            // Seed quotes were compared verbatim; now they are cleaned for display too.
            for source in &mut event.sources {
                if let Some(q) = &mut source.quote {
                    *q = sanitize(q);
                }
            }
            (event, origin)
        })
        .collect();
    kept.sort_by(|(a, _), (b, _)| (a.start, a.last(), &a.id).cmp(&(b.start, b.last(), &b.id)));
    (kept, errors)
}

/// Whether an id is a readable slug: lower-case letters, digits and single hyphens.
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// Checks one record on its own.
fn check_record(
    record: &Record,
    normalised_seeds: &mut HashMap<&'static str, String>,
) -> Vec<LoadError> {
    let event = &record.parsed.event;
    let mut errors = Vec::new();
    if !is_slug(&event.id) {
        errors.push(record.error(
            "id",
            format!(
                "`{}` is not a valid id: use lower-case letters, digits and hyphens \
                 (at most {MAX_ID_LEN}), e.g. `2017-10-04-tallinn-conference`",
                escape_for_message(&event.id)
            ),
        ));
    }
    if let Some(end) = event.end
        && end.last_day() < event.start.first_day()
    {
        errors.push(record.error("end", format!("end {end} is before start {}", event.start)));
    }
    for (field, text) in [
        ("title.en", &event.title.en),
        ("title.fr", &event.title.fr),
        ("summary.en", &event.summary.en),
        ("summary.fr", &event.summary.fr),
    ] {
        if text.trim().is_empty() {
            errors.push(record.error(field, "must not be empty"));
        }
    }
    if event.sources.is_empty() {
        errors.push(record.error("sources", "at least one source is required"));
    }
    for (n, source) in event.sources.iter().enumerate() {
        let path = format!("sources[{n}]");
        match (&source.seed, &source.quote) {
            (Some(name), quote) => {
                let Some(seed_text) = seed::text(name) else {
                    let known: Vec<&str> = seed::SEEDS.iter().map(|(n, _)| *n).collect();
                    errors.push(record.error(
                        &format!("{path}.seed"),
                        format!(
                            "unknown seed `{}`; the seeds are {}",
                            escape_for_message(name),
                            known.join(", ")
                        ),
                    ));
                    continue;
                };
                let Some(quote) = quote.as_deref().filter(|q| !q.trim().is_empty()) else {
                    errors.push(record.error(&path, "a seed source needs a `quote`"));
                    continue;
                };
                let normalised_seed = normalised_seeds
                    .entry(
                        seed::SEEDS
                            .iter()
                            .find(|(n, _)| n == name)
                            .map_or("", |(n, _)| *n),
                    )
                    .or_insert_with(|| seed::normalise(seed_text));
                if !normalised_seed.contains(&seed::normalise(quote)) {
                    let shown: String = quote.chars().take(60).collect();
                    errors.push(record.error(
                        &format!("{path}.quote"),
                        format!(
                            "quote not found in seed {name}: \"{}{}\"",
                            escape_for_message(&shown),
                            if quote.chars().count() > 60 {
                                "…"
                            } else {
                                ""
                            }
                        ),
                    ));
                }
            }
            (None, _) => {
                let url = source.url.as_deref().is_some_and(|u| !u.trim().is_empty());
                let citation = source
                    .citation
                    .as_deref()
                    .is_some_and(|c| !c.trim().is_empty());
                if !url && !citation {
                    errors.push(record.error(
                        &path,
                        "a source needs a `seed` with a `quote`, a `url` or a `citation`",
                    ));
                }
            }
        }
    }
    errors
}
