//! Word index of the long text: a sorted vocabulary and, for each word, the events using it.
//!
//! A plain term matches long text when some word starts with it. Scanning every summary and
//! quote for that costs time in proportion to all the text loaded; looking the term up in a
//! sorted vocabulary costs time in proportion to the events that contain such a word.

mod postings;
mod spans;

use postings::Postings;
pub(crate) use spans::word_spans;
use std::ops::Range;

/// Words are maximal runs of letters and digits, as `char::is_alphanumeric` has them.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

type WordMap<'a> = crate::hash::FastMap<Word<'a>, u32>;

/// A word as a map key: hashed as its text, compared inline (words are short, and a call
/// to `memcmp` for each lookup showed in profiles).
#[derive(Clone, Copy, Hash)]
struct Word<'a>(&'a str);

impl PartialEq for Word<'_> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
    }
}

impl Eq for Word<'_> {}

/// The words of some events, with ids in order of first use.
struct Partial<'a> {
    ids: WordMap<'a>,
    /// How many events use each word, by id.
    uses: Vec<usize>,
    /// Each event's distinct word ids, so that postings need no second tokenizing.
    seen: Vec<u32>,
    /// Event `k`'s ids end at `seen[seen_ends[k]]`.
    seen_ends: Vec<usize>,
}

impl<'a> Partial<'a> {
    fn scan(events: Range<usize>, texts: &impl Fn(usize) -> [&'a str; 2]) -> Partial<'a> {
        let mut part = Partial {
            ids: WordMap::default(),
            uses: Vec::new(),
            seen: Vec::new(),
            seen_ends: Vec::with_capacity(events.len()),
        };
        // The last event that used each word, so each event counts a word once.
        let mut last: Vec<usize> = Vec::new();
        for i in events {
            for text in texts(i) {
                for (_, word) in word_spans(text) {
                    let next = part.ids.len() as u32;
                    let id = *part.ids.entry(Word(word)).or_insert(next) as usize;
                    if id == part.uses.len() {
                        part.uses.push(0);
                        last.push(usize::MAX);
                    }
                    if last[id] != i {
                        last[id] = i;
                        part.uses[id] += 1;
                        part.seen.push(id as u32);
                    }
                }
            }
            part.seen_ends.push(part.seen.len());
        }
        part
    }

    /// Adds the words of the events that follow, renumbering their ids.
    fn append(&mut self, other: Partial<'a>) {
        let mut renumber = vec![0u32; other.uses.len()];
        for (word, id) in other.ids {
            let next = self.ids.len() as u32;
            let global = *self.ids.entry(word).or_insert(next);
            if global as usize == self.uses.len() {
                self.uses.push(0);
            }
            self.uses[global as usize] += other.uses[id as usize];
            renumber[id as usize] = global;
        }
        let offset = self.seen.len();
        self.seen
            .extend(other.seen.iter().map(|id| renumber[*id as usize]));
        self.seen_ends
            .extend(other.seen_ends.iter().map(|end| end + offset));
    }
}

/// Candidates above which indexing, filtering and ranking are split across threads.
/// It lives with the word index, the lowest layer that uses it, so the index of events
/// can import it without the two importing each other.
pub(crate) const PARALLEL_FROM: usize = 20_000;

/// Sorted vocabulary with postings (ascending event indices) for each word.
#[derive(Debug, Default)]
pub(crate) struct Words {
    /// The words in sorted order, concatenated.
    vocab: String,
    /// Word `k` is `vocab[starts[k]..starts[k + 1]]`.
    starts: Vec<usize>,
    /// Events of word `k` are `postings[post[k]..post[k + 1]]`.
    post: Vec<usize>,
    postings: Postings,
}

impl Words {
    /// Indexes the words of each event's text; `texts(i)` is event `i`'s folded text, in
    /// two parts (a word never spans them).
    /// Large inputs are tokenized on two threads.
    pub fn new<'a>(count: usize, texts: impl Fn(usize) -> [&'a str; 2] + Sync) -> Words {
        let Partial {
            ids,
            uses,
            seen,
            seen_ends,
        } = if count > PARALLEL_FROM {
            let half = count / 2;
            std::thread::scope(|scope| {
                let second = scope.spawn(|| Partial::scan(half..count, &texts));
                let mut first = Partial::scan(0..half, &texts);
                let second = second
                    .join()
                    .unwrap_or_else(|_| Partial::scan(half..count, &texts));
                first.append(second);
                first
            })
        } else {
            Partial::scan(0..count, &texts)
        };
        let mut order: Vec<(&str, u32)> = ids.iter().map(|(w, id)| (w.0, *id)).collect();
        order.sort_unstable();
        let mut index = Words {
            vocab: String::new(),
            starts: Vec::with_capacity(order.len() + 1),
            post: Vec::with_capacity(order.len() + 1),
            postings: Postings::default(),
        };
        // Where each word's postings go, by id.
        let mut cursor = vec![0usize; order.len()];
        let mut total = 0;
        for (word, id) in &order {
            index.starts.push(index.vocab.len());
            index.vocab.push_str(word);
            index.post.push(total);
            cursor[*id as usize] = total;
            total += uses[*id as usize];
        }
        index.starts.push(index.vocab.len());
        index.post.push(total);
        // Second pass: postings, in event order within each word.
        let mut postings = vec![0; total];
        let mut from = 0;
        for (i, &to) in seen_ends.iter().enumerate() {
            for &id in &seen[from..to] {
                let id = id as usize;
                postings[cursor[id]] = i as u32;
                cursor[id] += 1;
            }
            from = to;
        }
        index.postings = Postings::Owned(postings);
        index
    }

    fn word(&self, k: usize) -> &str {
        &self.vocab[self.starts[k]..self.starts[k + 1]]
    }

    /// The words that start with `prefix`, as a range of positions in the vocabulary.
    fn with_prefix(&self, prefix: &str) -> Range<usize> {
        let n = self.starts.len().saturating_sub(1);
        let from = partition(n, |k| self.word(k) < prefix);
        let to = from + partition(n - from, |k| self.word(from + k).starts_with(prefix));
        from..to
    }

    /// The word `word` alone (`whole`) or the words that start with it, as a range of
    /// positions in the vocabulary (the word itself sorts first among those).
    fn with(&self, word: &str, whole: bool) -> Range<usize> {
        let range = self.with_prefix(word);
        match whole {
            true if range.start < range.end && self.word(range.start) == word => {
                range.start..range.start + 1
            }
            true => range.start..range.start,
            false => range,
        }
    }

    /// How many postings [`Words::events`] reads for these arguments: its cost.
    pub fn postings_with(&self, word: &str, whole: bool) -> usize {
        let range = self.with(word, whole);
        self.post[range.end] - self.post[range.start]
    }

    /// A bitset over `count` events: bit `i` set when event `i` has a word that starts with
    /// `prefix` and for which `keep` holds. Reads every such word of the vocabulary.
    pub fn events_where(
        &self,
        prefix: &str,
        keep: impl Fn(&str) -> bool,
        count: usize,
    ) -> Vec<u64> {
        let mut bits = vec![0u64; count.div_ceil(64)];
        for k in self.with_prefix(prefix).filter(|&k| keep(self.word(k))) {
            self.postings
                .for_each_in(self.post[k]..self.post[k + 1], |i| {
                    if let Some(slot) = bits.get_mut(i as usize / 64) {
                        *slot |= 1 << (i % 64);
                    }
                });
        }
        bits
    }

    /// A bitset over `count` events: bit `i` set when event `i` has the word `word` (when
    /// `whole`) or a word starting with it.
    pub fn events(&self, word: &str, whole: bool, count: usize) -> Vec<u64> {
        let mut bits = vec![0u64; count.div_ceil(64)];
        let range = self.with(word, whole);
        let which = self.post[range.start]..self.post[range.end];
        self.postings.for_each_in(which, |i| {
            if let Some(slot) = bits.get_mut(i as usize / 64) {
                *slot |= 1 << (i % 64);
            }
        });
        bits
    }
}

impl Words {
    /// Appends the word index to `out` (for the parsed cache): `u64` counts, `u32` values.
    /// Returns false, writing nothing, when a value does not fit in 32 bits.
    #[cfg(test)]
    pub fn to_bytes(&self, out: &mut Vec<u8>) -> bool {
        let extend = |b: &[u8]| {
            out.extend_from_slice(b);
            Ok(())
        };
        self.write_to(extend).unwrap_or(false)
    }

    /// Whether every value fits in the 32 bits [`Words::to_bytes`] gives it.
    pub fn fits(&self) -> bool {
        let fits = |v: &[usize]| v.last().is_none_or(|&n| u32::try_from(n).is_ok());
        fits(&self.starts) && fits(&self.post)
    }

    /// The bytes of [`Words::to_bytes`], handed to `write` a block of values at a time
    /// rather than gathered first; `Ok(false)`, writing nothing, when they do not fit.
    pub fn write_to(
        &self,
        mut write: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<bool> {
        if !self.fits() {
            return Ok(false);
        }
        write(&(self.vocab.len() as u64).to_le_bytes())?;
        write(self.vocab.as_bytes())?;
        write(&(self.starts.len() as u64).to_le_bytes())?;
        let mut buf = Vec::with_capacity(1 << 16);
        let mut flush = |buf: &mut Vec<u8>, last: bool| -> std::io::Result<()> {
            if buf.len() >= (1 << 16) - 8 || (last && !buf.is_empty()) {
                write(buf)?;
                buf.clear();
            }
            Ok(())
        };
        for v in self.starts.iter().chain(&self.post) {
            buf.extend_from_slice(&(*v as u32).to_le_bytes());
            flush(&mut buf, false)?;
        }
        buf.extend_from_slice(&(self.postings.len() as u64).to_le_bytes());
        let mut failed = None;
        self.postings.for_each_in(0..self.postings.len(), |i| {
            buf.extend_from_slice(&i.to_le_bytes());
            if failed.is_none() {
                failed = flush(&mut buf, false).err();
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        flush(&mut buf, true)?;
        Ok(true)
    }

    /// A word index read back from [`Words::to_bytes`] for `count` events, or `None` when
    /// the bytes are not one. Every offset is checked, so that no lookup can panic.
    #[cfg(test)]
    pub fn from_bytes(bytes: &[u8], count: usize) -> Option<Words> {
        let shared: crate::search::SharedBytes = std::sync::Arc::new(bytes.to_vec());
        let words = Words::from_shared(shared, 0..bytes.len())?;
        let mut ok = true;
        words
            .postings
            .for_each_in(0..words.postings.len(), |i| ok &= (i as usize) < count);
        ok.then_some(words)
    }

    /// Like [`Words::from_bytes`] on `range` of `shared`, but the postings (most of the
    /// bytes) are read in place, never copied, and not compared with the event count: they
    /// are only ever bit numbers, set through a bounds-checked lookup.
    pub fn from_shared(shared: crate::search::SharedBytes, range: Range<usize>) -> Option<Words> {
        let whole = (*shared).as_ref().get(range.clone())?;
        let mut bytes = whole;
        let n = len(&mut bytes)?;
        let vocab = std::str::from_utf8(take(&mut bytes, n)?).ok()?.to_owned();
        let n = len(&mut bytes)?;
        let widen = |raw: &[u8]| -> Vec<usize> {
            raw.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
                .collect()
        };
        let starts = widen(take(&mut bytes, n.checked_mul(4)?)?);
        let post = widen(take(&mut bytes, n.checked_mul(4)?)?);
        let m = len(&mut bytes)?;
        let at = range.start + (whole.len() - bytes.len());
        take(&mut bytes, m.checked_mul(4)?)?;
        let postings = Postings::shared(shared.clone(), at..at + m * 4)?;
        let sorted = |v: &[usize], end: usize| {
            v.first() == Some(&0) && v.last() == Some(&end) && v.is_sorted()
        };
        let ok = bytes.is_empty()
            && sorted(&starts, vocab.len())
            && sorted(&post, postings.len())
            && starts.iter().all(|&p| vocab.is_char_boundary(p));
        ok.then_some(Words {
            vocab,
            starts,
            post,
            postings,
        })
    }
}

fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    let (head, rest) = (bytes.get(..n)?, bytes.get(n..)?);
    *bytes = rest;
    Some(head)
}

fn len(bytes: &mut &[u8]) -> Option<usize> {
    usize::try_from(u64::from_le_bytes(take(bytes, 8)?.try_into().ok()?)).ok()
}

/// The first `k` in `0..n` for which `pred` is false, given that it is true then false.
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_events_by_word_prefix() {
        let texts = [
            "the security council",
            "cyber-security",
            "cybersecurity act",
            "",
        ];
        let words = Words::new(texts.len(), |i| [texts[i], ""]);
        let hits = |p: &str| {
            let bits = words.events(p, false, texts.len());
            (0..texts.len())
                .filter(|i| bits[i / 64] & (1 << (i % 64)) != 0)
                .collect::<Vec<_>>()
        };
        assert_eq!(hits("sec"), [0, 1]);
        assert_eq!(hits("cyber"), [1, 2]);
        assert_eq!(hits("c"), [0, 1, 2]);
        assert_eq!(hits("zz"), Vec::<usize>::new());
        assert_eq!(hits("cybersecurityx"), Vec::<usize>::new());
        assert_eq!(words.postings_with("c", false), 3);
        assert_eq!(words.postings_with("security", true), 2);
        assert_eq!(words.postings_with("secur", true), 0);
        let mut bytes = Vec::new();
        assert!(words.to_bytes(&mut bytes));
        let back = Words::from_bytes(&bytes, texts.len()).unwrap();
        assert_eq!(back.events("sec", false, 4), words.events("sec", false, 4));
        assert!(Words::from_bytes(&bytes[..bytes.len() - 1], texts.len()).is_none());
        assert!(Words::from_bytes(&bytes, 1).is_none());
    }
}
