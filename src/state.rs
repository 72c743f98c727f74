//! Marks saved between sessions: `marks.ron` in the user's data directory.
//!
//! Writes are atomic (temporary file in the same folder, fsync, rename) and merge with the
//! file on disk, so two explorers running at once keep each other's marks. A file that does
//! not parse is renamed aside with a `.corrupt-<timestamp>` suffix, never overwritten.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// Name of the marks file in the state folder.
pub const MARKS_FILE: &str = "marks.ron";

/// What `marks.ron` holds.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarksFile {
    /// Ids of marked events.
    marks: BTreeSet<String>,
}

/// Marks read from disk, with what went wrong on the way.
#[derive(Debug, Default)]
pub struct Loaded {
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

/// Checks, without creating anything, that marks can be saved at `path`: its folder is
/// writable, or does not exist yet under a folder. Errors name the folder.
pub fn check_writable(path: &Path) -> io::Result<()> {
    let dir = folder_of(path);
    let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", dir.display()));
    if dir.is_dir() {
        let probe = dir.join(format!(".{MARKS_FILE}.probe-{}", std::process::id()));
        File::create(&probe).map_err(named)?;
        let _ = fs::remove_file(&probe);
        return Ok(());
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

/// The folder a state file lives in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Reads the marks; a missing file means none, a corrupt one is set aside with a warning.
pub fn load(path: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    match read(path) {
        Ok(marks) => loaded.marks = marks,
        Err(Problem::Corrupt(problem)) => loaded.warnings.push(set_aside(path, &problem)),
        Err(Problem::Unreadable(e)) => loaded.warnings.push(format!("marks not loaded: {e}")),
    }
    loaded
}

/// Saves the marks: the file's marks, plus `added`, minus `removed`; returns the result.
///
/// Warnings (a corrupt file set aside) go to `warnings`.
pub fn save(
    path: &Path,
    added: &BTreeSet<String>,
    removed: &BTreeSet<String>,
    warnings: &mut Vec<String>,
) -> io::Result<BTreeSet<String>> {
    fs::create_dir_all(folder_of(path))?;
    // Another explorer saving at the same moment waits, so neither loses the other's marks.
    let _lock = lock(path)?;
    let mut marks = match read(path) {
        Ok(marks) => marks,
        Err(Problem::Corrupt(problem)) => {
            warnings.push(set_aside(path, &problem));
            BTreeSet::new()
        }
        // Writing over a file that could not be read could lose its marks.
        Err(Problem::Unreadable(e)) => return Err(e),
    };
    marks.extend(added.iter().cloned());
    marks.retain(|id| !removed.contains(id));
    write_atomic(
        path,
        &MarksFile {
            marks: marks.clone(),
        },
    )?;
    Ok(marks)
}

/// Holds an exclusive lock on `<file>.lock` next to `path` until dropped.
#[cfg(unix)]
fn lock(path: &Path) -> io::Result<File> {
    use std::os::fd::AsRawFd;
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(name))?;
    loop {
        // SAFETY: flock only acts on the descriptor, which `file` keeps open.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0 {
            return Ok(file);
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// No lock on this platform: the re-read before writing still merges most concurrent saves.
#[cfg(not(unix))]
fn lock(_path: &Path) -> io::Result<()> {
    Ok(())
}

/// Why the marks file could not be used.
enum Problem {
    /// It could not be read (permissions, a folder in its place...).
    Unreadable(io::Error),
    /// It was read but does not parse.
    Corrupt(String),
}

/// The marks in the file (none if it does not exist), or what is wrong with it.
fn read(path: &Path) -> Result<BTreeSet<String>, Problem> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            return Err(Problem::Corrupt(format!("{}: not UTF-8", path.display())));
        }
        Err(e) => {
            let message = format!("{}: {e}", path.display());
            return Err(Problem::Unreadable(io::Error::new(e.kind(), message)));
        }
    };
    ron::from_str::<MarksFile>(&text)
        .map(|file| file.marks)
        .map_err(|e| {
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

/// Renames a bad file to `<name>.corrupt-<seconds>` and says so.
fn set_aside(path: &Path, problem: &str) -> String {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".corrupt-{stamp}"));
    let aside = PathBuf::from(aside);
    match fs::rename(path, &aside) {
        Ok(()) => format!(
            "marks file unreadable ({problem}); moved to {}",
            aside.display()
        ),
        Err(e) => format!("marks file unreadable ({problem}); could not move it aside: {e}"),
    }
}

fn write_atomic(path: &Path, file: &MarksFile) -> io::Result<()> {
    let dir = folder_of(path);
    fs::create_dir_all(dir)?;
    let text = ron::ser::to_string_pretty(file, ron::ser::PrettyConfig::default())
        .map_err(io::Error::other)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| MARKS_FILE.into());
    let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut out = File::create(&temp)?;
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")?;
        out.sync_all()?;
        fs::rename(&temp, path)?;
        // Make the rename itself durable; not every platform can open a folder.
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn saving_merges_with_marks_saved_by_another_explorer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(MARKS_FILE);
        let mut warnings = Vec::new();
        // One explorer marks a and b.
        save(&path, &set(&["a", "b"]), &set(&[]), &mut warnings).unwrap();
        // Another, started earlier, marks c and unmarks b.
        let merged = save(&path, &set(&["c"]), &set(&["b"]), &mut warnings).unwrap();
        assert_eq!(merged, set(&["a", "c"]));
        assert_eq!(load(&path).marks, set(&["a", "c"]));
        assert!(warnings.is_empty());
        // No temporary file is left behind.
        let names: Vec<String> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.contains(".tmp-")), "{names:?}");
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MARKS_FILE);
        fs::write(&path, "(marks: [unclosed").unwrap();
        let loaded = load(&path);
        assert!(loaded.marks.is_empty());
        assert_eq!(loaded.warnings.len(), 1);
        assert!(
            loaded.warnings[0].contains("moved to"),
            "{:?}",
            loaded.warnings
        );
        let aside: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            aside.iter().any(|n| n.starts_with("marks.ron.corrupt-")),
            "{aside:?}"
        );
        assert!(!path.exists());
    }

    #[test]
    fn a_missing_file_means_no_marks() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(&dir.path().join(MARKS_FILE));
        assert!(loaded.marks.is_empty() && loaded.warnings.is_empty());
    }
}
