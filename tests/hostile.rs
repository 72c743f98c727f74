//! Broken and hostile event files: each gives a clear error naming the file (and line:col
//! where there is one), a non-zero exit from `check`, and never a panic or a hang.

#![cfg(unix)]

#[path = "support/hostile.rs"]
mod hostile;

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Runs `check` on `path`; returns its exit code and standard error.
fn check(home: &Path, path: &Path) -> (Option<i32>, String) {
    let output = cyberdiplo(home).arg("check").arg(path).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        !stderr
            .chars()
            .any(|c| c != '\n' && cyberdiplo::text::is_unsafe(c)),
        "errors must not carry controls: {stderr:?}"
    );
    (output.status.code(), stderr)
}

/// Asserts `check` fails on `path` with an error that starts with `prefix` and says `what`.
fn fails_with(home: &Path, path: &Path, prefix: &str, what: &str) -> String {
    let (code, stderr) = check(home, path);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with(prefix) && l.contains(what)),
        "expected `{prefix}...{what}` in:\n{stderr}"
    );
    stderr
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn a_missing_file() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("nowhere.ron");
    let prefix = format!("{}: ", path.display());
    fails_with(home.path(), &path, &prefix, "no such file or folder");
}

#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    if is_root() {
        // Root reads files whatever their permissions: nothing to check here.
        eprintln!("skipped: running as root, chmod 000 does not stop reads");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let path = write(home.path(), "secret.ron", "[]");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let prefix = format!("{}: ", path.display());
    fails_with(home.path(), &path, &prefix, "permission denied");
}

#[test]
fn an_empty_file() {
    let home = tempfile::tempdir().unwrap();
    let path = write(home.path(), "empty.ron", "");
    fails_with(
        home.path(),
        &path,
        &format!("{}:1:1: ", path.display()),
        "empty",
    );
}

#[test]
fn invalid_utf8_says_where() {
    let home = tempfile::tempdir().unwrap();
    let path = write(home.path(), "latin1.ron", b"[\n  (id: \"caf\xe9\")]");
    fails_with(
        home.path(),
        &path,
        &format!("{}:2:12: ", path.display()),
        "not valid UTF-8",
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_load() {
    let home = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(hostile::file().replace('\n', "\r\n").bytes());
    let path = write(home.path(), "windows.ron", bytes);
    let (code, stderr) = check(home.path(), &path);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn a_100_mb_file_errors_with_its_position() {
    let home = tempfile::tempdir().unwrap();
    // A million blank lines of 100 bytes, then junk: the error must point at the junk after
    // one pass over the file.
    let mut text = String::with_capacity(100_000_010);
    text.push_str("[\n");
    let line = format!("{}\n", " ".repeat(99));
    for _ in 0..1_000_000 {
        text.push_str(&line);
    }
    text.push_str("junk");
    let path = write(home.path(), "huge.ron", text);
    fails_with(
        home.path(),
        &path,
        &format!("{}:1000002:1: ", path.display()),
        "expected a record",
    );
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let home = tempfile::tempdir().unwrap();
    for (name, open) in [("lists.ron", "["), ("tuples.ron", "("), ("maps.ron", "{")] {
        let path = write(
            home.path(),
            name,
            format!("[(id: {}", open.repeat(1_000_000)),
        );
        fails_with(
            home.path(),
            &path,
            &format!("{}:1:", path.display()),
            "nesting deeper than",
        );
    }
}

#[test]
fn ron_extensions_cannot_be_switched_on_by_a_file() {
    let home = tempfile::tempdir().unwrap();
    let path = write(
        home.path(),
        "ext.ron",
        format!("#![enable(unwrap_newtypes)]\n{}", hostile::file()),
    );
    fails_with(
        home.path(),
        &path,
        &format!("{}:1:", path.display()),
        "enable",
    );
}

#[test]
fn a_folder_where_a_file_is_expected() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("events");
    std::fs::create_dir_all(folder.join("sub.ron")).unwrap();
    let prefix = format!("{}: ", folder.join("sub.ron").display());
    fails_with(home.path(), &folder, &prefix, "is a folder");
}

#[test]
fn a_symlink_to_itself() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("loop.ron");
    std::os::unix::fs::symlink("loop.ron", &path).unwrap();
    let prefix = format!("{}: ", path.display());
    fails_with(home.path(), &path, &prefix, "symbolic links");
}

#[test]
fn a_folder_symlink_loop_given_with_data() {
    let home = tempfile::tempdir().unwrap();
    let (a, b) = (home.path().join("a"), home.path().join("b"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let output = cyberdiplo(home.path())
        .arg("--data")
        .arg(&a)
        .arg("list")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("warning: {}: ", a.display())) && stderr.contains("symbolic"),
        "{stderr}"
    );
    // The bundled events still list.
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!output.stdout.is_empty());
    let (code, _) = check(home.path(), &a);
    assert_eq!(code, Some(1));
}

#[test]
fn controls_in_file_names_and_values_are_escaped_in_errors() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("shared");
    std::fs::create_dir_all(&folder).unwrap();
    let text = hostile::file().replace("\"2024-05-01\"", "\"\\u{1b}]0;evil\\u{7}\"");
    write(&folder, "\u{1b}]52;c;ZXZpbA==\u{7}.ron", text);
    let stderr = fails_with(home.path(), &folder, "", "start: bad date");
    assert!(stderr.contains("\\u{1b}]0;evil\\u{7}"), "{stderr}");
    assert!(
        stderr.contains("shared/\\u{1b}]52;c;ZXZpbA==\\u{7}.ron:"),
        "{stderr}"
    );
}

#[test]
fn hostile_text_loads_clean() {
    let home = tempfile::tempdir().unwrap();
    let path = write(home.path(), "hostile.ron", hostile::file());
    let (code, stderr) = check(home.path(), &path);
    assert_eq!(code, Some(0), "{stderr}");
    for args in [&["list", "--json"][..], &["list", "--csv"], &["list"]] {
        let output = cyberdiplo(home.path())
            .arg("--data")
            .arg(&path)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        assert_eq!(hostile::leak(&output.stdout), None, "{args:?}");
    }
}

/// Makes a FIFO (named pipe) at `path`.
fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path for the whole call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// Runs `cmd` to its end; a hang is killed after a generous deadline and fails the test.
fn finishes(mut cmd: Command) -> (Option<i32>, String, String) {
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("hung on a special file");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_fifo_or_a_device_as_event_data_is_named_at_once() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("pipe.ron");
    mkfifo(&fifo);
    let prefix = format!("{}: ", fifo.display());
    fails_with(
        home.path(),
        &fifo,
        &prefix,
        "is a FIFO (named pipe), not a regular file",
    );
    let zero = Path::new("/dev/zero");
    fails_with(home.path(), zero, "/dev/zero: ", "is a character device");
    // `list` goes on with the other events and says what it left out.
    let mut list = cyberdiplo(home.path());
    list.arg("list").arg("--data").arg(&fifo);
    let (code, stdout, stderr) = finishes(list);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.lines().count() >= 20);
    assert!(stderr.contains("is a FIFO"), "{stderr}");
}

#[test]
fn paths_and_list_do_not_hang_on_a_fifo_config() {
    let home = tempfile::tempdir().unwrap();
    mkfifo(&home.path().join("config.ron"));
    for command in ["paths", "list"] {
        let mut cmd = cyberdiplo(home.path());
        cmd.arg(command);
        let (code, _, stderr) = finishes(cmd);
        assert_eq!(code, Some(0), "{command}: {stderr}");
        assert!(
            stderr.contains("config.ron: not read (is a FIFO (named pipe), not a regular file); using default settings"),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn an_event_file_over_the_size_limit_is_refused_with_how_to_raise_it() {
    let home = tempfile::tempdir().unwrap();
    let big = write(home.path(), "big.ron", " ".repeat(2 << 20));
    let output = cyberdiplo(home.path())
        .env("CYBERDIPLO_MAX_EVENT_FILE_MB", "1")
        .arg("check")
        .arg(&big)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("big.ron: 2 MB, over the 1 MB limit for event files (set CYBERDIPLO_MAX_EVENT_FILE_MB to raise it)"),
        "{stderr}"
    );
}
