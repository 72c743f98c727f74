//! Query parsing and matching of events; knows nothing of the terminal.
//!
//! The explorer's filter and `cyberdiplo list QUERY` both use this matcher.
//!
//! # Query syntax
//!
//! Matching ignores case and accents both ways: `lulea` finds Luleå, `securite` finds
//! sécurité and `sécurité` finds securite (see [`crate::text::fold`]).
//!
//! | Query            | Matches events where…                                              |
//! |------------------|--------------------------------------------------------------------|
//! | `tallinn`        | a short field matches fuzzily, or a word of the long text starts with it |
//! | `'sec`           | `sec` appears anywhere (substring), in short fields or long text   |
//! | `^eu`            | a short field value starts with `eu` (a title, place, actor, id…)  |
//! | `forum$`         | a short field value ends with `forum`                              |
//! | `^estonia$`      | a short field value is exactly `estonia`                           |
//! | `!nato`          | `nato` appears nowhere (substring); also `!^x`, `!x$`, `!kind:…`   |
//! | `a b`            | both `a` and `b` match (AND)                                       |
//! | `a \| b`         | `a` or `b` matches; OR binds tighter than AND, as in fzf:          |
//! |                  | `cyber \| digital tallinn` is (cyber OR digital) AND tallinn       |
//! | `kind:council`   | the kind's name contains `council` (e.g. `council_conclusions`)    |
//! | `tag:cyber`      | one of the tags' names contains `cyber`                            |
//! | `status:planned` | the status's name contains `planned` (`held`, `planned`)           |
//! | `place:luleå`    | one of the places contains `lulea`                                 |
//! | `actor:eeas`     | one of the organisers or participants contains `eeas`              |
//! | `id:2017-10`     | the id contains `2017-10`                                          |
//! | `year:2021`      | the event's span overlaps 2021 (also `year:2021-05`, `year:2020..2021`) |
//! | `2021..2023`     | the span overlaps 2021-01-01..2023-12-31; also `2021..`, `..2019`,  |
//! |                  | `2021-05..2022-06`, `2021-05-03..2021-06`                          |
//!
//! *Short fields* are the titles (English and French), id, places, organisers,
//! participants, tag names and kind name. *Long text* is the summaries (both languages) and
//! the source quotes.
//!
//! **Fuzzy rule.** A plain term matches a short field when its letters appear in that one
//! field in order, with at most 3 other characters between consecutive letters: `tlnn`
//! finds Tallinn and `cybsec` cybersecurity, but `cyber` does not match "city by the bay"
//! through scattered letters, and no match spans two fields. Terms longer than 64 characters
//! must appear as they are. In long text a plain term must start a word, so a short query
//! never matches nearly every record. Adding letters at the end of a term never widens its
//! matches, which lets the explorer filter only the previous results ([`Query::refines`]).
//!
//! **Other rules.** Field names are case-insensitive; a word with a colon whose name is not
//! one of the fields above (`foo:bar`, `http://…`) is plain text. Field terms take no `'`,
//! `^` or `$`. `\ ` (backslash space) puts a space inside a term: `'new\ york`. `a|b`
//! without spaces is plain text. There are no quoted phrases, so quotes never need to
//! balance. Malformed queries give a [`QueryError`] with a short message and the column:
//! `year:abc`, `year:`, `kind:` with no value, `kind:zzz` when no kind matches,
//! `2023..2021`, a lone or trailing `|`, a lone `!`, `'`, `^` or `$`.
//!
//! **Order.** [`Index::filter`] keeps date order (index order); [`Index::rank`] puts the best
//! match first using fuzzy-matcher's score on the titles and id, keeping date order on ties.
//!
//! # How matching stays fast
//!
//! [`Index::new`] folds each event once into two shared buffers (short fields, long text),
//! fields separated by U+001F, with byte offsets and the event's kind, status, tags and day
//! span as numbers. It also builds a word index of the long text: a sorted vocabulary with,
//! for each word, the events using it, so a plain term finds long text by a binary search
//! and a bitset instead of a scan. Filtering never calls fuzzy-matcher: substring tests use
//! memchr's `memmem`, and the compact fuzzy test is a bit-parallel scan started only where
//! memchr finds the term's first char. Cheap tests (kind, tag, status, dates) run first.
//! More than 20 000 candidates are split across threads; the cancel flag is read every
//! 4096 records. When the new query [refines](Query::refines) the previous one, callers
//! pass the previous results as `within` and only those are examined.

mod fuzzy;
mod index;
mod query;
mod rank;
mod refine;
mod words;

use std::sync::atomic::AtomicBool;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

pub use index::{Index, SharedBytes};
pub use query::{Query, QueryError};

use crate::model::Event;
use crate::text::fold_char;
use fuzzy::Needle;
use query::Matcher;

/// Character indices of `text` that the query's positive terms match, for highlighting.
///
/// Indices are in the original text even where folding changed its length (`Œ` → `oe`).
/// A plain term highlights its occurrences, or if it has none, fuzzy-matcher's positions
/// when the term matches `text` compactly (see the fuzzy rule above).
pub fn highlight(text: &str, query: &Query) -> Vec<usize> {
    let mut folded = String::with_capacity(text.len());
    // For each char of `folded`, the index of the original char it came from.
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let before = folded.len();
        fold_char(c, &mut folded);
        origin.extend(folded[before..].chars().map(|_| i));
    }
    let char_at = |byte: usize| folded[..byte].chars().count();
    let mut marked = vec![false; origin.len()];
    let mut mark_span = |from: usize, len: usize| {
        marked
            .iter_mut()
            .skip(from)
            .take(len)
            .for_each(|m| *m = true);
    };
    let terms = query.groups.iter().flatten().filter(|t| !t.negated);
    for term in terms {
        let (needle, anchored) = match &term.matcher {
            Matcher::Fuzzy(s) | Matcher::Exact(s) => (s, None),
            Matcher::Place(s) | Matcher::Actor(s) | Matcher::Id(s) => (s, None),
            Matcher::Prefix(s) => (s, Some((true, false))),
            Matcher::Suffix(s) => (s, Some((false, true))),
            Matcher::Whole(s) => (s, Some((true, true))),
            _ => continue,
        };
        let len = needle.chars().count();
        match anchored {
            Some((start, end)) => {
                let fits = (!start || folded.starts_with(needle.as_str()))
                    && (!end || folded.ends_with(needle.as_str()));
                if fits {
                    mark_span(if start { 0 } else { origin.len() - len }, len);
                }
            }
            None => {
                let n = Needle::new(needle);
                let mut found = false;
                for at in n.find_all(&folded) {
                    mark_span(char_at(at), len);
                    found = true;
                }
                let fuzzy = matches!(term.matcher, Matcher::Fuzzy(_));
                if !found && fuzzy && n.fuzzy_in(&folded) {
                    let matcher = SkimMatcherV2::default().respect_case();
                    let (_, positions) = matcher.fuzzy_indices(&folded, needle).unwrap_or_default();
                    positions.into_iter().for_each(|p| mark_span(p, 1));
                }
            }
        }
    }
    let mut out: Vec<usize> = marked
        .iter()
        .zip(&origin)
        .filter_map(|(m, o)| m.then_some(*o))
        .collect();
    out.dedup();
    out
}

/// Parses `query` and returns the indices of matching `events` in date order.
pub fn search(events: &[Event], query: &str) -> Result<Vec<u32>, QueryError> {
    let query = Query::parse(query)?;
    let index = Index::new(events);
    Ok(index
        .filter(&query, None, &AtomicBool::new(false))
        .unwrap_or_default())
}

#[cfg(test)]
mod tests;
