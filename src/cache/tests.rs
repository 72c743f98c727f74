//! Cache tests: a hit gives the same catalog as parsing; any change to a file is noticed.

use super::*;

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
