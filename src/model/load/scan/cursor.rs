//! The scanner's byte cursor: line and column tracking, trivia, literals and balanced
//! groups, with the key paths met on the way.

use super::{MAX_DEPTH, PathPart, Pos, ScanError, Visit};

/// Byte-level cursor that tracks line and column.
pub(super) struct Cursor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Byte offset of the next byte.
    pub(super) at: usize,
    /// Position of the next byte.
    pub(super) pos: Pos,
    /// Whether key paths are built and reported (not when only splitting records).
    pub(super) track_keys: bool,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(text: &'a str, pos: Pos) -> Self {
        Cursor {
            text,
            bytes: text.as_bytes(),
            at: 0,
            pos,
            track_keys: true,
        }
    }

    /// Moves to byte `to` (at or after the cursor, on a char boundary), updating the
    /// position as [`Cursor::bump`] byte by byte would, but counting in bulk.
    fn advance_to(&mut self, to: usize) {
        let skipped = self.bytes.get(self.at..to).unwrap_or(&[]);
        let chars = |bytes: &[u8]| bytes.iter().filter(|b| **b & 0xC0 != 0x80).count();
        match memchr::memrchr(b'\n', skipped) {
            Some(last) => {
                self.pos.line += memchr::memchr_iter(b'\n', skipped).count();
                self.pos.col = 1 + chars(&skipped[last + 1..]);
            }
            None => self.pos.col += chars(skipped),
        }
        self.at = to.max(self.at).min(self.bytes.len());
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.at + offset).copied()
    }

    pub(super) fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        if b == b'\n' {
            self.pos.line += 1;
            self.pos.col = 1;
        } else if b & 0xC0 != 0x80 {
            // Count characters, not bytes: continuation bytes do not advance the column.
            self.pos.col += 1;
        }
        Some(b)
    }

    pub(super) fn error(&self, pos: Pos, message: impl Into<String>) -> ScanError {
        ScanError {
            pos,
            message: message.into(),
        }
    }

    /// Skips white space and comments (`//` and nested `/* */`).
    pub(super) fn skip_trivia(&mut self) -> Result<(), ScanError> {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(b), _) if b.is_ascii_whitespace() => {
                    // Indentation is a good part of a file: skipped as one run.
                    let rest = self.bytes.get(self.at..).unwrap_or(&[]);
                    let run = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
                    self.advance_to(self.at + run);
                }
                (Some(b'/'), Some(b'/')) => {
                    while let Some(b) = self.peek() {
                        if b == b'\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    let start = self.pos;
                    self.bump();
                    self.bump();
                    let mut depth = 1usize;
                    while depth > 0 {
                        match (self.peek(), self.peek_at(1)) {
                            (None, _) => return Err(self.error(start, "unterminated comment")),
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.bump();
                                self.bump();
                            }
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                if depth > MAX_DEPTH {
                                    return Err(self.error(start, "comments nested too deeply"));
                                }
                                self.bump();
                                self.bump();
                            }
                            _ => {
                                self.bump();
                            }
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// Skips a string, raw string, byte string or char literal starting at the cursor.
    /// Returns false when the cursor is not at one.
    fn skip_literal(&mut self) -> Result<bool, ScanError> {
        let start = self.pos;
        let mut offset = 0;
        if self.peek() == Some(b'b') && matches!(self.peek_at(1), Some(b'"' | b'r' | b'\'')) {
            offset = 1;
        }
        match self.peek_at(offset) {
            Some(b'"') => {
                for _ in 0..=offset {
                    self.bump();
                }
                // Strings are most of an event file: jump from quote or backslash to the
                // next, counting lines and columns in bulk.
                loop {
                    let rest = self.bytes.get(self.at..).unwrap_or(&[]);
                    let Some(found) = memchr::memchr2(b'"', b'\\', rest) else {
                        return Err(self.error(start, "unterminated string"));
                    };
                    self.advance_to(self.at + found);
                    if self.bump() == Some(b'"') {
                        return Ok(true);
                    }
                    // The byte after a backslash is escaped, whatever it is.
                    self.bump();
                }
            }
            Some(b'\'') => {
                for _ in 0..=offset {
                    self.bump();
                }
                loop {
                    match self.bump() {
                        None | Some(b'\n') => {
                            return Err(self.error(start, "unterminated character literal"));
                        }
                        Some(b'\\') => {
                            self.bump();
                        }
                        Some(b'\'') => return Ok(true),
                        _ => {}
                    }
                }
            }
            Some(b'r') if matches!(self.peek_at(offset + 1), Some(b'"' | b'#')) => {
                let mut hashes = 0;
                while self.peek_at(offset + 1 + hashes) == Some(b'#') {
                    hashes += 1;
                }
                if self.peek_at(offset + 1 + hashes) != Some(b'"') {
                    return Ok(false);
                }
                for _ in 0..offset + 2 + hashes {
                    self.bump();
                }
                loop {
                    match self.bump() {
                        None => return Err(self.error(start, "unterminated raw string")),
                        Some(b'"') => {
                            let closing = (0..hashes).all(|i| self.peek_at(i) == Some(b'#'));
                            if closing {
                                for _ in 0..hashes {
                                    self.bump();
                                }
                                return Ok(true);
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => Ok(false),
        }
    }

    /// Skips one balanced value or token up to the next `,` or closing bracket at this
    /// level, calling `on_key` for every `key:` met inside (with the nesting path).
    fn skip_value(
        &mut self,
        depth: usize,
        on_key: &mut dyn FnMut(Visit<'_>),
        path: &mut Vec<PathPart>,
    ) -> Result<(), ScanError> {
        loop {
            self.skip_trivia()?;
            let Some(b) = self.peek() else {
                return Ok(());
            };
            match b {
                b',' | b')' | b']' | b'}' => return Ok(()),
                b'(' | b'[' | b'{' => self.skip_group(depth + 1, on_key, path)?,
                _ => {
                    if !self.skip_literal()? {
                        // A bare word (an enum value, a number) is skipped whole, unless a
                        // quote or `#` follows it: then its last letters may open a literal
                        // (`br"…"`, `r#"…"#`), and it is walked byte by byte as before.
                        let rest = self.bytes.get(self.at..).unwrap_or(&[]);
                        let word = rest
                            .iter()
                            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                            .count();
                        match rest.get(word) {
                            Some(b'"' | b'\'' | b'#') => {
                                self.bump();
                            }
                            _ => self.advance_to(self.at + word.max(1)),
                        }
                    }
                }
            }
        }
    }

    /// Skips a bracketed group starting at the cursor, tracking keys and list indices.
    pub(super) fn skip_group(
        &mut self,
        depth: usize,
        on_key: &mut dyn FnMut(Visit<'_>),
        path: &mut Vec<PathPart>,
    ) -> Result<(), ScanError> {
        let open_pos = self.pos;
        let Some(open) = self.bump() else {
            return Ok(());
        };
        if depth > MAX_DEPTH {
            return Err(self.error(
                open_pos,
                format!("nesting deeper than {MAX_DEPTH} levels is not allowed in event files"),
            ));
        }
        let close = match open {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        let mut index = 0usize;
        loop {
            self.skip_trivia()?;
            match self.peek() {
                None => {
                    return Err(
                        self.error(open_pos, format!("`{}` is never closed", char::from(open)))
                    );
                }
                Some(b) if b == close => {
                    self.bump();
                    return Ok(());
                }
                Some(b')' | b']' | b'}') => {
                    return Err(self.error(
                        self.pos,
                        format!("unexpected `{}`", char::from(self.peek().unwrap_or(b'?'))),
                    ));
                }
                Some(b',') => {
                    self.bump();
                    index += 1;
                    continue;
                }
                _ => {}
            }
            let pushed = self.start_item(open, index, on_key, path)?;
            self.skip_value(depth, on_key, path)?;
            if pushed {
                on_key(Visit::End { value_end: self.at });
                path.pop();
            }
        }
    }

    /// At the start of an item: in a struct, a `key:` is consumed and its path pushed; in a
    /// list, the item's index is pushed. `on_key` hears of either; returns whether a path
    /// part was pushed (the caller pops it when the value ends).
    fn start_item(
        &mut self,
        open: u8,
        index: usize,
        on_key: &mut dyn FnMut(Visit<'_>),
        path: &mut Vec<PathPart>,
    ) -> Result<bool, ScanError> {
        let item_start = self.at;
        let item_pos = self.pos;
        // A `key:` at the start of an item in a struct or map.
        let ident_len = self.bytes[item_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        let mut pushed = false;
        if open == b'(' && ident_len > 0 {
            let after = &self.bytes[item_start + ident_len..];
            let colon = after
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .filter(|&i| after[i] == b':' && after.get(i + 1) != Some(&b':'));
            if let Some(i) = colon {
                pushed = self.track_keys;
                if pushed {
                    let name = &self.text[item_start..item_start + ident_len];
                    path.push(PathPart::Key(name.to_string()));
                }
                self.advance_to(item_start + ident_len + i + 1);
                self.skip_trivia()?;
                if pushed {
                    on_key(Visit::Start {
                        path,
                        pos: item_pos,
                        value_start: self.at,
                    });
                }
            }
        }
        if open == b'[' && self.track_keys {
            path.push(PathPart::Index(index));
            pushed = true;
            on_key(Visit::Start {
                path,
                pos: item_pos,
                value_start: self.at,
            });
        }
        Ok(pushed)
    }
}
