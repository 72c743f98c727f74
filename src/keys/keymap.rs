//! The keymap as data: every binding with its keys, the message it sends, where it applies,
//! its help text and section. Dispatch, the help overlay and the README's key tables are
//! all produced from [`KEYMAP`].

use crossterm::event::KeyCode;

pub use super::key::{Key, Scope, Section};
use crate::app::Message;

/// One binding: these keys, in this scope, send this message.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The keys, first the one shown first.
    pub keys: &'static [Key],
    /// Where it applies.
    pub scope: Scope,
    /// What it sends.
    pub message: Message,
    /// What it does, as the help says.
    pub help: &'static str,
    /// Its group in the help.
    pub section: Section,
}

const fn bind(
    keys: &'static [Key],
    scope: Scope,
    message: Message,
    help: &'static str,
    section: Section,
) -> Binding {
    Binding {
        keys,
        scope,
        message,
        help,
        section,
    }
}

use crate::app::CopyWhat;
use crate::editor::Edit as E;
use Key::{Alt, AltCode, Char as C, Code, Ctrl};
use Message as M;
use Scope::{Browse, Copy as AfterY, Everywhere, Filter, Help, Name, Normal};
use Section::{FilterBar, Find, HelpOverlay, Move, Session};

/// Every binding of the explorer. The first binding that matches a key in a mode wins.
pub static KEYMAP: &[Binding] = &[
    bind(&[Ctrl('c')], Everywhere, M::Quit, "quit", Session),
    bind(
        &[Ctrl('z')],
        Everywhere,
        M::Suspend,
        "suspend to the shell (fg resumes)",
        Session,
    ),
    bind(
        &[Ctrl('l')],
        Everywhere,
        M::Repaint,
        "repaint the whole screen (after other programs wrote on it)",
        Session,
    ),
    bind(
        &[Code(KeyCode::Left), Ctrl('b')],
        Filter,
        M::EditFilter(E::Left),
        "cursor one character left",
        FilterBar,
    ),
    bind(
        &[Code(KeyCode::Right), Ctrl('f')],
        Filter,
        M::EditFilter(E::Right),
        "cursor one character right",
        FilterBar,
    ),
    bind(
        &[Alt('b')],
        Filter,
        M::EditFilter(E::WordLeft),
        "cursor to the start of the word",
        FilterBar,
    ),
    bind(
        &[Alt('f')],
        Filter,
        M::EditFilter(E::WordRight),
        "cursor to the next word",
        FilterBar,
    ),
    bind(
        &[Code(KeyCode::Home), Ctrl('a')],
        Filter,
        M::EditFilter(E::Home),
        "cursor to the start",
        FilterBar,
    ),
    bind(
        &[Code(KeyCode::End), Ctrl('e')],
        Filter,
        M::EditFilter(E::End),
        "cursor to the end",
        FilterBar,
    ),
    bind(
        &[Code(KeyCode::Delete), Ctrl('d')],
        Filter,
        M::EditFilter(E::Delete),
        "delete the character under the cursor",
        FilterBar,
    ),
    bind(
        &[Ctrl('w')],
        Filter,
        M::EditFilter(E::DeleteTermBack),
        "delete the query term before the cursor",
        FilterBar,
    ),
    bind(
        &[AltCode(KeyCode::Backspace)],
        Filter,
        M::EditFilter(E::DeleteWordBack),
        "delete the word before the cursor",
        FilterBar,
    ),
    bind(
        &[Ctrl('k')],
        Filter,
        M::EditFilter(E::DeleteToEnd),
        "delete to the end of the query",
        FilterBar,
    ),
    bind(
        &[Ctrl('y')],
        Filter,
        M::EditFilter(E::Yank),
        "put back the text deleted last",
        FilterBar,
    ),
    bind(
        &[Code(KeyCode::Up)],
        Filter,
        M::FilterUp,
        "previous event; on an empty query, older queries",
        FilterBar,
    ),
    bind(
        &[Code(KeyCode::Down)],
        Filter,
        M::FilterDown,
        "next event; newer queries while walking them",
        FilterBar,
    ),
    bind(
        &[Ctrl('p')],
        Filter,
        M::MoveUp,
        "previous event while typing",
        FilterBar,
    ),
    bind(
        &[Ctrl('n'), Ctrl('j')],
        Filter,
        M::MoveDown,
        "next event while typing",
        FilterBar,
    ),
    bind(
        &[Ctrl('r')],
        Filter,
        M::RecallOlder,
        "older queries from the history",
        FilterBar,
    ),
    bind(
        &[C('y')],
        Normal,
        M::StartCopy,
        "copy: then i id, c citation, q quote (to the clipboard)",
        Find,
    ),
    bind(
        &[C('S')],
        Normal,
        M::StartSaveView,
        "save the query as a view, used as @name",
        Find,
    ),
    bind(
        &[Code(KeyCode::Enter)],
        Name,
        M::SaveView,
        "after S: save the view under the name typed",
        Find,
    ),
    bind(
        &[Code(KeyCode::Esc)],
        Name,
        M::CancelSaveView,
        "after S: save nothing",
        Find,
    ),
    bind(
        &[Code(KeyCode::Backspace)],
        Name,
        M::EditName(E::Backspace),
        "after S: delete the last character of the name",
        Find,
    ),
    bind(
        &[C('Y')],
        Normal,
        M::CopyCommandLine,
        "copy the command line that reopens this view",
        Find,
    ),
    bind(
        &[C('i'), C('y')],
        AfterY,
        M::Copy(Some(CopyWhat::Id)),
        "after y: copy the event's id",
        Find,
    ),
    bind(
        &[C('c')],
        AfterY,
        M::Copy(Some(CopyWhat::Citation)),
        "after y: copy its citation line",
        Find,
    ),
    bind(
        &[C('q')],
        AfterY,
        M::Copy(Some(CopyWhat::Quote)),
        "after y: copy its first quote",
        Find,
    ),
    bind(
        &[C('j')],
        Normal,
        M::MoveDown,
        "next event; scroll the detail down",
        Move,
    ),
    bind(
        &[C('k')],
        Normal,
        M::MoveUp,
        "previous event; scroll the detail up",
        Move,
    ),
    bind(&[Code(KeyCode::Down)], Browse, M::MoveDown, "as j", Move),
    bind(&[Code(KeyCode::Up)], Browse, M::MoveUp, "as k", Move),
    bind(
        &[C(' '), Ctrl('d'), Ctrl('f')],
        Normal,
        M::PageDown,
        "a page down",
        Move,
    ),
    bind(
        &[Ctrl('u'), Ctrl('b')],
        Normal,
        M::PageUp,
        "a page up",
        Move,
    ),
    bind(
        &[Code(KeyCode::PageDown)],
        Everywhere,
        M::PageDown,
        "a page down, also while typing",
        Move,
    ),
    bind(
        &[Code(KeyCode::PageUp)],
        Everywhere,
        M::PageUp,
        "a page up, also while typing",
        Move,
    ),
    bind(
        &[C('g'), Code(KeyCode::Home)],
        Normal,
        M::GoTop,
        "first event; top of the detail",
        Move,
    ),
    bind(
        &[C('G'), Code(KeyCode::End)],
        Normal,
        M::GoBottom,
        "last event; bottom of the detail",
        Move,
    ),
    bind(
        &[C(']')],
        Normal,
        M::NextYear,
        "first event of the next year",
        Move,
    ),
    bind(
        &[C('[')],
        Normal,
        M::PrevYear,
        "first event of the previous year",
        Move,
    ),
    bind(
        &[Code(KeyCode::Enter), C('l'), Code(KeyCode::Right)],
        Normal,
        M::Open,
        "open the detail; jump to the selected related event",
        Move,
    ),
    bind(
        &[Code(KeyCode::Esc), C('h'), Code(KeyCode::Left)],
        Normal,
        M::Back,
        "back to the list; in the list, twice, clear the filter",
        Move,
    ),
    bind(
        &[Code(KeyCode::Tab)],
        Normal,
        M::FocusNext,
        "focus list, detail, related events",
        Move,
    ),
    bind(
        &[Code(KeyCode::BackTab)],
        Normal,
        M::FocusPrev,
        "focus backwards",
        Move,
    ),
    bind(
        &[C('b'), Code(KeyCode::Backspace)],
        Normal,
        M::GoBack,
        "back to the event before the last jump",
        Move,
    ),
    bind(
        &[C('/')],
        Normal,
        M::StartFilter,
        "filter: each key narrows the list",
        Find,
    ),
    bind(
        &[C('s')],
        Normal,
        M::ToggleOrder,
        "sort: date order or best match first",
        Find,
    ),
    bind(
        &[C('m')],
        Normal,
        M::ToggleMark,
        "mark or unmark the event (marks are saved)",
        Find,
    ),
    bind(
        &[C('M')],
        Normal,
        M::ToggleMarkedOnly,
        "show only marked events, or all",
        Find,
    ),
    bind(
        &[C('L')],
        Normal,
        M::ToggleLang,
        "English or French: titles, summaries and labels",
        Find,
    ),
    bind(
        &[C('f')],
        Normal,
        M::ToggleFiles,
        "sources: show or hide their file names",
        Find,
    ),
    bind(
        &[C('?'), Code(KeyCode::F(1))],
        Normal,
        M::ToggleHelp,
        "this help",
        Session,
    ),
    bind(&[C('q')], Normal, M::Quit, "quit", Session),
    bind(
        &[Code(KeyCode::Esc)],
        Filter,
        M::EscapeFilter,
        "clear the query; again to leave the filter",
        FilterBar,
    ),
    bind(
        &[Code(KeyCode::Enter), Code(KeyCode::Tab)],
        Filter,
        M::SubmitFilter,
        "keep the filter and go to the list",
        FilterBar,
    ),
    bind(
        &[Code(KeyCode::Backspace)],
        Filter,
        M::DeleteFilterChar,
        "delete the character before the cursor",
        FilterBar,
    ),
    bind(
        &[Ctrl('u')],
        Filter,
        M::ClearFilterText,
        "delete to the start of the query (Up brings a cleared query back)",
        FilterBar,
    ),
    bind(
        &[Code(KeyCode::Esc)],
        Help,
        M::EscapeHelp,
        "clear the help filter; again to close",
        HelpOverlay,
    ),
    bind(
        &[Code(KeyCode::Enter), Code(KeyCode::F(1)), C('?')],
        Help,
        M::ToggleHelp,
        "close the help",
        HelpOverlay,
    ),
    bind(
        &[Code(KeyCode::Backspace)],
        Help,
        M::DeleteHelpChar,
        "delete the last character",
        HelpOverlay,
    ),
];
