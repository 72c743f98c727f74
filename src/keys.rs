//! Key bindings: a pure map from a key press, in a mode, to a `Message`, read from the
//! keymap table; and mouse events as plain messages.

mod binding;
mod help;
mod keymap;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use crate::app::{App, Message, Mode};

pub use binding::{Binding, Key, Scope, Section};
pub use help::{HelpRow, QUERY_ROWS, TEXT_ROWS, help_rows, markdown_tables};
pub use keymap::KEYMAP;

/// The message a key press means in `mode`, if any.
///
/// In the filter and help modes, printable characters that no binding of the mode takes
/// are text, never commands.
pub fn to_message(mode: Mode, event: KeyEvent) -> Option<Message> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let key = key_of(event)?;
    let bound = KEYMAP
        .iter()
        .find(|b| applies(b.scope, mode) && b.keys.contains(&key))
        .map(|b| b.message.clone());
    if bound.is_some() {
        return bound;
    }
    match (mode, key) {
        (Mode::Filter, Key::Char(c)) => Some(Message::TypeFilter(c)),
        (Mode::Help, Key::Char(c)) => Some(Message::TypeHelp(c)),
        (Mode::Name, Key::Char(c)) => Some(Message::EditName(crate::editor::Edit::Insert(c))),
        // Any other key after `y` copies nothing.
        (Mode::Copy, _) => Some(Message::Copy(None)),
        _ => None,
    }
}

/// Applies a key press to the explorer, as the run loop does: through the keymap, in the
/// explorer's mode of the moment. Returns whether anything visible may have changed.
pub fn press(app: &mut App, key: KeyEvent) -> bool {
    to_message(app.mode, key).is_some_and(|m| app.update(m))
}

/// Whether a binding of `scope` applies in `mode`.
pub fn applies(scope: Scope, mode: Mode) -> bool {
    match scope {
        Scope::Everywhere => true,
        Scope::Normal => mode == Mode::Normal,
        Scope::Filter => mode == Mode::Filter,
        Scope::Help => mode == Mode::Help,
        Scope::Copy => mode == Mode::Copy,
        Scope::Browse => matches!(mode, Mode::Normal | Mode::Help),
        Scope::Name => mode == Mode::Name,
    }
}

/// The key as the keymap names it. Alt with Control belongs to the terminal or window
/// manager; Alt alone (Esc then the key) is the line editor's word keys.
fn key_of(event: KeyEvent) -> Option<Key> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    if event.modifiers.contains(KeyModifiers::ALT) {
        return match event.code {
            _ if ctrl => None,
            KeyCode::Char(c) => Some(Key::Alt(c.to_ascii_lowercase())),
            code => Some(Key::AltCode(code)),
        };
    }
    Some(match event.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) => Key::Char(c),
        code => Key::Code(code),
    })
}

/// The message of a mouse event: a left click or a wheel notch at a cell.
pub fn mouse_message(event: MouseEvent) -> Option<Message> {
    let (column, row) = (event.column, event.row);
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Message::Click { column, row }),
        MouseEventKind::ScrollDown => Some(Message::Wheel {
            column,
            row,
            down: true,
        }),
        MouseEventKind::ScrollUp => Some(Message::Wheel {
            column,
            row,
            down: false,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
