//! Glyph shapes for PNG screenshots: baked DejaVu Sans Mono bitmaps, plus box drawing and
//! block elements drawn on the cell grid so that lines and bars join without gaps.
//!
//! `assets/glyphs.bin` is made by `assets/glyph-baker` (see its `main.rs` for the format);
//! characters it lacks are drawn as an empty box, like a terminal without the glyph.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{CELL_HEIGHT, CELL_WIDTH};

const W: usize = CELL_WIDTH as usize;
const H: usize = CELL_HEIGHT as usize;
const BAKED: &[u8] = include_bytes!("../../../assets/glyphs.bin");

/// Coverage (0-15) of each pixel of a symbol drawn in `cells` columns, row by row.
pub fn coverage(symbol: &str, bold: bool, italic: bool, cells: u16) -> Vec<u8> {
    let width = usize::from(cells.max(1)) * W;
    let mut out = vec![0u8; width * H];
    let Some(c) = symbol.chars().next() else {
        return out;
    };
    if c == ' ' {
        return out;
    }
    if let Some(lines) = box_lines(c) {
        draw_box(&mut out, width, lines);
    } else if is_block(c) {
        draw_block(&mut out, width, c);
    } else if let Some(bitmap) = baked(c, bold, italic) {
        let left = (width - W) / 2;
        for y in 0..H {
            for x in 0..W {
                let i = y * W + x;
                let byte = bitmap[i / 2];
                out[y * width + left + x] = if i.is_multiple_of(2) {
                    byte >> 4
                } else {
                    byte & 15
                };
            }
        }
    } else {
        // An empty box: the glyph is unknown, as a terminal shows it.
        for y in 3..H - 3 {
            for x in 1..width - 1 {
                if y == 3 || y == H - 4 || x == 1 || x == width - 2 {
                    out[y * width + x] = 15;
                }
            }
        }
    }
    out
}

/// Whether `c` is drawn as shapes on the grid (box drawing, block elements) rather than
/// taken from the font.
pub fn is_drawn(c: char) -> bool {
    box_lines(c).is_some() || is_block(c)
}

/// The baked bitmap of `c` in the closest style available.
fn baked(c: char, bold: bool, italic: bool) -> Option<&'static [u8]> {
    let glyphs = glyphs();
    let style = u8::from(bold) | u8::from(italic) << 1;
    [style, style & 1, 0]
        .iter()
        .find_map(|&s| glyphs.get(&(c, s)).copied())
}

/// The baked glyphs by character and style (bit 0 bold, bit 1 italic).
fn glyphs() -> &'static HashMap<(char, u8), &'static [u8]> {
    static GLYPHS: OnceLock<HashMap<(char, u8), &'static [u8]>> = OnceLock::new();
    GLYPHS.get_or_init(|| parse(BAKED).unwrap_or_default())
}

fn parse(bytes: &'static [u8]) -> Option<HashMap<(char, u8), &'static [u8]>> {
    let rest = bytes.strip_prefix(b"CDGLYPH1")?;
    let (&[w, h], rest) = rest.split_first_chunk::<2>()?;
    if usize::from(w) != W || usize::from(h) != H {
        return None;
    }
    let (count, mut rest) = rest.split_first_chunk::<4>()?;
    let size = W * H / 2;
    let mut map = HashMap::new();
    for _ in 0..u32::from_le_bytes(*count) {
        let (code, tail) = rest.split_first_chunk::<4>()?;
        let (&style, tail) = tail.split_first()?;
        let (bitmap, tail) = tail.split_at_checked(size)?;
        map.insert((char::from_u32(u32::from_le_bytes(*code))?, style), bitmap);
        rest = tail;
    }
    Some(map)
}

/// Line weights towards up, right, down and left: 0 none, 1 light, 2 heavy, 3 double.
type Lines = [u8; 4];

fn box_lines(c: char) -> Option<Lines> {
    let lines = match c {
        '─' | '┄' | '┈' | '╌' => [0, 1, 0, 1],
        '━' | '┅' | '┉' | '╍' => [0, 2, 0, 2],
        '│' | '┆' | '┊' | '╎' => [1, 0, 1, 0],
        '┃' | '┇' | '┋' | '╏' => [2, 0, 2, 0],
        '┌' | '╭' => [0, 1, 1, 0],
        '┐' | '╮' => [0, 0, 1, 1],
        '└' | '╰' => [1, 1, 0, 0],
        '┘' | '╯' => [1, 0, 0, 1],
        '┏' => [0, 2, 2, 0],
        '┓' => [0, 0, 2, 2],
        '┗' => [2, 2, 0, 0],
        '┛' => [2, 0, 0, 2],
        '├' => [1, 1, 1, 0],
        '┤' => [1, 0, 1, 1],
        '┬' => [0, 1, 1, 1],
        '┴' => [1, 1, 0, 1],
        '┼' => [1, 1, 1, 1],
        '┣' => [2, 2, 2, 0],
        '┫' => [2, 0, 2, 2],
        '┳' => [0, 2, 2, 2],
        '┻' => [2, 2, 0, 2],
        '╋' => [2, 2, 2, 2],
        '═' => [0, 3, 0, 3],
        '║' => [3, 0, 3, 0],
        '╔' => [0, 3, 3, 0],
        '╗' => [0, 0, 3, 3],
        '╚' => [3, 3, 0, 0],
        '╝' => [3, 0, 0, 3],
        '╠' => [3, 3, 3, 0],
        '╣' => [3, 0, 3, 3],
        '╦' => [0, 3, 3, 3],
        '╩' => [3, 3, 0, 3],
        '╬' => [3, 3, 3, 3],
        '╴' => [0, 0, 0, 1],
        '╵' => [1, 0, 0, 0],
        '╶' => [0, 1, 0, 0],
        '╷' => [0, 0, 1, 0],
        _ => return None,
    };
    Some(lines)
}

/// Draws box-drawing lines from the cell's centre to its edges.
fn draw_box(out: &mut [u8], width: usize, lines: Lines) {
    let (cx, cy) = (W as isize / 2 - 1, H as isize / 2 - 1);
    // Lines keep their weight in bold text, as terminals that draw box characters do.
    let weight = |w: u8| w;
    // Offset and thickness across a line: light, heavy, double.
    let across = |w: u8| -> &'static [(isize, isize)] {
        match weight(w) {
            0 => &[],
            1 => &[(0, 1)],
            2 => &[(-1, 3)],
            _ => &[(-2, 1), (2, 1)],
        }
    };
    // How far the lines of a weight spread from the centre, so crossing lines meet them.
    let spread = |w: u8| match weight(w) {
        0 | 1 => 0,
        2 => 1,
        _ => 2,
    };
    let [up, right, down, left] = lines;
    let across_v = spread(left.max(right));
    let across_h = spread(up.max(down));
    let mut fill = |x0: isize, x1: isize, y0: isize, y1: isize| {
        for y in y0.max(0)..y1.min(H as isize) {
            for x in x0.max(0)..x1.min(width as isize) {
                out[y as usize * width + x as usize] = 15;
            }
        }
    };
    let w = width as isize;
    for &(offset, thick) in across(up) {
        fill(cx + offset, cx + offset + thick, 0, cy + across_v + 1);
    }
    for &(offset, thick) in across(down) {
        fill(cx + offset, cx + offset + thick, cy - across_v, H as isize);
    }
    for &(offset, thick) in across(left) {
        fill(0, cx + across_h + 1, cy + offset, cy + offset + thick);
    }
    for &(offset, thick) in across(right) {
        fill(cx - across_h, w, cy + offset, cy + offset + thick);
    }
}

fn is_block(c: char) -> bool {
    ('\u{2580}'..='\u{259f}').contains(&c)
}

/// Draws a block element: bars, halves, shades, quadrants.
fn draw_block(out: &mut [u8], width: usize, c: char) {
    let code = c as u32;
    let mut fill = |x0: usize, x1: usize, y0: usize, y1: usize, value: u8| {
        for y in y0..y1 {
            for x in x0..x1 {
                out[y * width + x] = value;
            }
        }
    };
    let eighth_h = |n: u32| (n as usize * H + 4) / 8;
    let eighth_w = |n: u32| (n as usize * width + 4) / 8;
    match code {
        0x2580 => fill(0, width, 0, H / 2, 15),
        0x2581..=0x2588 => fill(0, width, H - eighth_h(code - 0x2580), H, 15),
        0x2589..=0x258f => fill(0, eighth_w(8 - (code - 0x2588)), 0, H, 15),
        0x2590 => fill(width / 2, width, 0, H, 15),
        0x2591..=0x2593 => fill(0, width, 0, H, 4 * (code - 0x2590) as u8),
        0x2594 => fill(0, width, 0, eighth_h(1), 15),
        0x2595 => fill(width - eighth_w(1), width, 0, H, 15),
        _ => {
            // Quadrants, as bits: upper left, upper right, lower left, lower right.
            let bits = [
                0b0010, 0b0001, 0b1000, 0b1011, 0b1001, 0b1110, 0b1101, 0b0100, 0b0110, 0b0111,
            ];
            let b = bits[(code - 0x2596) as usize];
            let (mx, my) = (width / 2, H / 2);
            for (bit, x0, x1, y0, y1) in [
                (0b1000, 0, mx, 0, my),
                (0b0100, mx, width, 0, my),
                (0b0010, 0, mx, my, H),
                (0b0001, mx, width, my, H),
            ] {
                if b & bit != 0 {
                    fill(x0, x1, y0, y1, 15);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink(c: &str) -> usize {
        coverage(c, false, false, 1)
            .iter()
            .filter(|&&v| v > 7)
            .count()
    }

    #[test]
    fn baked_glyphs_cover_the_text_the_app_shows() {
        for c in "Aa1éÉåçœ€…—’“”·→".chars() {
            assert!(baked(c, false, false).is_some(), "{c} not baked");
            assert!(
                baked(c, true, true).is_some(),
                "{c} not baked in bold italic"
            );
        }
        assert!(ink("A") > 10);
        assert_eq!(ink(" "), 0);
    }

    #[test]
    fn lines_and_blocks_reach_the_cell_edges() {
        let h = coverage("─", false, false, 1);
        assert!((0..W).all(|x| h[(H / 2 - 1) * W + x] == 15));
        let v = coverage("│", false, false, 1);
        assert!((0..H).all(|y| v[y * W + W / 2 - 1] == 15));
        assert_eq!(ink("█"), W * H);
        assert_eq!(ink("▄"), W * H / 2);
        // Unknown characters show a box rather than nothing.
        assert!(ink("語") > 0);
    }
}
