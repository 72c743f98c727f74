//! User state: marks survive round trips, concurrent explorers, corrupt files and missing
//! homes.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use cyberdiplo::app::Message;
use cyberdiplo::state::{self, MARKS_FILE};
use proptest::prelude::*;

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

fn save(path: &Path, added: &BTreeSet<String>, removed: &BTreeSet<String>) -> BTreeSet<String> {
    let mut warnings = Vec::new();
    let saved = state::save(path, added, removed, &mut warnings).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    saved
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any ids, quotes, backslashes, controls and all, come back as they were saved.
    #[test]
    fn marks_round_trip_through_the_file(ids in prop::collection::btree_set("\\PC{0,12}|[\\x00-\\x1f\"\\\\]{0,4}", 0..8)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MARKS_FILE);
        let saved = save(&path, &ids, &BTreeSet::new());
        prop_assert_eq!(&saved, &ids);
        let loaded = state::load(&path);
        prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        prop_assert_eq!(loaded.marks, ids);
    }

    /// A save keeps the file's marks, adds this session's, and drops what it unmarked.
    #[test]
    fn saving_merges_with_the_file(
        before in prop::collection::btree_set("[a-d]{1,2}", 0..6),
        added in prop::collection::btree_set("[a-d]{1,2}", 0..6),
        removed in prop::collection::btree_set("[a-d]{1,2}", 0..6),
    ) {
        let added: BTreeSet<String> = added.difference(&removed).cloned().collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MARKS_FILE);
        save(&path, &before, &BTreeSet::new());
        let merged = save(&path, &added, &removed);
        let expected: BTreeSet<String> = before
            .union(&added)
            .filter(|id| !removed.contains(*id))
            .cloned()
            .collect();
        prop_assert_eq!(&merged, &expected);
        prop_assert_eq!(state::load(&path).marks, expected);
    }
}

#[test]
fn two_explorers_keep_each_others_marks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(MARKS_FILE);
    let mut one = common::app();
    let mut two = common::app();
    // Each marks a different event; each save merges with what the other saved.
    one.update(Message::ToggleMark);
    two.update(Message::MoveDown);
    two.update(Message::ToggleMark);
    let first = one.marks.ids.clone();
    let second = two.marks.ids.clone();
    assert_ne!(first, second);
    let saved = save(&path, &one.marks.added, &one.marks.removed);
    one.update(Message::SyncMarks(saved));
    let saved = save(&path, &two.marks.added, &two.marks.removed);
    two.update(Message::SyncMarks(saved.clone()));
    let both: BTreeSet<String> = first.union(&second).cloned().collect();
    assert_eq!(saved, both);
    assert_eq!(two.marks.ids, both, "the second explorer now shows both");
    // The first unmarks its event: the second's mark stays.
    one.update(Message::ToggleMark);
    let saved = save(&path, &one.marks.added, &one.marks.removed);
    assert_eq!(saved, second);
    assert_eq!(state::load(&path).marks, second);
}

#[test]
fn saves_at_the_same_moment_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(MARKS_FILE);
    let workers: Vec<_> = (0..2)
        .map(|worker| {
            let path = path.clone();
            std::thread::spawn(move || {
                for i in 0..30 {
                    // Each save carries only its own new mark, so a lost update shows.
                    let id = set(&[&format!("w{worker}-{i}")]);
                    let mut warnings = Vec::new();
                    state::save(&path, &id, &BTreeSet::new(), &mut warnings).unwrap();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(state::load(&path).marks.len(), 60);
}

#[test]
fn a_corrupt_file_is_kept_aside_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(MARKS_FILE);
    std::fs::write(&path, "(marks: [\"kept\", oops").unwrap();
    let mut warnings = Vec::new();
    let saved = state::save(&path, &set(&["new"]), &BTreeSet::new(), &mut warnings).unwrap();
    assert_eq!(saved, set(&["new"]));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("moved to"), "{warnings:?}");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(&aside[0]).unwrap(),
        "(marks: [\"kept\", oops"
    );
}

#[test]
fn an_unreadable_file_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be cannot be read, and must not be replaced.
    let path = dir.path().join(MARKS_FILE);
    std::fs::create_dir(&path).unwrap();
    let mut warnings = Vec::new();
    assert!(state::save(&path, &set(&["a"]), &BTreeSet::new(), &mut warnings).is_err());
    assert!(path.is_dir());
}

#[test]
fn an_unusable_state_folder_is_reported_before_any_save() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), "").unwrap();
    let bad = dir.path().join("file/state").join(MARKS_FILE);
    let error = state::check_writable(&bad).unwrap_err();
    assert!(error.to_string().contains("is not a folder"), "{error}");
    // A folder not made yet is fine, and checking does not make it.
    let later = dir.path().join("new/state").join(MARKS_FILE);
    state::check_writable(&later).unwrap();
    assert!(!dir.path().join("new").exists());
}

#[cfg(unix)]
#[test]
fn a_read_only_state_folder_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: running as root, a read-only folder is still writable");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir(&state).unwrap();
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o555)).unwrap();
    let path = state.join(MARKS_FILE);
    assert!(state::check_writable(&path).is_err());
    let mut warnings = Vec::new();
    assert!(state::save(&path, &set(&["a"]), &BTreeSet::new(), &mut warnings).is_err());
}

#[test]
fn list_works_with_no_home_or_xdg_variables() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cyberdiplo"))
        .env_clear()
        .current_dir(dir.path())
        .arg("list")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).lines().count() >= 20);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
