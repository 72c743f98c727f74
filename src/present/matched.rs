//! Where a query matched an event, field by field: the list's field notes and the detail's
//! highlights both come from here, so that what lights up is why the event matched.
//!
//! An adapter over [`search::explain`], which gives byte ranges of the very alignment that
//! admitted the event; the view wants char indices of the text it shows.

use crate::model::{Event, Lang, Source};
use crate::search::{self, Query};

/// Matched characters in one field of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    /// The field's name: `title`, `title fr`, `summary`, `summary fr`, `place`, `actor`,
    /// `tag`, `kind`, `quote`, `id`, `status`, `date`.
    pub field: &'static str,
    /// Which item of a list field (places, actors as organisers then participants, tags,
    /// quotes by source); 0 otherwise.
    pub item: usize,
    /// Matched char indices of the field's text as written.
    pub chars: Vec<usize>,
}

/// Every field of `event` where `query` matched, in the search layer's order.
pub fn explain(query: &Query, event: &Event) -> Vec<FieldMatch> {
    if query.is_empty() {
        return Vec::new();
    }
    search::explain(query, event)
        .into_iter()
        .map(|m| {
            let text = field_text(event, m.field, m.item);
            FieldMatch {
                field: m.field.name(),
                item: m.item,
                chars: text.map_or_else(Vec::new, |t| search::char_indices(&t, &m.ranges)),
            }
        })
        .collect()
}

/// The text of one field's item as the search layer matched it (tags, kind and status by
/// their names, which the view's words match char for char).
fn field_text(event: &Event, field: search::Field, item: usize) -> Option<String> {
    use search::Field as F;
    let actors = || event.organisers.iter().chain(&event.participants).nth(item);
    match field {
        F::Title => Some(event.title.en.clone()),
        F::TitleFr => Some(event.title.fr.clone()),
        F::Summary => Some(event.summary.en.clone()),
        F::SummaryFr => Some(event.summary.fr.clone()),
        F::Place => event.places.get(item).cloned(),
        F::Actor => actors().cloned(),
        F::Tag => event.tags.get(item).map(|t| t.name().to_string()),
        F::Kind => Some(event.kind.name().to_string()),
        F::Quote => match event.sources.get(item) {
            Some(Source {
                quote: Some(quote), ..
            }) => Some(quote.clone()),
            _ => None,
        },
        F::Id => Some(event.id.clone()),
        F::Status => Some(event.status.name().to_string()),
        F::Date => None,
    }
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
    // The row shows the date, the kind code and the status already.
    let shown = ["date", "kind", "status"];
    for m in matches.iter().filter(|m| !shown.contains(&m.field)) {
        if !fields.contains(&m.field) {
            fields.push(m.field);
        }
    }
    // Short fields say more about why an event matched than a word in a long text.
    let order = [
        "place",
        "actor",
        "tag",
        "title",
        "title fr",
        "quote",
        "summary",
        "summary fr",
        "id",
    ];
    fields.sort_by_key(|f| order.iter().position(|o| o == f).unwrap_or(order.len()));
    fields.truncate(2);
    (!fields.is_empty()).then(|| fields.join(" · "))
}

/// What a list row needs: the matched chars of the title shown (sorted), and when the title
/// did not match, the note of where the event matched.
pub fn in_row(query: &Query, event: &Event, lang: Lang) -> (Vec<usize>, Option<String>) {
    if query.is_empty() {
        return (Vec::new(), None);
    }
    let matches = explain(query, event);
    let mut marks = chars_of(&matches, title_field(lang), 0);
    if marks.is_empty() {
        return (marks, note(&matches, lang));
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
