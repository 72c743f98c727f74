//! Where a query matched an event, field by field: the list's field notes and the detail's
//! highlights both come from here, so that what lights up is why the event matched.
//!
//! This is an adapter over the search layer's explanation of a match. It asks the matcher's
//! highlighter about each field the reader can see.

use crate::model::{Event, Lang, Source};
use crate::present::words::tag_word;
use crate::search::{self, Query};

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
    if query.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut look = |field: &'static str, item: usize, text: &str| {
        let chars = search::highlight(text, query);
        if !chars.is_empty() {
            out.push(FieldMatch { field, item, chars });
        }
    };
    look("title", 0, &event.title.en);
    look("title fr", 0, &event.title.fr);
    for (i, place) in event.places.iter().enumerate() {
        look("place", i, place);
    }
    let actors = event.organisers.iter().chain(&event.participants);
    for (i, actor) in actors.enumerate() {
        look("actor", i, actor);
    }
    for (i, tag) in event.tags.iter().enumerate() {
        look("tag", i, &tag_word(*tag));
    }
    look("kind", 0, event.kind.name());
    look("summary", 0, &event.summary.en);
    look("summary fr", 0, &event.summary.fr);
    for (i, source) in event.sources.iter().enumerate() {
        if let Source {
            quote: Some(quote), ..
        } = source
        {
            look("quote", i, quote);
        }
    }
    look("id", 0, &event.id);
    out
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
    let mut marks = search::highlight(event.title(lang), query);
    if marks.is_empty() {
        return (marks, note(&explain(query, event), lang));
    }
    marks.sort_unstable();
    (marks, None)
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
