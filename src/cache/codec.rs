//! The cache's compact binary encoding of events, origins and errors.
//!
//! Strings are a LEB128 length then UTF-8 bytes; vocabularies are their position in `ALL`.
//! Decoding never trusts the bytes: anything malformed gives `None` and the cache is rebuilt.
//! Every decoded string is checked again for what the loader's sanitiser removes (escape
//! sequences, control and invisible chars): the loader never lets one into a cache, so a
//! string holding one comes from a forged or damaged file and is refused, and nothing from a
//! cache can reach the terminal that the loader would not have let through.

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

    /// One event. Every field is named (no `..`), so a new field fails to compile here
    /// until it is encoded.
    pub fn event(&mut self, e: &Event) {
        let Event {
            id,
            start,
            end,
            date_basis,
            status,
            kind,
            title,
            summary,
            places,
            organisers,
            participants,
            tags,
            sources,
            related,
            evidence_waivers,
        } = e;
        self.str(id);
        self.date(*start);
        self.opt_date(*end);
        self.opt_str(date_basis.as_deref());
        self.bytes.push(position(Status::ALL, status));
        self.bytes.push(position(Kind::ALL, kind));
        for s in [&title.en, &title.fr, &summary.en, &summary.fr] {
            self.str(s);
        }
        self.strings(places);
        self.strings(organisers);
        self.strings(participants);
        self.uint(tags.len() as u64);
        for t in tags {
            self.bytes.push(position(Tag::ALL, t));
        }
        self.uint(sources.len() as u64);
        for source in sources {
            let Source {
                seed,
                url,
                citation,
                quote,
                date,
            } = source;
            for s in [seed, url, citation, quote] {
                self.opt_str(s.as_deref());
            }
            self.opt_date(*date);
        }
        self.strings(related);
        self.uint(evidence_waivers.len() as u64);
        for Waiver { field, reason } in evidence_waivers {
            self.bytes.push(position(EvidenceField::ALL, field));
            self.str(reason);
        }
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

    /// How many bytes are left to read.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.at
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

    /// A count or length, refused when larger than the bytes left (every item takes at
    /// least one byte), so that nothing sized from it can exceed the file.
    pub fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.uint()?).ok()?;
        // A count can never exceed the bytes left: refuse before allocating.
        (n <= self.bytes.len() - self.at).then_some(n)
    }

    /// A string, written into `out` (its allocation is reused).
    pub fn str_into(&mut self, out: &mut String) -> Option<()> {
        let n = self.count()?;
        let raw = self.bytes.get(self.at..self.at + n)?;
        self.at += n;
        let text = std::str::from_utf8(raw).ok()?;
        if !is_clean(text) {
            return None;
        }
        out.clear();
        out.push_str(text);
        Some(())
    }

    /// The next `n` raw bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let raw = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(raw)
    }

    /// A string.
    pub fn str(&mut self) -> Option<String> {
        let mut s = String::new();
        self.str_into(&mut s)?;
        Some(s)
    }

    fn strings_into(&mut self, out: &mut Vec<String>) -> Option<()> {
        let n = self.count()?;
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

    /// One event, decoded into `e` so that its strings' allocations are reused. Every
    /// field is named (no `..`), so a new field fails to compile here until it is decoded.
    pub fn event_into(&mut self, e: &mut Event) -> Option<()> {
        let Event {
            id,
            start,
            end,
            date_basis,
            status,
            kind,
            title,
            summary,
            places,
            organisers,
            participants,
            tags,
            sources,
            related,
            evidence_waivers,
        } = e;
        self.str_into(id)?;
        *start = self.date()?;
        *end = self.opt_date()?;
        self.opt_str_into(date_basis)?;
        *status = *Status::ALL.get(usize::from(self.byte()?))?;
        *kind = *Kind::ALL.get(usize::from(self.byte()?))?;
        self.str_into(&mut title.en)?;
        self.str_into(&mut title.fr)?;
        self.str_into(&mut summary.en)?;
        self.str_into(&mut summary.fr)?;
        self.strings_into(places)?;
        self.strings_into(organisers)?;
        self.strings_into(participants)?;
        let n = self.count()?;
        tags.clear();
        for _ in 0..n {
            tags.push(*Tag::ALL.get(usize::from(self.byte()?))?);
        }
        let n = self.count()?;
        sources.resize_with(n, Source::default);
        for source in sources.iter_mut() {
            let Source {
                seed,
                url,
                citation,
                quote,
                date,
            } = source;
            for s in [seed, url, citation, quote] {
                self.opt_str_into(s)?;
            }
            *date = self.opt_date()?;
        }
        self.strings_into(related)?;
        let n = self.count()?;
        evidence_waivers.clear();
        for _ in 0..n {
            let field = *EvidenceField::ALL.get(usize::from(self.byte()?))?;
            let reason = self.str()?;
            evidence_waivers.push(Waiver { field, reason });
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

/// Whether `text` holds nothing the loader's sanitiser removes. ASCII (most of the text,
/// even in French) is checked with a byte test; only other chars go through the full rule.
fn is_clean(text: &str) -> bool {
    if text.is_ascii() {
        return !text.bytes().any(ascii_unsafe);
    }
    !text.chars().any(|c| match u8::try_from(c) {
        Ok(b) if b.is_ascii() => ascii_unsafe(b),
        _ => crate::text::is_unsafe(c),
    })
}

fn ascii_unsafe(b: u8) -> bool {
    (b < 0x20 && b != b'\n') || b == 0x7f
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

#[cfg(test)]
mod tests;
