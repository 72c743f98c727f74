//! Where a query matched an event, field by field: the list's field notes and the detail's
//! highlights both come from here, so that what lights up is why the event matched.
//!
//! This is an adapter over the search layer's explanation of a match
//! ([`search::explain`]), which reports the very word, alignment or initials that admitted
//! the event; here its byte ranges become char indices of the text each field shows.

use crate::model::{Event, Lang};
use crate::present::words::tag_word;
use crate::search::{self, Field, Query};

/// Matched characters in one field of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    /// The field's name: `title`, `title fr`, `summary`, `summary fr`, `place`, `actor`,
    /// `tag`, `kind`, `quote`, `id`.
    pub field: &'static str,
    /// Which item of a list field (places, actors as organisers then participants, tags,
    /// quotes by source); 0 otherwise.
    pub item: usize,
    /// Matched char indices of the field's text as written.
    pub chars: Vec<usize>,
}

/// Every field of `event` where `query` matched, in the order a reader meets them.
pub fn explain(query: &Query, event: &Event) -> Vec<FieldMatch> {
    let mut out = from_search(event, search::explain(query, event));
    out.sort_by_key(|m| (READING_ORDER.iter().position(|f| *f == m.field), m.item));
    out
}

/// Fields in the order a reader meets them (status and dates are not highlighted).
const READING_ORDER: [&str; 10] = [
    "title",
    "title fr",
    "place",
    "actor",
    "tag",
    "kind",
    "summary",
    "summary fr",
    "quote",
    "id",
];

/// The search layer's byte ranges as char indices of the text each field shows.
fn from_search(event: &Event, matches: Vec<search::FieldMatch>) -> Vec<FieldMatch> {
    let actors = || event.organisers.iter().chain(&event.participants);
    matches
        .into_iter()
        .filter_map(|m| {
            // Tags show as words: same bytes as their names, with spaces or a hyphen.
            let text: String = match m.field {
                Field::Title => event.title.en.clone(),
                Field::TitleFr => event.title.fr.clone(),
                Field::Summary => event.summary.en.clone(),
                Field::SummaryFr => event.summary.fr.clone(),
                Field::Place => event.places.get(m.item)?.clone(),
                Field::Actor => actors().nth(m.item)?.clone(),
                Field::Tag => tag_word(*event.tags.get(m.item)?),
                Field::Kind => event.kind.name().to_string(),
                Field::Quote => event.sources.get(m.item)?.quote.clone()?,
                Field::Id => event.id.clone(),
                Field::Status | Field::Date => return None,
            };
            let chars = search::char_indices(&text, &m.ranges);
            (!chars.is_empty()).then_some(FieldMatch {
                field: m.field.name(),
                item: m.item,
                chars,
            })
        })
        .collect()
}

/// The matched chars of one field's item.
pub fn chars_of(matches: &[FieldMatch], field: &str, item: usize) -> Vec<usize> {
    matches
        .iter()
        .find(|m| m.field == field && m.item == item)
        .map(|m| m.chars.clone())
        .unwrap_or_default()
}

/// The title field shown in `lang`.
pub fn title_field(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "title",
        Lang::Fr => "title fr",
    }
}

/// A short note of where an event matched when it was not in the title the row shows:
/// `place`, `actor · tag`. `None` when the title matched or nothing did.
pub fn note(matches: &[FieldMatch], lang: Lang) -> Option<String> {
    let title = title_field(lang);
    if matches.is_empty() || matches.iter().any(|m| m.field == title) {
        return None;
    }
    let mut fields: Vec<&str> = Vec::new();
    for m in matches {
        if !fields.contains(&m.field) {
            fields.push(m.field);
        }
    }
    fields.truncate(2);
    Some(fields.join(" · "))
}

/// What a list row needs: the matched chars of the title shown (sorted), and when the title
/// did not match, the note of where the event matched. Cheaper than [`explain`] when the
/// title matched, which is the common case.
pub fn in_row(query: &Query, event: &Event, lang: Lang) -> (Vec<usize>, Option<String>) {
    if query.is_empty() {
        return (Vec::new(), None);
    }
    let title = match lang {
        Lang::En => Field::Title,
        Lang::Fr => Field::TitleFr,
    };
    let shown = from_search(event, search::explain_fields(query, event, &[title]));
    match shown.into_iter().next() {
        Some(m) => (m.chars, None),
        None => (Vec::new(), note(&explain(query, event), lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Event {
        let text = r#"(id: "2023-lulea", start: "2023", status: held, kind: ministerial,
            title: (en: "EU-US ministerial", fr: "Réunion ministérielle UE-États-Unis"),
            summary: (en: "Talks on trade.", fr: "Des échanges."),
            places: ["Luleå", "Sweden"], sources: [])"#;
        ron::from_str(text).unwrap()
    }

    #[test]
    fn a_match_outside_the_title_is_noted_by_field() {
        let query = Query::parse("lulea").unwrap();
        let matches = explain(&query, &event());
        assert_eq!(note(&matches, Lang::En).as_deref(), Some("place · id"));
        assert_eq!(chars_of(&matches, "place", 0), vec![0, 1, 2, 3, 4]);
        let query = Query::parse("ministerial").unwrap();
        assert_eq!(note(&explain(&query, &event()), Lang::En), None);
        assert_eq!(note(&explain(&Query::default(), &event()), Lang::En), None);
    }
}
