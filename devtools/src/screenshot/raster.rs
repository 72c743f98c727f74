//! PNG screenshots: every cell of a buffer painted on the pixel grid with the baked font.

use ratatui::buffer::Buffer;

use super::palette::{BACKGROUND, Rgb};
use super::{CELL_HEIGHT, CELL_WIDTH, PADDING, UNDERLINE, font, image_size, png, row};

/// The buffer as a PNG image, with the same grid and palette as [`super::to_svg`].
pub fn to_png(buffer: &Buffer) -> Vec<u8> {
    let (width, height) = image_size(buffer);
    let mut pixels = vec![BACKGROUND; (width * height) as usize];
    for y in buffer.area.top()..buffer.area.bottom() {
        let top = PADDING + u32::from(y - buffer.area.top()) * CELL_HEIGHT;
        for glyph in row(buffer, y) {
            let look = glyph.look;
            let left = PADDING + u32::from(glyph.x) * CELL_WIDTH;
            let span = u32::from(glyph.width) * CELL_WIDTH;
            let mut ink = font::coverage(glyph.symbol, look.bold, look.italic, glyph.width);
            for (on, at) in [(look.underline, UNDERLINE), (look.crossed, CELL_HEIGHT / 2)] {
                if on {
                    let start = (at * span) as usize;
                    ink[start..start + span as usize].fill(15);
                }
            }
            for dy in 0..CELL_HEIGHT {
                for dx in 0..span {
                    let amount = ink[(dy * span + dx) as usize];
                    pixels[((top + dy) * width + left + dx) as usize] =
                        look.bg.mix(look.fg, amount);
                }
            }
        }
    }
    let bytes: Vec<u8> = pixels.iter().flat_map(|&Rgb(r, g, b)| [r, g, b]).collect();
    png::encode(width, height, &bytes)
}
