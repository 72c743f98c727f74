//! Matching one folded term against folded haystacks: compact fuzzy, word prefix, substring.
//!
//! These are the boolean tests of filtering. They never call fuzzy-matcher, whose scores and
//! positions are only computed where ranking or highlighting needs them.

use memchr::memmem::Finder;

/// Separates field values in a haystack; terms never contain it, so no match spans two fields.
pub(crate) const SEP: char = '\u{1f}';

/// Marks the start of the acronyms at the end of a short haystack (after the actors).
pub(crate) const ACRONYMS: char = '\u{1e}';

/// At most this many other chars may sit between two consecutive chars of a fuzzy match.
/// (The scan in `Needle::compact_match` keeps exactly `MAX_GAP + 1` past positions.)
pub(crate) const MAX_GAP: u8 = 3;
const _: () = assert!(
    MAX_GAP == 3,
    "compact_match keeps MAX_GAP + 1 = 4 registers"
);

/// Longest term matched fuzzily; longer terms must appear as they are, starting a word.
const MAX_FUZZY_CHARS: usize = 64;

/// Terms of at most this many chars never match fuzzily: in a short field they must start a
/// word (or spell an acronym), so `nato` cannot gather letters from "Partenariat oriental".
pub(crate) const SHORT_TERM: usize = 4;

/// Terms of at most this many chars match long text only as whole words: `un` finds "UN",
/// never "une" or "union" in every French summary.
pub(crate) const TOKEN_TERM: usize = 2;

/// Whether `c` belongs to a word; words start after any other char.
fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether a word starts at byte `at` of `hay`.
pub(crate) fn word_starts_at(hay: &str, at: usize) -> bool {
    hay.get(..at)
        .and_then(|h| h.chars().next_back())
        .is_none_or(|c| !is_word(c))
}

/// Whether a word ends at byte `at` of `hay`.
fn word_ends_at(hay: &str, at: usize) -> bool {
    hay.get(at..)
        .and_then(|h| h.chars().next())
        .is_none_or(|c| !is_word(c))
}

/// A folded term, ready to be searched for many times.
#[derive(Debug, Clone)]
pub(crate) struct Needle {
    finder: Finder<'static>,
    chars: Vec<char>,
    /// For each ASCII char, bit `j` set when the term's char `j` is that char.
    ascii: Box<[u64; 128]>,
}

impl Needle {
    /// Prepares `text` (already folded) for searching.
    pub fn new(text: &str) -> Needle {
        let chars: Vec<char> = text.chars().collect();
        let mut ascii = Box::new([0u64; 128]);
        for (j, c) in chars.iter().take(MAX_FUZZY_CHARS).enumerate() {
            if let Some(slot) = ascii.get_mut(*c as usize) {
                *slot |= 1 << j;
            }
        }
        Needle {
            finder: Finder::new(text.as_bytes()).into_owned(),
            chars,
            ascii,
        }
    }

    /// The folded term.
    pub fn bytes(&self) -> &[u8] {
        self.finder.needle()
    }

    /// Whether the term occurs anywhere in `hay`.
    pub fn is_in(&self, hay: &str) -> bool {
        self.finder.find(hay.as_bytes()).is_some()
    }

    /// Byte offsets of every occurrence in `hay` (overlapping ones included).
    pub fn find_all<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = usize> + 'h {
        self.finder.find_iter(hay.as_bytes())
    }

    /// Number of chars in the term.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Byte offsets of the occurrences of the term that start a word of `hay`: at the start,
    /// after a char that is not a letter or digit, or anywhere if the term starts with one.
    pub fn word_starts<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = usize> + 'h {
        let free = self.chars.first().is_none_or(|c| !is_word(*c));
        self.find_all(hay)
            .filter(move |&at| free || word_starts_at(hay, at))
    }

    /// Whether some word of `hay` starts with the term.
    pub fn starts_a_word(&self, hay: &str) -> bool {
        self.word_starts(hay).next().is_some()
    }

    /// Byte offsets of the occurrences of the term that are whole words of `hay` (a term
    /// starting or ending with a char that is not a letter or digit is free at that end).
    pub fn tokens<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = usize> + 'h {
        let free_end = self.chars.last().is_none_or(|c| !is_word(*c));
        let len = self.bytes().len();
        self.word_starts(hay)
            .filter(move |&at| free_end || word_ends_at(hay, at + len))
    }

    /// Whether the term matches long text: as a whole word when it has at most
    /// [`TOKEN_TERM`] chars, else as the start of a word.
    pub fn in_long(&self, hay: &str) -> bool {
        match self.len() <= TOKEN_TERM {
            true => self.tokens(hay).next().is_some(),
            false => self.starts_a_word(hay),
        }
    }

    /// Whether the term matches a short field of `hay` (fields separated by [`SEP`]): a word
    /// prefix when it has at most [`SHORT_TERM`] chars, else a compact fuzzy alignment that
    /// starts at a word start (see [`Needle::alignment`]).
    pub fn in_short(&self, hay: &str) -> bool {
        match self.is_fuzzy() {
            false => self.starts_a_word(hay),
            true => {
                is_subsequence(self.bytes(), hay.as_bytes()) && self.compact_match(hay).is_some()
            }
        }
    }

    /// Whether the term matches short fields fuzzily: it has more than [`SHORT_TERM`] chars
    /// and at most 64; others must start a word as they are.
    pub fn is_fuzzy(&self) -> bool {
        (SHORT_TERM + 1..=MAX_FUZZY_CHARS).contains(&self.len())
    }

    /// Byte offsets in `hay` (one field) of each char of the first compact fuzzy alignment,
    /// the one [`Needle::in_short`] admits, or `None` when there is none. Only for terms of
    /// more than [`SHORT_TERM`] chars; linear in `hay`.
    pub fn alignment(&self, hay: &str) -> Option<Vec<usize>> {
        let k = self.chars.len();
        if k == 0 || k > MAX_FUZZY_CHARS {
            return None;
        }
        let done = 1u64 << (k - 1);
        // ends[p]: bit j set when a compact alignment of the first j + 1 chars ends at char p.
        let mut ends: Vec<u64> = Vec::new();
        let mut at: Vec<usize> = Vec::new();
        let mut word: Vec<bool> = Vec::new();
        let mut regs = [0u64; 4];
        let mut start = 1u64;
        for (i, c) in hay.char_indices() {
            let e = ((regs.iter().fold(0, |m, r| m | r) << 1) | start) & self.mask_of(c);
            let is = is_word(c);
            start = u64::from(!is);
            regs = if is {
                [e, regs[0], regs[1], regs[2]]
            } else {
                [e, 0, 0, 0]
            };
            ends.push(e);
            at.push(i);
            word.push(is);
            if e & done != 0 {
                return Some(self.backtrack(&ends, &at, &word));
            }
        }
        None
    }

    /// Walks an alignment back from its last char, choosing the nearest earlier char each
    /// time, never skipping a char that is not a letter or digit.
    fn backtrack(&self, ends: &[u64], at: &[usize], word: &[bool]) -> Vec<usize> {
        let mut p = ends.len() - 1;
        let mut out = vec![at[p]];
        for j in (1..self.chars.len()).rev() {
            let from = p.saturating_sub(usize::from(MAX_GAP) + 1);
            let mut found = None;
            for q in (from..p).rev() {
                if ends[q] & (1 << (j - 1)) != 0 {
                    found = Some(q);
                    break;
                }
                if !word[q] {
                    break;
                }
            }
            match found {
                Some(q) => {
                    p = q;
                    out.push(at[q]);
                }
                None => break,
            }
        }
        out.reverse();
        out
    }

    /// Bit `j` set when the term's char `j` is `c`.
    fn mask_of(&self, c: char) -> u64 {
        match self.ascii.get(c as usize) {
            Some(m) => *m,
            None => self
                .chars
                .iter()
                .take(MAX_FUZZY_CHARS)
                .enumerate()
                .filter(|(_, d)| **d == c)
                .fold(0, |m, (j, _)| m | 1 << j),
        }
    }

    /// Byte offset just past the end of the first compact match of the term in `hay`, if any.
    ///
    /// Bit-parallel scan: bit `j` of `ends` is set when a compact match of the term's first
    /// `j + 1` chars ends at the current char. It may extend a prefix that ended at one of the
    /// last `MAX_GAP + 1` chars, kept in four registers; the latest ends are all kept, so the
    /// scan is exact. A match starts only at a word start. The scan starts only at
    /// occurrences of the first char (found with memchr) and stops as soon as no prefix can
    /// be extended, so most of the haystack is skipped.
    fn compact_match(&self, hay: &str) -> Option<usize> {
        let (chars, ascii) = (&self.chars, &self.ascii);
        let k = chars.len();
        let first = *chars.first()?;
        if k > MAX_FUZZY_CHARS {
            return None;
        }
        let done = 1u64 << (k - 1);
        let mut lead = [0u8; 4];
        let lead = first.encode_utf8(&mut lead).as_bytes()[0];
        let bytes = hay.as_bytes();
        let mut pos = 0;
        while let Some(at) = memchr::memchr(lead, &bytes[pos..]) {
            let mut i = pos + at;
            pos = bytes.len();
            // Ends at the last four chars: a prefix may be extended across up to MAX_GAP = 3.
            let (mut e1, mut e2, mut e3, mut e4) = (0u64, 0u64, 0u64, 0u64);
            let mut start = u64::from(word_starts_at(hay, i));
            while let Some(&b) = bytes.get(i) {
                let (mask, word) = if b.is_ascii() {
                    i += 1;
                    (ascii[usize::from(b)], b.is_ascii_alphanumeric())
                } else {
                    let c = hay[i..].chars().next().unwrap_or(SEP);
                    i += c.len_utf8();
                    (self.mask_of(c), is_word(c))
                };
                if b == SEP as u8 {
                    pos = i;
                    break;
                }
                let ends = (((e1 | e2 | e3 | e4) << 1) | start) & mask;
                start = u64::from(!word);
                if ends & done != 0 {
                    return Some(i);
                }
                // A gap never skips a space or punctuation: "suede" is not in "sécurité de".
                (e4, e3, e2, e1) = match word {
                    true => (e3, e2, e1, ends),
                    false => (0, 0, 0, ends),
                };
                if e1 | e2 | e3 | e4 == 0 {
                    pos = i;
                    break;
                }
            }
        }
        None
    }
}

/// Whether `needle`'s bytes appear in order in `hay`: a cheap necessary test for fuzzy.
pub(crate) fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut pos = 0;
    for &b in needle {
        match memchr::memchr(b, &hay[pos..]) {
            Some(at) => pos += at + 1,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests;
