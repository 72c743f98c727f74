//! The synthetic archive generator: its output loads without errors, is deterministic, and
//! goes through the parsed cache intact. A smoke test that keeps the benchmark data valid.

use cyberdiplo::cache::{self, CacheUse};
use cyberdiplo::model::load::{self, LoadOptions};
use cyberdiplo_devtools::synth;

fn generated(count: usize, seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    synth::generate(count, seed, &mut out).unwrap();
    out
}

#[test]
fn generated_archives_load_without_errors_next_to_the_bundled_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synth.ron");
    std::fs::write(&path, generated(200, 42)).unwrap();
    let options = LoadOptions {
        bundled: true,
        paths: vec![path],
    };
    let catalog = load::load(&options);
    let errors: Vec<String> = catalog.errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(catalog.events.len(), 225);
    let linked = catalog.events.iter().filter(|e| !e.related.is_empty());
    assert!(linked.count() > 50, "related links are generated");
    let accented = catalog.events.iter().filter(|e| !e.title.fr.is_ascii());
    assert!(accented.count() > 100, "French titles have accents");
}

#[test]
fn the_same_seed_gives_the_same_file() {
    assert_eq!(generated(200, 7), generated(200, 7));
    assert_ne!(generated(200, 7), generated(200, 8));
}

#[test]
fn generated_archives_round_trip_through_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synth.ron");
    // Large enough (over 1 MB) for the cache to be used.
    std::fs::write(&path, generated(700, 1)).unwrap();
    let options = LoadOptions {
        bundled: false,
        paths: vec![path],
    };
    let cache_dir = dir.path().join("cache");
    let (parsed, first) = cache::load_cached(&options, Some(&cache_dir));
    let (cached, second) = cache::load_cached(&options, Some(&cache_dir));
    assert_eq!((first, second), (CacheUse::Stored, CacheUse::Hit));
    assert_eq!(cached.events, parsed.events);
}

#[test]
fn lines_hold_one_record_each() {
    let mut out = Vec::new();
    synth::generate_lines(200, 42, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 200);
}
