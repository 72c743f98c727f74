//! Unit tests of the marks file: merging by last change, setting aside, links.

use super::*;
use std::fs;

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

fn change(id: &str, marked: bool, at: u64) -> Changes {
    [(id.to_string(), Change { marked, at })].into()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_newer_change_of_an_event_wins_whatever_the_save_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join(MARKS_FILE);
    let mut warnings = Vec::new();
    save(&path, &change("x", true, 10), &mut warnings).unwrap();
    // An older unmark, saved late, does not undo the newer mark.
    let merged = save(&path, &change("x", false, 5), &mut warnings).unwrap();
    assert_eq!(merged, set(&["x"]));
    let merged = save(&path, &change("x", false, 11), &mut warnings).unwrap();
    assert_eq!(merged, set(&[]));
    assert!(warnings.is_empty());
    // No temporary file is left behind.
    assert_eq!(
        names(path.parent().unwrap()),
        ["marks.ron", "marks.ron.lock"]
    );
}

#[test]
fn an_older_file_without_stamps_still_loads_and_merges() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(MARKS_FILE);
    fs::write(&path, "(marks: [\"a\", \"b\"])").unwrap();
    assert_eq!(load(&path).marks, set(&["a", "b"]));
    let mut warnings = Vec::new();
    let merged = save(&path, &change("b", false, 1), &mut warnings).unwrap();
    assert_eq!(merged, set(&["a"]));
}

#[test]
fn stamps_always_increase() {
    let first = stamp();
    let second = stamp();
    assert!(second > first);
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
    let aside = names(dir.path());
    assert!(
        aside.iter().any(|n| n.starts_with("marks.ron.corrupt-")),
        "{aside:?}"
    );
    assert!(!path.exists());
}

#[test]
fn two_corrupt_files_in_one_second_are_both_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(MARKS_FILE);
    fs::write(&path, "first (").unwrap();
    load(&path);
    fs::write(&path, "second (").unwrap();
    load(&path);
    let mut kept: Vec<String> = names(dir.path())
        .iter()
        .map(|n| fs::read_to_string(dir.path().join(n)).unwrap())
        .collect();
    kept.sort();
    assert_eq!(kept, ["first (", "second ("]);
}

#[test]
fn a_missing_file_means_no_marks() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load(&dir.path().join(MARKS_FILE));
    assert!(loaded.marks.is_empty() && loaded.warnings.is_empty());
}

#[test]
fn checking_leaves_nothing_in_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    check_writable(&dir.path().join(MARKS_FILE)).unwrap();
    assert!(names(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_symlinked_marks_file_is_written_through_to_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let dotfiles = dir.path().join("dotfiles");
    fs::create_dir(&dotfiles).unwrap();
    let target = dotfiles.join("marks.ron");
    fs::write(&target, "(marks: [\"a\"])").unwrap();
    let link = dir.path().join(MARKS_FILE);
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut warnings = Vec::new();
    save(&link, &change("b", true, 1), &mut warnings).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&target).marks, set(&["a", "b"]));
    assert_eq!(load(&link).marks, set(&["a", "b"]));
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_marks_file_is_refused_at_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(MARKS_FILE);
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path for the whole call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let loaded = load(&path);
    assert!(
        loaded.warnings[0].contains("is a FIFO"),
        "{:?}",
        loaded.warnings
    );
    let mut warnings = Vec::new();
    assert!(save(&path, &change("a", true, 1), &mut warnings).is_err());
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&path).unwrap().file_type().is_fifo());
}
