//! The explorer's model: its state, the `Message`s that change it, and `update`, with no IO.
//!
//! Work that needs IO or threads (matching a query, saving marks) is asked for by pushing an
//! [`Effect`]; the run loop in `tui.rs` takes them with [`App::take_effects`]. Sizes come from
//! the pure layout of `present::layout`, never from the view.

pub mod detail;
mod filter;
mod help;
mod loaded;
mod marks;
pub mod matcher;
mod message;
mod mouse;
mod nav;
pub mod rows;
mod update;
mod workflow;

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::model::{Event, Events, Lang};
use crate::present::layout::{self, Areas, Screen};
use crate::search::Index;

pub use crate::present::layout::{Focus, Mode};
pub use crate::sort::SortOrder;
pub use filter::FilterState;
pub use help::HelpState;
pub use matcher::MatchRequest;
pub use message::{Effect, Ending, EventSet, Message};
pub use rows::{Row, Timeline};
pub use workflow::{CopyWhat, Start, Workflow};

/// How the explorer starts.
#[derive(Debug, Clone)]
pub struct Options {
    /// Language of titles and summaries.
    pub lang: Lang,
    /// The day that separates past from future.
    pub today: NaiveDate,
    /// Whether to use colours (false under NO_COLOR).
    pub color: bool,
    /// Order of results at start.
    pub order: SortOrder,
    /// Ids of events marked in earlier sessions.
    pub marks: BTreeSet<String>,
    /// Problems found while loading, shown in the status line and help.
    pub warnings: Vec<String>,
    /// Whether the detail pane waits for the selection to rest before following it (in a
    /// real terminal; tests see every frame at once).
    pub detail_delay: bool,
}

/// Marked events and what this session changed, so saving can merge with other sessions.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Ids of marked events.
    pub ids: BTreeSet<String>,
    /// Ids marked in this session.
    pub added: BTreeSet<String>,
    /// Ids unmarked in this session.
    pub removed: BTreeSet<String>,
    /// Whether only marked events are shown.
    pub only: bool,
}

/// State of the detail pane.
#[derive(Debug, Clone, Default)]
pub struct DetailState {
    /// Event shown instead of the selection, after a jump to an event not in the list.
    pub pinned: Option<u32>,
    /// First visible line.
    pub scroll: usize,
    /// Selected entry among the related events.
    pub related: usize,
    /// Events shown before each jump, for going back.
    pub history: Vec<u32>,
    /// Whether sources show their file names as well as their citations.
    pub files: bool,
}

/// The explorer's whole state.
#[derive(Debug)]
pub struct App {
    /// All events, in date order; indices into it are `u32` everywhere. Events read from
    /// a parsed cache are decoded as they are drawn.
    pub events: Events,
    /// Search index over `events`, shared with the matcher thread. What the list needs of
    /// every event (ids, dates) is read from it, so that no event is decoded to be counted.
    pub index: Arc<Index>,
    /// The day that separates past from future.
    pub today: NaiveDate,
    /// Language of titles and summaries.
    pub lang: Lang,
    /// Whether to use colours.
    pub color: bool,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Where each part of the screen is, at `size` in the current mode and focus.
    pub areas: Areas,
    /// What typed keys go to.
    pub mode: Mode,
    /// Which pane has focus.
    pub focus: Focus,
    /// Order of the events shown.
    pub order: SortOrder,
    /// The filter query and its matching state.
    pub filter: FilterState,
    /// Events matching the query, before the marked-only filter.
    pub hits: Vec<u32>,
    /// Events shown, in display order.
    pub shown: Vec<u32>,
    /// Rows of the timeline: headers, the today divider and events.
    pub timeline: Arc<Timeline>,
    /// Position in `shown` of the selected event.
    pub selected: usize,
    /// First timeline row on screen.
    pub offset: usize,
    /// Detail pane state.
    pub detail: DetailState,
    /// Marked events.
    pub marks: Marks,
    /// Help overlay state.
    pub help: HelpState,
    /// A note shown in the status line until the next key.
    pub notice: Option<String>,
    /// Problems found while loading.
    pub warnings: Vec<String>,
    /// What is being loaded in the background, shown in the status line until it lands.
    pub loading: Option<String>,
    /// Whether the detail pane waits for the selection to rest before following it, so
    /// that holding a key over a slow link sends only the moving highlight.
    pub detail_delay: bool,
    /// The event the detail pane keeps showing while the selection moves (see
    /// `detail_delay`); `None` when the pane follows the selection.
    pub detail_frozen: Option<u32>,
    /// How the explorer ended, once it has: the run loop stops then.
    pub ending: Option<Ending>,
    /// History, views, pick mode, what is new: see [`Start`].
    pub workflow: Workflow,
    effects: Vec<Effect>,
    anchor: Option<u32>,
    /// The rows of every event in date order, kept once built: clearing the query of a
    /// large archive then costs no rebuild.
    full_timeline: Option<Arc<Timeline>>,
}

impl App {
    /// A new explorer over `events`, in date order and sanitised as the loader gives them
    /// (text is cleaned once, when it is read: see `model::load`).
    pub fn new(events: Vec<Event>, options: Options) -> App {
        let index = Arc::new(Index::new(&events));
        App::with_index(Events::from(events), index, options)
    }

    /// A new explorer over `events` and their search `index` (made from the same events).
    pub fn with_index(events: Events, index: Arc<Index>, options: Options) -> App {
        let hits: Vec<u32> = (0..events.len() as u32).collect();
        let notice = match options.warnings.len() {
            0 => None,
            1 => options.warnings.first().cloned(),
            n => Some(format!("{n} load warnings (? shows them)")),
        };
        let mut app = App {
            events,
            index,
            today: options.today,
            lang: options.lang,
            color: options.color,
            size: (80, 24),
            areas: Areas::default(),
            mode: Mode::Normal,
            focus: Focus::List,
            order: options.order,
            filter: FilterState::default(),
            hits,
            shown: Vec::new(),
            timeline: Arc::default(),
            selected: 0,
            offset: 0,
            detail: DetailState::default(),
            marks: Marks {
                ids: options.marks,
                ..Marks::default()
            },
            help: HelpState::default(),
            notice,
            warnings: options.warnings,
            loading: None,
            detail_delay: options.detail_delay,
            detail_frozen: None,
            ending: None,
            workflow: Workflow::default(),
            effects: Vec::new(),
            anchor: None,
            full_timeline: None,
        };
        app.rebuild(None);
        app.areas = app.layout(app.focus);
        app
    }

    /// Applies one message; returns whether anything visible may have changed.
    pub fn update(&mut self, message: Message) -> bool {
        let dismissed = message.is_command() && self.notice.take().is_some();
        let changed = self.apply(message) | dismissed;
        self.areas = self.layout(self.focus);
        if changed {
            self.keep_selection_visible();
        }
        changed
    }

    /// Takes the work asked for since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Runs pending match requests on this thread and applies their results.
    ///
    /// For tests and for callers that prefer synchronous matching; other effects stay queued.
    pub fn settle(&mut self) {
        let effects = self.take_effects();
        for effect in effects {
            match effect {
                Effect::Match(request) => {
                    if let Some(matches) = matcher::run(&request) {
                        self.update(matches.into_message(request.generation));
                    }
                }
                other => self.effects.push(other),
            }
        }
    }

    /// The event drawn in the detail pane: the one it keeps while the selection moves,
    /// else [`App::current_event`].
    pub fn detail_event(&self) -> Option<u32> {
        self.detail_frozen.or_else(|| self.current_event())
    }

    /// Index of the event the detail pane shows: a pinned jump target, else the selection.
    pub fn current_event(&self) -> Option<u32> {
        self.detail
            .pinned
            .or_else(|| self.shown.get(self.selected).copied())
    }

    /// The event at `index`.
    pub fn event(&self, index: u32) -> Option<&Event> {
        self.events.get(index as usize)
    }

    /// The events with these ids: a set looked up by id once, rather than every result's id
    /// read (a million results would hold the loop).
    fn events_named(&self, ids: &BTreeSet<String>) -> std::collections::HashSet<u32> {
        ids.iter().filter_map(|id| self.index.find_id(id)).collect()
    }

    /// Whether an event is marked.
    pub fn is_marked(&self, index: u32) -> bool {
        self.index
            .id_of(index as usize)
            .is_some_and(|id| self.marks.ids.contains(id))
    }

    /// Whether panes sit side by side at the current width.
    pub fn is_wide(&self) -> bool {
        layout::is_wide(self.size.0)
    }

    /// The layout at the current size and mode as it would be with `focus` (narrow screens
    /// show the detail only when it has focus).
    pub fn layout(&self, focus: Focus) -> Areas {
        layout::areas(Screen {
            width: self.size.0,
            height: self.size.1,
            mode: self.mode,
            focus,
            has_event: self.current_event().is_some(),
        })
    }

    /// Recomputes `shown` and the timeline rows, keeping `keep` selected when still shown.
    fn rebuild(&mut self, keep: Option<u32>) {
        self.rebuild_with(keep, None);
    }

    /// Like `rebuild`, with the rows `built` for the results off the run loop, used when
    /// they are the rows of what is shown.
    fn rebuild_with(&mut self, keep: Option<u32>, built: Option<Arc<Timeline>>) {
        // An empty list selects nothing; remember the event for when the list fills again.
        let keep = keep.or(self.anchor);
        self.anchor = keep;
        self.shown = if self.marks.only {
            let marked = self.events_named(&self.marks.ids);
            self.hits
                .iter()
                .copied()
                .filter(|i| marked.contains(i))
                .collect()
        } else {
            self.hits.clone()
        };
        let grouped = self.order == SortOrder::Date || self.filter.query.is_empty();
        let every = self.shown.len() == self.events.len();
        let full = every.then(|| self.full_timeline.clone()).flatten();
        self.timeline = match built.or(full) {
            Some(rows) if rows.fits(&self.shown, self.today, grouped) => rows,
            _ => Arc::new(Timeline::build(
                &self.index,
                &self.shown,
                self.today,
                grouped,
            )),
        };
        if every && grouped {
            self.full_timeline = Some(Arc::clone(&self.timeline));
        }
        self.selected = match keep {
            Some(event) => self
                .shown
                .iter()
                .position(|&i| i == event)
                // In date order the nearest later event is a natural landing place.
                .or_else(|| self.shown.iter().position(|&i| i > event))
                .unwrap_or(self.shown.len().saturating_sub(1)),
            None => 0,
        };
        if self.detail.pinned.is_some_and(|p| self.shown.contains(&p)) {
            self.detail.pinned = None;
        }
    }
}
