//! Checks that RON alone cannot make: ids, dates in order, links, non-empty text, quotes.

use std::collections::HashMap;

use crate::hash::{FastMap, FastSet};

use super::record::Record;
use super::{LoadError, Origin, Parsed};
use crate::model::{Event, Source};
use crate::seed;
use crate::text::{escape_for_message, sanitize_in_place};

/// Longest id accepted.
const MAX_ID_LEN: usize = 120;

/// What validation found: the records to keep, in date order, with their origins; every
/// problem; and, when asked for, evidence warnings.
pub(super) struct Outcome {
    /// Records kept, sorted by start, end, then id, with their origins (same order).
    pub kept: (Vec<Event>, Vec<Origin>),
    /// Problems: the records concerned are left out (a dangling link is only dropped).
    pub errors: Vec<LoadError>,
    /// Facts of kept records that no quote of theirs supports.
    pub warnings: Vec<LoadError>,
}

/// Validates every parsed record. Records with problems are left out, except that a
/// `related` id that does not exist is only reported and dropped from the record. With
/// `evidence`, kept records are also checked for facts their quotes do not support.
pub(super) fn validate(
    parsed: Vec<(Vec<Parsed>, usize)>,
    names: &[String],
    texts: &[&str],
    evidence: bool,
) -> Outcome {
    // Parts of records with the file they are from, in file order: each part is freed as
    // soon as its records are moved.
    let mut records: Vec<Record> = Vec::with_capacity(parsed.iter().map(|(p, _)| p.len()).sum());
    for (part, file) in parsed {
        records.extend(part.into_iter().map(|parsed| Record {
            parsed,
            file,
            name: names.get(file).map_or("?", String::as_str),
            text: texts.get(file).copied().unwrap_or(""),
        }));
    }
    let mut warnings = Vec::new();
    let (mut errors, mut bad) = check_records(&records);

    let ids = check_ids(&records, &mut bad, &mut errors);
    check_links(&records, &ids, &mut bad, &mut errors);
    if evidence {
        for (record, _) in records.iter().zip(&bad).filter(|(_, bad)| !**bad) {
            warnings.extend(super::evidence::check(record));
        }
    }
    let dropped = links_to_drop(&records, &bad, &ids);
    drop(ids);
    Outcome {
        kept: keep(records, bad, dropped),
        errors,
        warnings,
    }
}

/// Checks each record on its own (on two threads for many records): every problem found,
/// in record order, and which records have one.
fn check_records(records: &[Record]) -> (Vec<LoadError>, Vec<bool>) {
    check_records_from(records, super::PARALLEL_RECORDS)
}

/// [`check_records`], on two threads from `parallel` records on.
fn check_records_from(records: &[Record], parallel: usize) -> (Vec<LoadError>, Vec<bool>) {
    let check = |part: &[Record]| {
        let mut normalised_seeds: HashMap<&str, String> = HashMap::new();
        let mut errors = Vec::new();
        let mut bad = Vec::with_capacity(part.len());
        for record in part {
            let found = check_record(record, &mut normalised_seeds);
            bad.push(!found.is_empty() || !record.parsed.invalid.is_empty());
            errors.extend(found);
        }
        (errors, bad)
    };
    if records.len() < parallel.max(2) {
        return check(records);
    }
    let (first, second) = records.split_at(records.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| check(second));
        let (mut errors, mut bad) = check(first);
        // Should the thread have failed, its half is checked here.
        let (more_errors, more_bad) = other.join().unwrap_or_else(|_| check(second));
        errors.extend(more_errors);
        bad.extend(more_bad);
        (errors, bad)
    })
}

/// Reports duplicate ids; returns every id given (records left out included), with the
/// first record that has it.
fn check_ids<'a>(
    records: &'a [Record],
    bad: &mut [bool],
    errors: &mut Vec<LoadError>,
) -> FastMap<&'a str, usize> {
    let mut first_by_id: FastMap<&str, usize> = FastMap::default();
    first_by_id.reserve(records.len());
    for (i, record) in records.iter().enumerate() {
        if record.is_invalid("id") {
            continue;
        }
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

    first_by_id
}

/// Reports links to the record itself or to ids that no record has.
fn check_links(
    records: &[Record],
    ids: &FastMap<&str, usize>,
    bad: &mut [bool],
    errors: &mut Vec<LoadError>,
) {
    for (i, record) in records.iter().enumerate() {
        for (n, target) in record.parsed.event.related.iter().enumerate() {
            let path = format!("related[{n}]");
            if record.is_invalid(&path) || record.is_invalid("related") {
                continue;
            }
            if target == &record.parsed.event.id {
                errors.push(record.error(&path, "an event cannot be related to itself"));
                bad[i] = true;
            } else if !ids.contains_key(target.as_str()) {
                // Reported, but the record stays: the link may point into data that is not
                // loaded this time (e.g. `--no-bundled`). The dangling link is dropped.
                errors.push(record.error(
                    &path,
                    format!("no event has the id `{}`", escape_for_message(target)),
                ));
            }
        }
    }
}

/// For each record with a link to a record left out, which of its links stay (`None`:
/// all of them). `ids` are all the ids given, from [`check_ids`].
fn links_to_drop(
    records: &[Record],
    bad: &[bool],
    ids: &FastMap<&str, usize>,
) -> Vec<Option<Vec<bool>>> {
    // Links may only point at records that are kept: a record left out for its problems
    // still counts as existing above, so that its id is not reported as missing too. When
    // none is left out, the kept ids are all the ids.
    let kept_ids: Option<FastSet<&str>> = bad.iter().any(|b| *b).then(|| {
        let mut kept = FastSet::default();
        kept.reserve(records.len());
        let good = records.iter().zip(bad).filter(|(_, bad)| !**bad);
        kept.extend(good.map(|(r, _)| r.parsed.event.id.as_str()));
        kept
    });
    records
        .iter()
        .map(|r| {
            let related = &r.parsed.event.related;
            let stays = |id: &String| match &kept_ids {
                Some(kept) => kept.contains(id.as_str()),
                None => ids.contains_key(id.as_str()),
            };
            (!related.iter().all(stays)).then(|| related.iter().map(stays).collect())
        })
        .collect()
}

/// The records without problems, in date order, with their origins; `dropped` says which
/// links stay ([`links_to_drop`]).
fn keep(
    records: Vec<Record>,
    bad: Vec<bool>,
    dropped: Vec<Option<Vec<bool>>>,
) -> (Vec<Event>, Vec<Origin>) {
    let kept: Vec<(Event, Origin)> = records
        .into_iter()
        .zip(bad)
        .zip(dropped)
        .filter(|((_, bad), _)| !bad)
        .map(|((record, _), stays)| {
            let origin = Origin {
                file: record.file as u32,
                line: record.parsed.pos.line as u32,
            };
            let mut event = record.parsed.event;
            if let Some(stays) = stays {
                let mut stays = stays.into_iter();
                event.related.retain(|_| stays.next().unwrap_or(false));
            }
            // Seed quotes were compared verbatim; now they are cleaned for display too.
            for source in &mut event.sources {
                if let Some(q) = &mut source.quote {
                    sanitize_in_place(q);
                }
            }
            (event, origin)
        })
        .collect();
    sort_by_date(kept)
}

/// Sorts kept records by start, end, then id (stably), moving each record once: the order
/// is found on their numbers, as records are large to move around.
fn sort_by_date(kept: Vec<(Event, Origin)>) -> (Vec<Event>, Vec<Origin>) {
    let mut order: Vec<usize> = (0..kept.len()).collect();
    let key = |i: &usize| {
        kept.get(*i)
            .map(|(e, _)| (e.start, e.last(), e.id.as_str()))
    };
    order.sort_by(|a, b| key(a).cmp(&key(b)));
    let mut slots: Vec<Option<(Event, Origin)>> = kept.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .unzip()
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
    if !record.is_invalid("id") && !is_slug(&event.id) {
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
        && !record.is_invalid("start")
        && !record.is_invalid("end")
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
        let whole = field.split('.').next().unwrap_or(field);
        if !record.is_invalid(whole) && text.trim().is_empty() {
            errors.push(record.error(field, "must not be empty"));
        }
    }
    if event
        .date_basis
        .as_deref()
        .is_some_and(|b| b.trim().is_empty())
    {
        errors.push(record.error(
            "date_basis",
            "say how the date was inferred, or leave `date_basis` out when a quote states it",
        ));
    }
    for (n, waiver) in event.evidence_waivers.iter().enumerate() {
        let path = format!("evidence_waivers[{n}]");
        if !record.is_invalid(&path) && waiver.reason.trim().is_empty() {
            errors.push(record.error(
                &format!("{path}.reason"),
                "say why the values are right although no quote names them",
            ));
        }
    }
    if !record.is_invalid("sources") && event.sources.is_empty() {
        errors.push(record.error("sources", "at least one source is required"));
    }
    for (n, source) in event.sources.iter().enumerate() {
        let path = format!("sources[{n}]");
        if !record.is_invalid(&path) {
            errors.extend(check_source(record, &path, source, normalised_seeds));
        }
    }
    errors
}

/// The problem of one source, if any: an unknown seed, a missing quote, a quote not in its
/// seed, or a user source with nothing to find it by.
fn check_source(
    record: &Record,
    path: &str,
    source: &Source,
    normalised_seeds: &mut HashMap<&'static str, String>,
) -> Option<LoadError> {
    let Some(name) = &source.seed else {
        let url = source.url.as_deref().is_some_and(|u| !u.trim().is_empty());
        let citation = source
            .citation
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty());
        return (!url && !citation).then(|| {
            record.error(
                path,
                "a source needs a `seed` with a `quote`, a `url` or a `citation`",
            )
        });
    };
    let Some(seed_text) = seed::text(name) else {
        let known: Vec<&str> = seed::SEEDS.iter().map(|(n, _)| *n).collect();
        return Some(record.error(
            &format!("{path}.seed"),
            format!(
                "unknown seed `{}`; the seeds are {}",
                escape_for_message(name),
                known.join(", ")
            ),
        ));
    };
    let Some(quote) = source.quote.as_deref().filter(|q| !q.trim().is_empty()) else {
        return Some(record.error(path, "a seed source needs a `quote`"));
    };
    let key = seed::SEEDS
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(n, _)| *n);
    let normalised_seed = normalised_seeds
        .entry(key)
        .or_insert_with(|| seed::normalise(seed_text));
    if normalised_seed.contains(&seed::normalise(quote)) {
        return None;
    }
    let shown: String = quote.chars().take(60).collect();
    let more = if quote.chars().count() > 60 {
        "…"
    } else {
        ""
    };
    Some(record.error(
        &format!("{path}.quote"),
        format!(
            "quote not found in seed {name}: \"{}{more}\"",
            escape_for_message(&shown)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{BUNDLED_NAME, BUNDLED_TEXT, parse_text};

    #[test]
    fn checking_on_two_threads_finds_what_one_finds() {
        // The bundled records, two of them with ids that are not slugs.
        let text = BUNDLED_TEXT.replacen("id: \"2017", "id: \"Bad Id 2017", 2);
        let (parsed, _) = parse_text(BUNDLED_NAME, &text);
        let records: Vec<Record> = parsed
            .into_iter()
            .map(|parsed| Record {
                parsed,
                file: 0,
                name: BUNDLED_NAME,
                text: &text,
            })
            .collect();
        let one = check_records_from(&records, usize::MAX);
        assert!(one.0.len() >= 2 && one.1.iter().any(|bad| !bad));
        assert_eq!(check_records_from(&records, 2), one);
    }
}
