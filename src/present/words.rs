//! The explorer's words in English and French: labels, kinds, statuses, months and dates.
//!
//! Every surface (detail pane, `show`, Markdown) takes its wording from here, so that they
//! say the same thing, and the French view translates labels as well as titles.

use chrono::NaiveDate;

use crate::model::{Date, Event, Kind, Lang, Precision, Status, Tag};

/// Labels of the detail document, in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels {
    /// Places where the event took place.
    pub places: &'static str,
    /// Bodies that organised it.
    pub organisers: &'static str,
    /// Bodies and people that took part.
    pub participants: &'static str,
    /// Topics.
    pub tags: &'static str,
    /// The evidence.
    pub sources: &'static str,
    /// Linked events.
    pub related: &'static str,
    /// How to use the related list in the explorer.
    pub related_hint: &'static str,
    /// A related id that is not loaded.
    pub not_loaded: &'static str,
    /// Where the record was read (file:line).
    pub record: &'static str,
    /// The record's id.
    pub id: &'static str,
    /// A marked event.
    pub marked: &'static str,
    /// Shown above an event the filter hides.
    pub hidden: &'static str,
    /// Nothing selected.
    pub nothing: &'static str,
    /// A source's file name.
    pub file: &'static str,
}

const EN: Labels = Labels {
    places: "Places",
    organisers: "Organisers",
    participants: "Participants",
    tags: "Tags",
    sources: "Sources",
    related: "Related",
    related_hint: "(Tab selects, Enter jumps, b goes back)",
    not_loaded: "not in the catalogue",
    record: "Record",
    id: "id",
    marked: "* marked",
    hidden: "(hidden by the filter; b goes back)",
    nothing: "no event selected",
    file: "file",
};

const FR: Labels = Labels {
    places: "Lieux",
    organisers: "Organisateurs",
    participants: "Participants",
    tags: "Thèmes",
    sources: "Sources",
    related: "Liés",
    related_hint: "(Tab choisit, Entrée y va, b revient)",
    not_loaded: "absent du catalogue",
    record: "Fiche",
    id: "id",
    marked: "* marqué",
    hidden: "(masqué par le filtre ; b revient)",
    nothing: "aucun événement choisi",
    file: "fichier",
};

/// The labels in `lang`.
pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

/// The two-letter code of an event kind, shown in every row.
pub fn kind_code(kind: Kind) -> &'static str {
    match kind {
        Kind::Conference => "CF",
        Kind::Meeting => "MT",
        Kind::Exercise => "EX",
        Kind::CouncilConclusions => "CC",
        Kind::Ministerial => "MN",
        Kind::Summit => "SM",
        Kind::Strategy => "ST",
        Kind::Legislation => "LG",
        Kind::Programme => "PG",
        Kind::OfficeOpening => "OF",
        Kind::Review => "RV",
        Kind::Publication => "PB",
        Kind::Declaration => "DC",
        Kind::Negotiation => "NG",
        Kind::Target => "TG",
    }
}

/// An event kind as words: `council conclusions`, `conclusions du Conseil`.
pub fn kind_word(kind: Kind, lang: Lang) -> &'static str {
    let (en, fr) = match kind {
        Kind::Conference => ("conference", "conférence"),
        Kind::Meeting => ("meeting", "réunion"),
        Kind::Exercise => ("exercise", "exercice"),
        Kind::CouncilConclusions => ("council conclusions", "conclusions du Conseil"),
        Kind::Ministerial => ("ministerial", "réunion ministérielle"),
        Kind::Summit => ("summit", "sommet"),
        Kind::Strategy => ("strategy", "stratégie"),
        Kind::Legislation => ("legislation", "législation"),
        Kind::Programme => ("programme", "programme"),
        Kind::OfficeOpening => ("office opening", "ouverture de bureau"),
        Kind::Review => ("review", "réexamen"),
        Kind::Publication => ("publication", "publication"),
        Kind::Declaration => ("declaration", "déclaration"),
        Kind::Negotiation => ("negotiation", "négociation"),
        Kind::Target => ("target", "objectif"),
    };
    pick(lang, en, fr)
}

/// A tag as words: `e-government`, `cyber diplomacy`.
pub fn tag_word(tag: Tag) -> String {
    match tag {
        Tag::EGovernment => "e-government".into(),
        other => other.name().replace('_', " "),
    }
}

/// A status as a word.
pub fn status_word(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Held => pick(lang, "held", "a eu lieu"),
        Status::Planned => pick(lang, "planned", "prévu"),
        Status::Ongoing => pick(lang, "ongoing", "en cours"),
    }
}

/// What the reader is told about an event's status: the word, the date of the latest
/// source it rests on, and whether a planned date has passed since.
///
/// "planned (as of 2017-10-04) · date passed, outcome not in the sources"; "held".
pub fn status_text(
    event: &Event,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
    lang: Lang,
) -> String {
    let word = status_word(event.status, lang);
    // "Held" needs no date: it stays true. Planned and ongoing are true as of a source.
    let mut text = match (event.status, as_of) {
        (Status::Held, _) | (_, None) => word.to_string(),
        (Status::Planned | Status::Ongoing, Some(day)) => {
            format!("{word} ({} {day})", pick(lang, "as of", "au"))
        }
    };
    if event.status == Status::Planned && event.last().last_day() < today {
        text.push_str(pick(
            lang,
            " · date passed, outcome not in the sources",
            " · date passée, issue absente des sources",
        ));
    }
    text
}

/// The short status note of a list row: `planned`, `planned, date passed`, `ongoing`;
/// `None` for a held event.
pub fn status_note(event: &Event, today: NaiveDate, lang: Lang) -> Option<String> {
    let word = status_word(event.status, lang);
    match event.status {
        Status::Held => None,
        Status::Planned if event.last().last_day() < today => Some(format!(
            "{word}, {}",
            pick(lang, "date passed", "date passée")
        )),
        Status::Planned | Status::Ongoing => Some(word.to_string()),
    }
}

/// The name of month `month` (1-12), as the seed citations write it.
pub fn month_name(month: u32, lang: Lang) -> &'static str {
    crate::seed::month_name(month, lang)
}

/// A day as words: `4 October 2017`, `4 octobre 2017`.
pub fn day_text(day: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    format!(
        "{} {} {}",
        day.day(),
        month_name(day.month(), lang),
        day.year()
    )
}

/// One date at its precision: `4 October 2017`, `June 2023`, `2022`.
fn date_words(date: Date, lang: Lang) -> String {
    match (date.month(), date.day()) {
        (Some(m), Some(d)) => {
            let mut text = format!("{d} {} {}", month_name(m, lang), date.year());
            if lang == Lang::Fr && d == 1 {
                text.replace_range(..1, "1er");
            }
            text
        }
        (Some(m), None) => format!("{} {}", month_name(m, lang), date.year()),
        _ => date.year().to_string(),
    }
}

/// When an event took place, at the precision of its dates and never with a length that
/// the dates do not give: `4 October 2017`, `20–21 June 2024 (2 days)`, `June 2023`,
/// `2022 (day not given)`, `2015–2020`.
pub fn when(start: Date, end: Option<Date>, lang: Lang) -> String {
    let end = end.filter(|e| *e != start);
    let Some(end) = end else {
        return match start.precision() {
            Precision::Year => format!(
                "{} {}",
                start.year(),
                pick(lang, "(day not given)", "(jour non précisé)")
            ),
            _ => date_words(start, lang),
        };
    };
    let both_days = start.precision() == Precision::Day && end.precision() == Precision::Day;
    if !both_days {
        if start.precision() == Precision::Year && end.precision() == Precision::Year {
            return format!("{}–{}", start.year(), end.year());
        }
        return format!("{} – {}", date_words(start, lang), date_words(end, lang));
    }
    let days = (end.last_day() - start.first_day()).num_days() + 1;
    let length = format!("({days} {})", pick(lang, "days", "jours"));
    let span = if start.year() == end.year() && start.month() == end.month() {
        format!("{}–{}", start.day().unwrap_or(1), date_words(end, lang))
    } else if start.year() == end.year() {
        let first = date_words(start, lang);
        let first = first
            .rsplit_once(' ')
            .map_or(first.clone(), |(a, _)| a.to_string());
        format!("{first} – {}", date_words(end, lang))
    } else {
        format!("{} – {}", date_words(start, lang), date_words(end, lang))
    };
    format!("{span} {length}")
}

/// [`when`], with how the dates were inferred when no source states them:
/// `2017 (day not given; inferred from the dateline of 004)`.
pub fn when_with_basis(start: Date, end: Option<Date>, basis: Option<&str>, lang: Lang) -> String {
    let text = when(start, end, lang);
    match basis {
        None => text,
        Some(basis) => match text.strip_suffix(')') {
            Some(open) => format!("{open}; {basis})"),
            None => format!("{text} ({basis})"),
        },
    }
}

/// `en` or `fr`.
pub fn pick(lang: Lang, en: &'static str, fr: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_show_their_precision_and_no_fake_length() {
        let en = |s: &str, e: Option<&str>| when(d(s), e.map(d), Lang::En);
        assert_eq!(en("2017-10-04", None), "4 October 2017");
        assert_eq!(
            en("2024-06-20", Some("2024-06-21")),
            "20–21 June 2024 (2 days)"
        );
        assert_eq!(
            en("2024-06-28", Some("2024-07-02")),
            "28 June – 2 July 2024 (5 days)"
        );
        assert_eq!(en("2022", None), "2022 (day not given)");
        assert_eq!(en("2023-06", None), "June 2023");
        assert_eq!(en("2015", Some("2020")), "2015–2020");
        assert_eq!(en("2023-06", Some("2025")), "June 2023 – 2025");
        assert_eq!(when(d("2022"), None, Lang::Fr), "2022 (jour non précisé)");
        assert_eq!(when(d("2024-06-01"), None, Lang::Fr), "1er juin 2024");
    }

    #[test]
    fn every_kind_has_words_in_both_languages() {
        for &kind in Kind::ALL {
            assert!(!kind_word(kind, Lang::En).contains('_'));
            assert!(!kind_word(kind, Lang::Fr).is_empty());
            assert_eq!(kind_code(kind).len(), 2);
        }
    }
}
