//! Query parsing and matching of events; knows nothing of the terminal.
//!
//! PLACEHOLDER implementation with the final interface: substring match on folded titles.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::model::Event;
use crate::text::fold;

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    terms: Vec<String>,
}

/// A query that could not be parsed, with the character column where the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// What is wrong, in a few words.
    pub message: String,
    /// 0-based character column in the query text.
    pub column: usize,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (column {})", self.message, self.column + 1)
    }
}

impl std::error::Error for QueryError {}

impl Query {
    /// Parses query text.
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        Ok(Query {
            terms: input.split_whitespace().map(fold).collect(),
        })
    }

    /// Whether the query matches everything.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Precomputed match text for every event, in the same order as the events.
#[derive(Debug, Default)]
pub struct Index {
    haystacks: Vec<String>,
}

impl Index {
    /// Builds the index of `events` (kept in their order).
    pub fn new(events: &[Event]) -> Index {
        Index {
            haystacks: events.iter().map(|e| fold(&e.title.en)).collect(),
        }
    }

    /// Number of indexed events.
    pub fn len(&self) -> usize {
        self.haystacks.len()
    }

    /// Whether there are no events.
    pub fn is_empty(&self) -> bool {
        self.haystacks.is_empty()
    }

    /// Indices of matching events in index order, searching only `within` when given.
    /// Returns `None` when `cancel` was set before the work finished.
    pub fn filter(
        &self,
        query: &Query,
        within: Option<&[u32]>,
        cancel: &AtomicBool,
    ) -> Option<Vec<u32>> {
        let all: Vec<u32> = (0..self.haystacks.len() as u32).collect();
        let candidates = within.unwrap_or(&all);
        let mut out = Vec::new();
        for &i in candidates {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let h = &self.haystacks[i as usize];
            if query.terms.iter().all(|t| h.contains(t.as_str())) {
                out.push(i);
            }
        }
        Some(out)
    }

    /// Reorders `hits` best match first (stable: ties keep date order).
    pub fn rank(&self, _query: &Query, _hits: &mut [u32]) {}
}

/// Character indices of `text` that the query matches, for highlighting.
pub fn highlight(_text: &str, _query: &Query) -> Vec<usize> {
    Vec::new()
}

/// Parses `query` and returns the indices of matching `events` in date order.
pub fn search(events: &[Event], query: &str) -> Result<Vec<u32>, QueryError> {
    let query = Query::parse(query)?;
    let index = Index::new(events);
    Ok(index
        .filter(&query, None, &AtomicBool::new(false))
        .unwrap_or_default())
}
