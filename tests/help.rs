//! Help, man page and shell completion: every `--help` example runs, the man page has its
//! sections and points at no other page, and bash, zsh and fish complete event ids.

use std::path::Path;
use std::process::{Command, Output};

use clap::CommandFactory;
use cyberdiplo::cli::Cli;

/// A folder standing for the user's home, with the binary first on PATH and pagers that
/// fall back to `cat`.
struct Home {
    dir: tempfile::TempDir,
    path: std::ffi::OsString,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        let shims = dir.path().join("shims");
        std::fs::create_dir(&shims).unwrap();
        for pager in ["less", "man"] {
            std::fs::write(shims.join(pager), "#!/bin/sh\nexec cat\n").unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::Permissions::from_mode(0o755);
                std::fs::set_permissions(shims.join(pager), mode).unwrap();
            }
        }
        let binary = Path::new(env!("CARGO_BIN_EXE_cyberdiplo"));
        let system = std::env::var_os("PATH").unwrap_or_default();
        let path = std::env::join_paths(
            [binary.parent().unwrap().to_path_buf(), shims]
                .into_iter()
                .chain(std::env::split_paths(&system)),
        )
        .unwrap();
        Home { dir, path }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `script` in `shell -c`, as a user would type it.
    fn shell(&self, shell: &str, script: &str) -> Output {
        let root = self.root();
        Command::new(shell)
            .arg("-c")
            .arg(script)
            .current_dir(root)
            .env("PATH", &self.path)
            .env("HOME", root)
            .env("CYBERDIPLO_CONFIG", root.join("config.ron"))
            .env("CYBERDIPLO_EVENTS_DIR", root.join("events"))
            .env("CYBERDIPLO_STATE_DIR", root.join("state"))
            .env("CYBERDIPLO_CACHE_DIR", root.join("cache"))
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The `cyberdiplo …` lines of every command's help, in the order help shows them.
fn help_examples() -> Vec<String> {
    fn walk(cmd: &clap::Command, out: &mut Vec<String>) {
        let after = cmd
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        for line in after.lines().map(str::trim) {
            if line.starts_with("cyberdiplo") {
                // A description follows three spaces.
                let command = line.split("   ").next().unwrap_or(line).trim();
                out.push(command.to_string());
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&Cli::command(), &mut out);
    out
}

#[test]
fn every_help_example_runs() {
    let home = Home::new();
    std::fs::create_dir_all(home.root().join("state")).unwrap();
    let marks = "(marks: [\"2017-10-04-tallinn-eap-cyber-conference\"])";
    std::fs::write(home.root().join("state/marks.ron"), marks).unwrap();
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/user_events.ron");
    std::fs::copy(own, home.root().join("my-events.ron")).unwrap();
    let examples = help_examples();
    assert!(examples.len() >= 25, "{examples:?}");
    for example in &examples {
        // Pick mode needs a person at a terminal: the pseudo-terminal tests run it.
        if example.contains(" pick") {
            continue;
        }
        let output = home.shell("bash", &format!("set -o pipefail; {example}"));
        assert_eq!(
            output.status.code(),
            Some(0),
            "help example `{example}` failed\nstdout:\n{}\nstderr:\n{}",
            text(&output.stdout),
            text(&output.stderr)
        );
        let quiet = example.contains('>') || example.contains(" -o ");
        assert!(
            quiet || !output.stdout.is_empty(),
            "`{example}` printed nothing"
        );
    }
}

#[test]
fn help_shows_no_doc_links_and_show_names_a_real_event() {
    fn walk(cmd: &mut clap::Command, out: &mut Vec<(String, String)>) {
        let long = cmd.render_long_help().to_string();
        out.push((cmd.get_name().to_string(), long));
        for sub in cmd.get_subcommands_mut() {
            walk(sub, out);
        }
    }
    let mut root = Cli::command();
    root.build();
    let mut helps = Vec::new();
    walk(&mut root, &mut helps);
    for (name, help) in &helps {
        assert!(
            !help.contains("[`"),
            "`{name} --help` shows a doc link:\n{help}"
        );
    }
    let show = &helps.iter().find(|(n, _)| n == "show").unwrap().1;
    let events = cyberdiplo::model::load::bundled().events;
    let named = show
        .lines()
        .filter_map(|l| l.trim().strip_prefix("cyberdiplo show "))
        .filter_map(|rest| rest.split_whitespace().next())
        .find(|id| id.len() > 20)
        .unwrap();
    assert!(events.iter().any(|e| e.id == named), "{named} is no event");
}

#[test]
fn man_page_has_every_section_and_no_missing_pages() {
    let home = Home::new();
    let out = home.shell("sh", "cyberdiplo man");
    let page = text(&out.stdout);
    for section in [
        "NAME",
        "SYNOPSIS",
        "COMMANDS",
        "KEYS",
        "\"QUERY SYNTAX\"",
        "FILES",
        "ENVIRONMENT",
        "\"EXIT STATUS\"",
        "EXAMPLES",
    ] {
        assert!(page.contains(&format!("\n.SH {section}\n")), "no {section}");
    }
    assert!(!page.contains("cyberdiplo\\-list(1)") && !page.contains("SEE ALSO"));
    assert!(page.is_ascii(), "non-ASCII is escaped for roff");
    for command in ["list", "show", "export", "check", "pick", "view", "paths"] {
        assert!(
            page.contains(&format!(".SS \"cyberdiplo {command}")),
            "{command}"
        );
    }
    // Every key of the help overlay is in KEYS.
    assert!(page.contains("\\fBCtrl\\-Z\\fR"));
    // groff, where installed, formats it without a warning.
    let groff = home.shell("sh", "cyberdiplo man | groff -man -Tutf8 -ww -z 2>&1");
    if groff.status.code() != Some(127) {
        assert_eq!(text(&groff.stdout), "", "groff warnings");
    }
}

/// Whether `shell` can run here; in CI (`CI` set) it must.
fn have(shell: &str) -> bool {
    let found = Command::new(shell).arg("-c").arg("true").output().is_ok();
    if !found && std::env::var_os("CI").is_some() {
        panic!("{shell} is needed by this test in CI (.ci/run installs it)");
    }
    if !found {
        eprintln!("skipped: {shell} is not installed");
    }
    found
}

/// The bundled ids that start with `2017-10-0`, one per line.
fn ids_2017_10() -> String {
    cyberdiplo::model::load::bundled()
        .events
        .iter()
        .filter(|e| e.id.starts_with("2017-10-0"))
        .map(|e| format!("{}\n", e.id))
        .collect()
}

#[test]
fn bash_completes_event_ids_after_show() {
    if !have("bash") {
        return;
    }
    let home = Home::new();
    let script = "source <(cyberdiplo completions bash)
        complete -p cyberdiplo
        COMP_WORDS=(cyberdiplo show 2017-10-0); COMP_CWORD=2
        _cyberdiplo_ids cyberdiplo 2017-10-0 show; printf '%s\\n' \"${COMPREPLY[@]}\"
        COMP_WORDS=(cyberdiplo --no-bundled show 2017); COMP_CWORD=3
        _cyberdiplo_ids cyberdiplo 2017 show; echo \"[${COMPREPLY[*]}]\"
        COMP_WORDS=(cyberdiplo sho); COMP_CWORD=1
        _cyberdiplo_ids cyberdiplo sho cyberdiplo; echo \"${COMPREPLY[*]}\"";
    let out = home.shell("bash", script);
    assert_eq!(
        text(&out.stdout),
        format!(
            "complete -o bashdefault -o default -o nosort -F _cyberdiplo_ids cyberdiplo\n{}[]\nshow\n",
            ids_2017_10()
        ),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn zsh_completes_event_ids_after_show() {
    if !have("zsh") {
        return;
    }
    let home = Home::new();
    // compsys is stubbed: compadd prints what it is given, clap's function says it ran.
    let script = "compdef() { :; }; compadd() { [[ $1 == -a ]] && print -l -- ${(P)2}; }
        _arguments() { print clap; }
        source <(cyberdiplo completions zsh)
        words=(cyberdiplo --data /nowhere show 2017-10-0); CURRENT=5; _cyberdiplo
        words=(cyberdiplo li); CURRENT=2; _cyberdiplo";
    let out = home.shell("zsh", script);
    assert_eq!(
        text(&out.stdout),
        format!("{}clap\n", ids_2017_10()),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn fish_completes_event_ids_after_show() {
    if !have("fish") {
        return;
    }
    let home = Home::new();
    let script = "cyberdiplo completions fish | source
        complete -C 'cyberdiplo show 2017-10-0'
        complete -C 'cyberdiplo --no-bundled show 2017'
        complete -C 'cyberdiplo sho'";
    let out = home.shell("fish", script);
    let got = text(&out.stdout);
    let ids = ids_2017_10();
    assert!(got.starts_with(&ids), "{got}\n{}", text(&out.stderr));
    assert!(got[ids.len()..].starts_with("show\t"), "{got}");
}
