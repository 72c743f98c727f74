//! The postings of a word index (event numbers, ascending per word): held in memory, or
//! read in place from the bytes of a mapped cache (u32 LE) so that loading copies nothing.

use std::ops::Range;

use crate::search::SharedBytes;

/// Event numbers of every word, back to back.
#[derive(Clone)]
pub(crate) enum Postings {
    Owned(Vec<u32>),
    /// `range` of `bytes`, a whole number of u32 LE values.
    Shared(SharedBytes, Range<usize>),
}

impl Default for Postings {
    fn default() -> Postings {
        Postings::Owned(Vec::new())
    }
}

impl std::fmt::Debug for Postings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Postings({})", self.len())
    }
}

impl Postings {
    /// Postings `range` of `bytes`, or `None` when out of bounds or not whole u32s.
    pub fn shared(bytes: SharedBytes, range: Range<usize>) -> Option<Postings> {
        let ok = (*bytes).as_ref().get(range.clone()).is_some() && range.len().is_multiple_of(4);
        ok.then_some(Postings::Shared(bytes, range))
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        match self {
            Postings::Owned(v) => v.len(),
            Postings::Shared(_, range) => range.len() / 4,
        }
    }

    /// Calls `each` with postings `which` in order (none of those out of bounds).
    pub fn for_each_in(&self, which: Range<usize>, mut each: impl FnMut(u32)) {
        match self {
            Postings::Owned(v) => v.get(which).unwrap_or(&[]).iter().for_each(|&i| each(i)),
            Postings::Shared(bytes, range) => {
                let at = |k: usize| k.checked_mul(4).and_then(|b| b.checked_add(range.start));
                let raw = at(which.start)
                    .zip(at(which.end))
                    .filter(|(_, end)| *end <= range.end)
                    .and_then(|(from, to)| (**bytes).as_ref().get(from..to))
                    .unwrap_or(&[]);
                raw.chunks_exact(4)
                    .for_each(|c| each(u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
            }
        }
    }
}
