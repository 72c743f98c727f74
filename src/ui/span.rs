//! Text helpers for drawing: highlighted spans and word wrapping by display width.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Spans of `chars[range]`, with the characters at `marks` (sorted char indices) in `matched`.
pub fn highlighted(
    chars: &[char],
    range: Range<usize>,
    marks: &[usize],
    base: Style,
    matched: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for i in range {
        let Some(&c) = chars.get(i) else { break };
        let is_matched = marks.binary_search(&i).is_ok();
        if is_matched != run_matched && !run.is_empty() {
            let style = if run_matched {
                base.patch(matched)
            } else {
                base
            };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_matched;
        run.push(c);
    }
    if !run.is_empty() {
        let style = if run_matched {
            base.patch(matched)
        } else {
            base
        };
        spans.push(Span::styled(run, style));
    }
    spans
}

/// `line` cut to `width` columns, ending in `…` when something was cut.
pub fn fit(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width || width == 0 {
        return line;
    }
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let mut text = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            used += w;
            text.push(c);
        }
        let full = text.len() == span.content.len();
        spans.push(Span::styled(text, span.style));
        if !full {
            break;
        }
    }
    spans.push(Span::raw("…"));
    Line::from(spans).style(line.style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_lines_end_in_an_ellipsis() {
        let line = Line::from(vec![Span::raw("2024 "), Span::raw("Digital summit")]);
        assert_eq!(fit(line.clone(), 10).to_string(), "2024 Digi…");
        assert_eq!(fit(line, 40).to_string(), "2024 Digital summit");
    }

    #[test]
    fn highlights_runs() {
        let chars: Vec<char> = "cyber".chars().collect();
        let spans = highlighted(&chars, 0..5, &[0, 1], Style::new(), Style::new());
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["cy", "ber"]);
    }
}
