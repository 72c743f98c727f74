//! One state file: a bounded read that refuses anything but a regular file, and an atomic
//! replacement through a temporary file with an unpredictable name in the same folder.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

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

/// Replaces the file at `path` with `bytes`, atomically: a reader sees the old file or the
/// new one, never half of one. A symlinked file is written through to its target, as
/// editors do, so dotfile managers keep their link.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir)?;
    let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", target.display()));
    // `tempfile` creates with O_EXCL under a random name: nothing planted there is followed.
    let mut temp = tempfile::NamedTempFile::new_in(&dir).map_err(named)?;
    temp.write_all(bytes).map_err(named)?;
    temp.as_file().sync_all().map_err(named)?;
    temp.persist(&target).map_err(|e| named(e.error))?;
    // Make the rename itself durable; not every platform can open a folder.
    if let Ok(folder) = fs::File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// The file a write to `path` should replace: the target of a symlink, else `path`.
fn resolve(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
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
