//! The search index: one folded haystack of short fields and one of long text per event,
//! stored in two shared buffers, plus dates, kind, status and tags as numbers.

mod bytes;
mod lookup;
mod matching;
mod stored;
mod text;
mod window;

use matching::{Compiled, Ctx};
pub use stored::Stored;
use text::Text;
pub use text::{Check, Make, Piece, SharedBytes};

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::fuzzy::{ACRONYMS, SEP};
use super::query::{Query, day_number};
use super::words::{PARALLEL_FROM, Words};
use crate::model::{Event, Kind, Tag};
use crate::text::fold_into;

/// Where one event's data sits in the shared buffers, and its numeric fields.
#[derive(Debug, Clone)]
struct Entry {
    /// Start of `SEP id SEP title_en SEP title_fr SEP kind SEP tags.. SEP` in `short`.
    short: usize,
    /// The `SEP` just before the places (the one ending the last tag).
    places: usize,
    /// The `SEP` just before the organisers and participants.
    actors: usize,
    /// Start of `SEP summary_en SEP summary_fr SEP quotes.. SEP` in `long`.
    long: usize,
    /// First and last day of the event's span, as day numbers.
    first: i32,
    last: i32,
    /// Bit `i` for `Tag::ALL[i]`.
    tags: u64,
    /// Position in `Kind::ALL`.
    kind: u8,
    /// Position in `Status::ALL`.
    status: u8,
    /// How much of the start date is known (0 year, 1 month, 2 day), so that the start
    /// can be rebuilt from `first` without decoding the event.
    precision: u8,
    /// The start date, rebuilt from `first` and `precision` when the entry is read (not
    /// stored): the timeline reads it for every row it builds.
    start: crate::model::Date,
    /// The start's last day (the end of its month or year when it is not known to the day),
    /// as a day number, likewise rebuilt when read.
    start_last: i32,
}

/// Precomputed match text for every event, in the same order as the events.
#[derive(Debug, Default)]
pub struct Index {
    short: Text,
    long: Text,
    entries: Vec<Entry>,
    /// Word index of the long text; built on first use when the index was read from the
    /// cache or appended, so that loading stays fast.
    words: std::sync::OnceLock<Words>,
    /// Word indexes of the short fields, built on first use (not cached).
    short_words: std::sync::OnceLock<ShortWords>,
    /// Events by id, built on first use.
    id_lookup: std::sync::OnceLock<lookup::IdLookup>,
    /// Scan long text stored in pieces through a window whatever its size (tests).
    #[cfg(test)]
    pub(crate) window_always: bool,
}

/// The words of each event's id, titles, places and actors, and its acronyms.
#[derive(Debug, Default)]
struct ShortWords {
    words: Words,
    acronyms: Words,
}

// Kinds and tags are bits of a u64 in queries and entries.
const _: () = assert!(Kind::ALL.len() <= 64 && Tag::ALL.len() <= 64);

/// Records between two looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;

fn position<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}

fn push_value(buf: &mut String, text: &str) {
    fold_into(text, buf);
    buf.push(SEP);
}

impl Index {
    /// Version of what the haystacks hold, for caches of the index to be keyed on: an index
    /// written by another version still decodes (the layout is unchanged) but matches
    /// differently. 2: the acronyms of titles, places and actors close each short haystack.
    pub const FORMAT: u32 = 2;

    /// Builds the index of `events` (kept in their order).
    /// Large inputs are folded and indexed on two threads.
    pub fn new(events: &[Event]) -> Index {
        let index = Index::without_words(events);
        let words = index.build_words();
        index.words.get_or_init(|| words);
        index
    }

    /// The index of `events` with no word index yet: [`Index::prepare`] builds it (on
    /// another thread, say, while the text is read or written).
    pub fn without_words(events: &[Event]) -> Index {
        let mut index = if events.len() > PARALLEL_FROM {
            let (a, b) = events.split_at(events.len() / 2);
            std::thread::scope(|scope| {
                let second = scope.spawn(|| Index::haystacks(b));
                let mut first = Index::haystacks(a);
                first.append(second.join().unwrap_or_else(|_| Index::haystacks(b)));
                first
            })
        } else {
            Index::haystacks(events)
        };
        index.short.to_mut().shrink_to_fit();
        index.long.to_mut().shrink_to_fit();
        index
    }

    /// Builds the word index of the long text.
    fn build_words(&self) -> Words {
        Words::new(self.len(), |i| [self.long_of(i), ""])
    }

    /// Builds now what the index otherwise builds on first use (the word index of the long
    /// text), so that the first query after a load does not wait for it.
    pub fn prepare(&self) {
        let _ = self.words();
    }

    /// Builds the word indexes of the short fields (id, titles, places, actors, acronyms).
    /// Until they exist, plain terms scan those fields; once built, a plain term of letters
    /// and digits is answered from them. Worth calling on a background thread after a large
    /// load, for typing: at 1M events it takes a few seconds, and a selective term then
    /// filters in milliseconds instead of a second. Nothing waits for it.
    pub fn prepare_short_fields(&self) {
        let _ = self.short_words();
        // Long text read from a cache is unpacked on first read. A small one is unpacked now,
        // so that the first exact term does not wait; a large one (880 MB at 1M events) is
        // never held whole: queries that read it scan it a piece at a time (`window`).
        if self.long.len() < window::STREAM_FROM {
            self.long.read_now();
        }
    }

    /// The word indexes of the short fields, when built.
    fn built_short_words(&self) -> Option<&ShortWords> {
        self.short_words.get()
    }

    /// The word indexes of the short fields, built now if they were not yet.
    fn short_words(&self) -> &ShortWords {
        self.short_words.get_or_init(|| ShortWords {
            words: Words::new(self.len(), |i| {
                let (titles, people, _) = self.word_fields(i);
                [titles, people]
            }),
            acronyms: Words::new(self.len(), |i| [self.word_fields(i).2, ""]),
        })
    }

    /// Event `i`'s short haystack in three parts: id and titles; places and actors; the
    /// acronyms (the kind and tag names, between the first two, are left out).
    fn word_fields(&self, i: usize) -> (&str, &str, &str) {
        let e = &self.entries[i];
        let short = self.short_of(i);
        let fields = matching::fields_of(short);
        // The kind follows the id and the two titles: the fourth separator.
        let kind = memchr::memchr_iter(SEP as u8, short.as_bytes())
            .nth(3)
            .unwrap_or(0);
        let places = e.places - e.short;
        (
            short.get(..kind).unwrap_or(""),
            fields.get(places..).unwrap_or(""),
            short.get(fields.len()..).unwrap_or(""),
        )
    }

    /// The word index, built now if it was not yet.
    fn words(&self) -> &Words {
        self.words.get_or_init(|| self.build_words())
    }

    /// The haystacks and numbers of `events`, without the word index.
    fn haystacks(events: &[Event]) -> Index {
        let mut short_text = String::with_capacity(events.len() * 256);
        let mut long_text = String::with_capacity(events.len() * 512);
        let mut entries = Vec::with_capacity(events.len());
        for event in events {
            let short = short_text.len();
            let buf = &mut short_text;
            buf.push(SEP);
            for value in [&event.id, &event.title.en, &event.title.fr] {
                push_value(buf, value);
            }
            push_value(buf, event.kind.name());
            event.tags.iter().for_each(|t| push_value(buf, t.name()));
            let places = buf.len() - 1;
            event.places.iter().for_each(|p| push_value(buf, p));
            let actors = buf.len() - 1;
            let people = event.organisers.iter().chain(&event.participants);
            people.clone().for_each(|a| push_value(buf, a));
            // Acronyms last, after a mark, so that field tests can stop before them.
            buf.push(ACRONYMS);
            buf.push(SEP);
            let names = [&event.title.en, &event.title.fr].into_iter();
            for text in names.chain(&event.places).chain(people) {
                super::acronym::for_each_initials(text, |initials| push_value(buf, initials));
            }

            let long = long_text.len();
            long_text.push(SEP);
            push_value(&mut long_text, &event.summary.en);
            push_value(&mut long_text, &event.summary.fr);
            for quote in event.sources.iter().filter_map(|s| s.quote.as_deref()) {
                push_value(&mut long_text, quote);
            }
            entries.push(Entry {
                short,
                places,
                actors,
                long,
                first: day_number(event.start.first_day()),
                last: day_number(event.last().last_day()),
                tags: event
                    .tags
                    .iter()
                    .fold(0, |m, t| m | 1 << position(Tag::ALL, t)),
                kind: position(Kind::ALL, &event.kind) as u8,
                status: super::explain::status_bit(event.status) as u8,
                precision: lookup::precision_code(event.start),
                start: event.start,
                start_last: day_number(event.start.last_day()),
            });
        }
        Index {
            short: short_text.into(),
            long: long_text.into(),
            entries,
            words: std::sync::OnceLock::new(),
            short_words: std::sync::OnceLock::new(),
            id_lookup: std::sync::OnceLock::new(),
            #[cfg(test)]
            window_always: false,
        }
    }

    /// Number of indexed events.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no events.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Event `i`'s short haystack: `SEP id SEP title_en SEP title_fr SEP …`.
    pub(super) fn short_of(&self, i: usize) -> &str {
        // Deferred text is read through `get`: see `Index::long_of`.
        self.short.get(self.spans(i).0).unwrap_or("")
    }

    /// Whether deferred text was needed and failed its check (then answers are void).
    fn text_failed(&self) -> bool {
        self.short.failed() || self.long.failed()
    }

    /// Event `i`'s long haystack: `SEP summary_en SEP summary_fr SEP quotes.. SEP`. Deferred
    /// long text (see [`Index::from_stored`]) is checked on this first read;
    /// text that failed its check, or offsets a forger made inconsistent, read as empty.
    pub(super) fn long_of(&self, i: usize) -> &str {
        self.long.get(self.spans(i).1).unwrap_or("")
    }

    /// Byte ranges of event `i`'s short and long haystacks.
    fn spans(&self, i: usize) -> (Range<usize>, Range<usize>) {
        let e = &self.entries[i];
        let next = self.entries.get(i + 1);
        let short_end = next.map_or(self.short.len(), |n| n.short);
        let long_end = next.map_or(self.long.len(), |n| n.long);
        (e.short..short_end, e.long..long_end)
    }

    /// Indices of matching events in index order, searching only `within` when given.
    /// Returns `None` when `cancel` was set before the work finished, or when the index's
    /// deferred long text was needed and failed its check.
    ///
    /// Pass as `within` the results of a query that the new one [refines](Query::refines).
    pub fn filter(
        &self,
        query: &Query,
        within: Option<&[u32]>,
        cancel: &AtomicBool,
    ) -> Option<Vec<u32>> {
        let n = within.map_or(self.len(), <[u32]>::len);
        let threads = match n > PARALLEL_FROM {
            true => std::thread::available_parallelism().map_or(1, |n| n.get().min(8)),
            false => 1,
        };
        self.filter_in_chunks(query, within, cancel, threads)
    }

    /// [`Index::filter`] split into `chunks` parts, each on its own thread when more than one.
    pub(crate) fn filter_in_chunks(
        &self,
        query: &Query,
        within: Option<&[u32]>,
        cancel: &AtomicBool,
        chunks: usize,
    ) -> Option<Vec<u32>> {
        let n = within.map_or(self.len(), <[u32]>::len);
        if query.is_empty() {
            return Some(within.map_or_else(|| (0..n as u32).collect(), <[u32]>::to_vec));
        }
        let compiled = Compiled::new(query, self, n);
        let chunks = chunks.clamp(1, n.max(1));
        let size = n.div_ceil(chunks).max(1);
        let run = |range: Range<usize>| match within {
            Some(ids) => self.run(&compiled, ids[range].iter().copied(), cancel),
            None => self.run(&compiled, range.start as u32..range.end as u32, cancel),
        };
        if chunks == 1 {
            // Deferred long text that failed its check read as empty: the answer is void.
            return run(0..n).filter(|_| !self.text_failed());
        }
        let parts: Vec<Option<Vec<u32>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..n)
                .step_by(size)
                .map(|from| scope.spawn(move || run(from..(from + size).min(n))))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(None))
                .collect()
        });
        let parts: Vec<Vec<u32>> = parts.into_iter().collect::<Option<_>>()?;
        Some(parts.concat()).filter(|_| !self.text_failed())
    }

    /// Filters all events on one thread, choosing whether plain terms use the word index.
    #[cfg(test)]
    pub(crate) fn filter_forcing_words(&self, query: &Query, use_words: bool) -> Vec<u32> {
        let candidates = if use_words { usize::MAX / 128 } else { 0 };
        if use_words {
            self.prepare_short_fields();
        }
        let compiled = Compiled::new(query, self, candidates);
        let all = 0..self.len() as u32;
        self.run(&compiled, all, &AtomicBool::new(false))
            .unwrap_or_default()
    }

    /// A window to scan the long text through, when it is large and stored in pieces (see
    /// [`window`]): a query that reads it then never holds all of it.
    fn long_window(&self) -> Option<window::Window<'_>> {
        #[cfg(test)]
        let always = self.window_always;
        #[cfg(not(test))]
        let always = false;
        self.long.window(always)
    }

    /// Bytes of folded long text.
    #[cfg(test)]
    pub(crate) fn long_len(&self) -> usize {
        self.long.len()
    }

    /// Whether queries read the long text through a window, a piece at a time.
    pub(crate) fn long_streams(&self) -> bool {
        self.long_window().is_some()
    }

    fn run(
        &self,
        compiled: &Compiled,
        ids: impl Iterator<Item = u32>,
        cancel: &AtomicBool,
    ) -> Option<Vec<u32>> {
        let mut out = Vec::new();
        // Events come in index order, so the window moves forward through the text.
        let mut window = compiled.reads_long().then(|| self.long_window()).flatten();
        for (n, i) in ids.enumerate() {
            if n % CANCEL_EVERY == 0 && cancel.load(Ordering::Relaxed) {
                return None;
            }
            let i = i as usize;
            if i >= self.len() {
                continue;
            }
            let long = match window.as_mut() {
                Some(w) => match w.slice(self.spans(i).1) {
                    Some(text) => Some(text),
                    None => {
                        // A damaged piece: the answer is void (see `text_failed`).
                        self.long.piece_failed();
                        return Some(out);
                    }
                },
                None => None,
            };
            if self.matches(compiled, i, long) {
                out.push(i as u32);
            }
        }
        Some(out)
    }

    /// Whether event `i` matches; `long` is its long text when read through a window.
    fn matches(&self, compiled: &Compiled, i: usize, long: Option<&str>) -> bool {
        let ctx = Ctx {
            index: self,
            i,
            long,
        };
        compiled.groups.iter().all(|group| {
            group
                .iter()
                .any(|(negated, term)| ctx.matches(term) != *negated)
        })
    }
}
