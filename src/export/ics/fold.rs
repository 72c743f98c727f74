//! Folding iCalendar content lines at 75 octets (RFC 5545 section 3.1).

use std::io::{self, Write};

/// Longest content line, in octets, not counting the CRLF.
const MAX_LINE: usize = 75;

/// Writes a content line folded at [`MAX_LINE`] octets, with CRLF line ends.
///
/// Folds fall between characters, never inside a UTF-8 sequence or a `\x` escape, and a
/// physical line never ends in white space: some readers trim it, which would eat a space
/// of the value when they unfold.
pub(super) fn line(out: &mut dyn Write, content: &str) -> io::Result<()> {
    for (i, segment) in fold(content).iter().enumerate() {
        if i > 0 {
            out.write_all(b" ")?;
        }
        out.write_all(segment.as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

/// Splits a content line into physical-line segments (without the leading fold space).
fn fold(content: &str) -> Vec<&str> {
    let units = units(content);
    let mut segments = Vec::new();
    let mut start = 0; // byte offset of the current segment
    let mut i = 0; // index into `units` of the next unit to place
    while i < units.len() {
        // The first line holds 75 octets; continuations 74 after their leading space.
        let room = if segments.is_empty() {
            MAX_LINE
        } else {
            MAX_LINE - 1
        };
        let mut end = i;
        while end < units.len() && units[end].1 - start <= room {
            end += 1;
        }
        if end == units.len() {
            segments.push(&content[start..]);
            return segments;
        }
        // Back off from trailing white space, keeping at least one unit on the line.
        let mut cut = end;
        while cut > i + 1 && content[..units[cut - 1].1].ends_with([' ', '\t']) {
            cut -= 1;
        }
        if cut == i {
            cut = i + 1; // one unit longer than a line cannot happen, but never loop
        }
        let byte = units[cut - 1].1;
        segments.push(&content[start..byte]);
        start = byte;
        i = cut;
    }
    segments
}

/// The end byte offset of each unfoldable unit: one character, or `\` and the character
/// it escapes.
fn units(content: &str) -> Vec<(usize, usize)> {
    let mut units = Vec::new();
    let mut chars = content.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let mut end = at + c.len_utf8();
        if c == '\\'
            && let Some((next_at, next)) = chars.next()
        {
            end = next_at + next.len_utf8();
        }
        units.push((at, end));
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(content: &str) -> String {
        let mut out = Vec::new();
        line(&mut out, content).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(folded("SUMMARY:short"), "SUMMARY:short\r\n");
        let exact = format!("SUMMARY:{}", "x".repeat(75 - 8));
        assert_eq!(folded(&exact), format!("{exact}\r\n"));
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        for filler in ["é", "x", "€", "😀", "a b ", "\\n", "\\,é"] {
            let content = format!("DESCRIPTION:{}", filler.repeat(200));
            let text = folded(&content);
            assert!(text.ends_with("\r\n"));
            let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
            for (i, l) in lines.iter().enumerate() {
                assert!(l.len() <= 75, "{filler}: line {i} is {} octets", l.len());
                if i + 1 < lines.len() {
                    assert!(!l.ends_with(' '), "{filler}: line {i} ends in a space");
                }
                assert_eq!(i > 0, l.starts_with(' '));
                assert!(
                    !l.ends_with('\\') || l.ends_with("\\\\"),
                    "{filler}: split escape"
                );
            }
            let unfolded: String = lines
                .iter()
                .enumerate()
                .map(|(i, l)| if i > 0 { &l[1..] } else { l })
                .collect();
            assert_eq!(unfolded, content);
        }
    }

    #[test]
    fn a_line_of_spaces_still_folds() {
        let content = format!("X:{}", " ".repeat(300));
        let text = folded(&content);
        assert!(text.split("\r\n").all(|l| l.len() <= 75));
    }
}
