//! The filter query: typing it, asking the matcher for results, and taking them in.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::rows::Timeline;
use super::{App, Effect, Mode, SortOrder};
use crate::app::matcher::MatchRequest;
use crate::editor::{Edit, LineEditor};
use crate::search::{Query, QueryError};
use crate::terms::{self, Scoped};

/// Up to this many events, the rows of the whole list are built on the run loop's thread
/// (well under a frame); past it, on the matcher's.
const BUILD_ON_THE_LOOP_UP_TO: usize = 50_000;

/// The filter query and the matching requests made for it.
#[derive(Debug, Default)]
pub struct FilterState {
    /// The text typed (the editor's text).
    pub text: String,
    /// The line editor holding the text and the cursor.
    pub editor: LineEditor,
    /// The id-set terms of the query (`marked`, `new:`), applied to the matcher's hits.
    pub scope: Scoped,
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
        self.edit_filter(Edit::Insert(c))
    }

    pub(super) fn delete_filter_char(&mut self) -> bool {
        self.edit_filter(Edit::Backspace)
    }

    /// Applies a line-editing action; a cursor move only redraws.
    pub(super) fn edit_filter(&mut self, edit: Edit) -> bool {
        self.workflow.recall.stop();
        if self.filter.editor.apply(edit) {
            self.filter_text_changed()
        } else {
            true
        }
    }

    /// Ctrl-U: deletes back to the start; a query cleared whole comes back with Up.
    pub(super) fn clear_filter_text(&mut self) -> bool {
        let before = self.filter.text.clone();
        let changed = self.edit_filter(Edit::DeleteToStart);
        if self.filter.text.is_empty() {
            self.workflow.recall.cleared(&before);
        }
        changed
    }

    pub(super) fn escape_filter(&mut self) -> bool {
        if self.filter.text.is_empty() {
            self.mode = Mode::Normal;
            true
        } else {
            let before = self.filter.text.clone();
            self.workflow.recall.cleared(&before);
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

    /// Sets the query text, the cursor at its end; parses it and asks for matches.
    pub(super) fn set_filter_text(&mut self, text: String) -> bool {
        self.filter.editor.set(&text);
        self.filter_text_changed()
    }

    /// The query with saved views expanded and `marked`, `new:` and kind codes taken
    /// out, parsed.
    fn parse_filter(&self) -> Result<(Scoped, Query), QueryError> {
        let views = &self.workflow.views;
        let expanded = terms::expand_views(&self.filter.text, &|n| views.get(n).cloned())?;
        let scoped = terms::split(&expanded)?;
        let query = Query::parse(&scoped.query)?;
        Ok((scoped, query))
    }

    /// The editor's text changed: parses it and asks for matches when it parses.
    pub(super) fn filter_text_changed(&mut self) -> bool {
        self.filter.text = self.filter.editor.text().to_string();
        match self.parse_filter() {
            Err(error) => {
                // The last good results stay on screen.
                self.filter.error = Some(error);
            }
            Ok((scope, query)) => {
                self.filter.error = None;
                let same_scope =
                    (scope.marked, scope.new) == (self.filter.scope.marked, self.filter.scope.new);
                self.filter.to_best = query != self.filter.query || !same_scope;
                self.filter.query = query;
                self.filter.scope = scope;
                self.filter.valid_text = self.filter.text.clone();
                // Results of a query this one refines hold every match of it.
                let within = (same_scope
                    && !self.filter.shown_query.is_empty()
                    && self.filter.query.refines(&self.filter.shown_query))
                .then(|| self.hits.clone());
                self.request_match(within);
            }
        }
        true
    }

    /// `hits` kept by the id-set terms (`marked`, `new:`) of the query.
    fn scoped_hits(&self, mut hits: Vec<u32>) -> Vec<u32> {
        let scope = &self.filter.scope;
        let kept = |keep: Option<terms::Keep>, ids| keep.map(|k| (k, self.events_named(ids)));
        let tests: Vec<_> = [
            kept(scope.marked, &self.marks.ids),
            kept(scope.new, &self.workflow.news),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !tests.is_empty() {
            hits.retain(|i| {
                (tests.iter()).all(|(keep, set)| set.contains(i) == (*keep == terms::Keep::Only))
            });
        }
        hits
    }

    /// Matches the current query again from scratch, after the events changed. Results of
    /// requests made before are dropped (the generation only grows).
    pub(super) fn restart_filter(&mut self) {
        self.filter.shown_query = Query::default();
        if let Ok((scope, query)) = self.parse_filter() {
            self.filter.query = query;
            self.filter.scope = scope;
        }
        self.request_match(None);
    }

    /// Cancels the request under way and asks for a new one. An empty query is answered at
    /// once, unless the rows of a large archive are still to be built: the matcher's thread
    /// builds them then.
    fn request_match(&mut self, within: Option<Vec<u32>>) {
        self.filter.cancel.store(true, Ordering::Relaxed);
        self.filter.cancel = Arc::new(AtomicBool::new(false));
        self.filter.generation += 1;
        self.filter.requested = self.filter.query.clone();
        let quick = self.events.len() <= BUILD_ON_THE_LOOP_UP_TO || self.full_timeline.is_some();
        if self.filter.query.is_empty() && quick {
            self.filter.pending = false;
            self.filter.to_best = false;
            self.filter.shown_query = Query::default();
            self.hits = self.scoped_hits((0..self.events.len() as u32).collect());
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
            today: self.today,
            grouped: self.order == SortOrder::Date || self.filter.query.is_empty(),
        }));
    }

    pub(super) fn show_matches(
        &mut self,
        generation: u64,
        hits: Vec<u32>,
        best: Option<u32>,
        timeline: Option<Arc<Timeline>>,
    ) -> bool {
        if generation != self.filter.generation {
            return false;
        }
        self.filter.pending = false;
        self.filter.shown_query = self.filter.requested.clone();
        self.hits = self.scoped_hits(hits);
        let keep = match best {
            Some(best) if std::mem::take(&mut self.filter.to_best) => {
                self.detail.pinned = None;
                Some(best)
            }
            _ => self.current_event(),
        };
        self.rebuild_with(keep, timeline);
        true
    }
}
