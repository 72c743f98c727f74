//! The man page: clap's NAME, SYNOPSIS, DESCRIPTION and OPTIONS, then our own COMMANDS
//! (every command in this one page, as no other page exists), KEYS (the explorer's key
//! table), QUERY SYNTAX, FILES, ENVIRONMENT, EXIT STATUS and EXAMPLES.

use clap::CommandFactory;

use super::Cli;

/// Text with roff's special characters escaped: backslash, hyphen-minus (so options can
/// be copied), and a `.` or `'` that would start a line.
fn esc(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    text.lines()
        .map(|l| {
            if l.starts_with(['.', '\'']) {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A term and its explanation (`.TP`).
fn item(out: &mut String, term: &str, text: &str) {
    out.push_str(&format!(".TP\n{term}\n{}\n", esc(text)));
}

fn bold(text: &str) -> String {
    format!("\\fB{}\\fR", esc(text))
}

/// One `.SS` per visible command: its usage, its description, its own arguments.
fn commands(out: &mut String) {
    out.push_str(".SH COMMANDS\n");
    let mut root = Cli::command();
    root.build();
    let plain = Cli::command();
    for sub in plain.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        let usage = root
            .find_subcommand_mut(name)
            .map(|s| s.render_usage().to_string())
            .unwrap_or_default();
        let usage = usage.trim_start_matches("Usage: ").trim();
        out.push_str(&format!(".SS \"{}\"\n", esc(usage)));
        let about = sub.get_long_about().or(sub.get_about());
        if let Some(about) = about {
            out.push_str(&format!("{}\n", esc(&about.to_string())));
        }
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            let value = match arg.get_value_names() {
                Some([name, ..]) if arg.get_action().takes_values() => {
                    format!(" \\fI{}\\fR", esc(name))
                }
                _ => String::new(),
            };
            let term = match (arg.get_long(), arg.get_short()) {
                (Some(long), Some(short)) => bold(&format!("-{short}, --{long}")) + &value,
                (Some(long), None) => bold(&format!("--{long}")) + &value,
                (None, Some(short)) => bold(&format!("-{short}")) + &value,
                (None, None) => format!("\\fI{}\\fR", esc(arg.get_id().as_str()).to_uppercase()),
            };
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            item(out, &term, &help);
        }
        for action in sub.get_subcommands() {
            let about = action
                .get_about()
                .map(|a| a.to_string())
                .unwrap_or_default();
            item(out, &bold(&format!("{name} {}", action.get_name())), &about);
        }
    }
}

/// The explorer's keys, from the keymap that also drives dispatch and the help overlay.
fn keys(out: &mut String) {
    use crate::keys::Section;
    out.push_str(".SH KEYS\n");
    out.push_str("In the explorer (press ? for this table, filtered as you type).\n");
    let rows = crate::keys::help_rows();
    for section in Section::ALL {
        out.push_str(&format!(".SS \"{}\"\n", esc(section.title())));
        for row in rows.iter().filter(|r| r.section == Some(section)) {
            item(out, &bold(&row.keys), row.action);
        }
    }
}

const QUERY_SYNTAX: &[(&str, &str)] = &[
    (
        "tallinn",
        "a title, place, actor, tag, kind or id matches fuzzily, or a word of a summary or quote starts so; accents and case are ignored (lulea finds Luleå)",
    ),
    ("'sec", "sec appears anywhere, as typed"),
    (
        "^eu  forum$  ^estonia$",
        "a short field starts with, ends with, or is exactly this",
    ),
    ("!nato", "nato appears nowhere; also !^x, !x$, !kind:…"),
    ("a b", "both match (AND)"),
    (
        "a | b",
        "either matches; OR binds tighter than AND: cyber | digital tallinn is (cyber OR digital) AND tallinn",
    ),
    (
        "kind:summit  kind:SM",
        "the kind's name contains summit; the list's two-letter codes work too",
    ),
    (
        "tag:  status:  place:  actor:  id:",
        "a tag, the status (held, planned), a place, an organiser or participant, the id contains the value",
    ),
    (
        "year:2021  2021..2023  2021-05..  ..2019",
        "the event's span overlaps these dates",
    ),
    (
        "@name",
        "the query saved as view name (see the view command), pasted in its place",
    ),
    (
        "marked  !marked",
        "only, or no, marked events; stands alone, never beside |; 'marked finds the word",
    ),
    (
        "new:  !new:",
        "only, or no, events new or changed since the last explorer run",
    ),
];

fn query_syntax(out: &mut String) {
    out.push_str(".SH \"QUERY SYNTAX\"\n");
    out.push_str(
        "The explorer's filter and the list, export, pick and \\-q queries share one syntax:\n",
    );
    for (term, text) in QUERY_SYNTAX {
        item(out, &bold(term), text);
    }
}

const FILES: &[(&str, &str)] = &[
    (
        "~/.config/cyberdiplo/config.ron",
        "settings: lang, sort, theme, mouse, today; read, never written",
    ),
    (
        "~/.local/share/cyberdiplo/events/",
        "your own event files; every .ron file here loads",
    ),
    ("~/.local/state/cyberdiplo/marks.ron", "marked events"),
    ("~/.local/state/cyberdiplo/views.ron", "saved views"),
    (
        "~/.local/state/cyberdiplo/history.ron",
        "the explorer's query history",
    ),
    (
        "~/.local/state/cyberdiplo/seen.bin",
        "what the last explorer run saw, for new:",
    ),
    (
        "~/.cache/cyberdiplo/",
        "parsed caches of large event files; safe to delete",
    ),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    ("CYBERDIPLO_CONFIG", "the config file"),
    ("CYBERDIPLO_EVENTS_DIR", "the user events folder"),
    (
        "CYBERDIPLO_STATE_DIR",
        "the state folder: marks, views, history, what was seen",
    ),
    ("CYBERDIPLO_CACHE_DIR", "the cache folder"),
    (
        "NO_COLOR",
        "when set and not empty, the explorer draws without colours",
    ),
    (
        "SOURCE_DATE_EPOCH",
        "the time stamp written in exports, for reproducible files",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "done; in pick mode, ids were printed"),
    (
        "1",
        "nothing matched, an id named no event (or the start of several), the data is invalid, or writing failed",
    ),
    (
        "2",
        "usage error: an unknown option, a malformed query or template",
    ),
    ("130", "pick mode left with Esc, nothing printed"),
    ("128+N", "the explorer was ended by signal N"),
];

const EXAMPLES: &[(&str, &str)] = &[
    ("cyberdiplo -q lulea", "open the explorer filtered"),
    (
        "cyberdiplo list tallinn",
        "matching events, one per line: id, date, status, kind, title",
    ),
    (
        "cyberdiplo list tallinn --format '{id}' | xargs cyberdiplo show",
        "every matching event in full",
    ),
    (
        "cyberdiplo show 2017-10-04-tal",
        "one event, by a unique start of its id",
    ),
    (
        "cyberdiplo pick -q tallinn | xargs cyberdiplo show",
        "choose in the explorer, print in full",
    ),
    (
        "cyberdiplo view save eap 'tag:eastern_partnership'",
        "save a view; then cyberdiplo list @eap 2017",
    ),
    (
        "cyberdiplo export --format ics --marked -o marked.ics",
        "marked events as a calendar",
    ),
    ("cyberdiplo check my-events.ron", "validate your own events"),
];

fn table(out: &mut String, heading: &str, rows: &[(&str, &str)]) {
    if heading.contains(' ') {
        out.push_str(&format!(".SH \"{heading}\"\n"));
    } else {
        out.push_str(&format!(".SH {heading}\n"));
    }
    for (term, text) in rows {
        item(out, &bold(term), text);
    }
}

/// The whole page, in roff.
pub(super) fn page() -> Vec<u8> {
    let man = clap_mangen::Man::new(Cli::command());
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = man.render_title(&mut out);
    let _ = man.render_name_section(&mut out);
    let _ = man.render_synopsis_section(&mut out);
    let _ = man.render_description_section(&mut out);
    let _ = man.render_options_section(&mut out);
    let mut text = String::new();
    commands(&mut text);
    keys(&mut text);
    query_syntax(&mut text);
    table(&mut text, "FILES", FILES);
    text.push_str(
        ".PP\nLocations are those of Linux; `cyberdiplo paths` prints the ones in use.\n",
    );
    table(&mut text, "ENVIRONMENT", ENVIRONMENT);
    table(&mut text, "EXIT STATUS", EXIT_STATUS);
    table(&mut text, "EXAMPLES", EXAMPLES);
    out.extend_from_slice(text.as_bytes());
    let _ = man.render_version_section(&mut out);
    ascii(&String::from_utf8_lossy(&out)).into_bytes()
}

/// The page with every non-ASCII character as a roff escape (`\[u00E5]`), so it renders
/// the same whether or not the formatter is told the input encoding.
fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}
