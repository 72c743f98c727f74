//! Queries on the bundled data and the exact events they return, as `cyberdiplo list` shows.

use cyberdiplo::search::{Query, search};

/// Ids of the bundled events matching `query`, in date order.
fn ids(query: &str) -> Vec<String> {
    let events = cyberdiplo::model::load::bundled().events;
    search(&events, query)
        .unwrap_or_else(|e| panic!("{query:?}: {e}"))
        .into_iter()
        .map(|i| events[i as usize].id.clone())
        .collect()
}

const TABLE: &[(&str, &[&str])] = &[
    ("lulea", &["2023-lulea-eu-us-ttc-ministerial"]),
    ("LULEÅ", &["2023-lulea-eu-us-ttc-ministerial"]),
    (
        "securite",
        &[
            "2017-10-04-tallinn-eap-cyber-conference",
            "2017-10-05-eap-digital-economy-ministerial",
            // "la confiance et la sécurité", one of the declaration's topics.
            "2017-10-05-eu-eap-digital-economy-declaration",
            "2020-eu-cybersecurity-strategy",
            "2021-05-17-cyberspace-scenario-discussion",
            "2022-council-conclusions-ict-supply-chain-security",
            "2024-06-20-eu-africa-cyber-digital-ambassadors-meeting",
        ],
    ),
    (
        "'supply",
        &["2022-council-conclusions-ict-supply-chain-security"],
    ),
    ("san\\ francisco", &["2022-09-01-eu-office-san-francisco"]),
    (
        "2017-10-04",
        &[
            "2017-10-04-e-democracy-study",
            "2017-10-04-tallinn-eap-cyber-conference",
        ],
    ),
    (
        "cyber | digital tallinn",
        &[
            "2017-10-04-tallinn-eap-cyber-conference",
            "2017-10-05-eap-digital-economy-ministerial",
            "2017-10-05-eu-eap-digital-economy-declaration",
            "2017-10-06-tallinn-egovernment-ministerial-conference",
        ],
    ),
    (
        "cyber",
        &[
            "2017-10-04-tallinn-eap-cyber-conference",
            // Tagged cybersecurity for "la confiance et la sécurité".
            "2017-10-05-eap-digital-economy-ministerial",
            "2017-10-05-eu-eap-digital-economy-declaration",
            "2020-eu-cybersecurity-strategy",
            "2021-05-17-cyberspace-scenario-discussion",
            "2022-council-conclusions-ict-supply-chain-security",
            "2024-06-20-eu-africa-cyber-digital-ambassadors-meeting",
        ],
    ),
    (
        "!^2022 !^2023 id:202",
        &[
            "2020-eu-cybersecurity-strategy",
            "2021-05-17-cyberspace-scenario-discussion",
            // Dated from the conclusions of 26 June 2023 (its deadline is summer 2024).
            "2024-digital-diplomacy-review",
            "2025-digital-diplomacy-expertise-in-every-eu-delegation",
            "2024-06-20-eu-africa-cyber-digital-ambassadors-meeting",
            "2025-wsis-plus-20",
            "2026-itu-plenipotentiary-conference",
        ],
    ),
    (
        // WSIS+20 is a review, no longer filed as a summit.
        "summit$",
        &["2017-11-24-eap-summit-brussels", "2022-eu-au-summit"],
    ),
    (
        "^estonia$",
        &[
            "2017-10-04-e-democracy-study",
            "2017-10-04-tallinn-eap-cyber-conference",
            "2017-10-05-eap-digital-economy-ministerial",
            "2017-10-05-eu-eap-digital-economy-declaration",
            "2017-10-06-tallinn-egovernment-ministerial-conference",
        ],
    ),
    (
        "kind:summit",
        &["2017-11-24-eap-summit-brussels", "2022-eu-au-summit"],
    ),
    (
        "kind:council",
        &[
            "2022-council-conclusions-ict-supply-chain-security",
            "2022-07-18-council-conclusions-digital-diplomacy",
            "2023-06-26-council-conclusions-digital-diplomacy",
        ],
    ),
    (
        "kind:legis",
        &["2022-digital-markets-act", "2022-digital-services-act"],
    ),
    (
        "tag:africa",
        &[
            "2022-eu-au-summit",
            "2023-digital-economy-packages-nigeria-drc-colombia",
            "2023-06-26-council-conclusions-digital-diplomacy",
            "2024-06-20-eu-africa-cyber-digital-ambassadors-meeting",
        ],
    ),
    (
        "status:planned",
        &[
            "2017-10-04-e-democracy-study",
            "2017-10-05-eap-digital-economy-ministerial",
            "2017-10-05-eu-eap-digital-economy-declaration",
            "2017-10-06-tallinn-egovernment-ministerial-conference",
            "2017-11-24-eap-summit-brussels",
            "2024-digital-diplomacy-review",
            "2023-global-digital-compact-negotiations",
            "2025-digital-diplomacy-expertise-in-every-eu-delegation",
            "2025-wsis-plus-20",
            "2026-itu-plenipotentiary-conference",
        ],
    ),
    (
        "place:brussels",
        &[
            "2017-11-24-eap-summit-brussels",
            "2024-06-20-eu-africa-cyber-digital-ambassadors-meeting",
        ],
    ),
    (
        "actor:itu",
        &[
            "2021-05-17-cyberspace-scenario-discussion",
            "2026-itu-plenipotentiary-conference",
        ],
    ),
    ("..2016", &["2015-eapconnect-programme"]),
    ("status:ongoing", &["2015-eapconnect-programme"]),
    (
        "2024..",
        &[
            "2024-digital-diplomacy-review",
            "2023-global-digital-compact-negotiations",
            "2025-digital-diplomacy-expertise-in-every-eu-delegation",
            "2024-06-20-eu-africa-cyber-digital-ambassadors-meeting",
            "2025-wsis-plus-20",
            "2026-itu-plenipotentiary-conference",
        ],
    ),
    (
        "2017-10..2017-11 !kind:programme",
        &[
            "2017-10-04-e-democracy-study",
            "2017-10-04-tallinn-eap-cyber-conference",
            "2017-10-05-eap-digital-economy-ministerial",
            "2017-10-05-eu-eap-digital-economy-declaration",
            "2017-10-06-tallinn-egovernment-ministerial-conference",
            "2017-11-24-eap-summit-brussels",
        ],
    ),
    (
        "year:2023-06",
        &[
            "2023-digital-economy-packages-nigeria-drc-colombia",
            "2023-global-gateway-flagship-projects",
            "2023-lulea-eu-us-ttc-ministerial",
            "2023-06-26-council-conclusions-digital-diplomacy",
            "2024-digital-diplomacy-review",
            "2023-global-digital-compact-negotiations",
            "2025-digital-diplomacy-expertise-in-every-eu-delegation",
        ],
    ),
    ("zzzqqq", &[]),
    ("xkcd", &[]),
    ("qzx", &[]),
    // Field names are not searched; the 2017 conference's summary says "participants".
    ("organisers", &[]),
    ("date_basis", &[]),
    ("participants", &["2017-10-04-tallinn-eap-cyber-conference"]),
];

#[test]
fn queries_return_exactly_these_events() {
    for (query, expected) in TABLE {
        assert_eq!(ids(query), *expected, "query {query:?}");
    }
}

#[test]
fn accents_fold_both_ways() {
    assert_eq!(ids("sécurité"), ids("securite"));
    assert_eq!(ids("numerique"), ids("numérique"));
    assert_eq!(ids("luleå"), ids("lulea"));
}

#[test]
fn negation_is_the_exact_complement_of_the_term() {
    let all = ids("");
    for term in [
        "cyber",
        "'cyber",
        "ttc",
        "un",
        "^eu",
        "summit$",
        "kind:summit",
    ] {
        let with: Vec<String> = ids(term);
        let without = ids(&format!("!{term}"));
        assert_eq!(with.len() + without.len(), all.len(), "{term}");
        assert!(without.iter().all(|id| !with.contains(id)), "{term}");
    }
}

#[test]
fn malformed_queries_say_where() {
    for (query, column) in [
        ("year:abc", 5),
        ("year:", 5),
        ("2023..2021", 0),
        ("kind:", 5),
        ("tallinn |", 8),
        ("!", 0),
        ("'", 0),
    ] {
        let err = Query::parse(query).expect_err(query);
        assert_eq!(err.column, column, "{query:?}: {}", err.message);
    }
}
