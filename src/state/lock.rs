//! The lock that serialises saves of one marks file between processes.
//!
//! `<marks>.lock` is opened without following a symlink and without blocking on a FIFO,
//! must be a regular file, and is locked with the standard library's advisory file lock,
//! retried until a timeout: a stuck or hostile holder costs a message, never a frozen save.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often a held lock is tried again.
const RETRY: Duration = Duration::from_millis(20);

/// The lock file next to `path`: `<path>.lock`.
pub(super) fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Holds an exclusive lock on `<path>.lock` until the returned file is dropped; waits at
/// most `timeout` for another holder to let go.
pub(super) fn acquire(path: &Path, timeout: Duration) -> io::Result<File> {
    let lock = lock_path(path);
    let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", lock.display()));
    if let Ok(meta) = std::fs::symlink_metadata(&lock) {
        crate::file::check_kind(&meta).map_err(named)?;
    }
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(&lock).map_err(named)?;
    crate::file::check_kind(&file.metadata()?).map_err(named)?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if start.elapsed() < timeout => {
                std::thread::sleep(RETRY);
            }
            Err(TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "{}: held by another process for over {} s",
                        lock.display(),
                        timeout.as_secs_f32()
                    ),
                ));
            }
            Err(TryLockError::Error(e)) => return Err(named(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_times_out_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marks.ron");
        let held = acquire(&path, Duration::ZERO).unwrap();
        let e = acquire(&path, Duration::from_millis(40)).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
        assert!(
            e.to_string()
                .contains("marks.ron.lock: held by another process"),
            "{e}"
        );
        drop(held);
        acquire(&path, Duration::ZERO).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_lock_file_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marks.ron");
        let victim = dir.path().join("victim");
        std::os::unix::fs::symlink(&victim, lock_path(&path)).unwrap();
        assert!(acquire(&path, Duration::ZERO).is_err());
        assert!(!victim.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_as_the_lock_file_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marks.ron");
        let lock = lock_path(&path);
        let c = std::ffi::CString::new(lock.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: `c` is a valid NUL-terminated path for the whole call.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = acquire(&path, Duration::ZERO).unwrap_err();
        assert!(
            e.to_string()
                .ends_with("marks.ron.lock: is a FIFO (named pipe), not a regular file"),
            "{e}"
        );
    }
}
