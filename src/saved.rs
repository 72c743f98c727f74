//! What the user saves beside marks, in the state folder: named views, the query history,
//! and the snapshot of events seen by the last explorer run (for "what's new").
//!
//! Each file is small, read with a size limit, and replaced atomically; a file that does
//! not parse is reported with `file:line:col` and never overwritten.

pub mod file;
pub mod history;
pub mod seen;
pub mod views;
