//! Compression of the cache's bulk (lz4, pure Rust, safe decoder): event records one by one
//! against a dictionary shared by all, and the index's long text in chunks.
//!
//! Records are compressed one at a time so that a query still decodes only the events it
//! prints (a frame of several records would make each printed event pay for its
//! neighbours); the dictionary, the first records' encoded bytes, gives each small record
//! the repeated vocabulary of the others to refer to. What is unpacked is always bytes
//! whose checksum held: the lz4 decoder only ever sees checked input, and every size it is
//! given is bounded first.

mod lz4;

use super::codec::{Decoder, Encoder};
pub use lz4::Packer;

/// Largest dictionary: all an lz4 match can reach back.
pub const DICT: usize = lz4::MAX_OFFSET;
/// Bytes of long text per compressed chunk (the last one may be shorter).
const CHUNK: usize = 1 << 20;
/// Most bytes lz4 can produce from one byte of input (a run length byte adds 255), plus
/// slack for the smallest inputs: a bound on any unpacked size claimed.
const EXPANSION: usize = 255;

/// Builds the dictionary from the first records' encoded bytes, up to [`DICT`] bytes.
#[derive(Debug, Default)]
pub struct Dictionary {
    bytes: Vec<u8>,
}

impl Dictionary {
    /// Takes in the next record's bytes while there is room; returns whether it wants more.
    pub fn feed(&mut self, record: &[u8]) -> bool {
        let room = DICT - self.bytes.len();
        self.bytes
            .extend_from_slice(&record[..record.len().min(room)]);
        self.bytes.len() < DICT
    }

    /// The dictionary's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// Appends `raw` compressed by `packer` (against its dictionary): its length (LEB128) then
/// the lz4 block.
pub fn pack_record(raw: &[u8], packer: &mut Packer, out: &mut Vec<u8>) {
    let mut len = Encoder::default();
    len.uint(raw.len() as u64);
    out.extend_from_slice(&len.bytes);
    packer.pack(raw, out);
}

/// The bytes of a record written by [`pack_record`], or `None` when they do not unpack to
/// exactly the length they claim (at most `max`).
pub fn unpack_record(packed: &[u8], dict: &[u8], max: usize) -> Option<Vec<u8>> {
    let mut dec = Decoder::new(packed);
    let len = usize::try_from(dec.uint()?).ok()?;
    let body = dec.take(dec.remaining())?;
    if len > max || len > bound(body.len()) {
        return None;
    }
    let raw = lz4_flex::block::decompress_with_dict(body, len, dict).ok()?;
    (raw.len() == len).then_some(raw)
}

/// Most bytes `packed` compressed bytes can honestly unpack to.
fn bound(packed: usize) -> usize {
    packed.saturating_mul(EXPANSION).saturating_add(64)
}

/// Appends `text` in lz4 chunks of [`CHUNK`] bytes: the chunk count (u64 LE), each chunk's
/// compressed length (u32 LE), then the chunks. Its length is stored elsewhere (the reader
/// must know it without reading this).
pub fn pack_text(text: &[u8], out: &mut Vec<u8>) {
    let chunks: Vec<Vec<u8>> = text.chunks(CHUNK).map(lz4_flex::block::compress).collect();
    out.extend_from_slice(&(chunks.len() as u64).to_le_bytes());
    for c in &chunks {
        out.extend_from_slice(&(c.len() as u32).to_le_bytes());
    }
    chunks.iter().for_each(|c| out.extend_from_slice(c));
}

/// Where each chunk of a text packed by [`pack_text`] lies in `packed`, if the table holds
/// together for a text of `len` bytes.
pub fn text_chunks(packed: &[u8], len: usize) -> Option<Vec<std::ops::Range<usize>>> {
    let count = usize::try_from(super::format::u64_at(packed, 0)?).ok()?;
    if count != len.div_ceil(CHUNK) || len > bound(packed.len()) {
        return None;
    }
    let table = packed.get(8..8usize.checked_add(count.checked_mul(4)?)?)?;
    let mut at = 8 + table.len();
    let mut chunks = Vec::with_capacity(count);
    for size in table.chunks_exact(4) {
        let size = u32::from_le_bytes(size.try_into().ok()?) as usize;
        let end = at.checked_add(size)?;
        chunks.push(at..end);
        at = end;
    }
    (at == packed.len()).then_some(chunks)
}

/// Unpacks chunk `k` (of [`text_chunks`]) of a text of `len` bytes into `out`: false when
/// it does not unpack to exactly its length.
pub fn unpack_chunk(
    packed: &[u8],
    chunks: &[std::ops::Range<usize>],
    k: usize,
    len: usize,
    out: &mut Vec<u8>,
) -> bool {
    let (Some(range), Some(start)) = (chunks.get(k), k.checked_mul(CHUNK)) else {
        return false;
    };
    let Some(input) = packed.get(range.clone()) else {
        return false;
    };
    let want = CHUNK.min(len.saturating_sub(start));
    out.resize(want, 0);
    lz4_flex::block::decompress_into(input, out).is_ok_and(|n| n == want)
}

/// Bytes of long text per chunk of [`pack_text`].
pub const TEXT_CHUNK: usize = CHUNK;

/// The text packed by [`pack_text`], if it unpacks to exactly `len` bytes of UTF-8. Large
/// texts are unpacked on several threads.
pub fn unpack_text(packed: &[u8], len: usize) -> Option<String> {
    let count = usize::try_from(super::format::u64_at(packed, 0)?).ok()?;
    if count != len.div_ceil(CHUNK) || len > bound(packed.len()) {
        return None;
    }
    let table = packed.get(8..8usize.checked_add(count.checked_mul(4)?)?)?;
    let mut at = 8 + table.len();
    let mut inputs = Vec::with_capacity(count);
    for size in table.chunks_exact(4) {
        let size = u32::from_le_bytes(size.try_into().ok()?) as usize;
        inputs.push(packed.get(at..at.checked_add(size)?)?);
        at += size;
    }
    if at != packed.len() {
        return None;
    }
    // `len` is bounded by the packed bytes there are, so this allocation is too.
    let mut out = vec![0u8; len];
    let pairs: Vec<(&[u8], &mut [u8])> = inputs.into_iter().zip(out.chunks_mut(CHUNK)).collect();
    let threads = match len > 4 * CHUNK {
        true => std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        false => 1,
    };
    let per = pairs.len().div_ceil(threads).max(1);
    let mut groups: Vec<Vec<(&[u8], &mut [u8])>> = Vec::new();
    for pair in pairs {
        match groups.last_mut() {
            Some(g) if g.len() < per => g.push(pair),
            _ => groups.push(vec![pair]),
        }
    }
    let unpack = |group: Vec<(&[u8], &mut [u8])>| {
        group.into_iter().all(|(input, slot)| {
            let want = slot.len();
            lz4_flex::block::decompress_into(input, slot).is_ok_and(|n| n == want)
        })
    };
    let ok = std::thread::scope(|scope| {
        let mut groups = groups.into_iter();
        let first = groups.next();
        let others: Vec<_> = groups.map(|g| scope.spawn(move || unpack(g))).collect();
        let here = first.is_none_or(unpack);
        here && others.into_iter().all(|h| h.join().unwrap_or(false))
    });
    ok.then(|| String::from_utf8(out).ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_damage_is_refused() {
        let mut dict = Dictionary::default();
        dict.feed(b"the quick brown fox jumps over the lazy dog");
        let raw = b"the lazy dog jumps over the quick brown fox, twice: the lazy dog".to_vec();
        let mut packed = Vec::new();
        pack_record(&raw, &mut Packer::new(dict.bytes()), &mut packed);
        assert!(packed.len() < raw.len());
        assert_eq!(
            unpack_record(&packed, dict.bytes(), 1 << 20),
            Some(raw.clone())
        );
        // Too large for the caller's bound, or a length the bytes cannot hold.
        assert_eq!(unpack_record(&packed, dict.bytes(), raw.len() - 1), None);
        let mut lying = Vec::new();
        let mut huge = Encoder::default();
        huge.uint(1 << 40);
        lying.extend_from_slice(&huge.bytes);
        lying.extend_from_slice(&packed[1..]);
        assert_eq!(unpack_record(&lying, dict.bytes(), usize::MAX), None);
        // Another dictionary gives other bytes, never a panic.
        let other = unpack_record(&packed, b"", 1 << 20);
        assert_ne!(other, Some(raw.clone()));
        for cut in 0..packed.len() {
            assert_ne!(
                unpack_record(&packed[..cut], dict.bytes(), 1 << 20),
                Some(raw.clone())
            );
        }
    }

    #[test]
    fn text_round_trips_in_chunks_and_lies_are_refused() {
        let text: String = (0..3 * CHUNK / 20).map(|i| format!("w{i} é ")).collect();
        let mut packed = Vec::new();
        pack_text(text.as_bytes(), &mut packed);
        assert!(packed.len() < text.len());
        assert_eq!(unpack_text(&packed, text.len()).as_deref(), Some(&*text));
        assert_eq!(unpack_text(&packed, text.len() - 1), None);
        assert_eq!(unpack_text(&packed, text.len() + 1), None);
        assert_eq!(unpack_text(&packed[..packed.len() - 1], text.len()), None);
        let mut empty = Vec::new();
        pack_text(b"", &mut empty);
        assert_eq!(unpack_text(&empty, 0).as_deref(), Some(""));
        // Not UTF-8 once unpacked.
        let mut bad = Vec::new();
        pack_text(&[0xff, 0xfe], &mut bad);
        assert_eq!(unpack_text(&bad, 2), None);
    }
}
