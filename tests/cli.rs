//! End-to-end tests of the command line: the real binary, its output and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TALLINN: &str = "2017-10-04-tallinn-eap-cyber-conference";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The binary, isolated from the user's own config, events and state.
fn cyberdiplo(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cyberdiplo"));
    cmd.env("CYBERDIPLO_CONFIG", home.join("config.ron"))
        .env("CYBERDIPLO_EVENTS_DIR", home.join("events"))
        .env("CYBERDIPLO_STATE_DIR", home.join("state"))
        .env("CYBERDIPLO_CACHE_DIR", home.join("cache"))
        .env("NO_COLOR", "1")
        .current_dir(home);
    cmd
}

fn run(args: &[&str]) -> (Output, tempfile::TempDir) {
    let home = tempfile::tempdir().unwrap();
    let output = cyberdiplo(home.path()).args(args).output().unwrap();
    (output, home)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_passes_on_the_bundled_data() {
    let (output, _home) = run(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "ok: 25 events in 1 file(s)\n");
    // Every date, place and actor of the bundled data is in its quotes, or says why not.
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn list_prints_one_line_per_event_in_date_order() {
    let (output, _home) = run(&["list"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 20, "{text}");
    // Columns: id, date, status, kind, title.
    let dates: Vec<&str> = lines
        .iter()
        .map(|l| l.split_whitespace().nth(1).unwrap_or_default())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let tallinn = lines.iter().find(|l| l.starts_with(TALLINN)).unwrap();
    let columns: Vec<&str> = tallinn.split_whitespace().take(4).collect();
    assert_eq!(columns, [TALLINN, "2017-10-04", "held", "conference"]);
    assert!(
        !text.contains('\u{1b}'),
        "no escape sequences when not a terminal"
    );
}

#[test]
fn list_json_has_exactly_the_documented_fields() {
    let (output, _home) = run(&["list", "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let records = value.as_array().unwrap();
    assert!(records.len() >= 20);
    let expected = [
        "date_basis",
        "end",
        "id",
        "kind",
        "matched",
        "organisers",
        "participants",
        "places",
        "related",
        "sources",
        "start",
        "status",
        "summary",
        "tags",
        "title",
    ];
    for record in records {
        let mut keys: Vec<&str> = record
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(keys, expected);
        assert!(record["end"].is_null() || record["end"].is_string());
        assert!(record["title"]["en"].is_string() && record["title"]["fr"].is_string());
        for source in record["sources"].as_array().unwrap() {
            assert!(source["seed"].is_string() && source["quote"].is_string());
        }
    }
}

#[test]
fn a_query_narrows_the_list_and_nothing_matched_exits_1() {
    let (output, _home) = run(&["list", "tallinn"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("conference"));
    let (output, _home) = run(&["list", "zzzqqqxxy"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
}

#[test]
fn a_malformed_query_is_a_usage_error() {
    let (output, _home) = run(&["list", "year:abc"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: bad query: "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn show_prints_the_full_record_with_sources() {
    let (output, _home) = run(&["show", TALLINN]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("4 October 2017 · held · CF conference"),
        "{text}"
    );
    assert!(text.contains("004_31dbb5402f264f54.txt"));
    assert!(text.contains("Record: data/events.ron:"), "{text}");
    let (output, _home) = run(&["show", TALLINN, "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["id"], TALLINN);
}

#[test]
fn show_with_an_unknown_id_suggests_close_ones() {
    let (output, _home) = run(&["show", "2017-10-04-tallinn-conference"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("did you mean:"), "{err}");
    assert!(err.contains(TALLINN), "{err}");
}

#[test]
fn check_reports_every_problem_with_file_line_col() {
    let (output, _home) = run(&["check", fixture("problems.ron").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let file = fixture("problems.ron").display().to_string();
    for expected in [
        format!("{file}:5:9: end: end 2024-12 is before start 2025-01-01"),
        format!("{file}:20:19: related[0]: no event has the id `2099-no-such-event`"),
        format!("{file}:23:9: id: duplicate id, first defined at {file}:12"),
        format!("{file}:29:54: sources[0].quote: quote not found in seed 004_"),
        format!("{file}:33:17: start: bad date \"2025-13-01\""),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn check_reports_all_problems_of_a_record_in_one_run() {
    let path = fixture("many_problems.ron");
    let (output, _home) = run(&["check", "--no-bundled", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let file = path.display().to_string();
    // One record: a bad kind, two bad tags, a misspelt source key, a dangling link and an
    // unknown field, all in one run. The record linking to it is not blamed.
    for expected in [
        format!("{file}:6:15: kind: "),
        format!("{file}:9:31: tags[1]: "),
        format!("{file}:9:58: tags[3]: "),
        format!("{file}:10:47: sources[0]: "),
        format!("{file}:11:19: related[0]: no event has the id `2099-no-such-event`"),
        format!("{file}:12:9: unknown field `colour`"),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in:\n{err}");
    }
    assert!(err.contains("6 problem(s) found"), "{err}");
    assert!(!err.contains("2025-02-02-fine`)"), "{err}");
}

#[test]
fn check_warns_about_facts_without_evidence() {
    let path = fixture("no_evidence.ron");
    let (output, _home) = run(&["check", "--no-bundled", path.to_str().unwrap()]);
    // Warnings leave the records in and do not fail the check.
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("ok: 3 events in 1 file(s); 4 warning(s)"));
    let err = stderr(&output);
    let file = path.display().to_string();
    let expected = [
        format!(
            "{file}:4:9: warning: start: fact without evidence: no quote of this record states 2025-03-10"
        ),
        format!("{file}:9:18: warning: places[0]: fact without evidence: `Ghent`"),
        format!("{file}:10:22: warning: organisers[0]: fact without evidence: `Team Zeta`"),
        format!(
            "{file}:36:28: warning: evidence_waivers[0]: every value of `places` is in the quotes"
        ),
    ];
    for line in &expected {
        assert!(err.contains(line.as_str()), "missing {line:?} in:\n{err}");
    }
    assert_eq!(err.lines().count(), expected.len(), "{err}");
}

#[test]
fn check_reports_syntax_errors_with_line_and_column() {
    let (output, _home) = run(&["check", fixture("broken_syntax.ron").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let expected = format!("{}:5:9: ", fixture("broken_syntax.ron").display());
    assert!(stderr(&output).contains(&expected), "{}", stderr(&output));
}

#[test]
fn user_events_join_the_bundled_ones() {
    let user = fixture("user_events.ron");
    let user = user.to_str().unwrap();
    let (output, _home) = run(&["--data", user, "list", "workshop"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("Team workshop on cyber norms"));
    // Without the bundled events its link dangles: reported, and the event still loads.
    let (output, _home) = run(&["--no-bundled", "--data", user, "list"]);
    assert_eq!(stdout(&output).lines().count(), 1, "{}", stdout(&output));
    assert!(stderr(&output).contains("related[0]: no event has the id"));
    let (output, _home) = run(&["check", user]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).is_empty(),
        "its quote supports its facts: {}",
        stderr(&output)
    );
}

#[test]
fn the_user_events_folder_loads_automatically() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("events")).unwrap();
    std::fs::copy(
        fixture("user_events.ron"),
        home.path().join("events/mine.ron"),
    )
    .unwrap();
    let output = cyberdiplo(home.path())
        .args(["list", "workshop"])
        .output()
        .unwrap();
    assert!(
        stdout(&output).contains("Team workshop"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_bad_user_file_warns_and_the_rest_still_loads() {
    let broken = fixture("broken_syntax.ron");
    let (output, _home) = run(&["--data", broken.to_str().unwrap(), "list", "tallinn"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).contains(&format!("warning: {}:5:9: ", broken.display())));
    assert!(stdout(&output).contains("conference"));
}

#[test]
fn without_a_terminal_the_bare_command_prints_the_list() {
    let (output, _home) = run(&[]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).lines().count() >= 20);
}

#[test]
fn export_never_overwrites_a_file_without_force() {
    let home = tempfile::tempdir().unwrap();
    let target = home.path().join("mine.ics");
    std::fs::write(&target, "my own notes").unwrap();
    let output = cyberdiplo(home.path())
        .args(["export", "--format", "ics", "-o", target.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "my own notes");
}

#[test]
fn a_broken_config_warns_with_position_and_goes_on() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("config.ron"), "(\n  lang: klingon,\n)").unwrap();
    let output = cyberdiplo(home.path())
        .args(["list", "tallinn"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let err = stderr(&output);
    assert!(err.contains("config.ron:2:9: "), "{err}");
    assert!(err.contains("using default settings"));
    assert_eq!(
        std::fs::read_to_string(home.path().join("config.ron")).unwrap(),
        "(\n  lang: klingon,\n)",
        "the user's config is never rewritten"
    );
}

#[test]
fn config_language_applies_to_the_list() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("config.ron"), "(lang: fr)").unwrap();
    let output = cyberdiplo(home.path())
        .args(["list", "tallinn"])
        .output()
        .unwrap();
    assert!(
        stdout(&output).contains("Conférence de l’UE"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn paths_names_every_location_and_honours_overrides() {
    let (output, home) = run(&["paths"]);
    let text = stdout(&output);
    assert!(text.contains(&home.path().join("config.ron").display().to_string()));
    for label in ["config file", "user events", "state", "cache"] {
        assert!(text.contains(label), "{text}");
    }
}

#[test]
fn completions_and_man_page_are_generated() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (output, _home) = run(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0));
        assert!(stdout(&output).contains("cyberdiplo"), "{shell}");
    }
    let (output, _home) = run(&["man"]);
    assert!(
        stdout(&output).starts_with(".ie \\n(.g .ds Aq"),
        "roff output"
    );
}

#[test]
fn usage_errors_exit_2_and_help_shows_examples() {
    let (output, _home) = run(&["list", "--bogus"]);
    assert_eq!(output.status.code(), Some(2));
    let (output, _home) = run(&["--help"]);
    assert!(stdout(&output).contains("Examples:"));
    let (output, _home) = run(&["export", "--help"]);
    assert!(stdout(&output).contains("--format"));
}

#[test]
fn a_user_event_shows_up_in_every_export() {
    let user = fixture("user_events.ron");
    for format in ["json", "csv", "ics", "markdown", "timelinejs"] {
        let (output, _home) = run(&[
            "--data",
            user.to_str().unwrap(),
            "export",
            "--format",
            format,
            "workshop",
        ]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            stderr(&output)
        );
        let text = stdout(&output);
        assert!(
            text.contains("Team workshop on cyber norms"),
            "{format} lacks the user event:\n{text}"
        );
    }
}
