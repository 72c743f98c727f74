//! The detail pane: every field of one event, wrapped to the pane, with its related events.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::span::{highlighted, wrap};
use super::theme::{Theme, kind_code};
use crate::app::{App, Focus};
use crate::model::{Date, Event, Precision, Status};
use crate::search;

/// The detail's lines at a given width, and which line shows each related event.
#[derive(Debug, Default)]
pub struct DetailLines<'a> {
    /// Every line, already wrapped.
    pub lines: Vec<Line<'a>>,
    /// Line index of each related event, in the order of the record's `related`.
    pub related_at: Vec<usize>,
}

/// Width of the labels before places, organisers and so on.
const LABEL: usize = 14;

/// Builds the detail of the event the app shows, wrapped to `width` columns.
pub fn lines(app: &App, width: u16) -> DetailLines<'static> {
    let mut out = DetailLines::default();
    let width = usize::from(width);
    let Some(index) = app.detail_event() else {
        return out;
    };
    let Some(event) = app.event(index) else {
        return out;
    };
    let theme = Theme::new(app.color);
    let lang = app.lang;
    let query = &app.filter.query;
    let text = |out: &mut DetailLines, text: &str, style: Style| {
        let chars: Vec<char> = text.chars().collect();
        let mut marks = if query.is_empty() {
            Vec::new()
        } else {
            search::highlight(text, query)
        };
        marks.sort_unstable();
        for range in wrap(&chars, width) {
            let spans = highlighted(&chars, range, &marks, style, theme.matched);
            out.lines.push(Line::from(spans));
        }
    };
    if app.detail.pinned.is_some() {
        out.lines.push(Line::styled(
            "(hidden by the filter; b goes back)",
            theme.dim,
        ));
    }
    let title_style = if event.status == Status::Planned {
        theme.title.patch(theme.planned)
    } else {
        theme.title
    };
    text(&mut out, event.title(lang), title_style);
    let mut meta = vec![
        event.date_label(),
        duration(event.start, event.end),
        event.status.name().to_string(),
        format!("{} {}", kind_code(event.kind), event.kind.name()),
    ];
    if app.is_marked(index) {
        meta.push("* marked".into());
    }
    plain(&mut out, &meta.join(" · "), theme.dim, width);
    out.lines.push(Line::default());
    for (label, values) in [
        ("Places", event.places.join(", ")),
        ("Organisers", event.organisers.join(", ")),
        ("Participants", event.participants.join(", ")),
        (
            "Tags",
            event
                .tags
                .iter()
                .map(|t| t.name())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ] {
        if !values.is_empty() {
            field(&mut out, label, &values, &theme, width);
        }
    }
    out.lines.push(Line::default());
    text(&mut out, event.summary(lang), Style::new());
    sources(&mut out, event, &theme, width);
    related(&mut out, app, &theme);
    out.lines.push(Line::default());
    plain(&mut out, &format!("id: {}", event.id), theme.dim, width);
    out
}

/// Draws the detail pane.
pub fn render_detail(frame: &mut Frame, app: &App, outer: Rect, inner: Rect, bordered: bool) {
    if outer.is_empty() {
        return;
    }
    let theme = Theme::new(app.color);
    if bordered {
        let focused = matches!(app.focus, Focus::Detail | Focus::Related);
        frame.render_widget(theme.pane(" detail ", focused), outer);
    }
    let detail = lines(app, inner.width);
    if detail.lines.is_empty() {
        frame.render_widget(Line::styled("no event selected", theme.dim), inner);
        return;
    }
    let scroll = app
        .detail
        .scroll
        .min(detail.lines.len().saturating_sub(usize::from(inner.height)));
    let visible: Vec<Line> = detail
        .lines
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// How long an event lasted, at the precision of its dates: `1 day`, `3 months`, `6 years`.
pub fn duration(start: Date, end: Option<Date>) -> String {
    let end = end.unwrap_or(start);
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    let (first, last) = (start.first_day(), end.last_day());
    if start.precision() == Precision::Day && end.precision() == Precision::Day {
        return plural((last - first).num_days() + 1, "day");
    }
    let months = i64::from(last.year() - first.year()) * 12 + i64::from(last.month())
        - i64::from(first.month())
        + 1;
    if months % 12 == 0 {
        plural(months / 12, "year")
    } else {
        plural(months, "month")
    }
}

fn plain(out: &mut DetailLines, text: &str, style: Style, width: usize) {
    let chars: Vec<char> = text.chars().collect();
    for range in wrap(&chars, width) {
        out.lines
            .push(Line::styled(chars[range].iter().collect::<String>(), style));
    }
}

/// A labelled field; values wrap under the value column, or under the label when narrow.
fn field(out: &mut DetailLines, label: &str, value: &str, theme: &Theme, width: usize) {
    let chars: Vec<char> = value.chars().collect();
    if width < LABEL + 16 {
        out.lines.push(Line::styled(label.to_string(), theme.label));
        for range in wrap(&chars, width.saturating_sub(2)) {
            let text: String = chars[range].iter().collect();
            out.lines.push(Line::raw(format!("  {text}")));
        }
        return;
    }
    for (i, range) in wrap(&chars, width - LABEL).into_iter().enumerate() {
        let head = if i == 0 { label } else { "" };
        out.lines.push(Line::from(vec![
            Span::styled(format!("{head:<LABEL$}"), theme.label),
            Span::raw(chars[range].iter().collect::<String>()),
        ]));
    }
}

fn sources(out: &mut DetailLines, event: &Event, theme: &Theme, width: usize) {
    if event.sources.is_empty() {
        return;
    }
    out.lines.push(Line::default());
    out.lines.push(Line::styled("Sources", theme.label));
    for (n, source) in event.sources.iter().enumerate() {
        let mut parts: Vec<String> = Vec::new();
        if let Some(seed) = &source.seed {
            parts.push(format!("seed {seed}"));
        }
        parts.extend(source.url.iter().cloned());
        parts.extend(source.citation.iter().cloned());
        let head = format!("{}. {}", n + 1, parts.join(" · "));
        plain(out, &head, Style::new(), width);
        if let Some(quote) = &source.quote {
            let chars: Vec<char> = format!("\u{201c}{quote}\u{201d}").chars().collect();
            for range in wrap(&chars, width.saturating_sub(3)) {
                let text: String = chars[range].iter().collect();
                out.lines
                    .push(Line::styled(format!("   {text}"), theme.dim));
            }
        }
    }
}

fn related(out: &mut DetailLines, app: &App, theme: &Theme) {
    let related = app.related();
    if related.is_empty() {
        return;
    }
    out.lines.push(Line::default());
    out.lines.push(Line::from(vec![
        Span::styled("Related", theme.label),
        Span::styled("  (Tab selects, Enter jumps, b goes back)", theme.dim),
    ]));
    for (k, link) in related.iter().enumerate() {
        let selected = app.focus == Focus::Related && k == app.detail.related;
        let pointer = if selected { "> " } else { "  " };
        out.related_at.push(out.lines.len());
        let mut line = match link.event.and_then(|i| app.event(i)) {
            Some(e) => Line::from(vec![
                Span::raw(pointer),
                Span::styled(format!("{} ", e.date_label()), theme.dim),
                Span::styled(format!("{} ", kind_code(e.kind)), theme.kind(e.kind)),
                Span::raw(e.title(app.lang).to_string()),
            ]),
            None => Line::from(vec![
                Span::raw(pointer),
                Span::styled(format!("{} (not in the catalogue)", link.id), theme.dim),
            ]),
        };
        if selected {
            line = line.patch_style(theme.selected);
        }
        out.lines.push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations_read_at_the_dates_precision() {
        let d = |s: &str| s.parse().unwrap();
        assert_eq!(duration(d("2017-10-04"), None), "1 day");
        assert_eq!(duration(d("2024-06-20"), Some(d("2024-06-21"))), "2 days");
        assert_eq!(duration(d("2015"), Some(d("2020"))), "6 years");
        assert_eq!(duration(d("2019"), None), "1 year");
        assert_eq!(duration(d("2022-07"), None), "1 month");
        assert_eq!(duration(d("2023-06"), Some(d("2025"))), "31 months");
    }
}
