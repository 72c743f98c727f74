//! Atomic file writes: the one way this program writes a file a user may read or keep.
//!
//! The bytes go to a temporary file created in the target's folder with `O_EXCL` and an
//! unpredictable name (`tempfile`), so a symlink or file planted at a guessable name is never
//! followed or truncated. The file is fsynced, renamed over the target (or linked into place
//! without ever replacing one, see [`Replace::Never`]), and the folder is fsynced so the
//! rename survives a crash. A reader sees the old file or the new one, never half of either.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Whether a write may replace a file already at the target path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Rename over whatever is at the path (the path itself, not a symlink's target).
    Allow,
    /// Fail with `AlreadyExists` if anything is at the path, even one created a moment ago
    /// by someone else: the check and the placing are one step.
    Never,
}

/// Writes `bytes` to `path` atomically; see the module documentation.
pub fn write(path: &Path, bytes: &[u8], replace: Replace) -> io::Result<()> {
    write_with(path, replace, |file| file.write_all(bytes))
}

/// Like [`write()`], with the content produced by `fill`, which writes into the temporary
/// file (wrap it in a `BufWriter` for many small writes). Nothing reaches `path` unless
/// `fill` succeeds.
pub fn write_with(
    path: &Path,
    replace: Replace,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let dir = folder_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // Files of this program are ordinary user files: 0666 less the umask, as `File::create`
    // would make them, rather than tempfile's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    fill(temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    let placed = match replace {
        Replace::Allow => temp.persist(path),
        Replace::Never => temp.persist_noclobber(path),
    };
    // On error the temporary file is removed when the returned handle drops.
    placed.map_err(|e| e.error)?;
    sync_folder(dir);
    Ok(())
}

/// The folder a file lives in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes a rename in `dir` durable; not every platform can open a folder, so failures are
/// ignored (the data itself was already fsynced).
pub fn sync_folder(dir: &Path) {
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
}

/// The file a path finally names, following symlinks (also dangling ones) without
/// requiring the target to exist, so a write can go *through* a link on purpose, as
/// editors do with dotfiles managed as links. A path that is not a link is returned as is;
/// a chain longer than 40 links is an error, as the kernel's limit.
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = folder_of(&current).join(target);
            }
            Ok(_) => return Ok(current),
            // Nothing there (yet): the caller's own open or create reports it.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(current);
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}: too many levels of symbolic links", path.display()),
    ))
}

/// A name next to `path` that nothing uses yet, of the form `<name>.<tag>-<n>`, created
/// empty and exclusively (so two processes never get the same one); the caller renames over
/// it. Used to set files aside without ever overwriting an earlier one.
pub fn reserve_aside(path: &Path, tag: &str) -> io::Result<PathBuf> {
    let mut base = path.as_os_str().to_owned();
    base.push(format!(".{tag}-"));
    for n in 0..10_000u32 {
        let mut candidate = base.clone();
        candidate.push(n.to_string());
        let candidate = PathBuf::from(candidate);
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(_) => return Ok(candidate),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{}: no free name to set it aside", path.display()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_replaces_when_allowed_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write(&path, b"one", Replace::Never).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        let err = write(&path, b"two", Replace::Never).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        write(&path, b"two", Replace::Allow).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["out.txt"]);
    }

    #[test]
    fn a_failed_fill_leaves_the_target_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "kept").unwrap();
        let err = write_with(&path, Replace::Allow, |_| Err(io::Error::other("boom")));
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "kept");
        assert_eq!(names(dir.path()), ["out.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn planted_symlinks_at_old_temporary_names_are_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let path = dir.path().join("marks.ron");
        // The names the earlier writers used, predictable from the process id.
        let pid = std::process::id();
        for name in [
            format!(".marks.ron.tmp-{pid}"),
            format!(".marks.ron.probe-{pid}"),
            format!(".marks.ron.{pid}.tmp"),
        ] {
            std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
        }
        write(&path, b"(marks: [])", Replace::Allow).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::read_to_string(&path).unwrap(), "(marks: [])");
    }

    #[cfg(unix)]
    #[test]
    fn links_resolve_to_their_final_target_even_when_dangling() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        std::os::unix::fs::symlink("real.ron", dir.path().join("one")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("one"), dir.path().join("two")).unwrap();
        assert_eq!(resolve_links(&dir.path().join("two")).unwrap(), real);
        std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
        assert!(resolve_links(&dir.path().join("loop")).is_err());
    }

    #[test]
    fn set_aside_names_never_collide() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marks.ron");
        let first = reserve_aside(&path, "corrupt").unwrap();
        let second = reserve_aside(&path, "corrupt").unwrap();
        assert_ne!(first, second);
        assert!(first.exists() && second.exists());
    }
}
