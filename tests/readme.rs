//! The README works as written: its shell examples run, its records parse.
//!
//! Every line running `cyberdiplo` inside a ```sh block runs with the built binary
//! first on PATH, in a fresh folder holding `my-events.ron` (the README's own example
//! record) and `archive/`, with config, events, state and cache paths kept inside it.
//! A line must exit 0, or 1 when its comment says `exits 1`.

use std::path::Path;
use std::process::Command;

use cyberdiplo::model::{Event, load};

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The bodies of the README's code blocks of a language.
fn blocks(lang: &str) -> Vec<String> {
    let text = readme();
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line.trim_start()) {
            (None, l) if l == format!("```{lang}") => current = Some(String::new()),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some(body), l) => {
                body.push_str(l);
                body.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

/// The block of a language that contains `needle`.
fn block_with(lang: &str, needle: &str) -> String {
    blocks(lang)
        .into_iter()
        .find(|b| b.contains(needle))
        .unwrap_or_else(|| panic!("no ```{lang} block with {needle:?} in README.md"))
}

fn parse_records(text: &str) -> Vec<Event> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .unwrap()
}

#[test]
fn readme_full_record_is_the_bundled_one() {
    let text = block_with("ron", "id: \"2022-09-01-eu-office-san-francisco\"");
    let record = parse_records(&format!("[{text}]")).remove(0);
    let bundled = load::bundled()
        .events
        .into_iter()
        .find(|e| e.id == record.id)
        .unwrap();
    assert_eq!(record, bundled);
}

#[test]
fn readme_shell_examples_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let own = block_with("ron", "team-cyber-workshop");
    assert_eq!(parse_records(&own).len(), 1);
    std::fs::write(root.join("my-events.ron"), &own).unwrap();
    std::fs::create_dir(root.join("archive")).unwrap();
    std::fs::write(root.join("archive/my-events.ron"), &own).unwrap();

    // Pagers in the examples fall back to `cat` on machines without `less`.
    let shims = root.join("shims");
    std::fs::create_dir(&shims).unwrap();
    std::fs::write(shims.join("less"), "#!/bin/sh\nexec cat\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::Permissions::from_mode(0o755);
        std::fs::set_permissions(shims.join("less"), mode).unwrap();
    }
    let binary = Path::new(env!("CARGO_BIN_EXE_cyberdiplo"));
    let system = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(
        std::iter::once(binary.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&system))
            .chain(std::iter::once(shims)),
    )
    .unwrap();

    let mut ran = 0;
    for block in blocks("sh") {
        for line in block.lines() {
            // A command may start with environment assignments, as in `NO_COLOR=1 cyberdiplo`.
            let program = line
                .split_whitespace()
                .find(|w| !(w.contains('=') && w.starts_with(|c: char| c.is_ascii_uppercase())));
            if program != Some("cyberdiplo") {
                continue;
            }
            // Comments follow two spaces and a `#`; queries never contain that.
            let (command, comment) = line.split_once("  #").unwrap_or((line, ""));
            let expected = if comment.contains("exits 1") { 1 } else { 0 };
            let output = Command::new("sh")
                .arg("-c")
                .arg(command)
                .current_dir(root)
                .env("PATH", &path)
                .env("CYBERDIPLO_CONFIG", root.join("config/config.ron"))
                .env("CYBERDIPLO_EVENTS_DIR", root.join("events"))
                .env("CYBERDIPLO_STATE_DIR", root.join("state"))
                .env("CYBERDIPLO_CACHE_DIR", root.join("cache"))
                .env("SOURCE_DATE_EPOCH", "1767225600")
                .env_remove("NO_COLOR")
                .stdin(std::process::Stdio::null())
                .output()
                .unwrap();
            assert_eq!(
                output.status.code(),
                Some(expected),
                "README example `{command}` exited with {:?}\nstdout:\n{}\nstderr:\n{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr),
            );
            let words: Vec<&str> = command.split_whitespace().collect();
            let listing = words.windows(2).any(|w| w == ["cyberdiplo", "list"]);
            if listing && expected == 0 && !command.contains('>') {
                assert!(!output.stdout.is_empty(), "`{command}` printed nothing");
            }
            ran += 1;
        }
    }
    assert!(ran >= 20, "only {ran} README examples found");
    // The exports the README shows were written.
    for file in ["diplomacy.ics", "cyber.csv", "timeline.md", "timeline.json"] {
        let bytes = std::fs::read(root.join(file)).unwrap_or_default();
        assert!(
            !bytes.is_empty(),
            "the README's export example wrote no {file}"
        );
    }
}

#[test]
fn readme_config_example_loads_without_warning() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    std::fs::write(&config, block_with("ron", "theme:")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cyberdiplo"))
        .args(["list", "tallinn"])
        .env("CYBERDIPLO_CONFIG", &config)
        .env("CYBERDIPLO_EVENTS_DIR", dir.path().join("events"))
        .env("CYBERDIPLO_STATE_DIR", dir.path().join("state"))
        .env("CYBERDIPLO_CACHE_DIR", dir.path().join("cache"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The example asks for French titles.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Conférence"), "{stdout}");
}
