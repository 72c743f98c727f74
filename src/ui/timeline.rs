//! The timeline list: year and month headers, the today divider, event rows and a scrollbar.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::span::{fit, highlighted};
use super::theme::{Theme, kind_code};
use crate::app::{App, Focus, Mode, Row};
use crate::model::Status;
use crate::present::chrome::chrome;
use crate::present::{matched, words};

/// Widest date column; longer labels (`2023-06..2025-01`) are cut.
const DATE_WIDTH: usize = 16;
/// Below this many columns, rows leave out the date.
const NARROW: u16 = 36;

/// Draws the timeline into `outer` (its border) and `inner` (its rows).
pub fn render_timeline(frame: &mut Frame, app: &App, outer: Rect, inner: Rect, bordered: bool) {
    if outer.is_empty() {
        return;
    }
    let theme = Theme::new(app.color);
    if bordered {
        frame.render_widget(
            theme.pane(chrome(app.lang).timeline_pane, app.focus == Focus::List),
            outer,
        );
    }
    if app.shown.is_empty() {
        frame.render_widget(Line::styled(empty_note(app), theme.dim), inner);
        return;
    }
    let height = usize::from(inner.height);
    let rows = &app.timeline.rows;
    let offset = app.offset.min(rows.len().saturating_sub(1));
    let visible = &rows[offset..rows.len().min(offset + height)];
    let date_width = visible
        .iter()
        .filter_map(|row| match row {
            Row::Event { event, .. } => app.event(*event).map(|e| e.date_label().len()),
            _ => None,
        })
        .max()
        .unwrap_or(4)
        .min(DATE_WIDTH);
    // On very narrow screens the title matters more than the date; headers give the year.
    let date_width = if inner.width < NARROW { 0 } else { date_width };
    for (i, row) in visible.iter().enumerate() {
        let area = Rect::new(inner.x, inner.y + i as u16, inner.width, 1);
        let line = match *row {
            Row::Year { year, count } => rule(
                format!("{year} ({count})"),
                theme.year,
                usize::from(inner.width),
            ),
            Row::Month { year, month } => {
                let name = words::month_name(month, app.lang);
                Line::styled(format!("  {name} {year}"), theme.month)
            }
            Row::Today(day) => rule(
                format!("{} {day}", chrome(app.lang).today),
                theme.today,
                usize::from(inner.width),
            ),
            Row::Event { event, .. } => {
                event_row(app, &theme, event, date_width, usize::from(inner.width))
            }
        };
        frame.render_widget(line, area);
        if matches!(*row, Row::Event { position, .. } if position == app.selected)
            && app.detail.pinned.is_none()
        {
            // The whole row, not only its text, shows the selection.
            let list_focused = app.focus == Focus::List && app.mode != Mode::Help;
            let style = if list_focused {
                theme.selected
            } else {
                theme.selected_unfocused
            };
            frame.buffer_mut().set_style(area, style);
        }
    }
    if rows.len() > height && outer.height > 2 {
        render_scrollbar(frame, &theme, (outer, inner, bordered), rows.len(), offset);
    }
}

/// What an empty list says: nothing loaded, no marked events, or nothing matches.
fn empty_note(app: &App) -> &'static str {
    let w = chrome(app.lang);
    if app.events.is_empty() {
        w.no_events
    } else if app.marks.only && !app.hits.is_empty() {
        // Only called for an empty list: with results, none of them is marked.
        w.no_marked
    } else {
        w.no_match
    }
}

/// The scrollbar: on the border when there is one, else in the last column.
fn render_scrollbar(
    frame: &mut Frame,
    theme: &Theme,
    (outer, inner, bordered): (Rect, Rect, bool),
    rows: usize,
    offset: usize,
) {
    let height = usize::from(inner.height);
    let mut state = ScrollbarState::new(rows.saturating_sub(height))
        .position(offset)
        .viewport_content_length(height);
    let (bar_area, margin) = if bordered {
        (outer, Margin::new(0, 1))
    } else {
        (
            Rect::new(inner.right(), inner.y, 1, inner.height),
            Margin::new(0, 0),
        )
    };
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .thumb_symbol("█")
            .style(theme.dim),
        bar_area.inner(margin),
        &mut state,
    );
}

/// Widest a header rule is drawn: past it a rule tells nothing more, and each of its cells
/// is three bytes to send over a slow link.
const RULE_WIDTH: usize = 36;

/// A header line: `── 2024 (9) ─────`, at most [`RULE_WIDTH`] columns.
fn rule(label: String, style: Style, width: usize) -> Line<'static> {
    let used = label.chars().count() + 4;
    let tail = "─".repeat(width.min(RULE_WIDTH).saturating_sub(used));
    Line::styled(format!("── {label} {tail}"), style)
}

/// An event's row cut to `width`; when the query matched outside the title shown, a dim
/// note at the end says where (`place`, `actor · tag`), and the title gives way to it.
fn event_row(
    app: &App,
    theme: &Theme,
    index: u32,
    date_width: usize,
    width: usize,
) -> Line<'static> {
    let Some(event) = app.event(index) else {
        return Line::default();
    };
    let (marks, note) = matched::in_row(&app.filter.query, event, app.lang);
    let line = event_line(app, theme, index, date_width, &marks);
    match note {
        Some(note) if width >= note.chars().count() + 24 => {
            let note = format!("  ({note})");
            let mut line = fit(line, width - note.chars().count());
            line.spans.push(Span::styled(note, theme.dim));
            line
        }
        _ => fit(line, width),
    }
}

/// The row's text: mark, date, kind code, title with `marks` (matched chars) lit, status.
fn event_line(
    app: &App,
    theme: &Theme,
    index: u32,
    date_width: usize,
    marks: &[usize],
) -> Line<'static> {
    let Some(event) = app.event(index) else {
        return Line::default();
    };
    let planned = event.status == Status::Planned;
    let base = if planned { theme.planned } else { Style::new() };
    let mark = if app.is_marked(index) { "*" } else { " " };
    let label: String = event.date_label().chars().take(date_width).collect();
    let mut spans = vec![
        Span::styled(mark, theme.mark),
        Span::styled(
            if date_width == 0 {
                String::new()
            } else {
                format!("{label:<date_width$} ")
            },
            theme.dim,
        ),
        Span::styled(kind_code(event.kind), theme.kind(event.kind)),
        Span::raw(if planned { " ~ " } else { "   " }),
    ];
    let title = event.title(app.lang);
    let chars: Vec<char> = title.chars().collect();
    spans.extend(highlighted(
        &chars,
        0..chars.len(),
        marks,
        base,
        theme.matched,
    ));
    // A status that may have changed since the sources says so: a planned date that has
    // passed is not news of the event.
    if let Some(note) = words::status_note(event, app.today, app.lang) {
        spans.push(Span::styled(format!(" ({note})"), theme.planned));
    }
    Line::from(spans)
}
