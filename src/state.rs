//! Marks saved between sessions: `marks.ron` in the user's state directory.
//!
//! Each mark and unmark is stamped with the time it was made, and the file keeps the last
//! change per event. A save merges this session's changes with the file under a lock
//! (`marks.ron.lock`), keeping for each event whichever change is newer, so explorers running
//! at once converge on the same marks whatever order they save in. Writes are atomic
//! ([`crate::atomic`]); a `marks.ron` that is a symlink is written through to its target. A
//! file that does not parse is set aside under a name never used before, never overwritten.

mod lock;
mod saver;

pub use saver::{Outcome, Saver};

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::atomic::{self, Replace};
use crate::file::{self, Limit};

/// Name of the marks file in the state folder.
pub const MARKS_FILE: &str = "marks.ron";

/// How long a save waits for another process's lock before giving up (and saying so).
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(2);

/// The last change to one event's mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// Whether the event is marked after the change.
    pub marked: bool,
    /// When the change was made, in nanoseconds since 1970 (see [`stamp`]).
    pub at: u64,
}

/// Changes by event id.
pub type Changes = BTreeMap<String, Change>;

/// What `marks.ron` holds. `marks` alone is the older format, still read.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarksFile {
    /// Ids of marked events.
    marks: BTreeSet<String>,
    /// The last change of each event ever marked or unmarked, so saves can merge.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    changes: Changes,
}

impl MarksFile {
    /// The state of `id` as a change: its stamp, or 0 when the file does not say (an older
    /// file, or a hand edit that disagrees with the stamp), so that any stamped change wins.
    fn current(&self, id: &str) -> Change {
        let marked = self.marks.contains(id);
        match self.changes.get(id) {
            Some(change) if change.marked == marked => *change,
            _ => Change { marked, at: 0 },
        }
    }

    /// Applies each change that is newer than what the file knows of its event.
    fn merge(&mut self, changes: &Changes) {
        for (id, change) in changes {
            if change.at < self.current(id).at {
                continue;
            }
            if change.marked {
                self.marks.insert(id.clone());
            } else {
                self.marks.remove(id);
            }
            self.changes.insert(id.clone(), *change);
        }
    }
}

/// Marks read from disk, with what went wrong on the way.
#[derive(Debug, Default)]
pub struct SavedMarks {
    /// Ids of marked events.
    pub marks: BTreeSet<String>,
    /// Problems worth telling the user, e.g. a corrupt file set aside.
    pub warnings: Vec<String>,
}

/// The marks file in `state_dir`, or in the platform's data directory for cyberdiplo.
pub fn marks_path(state_dir: Option<&Path>) -> Option<PathBuf> {
    match state_dir {
        Some(dir) => Some(dir.join(MARKS_FILE)),
        None => directories::ProjectDirs::from("", "", "cyberdiplo")
            .map(|dirs| dirs.data_dir().join(MARKS_FILE)),
    }
}

/// Now, as a change stamp: nanoseconds since 1970, strictly increasing within the process,
/// so two changes made in one clock tick still have an order.
pub fn stamp() -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    let previous = LAST
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |last| {
            Some(now.max(last.saturating_add(1)))
        })
        .unwrap_or(0);
    now.max(previous.saturating_add(1))
}

/// The changes that turn the marks `before` into `after`, all stamped `at`.
pub fn changes_between(before: &BTreeSet<String>, after: &BTreeSet<String>, at: u64) -> Changes {
    let marked = after.difference(before).map(|id| (id, true));
    let unmarked = before.difference(after).map(|id| (id, false));
    marked
        .chain(unmarked)
        .map(|(id, marked)| (id.clone(), Change { marked, at }))
        .collect()
}

/// Checks, without leaving anything behind, that marks can be saved at `path`: its folder
/// is writable, or does not exist yet under a folder. Errors name the folder.
pub fn check_writable(path: &Path) -> io::Result<()> {
    let path = atomic::resolve_links(path)?;
    let dir = atomic::folder_of(&path);
    let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", dir.display()));
    if dir.is_dir() {
        // An anonymous file (or one with a random name, removed at once): nothing planted in
        // the folder can be followed.
        return tempfile::tempfile_in(dir).map(drop).map_err(named);
    }
    // The folder is made on the first save; its nearest existing ancestor must be a folder.
    match dir.ancestors().skip(1).find(|a| a.exists()) {
        Some(ancestor) if !ancestor.is_dir() => Err(named(io::Error::new(
            io::ErrorKind::NotADirectory,
            format!("{} is not a folder", ancestor.display()),
        ))),
        _ => Ok(()),
    }
}

/// Reads the marks; a missing file means none, a corrupt one is set aside with a warning.
pub fn load(path: &Path) -> SavedMarks {
    let mut loaded = SavedMarks::default();
    let target = match atomic::resolve_links(path) {
        Ok(target) => target,
        Err(e) => {
            loaded.warnings.push(format!("marks not loaded: {e}"));
            return loaded;
        }
    };
    match read(&target) {
        Ok(file) => loaded.marks = file.marks,
        Err(Problem::Corrupt(problem)) => loaded.warnings.push(set_aside(&target, &problem)),
        Err(Problem::Unreadable(e)) => loaded.warnings.push(format!("marks not loaded: {e}")),
    }
    loaded
}

/// Saves `changes`, merged with the file by last change per event; returns the marks now
/// in the file. Waits up to [`LOCK_TIMEOUT`] for another explorer's save.
///
/// Warnings (a corrupt file set aside) go to `warnings`.
pub fn save(
    path: &Path,
    changes: &Changes,
    warnings: &mut Vec<String>,
) -> io::Result<BTreeSet<String>> {
    save_within(path, changes, LOCK_TIMEOUT, warnings)
}

/// Like [`save`], waiting at most `timeout` for the lock.
pub fn save_within(
    path: &Path,
    changes: &Changes,
    timeout: Duration,
    warnings: &mut Vec<String>,
) -> io::Result<BTreeSet<String>> {
    // A symlinked marks file (a dotfiles manager's) is written through to its target.
    let target = atomic::resolve_links(path)?;
    std::fs::create_dir_all(atomic::folder_of(&target))?;
    // Another explorer saving at the same moment waits, so neither loses the other's marks.
    let _lock = lock::acquire(&target, timeout)?;
    let mut file = match read(&target) {
        Ok(file) => file,
        Err(Problem::Corrupt(problem)) => {
            warnings.push(set_aside(&target, &problem));
            MarksFile::default()
        }
        // Writing over a file that could not be read could lose its marks.
        Err(Problem::Unreadable(e)) => return Err(e),
    };
    file.merge(changes);
    let mut text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())
        .map_err(io::Error::other)?;
    text.push('\n');
    atomic::write(&target, text.as_bytes(), Replace::Allow)?;
    Ok(file.marks)
}

/// Why the marks file could not be used.
enum Problem {
    /// It could not be read (permissions, a folder or a FIFO in its place...).
    Unreadable(io::Error),
    /// It was read but does not parse.
    Corrupt(String),
}

/// What the file holds (nothing if it does not exist), or what is wrong with it.
fn read(path: &Path) -> Result<MarksFile, Problem> {
    let bytes = match file::read_regular(path, Limit::marks()) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(MarksFile::default()),
        Err(e) if e.kind() == io::ErrorKind::FileTooLarge => {
            return Err(Problem::Corrupt(format!("{}: {e}", path.display())));
        }
        Err(e) => {
            let message = format!("{}: {e}", path.display());
            return Err(Problem::Unreadable(io::Error::new(e.kind(), message)));
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(Problem::Corrupt(format!("{}: not UTF-8", path.display())));
    };
    ron::from_str::<MarksFile>(&text).map_err(|e| {
        Problem::Corrupt(format!(
            "{}:{}:{}: {}",
            path.display(),
            e.span.start.line,
            e.span.start.col,
            // The error may quote the file's text.
            crate::text::escape_for_message(&e.code.to_string())
        ))
    })
}

/// Renames a bad file to `<name>.corrupt-<seconds>-<n>`, a name not used before, and says so.
fn set_aside(path: &Path, problem: &str) -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let moved = atomic::reserve_aside(path, &format!("corrupt-{seconds}")).and_then(|aside| {
        std::fs::rename(path, &aside)
            .map(|()| aside.clone())
            .inspect_err(|_| {
                let _ = std::fs::remove_file(&aside);
            })
    });
    match moved {
        Ok(aside) => format!(
            "marks file unreadable ({problem}); moved to {}",
            aside.display()
        ),
        Err(e) => format!("marks file unreadable ({problem}); could not move it aside: {e}"),
    }
}

#[cfg(test)]
mod tests;
