//! Bakes cyberdiplo's screenshot glyphs: DejaVu Sans Mono rasterised once into a small
//! bitmap file, so that rendering screenshots needs no font library and gives the same
//! bytes on every machine.
//!
//! Usage: `cargo run --release -- /usr/share/fonts/truetype/dejavu ../glyphs.bin`
//! (run from `assets/glyph-baker`). The file format is read by `devtools/src/screenshot/font.rs`:
//! magic `CDGLYPH1`, cell width u8, cell height u8, glyph count u32 LE, then per glyph the
//! code point u32 LE, the style u8 (bit 0 bold, bit 1 italic) and width*height 4-bit
//! coverage values, two per byte, high nibble first, row by row.

use std::path::PathBuf;

/// Cell size in pixels and the font size that fits DejaVu Sans Mono's advance in it.
const CELL_W: usize = 10;
const CELL_H: usize = 20;
const PX: f32 = 16.0;

/// Characters baked: printable ASCII, Latin-1, Latin Extended-A, common punctuation and
/// symbols. Box drawing and block elements are drawn by the renderer, not baked.
fn charset() -> Vec<char> {
    let mut chars: Vec<char> = (0x20u32..0x7f)
        .chain(0xa0..0x180)
        .chain(0x2010..0x2028)
        .chain(0x2030..0x203b)
        .chain([
            0x20ac, 0x2122, 0x2190, 0x2191, 0x2192, 0x2193, 0x2194, 0x2212,
        ])
        .chain([
            0x2026, 0x2022, 0x25b2, 0x25b6, 0x25bc, 0x25c0, 0x25cf, 0x25cb, 0x2713,
        ])
        .chain([0x1e9e, 0x2264, 0x2265, 0x00b7])
        .filter_map(char::from_u32)
        .collect();
    chars.sort();
    chars.dedup();
    chars
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/usr/share/fonts/truetype/dejavu".into()),
    );
    let out = PathBuf::from(args.next().unwrap_or_else(|| "../glyphs.bin".into()));
    let files = [
        "DejaVuSansMono.ttf",
        "DejaVuSansMono-Bold.ttf",
        "DejaVuSansMono-Oblique.ttf",
        "DejaVuSansMono-BoldOblique.ttf",
    ];
    let mut fonts = Vec::new();
    for file in files {
        let bytes = std::fs::read(dir.join(file))?;
        let font = fontdue::Font::from_bytes(bytes, fontdue::FontSettings::default())?;
        fonts.push(font);
    }
    let metrics = fonts[0]
        .horizontal_line_metrics(PX)
        .ok_or("the font has no horizontal metrics")?;
    // Centre the font's ascent+descent box in the cell.
    let extent = metrics.ascent - metrics.descent;
    let baseline = ((CELL_H as f32 - extent) / 2.0 + metrics.ascent).round() as i32;
    let chars = charset();
    let mut body = Vec::new();
    let mut count = 0u32;
    for (style, font) in fonts.iter().enumerate() {
        for &c in &chars {
            if font.lookup_glyph_index(c) == 0 {
                continue;
            }
            let (m, coverage) = font.rasterize(c, PX);
            let left = ((CELL_W as f32 - m.advance_width) / 2.0).round() as i32 + m.xmin;
            let top = baseline - (m.ymin + m.height as i32);
            let mut cell = [0u8; CELL_W * CELL_H];
            for gy in 0..m.height {
                for gx in 0..m.width {
                    let x = left + gx as i32;
                    let y = top + gy as i32;
                    if (0..CELL_W as i32).contains(&x) && (0..CELL_H as i32).contains(&y) {
                        let v = coverage[gy * m.width + gx] as u32;
                        let q = ((v * 15 + 127) / 255) as u8;
                        let slot = &mut cell[y as usize * CELL_W + x as usize];
                        *slot = (*slot).max(q);
                    }
                }
            }
            body.extend_from_slice(&(c as u32).to_le_bytes());
            body.push(style as u8);
            for pair in cell.chunks(2) {
                body.push(pair[0] << 4 | pair.get(1).copied().unwrap_or(0));
            }
            count += 1;
        }
    }
    let mut file = b"CDGLYPH1".to_vec();
    file.push(CELL_W as u8);
    file.push(CELL_H as u8);
    file.extend_from_slice(&count.to_le_bytes());
    file.extend_from_slice(&body);
    std::fs::write(&out, &file)?;
    eprintln!("{count} glyphs, {} bytes -> {}", file.len(), out.display());
    Ok(())
}
