//! Marks and the last-resort exit in a real pseudo-terminal: another process holding the
//! marks lock never freezes the explorer, explorers running at once converge on the same
//! marks, and an explorer stuck on a stalled terminal still gives the terminal back.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod harness;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use harness::*;

/// The first and second events of the timeline.
/// (The explorer opens at today; `g` goes to the first event before each `m`.)
const FIRST: &str = "2015-eapconnect-programme";

/// The marks saved in `home`.
fn saved(home: &Path) -> BTreeSet<String> {
    cyberdiplo::state::load(&home.join("state").join("marks.ron")).marks
}

/// Waits until the saved marks satisfy `check`.
fn wait_for_marks(pty: &Pty, home: &Path, what: &str, check: impl Fn(&BTreeSet<String>) -> bool) {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if check(&saved(home)) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!(
        "marks never {what}: {:?}; screen:\n{}",
        saved(home),
        pty.screen()
    );
}

#[test]
fn a_held_marks_lock_never_freezes_the_explorer() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state");
    std::fs::create_dir_all(&state).unwrap();
    let lock = std::fs::File::create(state.join("marks.ron.lock")).unwrap();
    lock.lock().unwrap();
    let mut pty = start(home.path(), &[]);
    pty.send("gm");
    // The explorer answers at once while the save waits for the lock.
    pty.send("?");
    pty.wait_for_text("help: type to filter");
    pty.send("\x1b");
    pty.wait_for_text("marks not saved yet");
    assert!(saved(home.path()).is_empty());
    // Once the lock is free, quitting saves what was left.
    drop(lock);
    pty.send("q");
    let (code, _) = pty.report();
    assert_eq!(code, 0);
    assert!(
        saved(home.path()).contains(FIRST),
        "{:?}",
        saved(home.path())
    );
}

#[test]
fn two_explorers_converge_on_an_event_both_changed() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("marks.ron"), format!("(marks: [\"{FIRST}\"])")).unwrap();
    // A unmarks the first event.
    let mut a = start(home.path(), &[]);
    a.send("gm");
    wait_for_marks(&a, home.path(), "lost the first event", |m| m.is_empty());
    // B, opened after, marks it again.
    let mut b = start(home.path(), &[]);
    b.send("gm");
    wait_for_marks(&b, home.path(), "regained the first event", |m| {
        m.contains(FIRST)
    });
    // A marks the second event: its older unmark of the first must not come back.
    a.send("jm");
    wait_for_marks(&a, home.path(), "gained a second event", |m| m.len() == 2);
    assert!(saved(home.path()).contains(FIRST));
    a.send("q");
    b.send("q");
    assert_eq!(a.report().0, 0);
    assert_eq!(b.report().0, 0);
    assert!(saved(home.path()).contains(FIRST));
}

#[test]
fn a_stuck_explorer_restores_the_terminal_before_its_forced_exit() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = start(home.path(), &[]);
    let explorer = child_of(pty.pid());
    // Stall the terminal, then make the explorer repaint until its writes block.
    pty.pause();
    for _ in 0..20 {
        for (rows, cols) in [(80, 250), (ROWS, COLS)] {
            pty.resize(rows, cols);
            // One repaint each: resizes that arrive together are drawn once.
            std::thread::sleep(std::time::Duration::from_millis(30));
        }
    }
    kill(explorer, "TERM");
    // The loop cannot answer; after its grace period the process exits by itself.
    let start = Instant::now();
    while process_state(explorer).is_some_and(|s| s != 'Z') {
        assert!(
            start.elapsed() < DEADLINE,
            "the stuck explorer did not exit"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    pty.resume();
    pty.wait_for_text("stty-done");
    pty.wait_exit(DEADLINE);
    // Read from the raw bytes: the explorer's last write may have stopped inside an escape
    // sequence, which then swallows what the shell prints next on the emulated screen.
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    let report = &raw[raw.rfind("exit=").expect("no exit code")..];
    let code: String = report[5..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert_eq!(code, (128 + 15).to_string());
    // It was stuck indeed: the usual restore, which leaves the alternate screen, never ran.
    assert_eq!(
        count(&pty.raw(), b"\x1b[?1049l"),
        0,
        "the loop was not stuck"
    );
    let modes: Vec<&str> = report
        .split(|c: char| c.is_whitespace() || c == ';')
        .collect();
    for mode in ["icanon", "echo", "isig"] {
        assert!(modes.contains(&mode), "{mode} not restored: {report}");
    }
}
