//! The terminal while the explorer runs: taking it, giving it back (once), suspending.
//!
//! Restoring is idempotent because several paths reach it: the guard at the end of the run,
//! the panic hook, a suspend. Giving the terminal back twice would be harmful, not just
//! useless: leaving the alternate screen a second time restores a saved cursor position
//! again, over whatever was printed after the first time (a panic message, say).

use std::fs::File;
use std::io::{self, Write, stdout};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::backend::CrosstermBackend;

/// The terminal the explorer draws on.
pub type Screen = ratatui::Terminal<CrosstermBackend<Out>>;

/// The controlling terminal, when pick mode draws there to keep standard output for its
/// answer.
static TTY: OnceLock<File> = OnceLock::new();

/// Where the explorer writes: the controlling terminal in pick mode, else standard output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Out;

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match TTY.get() {
            Some(mut tty) => tty.write(buf),
            None => stdout().write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match TTY.get() {
            Some(mut tty) => tty.flush(),
            None => stdout().flush(),
        }
    }
}

/// Draws on the controlling terminal from now on instead of standard output.
pub(super) fn use_tty(tty: File) {
    let _ = TTY.set(tty);
}

/// Mouse reporting limited to buttons and the wheel (X10/normal tracking with SGR
/// coordinates): no motion events, so nothing is sent while the pointer only moves, and
/// terminals keep shift-drag for their own selection.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";

/// Writes `bytes` to the terminal at once (an OSC 52 copy, say).
pub(super) fn send(bytes: &[u8]) -> io::Result<()> {
    let mut out = Out;
    out.write_all(bytes)?;
    out.flush()
}

/// Whether the terminal is in the explorer's modes and must be given back.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse capture is part of those modes.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Takes the terminal: panic hook, raw mode, alternate screen, mouse capture if asked.
///
/// This is `ratatui::try_init` with a panic hook that restores at most once and ends the
/// process: a panic on any thread leaves no half-restored explorer running.
pub(super) fn init(mouse: bool) -> io::Result<Screen> {
    install_panic_hook();
    enter(mouse)?;
    ratatui::Terminal::new(CrosstermBackend::new(Out))
}

/// Puts the terminal in the explorer's modes.
fn enter(mouse: bool) -> io::Result<()> {
    MOUSE.store(mouse, Ordering::SeqCst);
    // Marked first, so that a failure half way is still undone.
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    // Pastes arrive as one event, never as keys: a pasted `q` does not quit.
    execute!(Out, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        send(MOUSE_ON.as_bytes())?;
    }
    Ok(())
}

/// Gives the terminal back as it was: line mode and echo, main screen, cursor shown, mouse
/// capture and bracketed paste off. Does nothing when already done.
pub fn restore() {
    restore_into(&mut Out);
}

fn restore_into(out: &mut impl Write) {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    // Every step is tried even if one fails: a gone terminal fails them all harmlessly.
    let _ = disable_raw_mode();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = queue!(out, DisableMouseCapture);
    }
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
}

/// Hands the terminal back, stops the process until SIGCONT, then takes the terminal again.
pub(super) fn suspend(terminal: &mut Screen) -> io::Result<()> {
    let mouse = MOUSE.load(Ordering::SeqCst);
    restore();
    crate::signal::stop()?;
    enter(mouse)?;
    repaint(terminal)
}

/// After the process continued from a stop it did not ask for: sets raw mode and mouse
/// capture again (the shell may have reset them) and clears, so the next draw repaints all.
pub(super) fn redraw(terminal: &mut Screen) -> io::Result<()> {
    if ACTIVE.load(Ordering::SeqCst) {
        // crossterm skips enabling raw mode when it believes it is on, so turn it off first.
        let _ = disable_raw_mode();
        enable_raw_mode()?;
        if MOUSE.load(Ordering::SeqCst) {
            send(MOUSE_ON.as_bytes())?;
        }
    }
    repaint(terminal)
}

/// Clears the screen and forgets what was drawn, so the next draw repaints every cell.
///
/// Not `Terminal::clear`: it asks the terminal for the cursor position, and the answer goes
/// to the input reader thread instead, so it fails after a timeout.
fn repaint(terminal: &mut Screen) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Restores the terminal when dropped, so early `?` returns and unwinding give it back too.
pub(super) struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// On a panic: restore the terminal, then report (through the previous hook), then exit
/// with the usual panic code, whichever thread panicked.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        std::process::exit(101);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restoring_twice_writes_once() {
        ACTIVE.store(true, Ordering::SeqCst);
        MOUSE.store(true, Ordering::SeqCst);
        let (mut first, mut second) = (Vec::new(), Vec::new());
        restore_into(&mut first);
        restore_into(&mut second);
        let first = String::from_utf8(first).unwrap();
        for seq in ["\x1b[?1049l", "\x1b[?25h", "\x1b[?1000l", "\x1b[?2004l"] {
            assert!(first.contains(seq), "{seq:?} in {first:?}");
        }
        assert!(second.is_empty(), "{second:?}");
    }
}
