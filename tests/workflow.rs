//! The command line in scripts: list columns and templates, `show` by id start and from a
//! pipe, saved views, the `marked`, `new:` and `kind:XX` terms, `-q` and pick mode.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const TALLINN: &str = "2017-10-04-tallinn-eap-cyber-conference";
const SAN_FRANCISCO: &str = "2022-09-01-eu-office-san-francisco";
const CONCLUSIONS_2023: &str = "2023-06-26-council-conclusions-digital-diplomacy";

/// The binary, isolated from the user's own config, events and state.
fn cyberdiplo(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cyberdiplo"));
    cmd.env("CYBERDIPLO_CONFIG", home.join("config.ron"))
        .env("CYBERDIPLO_EVENTS_DIR", home.join("events"))
        .env("CYBERDIPLO_STATE_DIR", home.join("state"))
        .env("CYBERDIPLO_CACHE_DIR", home.join("cache"))
        .stdin(Stdio::null())
        .current_dir(home);
    cmd
}

fn run(home: &Path, args: &[&str]) -> Output {
    cyberdiplo(home).args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The ids `list` prints for a query (through `--format '{id}'`).
fn ids(home: &Path, query: &[&str]) -> Vec<String> {
    let mut args = vec!["list", "--format", "{id}"];
    args.extend(query);
    stdout(&run(home, &args))
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn list_output_pipes_into_show() {
    let home = tempfile::tempdir().unwrap();
    let listed = ids(home.path(), &["tallinn"]);
    assert!(listed.len() >= 3, "{listed:?}");
    // `list … --format '{id}' | xargs cyberdiplo show`
    let mut args = vec!["show"];
    args.extend(listed.iter().map(String::as_str));
    let shown = run(home.path(), &args);
    assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
    let text = stdout(&shown);
    let shown_ids: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("id: "))
        .collect();
    assert_eq!(shown_ids, listed);
    // `list tallinn | cyberdiplo show -`: the default columns start with the id.
    let list = run(home.path(), &["list", "tallinn"]);
    let mut child = cyberdiplo(home.path())
        .args(["show", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&list.stdout).unwrap();
    let piped = child.wait_with_output().unwrap();
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    assert_eq!(stdout(&piped), text);
}

#[test]
fn list_columns_and_templates() {
    let home = tempfile::tempdir().unwrap();
    let text = stdout(&run(home.path(), &["list", "eap", "summit"]));
    assert_eq!(
        text.trim_end(),
        "2017-11-24-eap-summit-brussels  2017-11-24      planned  summit               \
         5th Eastern Partnership summit"
    );
    let line = stdout(&run(
        home.path(),
        &[
            "list",
            "--format",
            r"{date}\t{status}|{kind}|{{{title}}}",
            "eap",
            "summit",
        ],
    ));
    assert_eq!(
        line,
        "2017-11-24\tplanned|summit|{5th Eastern Partnership summit}\n"
    );
    let bad = run(home.path(), &["list", "--format", "{id} {when}"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("unknown field `{when}` at column 6"),
        "{}",
        stderr(&bad)
    );
    let clash = run(home.path(), &["list", "--json", "--format", "{id}"]);
    assert_eq!(clash.status.code(), Some(2));
}

#[test]
fn show_takes_a_unique_start_of_an_id_and_lists_candidates_otherwise() {
    let home = tempfile::tempdir().unwrap();
    let one = run(home.path(), &["show", "2017-10-04-tal"]);
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    assert!(stdout(&one).contains(&format!("id: {TALLINN}")));
    let many = run(home.path(), &["show", "2017-10"]);
    assert_eq!(many.status.code(), Some(1));
    let err = stderr(&many);
    let starting = ids(home.path(), &["id:2017-10"]).len();
    let head = format!("error: `2017-10` is the start of {starting} ids; give more of one:\n");
    assert!(starting > 2 && err.starts_with(&head), "{err}");
    for id in [TALLINN, "2017-10-05-eap-digital-economy-ministerial"] {
        assert!(err.contains(&format!("\n  {id}  ")), "{err}");
    }
    // Several ids as JSON: a stream of objects; a bad one is reported, the rest printed.
    let json = run(
        home.path(),
        &["show", "--json", "2022-09-01", "nope", "2023-06-26"],
    );
    assert_eq!(json.status.code(), Some(1));
    assert!(stderr(&json).contains("no event has the id `nope`"));
    let objects: Vec<serde_json::Value> = serde_json::Deserializer::from_slice(&json.stdout)
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap();
    let got: Vec<&str> = objects.iter().filter_map(|o| o["id"].as_str()).collect();
    assert_eq!(got, [SAN_FRANCISCO, CONCLUSIONS_2023]);
}

#[test]
fn saved_views_work_from_the_command_line() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let saved = run(h, &["view", "save", "eap", "tag:eastern_partnership"]);
    assert_eq!(saved.status.code(), Some(0), "{}", stderr(&saved));
    let direct = ids(h, &["tag:eastern_partnership"]);
    assert!(direct.len() >= 4);
    assert_eq!(ids(h, &["--view", "eap"]), direct);
    assert_eq!(
        ids(h, &["@eap", "2017", "summit"]),
        ["2017-11-24-eap-summit-brussels"]
    );
    assert_eq!(
        stdout(&run(h, &["view", "list"])),
        "@eap  tag:eastern_partnership\n"
    );
    assert!(h.join("state/views.ron").is_file());
    // Bad names and queries are refused, and nothing is stored.
    for args in [
        &["view", "save", "Bad Name", "x"][..],
        &["view", "save", "y", "year:abc"],
    ] {
        let out = run(h, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(run(h, &["view", "delete", "eap"]).status.code(), Some(0));
    let gone = run(h, &["list", "@eap"]);
    assert_eq!(gone.status.code(), Some(2));
    assert!(
        stderr(&gone).contains("no saved view `@eap`"),
        "{}",
        stderr(&gone)
    );
    assert_eq!(run(h, &["view", "delete", "eap"]).status.code(), Some(1));
}

#[test]
fn marked_term_and_export_marked() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    std::fs::create_dir_all(h.join("state")).unwrap();
    let marks = format!("(marks: [\"{SAN_FRANCISCO}\", \"{TALLINN}\"])");
    std::fs::write(h.join("state/marks.ron"), marks).unwrap();
    assert_eq!(ids(h, &["marked"]), [TALLINN, SAN_FRANCISCO]);
    assert_eq!(ids(h, &["--marked", "tallinn"]), [TALLINN]);
    let all = ids(h, &[]);
    assert_eq!(ids(h, &["!marked"]).len(), all.len() - 2);
    // `'marked` is the word itself, not the set.
    assert_ne!(run(h, &["list", "'marked"]).status.code(), Some(2));
    let csv = run(h, &["export", "--format", "csv", "--marked"]);
    assert_eq!(csv.status.code(), Some(0), "{}", stderr(&csv));
    assert_eq!(stdout(&csv).lines().count(), 3, "header and two rows");
    let or = run(h, &["list", "tallinn | marked"]);
    assert_eq!(or.status.code(), Some(2));
    assert!(stderr(&or).contains("`marked` cannot be one side of `|`"));
}

#[test]
fn new_term_lists_events_new_or_changed_since_the_last_run() {
    use cyberdiplo::saved::seen;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // Nothing is new before any explorer run has recorded what it saw.
    assert_eq!(run(h, &["list", "new:"]).status.code(), Some(1));
    let mut events = cyberdiplo::model::load::bundled().events;
    let unseen = events.remove(0).id;
    let changed = events[3].id.clone();
    events[3].summary.en.push_str(" Since corrected.");
    let state = h.join("state");
    seen::save(&seen::path(&state), &seen::Snapshot::of(&events)).unwrap();
    assert_eq!(ids(h, &["new:"]), [unseen, changed]);
    assert_eq!(ids(h, &["!new:"]).len(), ids(h, &[]).len() - 2);
    std::fs::write(seen::path(&state), b"damaged").unwrap();
    let damaged = run(h, &["list", "new:"]);
    assert!(stderr(&damaged).contains("damaged; what's new starts afresh"));
}

#[test]
fn kind_takes_the_two_letter_codes_of_the_list() {
    let home = tempfile::tempdir().unwrap();
    let kinds = stdout(&run(
        home.path(),
        &["list", "kind:CC", "--format", "{kind}"],
    ));
    assert!(kinds.lines().count() >= 3, "{kinds}");
    assert!(kinds.lines().all(|k| k == "council_conclusions"), "{kinds}");
}

#[test]
fn query_flag_filters_the_list_printed_to_a_pipe_and_is_checked() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["-q", "lulea"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1);
    assert!(stdout(&out).contains("Luleå"));
    let bad = run(home.path(), &["--query", "year:abc"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).starts_with("error: bad query: "));
}

#[cfg(unix)]
#[test]
fn pick_without_a_terminal_is_a_usage_error() {
    use std::os::unix::process::CommandExt;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = cyberdiplo(home.path());
    cmd.args(["pick", "-q", "tallinn"]);
    // A new session has no controlling terminal, so /dev/tty cannot open.
    // SAFETY: setsid is async-signal-safe and touches no memory of the parent.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).contains("pick mode needs a terminal"),
        "{}",
        stderr(&out)
    );
}
