//! The explorer's load from a cache: events decoded on demand are those parsing gives, and
//! damage found late is never shown.

use super::*;
use crate::search::Query;
use format::{Block, Layout};

fn archive(dir: &Path) -> PathBuf {
    archive_of(dir, 700)
}

fn archive_of(dir: &Path, count: usize) -> PathBuf {
    let path = dir.join("events.ron");
    let mut out = Vec::new();
    cyberdiplo_devtools::synth::generate(count, 3, &mut out).unwrap();
    std::fs::write(&path, out).unwrap();
    path
}

fn options(path: &Path) -> LoadOptions {
    LoadOptions {
        bundled: true,
        paths: vec![path.to_path_buf()],
    }
}

fn cache_path(file: &Path, cache: &Path) -> PathBuf {
    let keys = key::current(&options(file)).unwrap();
    cache_file(cache, &options(file), &keys)
}

#[test]
fn the_explorer_reads_a_cache_on_demand_and_sees_what_parsing_gives() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = archive(dir.path());
    let (first, _, _) = load_for_explorer(&options(&file), Some(&cache));
    assert_eq!(
        first.decoded(),
        0,
        "a cache just written is read on demand too"
    );
    let parsed = Events::from(load::load(&options(&file)).events);
    let (events, index, errors) = load_for_explorer(&options(&file), Some(&cache));
    assert_eq!(errors, load::load(&options(&file)).errors);
    assert_eq!(events.decoded(), 0, "nothing is decoded before it is drawn");
    assert_eq!(events.len(), parsed.len());
    assert_eq!(events.get(3), parsed.get(3));
    assert_eq!(events.decoded(), 1);
    assert_eq!(events.to_vec(), parsed.to_vec());
    // What the list reads of every event comes from the index, without decoding.
    for i in (0..events.len()).step_by(37) {
        let event = &parsed[i];
        assert_eq!(index.id_of(i), Some(event.id.as_str()));
        assert_eq!(index.start(i), Some(event.start));
        assert_eq!(index.find_id(&event.id), Some(i as u32));
    }
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let fresh = Index::new(&parsed.to_vec());
    for q in [
        "tallinn cyber",
        "'cyber",
        "place:tallinn",
        "kind:summit 2020..2022 !nato",
    ] {
        let query = Query::parse(q).unwrap();
        assert_eq!(
            index.filter(&query, None, &cancel),
            fresh.filter(&query, None, &cancel),
            "{q}"
        );
    }
}

/// A fresh cache of the archive with one byte flipped in `block`; its path.
fn damaged(file: &Path, cache: &Path, block: Block) -> PathBuf {
    let _ = std::fs::remove_dir_all(cache);
    load_for_explorer(&options(file), Some(cache));
    let path = cache_path(file, cache);
    let mut bytes = std::fs::read(&path).unwrap();
    let range = Layout::parse(&bytes).unwrap().range(block);
    bytes[range.start + range.len() / 2] ^= 4;
    std::fs::write(&path, &bytes).unwrap();
    path
}

#[test]
fn damage_the_explorer_meets_late_is_never_shown_and_deletes_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = archive(dir.path());
    let parsed = load::load(&options(&file)).events;

    // A damaged event record: that event reads as missing, the others as parsed.
    let path = damaged(&file, &cache, Block::Events);
    let (events, _, _) = load_for_explorer(&options(&file), Some(&cache));
    assert!(path.exists());
    let missing = (0..events.len()).filter(|&i| events.get(i).is_none());
    assert_eq!(missing.count(), 1, "the damaged record reads as missing");
    assert!(
        !path.exists(),
        "meeting it deletes the cache for the next start"
    );
    for i in (0..events.len()).filter(|&i| events.get(i).is_some()) {
        assert_eq!(events.get(i), parsed.get(i));
    }

    // Damaged long text: the first query that reads it gets no answer.
    let path = damaged(&file, &cache, Block::LongText);
    let (_, index, _) = load_for_explorer(&options(&file), Some(&cache));
    let cancel = std::sync::atomic::AtomicBool::new(false);
    assert!(path.exists());
    let plain = index.filter(&Query::parse("cyber").unwrap(), None, &cancel);
    assert!(plain.is_some(), "the word index answers plain terms");
    let exact = index.filter(&Query::parse("'cyber").unwrap(), None, &cancel);
    assert_eq!(exact, None);
    assert!(
        !path.exists(),
        "the damaged cache is deleted for the next start"
    );
}

/// Long text read a piece at a time (as large archives are) answers as the whole text does,
/// on one thread or several, and is never made whole; a damaged piece voids the answer.
#[test]
fn long_text_read_through_a_window_answers_as_the_whole_text_does() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    // Enough events for a long text of several pieces (1 MiB each).
    let file = archive_of(dir.path(), 3000);
    load_for_explorer(&options(&file), Some(&cache));
    let (events, mut windowed, _) = load_for_explorer(&options(&file), Some(&cache));
    windowed.window_always = true;
    assert!(windowed.long_streams());
    assert!(windowed.long_len() > 2 * crate::cache::pack::TEXT_CHUNK);
    let fresh = Index::new(&events.to_vec());
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let queries = [
        "'cyber",
        "'ber s",
        "2020.",
        "cyber",
        "c",
        "!'the",
        "'tallinn | 'abidjan",
        "kind:summit 'digital",
        "'é",
        "^'eu",
    ];
    for q in queries {
        let query = Query::parse(q).unwrap();
        let want = fresh.filter(&query, None, &cancel);
        assert_eq!(windowed.filter(&query, None, &cancel), want, "{q}");
        for chunks in [2, 3, 7] {
            let split = windowed.filter_in_chunks(&query, None, &cancel, chunks);
            assert_eq!(split, want, "{q} in {chunks} chunks");
        }
        let within: Vec<u32> = (0..events.len() as u32).step_by(3).collect();
        assert_eq!(
            windowed.filter(&query, Some(&within), &cancel),
            fresh.filter(&query, Some(&within), &cancel),
            "{q} within"
        );
    }
    assert!(
        windowed.long_streams(),
        "the long text was never made whole"
    );

    let path = damaged(&file, &cache, Block::LongText);
    let (_, mut index, _) = load_for_explorer(&options(&file), Some(&cache));
    index.window_always = true;
    assert!(path.exists());
    assert_eq!(
        index.filter(&Query::parse("'cyber").unwrap(), None, &cancel),
        None
    );
    assert!(
        !path.exists(),
        "the damaged cache is deleted for the next start"
    );
}
