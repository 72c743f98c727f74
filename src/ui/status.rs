//! The status line: counts, year span, filter, sort, language and notes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::{App, SortOrder};
use crate::model::Lang;
use crate::present::chrome::chrome;

/// Draws the status line, e.g. `12/31 events  2015-2026  filter: cyber  ? help`.
pub fn render_status(frame: &mut Frame, app: &App, area: Rect) {
    if area.is_empty() {
        return;
    }
    let theme = Theme::new(app.color);
    let w = chrome(app.lang);
    let mut parts = vec![format!(
        "{}/{} {}",
        app.shown.len(),
        app.events.len(),
        w.events
    )];
    let years = &app.timeline.years;
    let first = years.iter().find(|(_, n)| *n > 0).map(|(y, _)| *y);
    let last = years.iter().rev().find(|(_, n)| *n > 0).map(|(y, _)| *y);
    match (first, last) {
        (Some(a), Some(b)) if a != b => parts.push(format!("{a}-{b}")),
        (Some(a), _) => parts.push(a.to_string()),
        _ => {}
    }
    // Under a query that does not parse, the list still shows the last valid query's
    // results: say which, never the broken text.
    match (&app.filter.error, app.filter.valid_text.is_empty()) {
        (Some(_), true) => parts.push(format!("{} {}", w.all_events, w.fix_query)),
        (Some(_), false) => parts.push(format!(
            "{} {} {}",
            w.results_of,
            shortened(&app.filter.valid_text),
            w.fix_query
        )),
        (None, _) if !app.filter.query.is_empty() => {
            parts.push(format!("{} {}", w.filter, shortened(&app.filter.text)))
        }
        (None, _) => {}
    }
    if app.order == SortOrder::Relevance {
        parts.push(w.best_match.into());
    }
    if app.marks.only {
        parts.push(w.marked_only.into());
    }
    let unreadable = app.events.unreadable();
    if unreadable > 0 {
        parts.push(format!("{unreadable} {}", w.unreadable));
    }
    if app.lang == Lang::Fr {
        parts.push("FR".into());
    }
    let mut spans = vec![Span::raw(parts.join("  "))];
    if let Some(loading) = &app.loading {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(loading.clone(), theme.notice));
    }
    if let Some(notice) = &app.notice {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(notice.clone(), theme.notice));
    }
    let left = Line::from(spans);
    let hint = Line::from(vec![
        Span::styled("?", theme.key),
        Span::styled(w.help, theme.dim),
    ]);
    let hint_width = hint.width() as u16;
    if (left.width() as u16).saturating_add(hint_width + 2) <= area.width {
        let right = Rect::new(area.right() - hint_width, area.y, hint_width, 1);
        frame.render_widget(hint, right);
    }
    frame.render_widget(left, area);
}

/// A query as the status line shows it: at most 40 characters, so notes after it (a paste
/// cut short, a copy) stay in view; the filter bar shows it whole.
fn shortened(query: &str) -> String {
    const MAX: usize = 40;
    if query.chars().count() <= MAX {
        query.to_string()
    } else {
        let head: String = query.chars().take(MAX - 1).collect();
        format!("{head}…")
    }
}
