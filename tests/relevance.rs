//! Relevance of search on the bundled data: labelled queries, precision and recall.
//!
//! Each label was written by reading the records in `data/events.ron`, not by running the
//! matcher: `must` lists the events a reader expects (the record names the thing asked for),
//! `not` the events that must not come back; `REST` stands for every event not in `must`.
//! Events in neither list are left to the matcher (a record that only brushes the subject).

use std::collections::BTreeSet;

use cyberdiplo::search::search;

/// Every bundled event not listed in `must`.
const REST: &[&str] = &["*"];

const CONNECT: &str = "2015-eapconnect-programme";
const TALLINN_CONF: &str = "2017-10-04-tallinn-eap-cyber-conference";
const STUDY: &str = "2017-10-04-e-democracy-study";
const EAP_MIN: &str = "2017-10-05-eap-digital-economy-ministerial";
const DECLARATION: &str = "2017-10-05-eu-eap-digital-economy-declaration";
const EGOV_MIN: &str = "2017-10-06-tallinn-egovernment-ministerial-conference";
const EAP_SUMMIT: &str = "2017-11-24-eap-summit-brussels";
const STRATEGY: &str = "2020-eu-cybersecurity-strategy";
const SCENARIO: &str = "2021-05-17-cyberspace-scenario-discussion";
const EU_AU: &str = "2022-eu-au-summit";
const SUPPLY: &str = "2022-council-conclusions-ict-supply-chain-security";
const DMA: &str = "2022-digital-markets-act";
const DSA: &str = "2022-digital-services-act";
const CC2022: &str = "2022-07-18-council-conclusions-digital-diplomacy";
const SF: &str = "2022-09-01-eu-office-san-francisco";
const LULEA: &str = "2023-lulea-eu-us-ttc-ministerial";
const PACKAGES: &str = "2023-digital-economy-packages-nigeria-drc-colombia";
const GATEWAY: &str = "2023-global-gateway-flagship-projects";
const CC2023: &str = "2023-06-26-council-conclusions-digital-diplomacy";
const GDC: &str = "2023-global-digital-compact-negotiations";
const REVIEW: &str = "2024-digital-diplomacy-review";
const AMBASSADORS: &str = "2024-06-20-eu-africa-cyber-digital-ambassadors-meeting";
const EXPERTISE: &str = "2025-digital-diplomacy-expertise-in-every-eu-delegation";
const WSIS: &str = "2025-wsis-plus-20";
const ITU: &str = "2026-itu-plenipotentiary-conference";

/// Events about cyber: the word or a `cyber…` tag in the record.
const CYBER: &[&str] = &[
    TALLINN_CONF,
    EAP_MIN,
    DECLARATION,
    STRATEGY,
    SCENARIO,
    SUPPLY,
    AMBASSADORS,
];

/// (query, must match, must not match)
const LABELS: &[(&str, &[&str], &[&str])] = &[
    // Places, with and without accents, in English and French.
    (
        "tallinn",
        &[TALLINN_CONF, STUDY, EAP_MIN, DECLARATION, EGOV_MIN],
        REST,
    ),
    ("lulea", &[LULEA], REST),
    ("luleå", &[LULEA], REST),
    ("LULEÅ", &[LULEA], REST),
    ("brussels", &[EAP_SUMMIT, AMBASSADORS], REST),
    ("bruxelles", &[TALLINN_CONF, EAP_SUMMIT, AMBASSADORS], REST),
    ("san francisco", &[SF], REST),
    ("sweden", &[LULEA], REST),
    ("suède", &[LULEA], REST),
    ("suede", &[LULEA], REST),
    ("egmont", &[AMBASSADORS], REST),
    ("place:brussels", &[EAP_SUMMIT, AMBASSADORS], REST),
    (
        "armenia",
        &[CONNECT, TALLINN_CONF, EAP_MIN, DECLARATION],
        REST,
    ),
    ("arménie", &[TALLINN_CONF], REST),
    (
        "ukraine",
        &[CONNECT, TALLINN_CONF, EAP_MIN, DECLARATION, CC2022, CC2023],
        REST,
    ),
    // French and English words.
    (
        "numérique",
        &[
            CONNECT,
            TALLINN_CONF,
            EAP_MIN,
            DECLARATION,
            EGOV_MIN,
            EU_AU,
            SUPPLY,
            DMA,
            DSA,
            CC2022,
            SF,
            PACKAGES,
            GATEWAY,
            CC2023,
            GDC,
            REVIEW,
            AMBASSADORS,
            EXPERTISE,
            WSIS,
        ],
        &[EAP_SUMMIT, STRATEGY, SCENARIO, LULEA, ITU],
    ),
    (
        "securite",
        &[
            TALLINN_CONF,
            EAP_MIN,
            DECLARATION,
            STRATEGY,
            SCENARIO,
            SUPPLY,
            AMBASSADORS,
        ],
        REST,
    ),
    (
        "cybersécurité",
        &[TALLINN_CONF, STRATEGY],
        &[
            CONNECT, EAP_MIN, EGOV_MIN, EAP_SUMMIT, EU_AU, DMA, DSA, SF, LULEA, ITU,
        ],
    ),
    ("cyber", CYBER, REST),
    (
        "eastern partnership",
        &[
            CONNECT,
            TALLINN_CONF,
            STUDY,
            EAP_MIN,
            DECLARATION,
            EAP_SUMMIT,
        ],
        REST,
    ),
    (
        "partenariat oriental",
        &[
            CONNECT,
            TALLINN_CONF,
            STUDY,
            EAP_MIN,
            DECLARATION,
            EAP_SUMMIT,
        ],
        REST,
    ),
    (
        "e-government",
        &[EGOV_MIN],
        &[CONNECT, EAP_SUMMIT, STRATEGY, CC2023],
    ),
    ("global gateway", &[GATEWAY, PACKAGES, CC2023], REST),
    (
        "council conclusions",
        &[SUPPLY, CC2022, CC2023],
        &[CONNECT, TALLINN_CONF, EAP_MIN, EGOV_MIN, EAP_SUMMIT],
    ),
    // Acronyms and short terms.
    ("itu", &[ITU, CC2023], REST),
    ("uit", &[ITU, CC2023], REST),
    ("ttc", &[LULEA], REST),
    ("dma", &[DMA], &[CONNECT, TALLINN_CONF, CC2022, CC2023, SF]),
    ("6g", &[LULEA, ITU], REST),
    ("ia", &[LULEA], REST),
    ("nato", &[], REST),
    ("unga", &[], REST),
    ("eeas", &[STRATEGY, SCENARIO, AMBASSADORS], REST),
    ("seae", &[STRATEGY, SCENARIO, AMBASSADORS], REST),
    ("wsis", &[WSIS], REST),
    // Actors and people.
    ("ansip", &[TALLINN_CONF], REST),
    ("lahbib", &[AMBASSADORS], REST),
    ("balfoort", &[SCENARIO], REST),
    (
        "actor:council",
        &[
            TALLINN_CONF,
            SCENARIO,
            SUPPLY,
            CC2022,
            LULEA,
            CC2023,
            REVIEW,
        ],
        REST,
    ),
    // Kinds, tags, status.
    ("kind:summit", &[EAP_SUMMIT, EU_AU], REST),
    ("kind:ministerial", &[EAP_MIN, EGOV_MIN, LULEA], REST),
    ("kind:legislation", &[DMA, DSA], REST),
    ("tag:africa", &[EU_AU, PACKAGES, CC2023, AMBASSADORS], REST),
    ("tag:transatlantic", &[SF, LULEA], REST),
    ("transatlantic", &[SF, LULEA], REST),
    ("tag:cyber", CYBER, REST),
    ("kind:council tag:digital", &[CC2022, CC2023], REST),
    (
        "status:planned",
        &[
            STUDY,
            EAP_MIN,
            DECLARATION,
            EGOV_MIN,
            EAP_SUMMIT,
            GDC,
            REVIEW,
            EXPERTISE,
            WSIS,
            ITU,
        ],
        REST,
    ),
    // Dates.
    ("year:2022", &[EU_AU, SUPPLY, DMA, DSA, CC2022, SF], REST),
    (
        "2017-10..2017-10",
        &[CONNECT, TALLINN_CONF, STUDY, EAP_MIN, DECLARATION, EGOV_MIN],
        REST,
    ),
    ("..2016", &[CONNECT], REST),
    (
        "2024..",
        &[GDC, REVIEW, AMBASSADORS, EXPERTISE, WSIS, ITU],
        REST,
    ),
    ("summit 2022..", &[EU_AU, WSIS], REST),
    // Negation.
    ("!kind:summit", &["*"], &[EAP_SUMMIT, EU_AU]),
    ("!cyber", &["*"], CYBER),
    ("!itu", &["*"], &[ITU, CC2023]),
    ("!nato", &["*"], &[]),
    (
        "tallinn !kind:ministerial",
        &[TALLINN_CONF, STUDY, DECLARATION],
        REST,
    ),
];

/// Expands `*` to every id not in `other`.
fn expand(list: &[&str], other: &[&str], all: &[String]) -> BTreeSet<String> {
    if list == ["*"] {
        let other = expand(other, &[], all);
        all.iter()
            .filter(|id| !other.contains(*id))
            .cloned()
            .collect()
    } else {
        list.iter().map(|s| s.to_string()).collect()
    }
}

#[test]
fn labelled_queries_have_high_precision_and_recall() {
    let events = cyberdiplo::model::load::bundled().events;
    let all: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
    assert!(LABELS.len() >= 40, "at least 40 labelled queries");
    let (mut true_pos, mut false_pos, mut relevant) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for (query, must, not) in LABELS {
        let must = expand(must, not, &all);
        let not = expand(
            not,
            &must.iter().map(String::as_str).collect::<Vec<_>>(),
            &all,
        );
        for id in must.iter().chain(&not) {
            assert!(
                all.contains(id),
                "label of {query:?} names unknown event {id}"
            );
        }
        let found: BTreeSet<String> = search(&events, query)
            .unwrap_or_else(|e| panic!("{query:?}: {e}"))
            .into_iter()
            .map(|i| events[i as usize].id.clone())
            .collect();
        let hits = found.intersection(&must).count();
        let wrong: Vec<&String> = found.intersection(&not).collect();
        let missed: Vec<&String> = must.difference(&found).collect();
        true_pos += hits;
        false_pos += wrong.len();
        relevant += must.len();
        if !wrong.is_empty() || !missed.is_empty() {
            misses.push(format!(
                "{query:?}: wrongly found {wrong:?}, missed {missed:?}"
            ));
        }
    }
    let precision = true_pos as f64 / (true_pos + false_pos).max(1) as f64;
    let recall = true_pos as f64 / relevant.max(1) as f64;
    println!(
        "relevance: {} queries, precision {precision:.3}, recall {recall:.3}",
        LABELS.len()
    );
    for line in &misses {
        println!("  {line}");
    }
    assert!(
        precision >= 0.95 && recall >= 0.95,
        "precision {precision:.3} or recall {recall:.3} under 0.95:\n{}",
        misses.join("\n")
    );
}
