//! Property tests over random records and queries: negation is the exact complement, and
//! every match is explained.

use std::sync::atomic::AtomicBool;

use proptest::prelude::*;

use super::super::*;
use super::events;
use crate::model::{Event, Kind, Tag};

/// Words to build records from: capitals (acronyms), accents, French, hyphens, digits.
const VOCAB: &[&str] = &[
    "Trade",
    "and",
    "Technology",
    "Council",
    "of",
    "the",
    "EU",
    "Luleå",
    "sécurité",
    "de",
    "Partenariat",
    "oriental",
    "United",
    "Nations",
    "une",
    "union",
    "cyber-security",
    "6G",
    "ITU",
    "UIT",
    "l’Union",
    "Œuvre",
    "tallinn",
    "e-government",
    "Ansip",
    "(TTC)",
    "Æsir",
];

/// Query terms: whole words, fragments, and every operator on them.
const TERMS: &[&str] = &[
    "ttc",
    "tc",
    "un",
    "uni",
    "union",
    "nato",
    "natio",
    "suede",
    "sec",
    "secu",
    "securite",
    "cyber",
    "cybsec",
    "e-gov",
    "tall",
    "tllinn",
    "lulea",
    "6g",
    "itu",
    "uit",
    "oeuvre",
    "ansip",
    "eu",
    "de",
    "c",
    "council",
    "tradeandt",
    "trad",
    "aesir",
    "'sec",
    "'on",
    "^eu",
    "^trade",
    "council$",
    "^luleå$",
    "kind:summit",
    "kind:con",
    "tag:cyber",
    "tag:transat",
    "status:held",
    "place:lu",
    "actor:eu",
    "id:20",
    "year:2021",
    "2019..2021",
    "a",
    "t",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(VOCAB), 0..7).prop_map(|w| w.join(" "))
}

fn record() -> impl Strategy<Value = Event> {
    (
        (text(), text(), text(), text()),
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec(text(), 0..3),
        proptest::sample::subsequence(Tag::ALL.to_vec(), 0..4),
        proptest::sample::select(Kind::ALL),
        0..5usize,
    )
        .prop_map(
            |((t_en, t_fr, s_en, s_fr), places, actors, tags, kind, base)| {
                let mut e = events()[base].clone();
                e.title.en = t_en;
                e.title.fr = t_fr;
                e.summary.en = s_en;
                e.summary.fr = s_fr;
                e.places = places;
                e.organisers = actors;
                e.tags = tags;
                e.kind = kind;
                e
            },
        )
}

/// Matches of `query`, checked to be the same whether the short fields are scanned or
/// looked up in their word indexes.
fn filter(events: &[Event], query: &str) -> Option<Vec<u32>> {
    let q = Query::parse(query).ok()?;
    let none = AtomicBool::new(false);
    let scanned = Index::new(events).filter(&q, None, &none);
    let indexed = Index::new(events);
    indexed.prepare_short_fields();
    assert_eq!(indexed.filter(&q, None, &none), scanned, "{query}");
    scanned
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_term_and_its_negation_split_every_record(
        records in proptest::collection::vec(record(), 1..6),
        term in proptest::sample::select(TERMS),
    ) {
        let with = filter(&records, term).unwrap_or_default();
        let without = filter(&records, &format!("!{term}")).unwrap_or_default();
        for i in 0..records.len() as u32 {
            prop_assert!(with.contains(&i) != without.contains(&i), "{term} on record {i}");
        }
    }

    #[test]
    fn every_match_is_explained_and_nothing_else(
        records in proptest::collection::vec(record(), 1..6),
        term in proptest::sample::select(TERMS),
    ) {
        let hits = filter(&records, term).unwrap_or_default();
        let query = Query::parse(term).unwrap();
        for (i, event) in records.iter().enumerate() {
            let why = explain(&query, event);
            prop_assert_eq!(hits.contains(&(i as u32)), !why.is_empty(), "{} on {:?}", term, why);
        }
    }
}

#[test]
fn explanations_point_at_the_record_text() {
    let mut e = events()[3].clone();
    e.organisers = vec!["EU-US Trade and Technology Council (TTC)".into()];
    e.title.fr = "Sommet numérique de Luleå".into();
    let why = |q: &str| explain(&Query::parse(q).unwrap(), &e);
    let text = |m: &FieldMatch| -> Vec<String> {
        let value = match m.field {
            Field::Actor => e.organisers[m.item].as_str(),
            Field::Title => e.title.en.as_str(),
            Field::TitleFr => e.title.fr.as_str(),
            Field::Place => e.places[m.item].as_str(),
            _ => "",
        };
        m.ranges
            .iter()
            .map(|r| value[r.clone()].to_string())
            .collect()
    };
    let ttc = why("ttc");
    assert_eq!(ttc.len(), 1);
    assert_eq!(ttc[0].field, Field::Actor);
    // The initials of "Trade and Technology Council" and the word "TTC".
    assert_eq!(text(&ttc[0]), ["T", "T", "C", "TTC"]);
    let lulea = why("lulea");
    let fields: Vec<&str> = lulea.iter().map(|m| m.field.name()).collect();
    assert_eq!(fields, ["title", "title fr", "place", "id"]);
    assert_eq!(text(&lulea[1]), ["Luleå"]);
    assert_eq!(why("!lulea"), Vec::new());
    assert_eq!(why("year:2021")[0].field, Field::Date);
    assert_eq!(why("kind:summit")[0].field.name(), "kind");
    // A longer term lights the letters of the alignment that admitted it.
    let dgtal = why("dgtal");
    assert_eq!(dgtal[0].field, Field::Title);
    assert_eq!(text(&dgtal[0]), ["d", "g", "tal"]);
}
