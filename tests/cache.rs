//! The parsed cache seen from the command line: a damaged or forged cache never changes
//! what `list`, `show` and `export` print, never crashes them, and is rebuilt by them.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary, isolated from the user's own config, events and state.
fn cyberdiplo(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cyberdiplo"));
    cmd.env("CYBERDIPLO_CONFIG", home.join("config.ron"))
        .env("CYBERDIPLO_EVENTS_DIR", home.join("events"))
        .env("CYBERDIPLO_STATE_DIR", home.join("state"))
        .env("CYBERDIPLO_CACHE_DIR", home.join("cache"))
        .env("NO_COLOR", "1")
        .args(["--no-bundled", "--no-user-events", "--data", "events.ron"])
        .current_dir(home);
    cmd
}

/// A generated archive over 1 MB (so that it is cached) in a fresh home.
fn home() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    cyberdiplo_devtools::synth::generate(700, 11, &mut out).unwrap();
    std::fs::write(dir.path().join("events.ron"), out).unwrap();
    dir
}

fn run(home: &Path, args: &[&str]) -> Output {
    let out = cyberdiplo(home).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert!(out.status.code().is_some(), "{args:?} killed by a signal");
    out
}

fn cache_file(home: &Path) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(home.join("cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

/// Where block `k` starts, read from the directory at the end of the file (6 blocks of
/// offset, length, checksum; then a checksum and 8 bytes of end mark).
fn block_start(bytes: &[u8], k: usize) -> usize {
    let dir = bytes.len() - 16 - 6 * 24;
    let at = dir + 24 * k;
    u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize
}

/// Each way of breaking the cache, with the command that meets it: same output as with a
/// good cache, and the cache written anew.
#[test]
fn commands_meeting_a_bad_cache_print_the_truth_and_rebuild_it() {
    let home = home();
    let home = home.path();
    let commands: [&[&str]; 3] = [
        &["list", "tallinn"],
        &["list", "--json", "cyber"],
        &["export", "--format", "csv", "nato"],
    ];
    let expected: Vec<Output> = commands.iter().map(|c| run(home, c)).collect();
    let path = cache_file(home);
    let good = std::fs::read(&path).unwrap();
    let breakages: Vec<(&str, Vec<u8>)> = vec![
        ("word index size 2^39", {
            let mut b = good.clone();
            let at = block_start(&b, 5);
            b[at..at + 8].copy_from_slice(&(1u64 << 39).to_le_bytes());
            b
        }),
        ("index bit flipped", {
            let mut b = good.clone();
            b[block_start(&good, 4) + 1000] ^= 1;
            b
        }),
        ("cut in half", good[..good.len() / 2].to_vec()),
        ("emptied", Vec::new()),
    ];
    for (what, bytes) in &breakages {
        for (args, before) in commands.iter().zip(&expected) {
            std::fs::write(&path, bytes).unwrap();
            let after = run(home, args);
            assert_eq!(
                after.status.code(),
                before.status.code(),
                "{what}: {args:?}"
            );
            assert_eq!(after.stdout, before.stdout, "{what}: {args:?}");
            let now = std::fs::read(cache_file(home)).unwrap();
            assert!(now != *bytes, "{what}: {args:?} left the bad cache");
        }
    }
}

#[test]
fn show_meets_a_damaged_event_record_and_still_prints_the_event() {
    let home = home();
    let home = home.path();
    let listed = run(home, &["list", "--json", "tallinn"]);
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let id = listed[0]["id"].as_str().unwrap();
    let before = run(home, &["show", id]);
    let path = cache_file(home);
    let mut bytes = std::fs::read(&path).unwrap();
    let at = block_start(&bytes, 3) + 5000;
    bytes[at] ^= 0x20;
    std::fs::write(&path, &bytes).unwrap();
    let after = run(home, &["show", id]);
    assert_eq!(after.stdout, before.stdout);
    assert_eq!(after.status.code(), Some(0));
}
