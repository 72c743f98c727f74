//! Signals and hang-ups, turned into messages for the run loop.
//!
//! SIGTERM, SIGHUP and SIGINT end the explorer cleanly (marks saved, terminal restored),
//! SIGTSTP suspends it as Ctrl-Z does, and SIGCONT redraws it. A terminal that disappears
//! without a SIGHUP (the signal ignored, or sent elsewhere) is noticed by a thread that waits
//! for the hang-up on the terminal itself: the input reader cannot tell, because a hung-up
//! terminal makes crossterm's read retry forever instead of failing.

use std::io;
use std::sync::mpsc::Sender;

use crate::app::Message;

/// How long the loop has to finish after a terminating signal before the process exits anyway
/// (say, when a write to a stalled terminal blocks it). Marks are saved as they change, so
/// exiting here loses nothing.
#[cfg(unix)]
const GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// Starts a thread that forwards signals to the loop as messages.
///
/// `restore` gives the terminal back; it runs before the forced exit when the loop did not
/// finish within the grace period, so even a stuck explorer leaves a usable terminal.
#[cfg(unix)]
pub fn spawn<T: From<Message> + Send + 'static>(tx: Sender<T>, restore: fn()) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    use signal_hook::iterator::Signals;

    let mut wanted = vec![SIGTERM, SIGINT, SIGCONT, SIGTSTP];
    // Under `nohup` SIGHUP stays ignored; the hang-up watcher still ends the explorer when
    // its terminal goes away.
    if !is_ignored(SIGHUP) {
        wanted.push(SIGHUP);
    }
    let mut signals = Signals::new(&wanted)?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let message = match signal {
                    SIGCONT => Message::Resume,
                    SIGTSTP => Message::Suspend,
                    other => Message::Terminate(other),
                };
                let terminating = matches!(message, Message::Terminate(_));
                if tx.send(message.into()).is_err() {
                    return;
                }
                if terminating {
                    std::thread::sleep(GRACE);
                    force_exit(restore, 128 + signal);
                }
            }
        })?;
    Ok(())
}

/// Signals are not handled on this platform.
#[cfg(not(unix))]
pub fn spawn<T>(_tx: Sender<T>, _restore: fn()) -> io::Result<()> {
    Ok(())
}

/// Restores the terminal, waiting at most a second (the stuck loop may hold the output,
/// and restoring writes to it; the modes are reset first, without writing), then exits.
#[cfg(unix)]
fn force_exit(restore: fn(), code: i32) -> ! {
    let (done, restored) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("restore".into())
        .spawn(move || {
            restore();
            let _ = done.send(());
        });
    if spawned.is_ok() {
        let _ = restored.recv_timeout(std::time::Duration::from_secs(1));
    }
    std::process::exit(code);
}

/// Stops the process as SIGTSTP's default action would, until SIGCONT (`fg`) resumes it.
///
/// SIGSTOP is used because SIGTSTP has a handler here, and because the kernel discards
/// SIGTSTP for a process group that no shell controls.
#[cfg(unix)]
pub fn stop() -> io::Result<()> {
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)
}

/// Suspending is not supported on this platform.
#[cfg(not(unix))]
pub fn stop() -> io::Result<()> {
    Ok(())
}

/// Starts a thread that waits for the terminal to hang up, then sends `Message::Fail`.
#[cfg(unix)]
pub fn watch_hangup<T: From<Message> + Send + 'static>(tx: Sender<T>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("hangup".into())
        .spawn(move || {
            if wait_for_hangup() {
                let _ = tx.send(Message::Fail("the terminal is gone".into()).into());
            }
        })?;
    Ok(())
}

/// Hang-ups are not watched on this platform.
#[cfg(not(unix))]
pub fn watch_hangup<T>(_tx: Sender<T>) -> io::Result<()> {
    Ok(())
}

/// Blocks until standard input or output, when a terminal, hangs up; false if it cannot tell.
///
/// With no events asked for, `poll` only wakes for a hang-up or an error, so this costs
/// nothing while the terminal lives.
#[cfg(unix)]
fn wait_for_hangup() -> bool {
    let mut fds: Vec<libc::pollfd> = [libc::STDIN_FILENO, libc::STDOUT_FILENO]
        .into_iter()
        // SAFETY: isatty only inspects the descriptor.
        .filter(|&fd| unsafe { libc::isatty(fd) } == 1)
        .map(|fd| libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        })
        .collect();
    if fds.is_empty() {
        return false;
    }
    loop {
        // SAFETY: `fds` is a valid array of `fds.len()` pollfd structs for the whole call.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, -1) };
        if ready > 0 {
            return true;
        }
        if ready < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            return false;
        }
    }
}

/// Whether `signal` is ignored, as `nohup` leaves SIGHUP.
#[cfg(unix)]
fn is_ignored(signal: libc::c_int) -> bool {
    // SAFETY: an all-zero sigaction is a valid value to read into; a null new action makes
    // sigaction only report the current one.
    unsafe {
        let mut current: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut current) == 0
            && current.sa_sigaction == libc::SIG_IGN
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn reports_whether_a_signal_is_ignored() {
        // The test harness leaves SIGUSR2 at its default.
        assert!(!is_ignored(libc::SIGUSR2));
    }
}
