//! Match benches: building the index and filtering as the explorer does while typing,
//! each keystroke searching only the previous results.

mod common;

use std::sync::atomic::AtomicBool;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use cyberdiplo::search::{Index, Query};

/// What a user types, one keystroke at a time.
const TYPED: &str = "tallinn cyber";

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("match");
    group.sample_size(10);
    let cancel = AtomicBool::new(false);
    for n in common::sizes() {
        let catalog = common::catalog(dir.path(), n);
        group.bench_with_input(BenchmarkId::new("index_new", n), &catalog, |b, c| {
            b.iter(|| Index::new(&c.events))
        });
        let index = Index::new(&catalog.events);
        for q in [
            "tallinn",
            "'cyber sec",
            "kind:summit 2020..2022",
            "lulea !nato",
        ] {
            let query = Query::parse(q).unwrap();
            group.bench_with_input(
                BenchmarkId::new(format!("filter `{q}`"), n),
                &query,
                |b, q| b.iter(|| index.filter(q, None, &cancel)),
            );
        }
        // Typing: every prefix of TYPED, refining the previous results when allowed.
        group.bench_with_input(BenchmarkId::new("typing", n), &index, |b, index| {
            b.iter(|| {
                let mut previous: Option<(Query, Vec<u32>)> = None;
                for end in 1..=TYPED.len() {
                    let Ok(query) = Query::parse(&TYPED[..end]) else {
                        continue;
                    };
                    let within = previous
                        .as_ref()
                        .filter(|(p, _)| query.refines(p))
                        .map(|(_, hits)| hits.as_slice());
                    let hits = index.filter(&query, within, &cancel).unwrap_or_default();
                    previous = Some((query, hits));
                }
                previous.map(|(_, hits)| hits.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
