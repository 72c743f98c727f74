//! Prints the size of every block of parsed cache files: a dev tool for measuring the cache.
//!
//! `cargo run --release --example cache_blocks -- ~/.cache/cyberdiplo/catalog-*.bin`

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for path in std::env::args().skip(1) {
        let sizes = std::fs::read(&path)
            .ok()
            .and_then(|bytes| Some((bytes.len(), cyberdiplo::cache::block_sizes(&bytes)?)));
        let Some((total, sizes)) = sizes else {
            eprintln!("{path}: not a cache of this version");
            status = ExitCode::FAILURE;
            continue;
        };
        println!("{path}: {total} bytes");
        for (name, size) in sizes {
            let share = 100.0 * size as f64 / total.max(1) as f64;
            println!("  {name:<18} {size:>12} {share:5.1}%");
        }
    }
    status
}
