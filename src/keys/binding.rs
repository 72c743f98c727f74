//! What a keymap row is made of: a key as bound, where it applies, its help section, and
//! the binding that ties them to a message.

use crossterm::event::KeyCode;

use crate::app::Message;

/// A key as bound: a character, a control combination, or a named key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character, as typed (shifted letters are upper case).
    Char(char),
    /// Control and a letter (lower case).
    Ctrl(char),
    /// A named key: arrows, Enter, Esc, F1...
    Code(KeyCode),
    /// Alt (or Esc) and a letter (lower case).
    Alt(char),
    /// Alt and a named key: Alt-Backspace.
    AltCode(KeyCode),
}

impl Key {
    /// The key as written in help: `j`, `Space`, `Ctrl-D`, `PgDn`, `S-Tab`, `F1`.
    pub fn name(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Alt(c) => format!("Alt-{}", c.to_ascii_uppercase()),
            Key::AltCode(code) => format!("Alt-{}", Key::Code(code).name()),
            Key::Code(code) => match code {
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::BackTab => "S-Tab".into(),
                KeyCode::F(n) => format!("F{n}"),
                other => format!("{other:?}"),
            },
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// In every mode.
    Everywhere,
    /// In the list and detail (keys are commands).
    Normal,
    /// In the filter bar (other characters are text).
    Filter,
    /// In the help overlay (other characters filter it).
    Help,
    /// After `y`, choosing what to copy.
    Copy,
    /// In the list, the detail and the help, not while typing in the filter bar.
    Browse,
    /// While typing a view's name after `S`.
    Name,
}

/// A group of bindings in the help and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Moving through the list and the detail.
    Move,
    /// Filtering, sorting, marking, language.
    Find,
    /// Help, quitting, suspending.
    Session,
    /// Keys of the filter bar.
    FilterBar,
    /// Keys of the help overlay.
    HelpOverlay,
}

impl Section {
    /// Every section, in display order.
    pub const ALL: [Section; 5] = [
        Section::Session,
        Section::Move,
        Section::Find,
        Section::FilterBar,
        Section::HelpOverlay,
    ];

    /// The section's title.
    pub fn title(self) -> &'static str {
        match self {
            Section::Move => "Moving",
            Section::Find => "Finding and marking",
            Section::Session => "Help and session",
            Section::FilterBar => "In the filter bar (after /)",
            Section::HelpOverlay => "In the help overlay (after ?)",
        }
    }
}

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

/// A row of the keymap, kept to one call so the table reads as a table.
pub(super) const fn bind(
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
