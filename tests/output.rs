//! What the command line writes and where: closed or full outputs, export targets that are
//! not regular files, spreadsheet formulas, calendars without fake spans, and the small
//! things `check` and `show` must get right.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary, isolated from the user's own config, events and state.
fn cyberdiplo(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cyberdiplo"));
    isolate(&mut cmd, home);
    cmd
}

fn isolate(cmd: &mut Command, home: &Path) {
    cmd.env("CYBERDIPLO_CONFIG", home.join("config.ron"))
        .env("CYBERDIPLO_EVENTS_DIR", home.join("events"))
        .env("CYBERDIPLO_STATE_DIR", home.join("state"))
        .env("CYBERDIPLO_CACHE_DIR", home.join("cache"))
        .env("NO_COLOR", "1")
        .current_dir(home);
}

/// The binary run by `sh` with `redirect` applied, e.g. `>&-` to close standard output.
fn redirected(home: &Path, redirect: &str, args: &[&str]) -> Output {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("exec \"$0\" \"$@\" {redirect}"))
        .arg(env!("CARGO_BIN_EXE_cyberdiplo"))
        .args(args);
    isolate(&mut cmd, home);
    cmd.output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A user event file whose title is a spreadsheet formula, in `dir`.
fn formula_event(dir: &Path) -> PathBuf {
    let path = dir.join("formula.ron");
    std::fs::write(
        &path,
        r#"[(
    id: "2025-03-10-formula",
    start: "2025-03-10",
    status: held,
    kind: meeting,
    title: (en: "=HYPERLINK(\"http://evil.example\",\"click\")", fr: "@SUM(1+1)"),
    summary: (en: "-2+3", fr: "+33 1 23"),
    sources: [(url: "https://example.org/w", quote: "Workshop notes")],
)]"#,
    )
    .unwrap();
    path
}

#[test]
fn a_closed_standard_output_is_an_error_not_a_silent_success() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["export", "--format", "csv"],
        &["show", "2017-10-04-tallinn-eap-cyber-conference"],
        &["paths"],
    ] {
        let output = redirected(home.path(), ">&-", args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("cannot write to standard output: it is closed"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    // Sending the output to /dev/null on purpose is fine.
    let output = redirected(home.path(), ">/dev/null", &["list"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // `export -o` does not need standard output.
    let file = home.path().join("out.csv");
    let output = redirected(
        home.path(),
        ">&-",
        &["export", "--format", "csv", "-o", file.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(file.is_file());
}

#[test]
fn a_full_disk_is_an_error_with_a_message() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped: no /dev/full");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    for args in [&["list"][..], &["export", "--format", "json"]] {
        let output = redirected(home.path(), ">/dev/full", args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&output).contains("cannot write the output"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn csv_cells_that_look_like_formulas_are_defused_unless_raw() {
    let home = tempfile::tempdir().unwrap();
    let data = formula_event(home.path());
    let data = data.to_str().unwrap();
    let run = |args: &[&str]| {
        let output = cyberdiplo(home.path())
            .args(["--no-bundled", "--data", data])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = stdout(&output);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let record = reader.records().next().unwrap().unwrap();
        headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.to_string(), v.to_string()))
            .collect::<std::collections::HashMap<String, String>>()
    };
    for args in [&["export", "--format", "csv"][..], &["list", "--csv"]] {
        let record = run(args);
        assert_eq!(
            record["title_en"],
            "'=HYPERLINK(\"http://evil.example\",\"click\")"
        );
        assert_eq!(record["title_fr"], "'@SUM(1+1)");
        assert_eq!(record["summary_en"], "'-2+3");
        assert_eq!(record["summary_fr"], "'+33 1 23");
        assert_eq!(record["id"], "2025-03-10-formula");
    }
    for args in [
        &["export", "--format", "csv", "--raw-csv"][..],
        &["list", "--csv", "--raw-csv"],
    ] {
        let record = run(args);
        assert_eq!(
            record["title_en"],
            "=HYPERLINK(\"http://evil.example\",\"click\")"
        );
        assert_eq!(record["summary_en"], "-2+3");
    }
}

#[test]
fn export_to_a_fifo_or_a_link_is_refused_and_leaves_it_be() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("pipe.ics");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path for the whole call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let dangling = home.path().join("dangling.ics");
    std::os::unix::fs::symlink(home.path().join("victim.ics"), &dangling).unwrap();
    for (path, what) in [(&fifo, "is a FIFO"), (&dangling, "is a symbolic link")] {
        for force in [false, true] {
            let mut cmd = cyberdiplo(home.path());
            cmd.args(["export", "--format", "ics", "-o", path.to_str().unwrap()]);
            if force {
                cmd.arg("--force");
            }
            let output = cmd.output().unwrap();
            assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
            assert!(stderr(&output).contains(what), "{}", stderr(&output));
        }
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(!home.path().join("victim.ics").exists());
}

#[test]
fn the_calendar_leaves_out_month_and_year_events_unless_asked() {
    let home = tempfile::tempdir().unwrap();
    let export = |extra: &[&str]| {
        let output = cyberdiplo(home.path())
            .args(["--today", "2026-11-23", "export", "--format", "ics"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        (stdout(&output), stderr(&output))
    };
    let (day_only, note) = export(&[]);
    assert!(
        note.contains("left out of the calendar (--ics-imprecise adds them as one-day markers)"),
        "{note}"
    );
    let (all, quiet) = export(&["--ics-imprecise"]);
    assert!(!quiet.contains("left out"), "{quiet}");
    let count = |text: &str| text.matches("BEGIN:VEVENT").count();
    assert!(count(&day_only) < count(&all), "{day_only}");
    assert!(all.contains("day not given)"), "{all}");
    // The 2017 summit was planned, and its date is long past: not tentative.
    let summit = all
        .split("BEGIN:VEVENT")
        .find(|v| v.contains("UID:2017-11-24-eap-summit-brussels"))
        .unwrap();
    assert!(!summit.contains("STATUS:TENTATIVE"), "{summit}");
}

#[test]
fn check_on_a_file_of_the_user_events_folder_is_not_its_own_duplicate() {
    let home = tempfile::tempdir().unwrap();
    let events = home.path().join("events");
    std::fs::create_dir(&events).unwrap();
    let file = events.join("mine.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/user_events.ron"),
        &file,
    )
    .unwrap();
    let output = cyberdiplo(home.path())
        .arg("check")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("ok: 26 events"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn check_on_a_folder_without_event_files_says_so() {
    let home = tempfile::tempdir().unwrap();
    let empty = home.path().join("nothing-here");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("notes.txt"), "not events").unwrap();
    let output = cyberdiplo(home.path())
        .arg("check")
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("nothing-here: no .ron files in this folder; nothing checked"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn show_spells_out_controls_in_a_file_name() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("evil\u{1b}]0;owned\u{7}");
    std::fs::create_dir(&dir).unwrap();
    let data = formula_event(&dir);
    let output = cyberdiplo(home.path())
        .arg("--data")
        .arg(&data)
        .args(["show", "2025-03-10-formula"])
        .output()
        .unwrap();
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(
        text.contains("evil\\u{1b}]0;owned\\u{7}/formula.ron:1"),
        "{text}"
    );
}

#[test]
fn a_huge_bad_query_is_echoed_in_a_few_lines() {
    let home = tempfile::tempdir().unwrap();
    let query = format!("year:{}", "x".repeat(100_000));
    let output = cyberdiplo(home.path())
        .args(["list", &query])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.len() < 500, "{} bytes: {}", text.len(), &text[..500]);
    assert!(text.starts_with("error: bad query: "), "{text}");
}

#[test]
fn a_double_bar_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    for query in ["||", "a||b", "tallinn ||"] {
        let output = cyberdiplo(home.path())
            .args(["list", query])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{query}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("`||` is not an operator"),
            "{query}: {}",
            stderr(&output)
        );
    }
}
