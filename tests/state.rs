//! User state: marks survive round trips, concurrent explorers, corrupt files and missing
//! homes.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use cyberdiplo::app::Message;
use cyberdiplo::state::{self, MARKS_FILE};
use proptest::prelude::*;

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// This session's changes, stamped now: `added` marked, `removed` unmarked.
fn changes(added: &BTreeSet<String>, removed: &BTreeSet<String>) -> state::Changes {
    let at = state::stamp();
    let marked = added.iter().map(|id| (id.clone(), true));
    let unmarked = removed.iter().map(|id| (id.clone(), false));
    marked
        .chain(unmarked)
        .map(|(id, marked)| (id, state::Change { marked, at }))
        .collect()
}

fn save(path: &Path, added: &BTreeSet<String>, removed: &BTreeSet<String>) -> BTreeSet<String> {
    let mut warnings = Vec::new();
    let saved = state::save(path, &changes(added, removed), &mut warnings).unwrap();
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Two explorers' changes, saved in either order, leave the same marks: for each event,
    /// its newest change.
    #[test]
    fn saves_converge_whatever_their_order(
        changes in prop::collection::vec(("[a-d]", any::<bool>(), any::<bool>()), 0..12),
    ) {
        // (id, marked, by the first explorer?), stamped in order of the list.
        let mut sessions = [state::Changes::new(), state::Changes::new()];
        let mut newest = std::collections::BTreeMap::new();
        for (at, (id, marked, first)) in changes.iter().enumerate() {
            let change = state::Change { marked: *marked, at: at as u64 + 1 };
            sessions[usize::from(!first)].insert(id.clone(), change);
            newest.insert(id.clone(), *marked);
        }
        let expected: BTreeSet<String> =
            newest.into_iter().filter(|(_, m)| *m).map(|(id, _)| id).collect();
        for order in [[0, 1], [1, 0]] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(MARKS_FILE);
            let mut warnings = Vec::new();
            for i in order {
                state::save(&path, &sessions[i], &mut warnings).unwrap();
            }
            prop_assert_eq!(state::load(&path).marks, expected.clone());
        }
    }
}

/// An explorer as the run loop drives it: the app, and the saver its marks go through.
struct Explorer {
    app: cyberdiplo::app::App,
    saver: state::Saver,
    outcomes: mpsc::Receiver<state::Outcome>,
}

impl Explorer {
    /// Opens on the marks saved at `path`.
    fn open(path: &Path) -> Explorer {
        let marks = state::load(path).marks;
        let mut app = common::app();
        app.update(Message::SyncMarks(marks.clone()));
        let (tx, outcomes) = mpsc::channel();
        let saver = state::Saver::spawn(path.to_path_buf(), marks, move |outcome| {
            let _ = tx.send(outcome);
        })
        .unwrap();
        Explorer {
            app,
            saver,
            outcomes,
        }
    }

    /// Selects the event `id` and presses `m`, then waits for the save and shows its result.
    fn toggle(&mut self, id: &str) {
        self.app.update(Message::GoTop);
        while self
            .app
            .current_event()
            .and_then(|i| self.app.event(i))
            .map(|e| e.id.as_str())
            != Some(id)
        {
            assert!(self.app.update(Message::MoveDown), "{id} not found");
        }
        self.app.update(Message::ToggleMark);
        self.saver.changed(&self.app.marks.ids);
        match self.outcomes.recv_timeout(Duration::from_secs(20)).unwrap() {
            state::Outcome::Saved(marks) => {
                let marks = self.saver.synced(&self.app.marks.ids, marks);
                self.app.update(Message::SyncMarks(marks));
            }
            state::Outcome::Note(note) => panic!("{note}"),
        }
    }
}

#[test]
fn two_explorers_keep_each_others_marks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(MARKS_FILE);
    let ids: Vec<String> = common::sample().iter().map(|e| e.id.clone()).collect();
    let (x, y) = (ids[0].as_str(), ids[1].as_str());
    let mut one = Explorer::open(&path);
    let mut two = Explorer::open(&path);
    one.toggle(x);
    two.toggle(y);
    assert_eq!(
        two.app.marks.ids,
        set(&[x, y]),
        "the second explorer shows both"
    );
    // The first unmarks its event: the second's mark stays.
    one.toggle(x);
    assert_eq!(one.app.marks.ids, set(&[y]));
    assert_eq!(state::load(&path).marks, set(&[y]));
}

#[test]
fn a_re_mark_by_another_explorer_is_not_undone_by_a_stale_unmark() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(MARKS_FILE);
    let ids: Vec<String> = common::sample().iter().map(|e| e.id.clone()).collect();
    let (x, y) = (ids[0].as_str(), ids[1].as_str());
    save(&path, &set(&[x]), &set(&[]));
    let mut a = Explorer::open(&path);
    // A unmarks X; B, opened after, marks X again; then A marks Y.
    a.toggle(x);
    let mut b = Explorer::open(&path);
    assert!(!b.app.marks.ids.contains(x));
    b.toggle(x);
    a.toggle(y);
    assert_eq!(state::load(&path).marks, set(&[x, y]), "X stays marked");
    assert_eq!(a.app.marks.ids, set(&[x, y]), "and A shows it");
    // A then unmarks X again, seeing it marked: that newer change wins.
    a.toggle(x);
    assert_eq!(state::load(&path).marks, set(&[y]));
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
                    state::save(&path, &changes(&id, &BTreeSet::new()), &mut warnings).unwrap();
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
    let saved = state::save(&path, &changes(&set(&["new"]), &set(&[])), &mut warnings).unwrap();
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
    assert!(state::save(&path, &changes(&set(&["a"]), &set(&[])), &mut warnings).is_err());
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
    assert!(state::save(&path, &changes(&set(&["a"]), &set(&[])), &mut warnings).is_err());
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
