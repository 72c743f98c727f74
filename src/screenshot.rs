//! Screenshots of the explorer: a rendered ratatui `Buffer` written as SVG or PNG.
//!
//! Both images come from the same cells, colours and modifiers, on a fixed grid of
//! [`CELL_WIDTH`] x [`CELL_HEIGHT`] pixels with a fixed palette, so the output depends on
//! the buffer alone: no clock, no fonts of the machine. `examples/screenshots.rs` writes
//! the [`scene`]s to `screenshots/`, and `tests/screenshots.rs` fails when they go stale.

mod font;
pub mod palette;
mod png;
mod raster;
pub mod scene;

use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use palette::{BACKGROUND, FOREGROUND, Rgb, rgb};

pub use raster::to_png;

/// Width of a terminal cell in pixels.
pub const CELL_WIDTH: u32 = 10;
/// Height of a terminal cell in pixels.
pub const CELL_HEIGHT: u32 = 20;
/// Margin around the grid in pixels.
pub const PADDING: u32 = 8;
/// Font size in pixels (DejaVu Sans Mono's advance at this size fits a cell).
pub const FONT_SIZE: u32 = 16;
/// Distance from a cell's top to the text baseline, in pixels.
pub const BASELINE: u32 = 15;
/// Distance from a cell's top to an underline, in pixels.
pub const UNDERLINE: u32 = 18;

/// How one cell looks once modifiers are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Look {
    pub fg: Rgb,
    pub bg: Rgb,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub crossed: bool,
}

impl Look {
    /// The look of `cell`: reversed swaps colours, dim blends the text into the background.
    pub fn of(cell: &Cell) -> Look {
        let m = cell.modifier;
        let mut fg = rgb(cell.fg, FOREGROUND);
        let mut bg = rgb(cell.bg, BACKGROUND);
        if m.contains(Modifier::REVERSED) {
            std::mem::swap(&mut fg, &mut bg);
        }
        if m.contains(Modifier::DIM) {
            fg = fg.mix(bg, 6);
        }
        if m.contains(Modifier::HIDDEN) {
            fg = bg;
        }
        Look {
            fg,
            bg,
            bold: m.contains(Modifier::BOLD),
            italic: m.contains(Modifier::ITALIC),
            underline: m.contains(Modifier::UNDERLINED),
            crossed: m.contains(Modifier::CROSSED_OUT),
        }
    }
}

/// One visible cell: its column, symbol, width in columns (1 or 2) and look.
pub(crate) struct Glyph<'a> {
    pub x: u16,
    pub symbol: &'a str,
    pub width: u16,
    pub look: Look,
}

/// The visible cells of row `y`, skipping those covered by a wide character before them.
pub(crate) fn row(buffer: &Buffer, y: u16) -> Vec<Glyph<'_>> {
    let area = buffer.area;
    let mut glyphs = Vec::new();
    let mut x = area.left();
    while x < area.right() {
        let cell = &buffer[(x, y)];
        let symbol = cell.symbol();
        let width = (symbol.width() as u16).clamp(1, 2).min(area.right() - x);
        glyphs.push(Glyph {
            x: x - area.left(),
            symbol,
            width,
            look: Look::of(cell),
        });
        x += width;
    }
    glyphs
}

/// Image size in pixels of a buffer.
pub fn image_size(buffer: &Buffer) -> (u32, u32) {
    let area = buffer.area;
    (
        u32::from(area.width) * CELL_WIDTH + 2 * PADDING,
        u32::from(area.height) * CELL_HEIGHT + 2 * PADDING,
    )
}

/// The buffer as an SVG image, `title` as its accessible name.
///
/// One `<text>` per run of cells with the same look, stretched to the run's exact width so
/// that the grid holds whatever monospace font the viewer picks.
pub fn to_svg(buffer: &Buffer, title: &str) -> String {
    let (width, height) = image_size(buffer);
    let mut backgrounds = String::new();
    let mut lines = String::new();
    let mut texts = String::new();
    for y in buffer.area.top()..buffer.area.bottom() {
        let glyphs = row(buffer, y);
        let top = PADDING + u32::from(y - buffer.area.top()) * CELL_HEIGHT;
        let mut start = 0;
        while start < glyphs.len() {
            let look = glyphs[start].look;
            let end = glyphs[start..]
                .iter()
                .position(|g| g.look != look)
                .map_or(glyphs.len(), |n| start + n);
            let run = &glyphs[start..end];
            let left = PADDING + u32::from(run[0].x) * CELL_WIDTH;
            let cells: u32 = run.iter().map(|g| u32::from(g.width)).sum();
            let span = cells * CELL_WIDTH;
            if look.bg != BACKGROUND {
                let _ = writeln!(
                    backgrounds,
                    r#"<rect x="{left}" y="{top}" width="{span}" height="{CELL_HEIGHT}" fill="{}"/>"#,
                    look.bg.hex()
                );
            }
            for (on, at) in [(look.underline, UNDERLINE), (look.crossed, CELL_HEIGHT / 2)] {
                if on {
                    let _ = writeln!(
                        lines,
                        r#"<rect x="{left}" y="{}" width="{span}" height="1" fill="{}"/>"#,
                        top + at,
                        look.fg.hex()
                    );
                }
            }
            let text: String = run.iter().map(|g| g.symbol).collect();
            if !text.trim().is_empty() {
                let mut class = String::new();
                if look.bold {
                    class.push('b');
                }
                if look.italic {
                    class.push('i');
                }
                let class = match class.as_str() {
                    "" => String::new(),
                    "bi" => r#" class="b i""#.to_string(),
                    c => format!(r#" class="{c}""#),
                };
                let _ = writeln!(
                    texts,
                    r#"<text x="{left}" y="{}" fill="{}"{class} textLength="{span}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
                    top + BASELINE,
                    look.fg.hex(),
                    escape(&text)
                );
            }
            start = end;
        }
    }
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" xml:space="preserve" role="img" aria-label="{title}">"#,
            "\n<title>{title}</title>\n",
            "<style>text{{font-family:'DejaVu Sans Mono',Menlo,Consolas,'Liberation Mono',monospace;font-size:{size}px}}",
            ".b{{font-weight:bold}}.i{{font-style:italic}}</style>\n",
            r#"<rect width="{w}" height="{h}" rx="6" fill="{bg}"/>"#,
            "\n{backgrounds}{lines}{texts}</svg>\n"
        ),
        w = width,
        h = height,
        title = escape(title),
        size = FONT_SIZE,
        bg = BACKGROUND.hex(),
        backgrounds = backgrounds,
        lines = lines,
        texts = texts,
    )
}

/// Text made safe for XML: markup characters escaped, control characters replaced.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    fn sample() -> Buffer {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 2));
        buffer.set_string(0, 0, "a<b", Style::new().fg(Color::Red));
        buffer.set_string(3, 0, " & ", Style::new().add_modifier(Modifier::BOLD));
        buffer.set_string(0, 1, "東x", Style::new().add_modifier(Modifier::REVERSED));
        buffer
    }

    #[test]
    fn svg_has_one_text_per_styled_run_on_the_grid() {
        let svg = to_svg(&sample(), "a \"test\"");
        assert!(svg.contains(r#"aria-label="a &quot;test&quot;""#), "{svg}");
        assert!(svg.contains(r##"<text x="8" y="23" fill="#e06c75" textLength="30" lengthAdjust="spacingAndGlyphs">a&lt;b</text>"##), "{svg}");
        assert!(
            svg.contains(
                r#"class="b" textLength="30" lengthAdjust="spacingAndGlyphs"> &amp; </text>"#
            ),
            "{svg}"
        );
        // The wide character takes two cells; reversed text is drawn on the foreground colour.
        assert!(
            svg.contains(r##"<rect x="8" y="28" width="30" height="20" fill="#c5c8c6"/>"##),
            "{svg}"
        );
        assert!(
            svg.contains(r#"textLength="30" lengthAdjust="spacingAndGlyphs">東x</text>"#),
            "{svg}"
        );
        assert_eq!(svg, to_svg(&sample(), "a \"test\""));
    }

    #[test]
    fn dim_and_hidden_text_fade_into_the_background() {
        let mut cell = Cell::new("x");
        cell.modifier = Modifier::HIDDEN;
        assert_eq!(Look::of(&cell).fg, BACKGROUND);
        cell.modifier = Modifier::DIM;
        let dim = Look::of(&cell).fg;
        assert!(dim != FOREGROUND && dim != BACKGROUND);
    }
}
