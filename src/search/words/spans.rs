//! The words of a text: maximal runs of [`is_word_char`] chars, found byte by byte for
//! ASCII (most text) and char by char otherwise.

use super::is_word_char;

/// The words of `text` (maximal runs of [`is_word_char`] chars) with their byte offsets.
/// ASCII bytes are classified without decoding a char: most text is ASCII.
pub(crate) fn word_spans(text: &str) -> WordSpans<'_> {
    WordSpans { text, at: 0 }
}

/// The iterator of [`word_spans`].
pub(crate) struct WordSpans<'a> {
    text: &'a str,
    /// Byte offset of the next char to look at (always on a char boundary).
    at: usize,
}

impl WordSpans<'_> {
    /// Whether the char at the cursor is a word char, and its length; `None` at the end.
    #[inline]
    fn class(&self) -> Option<(bool, usize)> {
        match *self.text.as_bytes().get(self.at)? {
            b if b.is_ascii() => Some((b.is_ascii_alphanumeric(), 1)),
            _ => {
                let c = self.text.get(self.at..)?.chars().next()?;
                Some((is_word_char(c), c.len_utf8()))
            }
        }
    }
}

impl<'a> Iterator for WordSpans<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            let (word, len) = self.class()?;
            if word {
                break;
            }
            self.at += len;
        }
        let start = self.at;
        while let Some((true, len)) = self.class() {
            self.at += len;
        }
        Some((start, self.text.get(start..self.at)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn word_spans_are_the_runs_of_word_chars(text in "(\\PC|[-'’ .,0-9]){0,40}") {
            let spans: Vec<(usize, &str)> = word_spans(&text).collect();
            let mut expected = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (is_word_char(c) && i < text.len(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        expected.push((s, &text[s..i]));
                        start = None;
                    }
                    _ => {}
                }
            }
            proptest::prop_assert_eq!(spans, expected);
        }
    }
}
