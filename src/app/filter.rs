//! The filter query: typing it, asking the matcher for results, and taking them in.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{App, Effect, Mode, Order};
use crate::app::matcher::MatchRequest;
use crate::search::{Query, QueryError};

/// The filter query and the matching requests made for it.
#[derive(Debug, Default)]
pub struct FilterState {
    /// The text typed.
    pub text: String,
    /// The last query that parsed; its results are (or will be) shown.
    pub query: Query,
    /// Why the current text does not parse, if it does not.
    pub error: Option<QueryError>,
    /// Number of the latest match request; results of older ones are dropped.
    pub generation: u64,
    /// Whether results for the latest request are still to come.
    pub pending: bool,
    /// Text of the latest request, and of the one whose results are shown.
    requested: String,
    shown_for: String,
    cancel: Arc<AtomicBool>,
}

impl App {
    pub(super) fn type_filter(&mut self, c: char) -> bool {
        let mut text = self.filter.text.clone();
        text.push(c);
        self.set_filter_text(text)
    }

    pub(super) fn delete_filter_char(&mut self) -> bool {
        let mut text = self.filter.text.clone();
        if text.pop().is_none() {
            return false;
        }
        self.set_filter_text(text)
    }

    pub(super) fn escape_filter(&mut self) -> bool {
        if self.filter.text.is_empty() {
            self.mode = Mode::Normal;
            true
        } else {
            self.set_filter_text(String::new())
        }
    }

    pub(super) fn toggle_order(&mut self) -> bool {
        self.order = match self.order {
            Order::Date => Order::BestMatch,
            Order::BestMatch => Order::Date,
        };
        if !self.filter.query.is_empty() {
            self.request_match(None);
        }
        true
    }

    /// Sets the query text; parses it and asks for matches when it parses.
    pub(super) fn set_filter_text(&mut self, text: String) -> bool {
        self.filter.text = text;
        match Query::parse(&self.filter.text) {
            Err(error) => {
                // The last good results stay on screen.
                self.filter.error = Some(error);
            }
            Ok(query) => {
                self.filter.error = None;
                self.filter.query = query;
                let within =
                    narrows(&self.filter.shown_for, &self.filter.text).then(|| self.hits.clone());
                self.request_match(within);
            }
        }
        true
    }

    /// Cancels the request under way and asks for a new one (answered at once when empty).
    fn request_match(&mut self, within: Option<Vec<u32>>) {
        self.filter.cancel.store(true, Ordering::Relaxed);
        self.filter.cancel = Arc::new(AtomicBool::new(false));
        self.filter.generation += 1;
        self.filter.requested = self.filter.text.clone();
        if self.filter.query.is_empty() {
            self.filter.pending = false;
            self.filter.shown_for = self.filter.text.clone();
            self.hits = (0..self.events.len() as u32).collect();
            let keep = self.current_event();
            self.rebuild(keep);
            return;
        }
        self.filter.pending = true;
        let within = within.map(|mut hits| {
            hits.sort_unstable();
            hits
        });
        self.effects.push(Effect::Match(MatchRequest {
            generation: self.filter.generation,
            query: self.filter.query.clone(),
            within,
            rank: self.order == Order::BestMatch,
            cancel: Arc::clone(&self.filter.cancel),
        }));
    }

    pub(super) fn show_matches(&mut self, generation: u64, hits: Vec<u32>) -> bool {
        if generation != self.filter.generation {
            return false;
        }
        self.filter.pending = false;
        self.filter.shown_for = self.filter.requested.clone();
        self.hits = hits;
        let keep = self.current_event();
        self.rebuild(keep);
        true
    }
}

/// Whether the results of `before` can be searched for `after` instead of every event.
///
/// Only when `after` extends `before` with plain words: operators, fields and phrases can
/// widen a match when extended (`year:202` to `year:2024..`, `a|` to `a|b`).
pub fn narrows(before: &str, after: &str) -> bool {
    !before.trim().is_empty()
        && after.starts_with(before)
        && after.chars().all(|c| c.is_alphanumeric() || c == ' ')
}

#[cfg(test)]
mod tests {
    use super::narrows;

    #[test]
    fn only_plain_extensions_narrow() {
        assert!(narrows("cyb", "cyber"));
        assert!(narrows("cyber", "cyber tal"));
        assert!(!narrows("", "cyber"));
        assert!(!narrows("cyber", "cyb"));
        assert!(!narrows("cyber", "cyber|tal"));
        assert!(!narrows("cyber", "cyber !tal"));
        assert!(!narrows("year:201", "year:2017"));
    }
}
