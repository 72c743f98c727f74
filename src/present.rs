//! Presentation without a terminal: layout, wording and the detail document.
//!
//! Pure functions from the model's data to what a surface shows. The explorer's view styles
//! their output, `show` prints it, the Markdown export follows it; nothing here draws, reads
//! files or knows the terminal library.

pub mod chrome;
pub mod detail;
pub mod layout;
pub mod matched;
pub mod words;
pub mod wrap;
