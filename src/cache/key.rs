//! What a cache was made from, and whether the sources are still that.
//!
//! Each source file is stamped by size, modification and change time to the nanosecond,
//! device and inode. `touch` can set the modification time back but not the change time, so
//! an edit that keeps size and mtime still changes the stamp. When a stamp differs the file is
//! hashed (BLAKE3) and compared with the hash stored when the cache was made: same content,
//! the cache is still good; anything else, or any doubt, and the sources are parsed again.
//! So a start with untouched sources reads only metadata, never the whole archive.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::codec::{Decoder, Encoder};
use crate::model::load::{self, BUNDLED_TEXT, LoadOptions};

/// Size, times and identity of a file: equal stamps mean the same file, untouched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
    dev: u64,
    ino: u64,
}

impl Stamp {
    #[cfg(unix)]
    fn of(meta: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            size: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }

    /// Without change times and inodes a stamp proves nothing: size only, so that every
    /// start hashes the content.
    #[cfg(not(unix))]
    fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            size: meta.len(),
            ..Stamp::default()
        }
    }

    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Whether two equal stamps can be trusted to mean an untouched file.
    fn proves(&self) -> bool {
        cfg!(unix)
    }
}

/// One source file as the cache knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileKey {
    /// The path as given (named in errors and origins).
    pub name: String,
    /// The canonical path, so two spellings of one file share a cache.
    pub canonical: PathBuf,
    /// The file's stamp now (or when the cache was made, for a stored key).
    pub stamp: Stamp,
}

/// The current stamp of every source file, or `None` when one cannot be read (then the
/// loader reports it, and no cache is used).
pub fn current(options: &LoadOptions) -> Option<Vec<FileKey>> {
    let mut errors = Vec::new();
    let mut keys = Vec::new();
    for path in &options.paths {
        for file in load::expand(path, &mut errors) {
            let meta = std::fs::metadata(&file).ok()?;
            if !meta.is_file() {
                return None;
            }
            keys.push(FileKey {
                name: file.display().to_string(),
                canonical: std::fs::canonicalize(&file).ok()?,
                stamp: Stamp::of(&meta),
            });
        }
    }
    errors.is_empty().then_some(keys)
}

/// The BLAKE3 hash of a file's content, streamed (nothing is held in memory).
pub fn content_hash(path: &Path) -> io::Result<[u8; 32]> {
    let mut file = File::open(path)?;
    let mut hasher = blake3::Hasher::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(*hasher.finalize().as_bytes())
}

/// Encodes the key block: program, options, and for each file its stamp and hash.
pub fn encode(options: &LoadOptions, keys: &[FileKey], hashes: &[[u8; 32]], enc: &mut Encoder) {
    enc.str(env!("CARGO_PKG_VERSION"));
    enc.uint(u64::from(options.bundled));
    enc.bytes
        .extend_from_slice(blake3::hash(BUNDLED_TEXT.as_bytes()).as_bytes());
    enc.uint(keys.len() as u64);
    for (k, hash) in keys.iter().zip(hashes) {
        let FileKey {
            name,
            canonical,
            stamp,
        } = k;
        enc.str(name);
        enc.str(&canonical.to_string_lossy());
        let Stamp {
            size,
            mtime,
            ctime,
            dev,
            ino,
        } = *stamp;
        for n in [
            size,
            mtime.0 as u64,
            mtime.1 as u64,
            ctime.0 as u64,
            ctime.1 as u64,
        ] {
            enc.uint(n);
        }
        enc.uint(dev);
        enc.uint(ino);
        enc.bytes.extend_from_slice(hash);
    }
}

/// What comparing a stored key with the sources found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every stamp is as stored: nothing was hashed.
    Untouched,
    /// Some stamps changed (a `touch`, a copy back) but every content hash is as stored:
    /// the cache holds, and its key is worth rewriting with these hashes and the new stamps,
    /// so that the next start need not hash again.
    SameContent(Vec<[u8; 32]>),
    /// Another program, other options, other files, other content, or any doubt.
    Changed,
}

/// Compares the key block `bytes` with the sources as they are now. Hashes a file only
/// when its stamp changed; any doubt (an unreadable file, a malformed key) says changed.
pub fn compare(bytes: &[u8], options: &LoadOptions, keys: &[FileKey]) -> Verdict {
    let check = || -> Option<Verdict> {
        let mut dec = Decoder::new(bytes);
        let same = dec.str()? == env!("CARGO_PKG_VERSION")
            && dec.uint()? == u64::from(options.bundled)
            && dec.take(32)? == blake3::hash(BUNDLED_TEXT.as_bytes()).as_bytes()
            && dec.uint()? == keys.len() as u64;
        if !same {
            return Some(Verdict::Changed);
        }
        let (mut hashes, mut touched) = (Vec::with_capacity(keys.len()), false);
        for key in keys {
            let (name, canonical) = (dec.str()?, dec.str()?);
            let mut n = || dec.uint();
            let stamp = Stamp {
                size: n()?,
                mtime: (n()? as i64, n()? as i64),
                ctime: (n()? as i64, n()? as i64),
                dev: n()?,
                ino: n()?,
            };
            let hash: [u8; 32] = dec.take(32)?.try_into().ok()?;
            if name != key.name || canonical != key.canonical.to_string_lossy() {
                return Some(Verdict::Changed);
            }
            let untouched = stamp == key.stamp && key.stamp.proves();
            let same_content = || {
                stamp.size == key.stamp.size
                    && content_hash(&key.canonical).is_ok_and(|h| h == hash)
            };
            if !untouched && !same_content() {
                return Some(Verdict::Changed);
            }
            touched |= !untouched;
            hashes.push(hash);
        }
        Some(match (dec.is_done(), touched) {
            (false, _) => Verdict::Changed,
            (true, false) => Verdict::Untouched,
            (true, true) => Verdict::SameContent(hashes),
        })
    };
    check().unwrap_or(Verdict::Changed)
}
