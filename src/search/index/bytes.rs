//! The index in bytes, so that the parsed cache can hold it and large archives skip
//! folding every text again. Decoding checks every offset: bad bytes give `None`.

use super::{Entry, Index};
use crate::model::{Kind, Status};

/// Bytes of one encoded entry: four `u32` offsets, two `i32` days, `u64` tags, two `u8`.
const ENTRY: usize = 4 * 4 + 2 * 4 + 8 + 2;

fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    let (head, rest) = (bytes.get(..n)?, bytes.get(n..)?);
    *bytes = rest;
    Some(head)
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn str_slice<'a>(bytes: &mut &'a [u8]) -> Option<&'a str> {
    let len = u64::from_le_bytes(take(bytes, 8)?.try_into().ok()?);
    let raw = take(bytes, usize::try_from(len).ok()?)?;
    std::str::from_utf8(raw).ok()
}

impl Index {
    /// Appends the index to `out`, for [`Index::from_bytes`].
    pub fn to_bytes(&self, out: &mut Vec<u8>) {
        for s in [&self.short, &self.long] {
            out.extend_from_slice(&(s.len() as u64).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
        out.extend_from_slice(&(self.entries.len() as u64).to_le_bytes());
        for e in &self.entries {
            for n in [e.short, e.places, e.actors, e.long] {
                out.extend_from_slice(&(n as u32).to_le_bytes());
            }
            out.extend_from_slice(&e.first.to_le_bytes());
            out.extend_from_slice(&e.last.to_le_bytes());
            out.extend_from_slice(&e.tags.to_le_bytes());
            out.extend_from_slice(&[e.kind, e.status]);
        }
    }

    /// Makes room for `parts` more indexes the size of this one, so that appending them
    /// copies each buffer once.
    pub(crate) fn reserve_parts(&mut self, parts: usize) {
        self.short.reserve(self.short.len() * parts);
        self.long.reserve(self.long.len() * parts);
        self.entries.reserve(self.entries.len() * parts);
    }

    /// Appends events `range` of the index to `out` as [`Index::to_bytes`] would write an
    /// index of those events alone (the parsed cache stores the index in chunks).
    pub(crate) fn range_to_bytes(&self, range: std::ops::Range<usize>, out: &mut Vec<u8>) {
        let Some(first) = self.entries.get(range.start) else {
            Index::default().to_bytes(out);
            return;
        };
        let (short, long) = (first.short, first.long);
        let next = self.entries.get(range.end);
        let short_end = next.map_or(self.short.len(), |n| n.short);
        let long_end = next.map_or(self.long.len(), |n| n.long);
        for s in [&self.short[short..short_end], &self.long[long..long_end]] {
            out.extend_from_slice(&(s.len() as u64).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
        let entries = &self.entries[range];
        out.extend_from_slice(&(entries.len() as u64).to_le_bytes());
        for e in entries {
            for n in [
                e.short - short,
                e.places - short,
                e.actors - short,
                e.long - long,
            ] {
                out.extend_from_slice(&(n as u32).to_le_bytes());
            }
            out.extend_from_slice(&e.first.to_le_bytes());
            out.extend_from_slice(&e.last.to_le_bytes());
            out.extend_from_slice(&e.tags.to_le_bytes());
            out.extend_from_slice(&[e.kind, e.status]);
        }
    }

    /// Appends the word index (built now if it was not yet) to `out`; false, writing
    /// nothing, when it is too large to encode.
    pub(crate) fn words_to_bytes(&self, out: &mut Vec<u8>) -> bool {
        self.words().to_bytes(out)
    }

    /// Installs a word index read back from [`Index::words_to_bytes`], so that it need not be
    /// built; false (nothing changed) when the bytes are not a word index of these events.
    pub(crate) fn set_words_from_bytes(&mut self, bytes: &[u8]) -> bool {
        match super::Words::from_bytes(bytes, self.len()) {
            Some(words) => {
                self.words = std::sync::OnceLock::from(words);
                true
            }
            None => false,
        }
    }

    /// An index read back from [`Index::to_bytes`], or `None` if the bytes are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Index> {
        let mut index = Index::default();
        index.append_bytes(bytes)?;
        Some(index)
    }

    /// Appends the index encoded in `bytes` (as [`Index::to_bytes`] writes it) after the
    /// events of `self`, copying its text once, straight from `bytes`. On `None` the bytes
    /// are not an index and `self` is unchanged. The word index is rebuilt on first use.
    pub(crate) fn append_bytes(&mut self, mut bytes: &[u8]) -> Option<()> {
        let short = str_slice(&mut bytes)?;
        let long = str_slice(&mut bytes)?;
        let count = u64::from_le_bytes(take(&mut bytes, 8)?.try_into().ok()?);
        let count = usize::try_from(count).ok()?;
        if bytes.len() != count.checked_mul(ENTRY)? || u32::try_from(short.len()).is_err() {
            return None;
        }
        let (base_short, base_long, first) = (self.short.len(), self.long.len(), self.len());
        self.entries.reserve(count);
        let parsed = bytes.chunks_exact(ENTRY).try_for_each(|b| {
            let at = |i: usize| u32_at(b, 4 * i).map(|n| n as usize);
            let int = |i: usize| u32_at(b, 4 * i).map(|n| n as i32);
            self.entries.push(Entry {
                short: at(0)? + base_short,
                places: at(1)? + base_short,
                actors: at(2)? + base_short,
                long: at(3)? + base_long,
                first: int(4)?,
                last: int(5)?,
                tags: u64::from_le_bytes(b.get(24..32)?.try_into().ok()?),
                kind: *b.get(32)?,
                status: *b.get(33)?,
            });
            Some(())
        });
        self.short.push_str(short);
        self.long.push_str(long);
        if parsed.is_none() || !self.is_consistent_from(first) {
            self.entries.truncate(first);
            self.short.truncate(base_short);
            self.long.truncate(base_long);
            return None;
        }
        self.words = std::sync::OnceLock::new();
        self.short_words = std::sync::OnceLock::new();
        Some(())
    }

    /// Whether every offset of entries `first..` is in order, in bounds and on a char
    /// boundary, so that no lookup can panic (entries before were checked already, against
    /// ends that can only have grown since).
    fn is_consistent_from(&self, first: usize) -> bool {
        let mut prev = match first.checked_sub(1).and_then(|p| self.entries.get(p)) {
            Some(e) => (e.short, e.long),
            None => (0, 0),
        };
        self.entries.iter().enumerate().skip(first).all(|(i, e)| {
            let next = self.entries.get(i + 1);
            let short_end = next.map_or(self.short.len(), |n| n.short);
            let long_end = next.map_or(self.long.len(), |n| n.long);
            let ok = (prev.0 <= e.short && e.short < e.places)
                && (e.places <= e.actors && e.actors < short_end)
                && short_end <= self.short.len()
                && (prev.1 <= e.long && e.long <= long_end && long_end <= self.long.len())
                && [e.short, e.short + 1, e.places, e.actors, short_end]
                    .iter()
                    .all(|&p| self.short.is_char_boundary(p))
                && self.long.is_char_boundary(e.long)
                && usize::from(e.kind) < Kind::ALL.len()
                && usize::from(e.status) < Status::ALL.len();
            prev = (e.short, e.long);
            ok
        })
    }

    /// Appends the events of `other` after those of `self`. The word index is rebuilt on
    /// first use.
    pub fn append(&mut self, other: Index) {
        self.words = std::sync::OnceLock::new();
        self.short_words = std::sync::OnceLock::new();
        if self.entries.is_empty() && self.short.is_empty() && self.long.is_empty() {
            // Nothing to shift: take the other index's buffers instead of copying them.
            let words = std::mem::take(&mut self.words);
            *self = Index { words, ..other };
            self.words = std::sync::OnceLock::new();
            self.short_words = std::sync::OnceLock::new();
            return;
        }
        let (short, long) = (self.short.len(), self.long.len());
        self.short.push_str(&other.short);
        self.long.push_str(&other.long);
        self.entries
            .extend(other.entries.into_iter().map(|e| Entry {
                short: e.short + short,
                places: e.places + short,
                actors: e.actors + short,
                long: e.long + long,
                ..e
            }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    #[test]
    fn an_index_round_trips_and_appends() {
        let events = crate::model::load::bundled().events;
        let whole = Index::new(&events);
        let (a, b) = events.split_at(7);
        let mut joined = Index::new(a);
        let mut bytes = Vec::new();
        Index::new(b).to_bytes(&mut bytes);
        joined.append(Index::from_bytes(&bytes).unwrap());
        assert_eq!(joined.short, whole.short);
        assert_eq!(joined.long, whole.long);
        let cancel = AtomicBool::new(false);
        for q in ["tallinn", "kind:summit", "'cyber", "2019..2021 !nato"] {
            let query = crate::search::Query::parse(q).unwrap();
            assert_eq!(
                joined.filter(&query, None, &cancel),
                whole.filter(&query, None, &cancel),
                "{q}"
            );
        }
    }

    #[test]
    fn a_range_encodes_like_an_index_of_those_events() {
        let events = crate::model::load::bundled().events;
        let whole = Index::new(&events);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        whole.range_to_bytes(3..9, &mut a);
        Index::new(&events[3..9]).to_bytes(&mut b);
        assert_eq!(a, b);
        let mut words = Vec::new();
        assert!(whole.words_to_bytes(&mut words));
        let mut back = Index::from_bytes(&{
            let mut all = Vec::new();
            whole.to_bytes(&mut all);
            all
        })
        .unwrap();
        assert!(back.set_words_from_bytes(&words));
        let query = crate::search::Query::parse("cyber").unwrap();
        let cancel = AtomicBool::new(false);
        assert_eq!(
            back.filter(&query, None, &cancel),
            whole.filter(&query, None, &cancel)
        );
    }

    #[test]
    fn damaged_bytes_are_refused() {
        let mut bytes = Vec::new();
        Index::new(&crate::model::load::bundled().events).to_bytes(&mut bytes);
        assert!(Index::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        let mut bad = bytes.clone();
        let last = bad.len() - 1;
        bad[last] = 9; // a status that does not exist
        assert!(Index::from_bytes(&bad).is_none());
        assert!(Index::from_bytes(&[]).is_none());
    }
}
