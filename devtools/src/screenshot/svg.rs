//! SVG screenshots: text runs on the cell grid, box drawing and bars as rectangles.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;

use super::palette::BACKGROUND;
use super::{
    BASELINE, CELL_HEIGHT, CELL_WIDTH, FONT_SIZE_SVG, Glyph, Look, PADDING, UNDERLINE, font,
    image_size, row,
};

/// The buffer as an SVG image, `title` as its accessible name.
///
/// One `<text>` per run of cells with the same look, each character placed at its cell's
/// x so that the grid holds whatever monospace font the viewer picks. Box drawing and block
/// elements are rectangles, the same shapes as in the PNG, so lines join without gaps.
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
            shapes(run, top, &mut lines);
            text(run, top, &mut texts);
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
        size = FONT_SIZE_SVG,
        bg = BACKGROUND.hex(),
        backgrounds = backgrounds,
        lines = lines,
        texts = texts,
    )
}

/// The `<text>` of a run of same-look cells, without the characters drawn as shapes.
fn text(run: &[Glyph<'_>], top: u32, out: &mut String) {
    let look = run[0].look;
    let mut xs = Vec::new();
    let mut text = String::new();
    for g in run {
        let x = PADDING + u32::from(g.x) * CELL_WIDTH;
        for c in g.symbol.chars() {
            // Drawn characters leave a space, so that the text keeps its cell positions.
            text.push(if font::is_drawn(c) { ' ' } else { c });
            xs.push(x.to_string());
        }
    }
    if text.trim().is_empty() {
        return;
    }
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
        out,
        r#"<text x="{}" y="{}" fill="{}"{class}>{}</text>"#,
        xs.join(" "),
        top + BASELINE,
        look.fg.hex(),
        escape(&text)
    );
}

/// Rectangles for the box-drawing and block characters of a run of same-look cells.
///
/// The run's coverage is cut into horizontal pixel runs, and runs repeated on the rows
/// below merge into one taller rectangle, so a border is one rectangle per cell at most.
fn shapes(run: &[Glyph<'_>], top: u32, out: &mut String) {
    if !run
        .iter()
        .any(|g| g.symbol.chars().next().is_some_and(font::is_drawn))
    {
        return;
    }
    let look: Look = run[0].look;
    let left = PADDING + u32::from(run[0].x) * CELL_WIDTH;
    let width: usize =
        run.iter().map(|g| usize::from(g.width)).sum::<usize>() * CELL_WIDTH as usize;
    let height = CELL_HEIGHT as usize;
    let mut ink = vec![0u8; width * height];
    let mut at = 0;
    for g in run {
        let cell = usize::from(g.width) * CELL_WIDTH as usize;
        if g.symbol.chars().next().is_some_and(font::is_drawn) {
            let cov = font::coverage(g.symbol, look.bold, look.italic, g.width);
            for y in 0..height {
                ink[y * width + at..y * width + at + cell]
                    .copy_from_slice(&cov[y * cell..(y + 1) * cell]);
            }
        }
        at += cell;
    }
    // Horizontal runs of equal coverage, per pixel row: (x0, x1, value).
    let runs_of = |y: usize| {
        let line = &ink[y * width..(y + 1) * width];
        let mut runs = Vec::new();
        let mut x = 0;
        while x < width {
            let v = line[x];
            let end = line[x..]
                .iter()
                .position(|&c| c != v)
                .map_or(width, |n| x + n);
            if v > 0 {
                runs.push((x, end, v));
            }
            x = end;
        }
        runs
    };
    let rows: Vec<Vec<(usize, usize, u8)>> = (0..height).map(runs_of).collect();
    let mut done = vec![Vec::new(); height];
    for y in 0..height {
        for &r in &rows[y] {
            if done[y].contains(&r) {
                continue;
            }
            let mut bottom = y + 1;
            while bottom < height && rows[bottom].contains(&r) {
                done[bottom].push(r);
                bottom += 1;
            }
            let (x0, x1, v) = r;
            let _ = writeln!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
                left + x0 as u32,
                top + y as u32,
                x1 - x0,
                bottom - y,
                look.bg.mix(look.fg, v).hex()
            );
        }
    }
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
    use ratatui::style::{Color, Modifier, Style};

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
        let has = |part: &str| assert!(svg.contains(part), "{part} not in\n{svg}");
        has(r#"aria-label="a &quot;test&quot;""#);
        has(r##"<text x="8 18 28" y="23" fill="#e06c75">a&lt;b</text>"##);
        has(r##"<text x="38 48 58" y="23" fill="#c5c8c6" class="b"> &amp; </text>"##);
        // The wide character takes two cells; reversed text is drawn on the foreground colour.
        has(r##"<rect x="8" y="28" width="30" height="20" fill="#c5c8c6"/>"##);
        has(r##"<text x="8 28" y="43" fill="#1d1f21">東x</text>"##);
        assert_eq!(svg, to_svg(&sample(), "a \"test\""));
    }
}
