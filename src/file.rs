//! Opening the files this program reads: regular files only, and no larger than a limit.
//!
//! A FIFO, a device, a socket or a folder given as an event file, config or marks file is
//! refused at once with an error naming it: the type is checked before opening, the open
//! itself does not block (`O_NONBLOCK` on unix, so a FIFO with no writer cannot hang it),
//! and the opened descriptor is checked again, in case the path was swapped in between.
//! Sizes are checked before reading and while reading, so `/dev/zero` behind a symlink or a
//! file that keeps growing cannot exhaust memory.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// Environment variable: the largest event file read, in MB (default 512).
pub const ENV_MAX_EVENT_FILE_MB: &str = "CYBERDIPLO_MAX_EVENT_FILE_MB";
/// Environment variable: the largest config file read, in KB (default 1024).
pub const ENV_MAX_CONFIG_KB: &str = "CYBERDIPLO_MAX_CONFIG_KB";

/// The largest event file read unless [`ENV_MAX_EVENT_FILE_MB`] says otherwise.
pub const DEFAULT_MAX_EVENT_FILE: u64 = 512 << 20;
/// The largest config file read unless [`ENV_MAX_CONFIG_KB`] says otherwise.
pub const DEFAULT_MAX_CONFIG: u64 = 1 << 20;
/// The largest marks file read: far above any real one (ids are at most 120 characters).
pub const MAX_MARKS: u64 = 64 << 20;

/// What a size limit applies to, with how it is named and configured.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// Largest size in bytes.
    pub bytes: u64,
    /// What the file is, for messages: `event files`, `the config file`.
    pub what: &'static str,
    /// The environment variable that raises it, if any.
    pub env: Option<&'static str>,
}

impl Limit {
    /// The limit for event files: [`ENV_MAX_EVENT_FILE_MB`] or 512 MB.
    pub fn event_file() -> Limit {
        Limit {
            bytes: from_env(ENV_MAX_EVENT_FILE_MB, 1 << 20).unwrap_or(DEFAULT_MAX_EVENT_FILE),
            what: "event files",
            env: Some(ENV_MAX_EVENT_FILE_MB),
        }
    }

    /// The limit for the config file: [`ENV_MAX_CONFIG_KB`] or 1 MB.
    pub fn config() -> Limit {
        Limit {
            bytes: from_env(ENV_MAX_CONFIG_KB, 1 << 10).unwrap_or(DEFAULT_MAX_CONFIG),
            what: "the config file",
            env: Some(ENV_MAX_CONFIG_KB),
        }
    }

    /// The fixed limit for the marks file.
    pub fn marks() -> Limit {
        Limit {
            bytes: MAX_MARKS,
            what: "the marks file",
            env: None,
        }
    }

    fn exceeded(&self, size: Option<u64>) -> io::Error {
        let size = size.map_or("larger than".to_string(), |s| format!("{}, over", human(s)));
        let raise = self
            .env
            .map_or(String::new(), |env| format!(" (set {env} to raise it)"));
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "{size} the {} limit for {}{raise}",
                human(self.bytes),
                self.what
            ),
        )
    }
}

/// A positive whole number of `unit` bytes from the environment variable `name`.
fn from_env(name: &str, unit: u64) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    let n: u64 = value.trim().parse().ok().filter(|n| *n > 0)?;
    n.checked_mul(unit)
}

/// A size for messages: `512 MB`, `1 MB`, `4 KB`, `12 bytes`.
fn human(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MB", b >> 20),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{} KB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// What a non-regular file is, for messages; `None` for a regular file.
fn kind_of(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    if t.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// Checks that `meta` is a regular file's; the error says what it is instead.
///
/// Errors of this module do not name the file: callers add the name as they show it.
pub fn check_kind(meta: &Metadata) -> io::Result<()> {
    match kind_of(meta) {
        None => Ok(()),
        Some(kind) => Err(not_regular(kind)),
    }
}

/// An error saying the file is `kind`, not a regular file.
fn not_regular(kind: &str) -> io::Error {
    let error_kind = if kind == "a folder" {
        io::ErrorKind::IsADirectory
    } else {
        io::ErrorKind::InvalidInput
    };
    io::Error::new(error_kind, format!("is {kind}, not a regular file"))
}

/// Checks that `path` (after symlinks) is a regular file, without opening it.
pub fn check_regular(path: &Path) -> io::Result<Metadata> {
    let meta = fs::metadata(path)?;
    check_kind(&meta)?;
    Ok(meta)
}

/// Opens a file this program wrote itself (the cache) for reading, only if it is a regular
/// file: a FIFO does not block (`O_NONBLOCK`) and anything else is refused. Unlike
/// [`open_regular`] (event files may be links on purpose), a link is never followed
/// (`O_NOFOLLOW`): the folder holds only what this program wrote, so a link there was planted.
pub fn open_own_regular(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a file"));
    }
    Ok(file)
}

/// Opens a regular file for reading; anything else is an error naming what it is. Never
/// blocks on a FIFO. Errors from the system (not found, permission) keep their kind.
pub fn open_regular(path: &Path) -> io::Result<(File, Metadata)> {
    check_regular(path)?;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Only matters if a FIFO was swapped in after the check: the open returns at once.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    check_kind(&meta)?;
    Ok((file, meta))
}

/// Reads a whole regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: Limit) -> io::Result<Vec<u8>> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit.bytes {
        return Err(limit.exceeded(Some(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte over the limit tells a file that grew since it was measured.
    file.take(limit.bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit.bytes {
        return Err(limit.exceeded(None));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Limit = Limit {
        bytes: 8,
        what: "test files",
        env: Some("TEST_LIMIT"),
    };

    #[test]
    fn reads_regular_files_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        fs::write(&path, "12345678").unwrap();
        assert_eq!(read_regular(&path, SMALL).unwrap(), b"12345678");
        fs::write(&path, "123456789").unwrap();
        let e = read_regular(&path, SMALL).unwrap_err().to_string();
        assert!(
            e.ends_with(
                "9 bytes, over the 8 bytes limit for test files (set TEST_LIMIT to raise it)"
            ),
            "{e}"
        );
    }

    #[test]
    fn a_folder_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_regular(dir.path(), SMALL).unwrap_err();
        assert!(
            e.to_string().ends_with("is a folder, not a regular file"),
            "{e}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_and_a_device_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.ron");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: `c` is a valid NUL-terminated path for the whole call.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_regular(&fifo, SMALL).unwrap_err().to_string();
        assert!(
            e.ends_with("is a FIFO (named pipe), not a regular file"),
            "{e}"
        );
        let e = read_regular(Path::new("/dev/zero"), SMALL).unwrap_err();
        assert!(e.to_string().contains("is a character device"), "{e}");
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human(512 << 20), "512 MB");
        assert_eq!(human(1 << 20), "1 MB");
        assert_eq!(human(3 << 19), "1.5 MB");
        assert_eq!(human(2048), "2 KB");
        assert_eq!(human(9), "9 bytes");
    }
}
