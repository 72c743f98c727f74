//! The Markdown export: a readable document with one `##` section per year.
//!
//! Each event follows the detail document of the explorer and `show` (same order, labels and
//! wording): an HTML anchor named by its id, a `###` title, the meta line (date, status,
//! kind) in italics, the labelled fields as a list, the summary, the sources as block quotes
//! ending with their citation, and links to related events. Data is escaped so that it reads
//! as text, never as Markdown, except the `**` emphasis of source quotes, which is kept.

use std::collections::HashSet;
use std::io::{self, Write};

use chrono::NaiveDate;

use crate::model::{Event, Lang};
use crate::present::detail::{Block, Document, Input, RelatedEntry, no_highlight};

use super::document_title;

/// Writes the document; `today` decides whether a planned date has passed.
pub(super) fn write(
    events: &[&Event],
    lang: Lang,
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "# {}", document_title(lang))?;
    if events.is_empty() {
        let none = match lang {
            Lang::En => "No events.",
            Lang::Fr => "Aucun événement.",
        };
        writeln!(out, "\n{none}")?;
    }
    // Links go only to events in this document, so that none dangles.
    let ids: HashSet<&str> = events.iter().map(|e| e.id.as_str()).collect();
    let mut year = None;
    for event in events {
        // Events arrive in date order; a new heading starts whenever the year changes.
        if year != Some(event.start.year()) {
            year = Some(event.start.year());
            writeln!(out, "\n## {:04}", event.start.year())?;
        }
        let input = Input {
            event,
            lang,
            today,
            marked: false,
            related: event
                .related
                .iter()
                .map(|id| RelatedEntry { id, event: None })
                .collect(),
            selected_related: None,
            hidden: false,
            interactive: false,
            show_files: false,
            record: None,
            highlight: &no_highlight,
        };
        writeln!(out, "\n<a id=\"{}\"></a>", attribute(&event.id))?;
        write_blocks(out, &Document::new(&input), &ids)?;
    }
    Ok(())
}

/// Writes one event's blocks in the document's order.
fn write_blocks(out: &mut dyn Write, doc: &Document, ids: &HashSet<&str>) -> io::Result<()> {
    let mut fields_open = false;
    let mut related: Vec<String> = Vec::new();
    let mut related_label = "";
    for block in &doc.blocks {
        if fields_open && !matches!(block, Block::Field { .. }) {
            fields_open = false;
        }
        match block {
            Block::Title { text, .. } => writeln!(out, "### {}", inline(&one_line(text)))?,
            Block::Meta(text) => writeln!(out, "\n*{}*", inline(&one_line(text)))?,
            Block::Field { label, values, .. } => {
                if !fields_open {
                    writeln!(out)?;
                    fields_open = true;
                }
                let value = inline(&one_line(&values.join(", ")));
                writeln!(out, "- {}{} {value}", label, colon(doc.lang))?;
            }
            Block::Summary { text, .. } if !text.trim().is_empty() => {
                writeln!(out, "\n{}", block_text(text.trim()))?
            }
            Block::Source { label, quote, .. } => {
                writeln!(out)?;
                if let Some(quote) = quote.as_deref().map(str::trim) {
                    for line in quote.lines().map(|l| emphasised(&one_line(l))) {
                        if line.is_empty() {
                            writeln!(out, ">")?;
                        } else {
                            writeln!(out, "> {line}")?;
                        }
                    }
                    writeln!(out, ">")?;
                }
                writeln!(out, "> — {}", origin(label))?;
            }
            Block::Heading { text, .. } => related_label = text,
            Block::Related { id, .. } => related.push(link(id, ids)),
            Block::Summary { .. } | Block::Note(_) | Block::Small { .. } | Block::Blank => {}
        }
    }
    if !related.is_empty() {
        writeln!(
            out,
            "\n{related_label}{} {}",
            colon(doc.lang),
            related.join(", ")
        )?;
    }
    Ok(())
}

/// A colon with the language's typography (French puts a space before it).
fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ":",
        Lang::Fr => " :",
    }
}

/// A source's citation: a web URL alone as a link, else escaped text.
fn origin(label: &str) -> String {
    let text = one_line(label);
    let plain_url = super::is_web_url(&text)
        && !text.contains(|c: char| c.is_whitespace() || c == '<' || c == '>');
    if plain_url {
        format!("<{text}>")
    } else {
        inline(&text)
    }
}

/// A quote's line escaped, its `**` emphasis kept as Markdown when the markers pair up.
fn emphasised(line: &str) -> String {
    let pieces: Vec<&str> = line.split("**").collect();
    if pieces.len().is_multiple_of(2) {
        // An odd number of markers: a lone one is text.
        return inline(line);
    }
    pieces
        .iter()
        .map(|p| inline_raw(p))
        .collect::<Vec<_>>()
        .join("**")
}

/// A link to a related event's anchor, or its id as plain text when it is not in the
/// document.
fn link(id: &str, ids: &HashSet<&str>) -> String {
    let text = inline(&one_line(id));
    if ids.contains(id) {
        format!("[{text}](#{})", fragment(id))
    } else {
        text
    }
}

/// Text on one line: line breaks and tabs become spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Multi-line text as Markdown paragraphs: each line escaped, blank lines kept.
fn block_text(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|l| inline(&one_line(l))).collect();
    lines.join("\n")
}

/// Escapes one line of text so that no character of it acts as Markdown or HTML.
fn inline(text: &str) -> String {
    let mut out = inline_raw(text);
    // A line must not start a list, a numbered list or a setext underline.
    let starts_block = out.starts_with(['-', '+', '='])
        || out
            .find(|c: char| !c.is_ascii_digit())
            .is_some_and(|i| i > 0 && out[i..].starts_with(['.', ')']));
    if starts_block {
        let at = out.find(['-', '+', '=', '.', ')']).unwrap_or(0);
        out.insert(at, '\\');
    }
    out
}

/// Escapes the characters of `text` that act as Markdown or HTML (not line starts).
fn inline_raw(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes an HTML attribute value.
fn attribute(text: &str) -> String {
    crate::text::escape_markup(text)
}

/// Percent-encodes a URL fragment, keeping the unreserved characters of RFC 3986.
fn fragment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_in_data() {
        assert_eq!(
            inline("a *b* [c](d) <e> _f_ `g`"),
            "a \\*b\\* \\[c\\](d) \\<e\\> \\_f\\_ \\`g\\`"
        );
        assert_eq!(inline("# not a heading"), "\\# not a heading");
        assert_eq!(inline("- not a list"), "\\- not a list");
        assert_eq!(inline("2024. not a list"), "2024\\. not a list");
        assert_eq!(inline("2024 is a year"), "2024 is a year");
        assert_eq!(inline("R&D"), "R\\&D");
    }

    #[test]
    fn links_only_to_events_in_the_document() {
        let ids: HashSet<&str> = ["a-b"].into_iter().collect();
        assert_eq!(link("a-b", &ids), "[a-b](#a-b)");
        assert_eq!(link("gone", &ids), "gone");
        assert_eq!(fragment("é x"), "%C3%A9%20x");
    }
}
