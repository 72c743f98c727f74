//! Opening a cache: a regular file, mapped, whose directory, key and metadata are checked
//! before a [`CacheReader`] is handed out; events and index are checked as they are read.

use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use super::codec::{self, Decoder};
use super::format::{self, Block, Layout, u64_at};
use super::{MAX_EVENTS, MAX_RECORD, cache_file};
use super::{key, pack};
use crate::model::Event;
use crate::model::load::{LoadError, LoadOptions, Origin};
use crate::search::{Check, Index, Make, Piece, Stored};

/// The bytes of a cache: mapped from its file, or (tests, fuzzing) held in memory.
#[derive(Debug)]
pub(super) enum Bytes {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(map) => map,
            Bytes::Owned(bytes) => bytes,
        }
    }
}

/// What opening a cache found.
pub(super) enum Opened {
    /// No cache to use: none yet, no cache folder, or a source that cannot be read.
    Missing,
    /// A cache made from other content; it is rewritten after parsing.
    Stale,
    /// Not a cache, or a damaged one, at this path: it is deleted.
    Bad(PathBuf),
    /// A valid cache of the sources as they are.
    Good(Box<CacheReader>),
}

/// An open, mapped cache whose key, directory and metadata have been checked; events and
/// index are checked as they are read.
#[derive(Debug)]
pub struct CacheReader {
    /// Files read, as named in errors and origins.
    pub files: Vec<String>,
    /// Problems found when the cache was made (left-out records).
    pub errors: Vec<LoadError>,
    /// Number of events in the cache.
    pub len: usize,
    pub(super) path: PathBuf,
    map: std::sync::Arc<Bytes>,
    layout: Layout,
    read: usize,
    failed: bool,
    /// The sources' hashes when only their stamps changed: the key is then rewritten.
    rekey: Option<Vec<[u8; 32]>>,
}

/// Opens the cache of `options` in `dir` if it is valid for the sources as they are.
pub fn open(options: &LoadOptions, dir: &Path) -> Option<CacheReader> {
    match open_checked(options, dir) {
        Opened::Good(reader) => Some(*reader),
        Opened::Bad(path) => {
            discard(&path);
            None
        }
        Opened::Missing | Opened::Stale => None,
    }
}

/// Deletes a bad cache (or whatever sits at its name), so the next load writes it anew.
pub(super) fn discard(path: &Path) {
    let _ = std::fs::remove_file(path);
}

pub(super) fn open_checked(options: &LoadOptions, dir: &Path) -> Opened {
    let Some(keys) = key::current(options) else {
        return Opened::Missing;
    };
    let path = cache_file(dir, options, &keys);
    match std::fs::symlink_metadata(&path) {
        Err(_) => return Opened::Missing,
        Ok(meta) if !meta.is_file() => return Opened::Bad(path),
        Ok(_) => {}
    }
    let Ok(file) = crate::file::open_own_regular(&path) else {
        return Opened::Bad(path);
    };
    // SAFETY: the map is only read. Caches are replaced by renaming a new file over them,
    // never written in place, so the mapped file does not change under us; only someone
    // who owns the cache folder could truncate it (a SIGBUS, not a wrong answer).
    let Ok(map) = (unsafe { memmap2::Mmap::map(&file) }) else {
        return Opened::Bad(path);
    };
    check(Bytes::Mapped(map), path, |key| {
        key::compare(key, options, &keys)
    })
}

/// Checks the directory, key (with `holds`) and metadata of the cache `bytes` read from
/// `path`.
pub(super) fn check(
    bytes: Bytes,
    path: PathBuf,
    holds: impl FnOnce(&[u8]) -> key::Verdict,
) -> Opened {
    let Some(layout) = Layout::parse(&bytes) else {
        return Opened::Bad(path);
    };
    let Some(key_block) = layout.verified(&bytes, Block::Key) else {
        return Opened::Bad(path);
    };
    let rekey = match holds(key_block) {
        key::Verdict::Changed => return Opened::Stale,
        key::Verdict::Untouched => None,
        key::Verdict::SameContent(hashes) => Some(hashes),
    };
    match read_meta(&bytes, &layout) {
        Some((files, errors, len)) => Opened::Good(Box::new(CacheReader {
            files,
            errors,
            len,
            path,
            map: std::sync::Arc::new(bytes),
            layout,
            read: 0,
            failed: false,
            rekey,
        })),
        None => Opened::Bad(path),
    }
}

/// Fewest bytes a stored record takes: its checksum, its length (one byte at least) and an
/// lz4 block (one byte at least).
pub(super) const MIN_RECORD: usize = 8 + 2;

/// Files, errors and event count, checked against the offsets and events blocks' sizes.
fn read_meta(map: &[u8], layout: &Layout) -> Option<(Vec<String>, Vec<LoadError>, usize)> {
    let meta = layout.verified(map, Block::Meta)?;
    let mut dec = Decoder::new(meta);
    // Each count is bounded by the bytes left (`Decoder::count`) before anything is reserved.
    let count = dec.count()?;
    let files = (0..count).map(|_| dec.str()).collect::<Option<_>>()?;
    let count = dec.count()?;
    let errors = (0..count).map(|_| dec.error()).collect::<Option<_>>()?;
    let len = usize::try_from(dec.uint()?).ok()?;
    let offsets = layout.verified(map, Block::Offsets)?;
    let records = layout.unverified(map, Block::Events)?;
    // The dictionary is small: checked now, so that records can be unpacked against it.
    layout.verified(map, Block::Dict)?;
    // Every record takes at least MIN_RECORD bytes, so `len` (which sizes the event vector)
    // can never claim more events than the file could hold.
    let fits = len <= MAX_EVENTS
        && len.checked_add(1)?.checked_mul(8)? == offsets.len()
        && len.checked_mul(MIN_RECORD)? <= records.len();
    (fits && dec.is_done()).then_some((files, errors, len))
}

impl CacheReader {
    /// Decodes event `i` into `event`; `None` when its record is damaged.
    pub fn event(&self, i: usize, event: &mut Event) -> Option<Origin> {
        // The offsets block was checked when the cache was opened (`read_meta`).
        let offsets = self.layout.unverified(&self.map, Block::Offsets)?;
        let records = self.layout.unverified(&self.map, Block::Events)?;
        let from = usize::try_from(u64_at(offsets, i.checked_mul(8)?)?).ok()?;
        let to = usize::try_from(u64_at(offsets, i.checked_add(1)?.checked_mul(8)?)?).ok()?;
        if to < from || to - from > MAX_RECORD {
            return None;
        }
        let packed = format::open_record(records.get(from..to)?)?;
        // The dictionary was checked when the cache was opened (`read_meta`).
        let dict = self.layout.unverified(&self.map, Block::Dict)?;
        let body = pack::unpack_record(packed, dict, MAX_RECORD)?;
        let mut dec = Decoder::new(&body);
        dec.event_into(event)?;
        let origin = dec.origin()?;
        let known = (origin.file as usize) < self.files.len();
        (known && dec.is_done()).then_some(origin)
    }

    /// Reads up to `max` more events (date order) into `events` and `origins`, replacing
    /// their contents but reusing their allocations. Returns how many were read: 0 at the
    /// end, or when the cache is damaged (then [`CacheReader::verify`] says false).
    pub fn next_batch(
        &mut self,
        events: &mut Vec<Event>,
        origins: &mut Vec<Origin>,
        max: usize,
    ) -> usize {
        let n = max.min(self.len - self.read);
        origins.clear();
        events.truncate(n);
        for i in 0..n {
            if i == events.len() {
                events.push(codec::blank_event());
            }
            match self.event(self.read + i, &mut events[i]) {
                Some(origin) => origins.push(origin),
                None => {
                    self.failed = true;
                    events.clear();
                    origins.clear();
                    return 0;
                }
            }
        }
        self.read += n;
        n
    }

    /// Every event and its origin, or `None` when one is damaged.
    pub(super) fn all_events(&self) -> Option<(Vec<Event>, Vec<Origin>)> {
        // `len` was checked against the offsets block, itself bounded by the file's size.
        let mut events = Vec::with_capacity(self.len);
        let mut origins = Vec::with_capacity(self.len);
        for i in 0..self.len {
            let mut event = codec::blank_event();
            origins.push(self.event(i, &mut event)?);
            events.push(event);
        }
        Some((events, origins))
    }

    /// The search index of every event, with its word index; `None` when damaged. Every
    /// block of it is checked now (the explorer reads all of it); the long text, checked
    /// but compressed, is unpacked on first read or by [`Index::prepare_short_fields`].
    pub fn index(&self) -> Option<Index> {
        self.index_with(true, || {})
    }

    /// Like [`CacheReader::index`], but the index's short and long text are each checked
    /// (and the long text unpacked) only if a query reads them (their block's whole xxh3
    /// before any byte is used); most plain terms are answered by the word indexes and read
    /// neither. If it fails then, [`Index::filter`] returns `None`. For one-shot queries.
    pub fn index_deferring_text(&self) -> Option<Index> {
        self.index_with(false, || {})
    }

    /// The index as the explorer holds it: like [`CacheReader::index_deferring_text`], with
    /// the short text checked now (ids, dates and ranking read it while the list is drawn,
    /// and a check then would stall a keystroke); the long text is checked and unpacked by
    /// the first query that reads it, on the matcher thread (or by
    /// [`Index::prepare_short_fields`]). A deferred check that fails deletes the cache, so
    /// that the next start rebuilds it.
    pub fn index_for_explorer(&self) -> Option<Index> {
        let path = self.path.clone();
        let index = self.index_with(false, move || discard(&path))?;
        let sound = index.short_text_is_sound();
        // Checking read every page of these blocks; the explorer needs few of them again
        // (the postings of the words typed, the ids of the rows drawn), so they go back to
        // the page cache rather than stay counted as this process's memory.
        let checked = [
            Block::Index,
            Block::IndexTail,
            Block::Words,
            Block::ShortWords,
            Block::Acronyms,
        ];
        checked.into_iter().for_each(|block| self.release(block));
        sound.then_some(index)
    }

    /// Lets the kernel take back the pages of `block` this process has read; a later read
    /// brings the same bytes back from the page cache (or the file).
    fn release(&self, block: Block) {
        let Bytes::Mapped(map) = &*self.map else {
            return;
        };
        let range = self.layout.range(block);
        // SAFETY: the map is read-only and backed by a file that is never written in place
        // (see `open_checked`), so after MADV_DONTNEED a read faults in the very same bytes:
        // no reference into the map sees its contents change. An error only keeps the pages.
        let _ = unsafe {
            map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, range.start, range.len())
        };
    }

    /// The index read in place from its three blocks, with the word indexes: its text
    /// checked now, or (`now` false) on first read, calling `damaged` if that check fails;
    /// the long text is unpacked on first read either way (its block's checksum checked
    /// again first).
    fn index_with(
        &self,
        now: bool,
        damaged: impl Fn() + Clone + Send + Sync + 'static,
    ) -> Option<Index> {
        // The tail holds every length and offset: checked now, so nothing unchecked steers
        // the reading.
        self.layout.verified(&self.map, Block::IndexTail)?;
        if now {
            self.layout.verified(&self.map, Block::Index)?;
            self.layout.verified(&self.map, Block::LongText)?;
        }
        let short_sum = self.layout.sum(Block::Index);
        let short_damaged = damaged.clone();
        let short_check: Option<Check> = (!now).then(|| -> Check {
            Box::new(move |raw| {
                let sound = xxh3_64(raw) == short_sum;
                if !sound {
                    short_damaged();
                }
                sound
            })
        });
        let long_sum = self.layout.sum(Block::LongText);
        let long_piece = self.long_piece(damaged.clone())?;
        let long_make: Make = Box::new(move |raw, len| {
            let text = (xxh3_64(raw) == long_sum)
                .then(|| pack::unpack_text(raw, len))
                .flatten();
            if text.is_none() {
                damaged();
            }
            text
        });
        let mut index = Index::from_stored(Stored {
            shared: self.map.clone(),
            short: self.layout.range(Block::Index),
            short_check,
            long: self.layout.range(Block::LongText),
            long_make,
            long_piece: Some((long_piece, pack::TEXT_CHUNK)),
            tail: self.layout.range(Block::IndexTail),
        })?;
        (index.len() == self.len).then_some(())?;
        self.set_word_indexes(&mut index).then_some(index)
    }

    /// Unpacks one chunk of the long text, after the whole block's checksum held (checked on
    /// the first call); calls `damaged` when it fails.
    fn long_piece(&self, damaged: impl Fn() + Send + Sync + 'static) -> Option<Piece> {
        let tail = self.layout.verified(&self.map, Block::IndexTail)?;
        let len = usize::try_from(u64_at(tail, 0)?).ok()?;
        let sum = self.layout.sum(Block::LongText);
        let chunks = std::sync::OnceLock::new();
        Some(Box::new(move |raw: &[u8], k: usize, out: &mut Vec<u8>| {
            let chunks: &Option<Vec<std::ops::Range<usize>>> = chunks.get_or_init(|| {
                (xxh3_64(raw) == sum)
                    .then(|| pack::text_chunks(raw, len))
                    .flatten()
            });
            let sound = chunks
                .as_ref()
                .is_some_and(|c| pack::unpack_chunk(raw, c, k, len, out));
            if !sound {
                damaged();
            }
            sound
        }))
    }

    /// Installs the stored word indexes (long text, short fields), their postings read in
    /// place once their blocks are checked; false when one is damaged. An empty block means
    /// it was too large to store: it is built on use.
    fn set_word_indexes(&self, index: &mut Index) -> bool {
        let verified = |b: Block| self.layout.verified(&self.map, b);
        let (Some(words), Some(short), Some(_)) = (
            verified(Block::Words),
            verified(Block::ShortWords),
            verified(Block::Acronyms),
        ) else {
            return false;
        };
        let range = |b: Block| self.layout.range(b);
        let map = || self.map.clone();
        (words.is_empty() || index.set_words_from_shared(map(), range(Block::Words)))
            && (short.is_empty()
                || index.set_short_words_from_shared(
                    map(),
                    range(Block::ShortWords),
                    range(Block::Acronyms),
                ))
    }

    /// Whether the index blocks are intact, without reading them: a load that does not
    /// need the index still finds (and so deletes) a cache damaged there.
    pub(super) fn index_is_intact(&self) -> bool {
        Block::SEARCH
            .iter()
            .all(|&b| self.layout.verified(&self.map, b).is_some())
    }

    /// When the sources were touched but not changed, rewrites the cache with their new
    /// stamps (every block checked before it is copied, so damage is never sealed in), so
    /// that the next start does not hash them again. Errors are ignored: the cache stays
    /// correct, only slower to check.
    pub(super) fn refresh_key(&mut self, options: &LoadOptions) {
        let (Some(hashes), Some(keys)) = (self.rekey.take(), key::current(options)) else {
            return;
        };
        let mut key_block = codec::Encoder::default();
        key::encode(options, &keys, &hashes, &mut key_block);
        let _ = super::store::rekey(&self.map, &self.layout, &key_block.bytes, &self.path);
    }

    /// Whether every event was read, and intact. Use nothing read unless it is true.
    pub fn verify(self) -> bool {
        !self.failed && self.read == self.len
    }
}
