//! Saving marks off the explorer's thread, so a slow disk or another process's lock never
//! freezes the screen.
//!
//! The loop tells the [`Saver`] the marks it now shows; the saver stamps what changed since
//! last time and a worker thread saves it (merging with the file, lock timeout included).
//! What the file then holds comes back through a callback; the loop hands it to the
//! explorer through [`Saver::synced`], which keeps changes made while the save ran.

use std::collections::BTreeSet;
use std::io;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::{Changes, LOCK_TIMEOUT, changes_between, save_within, stamp};

/// What a save gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The marks now in the file, with changes not saved yet applied on top.
    Saved(BTreeSet<String>),
    /// A note for the status line: a failed save (kept for the next try), a file set aside.
    Note(String),
}

/// State shared by the loop and the worker.
#[derive(Debug, Default)]
struct Shared {
    /// Changes not in the file yet.
    pending: Changes,
    /// Whether the worker should run a save.
    wake: bool,
    /// Whether a save is running.
    busy: bool,
    /// Whether the explorer is gone (the worker then ends).
    stop: bool,
}

type Pair = Arc<(Mutex<Shared>, Condvar)>;

/// Saves marks on a worker thread; see the module documentation.
#[derive(Debug)]
pub struct Saver {
    shared: Pair,
    /// The marks the explorer showed when last told or synced.
    shown: BTreeSet<String>,
}

fn guard(pair: &Pair) -> MutexGuard<'_, Shared> {
    // A panic elsewhere ends the process (see the panic hook), so poisoning carries no
    // half-made change worth refusing.
    pair.0.lock().unwrap_or_else(|e| e.into_inner())
}

impl Saver {
    /// Starts the worker for the marks file at `path`; `marks` are those the explorer shows
    /// at start; `report` receives each outcome (on the worker's thread).
    pub fn spawn(
        path: PathBuf,
        marks: BTreeSet<String>,
        report: impl Fn(Outcome) + Send + 'static,
    ) -> io::Result<Saver> {
        let shared: Pair = Arc::default();
        let worker = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("marks".into())
            .spawn(move || run(&path, &worker, &report))?;
        Ok(Saver {
            shared,
            shown: marks,
        })
    }

    /// The explorer now shows `marks`: stamps what changed and asks for a save of whatever
    /// is not saved yet (so a call with nothing new retries a save that failed). Returns at
    /// once.
    pub fn changed(&mut self, marks: &BTreeSet<String>) {
        let changes = changes_between(&self.shown, marks, stamp());
        self.shown = marks.clone();
        let mut shared = guard(&self.shared);
        shared.pending.extend(changes);
        if !shared.pending.is_empty() {
            shared.wake = true;
            self.shared.1.notify_all();
        }
    }

    /// The marks to show after a save reported `saved`, while the explorer shows `current`:
    /// the saved marks with every change not saved yet applied on top, those made in
    /// `current` since the last call included (the save may have started before them).
    pub fn synced(
        &mut self,
        current: &BTreeSet<String>,
        saved: BTreeSet<String>,
    ) -> BTreeSet<String> {
        self.changed(current);
        let marks = overlay(saved, &guard(&self.shared).pending);
        self.shown = marks.clone();
        marks
    }

    /// Saves what is not saved yet (a save that failed is tried once more) and waits up to
    /// `timeout` for it; false if some changes are still not saved.
    pub fn flush(&self, timeout: Duration) -> bool {
        let start = Instant::now();
        let mut shared = guard(&self.shared);
        if !shared.pending.is_empty() {
            shared.wake = true;
            self.shared.1.notify_all();
        }
        while shared.wake || shared.busy {
            let Some(left) = timeout.checked_sub(start.elapsed()) else {
                break;
            };
            shared = match self.shared.1.wait_timeout(shared, left) {
                Ok((shared, _)) => shared,
                Err(e) => e.into_inner().0,
            };
        }
        shared.pending.is_empty()
    }
}

impl Drop for Saver {
    /// Ends the worker once it has nothing left to do.
    fn drop(&mut self) {
        guard(&self.shared).stop = true;
        self.shared.1.notify_all();
    }
}

/// `marks` with `changes` applied.
fn overlay(mut marks: BTreeSet<String>, changes: &Changes) -> BTreeSet<String> {
    for (id, change) in changes {
        if change.marked {
            marks.insert(id.clone());
        } else {
            marks.remove(id);
        }
    }
    marks
}

/// The worker: saves whenever woken, until the explorer is gone.
fn run(path: &std::path::Path, pair: &Pair, report: &impl Fn(Outcome)) {
    loop {
        let batch = {
            let mut shared = guard(pair);
            while !shared.wake {
                if shared.stop {
                    return;
                }
                shared = pair.1.wait(shared).unwrap_or_else(|e| e.into_inner());
            }
            shared.wake = false;
            shared.busy = true;
            shared.pending.clone()
        };
        let mut warnings = Vec::new();
        let result = save_within(path, &batch, LOCK_TIMEOUT, &mut warnings);
        let saved = {
            let mut shared = guard(pair);
            shared.busy = false;
            let saved = result.map(|marks| {
                // Changes made during the save stay pending; the saved ones are done.
                shared
                    .pending
                    .retain(|id, change| batch.get(id) != Some(change));
                overlay(marks, &shared.pending)
            });
            pair.1.notify_all();
            saved
        };
        for warning in warnings {
            report(Outcome::Note(warning));
        }
        match saved {
            Ok(marks) => report(Outcome::Saved(marks)),
            Err(e) => report(Outcome::Note(format!(
                "marks not saved yet ({e}); will retry at the next change"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn saves_in_the_background_and_reports_what_the_file_holds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marks.ron");
        let (tx, rx) = mpsc::channel();
        let mut saver = Saver::spawn(path.clone(), set(&[]), move |o| {
            let _ = tx.send(o);
        })
        .unwrap();
        saver.changed(&set(&["a"]));
        let outcome = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(outcome, Outcome::Saved(set(&["a"])));
        assert!(saver.flush(Duration::from_secs(10)));
        assert_eq!(super::super::load(&path).marks, set(&["a"]));
    }

    #[test]
    fn a_held_lock_gives_a_note_and_the_change_is_kept_for_the_next_try() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marks.ron");
        let held = super::super::lock::acquire(&path, Duration::ZERO).unwrap();
        let (tx, rx) = mpsc::channel();
        let mut saver = Saver::spawn(path.clone(), set(&[]), move |o| {
            let _ = tx.send(o);
        })
        .unwrap();
        // Returns while the lock is held: the loop is never blocked by it.
        saver.changed(&set(&["a"]));
        let Outcome::Note(note) = rx.recv_timeout(Duration::from_secs(10)).unwrap() else {
            panic!("expected a note");
        };
        assert!(note.contains("held by another process"), "{note}");
        assert!(note.ends_with("will retry at the next change"), "{note}");
        drop(held);
        saver.changed(&set(&["a"]));
        let outcome = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(outcome, Outcome::Saved(set(&["a"])));
    }

    #[test]
    fn changes_made_during_a_save_survive_its_result() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marks.ron");
        let mut saver = Saver::spawn(path, set(&[]), |_| {}).unwrap();
        {
            // As if a save of nothing had run, then `b` was marked before its result came.
            let mut shared = guard(&saver.shared);
            shared.pending.insert(
                "b".into(),
                super::super::Change {
                    marked: true,
                    at: 5,
                },
            );
        }
        assert_eq!(saver.synced(&set(&[]), set(&["a"])), set(&["a", "b"]));
    }

    #[test]
    fn a_mark_made_just_before_a_save_result_arrives_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Saver::spawn(dir.path().join("marks.ron"), set(&[]), |_| {}).unwrap();
        // The explorer marked `z`; the result of an earlier save, without it, comes first.
        assert_eq!(saver.synced(&set(&["z"]), set(&["a"])), set(&["a", "z"]));
        assert!(saver.flush(Duration::from_secs(10)));
        assert_eq!(
            super::super::load(&dir.path().join("marks.ron")).marks,
            set(&["z"])
        );
    }
}
