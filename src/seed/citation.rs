//! How each seed is cited: publisher, document, date and language, compiled in.
//!
//! Facts come from the seed texts themselves where they say them (datelines, document
//! numbers, "OR. en") and otherwise from `seeds/README.md`; `basis` says which. No URL is
//! recorded: neither the texts nor the README give the address of any seed.

use chrono::NaiveDate;

use crate::model::date::Precision;
use crate::model::lang::Lang;

/// A bibliographic description of one seed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Seed file name in `seeds/`.
    pub file: &'static str,
    /// Who published it.
    pub publisher: &'static str,
    /// What sort of document it is, in English (`press release`).
    pub doc_type: &'static str,
    /// Its number or identifier, when it has one (`11088/23`).
    pub number: Option<&'static str>,
    /// When it speaks as of: its date when the text gives one; otherwise the latest date
    /// it reports as past (the earliest it can have been written). [`Citation::precision`]
    /// says how much of it a label may show.
    pub date: NaiveDate,
    /// How precisely the document's own date is known.
    pub precision: Precision,
    /// Language of the text as held in `seeds/`.
    pub lang: Lang,
    /// Language of the original, when the seed is a translation (`OR. en`).
    pub translated_from: Option<Lang>,
    /// Address of the original publication, when known.
    pub url: Option<&'static str>,
    /// English label without the date: `EEAS press release`.
    pub name_en: &'static str,
    /// French label without the date: `communiqué de presse du SEAE`.
    pub name_fr: &'static str,
    /// Where these facts come from: the text itself, or the README only.
    pub basis: &'static str,
}

impl Citation {
    /// A short citation for readers: "EEAS press release, 4 October 2017" or
    /// "communiqué de presse du SEAE, 4 octobre 2017".
    pub fn label(&self, lang: Lang) -> String {
        let name = match lang {
            Lang::En => self.name_en,
            Lang::Fr => self.name_fr,
        };
        format!("{name}, {}", long_date(self.date, self.precision, lang))
    }
}

/// A date written out at a precision: `4 October 2017`, `octobre 2017`, `2024`.
pub fn long_date(date: NaiveDate, precision: Precision, lang: Lang) -> String {
    use chrono::Datelike;
    let month = month_name(date.month(), lang);
    match precision {
        Precision::Year => date.year().to_string(),
        Precision::Month => format!("{month} {}", date.year()),
        Precision::Day if lang == Lang::Fr && date.day() == 1 => {
            format!("1er {month} {}", date.year())
        }
        Precision::Day => format!("{} {month} {}", date.day(), date.year()),
    }
}

/// The name of a month (1-12) in a language; empty outside that range.
pub fn month_name(month: u32, lang: Lang) -> &'static str {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let names = match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    };
    month
        .checked_sub(1)
        .and_then(|i| names.get(i as usize))
        .copied()
        .unwrap_or("")
}

const fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

/// The citation of every seed, in file order.
pub const CITATIONS: &[Citation] = &[
    Citation {
        file: "000_ae5d78150550955e.txt",
        publisher: "EU (EEAS / Digital for Development Hub)",
        doc_type: "meeting report",
        number: None,
        date: day(2024, 6, 21),
        precision: Precision::Year,
        lang: Lang::Fr,
        translated_from: None,
        url: None,
        name_en: "EU meeting report",
        name_fr: "compte rendu de réunion de l'UE",
        basis: "The text has no dateline and names no publisher: both come from the README \
                (EU side, 2024). It reports the meeting of 20-21 June 2024 as past, so it \
                speaks as of 21 June 2024 at the earliest.",
    },
    Citation {
        file: "001_8ee4aa9ee3d20ae5.txt",
        publisher: "vie-publique.fr (French public information service)",
        doc_type: "news article",
        number: None,
        date: day(2022, 7, 18),
        precision: Precision::Year,
        lang: Lang::Fr,
        translated_from: None,
        url: None,
        name_en: "vie-publique.fr news article",
        name_fr: "article de vie-publique.fr",
        basis: "The text has no dateline and names no publisher: both come from the README \
                (vie-publique, 2022). It reports the conclusions of 18 July 2022 as past, \
                so it speaks as of 18 July 2022 at the earliest.",
    },
    Citation {
        file: "002_f7cb95e801fdadb2.txt",
        publisher: "European External Action Service (EEAS)",
        doc_type: "press release",
        number: Some("210517_18"),
        date: day(2021, 5, 17),
        precision: Precision::Day,
        lang: Lang::Fr,
        translated_from: None,
        url: None,
        name_en: "EEAS press release",
        name_fr: "communiqué de presse du SEAE",
        basis: "Date and identifier from the text's dateline (\"Brussels, 17/05/2021 - 16:50, \
                UNIQUE ID: 210517_18\", \"Press releases\"), posted by the EU Delegation to \
                Kenya; the EEAS as publisher comes from the README.",
    },
    Citation {
        file: "003_55141309f08b77bc.txt",
        publisher: "Council of the EU, General Secretariat",
        doc_type: "Council document",
        number: Some("11088/23"),
        date: day(2023, 6, 26),
        precision: Precision::Day,
        lang: Lang::Fr,
        translated_from: Some(Lang::En),
        url: None,
        name_en: "Council document 11088/23",
        name_fr: "document du Conseil 11088/23",
        basis: "Number, date, origin (\"Secrétariat général du Conseil\") and original \
                language (\"OR. en\": this French text is a translation) from the text.",
    },
    Citation {
        file: "004_31dbb5402f264f54.txt",
        publisher: "European External Action Service (EEAS)",
        doc_type: "press release",
        number: Some("171004_2"),
        date: day(2017, 10, 4),
        precision: Precision::Day,
        lang: Lang::Fr,
        translated_from: None,
        url: None,
        name_en: "EEAS press release",
        name_fr: "communiqué de presse du SEAE",
        basis: "Date and identifier from the text's dateline (\"Bruxelles, 04/10/2017 - 09:10, \
                UNIQUE ID: 171004_2\", \"Press releases\"), posted by the EU Delegation to \
                Moldova; the EEAS as publisher comes from the README.",
    },
];

/// The citation of the seed with this file name.
pub fn citation(file: &str) -> Option<&'static Citation> {
    CITATIONS.iter().find(|c| c.file == file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_citations_in_both_languages() {
        let c =
            citation("004_31dbb5402f264f54.txt").map(|c| (c.label(Lang::En), c.label(Lang::Fr)));
        assert_eq!(
            c,
            Some((
                "EEAS press release, 4 October 2017".to_string(),
                "communiqué de presse du SEAE, 4 octobre 2017".to_string()
            ))
        );
        let council = citation("003_55141309f08b77bc.txt").map(|c| c.label(Lang::En));
        assert_eq!(
            council.as_deref(),
            Some("Council document 11088/23, 26 June 2023")
        );
    }

    #[test]
    fn undated_seeds_show_only_the_year() {
        let c = citation("001_8ee4aa9ee3d20ae5.txt").map(|c| c.label(Lang::Fr));
        assert_eq!(c.as_deref(), Some("article de vie-publique.fr, 2022"));
        assert_eq!(
            long_date(day(2022, 9, 1), Precision::Day, Lang::Fr),
            "1er septembre 2022"
        );
    }

    #[test]
    fn every_seed_has_one_citation() {
        for (name, _) in crate::seed::SEEDS {
            assert_eq!(
                CITATIONS.iter().filter(|c| c.file == *name).count(),
                1,
                "{name}"
            );
        }
        assert_eq!(CITATIONS.len(), crate::seed::SEEDS.len());
        assert!(citation("nope.txt").is_none());
    }
}
