//! The cache file's container: a fixed header, checksummed blocks, and a directory at the
//! end that bounds every block by the bytes actually in the file.
//!
//! ```text
//! header     MAGIC (7 bytes) VERSION (1 byte) block count (u32 LE) reserved (u32, 0)
//! blocks     BLOCKS blocks, in `Block` order, back to back
//! directory  per block: offset u64, length u64, xxh3-64 u64 (all LE)
//! trailer    xxh3-64 of header + directory (u64 LE), END (8 bytes)
//! ```
//!
//! Nothing is trusted before it is checked: the directory's checksum first, then every block
//! range against the file's length, then each block's checksum before its bytes are used
//! ([`Layout::verified`]). The event block is the exception: it is checked one record at a
//! time (each record carries its own xxh3), so that a query verifies only what it prints;
//! and a one-shot query checks the index's short text ([`Block::Index`]) and long text
//! ([`Block::LongText`]) each whole, but only when it first reads them (most plain terms
//! are answered by the word indexes instead). Records and the long text are compressed
//! ([`super::pack`]); what is unpacked is always bytes whose checksum held.

use std::io::{self, Write};
use std::ops::Range;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// First seven bytes of every cache this program writes, whatever its version: pruning
/// deletes nothing else.
pub const MAGIC: &[u8; 7] = b"CYDPCAC";
/// The layout's version, the header's eighth byte. Bump it with any change to the bytes
/// written (the layout test in `tests.rs` fails until the pin is updated with it).
pub const VERSION: u8 = b'9';
/// Last eight bytes of a complete cache.
const END: &[u8; 8] = b"CYDPEND9";
const HEADER: usize = 16;
const ENTRY: usize = 24;
const TRAILER: usize = 16;

/// The blocks of a cache, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// What the cache was made from: program, options, each source's stamp and BLAKE3.
    Key = 0,
    /// Files, load errors and the number of events.
    Meta = 1,
    /// The dictionary the event records are compressed against (the first records' bytes).
    Dict = 2,
    /// Event records: xxh3-64 of the rest (u64 LE), then the encoded event and origin
    /// compressed against [`Block::Dict`] (`pack::pack_record`).
    Events = 3,
    /// Offset of each event record in [`Block::Events`] (u64 LE), plus the end: after the
    /// records, so that they are written as they come, in one pass.
    Offsets = 4,
    /// The search index's short text (folded ids, titles, kinds, tags, places, actors,
    /// acronyms), as it is: field terms read it in place.
    Index = 5,
    /// The index's long text (folded summaries and quotes), compressed in chunks
    /// (`pack::pack_text`): unpacked on first read, after its checksum holds.
    LongText = 6,
    /// The rest of the index: the long text's length (u64 LE), the entry count (u64 LE)
    /// and the entries.
    IndexTail = 7,
    /// The word index, or nothing when it was too large to store.
    Words = 8,
    /// The word index of the short fields (id, titles, places, actors), or nothing when it
    /// was too large to store; read by one-shot queries (the explorer builds its own).
    ShortWords = 9,
    /// The word index of the short fields' acronyms, empty with [`Block::ShortWords`].
    Acronyms = 10,
}

/// Number of blocks in a cache of this version.
pub const BLOCKS: usize = 11;

impl Block {
    /// Every block after the key, in file order.
    pub const AFTER_KEY: [Block; BLOCKS - 1] = [
        Block::Meta,
        Block::Dict,
        Block::Events,
        Block::Offsets,
        Block::Index,
        Block::LongText,
        Block::IndexTail,
        Block::Words,
        Block::ShortWords,
        Block::Acronyms,
    ];

    /// The blocks of the search index, after the events.
    pub const SEARCH: [Block; 6] = [
        Block::Index,
        Block::LongText,
        Block::IndexTail,
        Block::Words,
        Block::ShortWords,
        Block::Acronyms,
    ];

    /// The block's name, for tools that print a cache's composition.
    pub fn name(self) -> &'static str {
        match self {
            Block::Key => "key",
            Block::Meta => "meta",
            Block::Offsets => "offsets",
            Block::Dict => "dictionary",
            Block::Events => "events",
            Block::Index => "short text",
            Block::LongText => "long text",
            Block::IndexTail => "index entries",
            Block::Words => "long-text words",
            Block::ShortWords => "short-field words",
            Block::Acronyms => "acronyms",
        }
    }
}

/// Writes a cache block by block; the directory is kept in memory (a few words per block).
pub struct Writer<W: Write> {
    out: W,
    at: u64,
    start: u64,
    hash: Xxh3,
    directory: Vec<[u64; 3]>,
}

impl<W: Write> Writer<W> {
    /// Starts a cache on `out` with the header.
    pub fn new(mut out: W) -> io::Result<Writer<W>> {
        out.write_all(&header(BLOCKS as u32))?;
        Ok(Writer {
            out,
            at: HEADER as u64,
            start: HEADER as u64,
            hash: Xxh3::new(),
            directory: Vec::with_capacity(BLOCKS),
        })
    }

    /// Appends bytes to the current block.
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.hash.update(bytes);
        self.at += bytes.len() as u64;
        Ok(())
    }

    /// Closes the current block (the next write starts the next one).
    pub fn end_block(&mut self) {
        let sum = self.hash.digest();
        self.directory.push([self.start, self.at - self.start, sum]);
        self.hash.reset();
        self.start = self.at;
    }

    /// Writes the directory and trailer; returns the output for flushing and syncing.
    pub fn finish(mut self) -> io::Result<W> {
        if self.directory.len() != BLOCKS {
            return Err(io::Error::other("cache writer: wrong number of blocks"));
        }
        let mut dir = Vec::with_capacity(BLOCKS * ENTRY);
        for word in self.directory.iter().flatten() {
            dir.extend_from_slice(&word.to_le_bytes());
        }
        let mut summed = header(BLOCKS as u32).to_vec();
        summed.extend_from_slice(&dir);
        self.out.write_all(&dir)?;
        self.out.write_all(&xxh3_64(&summed).to_le_bytes())?;
        self.out.write_all(END)?;
        Ok(self.out)
    }
}

fn header(blocks: u32) -> [u8; HEADER] {
    let mut h = [0u8; HEADER];
    h[..7].copy_from_slice(MAGIC);
    h[7] = VERSION;
    h[8..12].copy_from_slice(&blocks.to_le_bytes());
    h
}

/// Where each block of a cache is, checked against the file's bytes.
#[derive(Debug, Clone)]
pub struct Layout {
    ranges: [Range<usize>; BLOCKS],
    sums: [u64; BLOCKS],
}

/// Reads a little-endian u64 at `at`, if the bytes are there.
pub fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    let raw = bytes.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(raw.try_into().ok()?))
}

impl Layout {
    /// The layout of `bytes`, or `None` when they are not a complete cache of this version:
    /// wrong magic or version, a damaged directory, or a block outside the file.
    pub fn parse(bytes: &[u8]) -> Option<Layout> {
        let dir_len = BLOCKS * ENTRY;
        let total = HEADER + dir_len + TRAILER;
        if bytes.len() < total || bytes.get(..HEADER)? != header(BLOCKS as u32) {
            return None;
        }
        let end = bytes.len();
        if bytes.get(end - 8..)? != END {
            return None;
        }
        let dir_at = end - TRAILER - dir_len;
        let dir = bytes.get(dir_at..dir_at + dir_len)?;
        let mut summed = bytes.get(..HEADER)?.to_vec();
        summed.extend_from_slice(dir);
        if u64_at(bytes, end - TRAILER)? != xxh3_64(&summed) {
            return None;
        }
        let mut ranges: [Range<usize>; BLOCKS] = Default::default();
        let mut sums = [0u64; BLOCKS];
        let mut next = HEADER;
        for (k, (range, sum)) in ranges.iter_mut().zip(&mut sums).enumerate() {
            let word = |i: usize| u64_at(dir, k * ENTRY + 8 * i).and_then(|n| n.try_into().ok());
            let (start, len): (usize, usize) = (word(0)?, word(1)?);
            // Blocks lie back to back between the header and the directory.
            let stop = start.checked_add(len)?;
            if start != next || stop > dir_at {
                return None;
            }
            *range = start..stop;
            *sum = u64_at(dir, k * ENTRY + 16)?;
            next = stop;
        }
        (next == dir_at).then_some(Layout { ranges, sums })
    }

    /// Where `block` lies in the file.
    pub fn range(&self, block: Block) -> Range<usize> {
        self.ranges[block as usize].clone()
    }

    /// The bytes of `block`, without checking its checksum (for [`Block::Events`], whose
    /// records are checked one by one).
    pub fn unverified<'a>(&self, bytes: &'a [u8], block: Block) -> Option<&'a [u8]> {
        bytes.get(self.ranges[block as usize].clone())
    }

    /// The checksum the directory gives for `block` (the directory itself is checked).
    pub fn sum(&self, block: Block) -> u64 {
        self.sums[block as usize]
    }

    /// The bytes of `block` once its checksum holds.
    pub fn verified<'a>(&self, bytes: &'a [u8], block: Block) -> Option<&'a [u8]> {
        let raw = self.unverified(bytes, block)?;
        (xxh3_64(raw) == self.sums[block as usize]).then_some(raw)
    }
}

/// One event record as stored: its checksum then its bytes.
pub fn record(bytes: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(&xxh3_64(bytes).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// The bytes of a stored record once its checksum holds.
pub fn open_record(stored: &[u8]) -> Option<&[u8]> {
    let sum = u64_at(stored, 0)?;
    let body = stored.get(8..)?;
    (xxh3_64(body) == sum).then_some(body)
}

/// Recomputes every checksum of `bytes` in place (records, blocks, directory), as a forger
/// would, so that tests and the fuzz target reach the decoders behind the checksums. Bytes
/// that do not even have a directory are left as they are.
#[doc(hidden)]
pub fn reseal(bytes: &mut [u8]) {
    let dir_len = BLOCKS * ENTRY;
    let Some(dir_at) = bytes.len().checked_sub(TRAILER + dir_len) else {
        return;
    };
    let range = |bytes: &[u8], k: usize| -> Option<Range<usize>> {
        let start = usize::try_from(u64_at(bytes, dir_at + k * ENTRY)?).ok()?;
        let len = usize::try_from(u64_at(bytes, dir_at + k * ENTRY + 8)?).ok()?;
        let stop = start.checked_add(len)?;
        (stop <= dir_at).then_some(start..stop)
    };
    if let (Some(offsets), Some(events)) = (
        range(bytes, Block::Offsets as usize),
        range(bytes, Block::Events as usize),
    ) {
        let ends: Vec<usize> = offsets
            .step_by(8)
            .filter_map(|at| u64_at(bytes, at).and_then(|n| usize::try_from(n).ok()))
            .collect();
        for pair in ends.windows(2) {
            let from = events.start.saturating_add(pair[0]);
            let to = events.start.saturating_add(pair[1]);
            if from.checked_add(8).is_some_and(|body| body <= to) && to <= events.end {
                let sum = xxh3_64(&bytes[from + 8..to]);
                bytes[from..from + 8].copy_from_slice(&sum.to_le_bytes());
            }
        }
    }
    for k in 0..BLOCKS {
        if let Some(r) = range(bytes, k) {
            let sum = xxh3_64(&bytes[r]);
            let at = dir_at + k * ENTRY + 16;
            bytes[at..at + 8].copy_from_slice(&sum.to_le_bytes());
        }
    }
    let Some(mut summed) = bytes.get(..HEADER).map(<[u8]>::to_vec) else {
        return;
    };
    summed.extend_from_slice(&bytes[dir_at..dir_at + dir_len]);
    let at = bytes.len() - TRAILER;
    bytes[at..at + 8].copy_from_slice(&xxh3_64(&summed).to_le_bytes());
}

/// Whether `bytes` start like a cache this program wrote (any version): the only files
/// pruning may delete.
pub fn is_ours(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut w = Writer::new(Vec::new()).unwrap();
        for k in 0..BLOCKS {
            w.write(&vec![k as u8; k * 3]).unwrap();
            w.end_block();
        }
        w.finish().unwrap()
    }

    #[test]
    fn blocks_read_back_and_any_flip_is_caught() {
        let bytes = sample();
        let layout = Layout::parse(&bytes).unwrap();
        assert_eq!(layout.verified(&bytes, Block::Words).unwrap(), [8u8; 24]);
        assert_eq!(
            layout.verified(&bytes, Block::Acronyms).unwrap(),
            [10u8; 30]
        );
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x10;
            let caught = match Layout::parse(&bad) {
                None => true,
                Some(l) => Block::AFTER_KEY
                    .iter()
                    .chain(&[Block::Key])
                    .any(|&b| l.verified(&bad, b).is_none()),
            };
            assert!(caught, "flip at {i} not caught");
        }
        for cut in 0..bytes.len() {
            assert!(Layout::parse(&bytes[..cut]).is_none());
        }
    }

    #[test]
    fn records_carry_their_own_checksum() {
        let mut stored = Vec::new();
        record(b"hello", &mut stored);
        assert_eq!(open_record(&stored), Some(&b"hello"[..]));
        stored[9] ^= 1;
        assert_eq!(open_record(&stored), None);
        assert_eq!(open_record(&stored[..7]), None);
    }
}
