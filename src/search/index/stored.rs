//! The index as the parsed cache stores it: the short text as it is, the long text in a
//! form of the cache's choosing (compressed), and a tail of numbers, each checked apart.

use std::ops::Range;

use super::Index;
use super::bytes::{ENTRY, u64_at};
use super::text::{Check, Make, Piece, SharedBytes, Text};

/// Where a cache holds the parts of an index, and how to check and read them.
pub struct Stored {
    /// The bytes holding every part (a mapped cache); they never change.
    pub shared: SharedBytes,
    /// The short text, as it is.
    pub short: Range<usize>,
    /// Checks the short text on its first read; `None`: it was checked already (it is then
    /// only tested for UTF-8, now).
    pub short_check: Option<Check>,
    /// The long text's stored form.
    pub long: Range<usize>,
    /// Makes the long text from its stored form (checks and unpacks it), on first read:
    /// most queries never read it (the word index answers for it).
    pub long_make: Make,
    /// Unpacks one piece of the long text, and the pieces' size: a large long text is then
    /// scanned a piece at a time rather than made whole.
    pub long_piece: Option<(Piece, usize)>,
    /// The long text's length (u64 LE), entry count (u64 LE) and entries, checked already.
    pub tail: Range<usize>,
}

impl Index {
    /// The index as a cache stores it: its short and long text, with the tail (the long
    /// text's length, the entry count and the entries) appended to `tail`.
    pub fn stored_parts(&self, tail: &mut Vec<u8>) -> (&str, &str) {
        tail.extend_from_slice(&(self.long.len() as u64).to_le_bytes());
        self.entries_to_bytes(tail);
        (&self.short, &self.long)
    }

    /// An index read in place from the parts [`Index::stored_parts`] gave, or `None` when
    /// they are not one. Offsets are checked for order and bounds now, against the text
    /// lengths known without reading the text; text read later that fails its check reads
    /// as empty and [`Index::filter`] returns `None`. Do not [`Index::append`] to it.
    pub fn from_stored(stored: Stored) -> Option<Index> {
        let Stored {
            shared,
            short,
            short_check,
            long,
            long_make,
            long_piece,
            tail,
        } = stored;
        let bytes = (*shared).as_ref().get(tail)?;
        let long_len = u64_at(bytes, 0)?;
        let count = u64_at(bytes, 8)?;
        let entries = bytes.get(16..)?;
        if count.checked_mul(ENTRY)? != entries.len() {
            return None;
        }
        let short = match short_check {
            Some(check) => Text::deferred(shared.clone(), short, check)?,
            None => Text::shared(shared.clone(), short)?,
        };
        let long = match long_piece {
            Some(piece) => Text::made_in_pieces(shared.clone(), long, long_len, long_make, piece)?,
            None => Text::made(shared.clone(), long, long_len, long_make)?,
        };
        Index::from_parts(short, long, entries)
    }
}
