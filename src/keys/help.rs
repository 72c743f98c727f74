//! The help's rows, from the keymap and the rows that are not keys (typing, the mouse, the
//! query syntax), and the README's key tables made from them.

use super::binding::Section;
use super::keymap::KEYMAP;
use Section::{FilterBar, HelpOverlay, Session};

/// Rows of the help that are not bindings: typing, the mouse and marks in the list.
pub const TEXT_ROWS: &[(&str, &str, Section)] = &[
    (
        "any character",
        "added to the query; the list narrows at once",
        FilterBar,
    ),
    (
        "any character",
        "filters the help rows (`year` keeps the year keys)",
        HelpOverlay,
    ),
    (
        "mouse",
        "wheel scrolls, click selects, click a related event to jump",
        Session,
    ),
    ("* ~", "marked event; planned event", Session),
];

/// Rows of the help about the query syntax.
pub const QUERY_ROWS: &[(&str, &str)] = &[
    (
        "query words",
        "every word must start a word of a field, or spell initials (ttc)",
    ),
    ("'exact", "query: the text appears as typed, anywhere"),
    (
        "^start end$",
        "query: a title, place or actor starts / ends so",
    ),
    ("!word", "query: leave out the events that word matches"),
    ("a | b", "query: either a or b"),
    (
        "kind: tag:",
        "query: kind:summit, tag:africa, status:planned",
    ),
    (
        "place: actor:",
        "query: place:brussels, actor:eeas, id:2017",
    ),
    (
        "year: a..b",
        "query: year:2021, 2021..2023, 2021-05.., ..2019",
    ),
    (
        "CF MT EX CC",
        "conference, meeting, exercise, council conclusions",
    ),
    ("MN SM ST LG", "ministerial, summit, strategy, legislation"),
    (
        "PG OF RV PB",
        "programme, office opening, review, publication",
    ),
];

/// One row of the help: keys as written and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The keys, e.g. `g / Home`.
    pub keys: String,
    /// What they do.
    pub action: &'static str,
    /// Its section, `None` for the query syntax.
    pub section: Option<Section>,
}

/// Every row of the help, section by section, then the query syntax.
pub fn help_rows() -> Vec<HelpRow> {
    let mut rows = Vec::new();
    for section in Section::ALL {
        for binding in KEYMAP.iter().filter(|b| b.section == section) {
            let keys: Vec<String> = binding.keys.iter().map(|k| k.name()).collect();
            rows.push(HelpRow {
                keys: keys.join(" / "),
                action: binding.help,
                section: Some(section),
            });
        }
        for (keys, action, _) in TEXT_ROWS.iter().filter(|r| r.2 == section) {
            rows.push(HelpRow {
                keys: (*keys).to_string(),
                action,
                section: Some(section),
            });
        }
    }
    rows.extend(QUERY_ROWS.iter().map(|(keys, action)| HelpRow {
        keys: (*keys).to_string(),
        action,
        section: None,
    }));
    rows
}

/// The README's key tables, one per section, in Markdown.
pub fn markdown_tables() -> String {
    let mut out = String::new();
    for section in Section::ALL {
        out.push_str(&format!("| Key | {} |\n|---|---|\n", section.title()));
        for row in help_rows().iter().filter(|r| r.section == Some(section)) {
            let keys = if row.keys.starts_with("any") || row.keys == "mouse" || row.keys == "* ~" {
                row.keys.clone()
            } else {
                row.keys
                    .split(" / ")
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" / ")
            };
            let action = row.action.replace('|', "\\|");
            out.push_str(&format!("| {keys} | {action} |\n"));
        }
        out.push('\n');
    }
    out
}
