//! One state file: a bounded read that refuses anything but a regular file, and an atomic
//! replacement through `crate::atomic`.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// Largest state file read, so a file replaced by something huge cannot eat memory.
pub const MAX_BYTES: u64 = 16 << 20;

/// The bytes of the file at `path`, or `None` when there is none.
///
/// Errors name the file: not a regular file (a FIFO would hang the reader), larger than
/// `limit`, or unreadable.
pub fn read(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(named(e)),
    };
    if !meta.is_file() {
        return Err(named(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    if meta.len() > limit {
        return Err(named(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {limit} bytes"),
        )));
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(named)?;
    if bytes.len() as u64 > limit {
        return Err(named(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {limit} bytes"),
        )));
    }
    Ok(Some(bytes))
}

/// The text of the file at `path` (see [`read`]); not UTF-8 is an error naming the file.
pub fn read_text(path: &Path) -> io::Result<Option<String>> {
    match read(path, MAX_BYTES)? {
        None => Ok(None),
        Some(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: not UTF-8", path.display()),
            )
        }),
    }
}

/// Replaces the file at `path` with `bytes`, atomically, through the program's one atomic
/// writer (`crate::atomic`): a reader sees the old file or the new one. A symlinked file is
/// written through to its target, as editors do, so dotfile managers keep their link.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = crate::atomic::resolve_links(path)?;
    fs::create_dir_all(crate::atomic::folder_of(&target))?;
    crate::atomic::write(&target, bytes, crate::atomic::Replace::Allow)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", target.display())))
}

/// `file:line:col: message` for a RON error in a state file; the message is escaped, as
/// it may quote the file's text.
pub fn ron_error(path: &Path, e: &ron::error::SpannedError) -> String {
    format!(
        "{}:{}:{}: {}",
        path.display(),
        e.span.start.line,
        e.span.start.col,
        crate::text::escape_for_message(&e.code.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_atomically_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/views.ron");
        assert!(read_text(&path).unwrap().is_none());
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(read_text(&path).unwrap().as_deref(), Some("two"));
        let names: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn refuses_a_folder_and_a_file_over_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path(), 10).unwrap_err().to_string();
        assert!(err.ends_with("not a regular file"), "{err}");
        let big = dir.path().join("big");
        fs::write(&big, [b'x'; 11]).unwrap();
        let err = read(&big, 10).unwrap_err().to_string();
        assert!(err.contains("big: larger than 10 bytes"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_file_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }
}
