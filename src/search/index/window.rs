//! Long text read a piece at a time: a large index's folded long text (880 MB at a million
//! events) is scanned through a window of about two pieces, unpacked as the scan reaches
//! them, instead of being unpacked whole and held.

use std::ops::Range;

use super::text::Piece;

/// From this length, long text that is stored in pieces is scanned through a [`Window`]
/// rather than unpacked whole and kept (below it, keeping it makes repeated queries fast).
pub(crate) const STREAM_FROM: usize = 256 << 20;

/// A moving window over text stored in pieces of `size` bytes (the last may be shorter).
pub(crate) struct Window<'t> {
    raw: &'t [u8],
    piece: &'t Piece,
    size: usize,
    len: usize,
    /// Unpacked bytes, from text offset `start`: whole pieces, back to back.
    buf: Vec<u8>,
    start: usize,
    next: Vec<u8>,
}

impl<'t> Window<'t> {
    /// A window over the text of `len` bytes whose pieces `piece` unpacks from `raw`.
    pub(super) fn new(raw: &'t [u8], piece: &'t Piece, size: usize, len: usize) -> Window<'t> {
        Window {
            raw,
            piece,
            size: size.max(1),
            len,
            buf: Vec::new(),
            start: 0,
            next: Vec::new(),
        }
    }

    /// The text in `range`, unpacking the pieces it needs and dropping those before it;
    /// `None` when a piece is damaged or the range is not text (out of bounds, or not on
    /// character boundaries).
    pub(crate) fn slice(&mut self, range: Range<usize>) -> Option<&str> {
        if range.start > range.end || range.end > self.len {
            return None;
        }
        let first = range.start / self.size * self.size;
        let end = self.start + self.buf.len();
        if range.start < self.start || range.start >= end.max(self.start + 1) {
            // Before the window, or past it: start again at the piece holding the range.
            self.buf.clear();
            self.start = first;
        } else if first > self.start {
            self.buf.drain(..first - self.start);
            self.start = first;
        }
        while self.start + self.buf.len() < range.end {
            let k = (self.start + self.buf.len()) / self.size;
            self.next.clear();
            if !(self.piece)(self.raw, k, &mut self.next) {
                return None;
            }
            let want = self.size.min(self.len - k * self.size);
            if self.next.len() != want {
                return None;
            }
            self.buf.extend_from_slice(&self.next);
        }
        let bytes = self
            .buf
            .get(range.start - self.start..range.end - self.start)?;
        std::str::from_utf8(bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_range_reads_as_the_whole_text_does() {
        let text: String = (0..400).map(|i| format!("w{i} é ")).collect();
        let size = 37;
        let bytes = text.as_bytes().to_vec();
        let piece: Piece = Box::new(move |raw, k, out| {
            let from = k * size;
            let to = (from + size).min(raw.len());
            out.extend_from_slice(&raw[from..to]);
            true
        });
        let mut window = Window::new(&bytes, &piece, size, text.len());
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        // Forward in order (as a filter reads), then jumps back and far ahead.
        let mut ranges: Vec<Range<usize>> = bounds.windows(2).map(|w| w[0]..w[1]).collect();
        ranges.extend([
            0..5,
            900..1200,
            3..3,
            10..400,
            bounds[bounds.len() - 3]..text.len(),
        ]);
        for r in ranges {
            assert_eq!(window.slice(r.clone()), text.get(r.clone()), "{r:?}");
        }
        assert_eq!(window.slice(0..text.len() + 1), None);
        assert!(window.buf.len() <= text.len());
    }

    #[test]
    fn a_damaged_piece_gives_nothing() {
        let piece: Piece = Box::new(|_, k, out| {
            out.extend_from_slice(b"abcd");
            k == 0
        });
        let mut window = Window::new(b"", &piece, 4, 8);
        assert_eq!(window.slice(0..4), Some("abcd"));
        assert_eq!(window.slice(2..6), None);
    }
}
