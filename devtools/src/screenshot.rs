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
mod svg;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use palette::{BACKGROUND, FOREGROUND, Rgb, rgb};

pub use raster::to_png;
pub use svg::to_svg;

/// Width of a terminal cell in pixels.
pub const CELL_WIDTH: u32 = 10;
/// Height of a terminal cell in pixels.
pub const CELL_HEIGHT: u32 = 20;
/// Margin around the grid in pixels.
pub const PADDING: u32 = 8;
/// Font size of PNG glyphs in pixels (DejaVu Sans Mono's advance at this size fits a cell).
pub const FONT_SIZE: u32 = 16;
/// Font size of SVG text: monospace fonts' advance (about 0.6 em) is then a cell's width,
/// so renderers that ignore per-character positions stay on the grid too.
pub const FONT_SIZE_SVG: &str = "16.6";
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

#[cfg(test)]
mod tests {
    use super::*;

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
