//! How exports cite a source and say that a date is inferred: one wording for every format.

use crate::model::{Event, Lang, Source};
use crate::seed;

/// How a reader should cite a source: a seed's citation label ("EEAS press release,
/// 4 October 2017"), else the source's own citation, its URL, or the seed file name when
/// the seed is not one of the bundled ones.
pub(super) fn cited_as(source: &Source, lang: Lang) -> String {
    source
        .seed
        .as_deref()
        .and_then(seed::citation)
        .map(|c| c.label(lang))
        .or_else(|| source.citation.clone())
        .unwrap_or_else(|| source.origin().to_string())
}

/// A source named in full for a reader: the citation label with the seed file it is
/// checked against (`EEAS press release, 4 October 2017 (004_….txt)`), a citation with its
/// URL, or whichever of the two the source has.
pub(super) fn source_name(source: &Source, lang: Lang) -> String {
    let cited = cited_as(source, lang);
    let detail = source.seed.as_deref().or(source.url.as_deref());
    match detail {
        Some(detail) if detail != cited => format!("{cited} ({detail})"),
        _ => cited,
    }
}

/// One source as plain text: its full name and, when it has one, the quote, with the
/// language's typography.
pub(super) fn source_line(source: &Source, lang: Lang) -> String {
    let name = source_name(source, lang);
    // French puts a space before the colon.
    let colon = match lang {
        Lang::En => ":",
        Lang::Fr => " :",
    };
    match source.quote.as_deref() {
        // Plain text has no bold: the seed's `**` markers are left out.
        Some(quote) => format!(
            "{name}{colon} \"{}\"",
            crate::present::detail::rich::without_emphasis(quote)
        ),
        None => name,
    }
}

/// A sentence saying the event's dates are inferred rather than stated, and from what;
/// `None` when a source states them. The basis is written in English in the data.
pub(super) fn date_basis_note(event: &Event, lang: Lang) -> Option<String> {
    let basis = event.date_basis.as_deref()?.trim();
    let end = if basis.ends_with('.') { "" } else { "." };
    let label = event.date_label();
    Some(match lang {
        Lang::En => format!(
            "Inferred date ({label}): not stated as such in the sources. Basis: {basis}{end}"
        ),
        Lang::Fr => format!(
            "Date déduite ({label}) : les sources ne l'indiquent pas telle quelle. \
             Fondement (en anglais) : {basis}{end}"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_source() -> Source {
        Source {
            seed: Some("004_31dbb5402f264f54.txt".into()),
            quote: Some("Tallinn".into()),
            ..Source::default()
        }
    }

    #[test]
    fn seeds_are_cited_by_their_label_with_the_file_kept() {
        let source = seed_source();
        assert_eq!(
            cited_as(&source, Lang::Fr),
            "communiqué de presse du SEAE, 4 octobre 2017"
        );
        assert_eq!(
            source_line(&source, Lang::En),
            "EEAS press release, 4 October 2017 (004_31dbb5402f264f54.txt): \"Tallinn\""
        );
        assert_eq!(
            source_line(&source, Lang::Fr),
            "communiqué de presse du SEAE, 4 octobre 2017 (004_31dbb5402f264f54.txt) : \"Tallinn\""
        );
    }

    #[test]
    fn other_sources_keep_their_own_citation_and_url() {
        let cited = Source {
            citation: Some("Council press release 2024/1".into()),
            url: Some("https://example.org/x".into()),
            ..Source::default()
        };
        assert_eq!(
            source_line(&cited, Lang::En),
            "Council press release 2024/1 (https://example.org/x)"
        );
        let bare = Source {
            url: Some("https://example.org/y".into()),
            ..Source::default()
        };
        assert_eq!(source_line(&bare, Lang::Fr), "https://example.org/y");
        let unknown = Source {
            seed: Some("999.txt".into()),
            ..Source::default()
        };
        assert_eq!(cited_as(&unknown, Lang::En), "999.txt");
    }

    #[test]
    fn only_events_with_a_basis_get_a_note() {
        let mut event = Event {
            id: "x".into(),
            start: "2023".parse().unwrap(),
            end: None,
            date_basis: None,
            status: crate::model::Status::Held,
            kind: crate::model::Kind::Meeting,
            title: Default::default(),
            summary: Default::default(),
            places: vec![],
            organisers: vec![],
            participants: vec![],
            tags: vec![],
            sources: vec![],
            related: vec![],
            evidence_waivers: vec![],
        };
        assert_eq!(date_basis_note(&event, Lang::En), None);
        event.date_basis = Some("year of the conclusions".into());
        assert_eq!(
            date_basis_note(&event, Lang::En).as_deref(),
            Some(
                "Inferred date (2023): not stated as such in the sources. \
                 Basis: year of the conclusions."
            )
        );
        assert!(
            date_basis_note(&event, Lang::Fr).is_some_and(|n| n.starts_with("Date déduite (2023)"))
        );
    }
}
