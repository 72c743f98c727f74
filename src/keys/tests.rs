//! Tests of the keymap: dispatch by mode, and that help and bindings never drift apart.

use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
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
    assert_eq!(normal(' '), Some(Message::PageDown));
    assert_eq!(normal('x'), None);
}

#[test]
fn ctrl_c_quits_and_ctrl_z_suspends_everywhere_and_esc_depends_on_mode() {
    for mode in [Mode::Normal, Mode::Filter, Mode::Help] {
        assert_eq!(to_message(mode, ctrl('c')), Some(Message::Quit));
        assert_eq!(to_message(mode, ctrl('z')), Some(Message::Suspend));
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
        Some(Message::FilterDown)
    );
    assert_eq!(to_message(Mode::Filter, ctrl('n')), Some(Message::MoveDown));
    assert_eq!(
        to_message(Mode::Filter, ctrl('u')),
        Some(Message::ClearFilterText)
    );
    // Ctrl-U and Ctrl-D move half a page, as in less and vi; Ctrl-B and Ctrl-F a whole one.
    assert_eq!(
        to_message(Mode::Normal, ctrl('u')),
        Some(Message::HalfPageUp)
    );
    assert_eq!(
        to_message(Mode::Normal, ctrl('d')),
        Some(Message::HalfPageDown)
    );
    assert_eq!(to_message(Mode::Normal, ctrl('b')), Some(Message::PageUp));
    assert_eq!(to_message(Mode::Normal, ctrl('x')), None);
}

#[test]
fn releases_and_alt_combinations_are_ignored() {
    let mut release = key(KeyCode::Char('q'));
    release.kind = KeyEventKind::Release;
    assert_eq!(to_message(Mode::Normal, release), None);
    let alt = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT);
    assert_eq!(to_message(Mode::Filter, alt), None);
}

/// Every key a binding names reaches that binding in its mode (no earlier binding hides it),
/// and every binding has a help text: what the help shows is what the keys do.
#[test]
fn every_bound_key_does_what_its_help_row_says() {
    for binding in KEYMAP {
        assert!(!binding.help.is_empty(), "{:?} has no help", binding.keys);
        let modes: &[Mode] = match binding.scope {
            Scope::Everywhere => &[Mode::Normal, Mode::Filter, Mode::Help],
            Scope::Normal => &[Mode::Normal],
            Scope::Filter => &[Mode::Filter],
            Scope::Help => &[Mode::Help],
            Scope::Copy => &[Mode::Copy],
            Scope::Browse => &[Mode::Normal, Mode::Help],
            Scope::Name => &[Mode::Name],
        };
        for &key in binding.keys {
            let (code, modifiers) = match key {
                Key::Char(c) => (KeyCode::Char(c), KeyModifiers::NONE),
                Key::Ctrl(c) => (KeyCode::Char(c), KeyModifiers::CONTROL),
                Key::Code(code) => (code, KeyModifiers::NONE),
                Key::Alt(c) => (KeyCode::Char(c), KeyModifiers::ALT),
                Key::AltCode(code) => (code, KeyModifiers::ALT),
            };
            for &mode in modes {
                assert_eq!(
                    to_message(mode, KeyEvent::new(code, modifiers)),
                    Some(binding.message.clone()),
                    "{} in {mode:?} is shadowed",
                    key.name()
                );
            }
        }
        let rows = help_rows();
        let names: Vec<String> = binding.keys.iter().map(|k| k.name()).collect();
        assert!(
            rows.iter()
                .any(|r| r.keys == names.join(" / ") && r.action == binding.help),
            "{names:?} has no help row"
        );
    }
}

/// Every key the help documents is bound: a help row either comes from a binding or
/// describes typing, the mouse, the row markers or the query syntax.
#[test]
fn every_documented_key_is_bound() {
    for row in help_rows() {
        let from_binding = KEYMAP.iter().any(|b| {
            b.help == row.action
                && b.keys
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(" / ")
                    == row.keys
        });
        let described = TEXT_ROWS
            .iter()
            .any(|(k, a, _)| *k == row.keys && *a == row.action)
            || QUERY_ROWS
                .iter()
                .any(|(k, a)| *k == row.keys && *a == row.action);
        assert!(
            from_binding || described,
            "{row:?} is documented but not bound"
        );
    }
}

/// The README's key tables are the ones the keymap produces.
#[test]
fn readme_key_tables_are_current() {
    let readme = include_str!("../../README.md");
    let tables = markdown_tables();
    assert!(
        readme.contains(&tables),
        "README.md's key tables are stale; replace them with:\n{tables}"
    );
}
