//! Cache size: a cache is no larger than the archive it was made from; and how well real
//! (bundled) records compress, since the generator's text repeats far more than real text
//! (`cargo test --lib size_tests -- --nocapture` prints the ratios).

use super::*;
use pack::{Dictionary, Packer, pack_record, pack_text};

#[test]
fn a_cache_is_no_larger_than_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("events.ron");
    let mut out = Vec::new();
    cyberdiplo_devtools::synth::generate(1000, 7, &mut out).unwrap();
    std::fs::write(&file, &out).unwrap();
    let cache = dir.path().join("cache");
    let options = LoadOptions {
        bundled: false,
        paths: vec![file],
    };
    assert_eq!(load_cached(&options, Some(&cache)).1, CacheUse::Stored);
    let caches: Vec<u64> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .collect();
    assert_eq!(caches.len(), 1);
    let ratio = caches[0] as f64 / out.len() as f64;
    eprintln!(
        "generated archive: cache {} / source {} = {ratio:.3}",
        caches[0],
        out.len()
    );
    assert!(ratio <= 1.0, "the cache is {ratio:.2}x its source");
}

/// Each bundled record compressed against a dictionary of the others (as a record of a
/// large archive is, against the first ones), and the folded long text in chunks: real text
/// compresses too, if less than generated text.
#[test]
fn real_records_and_text_compress() {
    let catalog = load::bundled();
    let raw: Vec<Vec<u8>> = catalog
        .events
        .iter()
        .zip(&catalog.origins)
        .map(|(e, o)| {
            let mut enc = codec::Encoder::default();
            enc.event(e);
            enc.origin(*o);
            enc.bytes
        })
        .collect();
    let (mut total, mut alone, mut with_others) = (0, 0, 0);
    for (i, record) in raw.iter().enumerate() {
        let mut dict = Dictionary::default();
        let others = raw.iter().enumerate().filter(|(j, _)| *j != i);
        for (_, other) in others {
            if !dict.feed(other) {
                break;
            }
        }
        let (mut a, mut b) = (Vec::new(), Vec::new());
        pack_record(record, &mut Packer::new(&[]), &mut a);
        pack_record(record, &mut Packer::new(dict.bytes()), &mut b);
        total += record.len();
        alone += a.len();
        with_others += b.len();
    }
    let index = Index::new(&catalog.events);
    let mut tail = Vec::new();
    let (_, long) = index.stored_parts(&mut tail);
    let mut packed = Vec::new();
    pack_text(long.as_bytes(), &mut packed);
    let ratio = |a: usize, b: usize| a as f64 / b as f64;
    eprintln!(
        "bundled records: {total} bytes; alone {:.3}, against the others {:.3}; \
         long text {} -> {} ({:.3})",
        ratio(alone, total),
        ratio(with_others, total),
        long.len(),
        packed.len(),
        ratio(packed.len(), long.len())
    );
    assert!(with_others < alone && alone < total);
    assert!(packed.len() < long.len());
}
