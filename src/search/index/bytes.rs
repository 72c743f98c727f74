//! The index in bytes, so that the parsed cache can hold it and large archives skip
//! folding every text again. Decoding checks every offset: bad bytes give `None`.

use std::ops::Range;

use super::text::{SharedBytes, Text};
use super::{Entry, Index};
use crate::model::{Kind, Status};

/// Bytes of one encoded entry: four `u32` offsets, two `i32` days, `u64` tags, three `u8`
/// (kind, status, the start's precision).
pub(super) const ENTRY: usize = 4 * 4 + 2 * 4 + 8 + 3;

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

pub(super) fn u64_at(b: &[u8], at: usize) -> Option<usize> {
    let raw = b.get(at..at.checked_add(8)?)?;
    usize::try_from(u64::from_le_bytes(raw.try_into().ok()?)).ok()
}

/// Where the short text, long text and entries of an encoded index lie, every length
/// checked against the bytes there are.
struct Parts {
    short: Range<usize>,
    long: Range<usize>,
    entries: Range<usize>,
}

impl Parts {
    fn of(bytes: &[u8]) -> Option<Parts> {
        let span = |at: usize| -> Option<Range<usize>> {
            let len = u64_at(bytes, at)?;
            let start = at + 8;
            let end = start.checked_add(len)?;
            (end <= bytes.len()).then_some(start..end)
        };
        let short = span(0)?;
        let long = span(short.end)?;
        let count = u64_at(bytes, long.end)?;
        let start = long.end + 8;
        let end = start.checked_add(count.checked_mul(ENTRY)?)?;
        (end == bytes.len()).then_some(Parts {
            short,
            long,
            entries: start..end,
        })
    }
}

impl Index {
    /// Appends the index to `out`, for [`Index::from_bytes`].
    pub fn to_bytes(&self, out: &mut Vec<u8>) {
        for s in [&self.short, &self.long] {
            out.extend_from_slice(&(s.len() as u64).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
        self.entries_to_bytes(out);
    }

    /// Appends the entry count and the entries to `out`.
    pub(super) fn entries_to_bytes(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.entries.len() as u64).to_le_bytes());
        for e in &self.entries {
            for n in [e.short, e.places, e.actors, e.long] {
                out.extend_from_slice(&(n as u32).to_le_bytes());
            }
            out.extend_from_slice(&e.first.to_le_bytes());
            out.extend_from_slice(&e.last.to_le_bytes());
            out.extend_from_slice(&e.tags.to_le_bytes());
            out.extend_from_slice(&[e.kind, e.status, e.precision]);
        }
    }

    /// Appends the word index (built now if it was not yet) to `out`; false, writing
    /// nothing, when it is too large to encode.
    #[cfg(test)]
    pub(crate) fn words_to_bytes(&self, out: &mut Vec<u8>) -> bool {
        self.words().to_bytes(out)
    }

    /// Installs a word index read back from [`Index::words_to_bytes`], so that it need not be
    /// built; false (nothing changed) when the bytes are not a word index of these events.
    #[cfg(test)]
    pub(crate) fn set_words_from_bytes(&mut self, bytes: &[u8]) -> bool {
        match super::Words::from_bytes(bytes, self.len()) {
            Some(words) => {
                self.words = std::sync::OnceLock::from(words);
                true
            }
            None => false,
        }
    }

    /// Writes the bytes of [`Index::words_to_bytes`] through `write` without gathering
    /// them; `Ok(false)`, writing nothing, when they are too large to encode.
    pub(crate) fn write_words(
        &self,
        write: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<bool> {
        self.words().write_to(write)
    }

    /// Writes the short fields' word indexes of [`Index::short_words_to_bytes`] (built now
    /// if they were not yet) through `write`, told which of the two each piece belongs to
    /// (0 the words, 1 the acronyms); `Ok(false)`, writing nothing, when they are too large
    /// to encode.
    pub(crate) fn write_short_words(
        &self,
        mut write: impl FnMut(usize, &[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<bool> {
        let short = self.short_words();
        if !(short.words.fits() && short.acronyms.fits()) {
            return Ok(false);
        }
        short.words.write_to(|b| write(0, b))?;
        short.acronyms.write_to(|b| write(1, b))
    }

    /// Appends the word indexes of the short fields (built now if they were not yet) to
    /// `words` and `acronyms`; false, writing nothing, when they are too large to encode.
    #[cfg(test)]
    pub(crate) fn short_words_to_bytes(&self, words: &mut Vec<u8>, acronyms: &mut Vec<u8>) -> bool {
        let short = self.short_words();
        let fits = short.words.to_bytes(words) && short.acronyms.to_bytes(acronyms);
        if !fits {
            words.clear();
            acronyms.clear();
        }
        fits
    }

    /// Installs the word index stored at `range` of `shared` (as written by
    /// [`Index::words_to_bytes`]), its postings read in place; false (nothing changed) when
    /// the bytes are not a word index.
    pub(crate) fn set_words_from_shared(
        &mut self,
        shared: SharedBytes,
        range: Range<usize>,
    ) -> bool {
        match super::Words::from_shared(shared, range) {
            Some(words) => {
                self.words = std::sync::OnceLock::from(words);
                true
            }
            None => false,
        }
    }

    /// Installs the short fields' word indexes stored at `words` and `acronyms` of `shared`
    /// (as written by [`Index::short_words_to_bytes`]), so that plain terms need not scan
    /// those fields; false (nothing changed) when the bytes are not word indexes.
    pub(crate) fn set_short_words_from_shared(
        &mut self,
        shared: SharedBytes,
        words: Range<usize>,
        acronyms: Range<usize>,
    ) -> bool {
        let words = super::Words::from_shared(shared.clone(), words);
        let acronyms = super::Words::from_shared(shared, acronyms);
        match words.zip(acronyms) {
            Some((words, acronyms)) => {
                self.short_words = std::sync::OnceLock::from(super::ShortWords { words, acronyms });
                true
            }
            None => false,
        }
    }

    /// An index read back from [`Index::to_bytes`], or `None` if the bytes are not one.
    /// Its text is copied out of `bytes`.
    pub fn from_bytes(bytes: &[u8]) -> Option<Index> {
        let parts = Parts::of(bytes)?;
        let text = |r: std::ops::Range<usize>| -> Option<Text> {
            Some(std::str::from_utf8(bytes.get(r)?).ok()?.to_owned().into())
        };
        let short = text(parts.short.clone())?;
        let long = text(parts.long.clone())?;
        Index::from_parts(short, long, bytes.get(parts.entries)?)
    }

    /// Like [`Index::from_bytes`] on `range` of `shared`, without copying the text: the index
    /// reads it from the shared bytes (a mapped cache), which it keeps alive.
    pub fn from_shared(shared: SharedBytes, range: std::ops::Range<usize>) -> Option<Index> {
        let bytes = (*shared).as_ref().get(range.clone())?;
        let parts = Parts::of(bytes)?;
        let at = |r: std::ops::Range<usize>| range.start + r.start..range.start + r.end;
        let entries = bytes.get(parts.entries.clone())?;
        let short = Text::shared(shared.clone(), at(parts.short))?;
        let long = Text::shared(shared.clone(), at(parts.long))?;
        Index::from_parts(short, long, entries)
    }

    /// An index of the given text and encoded entries, once every offset is checked.
    pub(super) fn from_parts(short: Text, long: Text, entries: &[u8]) -> Option<Index> {
        if u32::try_from(short.len()).is_err() || u32::try_from(long.len()).is_err() {
            return None;
        }
        // The caller checked that `entries` is a whole number of entries.
        let entries = entries
            .chunks_exact(ENTRY)
            .map(|b| {
                let at = |i: usize| u32_at(b, 4 * i).map(|n| n as usize);
                let int = |i: usize| u32_at(b, 4 * i).map(|n| n as i32);
                let (first, precision) = (int(4)?, *b.get(34)?);
                let start = super::lookup::start_from(first, precision)?;
                Some(Entry {
                    start,
                    start_last: crate::search::query::day_number(start.last_day()),
                    short: at(0)?,
                    places: at(1)?,
                    actors: at(2)?,
                    long: at(3)?,
                    first,
                    last: int(5)?,
                    tags: u64::from_le_bytes(b.get(24..32)?.try_into().ok()?),
                    kind: *b.get(32)?,
                    status: *b.get(33)?,
                    precision,
                })
            })
            .collect::<Option<Vec<Entry>>>()?;
        let index = Index {
            short,
            long,
            entries,
            words: std::sync::OnceLock::new(),
            short_words: std::sync::OnceLock::new(),
            id_lookup: std::sync::OnceLock::new(),
            #[cfg(test)]
            window_always: false,
        };
        index.is_consistent_from(0).then_some(index)
    }

    /// Whether every offset of entries `first..` is in order, in bounds and on a char
    /// boundary, so that no lookup can panic (entries before were checked already, against
    /// ends that can only have grown since).
    fn is_consistent_from(&self, first: usize) -> bool {
        let mut prev = match first.checked_sub(1).and_then(|p| self.entries.get(p)) {
            Some(e) => (e.short, e.long),
            None => (0, 0),
        };
        // Deferred text is not read here (that would check it): its reads never panic.
        let (short_unread, long_unread) = (self.short.is_unchecked(), self.long.is_unchecked());
        self.entries.iter().enumerate().skip(first).all(|(i, e)| {
            let next = self.entries.get(i + 1);
            let short_end = next.map_or(self.short.len(), |n| n.short);
            let long_end = next.map_or(self.long.len(), |n| n.long);
            let ok = (prev.0 <= e.short && e.short < e.places)
                && (e.places <= e.actors && e.actors < short_end)
                && short_end <= self.short.len()
                && (prev.1 <= e.long && e.long <= long_end && long_end <= self.long.len())
                && (short_unread
                    || [e.short, e.short + 1, e.places, e.actors, short_end]
                        .iter()
                        .all(|&p| self.short.is_char_boundary(p)))
                && (long_unread || self.long.is_char_boundary(e.long))
                && usize::from(e.kind) < Kind::ALL.len()
                && usize::from(e.status) < Status::ALL.len()
                && e.precision <= 2;
            prev = (e.short, e.long);
            ok
        })
    }

    /// Appends the events of `other` after those of `self`. The word index is rebuilt on
    /// first use.
    pub fn append(&mut self, other: Index) {
        self.words = std::sync::OnceLock::new();
        self.short_words = std::sync::OnceLock::new();
        self.id_lookup = std::sync::OnceLock::new();
        if self.entries.is_empty() && self.short.is_empty() && self.long.is_empty() {
            // Nothing to shift: take the other index's buffers instead of copying them.
            let words = std::mem::take(&mut self.words);
            *self = Index { words, ..other };
            self.words = std::sync::OnceLock::new();
            self.short_words = std::sync::OnceLock::new();
            self.id_lookup = std::sync::OnceLock::new();
            return;
        }
        let (short, long) = (self.short.len(), self.long.len());
        self.short.to_mut().push_str(&other.short);
        self.long.to_mut().push_str(&other.long);
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
    fn streamed_word_indexes_are_the_gathered_bytes() {
        let index = Index::new(&crate::model::load::bundled().events);
        let (mut words, mut short, mut acronyms) = (Vec::new(), Vec::new(), Vec::new());
        assert!(index.words_to_bytes(&mut words));
        assert!(index.short_words_to_bytes(&mut short, &mut acronyms));
        let mut streamed = [Vec::new(), Vec::new(), Vec::new()];
        let written = index.write_words(|b| {
            streamed[0].extend_from_slice(b);
            Ok(())
        });
        assert!(written.unwrap());
        let written = index.write_short_words(|part, b| {
            streamed[part + 1].extend_from_slice(b);
            Ok(())
        });
        assert!(written.unwrap());
        assert_eq!(streamed, [words, short, acronyms]);
    }

    #[test]
    fn an_index_round_trips_and_appends() {
        let events = crate::model::load::bundled().events;
        let whole = Index::new(&events);
        let (a, b) = events.split_at(7);
        let mut joined = Index::new(a);
        let mut bytes = Vec::new();
        Index::new(b).to_bytes(&mut bytes);
        joined.append(Index::from_bytes(&bytes).unwrap());
        assert_eq!(*joined.short, *whole.short);
        assert_eq!(*joined.long, *whole.long);
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
    fn a_stored_word_index_serves_queries() {
        let events = crate::model::load::bundled().events;
        let whole = Index::new(&events);
        let mut words = Vec::new();
        assert!(whole.words_to_bytes(&mut words));
        let mut all = Vec::new();
        whole.to_bytes(&mut all);
        let mut back = Index::from_bytes(&all).unwrap();
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
        let shared: SharedBytes = std::sync::Arc::new(bad);
        assert!(Index::from_shared(shared, 0..bytes.len()).is_none());
    }

    #[test]
    fn a_shared_index_reads_its_text_in_place() {
        let events = crate::model::load::bundled().events;
        let whole = Index::new(&events);
        let mut bytes = vec![7u8; 5];
        whole.to_bytes(&mut bytes);
        let len = bytes.len();
        let shared: SharedBytes = std::sync::Arc::new(bytes);
        let back = Index::from_shared(shared.clone(), 5..len).unwrap();
        assert_eq!(*back.long, *whole.long);
        assert!(Index::from_shared(shared.clone(), 4..len).is_none());
        assert!(Index::from_shared(shared, 5..len + 1).is_none());
        let query = crate::search::Query::parse("cyber").unwrap();
        let cancel = AtomicBool::new(false);
        assert_eq!(
            back.filter(&query, None, &cancel),
            whole.filter(&query, None, &cancel)
        );
    }
}
