//! Where a query matched an event: the fields and the byte ranges that admitted it.
//!
//! The filter ([`super::Index::filter`]) and these explanations apply the same rules to the
//! same folded text (one value at a time here, all values joined there), with the same
//! [`Needle`] functions, so what lights up is exactly why the event matched.

use std::ops::Range;

use super::acronym::{self, Run};
use super::fuzzy::{Needle, TOKEN_TERM};
use super::query::{Matcher, Query, Term, day_number};
use crate::model::{Event, Kind, Status, Tag};
use crate::text::fold_char;

/// Longest part of a field that is examined, in bytes: a match beyond it is not explained.
/// Keeps explaining (and drawing highlights) fast on pathological multi-megabyte fields.
pub const EXPLAIN_LIMIT: usize = 64 * 1024;

/// Most ranges reported for one field value.
pub const MAX_RANGES: usize = 64;

/// A field of an event that a query can match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The English title.
    Title,
    /// The French title.
    TitleFr,
    /// The English summary.
    Summary,
    /// The French summary.
    SummaryFr,
    /// One of the places (`item` indexes `places`).
    Place,
    /// One organiser or participant (`item` indexes organisers, then participants).
    Actor,
    /// One tag (`item` indexes `tags`; ranges are in [`Tag::name`]).
    Tag,
    /// The kind (ranges are in [`Kind::name`]).
    Kind,
    /// A source's quote (`item` indexes `sources`).
    Quote,
    /// The id.
    Id,
    /// The status (ranges are in [`Status::name`]).
    Status,
    /// The dates (no ranges: the span as a whole matched).
    Date,
}

impl Field {
    /// The field's name as the list and `--explain` show it: `title`, `title fr`, `place`…
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::TitleFr => "title fr",
            Field::Summary => "summary",
            Field::SummaryFr => "summary fr",
            Field::Place => "place",
            Field::Actor => "actor",
            Field::Tag => "tag",
            Field::Kind => "kind",
            Field::Quote => "quote",
            Field::Id => "id",
            Field::Status => "status",
            Field::Date => "date",
        }
    }
}

/// Where in one field value a query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    /// Which field.
    pub field: Field,
    /// Which value of a many-valued field (places, actors, tags, sources); 0 otherwise.
    pub item: usize,
    /// Byte ranges into the original (unfolded) value, sorted, not overlapping.
    pub ranges: Vec<Range<usize>>,
}

/// How a field value is matched by a plain term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Id, titles, places, actors: word prefix, fuzzy from a word start, acronyms.
    Word,
    /// Kind and tag names: the name starts with the term.
    Name,
    /// Summaries and quotes: whole word or word prefix.
    Long,
}

/// One field value of an event.
pub(super) struct Value<'a> {
    pub field: Field,
    pub item: usize,
    pub text: &'a str,
    pub class: Class,
}

/// The text values of `event`, in field order.
fn values(event: &Event) -> Vec<Value<'_>> {
    let one = |field, text, class| Value {
        field,
        item: 0,
        text,
        class,
    };
    let mut out = vec![
        one(Field::Title, event.title.en.as_str(), Class::Word),
        one(Field::TitleFr, event.title.fr.as_str(), Class::Word),
        one(Field::Summary, event.summary.en.as_str(), Class::Long),
        one(Field::SummaryFr, event.summary.fr.as_str(), Class::Long),
    ];
    let actors = event.organisers.iter().chain(&event.participants);
    many(
        &mut out,
        Field::Place,
        Class::Word,
        event.places.iter().map(String::as_str),
    );
    many(
        &mut out,
        Field::Actor,
        Class::Word,
        actors.map(String::as_str),
    );
    many(
        &mut out,
        Field::Tag,
        Class::Name,
        event.tags.iter().map(|t| t.name()),
    );
    out.push(one(Field::Kind, event.kind.name(), Class::Name));
    for (item, source) in event.sources.iter().enumerate() {
        if let Some(quote) = source.quote.as_deref() {
            out.push(Value {
                field: Field::Quote,
                item,
                text: quote,
                class: Class::Long,
            });
        }
    }
    out.push(one(Field::Id, event.id.as_str(), Class::Word));
    out
}

/// Appends the values of a many-valued field, numbered from 0.
fn many<'a>(
    out: &mut Vec<Value<'a>>,
    field: Field,
    class: Class,
    texts: impl Iterator<Item = &'a str>,
) {
    out.extend(texts.enumerate().map(|(item, text)| Value {
        field,
        item,
        text,
        class,
    }));
}

/// The fold of (the first [`EXPLAIN_LIMIT`] bytes of) a text, with where each byte came from.
pub(super) struct Folded {
    pub text: String,
    /// For each byte of `text`, the original char's byte range.
    pub origin: Vec<Range<u32>>,
    /// Whether `text` is the fold of the whole original (not cut at [`EXPLAIN_LIMIT`]).
    pub complete: bool,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut cut = original.len().min(EXPLAIN_LIMIT);
        while !original.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut text = String::with_capacity(cut);
        let mut origin = Vec::with_capacity(cut);
        for (at, c) in original[..cut].char_indices() {
            let before = text.len();
            fold_char(c, &mut text);
            let range = at as u32..(at + c.len_utf8()) as u32;
            origin.extend(std::iter::repeat_n(range, text.len() - before));
        }
        Folded {
            text,
            origin,
            complete: cut == original.len(),
        }
    }

    /// The original byte range of folded bytes `r` (not empty).
    pub fn original(&self, r: Range<usize>) -> Range<usize> {
        let last = r.end.checked_sub(1).and_then(|end| self.origin.get(end));
        let (Some(first), Some(last)) = (self.origin.get(r.start), last) else {
            return 0..0;
        };
        first.start as usize..last.end as usize
    }
}

/// Where the query's positive terms match `event`, one entry per field value that matched.
///
/// Ranges are byte ranges into the original text of the value (accents and case as in the
/// record), derived from the very test that admits the event: a word prefix, the compact
/// alignment of a longer term, the initials of an acronym, a substring for `'x`, the whole
/// value for `^x$`. Negated terms explain nothing. Kind, tag and status terms give the whole
/// name; date terms give [`Field::Date`] with no ranges. Fields are examined up to
/// [`EXPLAIN_LIMIT`] bytes and report at most [`MAX_RANGES`] ranges each.
pub fn explain(query: &Query, event: &Event) -> Vec<FieldMatch> {
    explain_fields(query, event, &[])
}

/// [`explain`] restricted to `fields` (all fields when empty): cheaper when only some are
/// shown, as the title in a list row.
pub fn explain_fields(query: &Query, event: &Event, fields: &[Field]) -> Vec<FieldMatch> {
    let wanted = |f: Field| fields.is_empty() || fields.contains(&f);
    let terms: Vec<&Term> = query
        .groups
        .iter()
        .flatten()
        .filter(|t| !t.negated)
        .collect();
    let mut out: Vec<FieldMatch> = Vec::new();
    if terms.is_empty() {
        return out;
    }
    let mut add = |field: Field, item: usize, ranges: Vec<Range<usize>>| match out
        .iter_mut()
        .find(|m| m.field == field && m.item == item)
    {
        Some(m) => m.ranges.extend(ranges),
        None => out.push(FieldMatch {
            field,
            item,
            ranges,
        }),
    };
    for value in values(event).into_iter().filter(|v| wanted(v.field)) {
        let folded = Folded::new(value.text);
        let runs = match value.class {
            Class::Word if value.field != Field::Id => acronym::runs(value.text),
            _ => Vec::new(),
        };
        for term in &terms {
            if let Some(ranges) = value_ranges(&term.matcher, &value, &folded, &runs) {
                add(value.field, value.item, ranges);
            }
        }
    }
    for term in &terms {
        match term.matcher {
            Matcher::Status(mask)
                if wanted(Field::Status) && mask & (1 << status_bit(event.status)) != 0 =>
            {
                add(
                    Field::Status,
                    0,
                    std::iter::once(0..event.status.name().len()).collect(),
                );
            }
            Matcher::Span(from, to) if wanted(Field::Date) => {
                let first = day_number(event.start.first_day());
                let last = day_number(event.last().last_day());
                if first <= to && last >= from {
                    add(Field::Date, 0, Vec::new());
                }
            }
            _ => {}
        }
    }
    for m in &mut out {
        m.ranges = merge(std::mem::take(&mut m.ranges));
    }
    out.sort_by_key(|m| (m.field, m.item));
    out
}

/// Position of a status in the query's status bits.
pub(super) fn status_bit(status: Status) -> usize {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0)
}

/// Sorts ranges and joins those that overlap or touch; keeps at most [`MAX_RANGES`].
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out.truncate(MAX_RANGES);
    out
}

/// Original byte ranges where `matcher` matches one value, or `None` when it does not.
pub(super) fn value_ranges(
    matcher: &Matcher,
    value: &Value,
    folded: &Folded,
    runs: &[Run],
) -> Option<Vec<Range<usize>>> {
    let text = folded.text.as_str();
    let whole = || std::iter::once(0..value.text.len()).collect::<Vec<_>>();
    let ranges: Vec<Range<usize>> = match (matcher, value.class) {
        (Matcher::Fuzzy(s), _) => plain_ranges(s, value.class, folded, runs),
        (Matcher::Exact(s), _) => occurrences(folded, s, Needle::new(s).find_all(text)),
        (Matcher::Prefix(s), Class::Word | Class::Name) if text.starts_with(s.as_str()) => {
            vec![folded.original(0..s.len())]
        }
        (Matcher::Suffix(s), Class::Word | Class::Name)
            if folded.complete && text.ends_with(s.as_str()) =>
        {
            vec![folded.original(text.len() - s.len()..text.len())]
        }
        (Matcher::Whole(s), Class::Word | Class::Name) if folded.complete && text == s => whole(),
        (Matcher::Kind(mask), _) if value.field == Field::Kind => {
            let bit = Kind::ALL.iter().position(|k| k.name() == value.text);
            bit.filter(|b| mask & (1 << b) != 0).map(|_| whole())?
        }
        (Matcher::Tag(mask), _) if value.field == Field::Tag => {
            let bit = Tag::ALL.iter().position(|t| t.name() == value.text);
            bit.filter(|b| mask & (1 << b) != 0).map(|_| whole())?
        }
        (Matcher::Place(s), _) if value.field == Field::Place => substrings(folded, s),
        (Matcher::Actor(s), _) if value.field == Field::Actor => substrings(folded, s),
        (Matcher::Id(s), _) if value.field == Field::Id => substrings(folded, s),
        _ => Vec::new(),
    };
    (!ranges.is_empty()).then_some(ranges)
}

/// Original ranges of the occurrences of `s` starting at `starts` (folded byte offsets).
fn occurrences(folded: &Folded, s: &str, starts: impl Iterator<Item = usize>) -> Vec<Range<usize>> {
    starts
        .take(MAX_RANGES)
        .map(|at| folded.original(at..at + s.len()))
        .collect()
}

fn substrings(folded: &Folded, s: &str) -> Vec<Range<usize>> {
    occurrences(folded, s, Needle::new(s).find_all(&folded.text))
}

/// Where a plain term matches one value, by the value's class (see the module docs of
/// [`crate::search`] for the rules).
fn plain_ranges(s: &str, class: Class, folded: &Folded, runs: &[Run]) -> Vec<Range<usize>> {
    let text = folded.text.as_str();
    let n = Needle::new(s);
    match class {
        Class::Name if text.starts_with(s) => vec![folded.original(0..s.len())],
        Class::Name => Vec::new(),
        Class::Long if n.len() <= TOKEN_TERM => occurrences(folded, s, n.tokens(text)),
        Class::Long => occurrences(folded, s, n.word_starts(text)),
        Class::Word => {
            let mut out = match n.is_fuzzy() {
                true => n.alignment(text).unwrap_or_default(),
                false => Vec::new(),
            }
            .into_iter()
            .map(|b| {
                let len = text[b..].chars().next().map_or(1, char::len_utf8);
                folded.original(b..b + len)
            })
            .collect::<Vec<_>>();
            if !n.is_fuzzy() {
                out = occurrences(folded, s, n.word_starts(text));
            }
            if n.len() >= 2 {
                runs.iter().for_each(|run| out.extend(run.spelling(s)));
            }
            out
        }
    }
}
