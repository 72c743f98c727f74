//! The filter bar's line editor: cursor movement, word and line deletion, one-piece
//! paste, and the window of text that keeps the cursor visible at any width.
//!
//! Character editing is `tui-input`'s (graphemes, display widths, a kill buffer for
//! Ctrl-U and Ctrl-K). Words are readline's, letters and digits, so Alt-B stops at the
//! colon of `kind:council` (Unicode word breaks would treat it as one word); Ctrl-W is the
//! shell's, back to a blank, so a whole query term goes. Pastes are inserted at once.

use tui_input::{Input, InputRequest};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Longest text a paste inserts; the rest is dropped (a query is never that long, and a
/// huge paste must not stall matching).
pub const MAX_PASTE: usize = 4096;

/// One editing action, named by what it does rather than by its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Insert a character at the cursor.
    Insert(char),
    /// One character left (Left, Ctrl-B).
    Left,
    /// One character right (Right, Ctrl-F).
    Right,
    /// To the start of the word (Alt-B, Ctrl-Left).
    WordLeft,
    /// To the start of the next word (Alt-F, Ctrl-Right).
    WordRight,
    /// To the start of the line (Home, Ctrl-A).
    Home,
    /// To the end of the line (End, Ctrl-E).
    End,
    /// Delete the character before the cursor (Backspace).
    Backspace,
    /// Delete the character under the cursor (Delete).
    Delete,
    /// Delete back to the previous blank, the whole query term (Ctrl-W).
    DeleteTermBack,
    /// Delete the word before the cursor (Alt-Backspace).
    DeleteWordBack,
    /// Delete from the start of the line to the cursor (Ctrl-U).
    DeleteToStart,
    /// Delete from the cursor to the end of the line (Ctrl-K).
    DeleteToEnd,
    /// Insert the text deleted last (Ctrl-Y).
    Yank,
}

/// What part of the text a field `width` columns wide shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// The visible text.
    pub text: String,
    /// Display columns of text hidden on the left.
    pub scroll: usize,
    /// The cursor's column inside the field.
    pub cursor: usize,
}

/// A one-line editor.
#[derive(Debug, Clone, Default)]
pub struct LineEditor {
    input: Input,
}

impl LineEditor {
    /// An editor holding `text`, the cursor at its end.
    pub fn new(text: &str) -> LineEditor {
        LineEditor {
            input: Input::new(text.to_string()),
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        self.input.value()
    }

    /// Characters (code points) before the cursor.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// Replaces the whole text, the cursor at its end.
    pub fn set(&mut self, text: &str) {
        self.input = Input::new(text.to_string());
    }

    /// Applies `edit`; returns whether the text changed.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let request = match edit {
            Edit::Insert(c) if c.is_control() => return false,
            Edit::Insert(c) => InputRequest::InsertChar(c),
            Edit::Left => InputRequest::GoToPrevChar,
            Edit::Right => InputRequest::GoToNextChar,
            Edit::WordLeft => return self.move_to(self.word_start()),
            Edit::WordRight => return self.move_to(self.next_word_start()),
            Edit::Home => InputRequest::GoToStart,
            Edit::End => InputRequest::GoToEnd,
            Edit::Backspace => InputRequest::DeletePrevChar,
            Edit::Delete => InputRequest::DeleteNextChar,
            Edit::DeleteTermBack => return self.delete_term_back(),
            Edit::DeleteWordBack => return self.delete_back_to(self.word_start()),
            Edit::DeleteToStart => InputRequest::DeleteFromStart,
            Edit::DeleteToEnd => InputRequest::DeleteTillEnd,
            Edit::Yank => InputRequest::Yank,
        };
        self.input.handle(request).is_some_and(|c| c.value)
    }

    /// Ctrl-W as shells have it: blanks before the cursor, then everything back to the
    /// previous blank.
    fn delete_term_back(&mut self) -> bool {
        let text = self.text();
        let before = text[..byte_of(text, self.cursor())].trim_end();
        let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        self.delete_back_to(start)
    }

    /// The byte where the word before the cursor starts: non-word characters are
    /// skipped, then letters and digits.
    fn word_start(&self) -> usize {
        let text = self.text();
        let before = &text[..byte_of(text, self.cursor())];
        let trimmed = before.trim_end_matches(|c: char| !c.is_alphanumeric());
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// The byte where the next word starts, or the end.
    fn next_word_start(&self) -> usize {
        let text = self.text();
        let at = byte_of(text, self.cursor());
        let mut seen_gap = false;
        for (i, c) in text[at..].char_indices() {
            if !c.is_alphanumeric() {
                seen_gap = true;
            } else if seen_gap {
                return at + i;
            }
        }
        text.len()
    }

    /// Moves the cursor to a byte offset; returns false (the text never changes).
    fn move_to(&mut self, byte: usize) -> bool {
        let chars = self.text()[..byte].chars().count();
        self.input.handle(InputRequest::SetCursor(chars));
        false
    }

    /// Deletes from a byte offset before the cursor up to the cursor.
    fn delete_back_to(&mut self, start: usize) -> bool {
        let text = self.text();
        let at = byte_of(text, self.cursor());
        if start >= at {
            return false;
        }
        let rest = format!("{}{}", &text[..start], &text[at..]);
        let cursor = text[..start].chars().count();
        self.input = Input::new(rest).with_cursor(cursor);
        true
    }

    /// Inserts pasted text at the cursor in one step: line breaks and tabs become
    /// spaces, other control characters are dropped, and at most [`MAX_PASTE`]
    /// characters are kept. Returns whether the paste was cut.
    pub fn paste(&mut self, pasted: &str) -> bool {
        let mut clean = String::with_capacity(pasted.len().min(MAX_PASTE * 4));
        let mut kept = 0;
        let mut cut = false;
        for c in pasted.chars() {
            let c = match c {
                '\n' | '\r' | '\t' => ' ',
                c if c.is_control() => continue,
                c => c,
            };
            if kept == MAX_PASTE {
                cut = true;
                break;
            }
            clean.push(c);
            kept += 1;
        }
        let text = self.text();
        let at = byte_of(text, self.cursor());
        let joined = format!("{}{clean}{}", &text[..at], &text[at..]);
        let cursor = self.cursor() + kept;
        self.input = Input::new(joined).with_cursor(cursor);
        cut
    }

    /// The part of the text a field `width` columns wide shows, scrolled so that the
    /// cursor (which needs a column of its own at the end) is always inside it.
    pub fn window(&self, width: usize) -> Window {
        if width == 0 {
            return Window {
                text: String::new(),
                scroll: 0,
                cursor: 0,
            };
        }
        let wanted = self.input.visual_scroll(width - 1);
        let mut scroll = 0;
        let mut text = String::new();
        let mut used = 0;
        for grapheme in self.text().graphemes(true) {
            let w = grapheme.width();
            if scroll < wanted {
                scroll += w;
                continue;
            }
            if used + w > width {
                break;
            }
            used += w;
            text.push_str(grapheme);
        }
        let cursor = self
            .input
            .visual_cursor()
            .saturating_sub(scroll)
            .min(width - 1);
        Window {
            text,
            scroll,
            cursor,
        }
    }
}

/// The byte offset of the `chars`-th character of `text`.
fn byte_of(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(text: &str, edits: &[Edit]) -> LineEditor {
        let mut editor = LineEditor::new(text);
        for edit in edits {
            editor.apply(*edit);
        }
        editor
    }

    #[test]
    fn cursor_moves_and_inserts_in_the_middle() {
        use Edit::*;
        let e = edited(
            "tallinn 2017",
            &[Home, Right, Right, Insert('X'), End, Insert('!')],
        );
        assert_eq!(e.text(), "taXllinn 2017!");
        let e = edited("kind:cc tallinn", &[WordLeft, Insert('^')]);
        assert_eq!(e.text(), "kind:cc ^tallinn");
        let e = edited("kind:cc tallinn", &[WordLeft, WordLeft, Insert('X')]);
        assert_eq!(e.text(), "kind:Xcc tallinn");
        let e = edited("kind:cc tallinn", &[Home, WordRight, Insert('X')]);
        assert_eq!(e.text(), "kind:Xcc tallinn");
        let e = edited("ab", &[Home, WordRight, WordRight, Insert('X')]);
        assert_eq!(e.text(), "abX");
    }

    #[test]
    fn ctrl_w_takes_the_whole_term_alt_backspace_a_word() {
        use Edit::*;
        assert_eq!(
            edited("tallinn kind:council", &[DeleteTermBack]).text(),
            "tallinn "
        );
        assert_eq!(
            edited("tallinn kind:council  ", &[DeleteTermBack]).text(),
            "tallinn "
        );
        assert_eq!(
            edited("tallinn kind:council", &[DeleteWordBack]).text(),
            "tallinn kind:"
        );
        assert!(!LineEditor::new("").apply(DeleteTermBack));
        let e = edited("a bc de", &[WordLeft, DeleteTermBack]);
        assert_eq!((e.text(), e.cursor()), ("a de", 2));
    }

    #[test]
    fn line_deletions_and_yank() {
        use Edit::*;
        let e = edited("abc def", &[WordLeft, DeleteToEnd]);
        assert_eq!(e.text(), "abc ");
        let e = edited("abc def", &[WordLeft, DeleteToStart, End, Yank]);
        assert_eq!(e.text(), "defabc ");
    }

    #[test]
    fn a_paste_is_one_insertion_of_clean_text() {
        let mut e = edited("ab", &[Edit::Left]);
        assert!(!e.paste("lulea\nq\x1b[Ax"));
        assert_eq!(e.text(), "alulea q[Axb");
        assert_eq!(e.cursor(), 11);
        let mut big = LineEditor::new("");
        assert!(big.paste(&"x".repeat(1 << 20)));
        assert_eq!(big.text().len(), MAX_PASTE);
    }

    #[test]
    fn the_window_keeps_the_cursor_visible_at_any_width() {
        let long = "cybersecurity tallinn kind:conference year:2017";
        for width in 1..60 {
            let mut e = LineEditor::new(long);
            for _ in 0..long.len() {
                let w = e.window(width);
                assert!(w.cursor < width, "width {width}");
                assert!(w.text.width() <= width);
                let shown = &e.text()[byte_of(long, w.scroll)..];
                assert!(shown.starts_with(&w.text), "width {width}: {w:?}");
                assert_eq!(w.scroll + w.cursor, e.cursor(), "width {width}");
                e.apply(Edit::Left);
            }
        }
        assert_eq!(LineEditor::new("abc").window(0).text, "");
    }

    #[test]
    fn wide_characters_scroll_whole() {
        let e = LineEditor::new("東京東京東京");
        let w = e.window(5);
        assert_eq!((w.text.as_str(), w.cursor), ("東京", 4));
    }

    proptest::proptest! {
        #[test]
        fn any_edits_keep_the_cursor_in_the_text_and_the_window(
            text in "[a-zé東 :|!'-]{0,40}",
            edits in proptest::collection::vec(0u8..14, 0..60),
            width in 1usize..30,
        ) {
            use Edit::*;
            let all = [Left, Right, WordLeft, WordRight, Home, End, Backspace, Delete,
                DeleteTermBack, DeleteWordBack, DeleteToStart, DeleteToEnd, Yank, Insert('é')];
            let mut e = LineEditor::new(&text);
            for i in edits {
                e.apply(all[usize::from(i)]);
                proptest::prop_assert!(e.cursor() <= e.text().chars().count());
                let w = e.window(width);
                proptest::prop_assert!(w.cursor < width && w.text.width() <= width);
            }
        }
    }
}
