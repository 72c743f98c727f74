//! The help overlay's rows and their filter.

use crate::text::fold;

/// One row of the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpEntry {
    /// The keys, as written on the keyboard.
    pub keys: &'static str,
    /// What they do.
    pub action: &'static str,
}

const fn entry(keys: &'static str, action: &'static str) -> HelpEntry {
    HelpEntry { keys, action }
}

/// Every key of the explorer.
pub const HELP: &[HelpEntry] = &[
    entry("j / Down", "next event; scroll the detail down"),
    entry("k / Up", "previous event; scroll the detail up"),
    entry("PgDn / PgUp", "a page down or up"),
    entry("g / Home", "first event; top of the detail"),
    entry("G / End", "last event; bottom of the detail"),
    entry("] / [", "first event of the next / previous year"),
    entry(
        "Enter / l",
        "open the detail; jump to the selected related event",
    ),
    entry("Esc / h", "back to the list; in the list, clear the filter"),
    entry("Tab / S-Tab", "focus list, detail, related events"),
    entry("b / Backspace", "back to the event before the last jump"),
    entry("/", "filter: each key narrows the list"),
    entry("Esc (filter)", "clear the query; again to leave the filter"),
    entry("Enter (filter)", "keep the filter and go to the list"),
    entry("Ctrl-U (filter)", "erase the query"),
    entry("s", "sort: date order or best match first"),
    entry("m", "mark or unmark the event"),
    entry("M", "show only marked events, or all"),
    entry("L", "titles and summaries in English or French"),
    entry("?", "this help; type to filter it, Esc closes"),
    entry("q / Ctrl-C", "quit"),
    entry("Ctrl-Z", "suspend to the shell (fg resumes)"),
    entry(
        "mouse",
        "wheel scrolls, click selects, click a related event to jump",
    ),
    entry(
        "query words",
        "every word must match title, summary, places, people or tags",
    ),
    entry("'exact", "query: the text appears as typed, anywhere"),
    entry(
        "^start end$",
        "query: a title, place or actor starts / ends so",
    ),
    entry("!word", "query: leave out events containing the word"),
    entry("a | b", "query: either a or b"),
    entry(
        "kind: tag:",
        "query: kind:summit, tag:africa, status:planned",
    ),
    entry(
        "place: actor:",
        "query: place:brussels, actor:eeas, id:2017",
    ),
    entry(
        "year: a..b",
        "query: year:2021, 2021..2023, 2021-05.., ..2019",
    ),
    entry(
        "CF MT EX CC",
        "conference, meeting, exercise, council conclusions",
    ),
    entry("MN SM ST LG", "ministerial, summit, strategy, legislation"),
    entry(
        "PG OF RV PB",
        "programme, office opening, review, publication",
    ),
    entry("* ~", "marked event; planned event"),
];

/// The help overlay's filter and scroll position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpState {
    /// Text typed to filter the rows.
    pub query: String,
    /// First visible row.
    pub scroll: usize,
}

impl HelpState {
    /// Rows matching the typed text (all of them when it is empty).
    pub fn entries(&self) -> Vec<HelpEntry> {
        let words: Vec<String> = self.query.split_whitespace().map(fold).collect();
        HELP.iter()
            .filter(|e| {
                let text = fold(&format!("{} {}", e.keys, e.action));
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .copied()
            .collect()
    }
}
