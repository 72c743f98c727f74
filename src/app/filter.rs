//! The filter query: typing it, asking the matcher for results, and taking them in.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{App, Effect, Mode, SortOrder};
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
    /// The text of the last query that parsed: the one the results shown answer.
    pub valid_text: String,
    /// Whether the selection moves to the best match when the results come (the query
    /// changed; not when the order or the events did).
    to_best: bool,
    /// Query of the latest request, and of the one whose results are shown.
    requested: Query,
    shown_query: Query,
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
        self.order = self.order.toggled();
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
                self.filter.to_best = query != self.filter.query;
                self.filter.query = query;
                self.filter.valid_text = self.filter.text.clone();
                // Results of a query this one refines hold every match of it.
                let within = (!self.filter.shown_query.is_empty()
                    && self.filter.query.refines(&self.filter.shown_query))
                .then(|| self.hits.clone());
                self.request_match(within);
            }
        }
        true
    }

    /// Matches the current query again from scratch, after the events changed. Results of
    /// requests made before are dropped (the generation only grows).
    pub(super) fn restart_filter(&mut self) {
        self.filter.shown_query = Query::default();
        if let Ok(query) = Query::parse(&self.filter.text) {
            self.filter.query = query;
        }
        self.request_match(None);
    }

    /// Cancels the request under way and asks for a new one (answered at once when empty).
    fn request_match(&mut self, within: Option<Vec<u32>>) {
        self.filter.cancel.store(true, Ordering::Relaxed);
        self.filter.cancel = Arc::new(AtomicBool::new(false));
        self.filter.generation += 1;
        self.filter.requested = self.filter.query.clone();
        if self.filter.query.is_empty() {
            self.filter.pending = false;
            self.filter.to_best = false;
            self.filter.shown_query = Query::default();
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
            rank: self.order == SortOrder::Relevance,
            cancel: Arc::clone(&self.filter.cancel),
            index: Arc::clone(&self.index),
        }));
    }

    pub(super) fn show_matches(
        &mut self,
        generation: u64,
        hits: Vec<u32>,
        best: Option<u32>,
    ) -> bool {
        if generation != self.filter.generation {
            return false;
        }
        self.filter.pending = false;
        self.filter.shown_query = self.filter.requested.clone();
        self.hits = hits;
        let keep = match best {
            Some(best) if std::mem::take(&mut self.filter.to_best) => {
                self.detail.pinned = None;
                Some(best)
            }
            _ => self.current_event(),
        };
        self.rebuild(keep);
        true
    }
}
