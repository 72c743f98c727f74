//! The detail pane: the event's detail document, styled and scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::app::{App, Focus};
use crate::present::detail::{DocLine, Role, Tone};
use crate::present::words::labels;

/// Draws the detail pane.
pub fn render_detail(frame: &mut Frame, app: &App, outer: Rect, inner: Rect, bordered: bool) {
    if outer.is_empty() {
        return;
    }
    let theme = Theme::new(app.color);
    if bordered {
        let focused = matches!(app.focus, Focus::Detail | Focus::Related);
        frame.render_widget(
            theme.pane(
                crate::present::chrome::chrome(app.lang).detail_pane,
                focused,
            ),
            outer,
        );
    }
    let detail = app.detail_lines(inner.width);
    if detail.lines.is_empty() {
        frame.render_widget(Line::styled(labels(app.lang).nothing, theme.dim), inner);
        return;
    }
    let scroll = app
        .detail
        .scroll
        .min(detail.lines.len().saturating_sub(usize::from(inner.height)));
    let visible: Vec<Line> = detail
        .lines
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .map(|line| styled(line, &theme))
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// A document line in the theme's styles.
pub fn styled(line: &DocLine, theme: &Theme) -> Line<'static> {
    let line_role = line.role;
    let spans: Vec<Span> = line
        .parts
        .iter()
        .map(|part| {
            let mut style = tone(part.tone, theme);
            if part.strong {
                style = style.add_modifier(ratatui::style::Modifier::BOLD);
            }
            if part.matched {
                style = style.patch(theme.matched);
            }
            Span::styled(part.text.clone(), style)
        })
        .collect();
    let line = Line::from(spans);
    if matches!(line_role, Role::Related { selected: true, .. }) {
        line.patch_style(theme.selected)
    } else {
        line
    }
}

/// The style of a tone.
fn tone(tone: Tone, theme: &Theme) -> Style {
    match tone {
        Tone::Plain => Style::new(),
        Tone::Dim => theme.dim,
        Tone::Label => theme.label,
        Tone::Title => theme.title,
        Tone::PlannedTitle => theme.title.patch(theme.planned),
        Tone::Kind(kind) => theme.kind(kind),
    }
}
