//! Key bindings: a pure map from a key press, in a mode, to a `Message`.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Message, Mode};

/// The message a key press means in `mode`, if any.
///
/// In the filter and help modes, printable characters are text, never commands.
pub fn to_message(mode: Mode, key: KeyEvent) -> Option<Message> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
        return Some(Message::Quit);
    }
    if ctrl && matches!(key.code, KeyCode::Char('z' | 'Z')) {
        return Some(Message::Suspend);
    }
    let common = match key.code {
        KeyCode::Up => Some(Message::MoveUp),
        KeyCode::Down => Some(Message::MoveDown),
        KeyCode::PageUp => Some(Message::PageUp),
        KeyCode::PageDown => Some(Message::PageDown),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    let text = match key.code {
        // Alt-combinations are commands of the terminal or window manager, not text.
        KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => Some(c),
        _ => None,
    };
    match mode {
        Mode::Filter => match key.code {
            KeyCode::Esc => Some(Message::EscapeFilter),
            KeyCode::Enter | KeyCode::Tab => Some(Message::SubmitFilter),
            KeyCode::Backspace => Some(Message::DeleteFilterChar),
            KeyCode::Char('u') if ctrl => Some(Message::ClearFilterText),
            _ => text.map(Message::TypeFilter),
        },
        Mode::Help => match key.code {
            KeyCode::Esc => Some(Message::EscapeHelp),
            KeyCode::Enter | KeyCode::F(1) => Some(Message::ToggleHelp),
            KeyCode::Backspace => Some(Message::DeleteHelpChar),
            _ => text.map(Message::TypeHelp),
        },
        Mode::Normal => normal(key.code, ctrl),
    }
}

fn normal(code: KeyCode, ctrl: bool) -> Option<Message> {
    use Message as M;
    let message = match code {
        KeyCode::Char('d') if ctrl => M::PageDown,
        KeyCode::Char('u') if ctrl => M::PageUp,
        KeyCode::Char('f') if ctrl => M::PageDown,
        KeyCode::Char('b') if ctrl => M::PageUp,
        _ if ctrl => return None,
        KeyCode::Char('q') => M::Quit,
        KeyCode::Char('j') => M::MoveDown,
        KeyCode::Char('k') => M::MoveUp,
        KeyCode::Char(' ') => M::PageDown,
        KeyCode::Char('g') | KeyCode::Home => M::GoTop,
        KeyCode::Char('G') | KeyCode::End => M::GoBottom,
        KeyCode::Char('[') => M::PrevYear,
        KeyCode::Char(']') => M::NextYear,
        KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => M::Open,
        KeyCode::Esc | KeyCode::Char('h') | KeyCode::Left => M::Back,
        KeyCode::Backspace | KeyCode::Char('b') => M::GoBack,
        KeyCode::Tab => M::FocusNext,
        KeyCode::BackTab => M::FocusPrev,
        KeyCode::Char('/') => M::StartFilter,
        KeyCode::Char('s') => M::ToggleOrder,
        KeyCode::Char('m') => M::ToggleMark,
        KeyCode::Char('M') => M::ToggleMarkedOnly,
        KeyCode::Char('L') => M::ToggleLang,
        KeyCode::Char('?') | KeyCode::F(1) => M::ToggleHelp,
        _ => return None,
    };
    Some(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn letters_are_text_in_the_filter() {
        for c in ['q', 'j', 'k', '/', '?', 'G', 'm', ' '] {
            assert_eq!(
                to_message(Mode::Filter, key(KeyCode::Char(c))),
                Some(Message::TypeFilter(c))
            );
        }
        assert_eq!(
            to_message(Mode::Help, key(KeyCode::Char('q'))),
            Some(Message::TypeHelp('q'))
        );
    }

    #[test]
    fn letters_are_commands_in_the_list() {
        let normal = |c| to_message(Mode::Normal, key(KeyCode::Char(c)));
        assert_eq!(normal('q'), Some(Message::Quit));
        assert_eq!(normal('j'), Some(Message::MoveDown));
        assert_eq!(normal('/'), Some(Message::StartFilter));
        assert_eq!(normal(']'), Some(Message::NextYear));
        assert_eq!(normal('L'), Some(Message::ToggleLang));
        assert_eq!(normal('x'), None);
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_esc_depends_on_mode() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Normal, Mode::Filter, Mode::Help] {
            assert_eq!(to_message(mode, ctrl_c), Some(Message::Quit));
        }
        assert_eq!(
            to_message(Mode::Filter, key(KeyCode::Esc)),
            Some(Message::EscapeFilter)
        );
        assert_eq!(
            to_message(Mode::Normal, key(KeyCode::Esc)),
            Some(Message::Back)
        );
        assert_eq!(
            to_message(Mode::Filter, key(KeyCode::Down)),
            Some(Message::MoveDown)
        );
    }

    #[test]
    fn ctrl_z_suspends_everywhere() {
        let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        for mode in [Mode::Normal, Mode::Filter, Mode::Help] {
            assert_eq!(to_message(mode, ctrl_z), Some(Message::Suspend));
        }
        assert_eq!(
            to_message(Mode::Filter, key(KeyCode::Char('z'))),
            Some(Message::TypeFilter('z'))
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut release = key(KeyCode::Char('q'));
        release.kind = KeyEventKind::Release;
        assert_eq!(to_message(Mode::Normal, release), None);
    }
}
