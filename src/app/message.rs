//! The messages that change the explorer, and the effects it asks the run loop for.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::MatchRequest;
use super::rows::Timeline;
use crate::model::Events;
use crate::search::Index;

/// Everything that can happen to the explorer, as plain data: the run loop turns key
/// presses into these through the keymap (`keys::to_message`), and mouse events into
/// [`Message::Click`] and [`Message::Wheel`].
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A left click at a cell: selects a row, opens it, focuses the filter or a related event.
    Click {
        /// Column of the cell.
        column: u16,
        /// Row of the cell.
        row: u16,
    },
    /// A wheel notch over a cell: scrolls the pane under it.
    Wheel {
        /// Column of the cell.
        column: u16,
        /// Row of the cell.
        row: u16,
        /// Whether it scrolls down.
        down: bool,
    },
    /// Select the previous row, scroll up, or move up in the focused pane.
    MoveUp,
    /// Select the next row, scroll down, or move down in the focused pane.
    MoveDown,
    /// Move up by a screenful.
    PageUp,
    /// Move down by a screenful.
    PageDown,
    /// Move up by half a screenful (Ctrl-U, as in less and vi).
    HalfPageUp,
    /// Move down by half a screenful (Ctrl-D, as in less and vi).
    HalfPageDown,
    /// Go to the first event (or the top of the detail).
    GoTop,
    /// Go to the last event (or the bottom of the detail).
    GoBottom,
    /// Select the first event of the previous year.
    PrevYear,
    /// Select the first event of the next year.
    NextYear,
    /// Open the selected event's detail, or jump to the selected related event.
    Open,
    /// Leave the detail pane, or clear the filter from the list.
    Back,
    /// Return to the event shown before the last jump to a related event.
    GoBack,
    /// Move focus: list, detail, related events.
    FocusNext,
    /// Move focus backwards.
    FocusPrev,
    /// Focus the filter bar.
    StartFilter,
    /// Add a character to the filter query, at the cursor.
    TypeFilter(char),
    /// Edit the filter query: move the cursor, delete a word...
    EditFilter(crate::editor::Edit),
    /// Up in the filter bar: an older query when the bar is empty or the history is being
    /// walked, else the previous event.
    FilterUp,
    /// Down in the filter bar: a newer query while walking the history, else the next event.
    FilterDown,
    /// Ctrl-R: the next older query from the history.
    RecallOlder,
    /// Text pasted in the terminal (bracketed paste): it goes into the filter, once.
    Paste(String),
    /// Ctrl-L: repaint every cell.
    Repaint,
    /// `y`: the next key says what to copy.
    StartCopy,
    /// Copy this about the current event (`None`: nothing, `y` was cancelled).
    Copy(Option<super::CopyWhat>),
    /// `Y`: copy the command line that reopens the current view.
    CopyCommandLine,
    /// `S`: start naming the current query to save it as a view.
    StartSaveView,
    /// Edit the view's name being typed.
    EditName(crate::editor::Edit),
    /// Enter after `S`: save the query under the name typed.
    SaveView,
    /// Esc after `S`: save nothing.
    CancelSaveView,
    /// Events new or changed since the last run, counted at start.
    News(crate::saved::seen::News),
    /// Delete the last character of the filter query.
    DeleteFilterChar,
    /// Empty the filter query, staying in the filter bar.
    ClearFilterText,
    /// Esc in the filter bar: clear the query, or leave the bar when already empty.
    EscapeFilter,
    /// Enter in the filter bar: keep the filter and go to the list.
    SubmitFilter,
    /// Switch between date order and best match first.
    ToggleOrder,
    /// Mark or unmark the event shown in the detail.
    ToggleMark,
    /// Show only marked events, or all again.
    ToggleMarkedOnly,
    /// Switch titles, summaries and labels between English and French.
    ToggleLang,
    /// Show or hide the file names of sources in the detail.
    ToggleFiles,
    /// Open or close the help overlay.
    ToggleHelp,
    /// Add a character to the help filter.
    TypeHelp(char),
    /// Delete the last character of the help filter.
    DeleteHelpChar,
    /// Esc in help: clear its filter, or close it when already empty.
    EscapeHelp,
    /// Results of match request `generation`: event indices in display order.
    ShowMatches {
        /// The request these results answer; older ones are dropped.
        generation: u64,
        /// Matching event indices.
        hits: Vec<u32>,
        /// The best match, when known: the selection moves to it when the query changed.
        best: Option<u32>,
        /// The rows of `hits`, built off the run loop (`None`: built when applied).
        timeline: Option<Arc<Timeline>>,
    },
    /// The marks as saved on disk, merged with other explorers' marks.
    SyncMarks(BTreeSet<String>),
    /// Show a short note in the status line until the next key.
    Notify(String),
    /// How far the help can scroll at the terminal's size (sent by the run loop while the
    /// help is open): its scroll stops there.
    HelpScrollLimit(usize),
    /// A problem met in the background (a state file not saved): kept with the load warnings
    /// that help lists, and shown in the status line unless a note is already there, so an
    /// earlier warning is never hidden by a later one.
    Warn(String),
    /// The terminal failed; quit with this error.
    Fail(String),
    /// Quit the explorer.
    Quit,
    /// The selection has rested: the detail pane catches up with it.
    SettleDetail,
    /// Events are loading in the background; the status line says this until they land.
    Loading(String),
    /// Events loaded in the background replace the ones shown.
    ReplaceEvents(Box<EventSet>),
    /// A signal (SIGTERM, SIGHUP, SIGINT) asks the explorer to end: save and quit.
    Terminate(i32),
    /// Ctrl-Z or SIGTSTP: hand the terminal back to the shell and stop until `fg`.
    Suspend,
    /// SIGCONT: the process was stopped and continues; the screen needs a full redraw.
    Resume,
}

impl Message {
    /// Whether the user asked for it (a key or a click), which dismisses the status note.
    pub fn is_command(&self) -> bool {
        !matches!(
            self,
            Message::Resize(..)
                | Message::Wheel { .. }
                | Message::ShowMatches { .. }
                | Message::SyncMarks(_)
                | Message::Notify(_)
                | Message::HelpScrollLimit(_)
                | Message::Warn(_)
                | Message::Fail(_)
                | Message::SettleDetail
                | Message::ReplaceEvents(_)
                | Message::Loading(_)
                | Message::Terminate(_)
                | Message::Resume
                | Message::News(_)
        )
    }
}

/// How the explorer ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal ended it.
    Signal(i32),
    /// The terminal failed, for this reason.
    Failure(String),
}

/// Events read by the background loader, with what the explorer needs built off the
/// input path: the search index (and its id lookup).
#[derive(Debug, Clone)]
pub struct EventSet {
    /// Every event, in date order, already sanitised by the loader (held, or decoded from
    /// the parsed cache as they are drawn).
    pub events: Events,
    /// Search index over `events`.
    pub index: Arc<Index>,
    /// Problems found while loading.
    pub warnings: Vec<String>,
    /// The rows of every event in date order, when the loader built them.
    pub timeline: Option<Arc<Timeline>>,
}

impl EventSet {
    /// Events with their index; `warnings` are the load's problems.
    pub fn new(events: impl Into<Events>, index: Index, warnings: Vec<String>) -> EventSet {
        EventSet {
            events: events.into(),
            index: Arc::new(index),
            warnings,
            timeline: None,
        }
    }
}

impl PartialEq for EventSet {
    /// Two loads are the same when they share their index (events are never compared
    /// one by one: there may be a million).
    fn eq(&self, other: &EventSet) -> bool {
        Arc::ptr_eq(&self.index, &other.index)
    }
}

/// Work the run loop must do for the model.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Run a match on the worker thread.
    Match(MatchRequest),
    /// Save the marks (merging with the file on disk).
    SaveMarks,
    /// Restore the terminal, stop the process, and take the terminal back when continued.
    Suspend,
    /// Set the terminal's modes again and redraw every cell.
    Redraw,
    /// Put this text on the clipboard (OSC 52) and say so with this note.
    Copy {
        /// The text.
        text: String,
        /// What the status line says once it is sent.
        note: String,
    },
    /// Save this query in the history file.
    SaveQuery(String),
    /// Save `query` as the view `name` in the views file.
    SaveView {
        /// The view's name.
        name: String,
        /// Its query.
        query: String,
    },
}
