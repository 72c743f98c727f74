//! The explorer's model: its state, the `Message`s that change it, and `update`, with no IO.
//!
//! Work that needs IO or threads (matching a query, saving marks) is asked for by pushing an
//! [`Effect`]; the run loop in `tui.rs` takes them with [`App::take_effects`].

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

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::keys;
use crate::model::{Event, Lang};
use crate::search::Index;

pub use filter::FilterState;
pub use help::{HELP, HelpEntry, HelpState};
pub use matcher::MatchRequest;
pub use message::{Effect, Loaded, Message};
pub use rows::{Row, Timeline};

/// What typed keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Keys are commands.
    #[default]
    Normal,
    /// Keys edit the filter query.
    Filter,
    /// The help overlay is open; keys filter its rows.
    Help,
}

/// Which pane the navigation keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The timeline list.
    #[default]
    List,
    /// The detail pane, which j/k scroll.
    Detail,
    /// The related events listed in the detail pane.
    Related,
}

/// Order of the events shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Chronological, grouped under year headers.
    #[default]
    Date,
    /// Best match first (only differs from date order when a query is set).
    BestMatch,
}

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
    pub order: Order,
    /// Ids of events marked in earlier sessions.
    pub marks: BTreeSet<String>,
    /// Problems found while loading, shown in the status line and help.
    pub warnings: Vec<String>,
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
}

/// The explorer's whole state.
#[derive(Debug)]
pub struct App {
    /// All events, in date order; indices into it are `u32` everywhere.
    pub events: Vec<Event>,
    /// Search index over `events`, shared with the matcher thread.
    pub index: Arc<Index>,
    /// Event index by id, to follow related links.
    pub ids: HashMap<String, u32>,
    /// The day that separates past from future.
    pub today: NaiveDate,
    /// Language of titles and summaries.
    pub lang: Lang,
    /// Whether to use colours.
    pub color: bool,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// What typed keys go to.
    pub mode: Mode,
    /// Which pane has focus.
    pub focus: Focus,
    /// Order of the events shown.
    pub order: Order,
    /// The filter query and its matching state.
    pub filter: FilterState,
    /// Events matching the query, before the marked-only filter.
    pub hits: Vec<u32>,
    /// Events shown, in display order.
    pub shown: Vec<u32>,
    /// Rows of the timeline: headers, the today divider and events.
    pub timeline: Timeline,
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
    /// Set when the explorer should exit.
    pub quit: bool,
    /// Why the explorer stopped, when it was a failure.
    pub failure: Option<String>,
    /// The signal that ended the explorer, when one did.
    pub terminated: Option<i32>,
    effects: Vec<Effect>,
    anchor: Option<u32>,
}

impl App {
    /// A new explorer over `events`, in date order and sanitised as the loader gives them
    /// (text is cleaned once, when it is read: see `model::load`).
    pub fn new(events: Vec<Event>, options: Options) -> App {
        let index = Arc::new(Index::new(&events));
        let ids = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i as u32))
            .collect();
        let hits: Vec<u32> = (0..events.len() as u32).collect();
        let notice = match options.warnings.len() {
            0 => None,
            1 => options.warnings.first().cloned(),
            n => Some(format!("{n} load warnings (? shows them)")),
        };
        let mut app = App {
            events,
            index,
            ids,
            today: options.today,
            lang: options.lang,
            color: options.color,
            size: (80, 24),
            mode: Mode::Normal,
            focus: Focus::List,
            order: options.order,
            filter: FilterState::default(),
            hits,
            shown: Vec::new(),
            timeline: Timeline::default(),
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
            detail_delay: false,
            detail_frozen: None,
            quit: false,
            failure: None,
            terminated: None,
            effects: Vec::new(),
            anchor: None,
        };
        app.rebuild(None);
        app
    }

    /// Applies one message; returns whether anything visible may have changed.
    pub fn update(&mut self, message: Message) -> bool {
        let changed = self.apply(message);
        if changed {
            self.keep_selection_visible();
        }
        changed
    }

    fn apply(&mut self, message: Message) -> bool {
        use Message as M;
        let moves_selection = matches!(
            message,
            M::MoveUp
                | M::MoveDown
                | M::PageUp
                | M::PageDown
                | M::GoTop
                | M::GoBottom
                | M::PrevYear
                | M::NextYear
                | M::TypeFilter(_)
                | M::DeleteFilterChar
                | M::ClearFilterText
                | M::ShowMatches { .. }
        );
        if matches!(message, M::Key(_) | M::Resize(..)) {
            // Keys become other messages, which decide; a resize changes no selection.
        } else if moves_selection && self.detail_delay && self.focus == Focus::List {
            if self.detail_frozen.is_none() {
                self.detail_frozen = self.current_event();
            }
        } else if !matches!(message, M::SettleDetail) {
            self.detail_frozen = None;
        }
        match message {
            M::SettleDetail => self.detail_frozen.take().is_some(),
            M::Key(key) => {
                let Some(next) = keys::to_message(self.mode, key) else {
                    return false;
                };
                self.notice = None;
                self.apply(next);
                true
            }
            M::Mouse(event) => self.on_mouse(event),
            M::Resize(width, height) => {
                self.size = (width, height);
                true
            }
            M::MoveUp => self.move_by(-1),
            M::MoveDown => self.move_by(1),
            M::PageUp => self.page(-1),
            M::PageDown => self.page(1),
            M::GoTop => self.go_end(false),
            M::GoBottom => self.go_end(true),
            M::PrevYear => self.jump_year(false),
            M::NextYear => self.jump_year(true),
            M::Open => self.open(),
            M::Back => self.back(),
            M::GoBack => self.go_back(),
            M::FocusNext => self.cycle_focus(true),
            M::FocusPrev => self.cycle_focus(false),
            M::StartFilter => {
                self.mode = Mode::Filter;
                true
            }
            M::TypeFilter(c) => self.type_filter(c),
            M::DeleteFilterChar => self.delete_filter_char(),
            M::ClearFilterText => self.set_filter_text(String::new()),
            M::EscapeFilter => self.escape_filter(),
            M::SubmitFilter => {
                self.mode = Mode::Normal;
                self.focus = Focus::List;
                true
            }
            M::ToggleOrder => self.toggle_order(),
            M::ToggleMark => self.toggle_mark(),
            M::ToggleMarkedOnly => {
                self.marks.only = !self.marks.only;
                let keep = self.current_event();
                self.rebuild(keep);
                true
            }
            M::ToggleLang => {
                self.lang = self.lang.toggled();
                true
            }
            M::ToggleHelp => {
                self.mode = if self.mode == Mode::Help {
                    Mode::Normal
                } else {
                    self.help = HelpState::default();
                    Mode::Help
                };
                true
            }
            M::TypeHelp('?') if self.help.query.is_empty() => {
                self.mode = Mode::Normal;
                true
            }
            M::TypeHelp(c) => {
                self.help.query.push(c);
                self.help.scroll = 0;
                true
            }
            M::DeleteHelpChar => {
                self.help.scroll = 0;
                self.help.query.pop().is_some()
            }
            M::EscapeHelp => {
                if self.help.query.is_empty() {
                    self.mode = Mode::Normal;
                } else {
                    self.help = HelpState::default();
                }
                true
            }
            M::ShowMatches { generation, hits } => self.show_matches(generation, hits),
            M::Loaded(loaded) => self.replace_events(*loaded),
            M::SyncMarks(ids) => {
                let changed = ids != self.marks.ids;
                self.marks.ids = ids;
                if changed && self.marks.only {
                    let keep = self.current_event();
                    self.rebuild(keep);
                }
                changed
            }
            M::Notify(text) => {
                self.notice = Some(text);
                true
            }
            M::Fail(reason) => {
                self.failure = Some(reason);
                self.quit = true;
                true
            }
            M::Quit => {
                self.quit = true;
                true
            }
            M::Terminate(signal) => {
                self.quit = true;
                self.terminated = Some(signal);
                // Marks are saved as they change; saving again retries a save that failed.
                if !self.marks.added.is_empty() || !self.marks.removed.is_empty() {
                    self.effects.push(Effect::SaveMarks);
                }
                true
            }
            M::Suspend => {
                self.effects.push(Effect::Suspend);
                true
            }
            M::Resume => {
                self.effects.push(Effect::Redraw);
                true
            }
        }
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
                    if let Some(hits) = matcher::run(&request) {
                        self.update(Message::ShowMatches {
                            generation: request.generation,
                            hits,
                        });
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

    /// Whether an event is marked.
    pub fn is_marked(&self, index: u32) -> bool {
        self.event(index)
            .is_some_and(|e| self.marks.ids.contains(&e.id))
    }

    /// Whether panes sit side by side at the current width.
    pub fn is_wide(&self) -> bool {
        self.size.0 >= crate::ui::layout::WIDE_COLUMNS
    }

    /// Recomputes `shown` and the timeline rows, keeping `keep` selected when still shown.
    fn rebuild(&mut self, keep: Option<u32>) {
        // An empty list selects nothing; remember the event for when the list fills again.
        let keep = keep.or(self.anchor);
        self.anchor = keep;
        self.shown = if self.marks.only {
            self.hits
                .iter()
                .copied()
                .filter(|&i| self.is_marked(i))
                .collect()
        } else {
            self.hits.clone()
        };
        let grouped = self.order == Order::Date || self.filter.query.is_empty();
        self.timeline = Timeline::build(&self.events, &self.shown, self.today, grouped);
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
