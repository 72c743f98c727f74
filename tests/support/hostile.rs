//! An event file written to attack the terminal: escape sequences, controls, bidi overrides,
//! zero-width chars, tabs, wide chars and a very long word in every text field.
#![allow(dead_code)]

/// Id of the hostile record.
pub const ID: &str = "2024-05-01-hostile-record";

/// OSC 52: would set the clipboard.
pub const OSC52: &str = "\u{1b}]52;c;ZXZpbA==\u{7}";
/// OSC 0: would set the window title.
pub const OSC0: &str = "\u{1b}]0;pwned-title\u{7}";
/// OSC 8: a hyperlink.
pub const OSC8: &str = "\u{1b}]8;;https://evil.example/\u{1b}\\click\u{1b}]8;;\u{1b}\\";
/// CSI: colours, a cursor move and clearing the screen.
pub const CSI: &str = "\u{1b}[5;31;47m\u{1b}[999;999H\u{1b}[2J";
/// DCS: a request the terminal would answer (DECRQSS), typing into the program.
pub const DCS: &str = "\u{1b}P1$qm\u{1b}\\";
/// 8-bit C1 forms: CSI and OSC.
pub const C1: &str = "\u{9b}999;999H\u{9d}0;c1-title\u{7}";
/// Bidi overrides and isolates, zero-width chars.
pub const INVISIBLE: &str = "\u{202e}\u{2066}\u{200b}\u{200d}\u{feff}";
/// Other controls: bell, backspace, carriage return, tab, delete.
pub const CONTROLS: &str = "\u{7}\u{8}\r\t\u{7f}";
/// Wide chars (CJK, emoji).
pub const WIDE: &str = "東京サイバー会議 🔐🌍";

/// Byte strings that must never reach a terminal from the data.
pub const FORBIDDEN: &[&str] = &[
    "]52;", "]0;", "]8;", "\u{1b}P", "$qm", "999;999H", "\u{9b}", "\u{9d}", "\u{202e}", "\u{2066}",
    "\u{200b}", "\u{200d}", "\u{feff}", "\u{7}", "\u{8}", "\u{7f}",
];

/// Every attack in one string, around some visible words.
pub fn payload(label: &str) -> String {
    format!("{label}{OSC52}{OSC0} {OSC8} {CSI}{DCS}{C1}{INVISIBLE}{CONTROLS}{WIDE} end")
}

/// A RON string literal holding `text`; RON's `\u{...}` escapes carry the controls.
fn ron_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{200b}'..='\u{206f}' | '\u{feff}') => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A file with one hostile record and one plain record to compare alignment with.
pub fn file() -> String {
    let long_word = "Cybersecurityconfidencebuildingmeasures".repeat(8);
    let title = format!("Hostile {} {long_word}", payload(""));
    format!(
        r#"[
    (
        id: "{ID}",
        start: "2024-05-01",
        status: held,
        kind: meeting,
        title: (en: {title}, fr: {title_fr}),
        summary: (en: {summary}, fr: {summary}),
        places: [{place}],
        organisers: [{organiser}],
        participants: [{participant}],
        tags: [cybersecurity],
        sources: [(url: {url}, citation: {citation}, quote: {quote})],
    ),
    (
        id: "2024-05-02-hostile-neighbour",
        start: "2024-05-02",
        status: held,
        kind: meeting,
        title: (en: "Hostile neighbour plain title", fr: "Voisin hostile"),
        summary: (en: "Plain.", fr: "Simple."),
        places: ["Brussels"],
        tags: [cybersecurity],
        sources: [(url: "https://example.org/plain")],
    ),
]
"#,
        title = ron_string(&title),
        title_fr = ron_string(&payload("Hostile fr ")),
        summary = ron_string(&format!("{}\n\n{}", payload("Summary "), payload("Para "))),
        place = ron_string(&format!("{WIDE} {}", payload("Place "))),
        organiser = ron_string(&payload("Org ")),
        participant = ron_string(&payload("Part ")),
        url = ron_string(&format!("https://example.org/{OSC0}x")),
        citation = ron_string(&payload("Cite ")),
        quote = ron_string(&payload("Quote ")),
    )
}

/// The first forbidden string found in `bytes`, if any.
pub fn leak(bytes: &[u8]) -> Option<&'static str> {
    FORBIDDEN.iter().copied().find(|needle| {
        bytes
            .windows(needle.len())
            .any(|window| window == needle.as_bytes())
    })
}
