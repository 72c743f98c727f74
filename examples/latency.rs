//! Measures start-up and typing latency on an archive, as the explorer would see them:
//! `cargo run --release --example latency -- FILE.ron` (uses the parsed cache in
//! `CYBERDIPLO_CACHE_DIR`, writing it on the first run).
//!
//! Prints: time to the first screenful of events from the cache, time until the whole
//! archive is loaded and searchable (events and index), and per-keystroke filter times
//! (median, p95) when typing queries letter by letter, each refining the previous results.

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use cyberdiplo::cache;
use cyberdiplo::model::load::LoadOptions;
use cyberdiplo::paths::Paths;
use cyberdiplo::search::Query;

const TYPED: &[&str] = &[
    "tallinn cyber",
    "lulea summit",
    "kind:summit 2020..2022 nato",
];

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: latency FILE.ron");
        std::process::exit(2);
    };
    let options = LoadOptions {
        bundled: false,
        paths: vec![path.into()],
    };
    let dir = Paths::from_env().cache_dir;
    let t = Instant::now();
    let first = dir.as_deref().and_then(|d| {
        let mut reader = cache::open(&options, d)?;
        let (mut events, mut origins) = (Vec::new(), Vec::new());
        reader.next_batch(&mut events, &mut origins, 50);
        Some(events.len())
    });
    println!(
        "first screen ({first:?} events from cache): {:?}",
        t.elapsed()
    );
    // The events alone (no index), to tell decoding from index reading.
    let t = Instant::now();
    let (events_only, _) = cache::load_cached(&options, dir.as_deref());
    println!(
        "events alone: {} events: {:?}",
        events_only.events.len(),
        t.elapsed()
    );
    drop(events_only);
    // What the explorer's background loader does: events, index (word index included)
    // and the id lookup, ready for the first keystroke.
    let t = Instant::now();
    let loaded = cyberdiplo::tui::worker::load_events(&options, dir.as_deref());
    println!(
        "searchable (explorer's background load): {} events, index ready: {:?}",
        loaded.events.len(),
        t.elapsed()
    );
    let index = &loaded.index;
    let cancel = AtomicBool::new(false);
    let mut times: Vec<Duration> = Vec::new();
    for typed in TYPED {
        let mut previous: Option<(Query, Vec<u32>)> = None;
        for end in 1..=typed.len() {
            let t = Instant::now();
            let Ok(query) = Query::parse(&typed[..end]) else {
                continue;
            };
            let within = previous
                .as_ref()
                .filter(|(p, _)| query.refines(p))
                .map(|(_, hits)| hits.as_slice());
            let hits = index.filter(&query, within, &cancel).unwrap_or_default();
            times.push(t.elapsed());
            previous = Some((query, hits));
        }
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "keystroke to results ({} keystrokes): median {:?}, p95 {:?}, max {:?}",
        times.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}
