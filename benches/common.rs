//! Shared bench data: synthetic archives at the sizes the benches run.

use std::path::PathBuf;

use cyberdiplo::model::load::{self, Catalog, LoadOptions};

/// Archive sizes to bench: 1k and 10k by default; up to `CYBERDIPLO_BENCH_MAX` records
/// (100k, 1M) when that variable is set.
pub fn sizes() -> Vec<usize> {
    let max: usize = std::env::var("CYBERDIPLO_BENCH_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    [1_000, 10_000, 100_000, 1_000_000]
        .into_iter()
        .filter(|&n| n <= max)
        .collect()
}

/// A generated archive of `n` records in a temporary folder (kept for the process).
pub fn archive(dir: &std::path::Path, n: usize) -> PathBuf {
    let path = dir.join(format!("synth-{n}.ron"));
    if !path.exists() {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        cyberdiplo_devtools::synth::generate(n, 1, &mut out).unwrap();
        std::io::Write::flush(&mut out).unwrap();
    }
    path
}

/// Options loading only `path`.
pub fn options(path: PathBuf) -> LoadOptions {
    LoadOptions {
        bundled: false,
        paths: vec![path],
    }
}

/// The catalog of a generated archive of `n` records.
#[allow(dead_code)]
pub fn catalog(dir: &std::path::Path, n: usize) -> Catalog {
    load::load(&options(archive(dir, n)))
}
