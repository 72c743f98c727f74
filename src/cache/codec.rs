//! The cache's compact binary encoding of events, origins and errors, and its content hash.
//!
//! Strings are a LEB128 length then UTF-8 bytes; vocabularies are their position in `ALL`.
//! Decoding never trusts the bytes: anything malformed gives `None` and the cache is ignored.

use crate::model::load::{LoadError, Origin};
use crate::model::{Date, Event, EvidenceField, Kind, Source, Status, Tag, Text, Waiver};

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Encoder {
    /// The bytes written so far.
    pub bytes: Vec<u8>,
}

impl Encoder {
    /// A LEB128 unsigned number.
    pub fn uint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.bytes.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
    }

    /// A length-prefixed string.
    pub fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    fn strings(&mut self, items: &[String]) {
        self.uint(items.len() as u64);
        items.iter().for_each(|s| self.str(s));
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.bytes.push(0),
            Some(s) => {
                self.bytes.push(1);
                self.str(s);
            }
        }
    }

    fn date(&mut self, d: Date) {
        self.uint(d.year() as u64);
        self.bytes.push(d.month().unwrap_or(0) as u8);
        self.bytes.push(d.day().unwrap_or(0) as u8);
    }

    fn opt_date(&mut self, d: Option<Date>) {
        match d {
            None => self.bytes.push(0),
            Some(d) => {
                self.bytes.push(1);
                self.date(d);
            }
        }
    }

    /// One event.
    pub fn event(&mut self, e: &Event) {
        self.str(&e.id);
        self.date(e.start);
        self.opt_date(e.end);
        self.opt_str(e.date_basis.as_deref());
        self.bytes.push(position(Status::ALL, &e.status));
        self.bytes.push(position(Kind::ALL, &e.kind));
        for s in [&e.title.en, &e.title.fr, &e.summary.en, &e.summary.fr] {
            self.str(s);
        }
        self.strings(&e.places);
        self.strings(&e.organisers);
        self.strings(&e.participants);
        self.uint(e.tags.len() as u64);
        for t in &e.tags {
            self.bytes.push(position(Tag::ALL, t));
        }
        self.uint(e.sources.len() as u64);
        for s in &e.sources {
            self.opt_str(s.seed.as_deref());
            self.opt_str(s.url.as_deref());
            self.opt_str(s.citation.as_deref());
            self.opt_str(s.quote.as_deref());
            self.opt_date(s.date);
        }
        self.strings(&e.related);
        self.uint(e.evidence_waivers.len() as u64);
        for w in &e.evidence_waivers {
            self.bytes.push(position(EvidenceField::ALL, &w.field));
            self.str(&w.reason);
        }
    }

    /// Where an event comes from.
    pub fn origin(&mut self, o: Origin) {
        self.uint(u64::from(o.file));
        self.uint(u64::from(o.line));
    }

    /// A load error.
    pub fn error(&mut self, e: &LoadError) {
        self.str(&e.path);
        self.uint(e.line as u64);
        self.uint(e.col as u64);
        self.str(&e.message);
    }
}

fn position<T: PartialEq>(all: &[T], value: &T) -> u8 {
    all.iter().position(|v| v == value).unwrap_or(0) as u8
}

/// Reads values back from bytes written by [`Encoder`].
#[derive(Debug)]
pub struct Decoder<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Decoder<'a> {
    /// A decoder at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Decoder<'a> {
        Decoder { bytes, at: 0 }
    }

    /// Whether every byte was read.
    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    /// A LEB128 unsigned number.
    pub fn uint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }

    fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.uint()?).ok()?;
        // A count can never exceed the bytes left: refuse before allocating.
        (n <= self.bytes.len() - self.at).then_some(n)
    }

    /// A string, written into `out` (its allocation is reused).
    pub fn str_into(&mut self, out: &mut String) -> Option<()> {
        let n = self.len()?;
        let raw = self.bytes.get(self.at..self.at + n)?;
        self.at += n;
        out.clear();
        out.push_str(std::str::from_utf8(raw).ok()?);
        Some(())
    }

    /// A string.
    pub fn str(&mut self) -> Option<String> {
        let mut s = String::new();
        self.str_into(&mut s)?;
        Some(s)
    }

    fn strings_into(&mut self, out: &mut Vec<String>) -> Option<()> {
        let n = self.len()?;
        out.truncate(n);
        for i in 0..n {
            match out.get_mut(i) {
                Some(s) => self.str_into(s)?,
                None => out.push(self.str()?),
            }
        }
        Some(())
    }

    fn opt_str_into(&mut self, out: &mut Option<String>) -> Option<()> {
        match self.byte()? {
            0 => *out = None,
            1 => match out {
                Some(s) => self.str_into(s)?,
                None => *out = Some(self.str()?),
            },
            _ => return None,
        }
        Some(())
    }

    fn date(&mut self) -> Option<Date> {
        let year = i32::try_from(self.uint()?).ok()?;
        let month = u32::from(self.byte()?);
        let day = u32::from(self.byte()?);
        match (month, day) {
            (0, 0) => Date::year_only(year),
            (m, 0) => Date::month_only(year, m),
            (m, d) => Date::ymd(year, m, d),
        }
    }

    /// One event, decoded into `e` so that its strings' allocations are reused.
    pub fn event_into(&mut self, e: &mut Event) -> Option<()> {
        self.str_into(&mut e.id)?;
        e.start = self.date()?;
        e.end = self.opt_date()?;
        self.opt_str_into(&mut e.date_basis)?;
        e.status = *Status::ALL.get(usize::from(self.byte()?))?;
        e.kind = *Kind::ALL.get(usize::from(self.byte()?))?;
        self.str_into(&mut e.title.en)?;
        self.str_into(&mut e.title.fr)?;
        self.str_into(&mut e.summary.en)?;
        self.str_into(&mut e.summary.fr)?;
        self.strings_into(&mut e.places)?;
        self.strings_into(&mut e.organisers)?;
        self.strings_into(&mut e.participants)?;
        let n = self.len()?;
        e.tags.clear();
        for _ in 0..n {
            e.tags.push(*Tag::ALL.get(usize::from(self.byte()?))?);
        }
        let n = self.len()?;
        e.sources.resize_with(n, Source::default);
        for s in &mut e.sources {
            self.opt_str_into(&mut s.seed)?;
            self.opt_str_into(&mut s.url)?;
            self.opt_str_into(&mut s.citation)?;
            self.opt_str_into(&mut s.quote)?;
            s.date = self.opt_date()?;
        }
        self.strings_into(&mut e.related)?;
        let n = self.len()?;
        e.evidence_waivers.clear();
        for _ in 0..n {
            let field = *EvidenceField::ALL.get(usize::from(self.byte()?))?;
            let reason = self.str()?;
            e.evidence_waivers.push(Waiver { field, reason });
        }
        Some(())
    }

    fn opt_date(&mut self) -> Option<Option<Date>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(self.date()?)),
            _ => None,
        }
    }

    /// Where an event comes from.
    pub fn origin(&mut self) -> Option<Origin> {
        Some(Origin {
            file: u32::try_from(self.uint()?).ok()?,
            line: u32::try_from(self.uint()?).ok()?,
        })
    }

    /// A load error.
    pub fn error(&mut self) -> Option<LoadError> {
        Some(LoadError {
            path: self.str()?,
            line: usize::try_from(self.uint()?).ok()?,
            col: usize::try_from(self.uint()?).ok()?,
            message: self.str()?,
        })
    }
}

/// An empty event to decode into.
pub fn blank_event() -> Event {
    Event {
        id: String::new(),
        start: Date::year_only(1).unwrap_or_else(|| Date::from(chrono::NaiveDate::MIN)),
        end: None,
        date_basis: None,
        status: Status::Held,
        kind: Kind::Conference,
        title: Text::default(),
        summary: Text::default(),
        places: Vec::new(),
        organisers: Vec::new(),
        participants: Vec::new(),
        tags: Vec::new(),
        sources: Vec::new(),
        related: Vec::new(),
        evidence_waivers: Vec::new(),
    }
}

/// A fast 64-bit content hash (four xxHash64-style lanes), fed in pieces of any size.
#[derive(Debug, Clone)]
pub struct Hasher {
    lanes: [u64; 4],
    pending: [u8; 32],
    pending_len: usize,
    total: u64,
}

const P1: u64 = 0x9E37_79B1_85EB_CA87;
const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;

fn round(lane: u64, word: u64) -> u64 {
    lane.wrapping_add(word.wrapping_mul(P2))
        .rotate_left(31)
        .wrapping_mul(P1)
}

impl Default for Hasher {
    fn default() -> Hasher {
        Hasher {
            lanes: [P1.wrapping_add(P2), P2, 0, P1.wrapping_neg()],
            pending: [0; 32],
            pending_len: 0,
            total: 0,
        }
    }
}

impl Hasher {
    fn block(&mut self, block: &[u8]) {
        for (lane, word) in self.lanes.iter_mut().zip(block.chunks_exact(8)) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            *lane = round(*lane, u64::from_le_bytes(w));
        }
    }

    /// Adds bytes.
    pub fn update(&mut self, mut bytes: &[u8]) {
        self.total += bytes.len() as u64;
        if self.pending_len > 0 {
            let take = (32 - self.pending_len).min(bytes.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&bytes[..take]);
            self.pending_len += take;
            bytes = &bytes[take..];
            if self.pending_len < 32 {
                return;
            }
            let block = self.pending;
            self.block(&block);
            self.pending_len = 0;
        }
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            self.block(block);
        }
        let rest = blocks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.pending_len = rest.len();
    }

    /// The hash of everything added.
    pub fn finish(&self) -> u64 {
        let [a, b, c, d] = self.lanes;
        let mut h = a
            .rotate_left(1)
            .wrapping_add(b.rotate_left(7))
            .wrapping_add(c.rotate_left(12))
            .wrapping_add(d.rotate_left(18))
            .wrapping_add(self.total);
        for &byte in &self.pending[..self.pending_len] {
            h = (h ^ u64::from(byte)).wrapping_mul(P1).rotate_left(11);
        }
        h ^= h >> 33;
        h = h.wrapping_mul(P2);
        h ^ (h >> 29)
    }
}

/// The hash of one byte string.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h = Hasher::default();
    h.update(bytes);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_in_pieces_equals_hashing_at_once() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut h = Hasher::default();
        for piece in data.chunks(13) {
            h.update(piece);
        }
        assert_eq!(h.finish(), hash(&data));
        assert_ne!(hash(&data[..999]), hash(&data));
        assert_ne!(hash(b"ab"), hash(b"ba"));
    }

    #[test]
    fn events_round_trip() {
        let catalog = crate::model::load::bundled();
        let mut enc = Encoder::default();
        for e in &catalog.events {
            enc.event(e);
        }
        let mut dec = Decoder::new(&enc.bytes);
        let mut e = blank_event();
        for original in &catalog.events {
            dec.event_into(&mut e).unwrap();
            assert_eq!(&e, original);
        }
        assert!(dec.is_done());
    }

    #[test]
    fn truncated_bytes_are_refused() {
        let catalog = crate::model::load::bundled();
        let mut enc = Encoder::default();
        enc.event(&catalog.events[0]);
        let cut = &enc.bytes[..enc.bytes.len() - 3];
        assert!(Decoder::new(cut).event_into(&mut blank_event()).is_none());
    }
}
