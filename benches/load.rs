//! Load benches: parsing RON, reading the parsed cache, and a one-shot cached query.

mod common;

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use cyberdiplo::cache;
use cyberdiplo::model::load;
use cyberdiplo::search::Query;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for n in common::sizes() {
        let options = common::options(common::archive(dir.path(), n));
        group.bench_with_input(BenchmarkId::new("parse_ron", n), &options, |b, o| {
            b.iter(|| load::load(o))
        });
        cache::load_cached(&options, Some(&cache_dir));
        group.bench_with_input(BenchmarkId::new("cache_hit", n), &options, |b, o| {
            b.iter(|| cache::load_indexed(o, Some(&cache_dir)))
        });
        let query = Query::parse("tallinn").unwrap();
        group.bench_with_input(BenchmarkId::new("cached_query", n), &options, |b, o| {
            b.iter(|| {
                let mut hits = 0usize;
                cache::for_each_match(o, &cache_dir, &query, &mut |_| hits += 1);
                hits
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
