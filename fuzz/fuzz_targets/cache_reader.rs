//! Fuzzes the parsed cache's reader: no input may panic, abort, hang or allocate without
//! bound, and a cache that reads at all must read as the catalog it was made from.
//!
//! The input is either raw cache bytes (first byte even) or, to reach deep into a real
//! cache, a list of edits applied to a valid cache of the bundled events (first byte odd):
//! each edit is 9 bytes, a position (u32 LE), an operation and a value (u32 LE): flip bits,
//! set a byte, write a huge u64 length, or cut the file there. Odd second bytes also
//! recompute every checksum after the edits, as a forger would.

#![no_main]

use std::sync::OnceLock;

use cyberdiplo::cache;
use cyberdiplo::model::load::Catalog;
use libfuzzer_sys::fuzz_target;

fn sample() -> &'static (Vec<u8>, Catalog) {
    static SAMPLE: OnceLock<(Vec<u8>, Catalog)> = OnceLock::new();
    SAMPLE.get_or_init(cache::bundled_sample)
}

fn edit(bytes: &mut Vec<u8>, edits: &[u8]) {
    for e in edits.chunks_exact(9) {
        if bytes.len() < 8 {
            return;
        }
        let at = u32::from_le_bytes([e[0], e[1], e[2], e[3]]) as usize % bytes.len();
        let value = u32::from_le_bytes([e[5], e[6], e[7], e[8]]);
        match e[4] % 4 {
            0 => bytes[at] ^= value as u8 | 1,
            1 => bytes[at] = value as u8,
            2 => {
                let at = at.min(bytes.len() - 8);
                let huge = u64::from(value) << (value % 33);
                bytes[at..at + 8].copy_from_slice(&huge.to_le_bytes());
            }
            _ => bytes.truncate(at),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (Some(&mode), Some(&seal)) = (data.first(), data.get(1)) else {
        return;
    };
    if mode % 2 == 0 {
        let _ = cache::read_untrusted(data, seal % 2 == 1);
        return;
    }
    let (bytes, fresh) = sample();
    let mut bytes = bytes.clone();
    edit(&mut bytes, &data[2..]);
    let forged = seal % 2 == 1;
    if let Some((catalog, _)) = cache::read_untrusted(&bytes, forged) {
        let clean = catalog.events.iter().all(|e| {
            !(e.title.en.chars().chain(e.summary.en.chars())).any(|c| c.is_control() && c != '\n')
        });
        assert!(clean, "control characters served from a forged cache");
        if !forged {
            assert!(
                catalog.events == fresh.events,
                "a damaged cache served other events"
            );
            assert!(catalog.origins == fresh.origins && catalog.files == fresh.files);
        }
    }
});
