//! The TimelineJS 3 export: a JSON file with a title slide and one slide per event.
//!
//! Dates carry only the parts the event knows, so TimelineJS shows `2015` as a year and
//! `2022-07` as a month, and formats them in its own display language. Parts are strings without leading zeros, as in the TimelineJS
//! spreadsheet template. Text is HTML: data is escaped, and only http(s) URLs become links.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::model::{Date, Event, Lang};
use crate::text::escape_markup;

use super::cite::{date_basis_note, source_name};
use super::{document_title, sources_label};

/// Writes the TimelineJS document, pretty-printed, with a final newline.
pub(super) fn write(events: &[&Event], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let slides: Vec<Value> = events.iter().map(|e| slide(e, lang)).collect();
    let count = match lang {
        Lang::En => format!("{} events", events.len()),
        Lang::Fr => format!("{} événements", events.len()),
    };
    let document = json!({
        "title": {
            "text": {
                "headline": escape_markup(document_title(lang)),
                "text": escape_markup(&count),
            }
        },
        "events": slides,
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

/// One event's slide.
fn slide(event: &Event, lang: Lang) -> Value {
    let mut slide = Map::new();
    slide.insert("start_date".into(), date(event.start));
    if let Some(end) = event.end.filter(|end| *end != event.start) {
        slide.insert("end_date".into(), date(end));
    }
    slide.insert(
        "text".into(),
        json!({
            "headline": escape_markup(event.title(lang)),
            "text": text(event, lang),
        }),
    );
    slide.insert("group".into(), event.kind.name().into());
    slide.insert("unique_id".into(), event.id.clone().into());
    Value::Object(slide)
}

/// A TimelineJS date object with the parts the date knows.
fn date(date: Date) -> Value {
    let mut parts = Map::new();
    parts.insert("year".into(), date.year().to_string().into());
    if let Some(month) = date.month() {
        parts.insert("month".into(), month.to_string().into());
    }
    if let Some(day) = date.day() {
        parts.insert("day".into(), day.to_string().into());
    }
    Value::Object(parts)
}

/// The slide body: the summary, how an inferred date was arrived at, and the sources cited
/// by their labels, as HTML.
fn text(event: &Event, lang: Lang) -> String {
    // No precision note: TimelineJS already shows `2015` as a year and `2022-07` as a month.
    // An inferred date is another matter: the slide's date looks as certain as any other.
    let mut html = paragraph(event.summary(lang));
    if let Some(note) = date_basis_note(event, lang) {
        html.push_str(&format!("<p><em>{}</em></p>", escape_markup(&note)));
    }
    if !event.sources.is_empty() {
        html.push_str(&format!("<p>{}</p><ul>", sources_label(lang)));
        for source in &event.sources {
            html.push_str("<li>");
            html.push_str(&source_html(source, lang));
            html.push_str("</li>");
        }
        html.push_str("</ul>");
    }
    html
}

/// A source as HTML: its citation (a link for http(s) URLs) and the quote in `<q>`.
fn source_html(source: &crate::model::Source, lang: Lang) -> String {
    let mut html = match source.url.as_deref() {
        Some(url) if super::is_web_url(url) => {
            let text = source.citation.as_deref().unwrap_or(url);
            format!(
                "<a href=\"{}\">{}</a>",
                escape_markup(url),
                escape_markup(text)
            )
        }
        _ => escape_markup(&source_name(source, lang)),
    };
    if let Some(quote) = source.quote.as_deref() {
        html.push_str(": <q>");
        // The seed's `**` emphasis becomes bold, never raw asterisks.
        for (run, strong) in crate::present::detail::rich::emphasis_runs(quote) {
            match strong {
                true => html.push_str(&format!("<strong>{}</strong>", escape_markup(&run))),
                false => html.push_str(&escape_markup(&run)),
            }
        }
        html.push_str("</q>");
    }
    html
}

/// Text as one paragraph, line breaks kept as `<br>`.
fn paragraph(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(escape_markup).collect();
    format!("<p>{}</p>", lines.join("<br>"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    #[test]
    fn escapes_html_and_links_only_web_urls() {
        assert_eq!(
            escape_markup("<b>\"R&D\"</b>"),
            "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;"
        );
        let evil = Source {
            url: Some("javascript:alert(1)".into()),
            ..Source::default()
        };
        assert_eq!(source_html(&evil, Lang::En), "javascript:alert(1)");
        let good = Source {
            url: Some("https://example.org/?a=1&b=2".into()),
            quote: Some("<x>".into()),
            ..Source::default()
        };
        assert_eq!(
            source_html(&good, Lang::En),
            "<a href=\"https://example.org/?a=1&amp;b=2\">https://example.org/?a=1&amp;b=2</a>: \
             <q>&lt;x&gt;</q>"
        );
    }
}
