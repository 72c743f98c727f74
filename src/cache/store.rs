//! Writing a cache: the blocks of [`format`](super::format) into a temporary file in the
//! cache folder, synced and renamed over the old cache, and pruning old caches.

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use super::codec::Encoder;
use super::format::{self, Block, Layout, Writer};
use super::key::{self, FileKey};
use super::pack;
use crate::model::load::{Catalog, LoadOptions};
use crate::search::Index;

/// Cache files kept in the cache folder; older ones are deleted.
const KEEP: usize = 3;

/// Writes the whole cache of `catalog` (with its `index`) to `out`. Deterministic: the
/// same inputs give the same bytes (the layout test relies on it).
pub fn write_cache<W: Write>(
    out: W,
    key_block: &[u8],
    catalog: &Catalog,
    index: &Index,
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
    write_index(&mut w, index)?;
    let mut bytes = Vec::new();
    // Too large to store (a count over 32 bits): stored empty, built on first use.
    if !index.words_to_bytes(&mut bytes) {
        bytes.clear();
    }
    w.write(&bytes)?;
    w.end_block();
    // Likewise for the short fields' word indexes (both stored empty when too large).
    bytes.clear();
    let mut acronyms = Vec::new();
    index.short_words_to_bytes(&mut bytes, &mut acronyms);
    for part in [&bytes, &acronyms] {
        w.write(part)?;
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
fn encode_event(
    enc: &mut Encoder,
    event: &crate::model::Event,
    origin: crate::model::load::Origin,
) {
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
    index: &Index,
    path: &Path,
) -> io::Result<()> {
    let dir = crate::atomic::folder_of(path);
    std::fs::create_dir_all(dir)?;
    let mut key_block = Encoder::default();
    key::encode(options, keys, hashes, &mut key_block);
    crate::atomic::write_with(path, crate::atomic::Replace::Allow, |file| {
        let out = BufWriter::with_capacity(1 << 20, file);
        let out = write_cache(out, &key_block.bytes, catalog, index)?;
        out.into_inner().map_err(io::IntoInnerError::into_error)?;
        Ok(())
    })?;
    prune(dir, path);
    Ok(())
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
