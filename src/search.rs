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
//! | `tallinn`        | a field has a word starting with it, or it spells an acronym (see below) |
//! | `'sec`           | `sec` appears anywhere (substring), in short fields or long text   |
//! | `^eu`            | a short field value starts with `eu` (a title, place, actor, id…)  |
//! | `forum$`         | a short field value ends with `forum`                              |
//! | `^estonia$`      | a short field value is exactly `estonia`                           |
//! | `!nato`          | `nato` does not match: exactly the events `nato` leaves out; any term |
//! | `a b`            | both `a` and `b` match (AND)                                       |
//! | `a \| b`         | `a` or `b` matches; OR binds tighter than AND, as in fzf:          |
//! |                  | `cyber \| digital tallinn` is (cyber OR digital) AND tallinn       |
//! | `kind:council`   | the kind's name contains `council` (e.g. `council_conclusions`)    |
//! | `tag:cyber`      | one of the tags' names contains `cyber` (a plain term: starts with it) |
//! | `status:planned` | the status's name contains `planned` (`held`, `planned`, `ongoing`) |
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
//! **Plain terms.** A plain term matches:
//! - in the id, titles (English and French), places and actors: a word that starts with
//!   it. A term of more than 4 characters may also match fuzzily: its letters in order
//!   from a word start, with at most 3 other letters between consecutive ones (`tllinn`
//!   finds Tallinn, `cybsec` cybersecurity), never skipping a space or punctuation (a
//!   term may contain them: `e-gov`, `new\ york`). A term of 4 characters or fewer never matches scattered
//!   letters, so `nato` does not find "Partenariat oriental";
//! - the initials of a run of capitalised words in those fields (link words such as "and",
//!   "of", "de" allowed inside): `ttc` finds "Trade and Technology Council";
//! - a kind or tag name that starts with it (`cyber` finds the tag `cyber_diplomacy`, but
//!   `ttc` not `transatlantic`);
//! - in the summaries and quotes: a word that starts with it; a term of 1 or 2 characters
//!   only as a whole word, so `un` finds "UN" and not every "une" and "union".
//!
//! [`explain`] reports, for each field value, the byte ranges of the very alignment, word or
//! initials that admitted the event. Terms longer than 64 characters must appear as they
//! are, starting a word. Adding letters at the end of a term of 3 or more characters never
//! widens its matches (from 4 to 5 characters the rule changes), which lets the explorer
//! filter only the previous results ([`Query::refines`]).
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
//! span as numbers; the acronyms of the titles, places and actors close the short
//! haystack after a U+001E mark. It also builds a word index of the long text: a sorted vocabulary with,
//! for each word, the events using it, so a plain term finds long text by a binary search
//! and a bitset instead of a scan. Filtering never calls fuzzy-matcher: substring tests use
//! memchr's `memmem`, and the compact fuzzy test is a bit-parallel scan started only where
//! memchr finds the term's first char. Cheap tests (kind, tag, status, dates) run first.
//! More than 20 000 candidates are split across threads; the cancel flag is read every
//! 4096 records. When the new query [refines](Query::refines) the previous one, callers
//! pass the previous results as `within` and only those are examined.

mod acronym;
mod explain;
mod fuzzy;
mod highlight;
mod index;
mod query;
mod rank;
mod refine;
mod words;

use std::sync::atomic::AtomicBool;

pub use explain::{EXPLAIN_LIMIT, Field, FieldMatch, MAX_RANGES, explain, explain_fields};
pub use highlight::{char_indices, highlight};
pub use index::{Check, Index, Make, Piece, SharedBytes, Stored};
pub use query::{Query, QueryError};

use crate::model::Event;

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
