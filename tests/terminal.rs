//! The terminal workflow end to end, in a real pseudo-terminal: `-q`, pick mode into a
//! pipe, bracketed paste, line editing in the filter, history across restarts, copying
//! through OSC 52 and Ctrl-L.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod harness;

use std::path::Path;

use harness::*;
use portable_pty::CommandBuilder;

const LULEA: &str = "2023-lulea-eu-us-ttc-ministerial";

/// `bash -c SCRIPT` in `home`, with the built binary first on PATH.
fn shell(home: &Path, script: &str) -> CommandBuilder {
    let mut cmd = CommandBuilder::new("bash");
    isolate(&mut cmd, home);
    let binary = Path::new(env!("CARGO_BIN_EXE_cyberdiplo"));
    let system = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(
        std::iter::once(binary.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&system)),
    )
    .unwrap();
    cmd.env("PATH", path);
    cmd.args(["-c", script]);
    cmd
}

fn wait_for_bar(pty: &Pty, expected: &str) {
    pty.wait_until(&format!("the filter bar to read {expected:?}"), |o| {
        o.screen
            .screen()
            .contents()
            .lines()
            .any(|l| l.trim_end() == expected)
    });
}

#[test]
fn query_flag_opens_the_explorer_filtered() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(then_report(
        explorer(home.path(), &["-q", "lulea"]),
        home.path(),
    ));
    pty.wait_for_text("filter: lulea");
    pty.wait_until("one event listed", one_listed);
    // The detail pane follows once the selection rests.
    pty.wait_for_text("Trade and Technology Council, Luleå");
    // Mouse buttons and wheel only, never motion tracking; bracketed paste on.
    let raw = pty.raw();
    assert_eq!(count(&raw, b"\x1b[?1000h"), 1);
    assert_eq!(count(&raw, b"\x1b[?1006h"), 1);
    assert_eq!(count(&raw, b"\x1b[?1003h") + count(&raw, b"\x1b[?1002h"), 0);
    assert_eq!(count(&raw, b"\x1b[?2004h"), 1);
    pty.send("q");
    let (code, _) = pty.report();
    assert_eq!(code, 0);
}

#[test]
fn pick_prints_the_chosen_id_into_a_pipe_and_esc_prints_nothing() {
    let home = tempfile::tempdir().unwrap();
    let script = "set -o pipefail; cyberdiplo --today 2026-11-23 pick -q lulea | cat > picked.txt; \
                  echo \"exit=$?\"; stty -a; echo stty-done";
    let mut pty = Pty::spawn(shell(home.path(), script));
    // It draws on the terminal although its standard output is a pipe.
    pty.wait_for_text("filter: lulea");
    pty.wait_until("one event listed", one_listed);
    // The bar says what Enter and Esc do in a pick.
    pty.wait_for_text("Enter: pick  Esc: cancel");
    pty.send("\r");
    let (code, modes) = pty.report();
    assert_eq!(code, 0);
    assert_restored(&pty.raw(), &modes);
    let picked = std::fs::read_to_string(home.path().join("picked.txt")).unwrap();
    assert_eq!(picked, format!("{LULEA}\n"));

    let script = "cyberdiplo --today 2026-11-23 pick -q lulea > picked.txt; \
                  echo \"exit=$?\"; stty -a; echo stty-done";
    let mut pty = Pty::spawn(shell(home.path(), script));
    pty.wait_for_text("filter: lulea");
    pty.send("\x1b");
    let (code, _) = pty.report();
    assert_eq!(code, 130);
    assert_eq!(std::fs::read(home.path().join("picked.txt")).unwrap(), b"");
}

#[test]
fn a_pasted_q_goes_into_the_filter_and_does_not_quit() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = start(home.path(), &[]);
    pty.send("\x1b[200~q\x1b[201~");
    wait_for_bar(&pty, "/ q  Enter: list  Esc: clear");
    // A pasted line break does not submit: the filter is still being typed.
    pty.send("\x1b[200~ lulea\n\x1b[201~");
    pty.wait_for_text("/ q lulea");
    assert!(pty.child.try_wait().unwrap().is_none(), "the explorer quit");
    pty.send("\x03");
    let (code, _) = pty.report();
    assert_eq!(code, 0);
}

#[test]
fn ctrl_w_left_and_home_edit_the_query() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = start(home.path(), &[]);
    pty.send("/");
    pty.type_text("tallinn kind:conf");
    pty.wait_for_text("/ tallinn kind:conf");
    pty.send("\x17"); // Ctrl-W: the whole term before the cursor
    wait_for_bar(&pty, "/ tallinn   Enter: list  Esc: clear");
    pty.send("\x1b[D"); // Left
    pty.send("\x1b[D");
    pty.type_text("X");
    pty.wait_for_text("/ tallinXn ");
    pty.send("\x1b[H"); // Home
    pty.type_text("^");
    pty.wait_for_text("/ ^tallinXn ");
    pty.send("\x01"); // Ctrl-A, then Ctrl-K: everything after the cursor
    pty.send("\x0b");
    wait_for_bar(&pty, "/   Enter: list  Esc: clear");
    pty.send("\x03");
    let (code, _) = pty.report();
    assert_eq!(code, 0);
}

#[test]
fn the_query_history_survives_a_restart() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = start(home.path(), &[]);
    pty.send("/");
    pty.type_text("lulea");
    pty.wait_for_text("filter: lulea");
    pty.send("\r");
    pty.send("q");
    let (code, _) = pty.report();
    assert_eq!(code, 0);
    let saved = home.path().join("state/history.ron");
    let start_wait = std::time::Instant::now();
    while !saved.exists() && start_wait.elapsed() < DEADLINE {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut pty = start(home.path(), &[]);
    pty.send("/");
    pty.send("\x1b[A"); // Up on an empty filter
    pty.wait_for_text("filter: lulea");
    pty.send("\x03");
    pty.report();
}

#[test]
fn y_copies_the_id_through_osc52_and_ctrl_l_repaints() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(then_report(
        explorer(home.path(), &["-q", "lulea"]),
        home.path(),
    ));
    pty.wait_until("one event listed", one_listed);
    pty.send("y");
    pty.wait_for_text("copy: i id");
    pty.send("i");
    pty.wait_for_text(&format!("copied id: {LULEA}"));
    let encoded = base64_of(LULEA);
    let sequence = format!("\x1b]52;c;{encoded}\x07");
    assert!(
        count(&pty.raw(), sequence.as_bytes()) == 1,
        "no OSC 52 with the id"
    );
    let clears = count(&pty.raw(), b"\x1b[2J");
    pty.send("\x0c"); // Ctrl-L
    pty.wait_until("a full repaint", |o| count(&o.raw, b"\x1b[2J") > clears);
    pty.send("q");
    let (code, _) = pty.report();
    assert_eq!(code, 0);
}

/// Whether the status line counts one event shown.
fn one_listed(o: &Output) -> bool {
    o.screen
        .screen()
        .contents()
        .lines()
        .any(|l| l.starts_with("1/"))
}

/// Standard base64, as OSC 52 carries text.
fn base64_of(text: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in text.as_bytes().chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn a_huge_paste_is_cut_once_and_the_explorer_stays_responsive() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = start(home.path(), &[]);
    // 256 KB of text with line breaks and a q: one insertion, one match.
    let text = "tallinn q\n".repeat(1 << 15);
    pty.send(&format!("\x1b[200~{text}\x1b[201~"));
    pty.wait_for_text("paste cut to 4096 characters");
    pty.send("\x03");
    let (code, _) = pty.report();
    assert_eq!(code, 0);
}
