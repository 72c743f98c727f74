//! "Fact without evidence": a record's dates, places and actors should appear in its quotes.
//!
//! A quote proves that a passage exists, not that it supports the record, so `check` also
//! looks for each date, place, organiser and participant in the record's own quotes
//! (accents, case and apostrophes folded; names as whole words). Seeds are French and
//! records name things in English, so a name also counts when one of its French forms from
//! [`ALIASES`] is found. A date counts when a quote writes it out (`le 5 octobre 2017`,
//! `Les 20 et 21 juin 2024`, `04/10/2017`, `2015-2020`). A record silences the date check
//! with `date_basis` (it then says how the date was inferred) and a name check, per field,
//! with `evidence_waivers` (it then says why). Records without any quote are not checked.

use unicode_normalization::UnicodeNormalization;

use super::LoadError;
use super::record::Record;
use crate::model::{Date, Event, EvidenceField, Lang};
use crate::seed::month_name;

/// French (or other) forms that stand for an English name in the quotes. Keys and forms are
/// compared folded; a name's acronym in brackets, as in `European Commission (EC)`, and the
/// name without it are tried too.
const ALIASES: &[(&str, &[&str])] = &[
    ("Armenia", &["Arménie"]),
    ("Australia", &["Australie"]),
    ("Azerbaijan", &["Azerbaïdjan"]),
    ("Belarus", &["Biélorussie"]),
    ("Belgium", &["Belgique"]),
    ("Brussels", &["Bruxelles"]),
    ("Colombia", &["Colombie"]),
    ("Council of the EU", &["Conseil de l'UE", "Conseil"]),
    (
        "Democratic Republic of the Congo",
        &["République démocratique du Congo"],
    ),
    (
        "e-Governance Academy",
        &["Académie estonienne de gouvernance en ligne"],
    ),
    ("EFTA ministers", &["ministres de l'AELE", "AELE"]),
    ("Egmont Palace", &["Palais d'Egmont"]),
    ("Estonia", &["Estonie"]),
    (
        "Estonian Centre of Eastern Partnership",
        &["Centre estonien du Partenariat oriental"],
    ),
    (
        "Estonian Presidency of the Council of the EU",
        &["présidence estonienne", "président estonien du Conseil"],
    ),
    (
        "EU Institute for Security Studies",
        &[
            "Institut d'études de sécurité de l'Union européenne",
            "IESUE",
        ],
    ),
    (
        "EU member states",
        &["États membres de l'UE", "États membres"],
    ),
    ("EU ministers", &["ministres de l'UE"]),
    (
        "EU-US Trade and Technology Council",
        &["Conseil du commerce et des technologies UE-États-Unis"],
    ),
    (
        "European Commission",
        &["Commission européenne", "Commission"],
    ),
    (
        "European External Action Service",
        &["Service européen pour l'action extérieure", "SEAE"],
    ),
    ("European Union", &["Union européenne", "UE"]),
    ("African states", &["États africains"]),
    ("African Union", &["Union africaine", "UA"]),
    ("Georgia", &["Géorgie"]),
    ("High Representative", &["haut représentant"]),
    (
        "International Telecommunication Union",
        &["Union internationale des télécommunications", "UIT"],
    ),
    ("Japan", &["Japon"]),
    ("Mexico", &["Mexique"]),
    ("Moldova", &["Moldavie"]),
    ("New Zealand", &["Nouvelle-Zélande"]),
    ("Norway", &["Norvège"]),
    (
        "Portuguese Presidency of the Council of the EU",
        &["présidence portugaise"],
    ),
    ("Republic of Korea", &["République de Corée"]),
    ("Singapore", &["Singapour"]),
    ("Sweden", &["Suède"]),
    ("Switzerland", &["Suisse"]),
    ("United Kingdom", &["Royaume-Uni"]),
    ("United Nations", &["Nations unies"]),
    ("United States", &["États-Unis"]),
];

/// Text folded for comparison: lower case, no accents, one kind of apostrophe, no `**`,
/// single spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.replace("**", "").nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '’' | '‘' | 'ʼ' => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whether `needle` occurs in `hay` with no letter or digit right before or after it.
fn has_word(hay: &str, needle: &str) -> bool {
    !needle.is_empty()
        && hay.match_indices(needle).any(|(at, _)| {
            let before = hay[..at].chars().next_back();
            let after = hay[at + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Whether `hay` holds `number` with no digit right before or after it.
fn has_number(hay: &str, number: &str) -> bool {
    hay.match_indices(number).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + number.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// Every folded form that counts as the name `name`.
fn forms(name: &str) -> Vec<String> {
    let mut bases = vec![name.trim().to_string()];
    if let Some((base, rest)) = name.split_once(" (")
        && let Some(acronym) = rest.strip_suffix(')')
    {
        bases.push(base.trim().to_string());
        bases.push(acronym.trim().to_string());
    }
    let mut out: Vec<String> = bases.iter().map(|b| fold(b)).collect();
    let aliases = folded_aliases();
    for base in out.clone() {
        if let Some(forms) = aliases.get(&base) {
            out.extend(forms.iter().cloned());
        }
    }
    out
}

/// [`ALIASES`], folded once.
fn folded_aliases() -> &'static std::collections::HashMap<String, Vec<String>> {
    static FOLDED: std::sync::OnceLock<std::collections::HashMap<String, Vec<String>>> =
        std::sync::OnceLock::new();
    FOLDED.get_or_init(|| {
        ALIASES
            .iter()
            .map(|(key, forms)| (fold(key), forms.iter().map(|f| fold(f)).collect()))
            .collect()
    })
}

/// Whether a folded quote writes out the day `day` of `month` (`5 octobre`, `1er`,
/// `20 et 21 juin`, `June 5`).
fn has_day_of_month(quote: &str, day: u32, month: u32) -> bool {
    let day = day.to_string();
    [Lang::Fr, Lang::En].into_iter().any(|lang| {
        let name = fold(month_name(month, lang));
        quote.match_indices(&name).any(|(at, _)| {
            let end = at + name.len();
            let after = quote[end..].chars().next();
            if after.is_some_and(char::is_alphanumeric) {
                return false;
            }
            let tokens: Vec<&str> = quote[..at].split(' ').rev().skip(1).take(3).collect();
            let first = tokens.first().copied().unwrap_or("");
            let range_start = matches!(tokens.get(1).copied(), Some("et" | "and" | "-"))
                && tokens.get(2).copied() == Some(day.as_str());
            let dashed = first.split_once('-').is_some_and(|(a, _)| a == day);
            let english = quote[end..]
                .strip_prefix(' ')
                .and_then(|rest| rest.strip_prefix(day.as_str()))
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()));
            first == day || first == format!("{day}er") || range_start || dashed || english
        })
    })
}

/// Whether one of the folded quotes states the date at its precision.
fn states_date(quotes: &[String], date: Date) -> bool {
    let year = format!("{:04}", date.year());
    quotes.iter().any(|q| {
        let has_year = has_number(q, &year);
        match (date.month(), date.day()) {
            (Some(m), Some(d)) => {
                q.contains(&format!("{d:02}/{m:02}/{year}"))
                    || q.contains(&format!("{year}-{m:02}-{d:02}"))
                    || (has_year && has_day_of_month(q, d, m))
            }
            (Some(m), None) => {
                has_year
                    && [Lang::Fr, Lang::En]
                        .into_iter()
                        .any(|l| has_word(q, &fold(month_name(m, l))))
            }
            _ => has_year,
        }
    })
}

fn warning(record: &Record, path: &str, message: String) -> LoadError {
    let mut error = record.error(path, message);
    error.message = format!("warning: {}", error.message);
    error
}

/// The evidence warnings of one valid record.
pub(super) fn check(record: &Record) -> Vec<LoadError> {
    let event: &Event = &record.parsed.event;
    let quotes: Vec<String> = event
        .sources
        .iter()
        .filter_map(|s| s.quote.as_deref())
        .map(fold)
        .collect();
    if quotes.is_empty() {
        return Vec::new();
    }
    let mut warnings = Vec::new();
    if event.date_basis.is_none() {
        let end = event.end.filter(|e| *e != event.start);
        for (path, date) in [("start", Some(event.start)), ("end", end)] {
            let Some(date) = date.filter(|d| !states_date(&quotes, *d)) else {
                continue;
            };
            let shown = date.to_string();
            warnings.push(warning(
                record,
                path,
                format!(
                    "fact without evidence: no quote of this record states {shown}; quote \
                     the passage that dates it, or say how it was inferred with \
                     `date_basis: \"…\"`"
                ),
            ));
        }
    }
    for &field in EvidenceField::ALL {
        let values = match field {
            EvidenceField::Places => &event.places,
            EvidenceField::Organisers => &event.organisers,
            EvidenceField::Participants => &event.participants,
        };
        let missing: Vec<usize> = (0..values.len())
            .filter(|&n| {
                let forms = forms(&values[n]);
                !quotes.iter().any(|q| forms.iter().any(|f| has_word(q, f)))
            })
            .collect();
        let waiver = event.evidence_waivers.iter().position(|w| w.field == field);
        match waiver {
            Some(n) if missing.is_empty() => warnings.push(warning(
                record,
                &format!("evidence_waivers[{n}]"),
                format!(
                    "every value of `{}` is in the quotes: this waiver can go",
                    field.name()
                ),
            )),
            Some(_) => {}
            None => {
                for n in missing {
                    let name = crate::text::escape_for_message(&values[n]);
                    warnings.push(warning(
                        record,
                        &format!("{}[{n}]", field.name()),
                        format!(
                            "fact without evidence: `{name}` appears in none of this \
                             record's quotes; quote a passage that names it, or waive the \
                             field with `evidence_waivers: [(field: {}, reason: \"…\")]`",
                            field.name()
                        ),
                    ));
                }
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(q: &str) -> Vec<String> {
        vec![fold(q)]
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_count_when_written_out() {
        let q = quote("Les 20 et 21 juin 2024, la réunion a eu lieu");
        assert!(states_date(&q, date("2024-06-20")));
        assert!(states_date(&q, date("2024-06-21")));
        assert!(states_date(&q, date("2024-06")));
        assert!(!states_date(&q, date("2024-06-22")));
        assert!(states_date(
            &quote("le 1er septembre 2022"),
            date("2022-09-01")
        ));
        assert!(states_date(
            &quote("Bruxelles, 04/10/2017 - 09:10"),
            date("2017-10-04")
        ));
        assert!(states_date(
            &quote("held on June 5, 2023"),
            date("2023-06-05")
        ));
        assert!(states_date(&quote("la période 2015-2020."), date("2020")));
        // A document number is not a year, and a day without its year is not a date.
        assert!(!states_date(&quote("doc. 12930/22"), date("2022")));
        assert!(!states_date(&quote("le 24 novembre"), date("2017-11-24")));
        assert!(!states_date(
            &quote("le 15 octobre 2017"),
            date("2017-10-05")
        ));
    }

    #[test]
    fn names_match_whole_words_in_either_language() {
        let q = quote("au Palais d’Egmont, à Bruxelles, avec le SEAE et l'UE");
        let found = |name: &str| forms(name).iter().any(|f| has_word(&q[0], f));
        assert!(found("Egmont Palace"));
        assert!(found("Brussels"));
        assert!(found("European External Action Service (EEAS)"));
        assert!(found("European Union"));
        assert!(!found("Belgium"));
        // "UA" is not found inside another word.
        assert!(
            !forms("African Union")
                .iter()
                .any(|f| has_word(&fold("Ukraine quatre"), f))
        );
    }
}
