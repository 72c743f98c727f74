//! A real pseudo-terminal for end-to-end tests: runs the explorer in it, reads what it writes
//! into a `vt100` screen, and keeps the raw bytes, so tests can assert both on what a user
//! sees and on exactly what reached the terminal.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
/// Longest wait for anything; a failing test ends here instead of hanging CI.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// What the program wrote: raw bytes and the screen they draw.
pub struct Output {
    /// Every byte the program wrote.
    pub raw: Vec<u8>,
    /// The screen those bytes draw.
    pub screen: vt100::Parser,
    /// Whether the terminal's reader has stopped.
    pub closed: bool,
}

/// A program running in a pseudo-terminal.
pub struct Pty {
    /// The program.
    pub child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Arc<Mutex<Option<Box<dyn Write + Send>>>>,
    /// What it wrote.
    pub output: Arc<Mutex<Output>>,
    stop: Arc<AtomicBool>,
    /// While set, nothing is read: the program's writes block once the terminal's buffer is
    /// full, as over a stalled link.
    paused: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

/// The explorer, isolated from the user's config, events and state, in `home`.
pub fn explorer(home: &Path, args: &[&str]) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_cyberdiplo"));
    isolate(&mut cmd, home);
    cmd.args(["--today", "2026-11-23"]);
    cmd.args(args);
    cmd
}

/// A clean environment: only PATH, TERM, HOME and cyberdiplo's own locations.
pub fn isolate(cmd: &mut CommandBuilder, home: &Path) {
    cmd.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        cmd.env("PATH", path);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home);
    cmd.env("CYBERDIPLO_CONFIG", home.join("config.ron"));
    cmd.env("CYBERDIPLO_EVENTS_DIR", home.join("events"));
    cmd.env("CYBERDIPLO_STATE_DIR", home.join("state"));
    cmd.env("CYBERDIPLO_CACHE_DIR", home.join("cache"));
    cmd.cwd(home);
}

/// Runs `cmd` under `sh`, then prints its exit code and the terminal's modes (`stty -a`),
/// so a test can read both from the screen after the program ends.
pub fn then_report(cmd: CommandBuilder, home: &Path) -> CommandBuilder {
    let argv = cmd.get_argv().clone();
    let mut sh = CommandBuilder::new("sh");
    sh.arg("-c");
    sh.arg("\"$0\" \"$@\"; echo \"exit=$?\"; stty -a; echo stty-done");
    sh.args(argv);
    isolate(&mut sh, home);
    for (key, value) in cmd.iter_full_env_as_str() {
        sh.env(key, value);
    }
    sh
}

impl Pty {
    pub fn spawn(cmd: CommandBuilder) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let master = pair.master;
        let writer = Arc::new(Mutex::new(Some(master.take_writer().unwrap())));
        let output = Arc::new(Mutex::new(Output {
            raw: Vec::new(),
            screen: vt100::Parser::new(ROWS, COLS, 0),
            closed: false,
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let paused = Arc::new(AtomicBool::new(false));
        let fd = master.as_raw_fd().unwrap();
        let mut reader = master.try_clone_reader().unwrap();
        let reader = {
            let (output, writer, stop) = (output.clone(), writer.clone(), stop.clone());
            let paused = paused.clone();
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                let mut scanned: usize = 0;
                while !stop.load(Ordering::SeqCst) {
                    if paused.load(Ordering::SeqCst) {
                        thread::sleep(Duration::from_millis(20));
                        continue;
                    }
                    // Poll with a timeout so the thread can stop and close its descriptor.
                    let mut pollfd = libc::pollfd {
                        fd,
                        events: libc::POLLIN,
                        revents: 0,
                    };
                    if unsafe { libc::poll(&mut pollfd, 1, 50) } == 0 {
                        continue;
                    }
                    let n = match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    let mut out = output.lock().unwrap();
                    out.raw.extend_from_slice(&buf[..n]);
                    out.screen.process(&buf[..n]);
                    // Answer cursor position queries, as a terminal would.
                    let query = b"\x1b[6n";
                    let from = scanned.saturating_sub(query.len());
                    let asks = out.raw[from..].windows(query.len()).filter(|w| w == query);
                    if asks.count() > 0 {
                        let (row, col) = out.screen.screen().cursor_position();
                        let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                        if let Some(w) = writer.lock().unwrap().as_mut() {
                            let _ = w.write_all(reply.as_bytes());
                        }
                    }
                    scanned = out.raw.len();
                }
                output.lock().unwrap().closed = true;
            })
        };
        Pty {
            child,
            master: Some(master),
            writer,
            output,
            stop,
            paused,
            reader: Some(reader),
        }
    }

    /// Stops reading what the program writes, as a stalled terminal would.
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }

    /// Reads again after [`Pty::pause`].
    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }

    /// Resizes the terminal, which sends the program SIGWINCH.
    pub fn resize(&self, rows: u16, cols: u16) {
        if let Some(master) = &self.master {
            let size = PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            };
            master.resize(size).unwrap();
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    pub fn send(&self, bytes: &str) {
        let mut writer = self.writer.lock().unwrap();
        let writer = writer.as_mut().unwrap();
        writer.write_all(bytes.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Types text one key at a time, as a person would.
    pub fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.send(&c.to_string());
            thread::sleep(Duration::from_millis(15));
        }
    }

    pub fn screen(&self) -> String {
        self.output.lock().unwrap().screen.screen().contents()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.output.lock().unwrap().raw.clone()
    }

    /// Waits until `check` holds on the output; panics with the screen after the deadline.
    pub fn wait_until(&self, what: &str, check: impl Fn(&Output) -> bool) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if check(&self.output.lock().unwrap()) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    pub fn wait_for_text(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |o| {
            o.screen.screen().contents().contains(text)
        });
    }

    /// Waits for the process to end; kills it and panics after `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!(
            "the process did not exit within {limit:?}; screen:\n{}",
            self.screen()
        );
    }

    /// Waits for a report from [`then_report`] and returns its exit code and `stty` modes.
    pub fn report(&mut self) -> (i32, Vec<String>) {
        self.wait_for_text("stty-done");
        let screen = self.screen();
        let code = screen
            .split("exit=")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no exit code on screen:\n{screen}"));
        let modes = screen
            .split(|c: char| c.is_whitespace() || c == ';')
            .map(str::to_string)
            .collect();
        self.wait_exit(DEADLINE);
        (code, modes)
    }

    /// Closes the terminal: every descriptor of the master side, as when SSH drops.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        self.writer.lock().unwrap().take();
        self.master.take();
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        self.stop.store(true, Ordering::SeqCst);
    }
}

pub fn kill(pid: u32, signal: &str) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// The single-letter state of a process in /proc (`T` when stopped), if it still exists.
pub fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit(')').next()?.trim().chars().next()
}

/// The pid of the only child of `parent` (the explorer under `sh`).
pub fn child_of(parent: u32) -> u32 {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            let ppid = stat
                .rsplit(')')
                .next()
                .and_then(|rest| rest.split_whitespace().nth(1).and_then(|p| p.parse().ok()));
            if ppid == Some(parent) {
                return pid;
            }
        }
        thread::sleep(Duration::from_millis(20));
    }
    panic!("no child of {parent}");
}

pub fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

pub fn last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Asserts the terminal was given back exactly once: main screen, cursor shown, mouse off,
/// bracketed paste off; and, from `stty`, line mode and echo on.
pub fn assert_restored(raw: &[u8], modes: &[String]) {
    let text = String::from_utf8_lossy(raw);
    let enter = last(raw, b"\x1b[?1049h").expect("never entered the alternate screen");
    assert_eq!(
        count(raw, b"\x1b[?1049h"),
        count(raw, b"\x1b[?1049l"),
        "the alternate screen is left once per entry: {text:?}"
    );
    let leave = last(raw, b"\x1b[?1049l").expect("never left the alternate screen");
    assert!(leave > enter);
    for (what, seq) in [
        ("cursor shown", &b"\x1b[?25h"[..]),
        ("mouse off", b"\x1b[?1000l"),
        ("bracketed paste off", b"\x1b[?2004l"),
    ] {
        assert!(
            last(raw, seq).is_some_and(|at| at > enter),
            "{what} missing after the last entry"
        );
    }
    for mode in ["icanon", "echo", "isig"] {
        assert!(
            modes.iter().any(|m| m == mode),
            "{mode} not restored: {modes:?}"
        );
    }
}

pub fn start(home: &Path, args: &[&str]) -> Pty {
    let pty = Pty::spawn(then_report(explorer(home, args), home));
    pty.wait_for_text("25/25 events");
    pty
}
