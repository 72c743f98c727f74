//! Word wrapping by display width, as char ranges so that styles can follow the text.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// Char ranges of `chars` broken into lines of at most `width` columns, at spaces if possible;
/// a newline (a paragraph break in a summary) always ends a line and is left out.
pub fn wrap(chars: &[char], width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    let len = chars.len();
    let mut start = 0;
    while start < len {
        while start < len && chars[start] == ' ' {
            start += 1;
        }
        if start >= len {
            break;
        }
        let mut used = 0;
        let mut end = start;
        let mut last_space = None;
        while end < len && chars[end] != '\n' {
            let w = chars[end].width().unwrap_or(0);
            if used + w > width {
                break;
            }
            if chars[end] == ' ' {
                last_space = Some(end);
            }
            used += w;
            end += 1;
        }
        if end < len && chars[end] == '\n' {
            lines.push(start..end);
            start = end + 1;
        } else if end >= len || chars[end] == ' ' {
            lines.push(start..end);
            start = end;
        } else if let Some(space) = last_space.filter(|&s| s > start) {
            lines.push(start..space);
            start = space;
        } else {
            // A word longer than the line is cut; a character wider than it still shows.
            let end = end.max(start + 1);
            lines.push(start..end);
            start = end;
        }
    }
    lines
}

/// `text` wrapped to `width` columns, as lines of text.
pub fn wrap_str(text: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    wrap(&chars, width)
        .into_iter()
        .map(|range| chars[range].iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        wrap(&chars, width)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrapped("the quick brown fox", 10),
            ["the quick", "brown fox"]
        );
        assert_eq!(wrapped("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrapped("日本語", 1), ["日", "本", "語"]);
        assert!(wrapped("anything", 0).is_empty());
    }

    #[test]
    fn newlines_break_lines_and_are_left_out() {
        assert_eq!(wrapped("one two\n\nthree", 20), ["one two", "", "three"]);
        assert_eq!(
            wrapped("one two three\nfour", 8),
            ["one two", "three", "four"]
        );
    }
}
