//! The order results are shown in: one type for the config file, the command line and the
//! explorer.

use serde::Deserialize;

/// Order of the timeline and of `list` results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Chronological, grouped under year headers.
    #[default]
    Date,
    /// Best match first when a query is given, date order otherwise.
    Relevance,
}

impl SortOrder {
    /// The other order.
    pub fn toggled(self) -> SortOrder {
        match self {
            SortOrder::Date => SortOrder::Relevance,
            SortOrder::Relevance => SortOrder::Date,
        }
    }
}
