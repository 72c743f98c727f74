//! Matching one folded term against folded haystacks: compact fuzzy, word prefix, substring.
//!
//! These are the boolean tests of filtering. They never call fuzzy-matcher, whose scores and
//! positions are only computed where ranking or highlighting needs them.

use memchr::memmem::Finder;

/// Separates field values in a haystack; terms never contain it, so no match spans two fields.
pub(crate) const SEP: char = '\u{1f}';

/// At most this many other chars may sit between two consecutive chars of a fuzzy match.
/// (The scan in `Needle::compact_match` keeps exactly `MAX_GAP + 1` past positions.)
pub(crate) const MAX_GAP: u8 = 3;
const _: () = assert!(
    MAX_GAP == 3,
    "compact_match keeps MAX_GAP + 1 = 4 registers"
);

/// Longest term matched fuzzily; longer terms match as substrings only.
const MAX_FUZZY_CHARS: usize = 64;

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

    /// Whether some word of `hay` starts with the term: an occurrence at the start, after a
    /// char that is not a letter or digit, or anywhere if the term itself starts with one.
    pub fn starts_a_word(&self, hay: &str) -> bool {
        let free = self.chars.first().is_none_or(|c| !c.is_alphanumeric());
        self.find_all(hay).any(|at| {
            free || hay[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
    }

    /// Whether the term matches one field of `hay` fuzzily and compactly: its chars appear in
    /// order inside one field, with at most [`MAX_GAP`] other chars between consecutive ones.
    pub fn fuzzy_in(&self, hay: &str) -> bool {
        if self.chars.len() > MAX_FUZZY_CHARS {
            return self.is_in(hay);
        }
        is_subsequence(self.bytes(), hay.as_bytes()) && self.compact_match(hay).is_some()
    }

    /// Byte offset just past the end of the first compact match of the term in `hay`, if any.
    ///
    /// Bit-parallel scan: bit `j` of `ends` is set when a compact match of the term's first
    /// `j + 1` chars ends at the current char. It may extend a prefix that ended at one of the
    /// last `MAX_GAP + 1` chars, kept in four registers; the latest ends are all kept, so the
    /// scan is exact. It starts only at occurrences of the first char (found with memchr) and
    /// stops as soon as no prefix can be extended, so most of the haystack is skipped.
    fn compact_match(&self, hay: &str) -> Option<usize> {
        let (chars, ascii) = (&self.chars, &self.ascii);
        let k = chars.len();
        let first = *chars.first()?;
        if k > MAX_FUZZY_CHARS {
            return None;
        }
        let mask_of = |c: char| match ascii.get(c as usize) {
            Some(m) => *m,
            None => chars
                .iter()
                .enumerate()
                .filter(|(_, d)| **d == c)
                .fold(0, |m, (j, _)| m | 1 << j),
        };
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
            while let Some(&b) = bytes.get(i) {
                let mask = if b.is_ascii() {
                    i += 1;
                    ascii[usize::from(b)]
                } else {
                    let c = hay[i..].chars().next().unwrap_or(SEP);
                    i += c.len_utf8();
                    mask_of(c)
                };
                if b == SEP as u8 {
                    pos = i;
                    break;
                }
                let ends = (((e1 | e2 | e3 | e4) << 1) | 1) & mask;
                if ends & done != 0 {
                    return Some(i);
                }
                (e4, e3, e2, e1) = (e3, e2, e1, ends);
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fuzzy(term: &str, hay: &str) -> bool {
        Needle::new(term).fuzzy_in(hay)
    }

    #[test]
    fn fuzzy_needs_compact_matches_within_one_field() {
        assert!(fuzzy("tlnn", "\u{1f}tallinn\u{1f}"));
        assert!(fuzzy("cybsec", "\u{1f}cybersecurity\u{1f}"));
        assert!(fuzzy("cyber", "\u{1f}eu cyber forum\u{1f}"));
        assert!(!fuzzy("cyber", "\u{1f}city by the bay, eleven rooms\u{1f}"));
        assert!(!fuzzy("ab", "\u{1f}a\u{1f}b\u{1f}"));
        assert!(!fuzzy("ab", "a    b"));
        assert!(fuzzy("ab", "a   b"));
        assert!(fuzzy("abc", "a.....ab.c"));
        assert!(fuzzy("lulea", "\u{1f}lulea\u{1f}"));
        assert!(fuzzy("東京", "\u{1f}東x京\u{1f}"));
    }

    #[test]
    fn word_prefix_needs_a_word_start() {
        let n = Needle::new("sec");
        assert!(n.starts_a_word("the security council"));
        assert!(n.starts_a_word("cyber-security"));
        assert!(!n.starts_a_word("cybersecurity"));
        assert!(Needle::new("-sec").starts_a_word("cyber-security"));
        assert!(Needle::new("ete").starts_a_word("l'ete"));
    }

    /// Reference: try every alignment.
    fn slow(chars: &[char], hay: &[char]) -> bool {
        fn go(chars: &[char], field: &[char], from: usize, first: bool) -> bool {
            let Some((c, rest)) = chars.split_first() else {
                return true;
            };
            let end = if first {
                field.len()
            } else {
                (from + MAX_GAP as usize + 1).min(field.len())
            };
            (from..end).any(|i| field[i] == *c && go(rest, field, i + 1, false))
        }
        // Fields are matched independently.
        hay.split(|c| *c == SEP)
            .any(|field| go(chars, field, 0, true))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn compact_match_agrees_with_brute_force(term in "[abé]{1,4}", hay in "[abcé東 \u{1f}]{0,24}") {
            let chars: Vec<char> = term.chars().collect();
            let hay_chars: Vec<char> = hay.chars().collect();
            prop_assert_eq!(Needle::new(&term).compact_match(&hay).is_some(), slow(&chars, &hay_chars));
            prop_assert_eq!(Needle::new(&term).fuzzy_in(&hay), slow(&chars, &hay_chars));
        }

        #[test]
        fn adding_letters_never_widens(term in "[abc]{1,4}", extra in "[abc]", hay in "[abc \u{1f}]{0,24}") {
            let longer = format!("{term}{extra}");
            if fuzzy(&longer, &hay) {
                prop_assert!(fuzzy(&term, &hay));
            }
        }
    }
}
