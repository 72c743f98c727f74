//! A fast reader for the plain shape most records have: `key: value` fields, strings
//! without escapes, identifiers, lists and nested records, and nothing else (no comments,
//! no `Some(...)`, no struct names). Anything outside that shape, or anything wrong, gives
//! `None` and the record goes to the RON parser, which reads it or says exactly what is
//! wrong and where: this reader never reports an error of its own.
//!
//! Values are built the way the RON parser builds them (enums and dates through their
//! own `Deserialize`), so an accepted record is the same `Event` either way: a test
//! compares both on the bundled data and on generated archives.

use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::{Error as ValueError, StrDeserializer};

use crate::model::{Date, Event, Kind, Source, Status, Text, Waiver};

/// Reads one record's text (as split by the scanner), or `None` to leave it to RON.
pub(super) fn event(record: &str) -> Option<Event> {
    let mut r = Reader {
        bytes: record.as_bytes(),
        text: record,
        at: 0,
    };
    r.ws();
    let event = r.event()?;
    r.ws();
    (r.at == r.bytes.len()).then_some(event)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

/// A unit enum value from its identifier, as serde maps it for RON.
fn variant<T: for<'de> Deserialize<'de>>(ident: &str) -> Option<T> {
    let de: StrDeserializer<'_, ValueError> = ident.into_deserializer();
    T::deserialize(de).ok()
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips ASCII white space (comments and other blanks are left to RON).
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.ws();
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    fn ident(&mut self) -> Option<&'a str> {
        self.ws();
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.at += 1;
        }
        let ident = self.text.get(start..self.at)?;
        // A raw identifier or a struct name before `(` is left to RON.
        let plain = ident.bytes().next().is_some_and(|b| !b.is_ascii_digit())
            && !matches!(self.peek(), Some(b'#' | b'(' | b'"'));
        plain.then_some(ident)
    }

    /// A string with no control char and no escape but `\"` and `\\`.
    fn str(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let start = self.at;
        let len = memchr::memchr2(b'"', b'\\', self.bytes.get(start..)?)?;
        // Most strings have no escape: copied once, at their size.
        if self.bytes.get(start + len) == Some(&b'"') {
            let raw = self.bytes.get(start..start + len)?;
            if raw.iter().any(|b| *b < 0x20) {
                return None;
            }
            self.at = start + len + 1;
            return self.text.get(start..start + len).map(str::to_string);
        }
        let mut out = String::new();
        loop {
            let start = self.at;
            let len = memchr::memchr2(b'"', b'\\', self.bytes.get(start..)?)?;
            let end = start + len;
            if self.bytes.get(start..end)?.iter().any(|b| *b < 0x20) {
                return None;
            }
            out.push_str(self.text.get(start..end)?);
            match (self.bytes.get(end), self.bytes.get(end + 1)) {
                (Some(b'"'), _) => {
                    self.at = end + 1;
                    return Some(out);
                }
                (Some(b'\\'), Some(&escaped @ (b'"' | b'\\'))) => {
                    out.push(char::from(escaped));
                    self.at = end + 2;
                }
                _ => return None,
            }
        }
    }

    fn date(&mut self) -> Option<Date> {
        self.str()?.parse().ok()
    }

    /// `[ item, item, ]` with `item` read by `each`.
    fn list<T>(&mut self, mut each: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        loop {
            self.ws();
            if self.peek() == Some(b']') {
                self.at += 1;
                // Held for the whole load: no room left over from growing.
                out.shrink_to_fit();
                return Some(out);
            }
            out.push(each(self)?);
            self.ws();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {}
                _ => return None,
            }
        }
    }

    /// `( key: value, ... )`, calling `field` with each key (once each, at most 64 keys);
    /// `field` reads the value or refuses the key.
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &str) -> Option<u32>) -> Option<u64> {
        self.eat(b'(')?;
        let mut seen = 0u64;
        loop {
            self.ws();
            if self.peek() == Some(b')') {
                self.at += 1;
                return Some(seen);
            }
            let key = self.ident()?;
            self.eat(b':')?;
            let bit = 1u64 << field(self, key)?;
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
            self.ws();
            match self.peek()? {
                b',' => self.at += 1,
                b')' => {}
                _ => return None,
            }
        }
    }

    fn text(&mut self) -> Option<Text> {
        let mut text = Text::default();
        let seen = self.fields(|r, key| match key {
            "en" => r.str().map(|s| text.en = s).map(|()| 0),
            "fr" => r.str().map(|s| text.fr = s).map(|()| 1),
            _ => None,
        })?;
        (seen == 0b11).then_some(text)
    }

    fn source(&mut self) -> Option<Source> {
        let mut s = Source::default();
        self.fields(|r, key| match key {
            "seed" => r.str().map(|v| s.seed = Some(v)).map(|()| 0),
            "url" => r.str().map(|v| s.url = Some(v)).map(|()| 1),
            "citation" => r.str().map(|v| s.citation = Some(v)).map(|()| 2),
            "quote" => r.str().map(|v| s.quote = Some(v)).map(|()| 3),
            "date" => r.date().map(|v| s.date = Some(v)).map(|()| 4),
            _ => None,
        })?;
        Some(s)
    }

    fn waiver(&mut self) -> Option<Waiver> {
        let (mut field, mut reason) = (None, None);
        self.fields(|r, key| match key {
            "field" => r
                .ident()
                .and_then(variant)
                .map(|v| field = Some(v))
                .map(|()| 0),
            "reason" => r.str().map(|v| reason = Some(v)).map(|()| 1),
            _ => None,
        })?;
        Some(Waiver {
            field: field?,
            reason: reason?,
        })
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        self.list(Self::str)
    }

    fn event(&mut self) -> Option<Event> {
        let mut e = Event {
            id: String::new(),
            start: "2000".parse().ok()?,
            end: None,
            date_basis: None,
            // Placeholders: a record without these is left to RON (checked below).
            status: Status::Held,
            kind: *Kind::ALL.first()?,
            title: Text::default(),
            summary: Text::default(),
            places: Vec::new(),
            organisers: Vec::new(),
            participants: Vec::new(),
            tags: Vec::new(),
            sources: Vec::new(),
            related: Vec::new(),
            evidence_waivers: Vec::new(),
        };
        let seen = self.fields(|r, key| match key {
            "id" => r.str().map(|v| e.id = v).map(|()| 0),
            "start" => r.date().map(|v| e.start = v).map(|()| 1),
            "status" => r
                .ident()
                .and_then(variant)
                .map(|v| e.status = v)
                .map(|()| 2),
            "kind" => r.ident().and_then(variant).map(|v| e.kind = v).map(|()| 3),
            "title" => r.text().map(|v| e.title = v).map(|()| 4),
            "summary" => r.text().map(|v| e.summary = v).map(|()| 5),
            "sources" => r.list(Self::source).map(|v| e.sources = v).map(|()| 6),
            "end" => r.date().map(|v| e.end = Some(v)).map(|()| 7),
            "date_basis" => r.str().map(|v| e.date_basis = Some(v)).map(|()| 8),
            "places" => r.strings().map(|v| e.places = v).map(|()| 9),
            "organisers" => r.strings().map(|v| e.organisers = v).map(|()| 10),
            "participants" => r.strings().map(|v| e.participants = v).map(|()| 11),
            "tags" => {
                let tag = |r: &mut Self| r.ident().and_then(variant);
                r.list(tag).map(|v| e.tags = v).map(|()| 12)
            }
            "related" => r.strings().map(|v| e.related = v).map(|()| 13),
            "evidence_waivers" => r
                .list(Self::waiver)
                .map(|v| e.evidence_waivers = v)
                .map(|()| 14),
            _ => None,
        })?;
        // Every field without a default (the first seven bits) was given.
        (seen & 0x7f == 0x7f).then_some(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{BUNDLED_TEXT, parse::ron_options, scan};

    /// The fast reader's event for `record`, checked against RON's: `None` when the fast
    /// reader leaves it to RON.
    fn both(record: &str) -> Option<Event> {
        let fast = event(record)?;
        let ron: Event = ron_options()
            .from_str(record)
            .expect("RON reads what the fast reader read");
        assert_eq!(fast, ron, "{record}");
        Some(fast)
    }

    #[test]
    fn reads_the_bundled_records_as_ron_does() {
        let records = scan::split_records(BUNDLED_TEXT).unwrap();
        let read = records
            .iter()
            .filter(|r| both(&BUNDLED_TEXT[r.range.clone()]).is_some())
            .count();
        // Every bundled record has the plain shape: the fast reader must take them all.
        assert_eq!(read, records.len());
    }

    const PLAIN: &str = r#"(
        id: "2020-x", start: "2020-03", end: "2020-04-02", status: planned, kind: summit,
        title: (fr: "Sommet à \"Luleå\"", en: "Sum\\mit"), summary: (en: "S", fr: "R"),
        places: [], organisers: ["EU",], tags: [cyber_diplomacy],
        sources: [(url: "https://e.eu", date: "2020"), (seed: "a.txt", quote: "q")],
        related: ["b", "c"], date_basis: "inferred",
        evidence_waivers: [(field: places, reason: "why")],
    )"#;

    proptest::proptest! {
        /// Whatever a string holds, a record the fast reader reads is the record RON reads.
        #[test]
        fn any_string_reads_as_ron_reads_it(text in "(\\PC|[\\x00-\\x1f\\x7f-\\x9f\"\\\\])*") {
            let quoted = text.replace('\\', "\\\\").replace('"', "\\\"");
            let record = PLAIN.replace("\"S\"", &format!("\"{quoted}\""));
            if let Some(fast) = event(&record) {
                let ron: Event = ron_options().from_str(&record).expect("RON reads it too");
                proptest::prop_assert_eq!(&fast, &ron);
                proptest::prop_assert_eq!(fast.summary.en, text);
            }
        }
    }

    #[test]
    fn reads_every_field_as_ron_does() {
        let e = both(PLAIN).unwrap();
        assert_eq!(e.end.map(|d| d.to_string()), Some("2020-04-02".to_string()));
        assert_eq!(e.sources.len(), 2);
        assert_eq!(e.evidence_waivers.len(), 1);
    }

    #[test]
    fn leaves_every_other_shape_to_ron() {
        let variants = [
            PLAIN.replace("(fr:", "Text(fr:"),
            PLAIN.replace("\"S\"", "\"S\\n\""),
            PLAIN.replace("\"S\"", "\"S\\u{e9}\""),
            PLAIN.replace("places: [],", "places: [], // none\n"),
            PLAIN.replace("end: \"2020-04-02\"", "end: Some(\"2020-04-02\")"),
            PLAIN.replace("status: planned", "status: planned, status: held"),
            PLAIN.replace("status: planned", "status: postponed"),
            PLAIN.replace("kind: summit,", ""),
            PLAIN.replace("places", "venues"),
            PLAIN.replace("\"2020-03\"", "\"March 2020\""),
            PLAIN.replace("\"R\"", "r\"R\""),
            PLAIN.replace("\"R\"", "\"R\u{1b}[2J\""),
            PLAIN.replace("summit", "r#summit"),
            format!("Event{PLAIN}"),
            format!("{PLAIN},"),
        ];
        for text in &variants {
            assert_ne!(text, PLAIN);
            assert_eq!(event(text), None, "{text}");
        }
    }
}
