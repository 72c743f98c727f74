//! Highlighting of one text by a query, for views that do not yet know the field.

use std::ops::Range;

use super::acronym;
use super::explain::{Class, Field, Folded, Value, value_ranges};
use super::query::Query;

/// Character indices of `text` that the query's positive terms match, for highlighting a
/// field whose kind is not known (title, place, summary…): the union of the rules for short
/// fields and long text. Linear in the text; only the first [`EXPLAIN_LIMIT`](super::EXPLAIN_LIMIT) bytes are
/// examined.
pub fn highlight(text: &str, query: &Query) -> Vec<usize> {
    let folded = Folded::new(text);
    let runs = acronym::runs(&text[..folded.origin.last().map_or(0, |r| r.end as usize)]);
    let mut ranges = Vec::new();
    for term in query.groups.iter().flatten().filter(|t| !t.negated) {
        for class in [Class::Word, Class::Long] {
            let value = Value {
                field: Field::Title,
                item: 0,
                text,
                class,
            };
            ranges.extend(value_ranges(&term.matcher, &value, &folded, &runs).unwrap_or_default());
        }
    }
    char_indices(text, &merge_all(ranges))
}

/// Like [`merge`], without the cap.
fn merge_all(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The char indices of `text` that fall in `ranges` (sorted, disjoint byte ranges), in one
/// pass over the text.
pub fn char_indices(text: &str, ranges: &[Range<usize>]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut next = ranges.iter().peekable();
    for (i, (at, _)) in text.char_indices().enumerate() {
        while next.next_if(|r| r.end <= at).is_some() {}
        let Some(r) = next.peek() else { break };
        if r.contains(&at) {
            out.push(i);
        }
    }
    out
}
