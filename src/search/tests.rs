//! Tests of filtering, ranking and highlighting on small hand-built events.

use std::sync::atomic::AtomicBool;

use proptest::prelude::*;

use super::*;
use crate::model::Event;

/// Events in date order; ids say what each is for.
fn events() -> Vec<Event> {
    let ron = r#"[
        (id: "2015-eap-programme", start: "2015", end: Some("2020"), status: held,
         kind: programme, title: (en: "EaP cyber resilience programme",
         fr: "Programme de résilience cyber du PaE"),
         summary: (en: "A programme for the Eastern Partnership.",
         fr: "Un programme pour le Partenariat oriental."),
         places: ["Kyiv"], organisers: ["European Commission"], tags: [cybersecurity,
         eastern_partnership], sources: [(seed: "a.txt", quote: "fostering cyber resilience")]),
        (id: "2017-10-04-tallinn-conference", start: "2017-10-04", status: held,
         kind: conference, title: (en: "Tallinn digital conference",
         fr: "Conférence numérique de Tallinn"),
         summary: (en: "Ministers met on e-government and security.",
         fr: "Les ministres ont parlé de sécurité."),
         places: ["Tallinn", "Estonia"], organisers: ["Estonian Presidency"],
         participants: ["EEAS"], tags: [e_government], sources: []),
        (id: "2019-06-council-conclusions", start: "2019-06", status: held,
         kind: council_conclusions, title: (en: "Council conclusions on cyber diplomacy",
         fr: "Conclusions du Conseil sur la cyberdiplomatie"),
         summary: (en: "The Council adopted conclusions.", fr: "Le Conseil a adopté."),
         places: ["Brussels"], organisers: ["Council of the EU"], tags: [cyber_diplomacy],
         sources: []),
        (id: "2021-05-lulea-summit", start: "2021-05-20", end: Some("2021-05-21"),
         status: held, kind: summit, title: (en: "Luleå digital summit",
         fr: "Sommet numérique de Luleå"),
         summary: (en: "Leaders discussed securite and œuvre.", fr: "Sommet sur la sécurité."),
         places: ["Luleå", "Sweden"], participants: ["NATO"], tags: [connectivity],
         sources: []),
        (id: "2023-11-au-eu-ministerial", start: "2023-11", status: planned,
         kind: ministerial, title: (en: "AU-EU ministerial on AI",
         fr: "Ministérielle UA-UE sur l'IA"),
         summary: (en: "Planned meeting in Addis Ababa.", fr: "Réunion prévue."),
         places: ["Addis Ababa"], organisers: ["African Union", "EEAS"],
         tags: [africa, artificial_intelligence], sources: []),
    ]"#;
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(ron)
        .unwrap()
}

/// Ids of the events matching `query`, in date order.
fn ids(query: &str) -> Vec<String> {
    let events = events();
    search(&events, query)
        .unwrap()
        .into_iter()
        .map(|i| events[i as usize].id.clone())
        .collect()
}

/// Short names of matching events: the first differing part of each id.
fn hits(query: &str) -> Vec<&'static str> {
    let names = ["eap", "tallinn", "council", "lulea", "au"];
    let all: Vec<String> = events().into_iter().map(|e| e.id).collect();
    ids(query)
        .iter()
        .map(|id| names[all.iter().position(|a| a == id).unwrap()])
        .collect()
}

#[test]
fn empty_query_matches_everything_in_date_order() {
    assert_eq!(hits(""), ["eap", "tallinn", "council", "lulea", "au"]);
}

#[test]
fn matches_ignore_case_and_accents_both_ways() {
    assert_eq!(hits("lulea"), ["lulea"]);
    assert_eq!(hits("LULEÅ"), ["lulea"]);
    assert_eq!(hits("securite"), ["tallinn", "lulea"]);
    assert_eq!(hits("sécurité"), ["tallinn", "lulea"]);
    assert_eq!(hits("oeuvre"), ["lulea"]);
    assert_eq!(hits("œuvre"), ["lulea"]);
}

#[test]
fn fuzzy_on_short_fields_word_prefix_on_long_text() {
    assert_eq!(hits("tllinn"), ["tallinn"]);
    // Four chars or fewer never match scattered letters.
    assert_eq!(hits("tlnn"), Vec::<&str>::new());
    assert_eq!(hits("confrnce"), ["tallinn"]);
    // "fostering" starts a word of a quote; "ostering" does not, nor is it in a short field.
    assert_eq!(hits("fostering"), ["eap"]);
    assert_eq!(hits("ostering"), Vec::<&str>::new());
    assert_eq!(hits("'ostering"), ["eap"]);
    assert_eq!(hits("zzzqqq"), Vec::<&str>::new());
    assert_eq!(hits("xkcd"), Vec::<&str>::new());
}

#[test]
fn exact_prefix_suffix_and_negation() {
    assert_eq!(hits("^tall"), ["tallinn"]);
    assert_eq!(hits("^conclusions"), ["council"]);
    assert_eq!(hits("^conseil"), Vec::<&str>::new());
    assert_eq!(hits("summit$"), ["lulea"]);
    assert_eq!(hits("^sweden$"), ["lulea"]);
    assert_eq!(hits("^swede$"), Vec::<&str>::new());
    assert_eq!(hits("!cyber"), ["tallinn", "lulea", "au"]);
    assert_eq!(hits("!^tall"), ["eap", "council", "lulea", "au"]);
    assert_eq!(hits("digital !summit"), ["tallinn"]);
}

#[test]
fn and_or_groups() {
    assert_eq!(hits("digital tallinn"), ["tallinn"]);
    assert_eq!(hits("cyber | digital tallinn"), ["tallinn"]);
    assert_eq!(hits("kyiv | brussels"), ["eap", "council"]);
    assert_eq!(hits("kyiv | !cyber"), ["eap", "tallinn", "lulea", "au"]);
}

#[test]
fn field_terms() {
    assert_eq!(hits("kind:summit"), ["lulea"]);
    assert_eq!(hits("kind:council"), ["council"]);
    assert_eq!(
        hits("!kind:summit !kind:prog"),
        ["tallinn", "council", "au"]
    );
    assert_eq!(hits("tag:cyber"), ["eap", "council"]);
    assert_eq!(hits("status:planned"), ["au"]);
    assert_eq!(hits("place:lulea"), ["lulea"]);
    assert_eq!(hits("place:eston"), ["tallinn"]);
    assert_eq!(hits("place:eeas"), Vec::<&str>::new());
    assert_eq!(hits("actor:eeas"), ["tallinn", "au"]);
    assert_eq!(hits("actor:tallinn"), Vec::<&str>::new());
    assert_eq!(hits("id:2017"), ["tallinn"]);
    assert_eq!(hits("id:kyiv"), Vec::<&str>::new());
    assert_eq!(hits("foo:bar"), Vec::<&str>::new());
}

#[test]
fn date_ranges_overlap_the_event_span() {
    assert_eq!(hits("year:2018"), ["eap"]);
    assert_eq!(hits("year:2021"), ["lulea"]);
    assert_eq!(hits("2019..2021"), ["eap", "council", "lulea"]);
    assert_eq!(hits("2021.."), ["lulea", "au"]);
    assert_eq!(hits("..2016"), ["eap"]);
    assert_eq!(hits("2019-07..2021-05"), ["eap", "lulea"]);
    assert_eq!(hits("2021-05-21..2021-05-21"), ["lulea"]);
    assert_eq!(hits("2021-05-22..2023-10"), Vec::<&str>::new());
    assert_eq!(hits("!year:2021 2021.."), ["au"]);
}

#[test]
fn rank_puts_title_matches_first_and_is_stable() {
    let events = events();
    let index = Index::new(&events);
    let query = Query::parse("summit").unwrap();
    let mut all: Vec<u32> = (0..events.len() as u32).collect();
    index.rank(&query, &mut all);
    assert_eq!(all[0], 3);
    let mut rest = all[1..].to_vec();
    rest.sort();
    assert_eq!(all[1..], rest[..]);
    let mut same: Vec<u32> = vec![4, 0, 2];
    index.rank(&Query::parse("kind:summit").unwrap(), &mut same);
    assert_eq!(same, [4, 0, 2]);
}

#[test]
fn highlight_maps_folded_matches_to_original_chars() {
    let q = |s: &str| Query::parse(s).unwrap();
    assert_eq!(
        highlight("Luleå digital summit", &q("lulea")),
        [0, 1, 2, 3, 4]
    );
    assert_eq!(highlight("Œuvre", &q("oeu")), [0, 1]);
    assert_eq!(highlight("Sécurité", &q("'curi")), [2, 3, 4, 5]);
    assert_eq!(highlight("Tallinn", &q("tllinn")), [0, 2, 3, 4, 5, 6]);
    assert_eq!(highlight("Tallinn", &q("tlnn")), Vec::<usize>::new());
    assert_eq!(highlight("Tallinn", &q("^tal")), [0, 1, 2]);
    assert_eq!(highlight("Tallinn", &q("inn$")), [4, 5, 6]);
    assert_eq!(highlight("a b a", &q("a !b")), [0, 4]);
    assert_eq!(
        highlight("city by the bay", &q("cyber")),
        Vec::<usize>::new()
    );
    assert_eq!(highlight("Tallinn", &q("kind:summit")), Vec::<usize>::new());
    assert_eq!(highlight("e\u{301}te\u{301}", &q("ete")), [0, 1, 2, 3]);
}

#[test]
fn highlighting_a_huge_field_is_capped_to_what_can_be_shown() {
    // Five million bytes, a match every two: only the first ones are lit, and explaining
    // looks at the first EXPLAIN_LIMIT bytes only (a linear pass, whatever the size).
    let title = "x ".repeat(2_500_000);
    let lit = highlight(&title, &Query::parse("x").unwrap());
    assert_eq!(lit.len(), MAX_RANGES);
    assert_eq!(lit[..3], [0, 2, 4]);
    let mut e = events()[0].clone();
    e.summary.en = format!("{}tallinn", "a ".repeat(EXPLAIN_LIMIT));
    let why = explain(&Query::parse("tallinn").unwrap(), &e);
    assert!(why.iter().all(|m| m.field != Field::Summary), "{why:?}");
    e.summary.en = format!("{} tallinn", "a ".repeat(100));
    let why = explain(&Query::parse("tallinn").unwrap(), &e);
    let summary = why.iter().find(|m| m.field == Field::Summary).unwrap();
    assert_eq!(&e.summary.en[summary.ranges[0].clone()], "tallinn");
}

#[test]
fn cancel_stops_filtering() {
    let events = events();
    let index = Index::new(&events);
    let q = Query::parse("cyber").unwrap();
    assert_eq!(index.filter(&q, None, &AtomicBool::new(true)), None);
    assert_eq!(
        index.filter(&q, Some(&[2]), &AtomicBool::new(false)),
        Some(vec![2])
    );
}

#[test]
fn index_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Index>();
    check::<Query>();
}

/// Many events, made by varying the fixtures, so that filtering splits into chunks.
fn many(n: usize) -> Vec<Event> {
    let base = events();
    (0..n)
        .map(|i| {
            let mut e = base[i % base.len()].clone();
            e.id = format!("{}-{i}", e.id);
            e.title.en = format!("{} {}", e.title.en, ["alpha", "beta", "gamma"][i % 3]);
            e
        })
        .collect()
}

/// An index of a few thousand events, built once for the property tests.
static MANY: std::sync::LazyLock<Index> = std::sync::LazyLock::new(|| Index::new(&many(3000)));

/// Query words to build random queries from, including partial and odd forms.
const WORDS: &[&str] = &[
    "cy",
    "cyber",
    "tal",
    "tallinn",
    "lulea",
    "sec",
    "'cur",
    "^tal",
    "mit$",
    "!cyber",
    "!kind:summit",
    "kind:s",
    "tag:cyber",
    "2019..2021",
    "year:2021",
    "alpha",
    "beta",
    "|",
    "actor:ee",
    "place:a",
    "digital",
    "conf",
    "zzz",
    "a",
    "e",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn within_and_chunks_give_the_same_results(
        picks in proptest::collection::vec(0..WORDS.len(), 0..4),
        extra in "[a-z]{0,2}",
    ) {
        let index = &*MANY;
        let none = AtomicBool::new(false);
        let old_text: Vec<&str> = picks.iter().map(|&i| WORDS[i]).collect();
        let old_text = old_text.join(" ");
        let new_text = format!("{old_text}{extra}");
        let (Ok(old), Ok(new)) = (Query::parse(&old_text), Query::parse(&new_text)) else {
            return Ok(());
        };
        let fresh = index.filter_in_chunks(&new, None, &none, 1).unwrap();
        prop_assert_eq!(&index.filter_in_chunks(&new, None, &none, 2).unwrap(), &fresh);
        prop_assert_eq!(&index.filter_in_chunks(&new, None, &none, 3).unwrap(), &fresh);
        if new.refines(&old) {
            let previous = index.filter_in_chunks(&old, None, &none, 2).unwrap();
            let narrowed = index.filter_in_chunks(&new, Some(&previous), &none, 2).unwrap();
            prop_assert_eq!(narrowed, fresh);
        }
    }
}

#[test]
fn large_indexes_built_in_parts_match_like_small_ones() {
    // Event i of `many` has the content of event i % 15 (ids aside), so matches repeat.
    let big = Index::new(&many(25_000));
    let small = Index::new(&many(15));
    let none = AtomicBool::new(false);
    for text in [
        "cyber",
        "tallinn",
        "alpha",
        "fostering",
        "sécu",
        "kind:summit",
        "!cyber beta",
        "'ostering",
        "^tall",
        "place:a",
        "e",
        "partner",
    ] {
        let q = Query::parse(text).unwrap();
        let pattern = small.filter(&q, None, &none).unwrap();
        let expected: Vec<u32> = (0..25_000)
            .filter(|i| pattern.contains(&(i % 15)))
            .collect();
        assert_eq!(big.filter(&q, None, &none).unwrap(), expected, "{text}");
    }
}

#[test]
fn word_index_and_scanning_agree() {
    let index = &*MANY;
    for word in WORDS.iter().chain(&[
        "fostering",
        "ostering",
        "partner",
        "sécu",
        "e-gov",
        "x",
        "tllinn",
        "eap",
        "ec",
        "confrnce",
        "un",
        "!un",
        "!tllinn",
        "cybersecurity_x",
    ]) {
        let Ok(q) = Query::parse(word) else { continue };
        let scanned = index.filter_forcing_words(&q, false);
        assert_eq!(index.filter_forcing_words(&q, true), scanned, "{word}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_query_panics(text in "(\\PC|[ |!'^$:.\\\\]|kind:|year:|\\.\\.|[0-9-]){0,24}") {
        let events = events();
        let index = Index::new(&events);
        if let Ok(q) = Query::parse(&text) {
            let mut hits = index.filter(&q, None, &AtomicBool::new(false)).unwrap();
            index.rank(&q, &mut hits);
            for e in &events {
                let _ = highlight(&e.title.en, &q);
                let _ = highlight(&text, &q);
            }
        }
    }
}

mod props;
