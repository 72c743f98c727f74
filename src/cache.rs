//! A parsed cache of event files, so that large archives open without parsing RON again.
//!
//! One cache file per set of sources (bundled data and user files) holds the validated
//! [`Catalog`] in a compact binary form ([`codec`]) followed by its search [`Index`] in
//! chunks, each with the file offsets of its events: so the explorer gets events and index
//! without folding any text, and a one-shot query ([`for_each_match`]) reads the index chunk
//! by chunk and decodes only the events that match, in little memory. It is keyed on the program version and,
//! for every file, its path, size, modification time and a hash of its content. Size and
//! time are checked when the cache is opened; the content hash is checked on a second
//! thread while the events are being read, and [`CacheReader::verify`] says whether it held.
//! A cache that is stale, damaged or unreadable is ignored: the files are parsed again and
//! the cache is rewritten (atomically: written to a temporary file, then renamed).

pub mod codec;

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::UNIX_EPOCH;

use std::io::{Seek, SeekFrom};
use std::sync::atomic::AtomicBool;

use crate::model::Event;
use crate::model::load::{self, BUNDLED_TEXT, Catalog, LoadError, LoadOptions, Origin};
use crate::search::{Index, Query};
use codec::{Decoder, Encoder, Hasher};

/// First bytes of every cache file; the digit changes with the layout.
const MAGIC: &[u8; 8] = b"CYDPCAC4";
/// Events per index chunk: bounds the memory of a one-shot query.
const CHUNK: usize = if cfg!(test) { 100 } else { 32_768 };
/// Cache files kept in the cache folder; older ones are deleted.
const KEEP: usize = 3;
/// Below this many bytes of user files, parsing is quick and no cache is written.
const MIN_BYTES: u64 = 1 << 20;
/// Largest encoded event accepted (a sanity bound against damaged files).
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

/// One source file as the key sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileKey {
    name: String,
    canonical: PathBuf,
    size: u64,
    mtime: (u64, u32),
}

/// The current state of every source file, or `None` when one cannot be read (then the
/// loader reports it, and no cache is used).
fn file_keys(options: &LoadOptions) -> Option<Vec<FileKey>> {
    let mut errors = Vec::new();
    let mut keys = Vec::new();
    for path in &options.paths {
        for file in load::expand(path, &mut errors) {
            let meta = std::fs::metadata(&file).ok()?;
            let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
            keys.push(FileKey {
                name: file.display().to_string(),
                canonical: std::fs::canonicalize(&file).ok()?,
                size: meta.len(),
                mtime: (mtime.as_secs(), mtime.subsec_nanos()),
            });
        }
    }
    errors.is_empty().then_some(keys)
}

/// The key without content hashes: what is compared when the cache is opened.
fn header(options: &LoadOptions, keys: &[FileKey]) -> Vec<u8> {
    let mut enc = Encoder::default();
    enc.str(env!("CARGO_PKG_VERSION"));
    enc.uint(u64::from(options.bundled));
    enc.uint(if options.bundled {
        codec::hash(BUNDLED_TEXT.as_bytes())
    } else {
        0
    });
    enc.uint(keys.len() as u64);
    for k in keys {
        enc.str(&k.name);
        enc.str(&k.canonical.to_string_lossy());
        enc.uint(k.size);
        enc.uint(k.mtime.0);
        enc.uint(u64::from(k.mtime.1));
    }
    enc.bytes
}

/// Where the cache of these sources lives: one name per set of paths.
fn cache_file(dir: &Path, options: &LoadOptions, keys: &[FileKey]) -> PathBuf {
    let mut h = Hasher::default();
    h.update(&[u8::from(options.bundled)]);
    for k in keys {
        h.update(k.name.as_bytes());
        h.update(&[0]);
        h.update(k.canonical.to_string_lossy().as_bytes());
        h.update(&[0]);
    }
    dir.join(format!("catalog-{:016x}.bin", h.finish()))
}

/// Hashes the content of every file, streaming (nothing is held in memory).
fn content_hashes(keys: &[FileKey]) -> io::Result<Vec<u64>> {
    let mut buf = vec![0u8; 1 << 20];
    keys.iter()
        .map(|k| {
            let mut file = File::open(&k.canonical)?;
            let mut h = Hasher::default();
            loop {
                let n = file.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                h.update(&buf[..n]);
            }
            Ok(h.finish())
        })
        .collect()
}

/// An open cache, read in batches of events while the content hash is checked alongside.
#[derive(Debug)]
pub struct CacheReader {
    /// Files read, as named in errors and origins.
    pub files: Vec<String>,
    /// Problems found when the cache was made (left-out records).
    pub errors: Vec<LoadError>,
    /// Number of events in the cache.
    pub len: usize,
    path: PathBuf,
    read: usize,
    failed: bool,
    input: BufReader<File>,
    buf: Vec<u8>,
    check: Option<JoinHandle<bool>>,
}

/// Opens the cache of `options` in `dir` if its key matches the files' size and time.
/// The content hash check starts on a second thread; see [`CacheReader::verify`].
pub fn open(options: &LoadOptions, dir: &Path) -> Option<CacheReader> {
    let keys = file_keys(options)?;
    let path = cache_file(dir, options, &keys);
    let file = File::open(&path).ok()?;
    let mut input = BufReader::with_capacity(1 << 20, file);
    let mut magic = [0u8; 8];
    input.read_exact(&mut magic).ok()?;
    if &magic != MAGIC {
        return None;
    }
    let expected = header(options, &keys);
    let stored = read_block(&mut input)?;
    if stored != expected {
        return None;
    }
    let hashes = read_block(&mut input)?;
    let mut dec = Decoder::new(&hashes);
    let stored_hashes: Vec<u64> = (0..keys.len()).map(|_| dec.uint()).collect::<Option<_>>()?;
    let check =
        std::thread::spawn(move || content_hashes(&keys).is_ok_and(|found| found == stored_hashes));
    let meta = read_block(&mut input)?;
    let mut dec = Decoder::new(&meta);
    let count = usize::try_from(dec.uint()?).ok()?;
    let files = (0..count).map(|_| dec.str()).collect::<Option<_>>()?;
    let count = usize::try_from(dec.uint()?).ok()?;
    let errors = (0..count).map(|_| dec.error()).collect::<Option<_>>()?;
    let len = usize::try_from(dec.uint()?).ok()?;
    Some(CacheReader {
        files,
        errors,
        len,
        path,
        read: 0,
        failed: false,
        input,
        buf: Vec::new(),
        check: Some(check),
    })
}

/// Reads a `u32` length and that many bytes.
fn read_block(input: &mut impl Read) -> Option<Vec<u8>> {
    let mut len = [0u8; 4];
    input.read_exact(&mut len).ok()?;
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_RECORD {
        return None;
    }
    let mut bytes = vec![0u8; len];
    input.read_exact(&mut bytes).ok()?;
    Some(bytes)
}

impl CacheReader {
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
            match self.read_record(&mut events[i]) {
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

    fn read_record(&mut self, event: &mut Event) -> Option<Origin> {
        read_record(&mut self.input, &mut self.buf, event)
    }

    /// After the last event: whether the index starts right here, as the file's trailer
    /// says. A cut or damaged file fails this even when every event decoded.
    fn ends_where_index_starts(&mut self) -> bool {
        let mut check = || -> Option<bool> {
            let here = self.input.stream_position().ok()?;
            self.input.seek(SeekFrom::End(-8)).ok()?;
            let mut word = [0u8; 8];
            self.input.read_exact(&mut word).ok()?;
            self.input.seek(SeekFrom::Start(here)).ok()?;
            Some(u64::from_le_bytes(word) == here)
        };
        check().unwrap_or(false)
    }

    /// Reads the search index of every event; call after reading all events.
    pub fn index(&mut self) -> Option<Index> {
        if self.read != self.len {
            return None;
        }
        read_index(&mut self.input, self.len)
    }

    /// Waits for the content check: true when every event was read intact and every file
    /// still has the content the cache was made from. Use nothing read unless it is true.
    pub fn verify(mut self) -> bool {
        let content = self.check.take().is_some_and(|h| h.join().unwrap_or(false));
        content && !self.failed && self.read == self.len
    }
}

/// Reads one event record (length, event, origin) into `event`, using `buf` for its bytes.
fn read_record(input: &mut impl Read, buf: &mut Vec<u8>, event: &mut Event) -> Option<Origin> {
    let mut len = [0u8; 4];
    input.read_exact(&mut len).ok()?;
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_RECORD {
        return None;
    }
    buf.resize(len, 0);
    input.read_exact(buf).ok()?;
    let mut dec = Decoder::new(buf);
    dec.event_into(event)?;
    let origin = dec.origin()?;
    dec.is_done().then_some(origin)
}

/// Reads one index chunk and the file offsets of its events.
fn read_chunk(input: &mut impl Read) -> Option<(Index, Vec<u64>)> {
    let mut word = [0u8; 8];
    input.read_exact(&mut word).ok()?;
    let len = usize::try_from(u64::from_le_bytes(word)).ok()?;
    if len > 1 << 40 {
        return None;
    }
    let mut bytes = vec![0u8; len];
    input.read_exact(&mut bytes).ok()?;
    let index = Index::from_bytes(&bytes)?;
    drop(bytes);
    let mut offsets = Vec::with_capacity(index.len());
    for _ in 0..index.len() {
        input.read_exact(&mut word).ok()?;
        offsets.push(u64::from_le_bytes(word));
    }
    Some((index, offsets))
}

/// Reads the index of `len` events, chunk by chunk (skipping the event offsets), then the
/// word index that follows the chunks (built on first use if the cache has none).
fn read_index(input: &mut BufReader<File>, len: usize) -> Option<Index> {
    let mut index = Index::default();
    let mut word = [0u8; 8];
    let chunks = len.div_ceil(CHUNK);
    let mut bytes = Vec::new();
    for k in 0..chunks {
        input.read_exact(&mut word).ok()?;
        let size = usize::try_from(u64::from_le_bytes(word)).ok()?;
        if size > 1 << 40 {
            return None;
        }
        bytes.resize(size, 0);
        input.read_exact(&mut bytes).ok()?;
        let before = index.len();
        index.append_bytes(&bytes)?;
        input
            .seek_relative(8 * (index.len() - before) as i64)
            .ok()?;
        if k == 0 {
            // Chunks are alike in size: room for all of them, so each is copied once.
            index.reserve_parts(chunks - 1);
        }
    }
    input.read_exact(&mut word).ok()?;
    let size = usize::try_from(u64::from_le_bytes(word)).ok()?;
    if size > 1 << 40 {
        return None;
    }
    let mut bytes = vec![0u8; size];
    input.read_exact(&mut bytes).ok()?;
    // An empty block means the word index was too large to store; it is built on first use.
    if size > 0 && !index.set_words_from_bytes(&bytes) {
        return None;
    }
    (index.len() == len).then_some(index)
}

/// The index of the cache file at `path` holding `len` events, read from its own handle so
/// that it can be read on another thread while the events are decoded.
fn read_index_of(path: &Path, len: usize) -> Option<Index> {
    let mut input = BufReader::with_capacity(1 << 20, File::open(path).ok()?);
    input.seek(SeekFrom::End(-8)).ok()?;
    let mut word = [0u8; 8];
    input.read_exact(&mut word).ok()?;
    input.seek(SeekFrom::Start(u64::from_le_bytes(word))).ok()?;
    read_index(&mut input, len)
}

/// Runs a one-shot query on the cache of `options` in `dir`: calls `each` with every
/// matching event in date order, decoding only those. Returns the problems recorded with
/// the cache, or `None` when there is no valid cache (then discard anything `each` did:
/// the content check runs alongside and only this result says it held).
pub fn for_each_match(
    options: &LoadOptions,
    dir: &Path,
    query: &Query,
    each: &mut dyn FnMut(&Event),
) -> Option<Vec<LoadError>> {
    let mut reader = open(options, dir)?;
    let mut events = File::open(&reader.path).ok()?;
    let end = reader.input.seek(SeekFrom::End(-8)).ok()?;
    let mut word = [0u8; 8];
    reader.input.read_exact(&mut word).ok()?;
    let start = u64::from_le_bytes(word);
    if start >= end {
        return None;
    }
    reader.input.seek(SeekFrom::Start(start)).ok()?;
    let cancel = AtomicBool::new(false);
    let mut event = codec::blank_event();
    let mut record = Vec::new();
    let mut seen = 0;
    while seen < reader.len {
        let (index, offsets) = read_chunk(&mut reader.input)?;
        seen += index.len();
        for hit in index.filter(query, None, &cancel)? {
            let offset = *offsets.get(hit as usize)?;
            events.seek(SeekFrom::Start(offset)).ok()?;
            let mut len = [0u8; 4];
            events.read_exact(&mut len).ok()?;
            record.resize(u32::from_le_bytes(len) as usize, 0);
            events.read_exact(&mut record).ok()?;
            Decoder::new(&record).event_into(&mut event)?;
            each(&event);
        }
    }
    reader.read = reader.len;
    let errors = std::mem::take(&mut reader.errors);
    reader.verify().then_some(errors)
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
    let keys = file_keys(options);
    let bytes: u64 = keys.iter().flatten().map(|k| k.size).sum();
    let (Some(dir), true) = (dir, bytes >= MIN_BYTES) else {
        return (load::load(options), None, CacheUse::Unused);
    };
    if let Some((catalog, index)) = read_all(options, dir, with_index) {
        return (catalog, index, CacheUse::Hit);
    }
    // Hash before parsing, so that a file changed during the load never gets a key that
    // claims the new content.
    let hashes = keys.as_ref().and_then(|k| content_hashes(k).ok());
    let catalog = load::load(options);
    let stored = match (keys, hashes) {
        (Some(keys), Some(hashes)) => store(options, &keys, &hashes, &catalog, dir).ok(),
        _ => None,
    };
    match stored {
        // The index built to store is the one asked for: no second folding of the text.
        Some(index) => (catalog, with_index.then_some(index), CacheUse::Stored),
        None => (catalog, None, CacheUse::Unused),
    }
}

/// The whole catalog (and the index if asked) from a valid cache.
fn read_all(
    options: &LoadOptions,
    dir: &Path,
    with_index: bool,
) -> Option<(Catalog, Option<Index>)> {
    let mut reader = open(options, dir)?;
    // The index is read on a second thread while this one decodes the events.
    let (path, len) = (reader.path.clone(), reader.len);
    let index = with_index.then(|| std::thread::spawn(move || read_index_of(&path, len)));
    // Events are decoded on this thread only: splitting them across two threads was
    // slower (page faults of two threads filling fresh memory contend in the kernel).
    let mut events = Vec::with_capacity(reader.len);
    let mut origins = Vec::with_capacity(reader.len);
    let mut batch = Vec::new();
    let mut batch_origins = Vec::new();
    while reader.next_batch(&mut batch, &mut batch_origins, 4096) > 0 {
        events.append(&mut batch);
        origins.append(&mut batch_origins);
    }
    let index = match index {
        Some(handle) => Some(handle.join().ok().flatten()?),
        None => None,
    };
    if !reader.ends_where_index_starts() {
        return None;
    }
    let files = std::mem::take(&mut reader.files);
    let errors = std::mem::take(&mut reader.errors);
    let catalog = Catalog {
        events,
        origins,
        files,
        errors,
    };
    reader.verify().then_some((catalog, index))
}

fn write_block(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "cache block too large"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(bytes)
}

/// Writes the cache file atomically, then deletes the oldest caches beyond [`KEEP`].
/// Returns the search index it built and stored.
fn store(
    options: &LoadOptions,
    keys: &[FileKey],
    hashes: &[u64],
    catalog: &Catalog,
    dir: &Path,
) -> io::Result<Index> {
    std::fs::create_dir_all(dir)?;
    let path = cache_file(dir, options, keys);
    let temp = path.with_extension(format!("tmp{}", std::process::id()));
    // One index of every event (folded once), stored in chunks with their events'
    // offsets, then its word index.
    let index = Index::new(&catalog.events);
    let written = (|| {
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&temp)?);
        out.write_all(MAGIC)?;
        write_block(&mut out, &header(options, keys))?;
        let mut enc = Encoder::default();
        hashes.iter().for_each(|&h| enc.uint(h));
        write_block(&mut out, &enc.bytes)?;
        let mut enc = Encoder::default();
        enc.uint(catalog.files.len() as u64);
        catalog.files.iter().for_each(|f| enc.str(f));
        enc.uint(catalog.errors.len() as u64);
        catalog.errors.iter().for_each(|e| enc.error(e));
        enc.uint(catalog.events.len() as u64);
        write_block(&mut out, &enc.bytes)?;
        let mut enc = Encoder::default();
        let mut at = 0u64;
        let mut offsets = Vec::with_capacity(catalog.events.len());
        for (event, origin) in catalog.events.iter().zip(&catalog.origins) {
            enc.bytes.clear();
            enc.event(event);
            enc.origin(*origin);
            offsets.push(at);
            at += 4 + enc.bytes.len() as u64;
            write_block(&mut out, &enc.bytes)?;
        }
        // Offsets so far are relative to the first event; make them absolute.
        let base = out.get_mut().stream_position()? + out.buffer().len() as u64 - at;
        let index_start = base + at;
        let mut bytes = Vec::new();
        for (from, offsets) in (0..).step_by(CHUNK).zip(offsets.chunks(CHUNK)) {
            bytes.clear();
            index.range_to_bytes(from..from + offsets.len(), &mut bytes);
            out.write_all(&(bytes.len() as u64).to_le_bytes())?;
            out.write_all(&bytes)?;
            for offset in offsets {
                out.write_all(&(base + offset).to_le_bytes())?;
            }
        }
        bytes.clear();
        if !index.words_to_bytes(&mut bytes) {
            bytes.clear();
        }
        out.write_all(&(bytes.len() as u64).to_le_bytes())?;
        out.write_all(&bytes)?;
        out.write_all(&index_start.to_le_bytes())?;
        out.into_inner().map_err(io::IntoInnerError::into_error)?;
        std::fs::rename(&temp, &path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written?;
    prune(dir, &path);
    Ok(index)
}

/// Deletes the oldest cache files beyond [`KEEP`] (never `current`).
fn prune(dir: &Path, current: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut caches: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p != current
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("catalog-") && n.ends_with(".bin"))
        })
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    caches.sort();
    let extra = caches.len().saturating_sub(KEEP - 1);
    for (_, path) in caches.into_iter().take(extra) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests;
