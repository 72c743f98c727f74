//! The filter bar: the query being typed (scrolled so the cursor stays in view), its parse
//! error, or a hint.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::{App, Mode};
use crate::present::chrome::chrome;

/// Draws the filter bar and, while typing, places the cursor in the query.
pub fn render_filter_bar(frame: &mut Frame, app: &App, area: Rect) {
    if area.is_empty() {
        return;
    }
    let theme = Theme::new(app.color);
    if app.mode == Mode::Name {
        return render_name_prompt(frame, app, area, &theme);
    }
    let typing = app.mode == Mode::Filter;
    let text = &app.filter.text;
    let w = chrome(app.lang);
    let mut spans = vec![Span::styled("/ ", theme.key)];
    let room = usize::from(area.width).saturating_sub(2);
    let window = app.filter.editor.window(room);
    if text.is_empty() && !typing {
        spans.push(Span::styled(w.filter_hint, theme.dim));
    } else {
        let shown_whole = window.scroll == 0 && window.text.width() == text.width();
        spans.push(Span::raw(window.text.clone()));
        // Notes follow the query only when all of it is in view.
        let left = room.saturating_sub(window.text.width());
        let note = if let Some(error) = &app.filter.error {
            Some((
                format!("  ! {} ({} {})", error.message, w.column, error.column + 1),
                theme.error,
            ))
        } else if typing && shown_whole {
            {
                let hint = if app.workflow.pick {
                    w.pick_hint
                } else {
                    w.typing_hint
                };
                Some((hint.to_string(), theme.dim))
            }
        } else {
            None
        };
        // A narrow bar keeps at least where the error is.
        let short = app
            .filter
            .error
            .as_ref()
            .map(|e| format!("  ! col {}", e.column + 1));
        let fitting = note
            .filter(|(n, _)| shown_whole && n.width() <= left)
            .or_else(|| {
                short
                    .filter(|n| n.width() <= left)
                    .map(|n| (n, theme.error))
            });
        if let Some((note, style)) = fitting {
            spans.push(Span::styled(note, style));
        }
    }
    frame.render_widget(Line::from(spans), area);
    if typing {
        let x = area.x.saturating_add(2 + window.cursor as u16);
        if x < area.right() {
            frame.set_cursor_position(Position::new(x, area.y));
        }
    }
}

/// After `S`: the prompt for the view's name, the cursor in it.
fn render_name_prompt(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let label = "save view as @";
    let room = usize::from(area.width).saturating_sub(label.len());
    let window = app.workflow.name.window(room);
    let line = Line::from(vec![
        Span::styled(label, theme.key),
        Span::raw(window.text.clone()),
        Span::styled("  Enter: save  Esc: cancel", theme.dim),
    ]);
    frame.render_widget(line, area);
    let x = area.x.saturating_add((label.len() + window.cursor) as u16);
    if x < area.right() {
        frame.set_cursor_position(Position::new(x, area.y));
    }
}
