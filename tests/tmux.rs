//! The explorer inside a real tmux: `y` then `i` puts the event's id in tmux's clipboard
//! through OSC 52, and Ctrl-L wipes text another program wrote over the screen.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const LULEA: &str = "2023-lulea-eu-us-ttc-ministerial";

/// A tmux server of its own (socket in a temporary folder), killed when dropped.
struct Tmux {
    socket: std::path::PathBuf,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    fn text(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.run(args).stdout).into_owned()
    }

    /// Waits until `check` holds on the pane's text; panics with it after 10 s.
    fn wait(&self, what: &str, check: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if check(&self.text(&["capture-pane", "-p"])) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "timed out waiting for {what}:\n{}",
            self.text(&["capture-pane", "-p"])
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// Whether tmux can run here; in CI (`CI` set) it must.
fn have_tmux() -> bool {
    let found = Command::new("tmux").arg("-V").output().is_ok();
    if !found && std::env::var_os("CI").is_some() {
        panic!("tmux is needed by this test in CI (.ci/run installs it)");
    }
    found
}

fn start(home: &Path) -> Tmux {
    let tmux = Tmux {
        socket: home.join("tmux.sock"),
    };
    let binary = env!("CARGO_BIN_EXE_cyberdiplo");
    let command = format!(
        "env CYBERDIPLO_CONFIG={h}/config.ron CYBERDIPLO_EVENTS_DIR={h}/events \
         CYBERDIPLO_STATE_DIR={h}/state CYBERDIPLO_CACHE_DIR={h}/cache \
         {binary} --today 2026-11-23 -q lulea; sleep 60",
        h = home.display()
    );
    let started = tmux.run(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-x",
        "120",
        "-y",
        "35",
        &command,
    ]);
    assert!(started.status.success(), "{started:?}");
    tmux.run(&["set", "-g", "set-clipboard", "on"]);
    tmux.wait("the filtered list", |t| t.contains("filter: lulea"));
    tmux
}

#[test]
fn y_puts_the_id_in_the_tmux_clipboard_and_ctrl_l_wipes_foreign_text() {
    if !have_tmux() {
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let tmux = start(home.path());
    tmux.run(&["send-keys", "y"]);
    tmux.wait("the copy menu", |t| t.contains("copy: i id"));
    tmux.run(&["send-keys", "i"]);
    tmux.wait("the copy note", |t| t.contains("copied id"));
    assert_eq!(tmux.text(&["show-buffer"]), LULEA);

    // Something else writes on the terminal, as `wall` would.
    let tty = tmux.text(&["display", "-p", "#{pane_tty}"]);
    std::fs::write(tty.trim(), "\x1b[12;12HFOREIGN WALL MESSAGE").unwrap();
    tmux.wait("the foreign text", |t| t.contains("FOREIGN WALL"));
    tmux.run(&["send-keys", "C-l"]);
    tmux.wait("a clean repaint", |t| {
        !t.contains("FOREIGN WALL") && t.contains("lulea")
    });
}
