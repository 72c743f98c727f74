//! Cache tests: a hit gives the same catalog as parsing; any change to a file is noticed.

use super::*;
use format::{Block, Layout};
use std::fs::File;

fn archive(dir: &Path, count: usize, seed: u64) -> PathBuf {
    let path = dir.join("events.ron");
    let mut out = Vec::new();
    cyberdiplo_devtools::synth::generate(count, seed, &mut out).unwrap();
    std::fs::write(&path, out).unwrap();
    path
}

fn options(path: &Path) -> LoadOptions {
    LoadOptions {
        bundled: true,
        paths: vec![path.to_path_buf()],
    }
}

fn ids(catalog: &Catalog) -> Vec<&str> {
    catalog.events.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn a_second_load_comes_from_the_cache_and_is_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = archive(dir.path(), 700, 3);
    let (first, used) = load_cached(&options(&file), Some(&cache));
    assert_eq!(used, CacheUse::Stored);
    assert_eq!(first.events.len(), 725);
    let (second, used) = load_cached(&options(&file), Some(&cache));
    assert_eq!(used, CacheUse::Hit);
    assert_eq!(second.events, first.events);
    assert_eq!(second.origins, first.origins);
    assert_eq!(second.files, first.files);
    assert_eq!(second.errors, first.errors);
}

#[test]
fn a_changed_file_is_parsed_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = archive(dir.path(), 700, 3);
    load_cached(&options(&file), Some(&cache));
    archive(dir.path(), 700, 4);
    let (catalog, used) = load_cached(&options(&file), Some(&cache));
    assert_ne!(used, CacheUse::Hit);
    assert_eq!(ids(&catalog), ids(&load::load(&options(&file))));
}

#[test]
fn same_size_and_time_but_other_content_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = archive(dir.path(), 700, 3);
    load_cached(&options(&file), Some(&cache));
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("held in", "held at", 1)).unwrap();
    File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(before)
        .unwrap();
    assert_eq!(std::fs::metadata(&file).unwrap().len() as usize, text.len());
    let (catalog, used) = load_cached(&options(&file), Some(&cache));
    assert_ne!(used, CacheUse::Hit);
    assert_eq!(catalog.events, load::load(&options(&file)).events);
}

#[test]
fn a_damaged_cache_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = archive(dir.path(), 700, 3);
    load_cached(&options(&file), Some(&cache));
    for entry in std::fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    }
    let (catalog, used) = load_cached(&options(&file), Some(&cache));
    assert_eq!(used, CacheUse::Stored);
    assert_eq!(catalog.events.len(), 725);
}

#[test]
fn errors_are_kept_and_missing_files_bypass_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = archive(dir.path(), 700, 3);
    let text = std::fs::read_to_string(&file).unwrap();
    let bad = format!(
        "{}    (id: \"x\"),\n]\n",
        text.trim_end().trim_end_matches(']')
    );
    std::fs::write(&file, bad).unwrap();
    let (first, _) = load_cached(&options(&file), Some(&cache));
    let (second, used) = load_cached(&options(&file), Some(&cache));
    assert_eq!(used, CacheUse::Hit);
    assert_eq!(second.errors.len(), 1);
    assert_eq!(second.errors, first.errors);
    let missing = dir.path().join("missing.ron");
    let (catalog, used) = load_cached(&options(&missing), Some(&cache));
    assert_eq!(used, CacheUse::Unused);
    assert_eq!(catalog.errors.len(), 1);
}

#[test]
fn the_cached_index_and_one_shot_queries_match_a_fresh_search() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = archive(dir.path(), 700, 5);
    let (catalog, _, used) = load_indexed(&options(&file), Some(&cache));
    assert_eq!(used, CacheUse::Stored);
    let (cached, index, used) = load_indexed(&options(&file), Some(&cache));
    assert_eq!(used, CacheUse::Hit);
    assert_eq!(cached.events, catalog.events);
    let fresh = Index::new(&catalog.events);
    let cancel = AtomicBool::new(false);
    for q in ["tallinn", "kind:summit 2000..2010", "'cyber !nato", "luleå"] {
        let query = Query::parse(q).unwrap();
        let expected = fresh.filter(&query, None, &cancel).unwrap();
        assert_eq!(
            index.filter(&query, None, &cancel).unwrap(),
            expected,
            "{q}"
        );
        let mut found = Vec::new();
        let errors = for_each_match(&options(&file), &cache, &query, &mut |e| {
            found.push(e.id.clone())
        });
        assert_eq!(errors, Some(Vec::new()));
        let expected: Vec<String> = expected
            .iter()
            .map(|&i| catalog.events[i as usize].id.clone())
            .collect();
        assert_eq!(found, expected, "{q}");
    }
}

/// The cache file of `file`'s options in `cache`.
fn cache_path(file: &Path, cache: &Path) -> PathBuf {
    let keys = key::current(&options(file)).unwrap();
    cache_file(cache, &options(file), &keys)
}

#[test]
fn a_touched_file_with_the_same_content_still_hits() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = archive(dir.path(), 700, 3);
    load_cached(&options(&file), Some(&cache));
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let key_of_cache = || {
        let bytes = std::fs::read(cache_path(&file, &cache)).unwrap();
        let key = Layout::parse(&bytes)
            .unwrap()
            .verified(&bytes, Block::Key)
            .unwrap()
            .to_vec();
        key::compare(
            &key,
            &options(&file),
            &key::current(&options(&file)).unwrap(),
        )
    };
    assert!(matches!(key_of_cache(), key::Verdict::SameContent(_)));
    assert_eq!(load_cached(&options(&file), Some(&cache)).1, CacheUse::Hit);
    // The hit rewrote the key with the new stamps: the next start hashes nothing.
    assert_eq!(key_of_cache(), key::Verdict::Untouched);
    let (catalog, used) = load_cached(&options(&file), Some(&cache));
    assert_eq!(used, CacheUse::Hit);
    assert_eq!(catalog.events, load::load(&options(&file)).events);
}

#[test]
fn a_bad_cache_is_deleted_by_a_query_and_rebuilt_by_the_next_load() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = archive(dir.path(), 700, 3);
    load_cached(&options(&file), Some(&cache));
    let path = cache_path(&file, &cache);
    let mut bytes = std::fs::read(&path).unwrap();
    let layout = Layout::parse(&bytes).unwrap();
    let index = layout.unverified(&bytes, Block::Index).unwrap();
    let middle = index.as_ptr() as usize - bytes.as_ptr() as usize + index.len() / 2;
    bytes[middle] ^= 4;
    std::fs::write(&path, &bytes).unwrap();
    let query = Query::parse("cyber").unwrap();
    let mut printed = 0;
    let answer = for_each_match(&options(&file), &cache, &query, &mut |_| printed += 1);
    assert_eq!(answer, None);
    assert!(!path.exists(), "the damaged cache was kept");
    assert_eq!(
        load_cached(&options(&file), Some(&cache)).1,
        CacheUse::Stored
    );
    assert_eq!(load_cached(&options(&file), Some(&cache)).1, CacheUse::Hit);
}

/// Issue seen before: a word-index size of 2^39 aborted every start on a failed allocation.
#[test]
fn a_huge_word_index_size_on_disk_means_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = archive(dir.path(), 700, 3);
    let (fresh, _) = load_cached(&options(&file), Some(&cache));
    let path = cache_path(&file, &cache);
    let mut bytes = std::fs::read(&path).unwrap();
    let layout = Layout::parse(&bytes).unwrap();
    let words = layout.unverified(&bytes, Block::Words).unwrap();
    let at = words.as_ptr() as usize - bytes.as_ptr() as usize;
    bytes[at..at + 8].copy_from_slice(&(1u64 << 39).to_le_bytes());
    for reseal in [false, true] {
        if reseal {
            format::reseal(&mut bytes);
        }
        std::fs::write(&path, &bytes).unwrap();
        let (catalog, index, used) = load_indexed(&options(&file), Some(&cache));
        assert_eq!(used, CacheUse::Stored, "resealed: {reseal}");
        assert_eq!(catalog.events, fresh.events);
        assert_eq!(index.len(), fresh.events.len());
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_link_at_the_cache_name_is_never_read_nor_followed() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    let file = archive(dir.path(), 700, 3);
    let path = cache_path(&file, &cache);
    let fifo = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    // Would hang on open if the FIFO were read.
    assert_eq!(
        load_cached(&options(&file), Some(&cache)).1,
        CacheUse::Stored
    );
    assert!(std::fs::symlink_metadata(&path).unwrap().is_file());
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    std::fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(&victim, &path).unwrap();
    assert_eq!(
        load_cached(&options(&file), Some(&cache)).1,
        CacheUse::Stored
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(std::fs::symlink_metadata(&path).unwrap().is_file());
}

#[test]
fn pruning_deletes_only_our_own_caches() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    let plant = |name: &str, bytes: &[u8]| {
        let path = cache.join(name);
        std::fs::write(&path, bytes).unwrap();
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        path
    };
    let mine = plant("catalog-00000000000000aa.bin", b"user notes, not a cache");
    let odd = plant("catalog-old.bin", b"CYDPCAC3 but not our name");
    let ours: Vec<PathBuf> = (0..3)
        .map(|i| plant(&format!("catalog-00000000000000b{i}.bin"), b"CYDPCAC3 old"))
        .collect();
    let file = archive(dir.path(), 700, 3);
    assert_eq!(
        load_cached(&options(&file), Some(&cache)).1,
        CacheUse::Stored
    );
    assert!(mine.exists() && odd.exists(), "a user's file was deleted");
    let left = ours.iter().filter(|p| p.exists()).count();
    assert_eq!(left, 2, "our old caches beyond the limit are pruned");
}

#[test]
fn rewriting_the_key_of_a_touched_source_never_seals_in_damage() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = archive(dir.path(), 700, 3);
    let (fresh, _) = load_cached(&options(&file), Some(&cache));
    let path = cache_path(&file, &cache);
    let mut bytes = std::fs::read(&path).unwrap();
    let layout = Layout::parse(&bytes).unwrap();
    let events = layout.unverified(&bytes, Block::Events).unwrap();
    let at = events.as_ptr() as usize - bytes.as_ptr() as usize + events.len() / 3;
    bytes[at] ^= 0x08;
    std::fs::write(&path, &bytes).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let (catalog, used) = load_cached(&options(&file), Some(&cache));
    assert_eq!(used, CacheUse::Stored);
    assert_eq!(catalog.events, fresh.events);
    let (again, used) = load_cached(&options(&file), Some(&cache));
    assert_eq!(used, CacheUse::Hit);
    assert_eq!(again.events, fresh.events);
}
