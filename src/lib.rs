//! cyberdiplo: a terminal timeline explorer of EU cyber and digital diplomacy events.
//!
//! The library holds everything but argument dispatch, so that tests and benches reuse it.

pub mod app;
pub mod atomic;
pub mod cache;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod copy;
pub mod editor;
pub mod export;
pub mod file;
pub mod hash;
pub mod keys;
pub mod model;
pub mod paths;
pub mod pick;
pub mod present;
pub mod recall;
pub mod saved;
pub mod search;
pub mod seed;
pub mod signal;
pub mod sort;
pub mod state;
pub mod terms;
pub mod text;
pub mod tui;
pub mod ui;
