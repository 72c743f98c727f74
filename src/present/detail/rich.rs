//! Styled characters: text with matched and emphasised letters, wrapped into parts.

use super::{Part, Tone};
use crate::present::wrap::wrap;

/// One character and how it stands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cell {
    pub c: char,
    pub matched: bool,
    pub strong: bool,
}

/// `text` as cells, with the chars at `marks` (char indices) matched.
pub(super) fn cells(text: &str, marks: &[usize]) -> Vec<Cell> {
    text.chars()
        .enumerate()
        .map(|(i, c)| Cell {
            c,
            matched: marks.contains(&i),
            strong: false,
        })
        .collect()
}

/// `text` without its `**` emphasis markers, the letters between them strong; `marks` are
/// char indices into the text as written (markers included).
pub(super) fn emphasised(text: &str, marks: &[usize]) -> Vec<Cell> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut strong = false;
    let mut i = 0;
    // Only a marker that has a partner is emphasis; a lone `**` is text.
    let pairs = text.matches("**").count() / 2 * 2;
    let mut seen = 0;
    while i < chars.len() {
        if chars[i] == '*' && chars.get(i + 1) == Some(&'*') && seen < pairs {
            strong = !strong;
            seen += 1;
            i += 2;
            continue;
        }
        out.push(Cell {
            c: chars[i],
            matched: marks.contains(&i),
            strong,
        });
        i += 1;
    }
    out
}

/// `text` with its `**` markers removed (for plain output that has no bold).
pub fn without_emphasis(text: &str) -> String {
    emphasised(text, &[]).iter().map(|c| c.c).collect()
}

/// `text` as runs of (text, emphasised), its `**` markers removed, for formats with their
/// own bold (HTML's `<strong>`).
pub fn emphasis_runs(text: &str) -> Vec<(String, bool)> {
    let mut runs: Vec<(String, bool)> = Vec::new();
    for cell in emphasised(text, &[]) {
        match runs.last_mut() {
            Some((run, strong)) if *strong == cell.strong => run.push(cell.c),
            _ => runs.push((cell.c.to_string(), cell.strong)),
        }
    }
    runs
}

/// Consecutive cells as parts of one tone, each run of equal emphasis one part.
pub(super) fn parts(cells: &[Cell], tone: Tone) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for cell in cells {
        match parts.last_mut() {
            Some(p) if p.matched == cell.matched && p.strong == cell.strong => p.text.push(cell.c),
            _ => parts.push(Part {
                text: cell.c.to_string(),
                tone,
                matched: cell.matched,
                strong: cell.strong,
            }),
        }
    }
    parts
}

/// Cells wrapped to `width` columns, each line as parts.
pub(super) fn wrapped(cells: &[Cell], width: usize, tone: Tone) -> Vec<Vec<Part>> {
    let chars: Vec<char> = cells.iter().map(|c| c.c).collect();
    wrap(&chars, width)
        .into_iter()
        .map(|range| parts(&cells[range], tone))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_markers_become_strong_letters() {
        let cells = emphasised("le **secteur** privé", &[]);
        let text: String = cells.iter().map(|c| c.c).collect();
        assert_eq!(text, "le secteur privé");
        let strong: String = cells.iter().filter(|c| c.strong).map(|c| c.c).collect();
        assert_eq!(strong, "secteur");
        assert_eq!(
            without_emphasis("a ** b"),
            "a ** b",
            "a lone marker is text"
        );
    }

    #[test]
    fn marks_follow_the_written_text() {
        // "secteur" starts at char 5 of the text as written.
        let cells = emphasised("le **secteur**", &[5, 6]);
        let matched: String = cells.iter().filter(|c| c.matched).map(|c| c.c).collect();
        assert_eq!(matched, "se");
    }
}
