//! Development tools of cyberdiplo, compiled only for its examples, tests and benches.
//!
//! They live apart from the product so that a release binary carries neither the screenshot
//! renderer (with its baked glyphs) nor the synthetic archive generator.

pub mod screenshot;
pub mod synth;
