//! Index text held in memory, or shared from the bytes of a mapped cache without a copy;
//! read as one `str` either way.

use std::ops::{Deref, Range};
use std::sync::Arc;

/// Bytes that several indexes may share (a mapped cache file), and never change.
pub type SharedBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// Folded index text: owned, or a range of shared bytes checked to be UTF-8.
#[derive(Default, Clone)]
pub(crate) struct Text {
    owned: String,
    shared: Option<(SharedBytes, Range<usize>)>,
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
        })
    }

    /// The text as an owned `String`, copied out of the shared bytes the first time.
    pub fn to_mut(&mut self) -> &mut String {
        if let Some((bytes, range)) = self.shared.take() {
            self.owned = String::from_utf8_lossy(&(*bytes).as_ref()[range]).into_owned();
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
                // SAFETY: `Text::shared` checked that this range is in bounds and UTF-8, and
                // shared bytes never change (a mapped cache is replaced by renaming, never
                // written in place).
                unsafe { std::str::from_utf8_unchecked(raw) }
            }
        }
    }
}
