//! End-to-end tests in a real pseudo-terminal: the explorer's screen, and the terminal left
//! as it was after every way out (q, Ctrl-C, signals, a panic, the terminal going away).
//!
//! A thread reads what the program writes into a `vt100` screen and keeps the raw bytes, so
//! tests can assert both on what a user sees and on exactly what reached the terminal.
#![cfg(unix)]

#[path = "support/hostile.rs"]
mod hostile;

#[path = "support/pty.rs"]
mod harness;

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use harness::*;
use portable_pty::CommandBuilder;

#[test]
fn shows_the_timeline_and_filters_as_you_type() {
    let home = tempfile::tempdir().unwrap();
    let pty = start(home.path(), &[]);
    pty.send("/");
    pty.type_text("tallinn");
    pty.wait_until("the list filtered to Tallinn", |o| {
        let screen = o.screen.screen().contents();
        screen.contains("filter: tallinn") && !screen.contains("2015-2020")
    });
    let screen = pty.screen();
    assert!(!screen.contains("25/25 events"), "{screen}");
    assert!(screen.contains("2017-10-04"), "{screen}");
    // The selection moves to the best match; the detail follows once it rests.
    pty.wait_for_text("Places        Tallinn");
    pty.send("\x1b\x1bq");
}

#[test]
fn q_leaves_the_terminal_as_it_was() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = start(home.path(), &[]);
    pty.send("q");
    let (code, modes) = pty.report();
    assert_eq!(code, 0);
    assert_restored(&pty.raw(), &modes);
}

#[test]
fn ctrl_c_leaves_the_terminal_as_it_was() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = start(home.path(), &[]);
    pty.send("/tal\x03");
    let (code, modes) = pty.report();
    assert_eq!(code, 0);
    assert_restored(&pty.raw(), &modes);
}

/// Marks the selected event and waits for the marks file to hold it.
fn mark_first_event(pty: &Pty, home: &Path) -> String {
    // The explorer opens at today: `g` goes to the first event.
    pty.send("g");
    pty.send("m");
    let marks = home.join("state").join("marks.ron");
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if let Ok(text) = std::fs::read_to_string(&marks)
            && text.contains("2015-eapconnect")
        {
            return text;
        }
        thread::sleep(Duration::from_millis(20));
    }
    panic!("marks not saved; screen:\n{}", pty.screen());
}

fn ends_cleanly_on(signal: &str, code: i32) {
    let home = tempfile::tempdir().unwrap();
    let mut pty = start(home.path(), &[]);
    mark_first_event(&pty, home.path());
    kill(child_of(pty.pid()), signal);
    let (exit, modes) = pty.report();
    assert_eq!(exit, code, "exit code after SIG{signal}");
    assert_restored(&pty.raw(), &modes);
    let marks = std::fs::read_to_string(home.path().join("state/marks.ron")).unwrap();
    assert!(marks.contains("2015-eapconnect"), "{marks}");
}

#[test]
fn sigterm_saves_restores_and_exits() {
    ends_cleanly_on("TERM", 128 + 15);
}

#[test]
fn sighup_saves_restores_and_exits() {
    ends_cleanly_on("HUP", 128 + 1);
}

#[test]
fn sigint_from_outside_restores_and_exits() {
    ends_cleanly_on("INT", 128 + 2);
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = start(home.path(), &[]);
    let pid = child_of(pty.pid());
    pty.send("\x1a");
    pty.wait_until("the main screen back while stopped", |o| {
        !o.screen.screen().alternate_screen() && !o.screen.screen().hide_cursor()
    });
    let start = Instant::now();
    while process_state(pid) != Some('T') && start.elapsed() < DEADLINE {
        thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(process_state(pid), Some('T'), "stopped after Ctrl-Z");
    let before = pty.raw().len();
    kill(pid, "CONT");
    pty.wait_until("a full redraw after SIGCONT", |o| {
        o.screen.screen().alternate_screen()
            && o.raw.len() > before
            && o.screen.screen().contents().contains("25/25 events")
    });
    // The keyboard works again.
    pty.send("q");
    let (code, modes) = pty.report();
    assert_eq!(code, 0);
    assert_restored(&pty.raw(), &modes);
}

#[test]
fn a_stop_from_outside_is_redrawn_on_continue() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = start(home.path(), &[]);
    let pid = child_of(pty.pid());
    kill(pid, "STOP");
    // While stopped, the screen may have been written over: SIGCONT must repaint it all.
    let before = pty.raw().len();
    kill(pid, "CONT");
    pty.wait_until("a redraw after SIGCONT", |o| {
        o.raw.len() > before && o.raw[before..].windows(4).any(|w| w == b"\x1b[2J")
    });
    pty.wait_for_text("25/25 events");
    pty.send("q");
    let (code, modes) = pty.report();
    assert_eq!(code, 0);
    assert_restored(&pty.raw(), &modes);
}

/// Closes the terminal under the explorer; it must exit within a few seconds, not spin.
fn exits_when_the_terminal_goes(cmd: CommandBuilder, explorer_pid: impl Fn(&Pty) -> u32) {
    let mut pty = Pty::spawn(cmd);
    pty.wait_for_text("25/25 events");
    let pid = explorer_pid(&pty);
    pty.hang_up();
    // Exiting at all is the point: a reader retrying a dead terminal would spin forever.
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        if matches!(process_state(pid), None | Some('Z')) {
            return;
        }
        thread::sleep(Duration::from_millis(20));
    }
    let _ = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status();
    panic!("the explorer was still running 5 s after its terminal went away");
}

#[test]
fn exits_when_the_terminal_hangs_up() {
    let home = tempfile::tempdir().unwrap();
    exits_when_the_terminal_goes(explorer(home.path(), &[]), Pty::pid);
}

#[test]
fn exits_when_the_terminal_goes_without_a_signal() {
    let home = tempfile::tempdir().unwrap();
    // In a session of its own, the terminal is not the explorer's controlling terminal, so
    // its hang-up sends no SIGHUP or SIGCONT: only the dead terminal itself tells.
    let inner = explorer(home.path(), &[]);
    let mut setsid = CommandBuilder::new("setsid");
    setsid.arg("-w");
    setsid.args(inner.get_argv().clone());
    isolate(&mut setsid, home.path());
    exits_when_the_terminal_goes(setsid, |pty| child_of(pty.pid()));
}

/// Makes the explorer fail after its first draw, as `CYBERDIPLO_TEST_FAIL=how` asks (only
/// built with the `test-fail` feature, which `.ci/run` turns on).
#[cfg(feature = "test-fail")]
fn fails_and_restores(how: &str, code: i32, message: &str) {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = explorer(home.path(), &[]);
    cmd.env("CYBERDIPLO_TEST_FAIL", how);
    let mut pty = Pty::spawn(then_report(cmd, home.path()));
    let (exit, modes) = pty.report();
    assert_eq!(exit, code);
    let raw = pty.raw();
    assert_restored(&raw, &modes);
    let said = last(&raw, message.as_bytes()).expect("the failure is reported");
    let leave = last(&raw, b"\x1b[?1049l").unwrap();
    assert!(said > leave, "the message comes after the restore");
    assert!(pty.screen().contains(message));
}

#[cfg(feature = "test-fail")]
#[test]
fn a_panic_restores_the_terminal_before_reporting() {
    fails_and_restores("panic", 101, "panicking after the first draw");
}

#[cfg(feature = "test-fail")]
#[test]
fn an_error_return_restores_the_terminal_before_reporting() {
    fails_and_restores("error", 1, "failing after the first draw");
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("hostile.ron");
    std::fs::write(&data, hostile::file()).unwrap();
    let data = data.to_string_lossy().into_owned();
    let mut pty = Pty::spawn(then_report(
        explorer(home.path(), &["--data", &data]),
        home.path(),
    ));
    pty.wait_for_text("27/27 events");
    pty.send("/");
    pty.type_text("hostile");
    pty.wait_for_text("Hostile neighbour");
    // Submit, open the hostile record, scroll its detail to the end, switch language.
    pty.send("\r");
    thread::sleep(Duration::from_millis(100));
    pty.send("\t");
    pty.type_text("jjjjjjjjjjjjjjjjjjjjjjjjjjjjjj");
    pty.wait_for_text("Quote");
    let screen = pty.output.lock().unwrap().screen.screen().clone();
    let text = screen.contents();
    assert!(text.contains("東京"), "wide chars are shown: {text}");
    assert!(!text.contains("pwned"), "{text}");
    // Panes keep their borders in place on every row, whatever the text's width.
    let top = 1;
    let inner = (1..COLS)
        .find(|&c| screen.cell(top, c).unwrap().contents() == "┌")
        .expect("two panes side by side");
    for row in top + 1..ROWS - 3 {
        let cell = |c| screen.cell(row, c).unwrap().contents();
        if cell(0) != "│" {
            break;
        }
        assert_eq!(
            cell(inner),
            "│",
            "row {row}: {:?}",
            screen.rows(0, COLS).nth(row as usize)
        );
        assert_eq!(cell(COLS - 1), "│", "row {row}");
    }
    pty.type_text("L");
    pty.wait_for_text("Hostile fr");
    pty.send("q");
    let (code, modes) = pty.report();
    assert_eq!(code, 0);
    let raw = pty.raw();
    assert_restored(&raw, &modes);
    assert_eq!(
        hostile::leak(&raw),
        None,
        "{:?}",
        String::from_utf8_lossy(&raw)
    );
}

/// Runs a command line in the terminal and returns what it wrote.
fn run_in_terminal(home: &Path, args: &[&str]) -> (Vec<u8>, String) {
    let mut pty = Pty::spawn(explorer(home, args));
    pty.wait_exit(DEADLINE);
    pty.wait_until("all output", |o| o.closed);
    (pty.raw(), pty.screen())
}

#[test]
fn list_and_show_on_a_terminal_print_hostile_text_safely() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("hostile.ron");
    std::fs::write(&data, hostile::file()).unwrap();
    let data = data.to_string_lossy().into_owned();
    for args in [
        vec!["--data", &data, "list", "hostile"],
        vec!["--data", &data, "show", hostile::ID],
        vec!["--data", &data, "--lang", "fr", "show", hostile::ID],
    ] {
        let (raw, screen) = run_in_terminal(home.path(), &args);
        assert_eq!(hostile::leak(&raw), None, "{args:?}: {screen}");
        assert!(screen.contains("Hostile"), "{screen}");
    }
    // An error quotes the offending text with its controls spelled out.
    let (raw, screen) = run_in_terminal(home.path(), &["show", "\u{1b}]0;pwned\u{7}\u{202e}"]);
    assert!(
        screen.contains("\\u{1b}]0;pwned\\u{7}\\u{202e}"),
        "{screen}"
    );
    for needle in ["\u{1b}]", "\u{7}", "\u{202e}"] {
        assert!(
            !String::from_utf8_lossy(&raw).contains(needle),
            "{needle:?}"
        );
    }
}

#[test]
fn runs_without_a_usable_state_folder_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    // A file where a folder should be: no one, root included, can save there.
    std::fs::write(home.path().join("not-a-folder"), "").unwrap();
    let mut cmd = explorer(home.path(), &[]);
    cmd.env(
        "CYBERDIPLO_STATE_DIR",
        home.path().join("not-a-folder/state"),
    );
    let mut pty = Pty::spawn(then_report(cmd, home.path()));
    pty.wait_for_text("marks will not be saved");
    pty.send("m");
    pty.wait_for_text("marks are off");
    pty.send("q");
    assert_eq!(pty.report().0, 0);
}

#[test]
fn runs_with_no_home_or_xdg_variables() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_cyberdiplo"));
    cmd.env_clear();
    cmd.env("TERM", "xterm-256color");
    if let Some(path) = std::env::var_os("PATH") {
        cmd.env("PATH", path);
    }
    cmd.cwd(home.path());
    let mut pty = Pty::spawn(then_report(cmd, home.path()));
    pty.wait_for_text("25/25 events");
    pty.send("q");
    assert_eq!(pty.report().0, 0);
}

#[test]
fn a_corrupt_marks_file_is_set_aside_with_a_warning() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("marks.ron"), "(marks: [\"a\", \u{1b}]0;x").unwrap();
    let mut pty = start(home.path(), &[]);
    pty.wait_for_text("marks file unreadable");
    pty.send("q");
    assert_eq!(pty.report().0, 0);
    let aside: Vec<_> = std::fs::read_dir(&state)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("marks.ron.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    let kept = std::fs::read_to_string(&aside[0]).unwrap();
    assert!(
        kept.starts_with("(marks: [\"a\""),
        "the bad file is kept as it was"
    );
    assert_eq!(hostile::leak(&pty.raw()), None);
}
