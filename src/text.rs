//! Text folding for matching, and sanitising of untrusted text before it reaches a terminal.
//!
//! Folding makes matching case- and accent-insensitive. Sanitising removes everything a
//! terminal would interpret rather than print: escape sequences (ANSI CSI, OSC, DCS, APC,
//! PM, SOS, in their 7-bit `ESC x` and 8-bit C1 forms), other control characters, bidi
//! overrides and zero-width characters. Printable text, CJK and emoji are left alone.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Lower-cases and strips accents so that `Luleå` matches `lulea` and `sécurité` `securite`.
///
/// Ligatures are spelled out (`œ` → `oe`, `æ` → `ae`, `ß` → `ss`), the typographic apostrophe
/// becomes `'`, and control characters become spaces. Folding works char by char: the fold
/// of a string is the concatenation of the folds of its chars (see [`fold_char`]).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends the fold of `text` to `out`, with no allocation for ASCII text.
pub fn fold_into(text: &str, out: &mut String) {
    out.reserve(text.len());
    let mut rest = text;
    loop {
        // Runs of printable ASCII (most of any text) are copied and lower-cased in place;
        // only the chars in between take the char-by-char path.
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii() || b.is_ascii_control())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..run]);
        out[start..].make_ascii_lowercase();
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else {
            return;
        };
        fold_char(c, out);
        rest = &rest[c.len_utf8()..];
    }
}

/// Chars below this are folded through a table built once by [`fold_char_slow`]: Latin-1
/// and Latin Extended-A and B, the accented letters of European names and French text.
const TABLE_END: u32 = 0x250;

/// The fold of every char from U+0080 to [`TABLE_END`], computed once.
static LATIN: std::sync::LazyLock<Vec<Box<str>>> = std::sync::LazyLock::new(|| {
    (0x80..TABLE_END)
        .map(|n| {
            let mut out = String::new();
            if let Some(c) = char::from_u32(n) {
                fold_char_slow(c, &mut out);
            }
            out.into_boxed_str()
        })
        .collect()
});

/// Appends the fold of one char to `out` (zero, one or more chars).
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(if c.is_ascii_control() {
            ' '
        } else {
            c.to_ascii_lowercase()
        });
        return;
    }
    match LATIN.get((c as usize).wrapping_sub(0x80)) {
        Some(folded) => out.push_str(folded),
        None => fold_char_slow(c, out),
    }
}

/// [`fold_char`] of a non-ASCII char, from the Unicode tables.
fn fold_char_slow(c: char, out: &mut String) {
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' | 'ẞ' => out.push_str("ss"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' => out.push('d'),
        'ı' => out.push('i'),
        '\u{2018}' | '\u{2019}' | '\u{02bc}' => out.push('\''),
        c if c.is_control() => out.push(' '),
        c => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase().filter(|l| !is_combining_mark(*l)));
            }
        }),
    }
}

/// Whether a char is a bidi control, a zero-width or invisible format char, or a filler that
/// prints as blank yet is not a space: each can disguise text, and fillers also make
/// terminals and width tables disagree, which shifts pane borders.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{061c}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2065}'..='\u{206f}' // unassigned and deprecated format chars
            | '\u{feff}'
            | '\u{00ad}' // soft hyphen
            | '\u{034f}' // combining grapheme joiner
            | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' // Hangul fillers
            | '\u{17b4}' | '\u{17b5}' // Khmer inherent vowels
            | '\u{180e}' // Mongolian vowel separator
            | '\u{fff9}'..='\u{fffb}' // interlinear annotation
            | '\u{1d173}'..='\u{1d17a}' // musical formatting
            | '\u{e0000}'..='\u{e007f}' // tag characters
    )
}

/// Whether a char is one that [`sanitize`] never lets through.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n') || is_invisible(c)
}

/// What kind of string an escape sequence introducer starts.
#[derive(Clone, Copy)]
enum Seq {
    /// Control sequence: parameters, intermediates, one final byte.
    Csi,
    /// Operating system command: ends with BEL or ST.
    Osc,
    /// DCS, SOS, PM, APC: end with ST.
    Str,
}

/// Removes terminal escape sequences, control chars, bidi controls and zero-width chars.
///
/// Tabs become a space and newlines are kept (summaries may have paragraphs); use
/// [`sanitize_line`] for text shown on one line. The result never contains a char for which
/// [`is_unsafe`] holds, and sanitising twice changes nothing more.
pub fn sanitize(text: &str) -> String {
    if is_clean(text, true) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let seq = match c {
            '\u{1b}' => match chars.peek() {
                Some('[') => Some(Seq::Csi),
                Some(']') => Some(Seq::Osc),
                Some('P' | 'X' | '^' | '_') => Some(Seq::Str),
                Some(' '..='/') => {
                    // nF escape, e.g. `ESC ( B`: intermediates then one final char.
                    while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
                    chars.next_if(|c| matches!(c, '0'..='~'));
                    continue;
                }
                Some('0'..='~') => {
                    chars.next();
                    continue;
                }
                _ => continue,
            }
            .inspect(|_| {
                chars.next();
            }),
            '\u{9b}' => Some(Seq::Csi),
            '\u{9d}' => Some(Seq::Osc),
            '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => Some(Seq::Str),
            _ => None,
        };
        match seq {
            Some(Seq::Csi) => {
                while chars.next_if(|c| matches!(c, '0'..='?')).is_some() {}
                while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
                chars.next_if(|c| matches!(c, '@'..='~'));
            }
            Some(kind) => {
                while let Some(c) = chars.next() {
                    let bel = matches!(kind, Seq::Osc) && c == '\u{7}';
                    if bel || c == '\u{9c}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some())
                    {
                        break;
                    }
                }
            }
            None if c == '\t' => out.push(' '),
            None if c == '\u{2028}' || c == '\u{2029}' => out.push('\n'),
            None if is_unsafe(c) => {}
            None => out.push(c),
        }
    }
    out
}

/// Like [`sanitize`], for text shown on one line: newlines also become spaces.
pub fn sanitize_line(text: &str) -> String {
    sanitize(text).replace('\n', " ")
}

/// Sanitises `text` in place ([`sanitize`]), without copying text that needs nothing.
pub fn sanitize_in_place(text: &mut String) {
    if !is_clean(text, true) {
        *text = sanitize(text);
    }
}

/// Sanitises `text` in place for one line ([`sanitize_line`]), without copying text that
/// needs nothing.
pub fn sanitize_line_in_place(text: &mut String) {
    if !is_clean(text, false) {
        *text = sanitize_line(text);
    }
}

/// Whether [`sanitize`] (with `newlines`) or [`sanitize_line`] (without) would leave `text`
/// as it is: no char it removes or replaces (every escape sequence starts with one).
fn is_clean(text: &str, newlines: bool) -> bool {
    let ascii_ok = |b: u8| (b' '..0x7f).contains(&b) || (newlines && b == b'\n');
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // Sixteen printable ASCII bytes at a time (a test the compiler vectorizes).
        if let Some(block) = bytes.get(at..at + 16)
            && block
                .iter()
                .fold(true, |ok, b| ok & (b' '..0x7f).contains(b))
        {
            at += 16;
            continue;
        }
        match b {
            _ if b.is_ascii() => {
                if !ascii_ok(b) {
                    return false;
                }
                at += 1;
            }
            // Two-byte chars from U+00C0 to U+07FF but U+0340-U+037F and U+0600-U+063F:
            // letters, none removed (the C1 controls, U+00AD, U+034F and U+061C are not here).
            0xC3..=0xCC | 0xCE..=0xD7 | 0xD9..=0xDF => at += 2,
            _ => {
                let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    return false;
                };
                if is_unsafe(c) || c == '\u{2028}' || c == '\u{2029}' {
                    return false;
                }
                at += c.len_utf8();
            }
        }
    }
    true
}

/// Shows the chars that [`sanitize`] would remove as visible escapes (`\u{1b}`, `\n`), so an
/// error message can quote untrusted text faithfully without the terminal obeying it.
pub fn escape_for_message(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes `&` `<` `>` `"` `'` for HTML and XML, in text and in attribute values alike:
/// the one markup escaper of the exports.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    #[test]
    fn folds_case_accents_and_ligatures() {
        assert_eq!(fold("Luleå"), "lulea");
        assert_eq!(fold("SÉCURITÉ"), "securite");
        assert_eq!(fold("Cœur Ærø Straße"), "coeur aero strasse");
        assert_eq!(fold("l’Union"), "l'union");
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
        assert_eq!(fold("a\u{1f}b\nc"), "a b c");
        assert_eq!(fold("東京 🙂"), "東京 🙂");
    }

    #[test]
    fn folding_is_char_by_char() {
        let text = "Łódź, İstanbul, ŒUVRE, Ångström";
        let mut per_char = String::new();
        text.chars().for_each(|c| fold_char(c, &mut per_char));
        assert_eq!(fold(text), per_char);
        assert_eq!(fold(&fold(text)), fold(text));
    }

    #[test]
    fn removes_escape_sequences_entirely() {
        assert_eq!(sanitize("a\u{1b}[1;31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(
            sanitize("x\u{1b}]8;;http://e.x\u{1b}\\link\u{1b}]8;;\u{1b}\\y"),
            "xlinky"
        );
        assert_eq!(sanitize("x\u{1b}Pq#0;1\u{1b}\\y"), "xy");
        assert_eq!(sanitize("x\u{1b}_apc\u{1b}\\y\u{1b}^pm\u{9c}z"), "xyz");
        assert_eq!(
            sanitize("x\u{9b}2Jy\u{9d}title\u{7}z\u{90}dcs\u{9c}!"),
            "xyz!"
        );
        assert_eq!(sanitize("x\u{1b}(By\u{1b}cz\u{1b}"), "xyz");
        assert_eq!(sanitize("unterminated \u{1b}]0;title"), "unterminated ");
    }

    #[test]
    fn removes_controls_and_invisibles_but_keeps_text() {
        assert_eq!(sanitize("a\tb\r\nc\u{0}\u{7f}\u{85}d"), "a b\ncd");
        assert_eq!(sanitize_line("one\ntwo\tthree"), "one two three");
        assert_eq!(
            sanitize("ab\u{202e}cd\u{2066}e\u{200b}f\u{feff}g\u{61c}"),
            "abcdefg"
        );
        assert_eq!(sanitize("東京 🙂 Luleå"), "東京 🙂 Luleå");
    }

    #[test]
    fn removes_fillers_tags_and_invisible_operators() {
        let hidden = "a\u{3164}b\u{ad}c\u{ffa0}d\u{e0041}\u{e007f}e\u{2061}\u{2064}f\u{180e}g\
                      \u{115f}\u{1160}h\u{34f}i\u{206a}j\u{fffb}k\u{1d173}l";
        assert_eq!(sanitize(hidden), "abcdefghijkl");
        assert_eq!(escape_for_message("x\u{3164}"), "x\\u{3164}");
    }

    #[test]
    fn escapes_unsafe_chars_visibly() {
        assert_eq!(
            escape_for_message("a\u{1b}[31m\nb\u{202e}"),
            "a\\u{1b}[31m\\nb\\u{202e}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn sanitized_text_is_safe_and_stable(
            s in "(\\PC|[\\x00-\\x1f\\x7f-\\x9f\u{202a}-\u{202e}\u{2066}-\u{2069}\u{200b}-\u{200f}\u{feff}\\[\\]\\\\P_^]){0,40}"
        ) {
            let once = sanitize(&s);
            prop_assert!(!once.chars().any(is_unsafe), "{:?}", once);
            prop_assert_eq!(sanitize(&once), once.clone());
            let line = sanitize_line(&s);
            prop_assert!(!line.chars().any(|c| is_unsafe(c) || c == '\n'));
            prop_assert_eq!(sanitize_line(&line), line);
        }

        #[test]
        fn printable_text_is_unchanged(s in "[\\PC&&[^\u{202a}-\u{202e}\u{2066}-\u{2069}\u{200b}-\u{200f}\u{061c}\u{2060}\u{feff}\u{2028}\u{2029}\u{034f}\u{115f}\u{1160}\u{3164}\u{ffa0}\u{17b4}\u{17b5}]]{0,40}") {
            prop_assert_eq!(sanitize(&s), s.clone());
        }

        #[test]
        fn clean_text_is_what_sanitising_leaves_alone(s in "(\\PC|[\\x00-\\x1f\\x7f-\\x9f\u{ad}\u{34f}\u{61c}\u{2028}\u{2029}\u{202a}-\u{202e}\u{200b}-\u{200f}])*") {
            prop_assert_eq!(is_clean(&s, true), sanitize(&s) == s);
            prop_assert_eq!(is_clean(&s, false), sanitize_line(&s) == s);
        }

        #[test]
        fn fold_matches_folding_each_char(s in "\\PC{0,30}") {
            let mut per_char = String::new();
            s.chars().for_each(|c| fold_char(c, &mut per_char));
            prop_assert_eq!(fold(&s), per_char);
        }
    }
}
