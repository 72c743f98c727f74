//! A one-line density chart of the events shown, one bar per year.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::App;

/// Bar heights, from none to full; plain block characters that need no special font.
const BARS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Draws `first ▁▃█▂ last`; without the years when narrow, years grouped when narrower still.
pub fn render_sparkline(frame: &mut Frame, app: &App, area: Rect) {
    let years = &app.timeline.years;
    let (Some(&(first, _)), Some(&(last, _))) = (years.first(), years.last()) else {
        return;
    };
    if area.width < 8 {
        return;
    }
    let theme = Theme::new(app.color);
    let width = usize::from(area.width);
    let labels = format!("{first} ").len() + format!(" {last}").len() + 2;
    let labelled = years.len() + labels <= width;
    let room = if labelled { width - labels } else { width - 2 };
    let per_bar = years.len().div_ceil(room.max(1)).max(1);
    let counts: Vec<u64> = years
        .chunks(per_bar)
        .map(|chunk| chunk.iter().map(|(_, n)| n).sum())
        .collect();
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let bars: String = counts
        .iter()
        .map(|&n| {
            // Any year with events gets at least the lowest bar.
            let level = if n == 0 {
                0
            } else {
                (n * 7).div_ceil(max) as usize + 1
            };
            BARS[level.min(8)]
        })
        .collect();
    let mut spans = vec![Span::raw(" ")];
    if labelled {
        spans.push(Span::styled(format!("{first} "), theme.dim));
    }
    spans.push(Span::styled(bars, theme.spark));
    if labelled {
        spans.push(Span::styled(format!(" {last}"), theme.dim));
    }
    frame.render_widget(Line::from(spans), area);
}
