//! A parsed cache of event files, so that large archives open without parsing RON again.
//!
//! One cache file per set of sources (bundled data and user files) holds the validated
//! [`Catalog`] (events in a compact binary form, [`codec`]) and its search [`Index`] with
//! the word index, in checksummed blocks ([`format`]). The file is mapped, not read: a
//! one-shot query ([`for_each_match`]) answers from the stored index and decodes only the
//! events it prints, checking each one's checksum first.
//!
//! A cache can never crash the program nor change what it shows:
//! - it is read only from a regular file (never through a link, never a FIFO or device);
//! - every count, size and offset is bounded by the bytes in the file before it is used,
//!   and nothing is allocated from a size that was not checked;
//! - every block (and every event record) is checked against its xxh3 before use, so a
//!   flipped bit means "parse again", never wrong output;
//! - the sources are compared with what the cache was made from by their stamps (size,
//!   times, inode; see [`key`]) and, when a stamp changed, by BLAKE3 content hash;
//! - decoded text is checked for anything the loader's sanitiser would have removed.
//!
//! A damaged cache is deleted and rewritten by whichever command meets it; a stale one is
//! rewritten. Writing is atomic (a temporary file renamed over the old cache).

pub mod codec;
mod format;
mod key;
mod store;

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::model::Event;
use crate::model::load::{self, Catalog, LoadError, LoadOptions, Origin};
use crate::search::{Index, Query};
use codec::Decoder;
use format::{Block, Layout, u64_at};

/// Below this many bytes of user files, parsing is quick and no cache is written.
const MIN_BYTES: u64 = 1 << 20;
/// Most events a cache may claim: a sanity bound on top of the file's own size.
const MAX_EVENTS: usize = 1 << 28;
/// Largest encoded event accepted.
const MAX_RECORD: usize = 64 << 20;

/// Whether a load used the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Events came from a valid cache.
    Hit,
    /// The files were parsed and the cache written.
    Stored,
    /// The files were parsed; no cache could be used or written (no cache folder, a file
    /// missing, a write error).
    Unused,
}

/// Where the cache of these sources lives: one name per set of paths.
fn cache_file(dir: &Path, options: &LoadOptions, keys: &[key::FileKey]) -> PathBuf {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&[u8::from(options.bundled)]);
    for k in keys {
        h.update(k.name.as_bytes());
        h.update(&[0]);
        h.update(k.canonical.to_string_lossy().as_bytes());
        h.update(&[0]);
    }
    dir.join(format!("catalog-{:016x}.bin", h.digest()))
}

/// Opens `path` for reading only if it is a regular file: a link is not followed and a
/// FIFO does not block (`O_NOFOLLOW | O_NONBLOCK`), and anything else is refused.
pub(crate) fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a file"));
    }
    Ok(file)
}

/// The bytes of a cache: mapped from its file, or (tests, fuzzing) held in memory.
#[derive(Debug)]
enum Bytes {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
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
enum Opened {
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
    path: PathBuf,
    map: Bytes,
    layout: Layout,
    read: usize,
    failed: bool,
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
fn discard(path: &Path) {
    let _ = std::fs::remove_file(path);
}

fn open_checked(options: &LoadOptions, dir: &Path) -> Opened {
    let Some(keys) = key::current(options) else {
        return Opened::Missing;
    };
    let path = cache_file(dir, options, &keys);
    match std::fs::symlink_metadata(&path) {
        Err(_) => return Opened::Missing,
        Ok(meta) if !meta.is_file() => return Opened::Bad(path),
        Ok(_) => {}
    }
    let Ok(file) = open_regular(&path) else {
        return Opened::Bad(path);
    };
    // SAFETY: the map is only read. Caches are replaced by renaming a new file over them,
    // never written in place, so the mapped file does not change under us; only someone
    // who owns the cache folder could truncate it (a SIGBUS, not a wrong answer).
    let Ok(map) = (unsafe { memmap2::Mmap::map(&file) }) else {
        return Opened::Bad(path);
    };
    check(Bytes::Mapped(map), path, |key| {
        key::still_holds(key, options, &keys)
    })
}

/// Checks the directory, key (with `holds`) and metadata of the cache `bytes` read from
/// `path`.
fn check(bytes: Bytes, path: PathBuf, holds: impl FnOnce(&[u8]) -> bool) -> Opened {
    let Some(layout) = Layout::parse(&bytes) else {
        return Opened::Bad(path);
    };
    let Some(key_block) = layout.verified(&bytes, Block::Key) else {
        return Opened::Bad(path);
    };
    if !holds(key_block) {
        return Opened::Stale;
    }
    match read_meta(&bytes, &layout) {
        Some((files, errors, len)) => Opened::Good(Box::new(CacheReader {
            files,
            errors,
            len,
            path,
            map: bytes,
            layout,
            read: 0,
            failed: false,
        })),
        None => Opened::Bad(path),
    }
}

/// Files, errors and event count, checked against the offsets block's size.
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
    let fits = len <= MAX_EVENTS && len.checked_add(1)?.checked_mul(8)? == offsets.len();
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
        let body = format::open_record(records.get(from..to)?)?;
        let mut dec = Decoder::new(body);
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
    fn all_events(&self) -> Option<(Vec<Event>, Vec<Origin>)> {
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

    /// The search index of every event, with its word index; `None` when damaged.
    pub fn index(&self) -> Option<Index> {
        let mut index = Index::from_bytes(self.layout.verified(&self.map, Block::Index)?)?;
        let words = self.layout.verified(&self.map, Block::Words)?;
        // An empty block means the word index was too large to store; it is built on use.
        if index.len() != self.len || (!words.is_empty() && !index.set_words_from_bytes(words)) {
            return None;
        }
        Some(index)
    }

    /// Whether every event was read, and intact. Use nothing read unless it is true.
    pub fn verify(self) -> bool {
        !self.failed && self.read == self.len
    }
}

/// Runs a one-shot query on the cache of `options` in `dir`: calls `each` with every
/// matching event in date order, decoding only those. Returns the problems recorded with
/// the cache, or `None` when there is no valid cache (then discard anything `each` did; a
/// damaged cache has been deleted, so the next load rewrites it).
pub fn for_each_match(
    options: &LoadOptions,
    dir: &Path,
    query: &Query,
    each: &mut dyn FnMut(&Event),
) -> Option<Vec<LoadError>> {
    let reader = open(options, dir)?;
    let answer = (|| {
        let index = reader.index()?;
        let hits = index.filter(query, None, &AtomicBool::new(false))?;
        let mut event = codec::blank_event();
        for hit in hits {
            reader.event(hit as usize, &mut event)?;
            each(&event);
        }
        Some(())
    })();
    if answer.is_none() {
        discard(&reader.path);
        return None;
    }
    Some(reader.errors)
}

/// Reads a whole cache from untrusted `bytes`, as a load would (every check but the source
/// key), and runs a query on its index: for the fuzz target and the mutation tests. With
/// `reseal`, every checksum is first recomputed as a forger would, to reach the decoders.
#[doc(hidden)]
pub fn read_untrusted(bytes: &[u8], reseal: bool) -> Option<(Catalog, Index)> {
    let mut bytes = bytes.to_vec();
    if reseal {
        format::reseal(&mut bytes);
    }
    let Opened::Good(reader) = check(Bytes::Owned(bytes), PathBuf::new(), |_| true) else {
        return None;
    };
    let (catalog, index) = read_all(*reader, true).ok()?;
    let index = index?;
    let query = Query::parse("tallinn cyber").ok()?;
    index.filter(&query, None, &AtomicBool::new(false))?;
    Some((catalog, index))
}

/// Loads like [`load::load`], through the cache in `dir` when there is one.
///
/// On a hit the events come from the cache; otherwise the files are parsed and the cache
/// is (re)written. Problems found in the files are in [`Catalog::errors`] either way.
pub fn load_cached(options: &LoadOptions, dir: Option<&Path>) -> (Catalog, CacheUse) {
    let (catalog, _, used) = load_inner(options, dir, false);
    (catalog, used)
}

/// Like [`load_cached`], with the search index of the events: read from the cache on a hit
/// (no text is folded), built otherwise.
pub fn load_indexed(options: &LoadOptions, dir: Option<&Path>) -> (Catalog, Index, CacheUse) {
    let (catalog, index, used) = load_inner(options, dir, true);
    let index = index.unwrap_or_else(|| Index::new(&catalog.events));
    (catalog, index, used)
}

fn load_inner(
    options: &LoadOptions,
    dir: Option<&Path>,
    with_index: bool,
) -> (Catalog, Option<Index>, CacheUse) {
    let keys = key::current(options);
    let bytes: u64 = keys.iter().flatten().map(|k| k.stamp.size()).sum();
    let (Some(dir), true) = (dir, bytes >= MIN_BYTES) else {
        return (load::load(options), None, CacheUse::Unused);
    };
    match open_checked(options, dir) {
        Opened::Good(reader) => match read_all(*reader, with_index) {
            Ok(found) => return (found.0, found.1, CacheUse::Hit),
            Err(path) => discard(&path),
        },
        Opened::Bad(path) => discard(&path),
        Opened::Missing | Opened::Stale => {}
    }
    // Hash before parsing, and stamp again after: a file changed during the load never gets
    // a key that claims the new content.
    let hashes: Option<Vec<[u8; 32]>> = keys.as_ref().and_then(|keys| {
        let hashes = keys.iter().map(|k| key::content_hash(&k.canonical));
        hashes.collect::<io::Result<_>>().ok()
    });
    let catalog = load::load(options);
    let index = Index::new(&catalog.events);
    let stored = match (keys, hashes) {
        (Some(keys), Some(hashes)) if key::current(options).as_ref() == Some(&keys) => {
            let path = cache_file(dir, options, &keys);
            store::store(options, &keys, &hashes, &catalog, &index, &path).is_ok()
        }
        _ => false,
    };
    let used = if stored {
        CacheUse::Stored
    } else {
        CacheUse::Unused
    };
    (catalog, with_index.then_some(index), used)
}

/// The whole catalog (and the index if asked) from a valid cache, or the cache's path when
/// something in it is damaged.
fn read_all(reader: CacheReader, with_index: bool) -> Result<(Catalog, Option<Index>), PathBuf> {
    // The index is checked and copied on a second thread while this one decodes events.
    let (events, index) = std::thread::scope(|scope| {
        let index = with_index.then(|| scope.spawn(|| reader.index()));
        let events = reader.all_events();
        // `Some(None)`: a damaged index; `None`: none asked for.
        let index = index.map(|h| h.join().ok().flatten());
        (events, index)
    });
    let (Some((events, origins)), None | Some(Some(_))) = (events, &index) else {
        return Err(reader.path);
    };
    let index = index.flatten();
    let catalog = Catalog {
        events,
        origins,
        files: reader.files,
        errors: reader.errors,
    };
    Ok((catalog, index))
}

#[cfg(test)]
mod tests;
