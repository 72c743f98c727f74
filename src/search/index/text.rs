//! Index text held in memory, or shared from the bytes of a mapped cache without a copy, or
//! made from such bytes (unpacked) on first read; read as one `str` either way. Shared text
//! is checked before it is read: at once, or (for text a query may never need) on first
//! read ([`Text::deferred`], [`Text::made`]).

use std::ops::{Deref, Range};
use std::sync::{Arc, OnceLock};

use super::window::{STREAM_FROM, Window};

/// Bytes that several indexes may share (a mapped cache file), and never change.
pub type SharedBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A check of shared bytes (a checksum) run once, on their first read.
pub type Check = Box<dyn Fn(&[u8]) -> bool + Send + Sync>;

/// Makes text of the given length from shared bytes (checks and unpacks them), or `None`
/// when they are damaged.
pub type Make = Box<dyn Fn(&[u8], usize) -> Option<String> + Send + Sync>;

/// Unpacks piece `k` of made text from the shared bytes into the buffer given (empty): false
/// when they are damaged. Every piece but the last holds the same number of bytes.
pub type Piece = Box<dyn Fn(&[u8], usize, &mut Vec<u8>) -> bool + Send + Sync>;

/// Text made from shared bytes on first read, and its length, known before.
struct Made {
    make: Make,
    len: usize,
    text: OnceLock<Option<String>>,
    /// How to unpack one piece, and the pieces' size: large text is then read through a
    /// [`Window`] instead of being made whole.
    pieces: Option<(Piece, usize)>,
    /// Whether a piece read through a window failed.
    piece_failed: std::sync::atomic::AtomicBool,
}

/// The check of a deferred text and, once run, whether the bytes passed it (and are UTF-8).
struct Pending {
    check: Check,
    passed: OnceLock<bool>,
}

/// Folded index text: owned, or a range of shared bytes checked to be UTF-8.
#[derive(Default, Clone)]
pub(crate) struct Text {
    owned: String,
    shared: Option<(SharedBytes, Range<usize>)>,
    /// Set for deferred text: nothing of it is read before this passes.
    pending: Option<Arc<Pending>>,
    /// Set for text made from the shared bytes (which are then not the text itself).
    made: Option<Arc<Made>>,
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Text({} bytes)", self.len())
    }
}

impl From<String> for Text {
    fn from(owned: String) -> Text {
        Text {
            owned,
            shared: None,
            pending: None,
            made: None,
        }
    }
}

impl Text {
    /// `range` of `bytes`, or `None` when it is out of bounds or not UTF-8.
    pub fn shared(bytes: SharedBytes, range: Range<usize>) -> Option<Text> {
        std::str::from_utf8((*bytes).as_ref().get(range.clone())?).ok()?;
        Some(Text {
            owned: String::new(),
            shared: Some((bytes, range)),
            pending: None,
            made: None,
        })
    }

    /// `range` of `bytes` (`None` when out of bounds), checked by `check` and for UTF-8 only
    /// when first read: until then it costs nothing. Read as empty when the check fails,
    /// which [`Text::failed`] then says.
    pub fn deferred(bytes: SharedBytes, range: Range<usize>, check: Check) -> Option<Text> {
        (*bytes).as_ref().get(range.clone())?;
        Some(Text {
            owned: String::new(),
            shared: Some((bytes, range)),
            pending: Some(Arc::new(Pending {
                check,
                passed: OnceLock::new(),
            })),
            made: None,
        })
    }

    /// Text of `len` bytes made by `make` from `range` of `bytes` (`None` when out of
    /// bounds) on first read: until then it costs nothing. Read as empty when `make` fails
    /// or gives another length, which [`Text::failed`] then says.
    pub fn made(bytes: SharedBytes, range: Range<usize>, len: usize, make: Make) -> Option<Text> {
        (*bytes).as_ref().get(range.clone())?;
        Some(Text {
            owned: String::new(),
            shared: Some((bytes, range)),
            pending: None,
            made: Some(Arc::new(Made {
                make,
                len,
                text: OnceLock::new(),
                pieces: None,
                piece_failed: Default::default(),
            })),
        })
    }

    /// Like [`Text::made`], for text stored in pieces that `piece` unpacks one at a time:
    /// text of [`STREAM_FROM`] bytes or more is then scanned through a [`Window`].
    pub fn made_in_pieces(
        bytes: SharedBytes,
        range: Range<usize>,
        len: usize,
        make: Make,
        piece: (Piece, usize),
    ) -> Option<Text> {
        let mut text = Text::made(bytes, range, len, make)?;
        if let Some(m) = text.made.as_mut().and_then(Arc::get_mut) {
            m.pieces = Some(piece);
        }
        Some(text)
    }

    /// A window to scan the text through, when it is large, stored in pieces and not made
    /// whole yet (`always`: whatever its size, for tests).
    pub(crate) fn window(&self, always: bool) -> Option<Window<'_>> {
        let m = self.made.as_ref()?;
        let (piece, size) = m.pieces.as_ref()?;
        let (bytes, range) = self.shared.as_ref()?;
        let large = always || m.len >= STREAM_FROM;
        (large && m.text.get().is_none()).then(|| {
            let raw = &(**bytes).as_ref()[range.clone()];
            Window::new(raw, piece, *size, m.len)
        })
    }

    /// Records that a piece read through a window was damaged: [`Text::failed`] says so.
    pub(crate) fn piece_failed(&self) {
        if let Some(m) = &self.made {
            m.piece_failed
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// Length in bytes, known without reading (so without checking) deferred text.
    pub fn len(&self) -> usize {
        if let Some(m) = &self.made {
            return m.len;
        }
        match &self.shared {
            Some((_, range)) => range.len(),
            None => self.owned.len(),
        }
    }

    /// Whether the text is empty (see [`Text::len`]).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the text is deferred and still unchecked.
    pub fn is_unchecked(&self) -> bool {
        let made = self.made.as_ref().is_some_and(|m| m.text.get().is_none());
        made || self
            .pending
            .as_ref()
            .is_some_and(|p| p.passed.get().is_none())
    }

    /// Whether deferred text was read and failed its check: whatever was computed from it
    /// (it read as empty) must be thrown away.
    pub fn failed(&self) -> bool {
        let made = self.made.as_ref().is_some_and(|m| {
            matches!(m.text.get(), Some(None))
                || m.piece_failed.load(std::sync::atomic::Ordering::Relaxed)
        });
        made || self
            .pending
            .as_ref()
            .is_some_and(|p| p.passed.get() == Some(&false))
    }

    /// Reads (so checks, or makes) the text now, if it was not yet.
    pub fn read_now(&self) {
        let _: &str = self;
    }

    /// The text as an owned `String`, copied out of the shared bytes the first time.
    pub fn to_mut(&mut self) -> &mut String {
        if self.shared.is_some() {
            self.owned = self.to_string();
            self.shared = None;
            self.pending = None;
            self.made = None;
        }
        &mut self.owned
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.shared {
            None => &self.owned,
            Some((bytes, range)) => {
                let raw = &(**bytes).as_ref()[range.clone()];
                if let Some(m) = &self.made {
                    let made = m.text.get_or_init(|| {
                        Some((m.make)(raw, m.len)?).filter(|text: &String| text.len() == m.len)
                    });
                    return made.as_deref().unwrap_or("");
                }
                if let Some(p) = &self.pending {
                    let passed = p
                        .passed
                        .get_or_init(|| (p.check)(raw) && std::str::from_utf8(raw).is_ok());
                    if !passed {
                        return "";
                    }
                }
                // SAFETY: this range is in bounds and UTF-8: checked by `Text::shared`, or
                // just above for deferred text; and shared bytes never change (a mapped cache
                // is replaced by renaming, never written in place).
                unsafe { std::str::from_utf8_unchecked(raw) }
            }
        }
    }
}
