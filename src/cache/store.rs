//! Writing a cache: the blocks of [`format`](super::format) into a temporary file in the
//! cache folder, synced and renamed over the old cache, and pruning old caches.

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::codec::Encoder;
use super::format::{self, Block, Layout, Writer};
use super::key::{self, FileKey};
use super::pack;
use crate::model::Event;
use crate::model::load::{Catalog, LoadOptions};
use crate::search::Index;

/// Cache files kept in the cache folder; older ones are deleted.
const KEEP: usize = 3;

/// The index a cache is written with: at hand, or still being built on another thread
/// (the records, which come first in the file, are written meanwhile).
pub trait IndexSource {
    /// The index, once it is ready.
    fn index(&mut self) -> &Index;
}

impl IndexSource for &Index {
    fn index(&mut self) -> &Index {
        self
    }
}

/// An index being built on a scoped thread for a cache: first its text (which the writer
/// needs after the records), handed over as soon as it is made, then its word indexes
/// (needed last), built by the same thread while the writer writes the records and text.
pub struct PendingIndex<'scope, 'env> {
    text: std::sync::mpsc::Receiver<Arc<Index>>,
    built: Option<Arc<Index>>,
    worker: Option<std::thread::ScopedJoinHandle<'scope, ()>>,
    events: &'env [Event],
}

impl<'scope, 'env> PendingIndex<'scope, 'env> {
    /// Starts building the index of `events` on a thread of `scope`, with the short fields'
    /// word indexes too when `short_words` (a cache stores them).
    pub fn spawn(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        events: &'env [Event],
        short_words: bool,
    ) -> Self {
        let (hand, text) = std::sync::mpsc::sync_channel(1);
        let worker = scope.spawn(move || {
            let index = Arc::new(Index::without_words(events));
            // Whoever reads the word indexes before they are done waits for them.
            let _ = hand.send(Arc::clone(&index));
            index.prepare();
            if short_words {
                index.prepare_short_fields();
            }
        });
        PendingIndex {
            text,
            built: None,
            worker: Some(worker),
            events,
        }
    }

    /// The index with its text, waiting for it if needed.
    fn text(&mut self) -> &Arc<Index> {
        let (text, events) = (&self.text, self.events);
        self.built.get_or_insert_with(|| {
            // Should the thread have failed, the text is built here instead.
            text.recv()
                .unwrap_or_else(|_| Arc::new(Index::without_words(events)))
        })
    }

    /// The whole index, waiting for it if needed.
    pub fn into_index(mut self) -> Index {
        self.text();
        // Once the thread is over, this is the one holder of the index.
        let _ = self.worker.take().map(|w| w.join());
        let index = self.built.take().map(Arc::try_unwrap);
        match index {
            Some(Ok(index)) => index,
            _ => Index::new(self.events),
        }
    }
}

impl IndexSource for PendingIndex<'_, '_> {
    fn index(&mut self) -> &Index {
        self.text()
    }
}

/// Writes the whole cache of `catalog` (with its `index`) to `out`. Deterministic: the
/// same inputs give the same bytes (the layout test relies on it).
pub fn write_cache<W: Write>(
    out: W,
    key_block: &[u8],
    catalog: &Catalog,
    index: &Index,
) -> io::Result<W> {
    write_cache_from(out, key_block, catalog, &mut { index })
}

/// [`write_cache`] with an index that may still be being built: it is waited for only
/// after the events' records are written.
fn write_cache_from<W: Write>(
    out: W,
    key_block: &[u8],
    catalog: &Catalog,
    index: &mut dyn IndexSource,
) -> io::Result<W> {
    let mut w = Writer::new(out)?;
    w.write(key_block)?;
    w.end_block();

    let mut enc = Encoder::default();
    enc.uint(catalog.files.len() as u64);
    catalog.files.iter().for_each(|f| enc.str(f));
    enc.uint(catalog.errors.len() as u64);
    catalog.errors.iter().for_each(|e| enc.error(e));
    enc.uint(catalog.events.len() as u64);
    w.write(&enc.bytes)?;
    w.end_block();

    write_events(&mut w, &mut enc, catalog)?;
    // The index is waited for only now, when the records are written.
    let index = index.index();
    write_index(&mut w, index)?;
    // The word indexes go straight from the index to the file, never gathered. Too large
    // to store (a count over 32 bits): stored empty, built on first use.
    index.write_words(|bytes| w.write(bytes))?;
    w.end_block();
    // Likewise for the short fields' word indexes (both stored empty when too large), in
    // two blocks.
    let mut part = 0;
    index.write_short_words(|of, bytes| {
        if of != part {
            w.end_block();
            part = of;
        }
        w.write(bytes)
    })?;
    for _ in part..2 {
        w.end_block();
    }
    w.finish()
}

/// Writes the dictionary (the first records' bytes), the event records (each compressed
/// against it, with its checksum) as they come, then their offsets (8 bytes an event): a
/// single pass, so the records need neither encoding twice nor holding in memory.
fn write_events<W: Write>(
    w: &mut Writer<W>,
    enc: &mut Encoder,
    catalog: &Catalog,
) -> io::Result<()> {
    let records = catalog.events.iter().zip(&catalog.origins);
    let mut dict = pack::Dictionary::default();
    for (event, origin) in records.clone() {
        encode_event(enc, event, *origin);
        if !dict.feed(&enc.bytes) {
            break;
        }
    }
    let mut packer = pack::Packer::new(dict.bytes());
    w.write(packer.dict())?;
    w.end_block();
    let mut offsets = Vec::with_capacity((catalog.events.len() + 1) * 8);
    let (mut stored, mut packed) = (Vec::new(), Vec::new());
    let mut at = 0u64;
    offsets.extend_from_slice(&at.to_le_bytes());
    for (event, origin) in records {
        encode_event(enc, event, *origin);
        packed.clear();
        pack::pack_record(&enc.bytes, &mut packer, &mut packed);
        stored.clear();
        format::record(&packed, &mut stored);
        w.write(&stored)?;
        at += stored.len() as u64;
        offsets.extend_from_slice(&at.to_le_bytes());
    }
    w.end_block();
    w.write(&offsets)?;
    w.end_block();
    Ok(())
}

/// Writes the index in three blocks, each checked apart: the short text as it is (field
/// terms read it in place), the long text compressed (the bulk, which most queries never
/// read), and the numbers.
fn write_index<W: Write>(w: &mut Writer<W>, index: &Index) -> io::Result<()> {
    let mut bytes = Vec::new();
    let (short, long) = index.stored_parts(&mut bytes);
    w.write(short.as_bytes())?;
    w.end_block();
    let mut packed_long = Vec::new();
    pack::pack_text(long.as_bytes(), &mut packed_long);
    w.write(&packed_long)?;
    w.end_block();
    w.write(&bytes)?;
    w.end_block();
    Ok(())
}

/// Encodes one event and its origin into `enc` (cleared first).
fn encode_event(enc: &mut Encoder, event: &Event, origin: crate::model::load::Origin) {
    enc.bytes.clear();
    enc.event(event);
    enc.origin(origin);
}

/// Writes the cache atomically at `path` with the program's one atomic writer
/// ([`crate::atomic`]: a temporary file with an unpredictable name, created exclusively in
/// the cache folder, synced, renamed over `path`, the folder synced). Then prunes old caches.
pub fn store(
    options: &LoadOptions,
    keys: &[FileKey],
    hashes: &[[u8; 32]],
    catalog: &Catalog,
    index: &mut dyn IndexSource,
    path: &Path,
) -> io::Result<()> {
    let dir = crate::atomic::folder_of(path);
    std::fs::create_dir_all(dir)?;
    let mut key_block = Encoder::default();
    key::encode(options, keys, hashes, &mut key_block);
    crate::atomic::write_with(path, crate::atomic::Replace::Allow, |file| {
        let out = BufWriter::with_capacity(1 << 20, Writeback::new(file));
        let out = write_cache_from(out, &key_block.bytes, catalog, index)?;
        out.into_inner().map_err(io::IntoInnerError::into_error)?;
        Ok(())
    })?;
    prune(dir, path);
    Ok(())
}

/// A file being written that asks the system to start writing each 32 MB to disk as soon
/// as it is written, so that the sync at the end (the atomic writer's) has little left to
/// wait for: on a large cache it otherwise waits for the whole file.
struct Writeback<'a> {
    file: &'a mut std::fs::File,
    /// Bytes written, and how many of them were handed to the system's writeback.
    written: u64,
    started: u64,
}

impl<'a> Writeback<'a> {
    const STEP: u64 = 32 << 20;

    fn new(file: &'a mut std::fs::File) -> Self {
        Writeback {
            file,
            written: 0,
            started: 0,
        }
    }
}

impl Write for Writeback<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.started >= Self::STEP {
            #[cfg(target_os = "linux")]
            {
                use std::os::fd::AsRawFd;
                let (from, len) = (self.started as i64, (self.written - self.started) as i64);
                // SAFETY: only starts writeback of a range of a file descriptor that `file`
                // keeps open; a failure is harmless (the final sync still syncs everything).
                unsafe {
                    libc::sync_file_range(
                        self.file.as_raw_fd(),
                        from,
                        len,
                        libc::SYNC_FILE_RANGE_WRITE,
                    );
                }
            }
            self.started = self.written;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Rewrites the cache at `path` with a new key block and the other blocks of `bytes` as
/// they are, each checked against its checksum first (a damaged block fails the rewrite
/// rather than being sealed with a fresh checksum).
pub fn rekey(bytes: &[u8], layout: &Layout, key_block: &[u8], path: &Path) -> io::Result<()> {
    crate::atomic::write_with(path, crate::atomic::Replace::Allow, |file| {
        let mut w = Writer::new(BufWriter::with_capacity(1 << 20, file))?;
        w.write(key_block)?;
        w.end_block();
        for block in Block::AFTER_KEY {
            let part = layout
                .verified(bytes, block)
                .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "damaged cache block"))?;
            w.write(part)?;
            w.end_block();
        }
        w.finish()?
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        Ok(())
    })
}

/// Whether `name` is one this program gives its caches: `catalog-` 16 hex digits `.bin`.
pub fn is_cache_name(name: &str) -> bool {
    name.strip_prefix("catalog-")
        .and_then(|rest| rest.strip_suffix(".bin"))
        .is_some_and(|hex| hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether `path` is a regular file (not followed if a link) that starts like our caches.
fn is_our_cache(path: &Path) -> bool {
    let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
    let mut head = [0u8; 8];
    regular
        && crate::file::open_own_regular(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok()
        && format::is_ours(&head)
}

/// Deletes the oldest of our caches beyond [`KEEP`] (never `current`): only files with our
/// name pattern and our header, so a user's own file in the folder is never touched.
fn prune(dir: &Path, current: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut caches: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p != current)
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_cache_name)
        })
        .filter(|p| is_our_cache(p))
        .filter_map(|p| Some((std::fs::symlink_metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    caches.sort();
    let extra = caches.len().saturating_sub(KEEP - 1);
    for (_, path) in caches.into_iter().take(extra) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load;

    #[test]
    fn a_cache_written_while_its_index_is_built_has_the_same_bytes() {
        let catalog = load::bundled();
        let index = Index::new(&catalog.events);
        index.prepare_short_fields();
        let plain = write_cache(Vec::new(), b"key", &catalog, &index).unwrap();
        let overlapped = std::thread::scope(|scope| {
            let mut pending = PendingIndex::spawn(scope, &catalog.events, true);
            write_cache_from(Vec::new(), b"key", &catalog, &mut pending).unwrap()
        });
        assert_eq!(plain, overlapped);
        // Without the short fields' word indexes built first, the writer builds them.
        let fresh = Index::new(&catalog.events);
        assert_eq!(
            write_cache(Vec::new(), b"key", &catalog, &fresh).unwrap(),
            plain
        );
    }
}
