//! The help overlay's state: its filter and scroll; its rows come from the keymap.

/// The help overlay's filter and scroll position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpState {
    /// Text typed to filter the rows.
    pub query: String,
    /// First visible row.
    pub scroll: usize,
}
