//! The filter bar: the query being typed, its parse error, or a hint.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::{App, Mode};
use crate::present::chrome::chrome;

/// Draws the filter bar and, while typing, places the cursor after the query.
pub fn render_filter_bar(frame: &mut Frame, app: &App, area: Rect) {
    if area.is_empty() {
        return;
    }
    let theme = Theme::new(app.color);
    let typing = app.mode == Mode::Filter;
    let text = &app.filter.text;
    let w = chrome(app.lang);
    let mut spans = vec![Span::styled("/ ", theme.key)];
    if text.is_empty() && !typing {
        spans.push(Span::styled(w.filter_hint, theme.dim));
    } else {
        spans.push(Span::raw(text.clone()));
        if let Some(error) = &app.filter.error {
            spans.push(Span::styled(
                format!("  ! {} ({} {})", error.message, w.column, error.column + 1),
                theme.error,
            ));
        } else if typing {
            spans.push(Span::styled(w.typing_hint, theme.dim));
        }
    }
    frame.render_widget(Line::from(spans), area);
    if typing {
        let x = area.x.saturating_add(2 + text.width() as u16);
        if x < area.right() {
            frame.set_cursor_position(Position::new(x, area.y));
        }
    }
}
