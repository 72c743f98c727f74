//! A parsed cache of event files, so that large archives open without parsing RON again.
//!
//! One cache file per set of sources (bundled data and user files) holds the validated
//! [`Catalog`] (events in a compact binary form, [`codec`], each record compressed on its
//! own against a shared dictionary, `pack`) and its search [`Index`] with the word index
//! (the long text compressed), in checksummed blocks ([`format`]). The file is mapped, not read: a
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
//!   times, inode; see `key.rs`) and, when a stamp changed, by BLAKE3 content hash;
//! - decoded text is checked for anything the loader's sanitiser would have removed.
//!
//! A damaged cache is deleted and rewritten by whichever command meets it; a stale one is
//! rewritten. Writing is atomic (a temporary file renamed over the old cache).

pub mod codec;
mod format;
mod key;
mod pack;
mod reader;
mod store;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::model::events::Decode;
use crate::model::load::{self, Catalog, LoadError, LoadOptions};
use crate::model::{Event, Events};
use crate::search::{Index, Query};
use reader::{Bytes, Opened, check, discard, open_checked};
pub use reader::{CacheReader, open};

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
    let mut reader = open(options, dir)?;
    let answer = (|| {
        // The index's text is checked only if the query reads it (see `index_deferring_text`).
        let index = reader.index_deferring_text()?;
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
    reader.refresh_key(options);
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
    let holds = |_: &[u8]| key::Verdict::Untouched;
    let Opened::Good(reader) = check(Bytes::Owned(bytes), PathBuf::new(), holds) else {
        return None;
    };
    // One-shot queries read the index with its text checked on first read: a plain term
    // (word indexes), an exact one (reads both texts) and field terms (the short text).
    let queries: Vec<Query> = ["tallinn cyber", "'cyber", "place:tallinn", "id:2020 ^a"]
        .iter()
        .filter_map(|q| Query::parse(q).ok())
        .collect();
    let cancel = AtomicBool::new(false);
    let deferred: Vec<Option<Vec<u32>>> = match reader.index_deferring_text() {
        Some(index) => queries
            .iter()
            .map(|q| index.filter(q, None, &cancel))
            .collect(),
        None => Vec::new(),
    };
    let (catalog, index) = read_all(*reader, true).ok()?;
    let index = index?;
    for (query, early) in queries.iter().zip(&deferred) {
        let full = index.filter(query, None, &cancel)?;
        // With every block intact (not forged), deferring the long text's check and using the
        // stored short-field word indexes change no answer.
        let same = reseal || early.as_ref().is_none_or(|e| *e == full);
        debug_assert!(same, "the one-shot index answers otherwise");
    }
    Some((catalog, index))
}

/// The name and size in bytes of every block of the cache `bytes`, in file order, or `None`
/// when they are not a cache of this version: for the dev tool that prints a cache's
/// composition (`cargo run --example cache_blocks`).
#[doc(hidden)]
pub fn block_sizes(bytes: &[u8]) -> Option<Vec<(&'static str, usize)>> {
    let layout = format::Layout::parse(bytes)?;
    let all = std::iter::once(format::Block::Key).chain(format::Block::AFTER_KEY);
    Some(all.map(|b| (b.name(), layout.range(b).len())).collect())
}

/// A valid cache of the bundled events, as bytes (the key block is a placeholder): the
/// starting point of the fuzz target's and the tests' mutations.
#[doc(hidden)]
pub fn bundled_sample() -> (Vec<u8>, Catalog) {
    let catalog = load::bundled();
    let index = Index::new(&catalog.events);
    let bytes = store::write_cache(Vec::new(), b"key", &catalog, &index).unwrap_or_default();
    (bytes, catalog)
}

/// Loads like [`load::load`], through the cache in `dir` when there is one.
///
/// On a hit the events come from the cache; otherwise the files are parsed and the cache
/// is (re)written. Problems found in the files are in [`Catalog::errors`] either way.
pub fn load_cached(options: &LoadOptions, dir: Option<&Path>) -> (Catalog, CacheUse) {
    let (catalog, _, used) = load_inner(options, dir, false);
    (catalog, used)
}

/// What the explorer holds: the events (decoded on demand from the mapped cache on a hit,
/// parsed and held otherwise), their search index, and the load's problems.
pub fn load_for_explorer(
    options: &LoadOptions,
    dir: Option<&Path>,
) -> (Events, Index, Vec<LoadError>) {
    if let Some(found) = dir.and_then(|dir| on_demand(options, dir)) {
        return found;
    }
    let (catalog, index, used) = load_indexed(options, dir);
    // A cache just written is read on demand like any other: a long session then holds the
    // events it shows, not all of them (4.7 GB at a million events).
    if used == CacheUse::Stored
        && let Some(found) = dir.and_then(|dir| on_demand(options, dir))
        && found.0.len() == catalog.events.len()
    {
        drop((catalog, index));
        give_back_freed_memory();
        return found;
    }
    (Events::from(catalog.events), index, catalog.errors)
}

/// Returns memory freed in bulk to the system: glibc keeps freed heap pages otherwise, and
/// the parsed events just dropped are most of a large archive's memory.
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim has no preconditions; it only releases free heap memory.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The events of a valid cache of `options` in `dir`, to be decoded on demand, with their
/// index and the load's problems; `None` (a bad cache deleted) otherwise.
fn on_demand(options: &LoadOptions, dir: &Path) -> Option<(Events, Index, Vec<LoadError>)> {
    let keys = key::current(options)?;
    let bytes: u64 = keys.iter().map(|k| k.stamp.size()).sum();
    if bytes < MIN_BYTES {
        return None;
    }
    match open_checked(options, dir) {
        Opened::Good(mut reader) => {
            reader.refresh_key(options);
            match reader.index_for_explorer() {
                Some(index) => {
                    let errors = std::mem::take(&mut reader.errors);
                    let source: Arc<dyn Decode> = Arc::new(*reader);
                    Some((Events::on_demand(source), index, errors))
                }
                None => {
                    discard(&reader.path);
                    None
                }
            }
        }
        Opened::Bad(path) => {
            discard(&path);
            None
        }
        Opened::Missing | Opened::Stale => None,
    }
}

impl Decode for CacheReader {
    fn count(&self) -> usize {
        self.len
    }

    fn decode(&self, i: usize) -> Option<Event> {
        let mut event = codec::blank_event();
        if self.event(i, &mut event).is_none() {
            // The explorer leaves the event out; the next start parses and rewrites.
            discard(&self.path);
            return None;
        }
        Some(event)
    }
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
        Opened::Good(mut reader) => {
            reader.refresh_key(options);
            match read_all(*reader, with_index) {
                Ok(found) => return (found.0, found.1, CacheUse::Hit),
                Err(path) => discard(&path),
            }
        }
        Opened::Bad(path) => discard(&path),
        Opened::Missing | Opened::Stale => {}
    }
    // Stamp before hashing and parsing, and again after: a file changed during the load
    // never gets a key that claims the new content. The hash is taken on another thread
    // while the files are parsed.
    let (hashes, catalog) = std::thread::scope(|scope| {
        let hashing = scope.spawn(|| {
            keys.as_ref().and_then(|keys| {
                let hashes = keys.iter().map(|k| key::content_hash(&k.canonical));
                hashes.collect::<io::Result<Vec<[u8; 32]>>>().ok()
            })
        });
        let catalog = load::load(options);
        (hashing.join().ok().flatten(), catalog)
    });
    let to_store = match (keys, hashes) {
        (Some(keys), Some(hashes)) if key::current(options).as_ref() == Some(&keys) => {
            Some((keys, hashes))
        }
        _ => None,
    };
    // The index (with the short fields' word indexes that the cache also stores) is built
    // on another thread while this one encodes and writes the events' records.
    let (index, stored) = std::thread::scope(|scope| {
        let mut index = store::PendingIndex::spawn(scope, &catalog.events, to_store.is_some());
        let stored = to_store.is_some_and(|(keys, hashes)| {
            let path = cache_file(dir, options, &keys);
            store::store(options, &keys, &hashes, &catalog, &mut index, &path).is_ok()
        });
        (index.into_index(), stored)
    });
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
        let index = scope.spawn(|| match with_index {
            true => reader.index().map(Some),
            false => reader.index_is_intact().then_some(None),
        });
        let events = reader.all_events();
        // `None`: a damaged index; `Some(None)`: none asked for (but intact).
        (events, index.join().ok().flatten())
    });
    let (Some((events, origins)), Some(index)) = (events, index) else {
        return Err(reader.path);
    };
    let catalog = Catalog {
        events,
        origins,
        files: reader.files,
        errors: reader.errors,
    };
    Ok((catalog, index))
}

#[cfg(test)]
mod explorer_tests;
#[cfg(test)]
mod hostile_tests;
#[cfg(test)]
mod size_tests;
#[cfg(test)]
mod tests;
