//! `list --explain` and `list --json`'s `matched`, through the real binary on the bundled data.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary, isolated from the user's config, events, state and cache.
fn list(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    let at = |name: &str| home.path().join(name);
    Command::new(env!("CARGO_BIN_EXE_cyberdiplo"))
        .env("CYBERDIPLO_CONFIG", at("config.ron"))
        .env("CYBERDIPLO_EVENTS_DIR", at("events"))
        .env("CYBERDIPLO_STATE_DIR", at("state"))
        .env("CYBERDIPLO_CACHE_DIR", at("cache"))
        .env("NO_COLOR", "1")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .arg("list")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Ids listed by `list --json QUERY`.
fn ids(query: &str) -> Vec<String> {
    let output = list(&["--json", query]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let records = value.as_array().unwrap();
    records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn explain_prints_each_matched_field_under_its_event() {
    let output = list(&["--explain", "ttc"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("Trade and Technology Council"), "{text}");
    assert!(
        lines.contains(&"    actor      EU-US [T]rade and [T]echnology [C]ouncil ([TTC])"),
        "{text}"
    );
    assert!(!text.contains("San Francisco"), "{text}");
    // A match in the French title is named as such, accents kept.
    let text = stdout(&list(&["--explain", "suede"]));
    assert!(text.contains("    summary fr "), "{text}");
    assert!(text.contains("[Suède]"), "{text}");
}

#[test]
fn json_names_the_matched_fields() {
    let output = list(&["--json", "egmont"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let record = &value.as_array().unwrap()[0];
    let matched: Vec<&str> = record["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(matched, ["summary", "summary fr", "place", "quote"]);
}

#[test]
fn the_reported_false_matches_are_gone() {
    assert_eq!(ids("nato"), Vec::<String>::new());
    assert_eq!(ids("unga"), Vec::<String>::new());
    assert_eq!(
        ids("itu"),
        [
            "2023-06-26-council-conclusions-digital-diplomacy",
            "2026-itu-plenipotentiary-conference"
        ]
    );
    assert_eq!(ids("ansip"), ["2017-10-04-tallinn-eap-cyber-conference"]);
    assert_eq!(ids("ttc"), ["2023-lulea-eu-us-ttc-ministerial"]);
    let all = ids("").len();
    assert!(ids("un").len() < all);
}

#[test]
fn a_query_and_its_negation_list_each_event_once() {
    let all = ids("");
    for term in [
        "nato",
        "itu",
        "ttc",
        "un",
        "cyber",
        "'sec",
        "^eu",
        "tag:cyber",
        "2022..",
    ] {
        let mut both = ids(term);
        both.extend(ids(&format!("!{term}")));
        both.sort();
        let mut expected = all.clone();
        expected.sort();
        assert_eq!(both, expected, "{term}");
    }
}
