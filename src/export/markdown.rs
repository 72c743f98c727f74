//! The Markdown export: a readable document with one `##` section per year.
//!
//! Each event is a `###` heading `<date label> — <title>` after an HTML anchor named by its
//! id, then a line of kind, status and places, the summary, a short list of organisers,
//! participants and tags, the sources as block quotes ending with their origin, and links
//! to related events. Data is escaped so that it reads as text, never as Markdown.

use std::collections::HashSet;
use std::io::{self, Write};

use crate::model::{Event, Lang, Source};

use super::{document_title, related_label};

/// Writes the document.
pub(super) fn write(events: &[&Event], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
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
        write_event(out, event, lang, &ids)?;
    }
    Ok(())
}

/// Writes one event's block.
fn write_event(
    out: &mut dyn Write,
    event: &Event,
    lang: Lang,
    ids: &HashSet<&str>,
) -> io::Result<()> {
    writeln!(out, "\n<a id=\"{}\"></a>", attribute(&event.id))?;
    writeln!(
        out,
        "### {} — {}",
        event.date_label(),
        inline(&one_line(event.title(lang)))
    )?;
    let mut facts = vec![
        event.kind.name().to_string(),
        event.status.name().to_string(),
    ];
    if !event.places.is_empty() {
        facts.push(event.places.join(", "));
    }
    writeln!(out, "\n*{}*", inline(&one_line(&facts.join(" · "))))?;
    let summary = event.summary(lang).trim();
    if !summary.is_empty() {
        writeln!(out, "\n{}", block(summary))?;
    }
    let tags: Vec<&str> = event.tags.iter().map(|t| t.name()).collect();
    let list = [
        (labels(lang).0, event.organisers.join(", ")),
        (labels(lang).1, event.participants.join(", ")),
        (labels(lang).2, tags.join(", ")),
    ];
    if list.iter().any(|(_, v)| !v.is_empty()) {
        writeln!(out)?;
        for (label, value) in list.iter().filter(|(_, v)| !v.is_empty()) {
            writeln!(out, "- {label} {}", inline(&one_line(value)))?;
        }
    }
    for source in &event.sources {
        writeln!(out)?;
        write_source(out, source)?;
    }
    if !event.related.is_empty() {
        let links: Vec<String> = event.related.iter().map(|id| link(id, ids)).collect();
        writeln!(out, "\n{} {}", related_label(lang), links.join(", "))?;
    }
    Ok(())
}

/// The labels of organisers, participants and tags, with their colons.
fn labels(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::En => ("Organisers:", "Participants:", "Tags:"),
        Lang::Fr => ("Organisateurs :", "Participants :", "Thèmes :"),
    }
}

/// A source as a block quote: the quote's lines, then `— origin`.
fn write_source(out: &mut dyn Write, source: &Source) -> io::Result<()> {
    if let Some(quote) = source.quote.as_deref().map(str::trim) {
        for line in block(quote).lines() {
            if line.is_empty() {
                writeln!(out, ">")?;
            } else {
                writeln!(out, "> {line}")?;
            }
        }
        writeln!(out, ">")?;
    }
    writeln!(out, "> — {}", origin(source))
}

/// The origin of a source: the seed file in code, a URL as a link, or the citation.
fn origin(source: &Source) -> String {
    let text = one_line(source.origin());
    let plain_url = source.url.as_deref() == Some(source.origin())
        && super::is_web_url(&text)
        && !text.contains(|c: char| c.is_whitespace() || c == '<' || c == '>');
    if plain_url {
        format!("<{text}>")
    } else if source.seed.is_some() && !text.contains('`') && !text.is_empty() {
        format!("`{text}`")
    } else {
        inline(&text)
    }
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
fn block(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|l| inline(&one_line(l))).collect();
    lines.join("\n")
}

/// Escapes one line of text so that no character of it acts as Markdown or HTML.
fn inline(text: &str) -> String {
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
