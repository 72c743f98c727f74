//! The help overlay: every key, filtered by what is typed, and any load warnings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::{App, Message, Mode};
use crate::keys::{HelpRow, help_rows};
use crate::text::fold;

/// Help rows matching the typed text (all of them when it is empty).
pub fn rows(query: &str) -> Vec<HelpRow> {
    let words: Vec<String> = query.split_whitespace().map(fold).collect();
    help_rows()
        .into_iter()
        .filter(|row| {
            let text = fold(&format!("{} {}", row.keys, row.action));
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect()
}

/// Widest keys column; longer key lists put the action on the next line.
const KEYS: usize = 24;

/// Draws the help overlay centred on `screen`.
pub fn render_help(frame: &mut Frame, app: &App, screen: Rect) {
    let (lines, area) = help_view(app, screen);
    let inner_height = usize::from(area.height.saturating_sub(2));
    let scroll = app.help.scroll.min(max_scroll(lines.len(), inner_height));
    // The filter line stays on top while the rows scroll.
    let mut visible = vec![lines[0].clone()];
    visible.extend(lines.into_iter().skip(1 + scroll));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(visible).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .border_style(Theme::new(app.color).border_focused)
                .title(" help: type to filter, q or Esc closes "),
        ),
        area,
    );
}

/// While the help is open, the message that tells the model how far the help can scroll
/// at the terminal's size, so that End and page keys stop at the last row, not past it
/// (the run loop sends it before each draw).
pub fn scroll_limit(app: &App) -> Option<Message> {
    if app.mode != Mode::Help {
        return None;
    }
    let screen = Rect::new(0, 0, app.size.0, app.size.1);
    let (lines, area) = help_view(app, screen);
    let limit = max_scroll(lines.len(), usize::from(area.height.saturating_sub(2)));
    Some(Message::HelpScrollLimit(limit))
}

/// Rows below the filter line that can scroll out of a box of `inner` rows.
fn max_scroll(lines: usize, inner: usize) -> usize {
    lines.saturating_sub(inner.max(1))
}

/// The overlay's lines (the filter line first) and its box on `screen`.
fn help_view(app: &App, screen: Rect) -> (Vec<Line<'static>>, Rect) {
    let theme = Theme::new(app.color);
    let entries = rows(&app.help.query);
    let mut lines = vec![Line::from(vec![
        Span::styled("filter: ", theme.dim),
        Span::raw(app.help.query.clone()),
        Span::styled("_", theme.key),
    ])];
    if entries.is_empty() {
        lines.push(Line::styled("no key matches", theme.dim));
    }
    // Narrow screens put the action under its keys rather than cut it.
    let stacked = usize::from(screen.width) < KEYS + 40;
    let width = screen.width.min(76);
    // Room for the action text: inside the borders, after the keys column.
    let action_width = usize::from(width.saturating_sub(2))
        .saturating_sub(KEYS)
        .max(8);
    let mut section = None;
    for entry in &entries {
        // A heading wherever the section changes, so keys read in groups.
        if section != Some(entry.section) {
            section = Some(entry.section);
            let title = entry.section.map_or("Query syntax", |s| s.title());
            lines.push(Line::styled(title, theme.month));
        }
        if stacked {
            lines.push(Line::styled(entry.keys.clone(), theme.key));
            lines.push(Line::raw(format!("  {}", entry.action)));
        } else {
            // Continuation lines are indented under the action, not under the keys.
            for (n, part) in crate::present::wrap::wrap_str(entry.action, action_width)
                .into_iter()
                .enumerate()
            {
                let keys = if n == 0 { entry.keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("{keys:<KEYS$}"), theme.key),
                    Span::raw(part),
                ]));
            }
        }
    }
    if app.help.query.is_empty() && !app.warnings.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Load warnings", theme.error));
        lines.extend(app.warnings.iter().map(|w| Line::raw(w.clone())));
    }
    // The box keeps the height of the whole help while its filter narrows the rows, so it
    // does not jump as the user types.
    let full = if app.help.query.is_empty() {
        lines.len()
    } else {
        lines.len().max(rows("").len() + 1)
    };
    let height = screen
        .height
        .min(u16::try_from(full).unwrap_or(u16::MAX).saturating_add(2));
    let area = Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    );
    (lines, area)
}
