//! Loader tests: every kind of bad input gives an error with file:line:col.

use super::*;

const SEED: &str = "004_31dbb5402f264f54.txt";
const QUOTE: &str = "Enfin, le 6 octobre 2017, Tallinn accueillera la conférence des ministres";

fn record(id: &str, extra: &str) -> String {
    format!(
        "(\n    id: \"{id}\",\n    start: \"2017-10-06\",\n    status: planned,\n    \
         kind: ministerial,\n    title: (en: \"T\", fr: \"T\"),\n    \
         summary: (en: \"S\", fr: \"S\"),\n    \
         sources: [(seed: \"{SEED}\", quote: \"{QUOTE}\")],\n{extra})"
    )
}

fn parse(text: &str) -> (Vec<String>, Vec<String>) {
    let (parsed, mut errors) = parse_text("f.ron", text);
    let outcome = validate::validate(vec![(parsed, 0)], &["f.ron".to_string()], &[text], false);
    errors.extend(outcome.errors);
    (
        outcome.kept.0.into_iter().map(|e| e.id).collect(),
        errors.iter().map(ToString::to_string).collect(),
    )
}

#[test]
fn a_good_record_loads() {
    let (ids, errors) = parse(&format!("[{}]", record("a", "")));
    assert_eq!(ids, ["a"]);
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn bundled_data_loads_without_errors() {
    let catalog = bundled();
    let errors: Vec<String> = catalog.errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn malformed_ron_reports_line_and_column() {
    let text = format!("[\n{},\n(id: \"b\" start: \"2020\")\n]", record("a", ""));
    let (ids, errors) = parse(&text);
    assert_eq!(ids, ["a"], "the good record still loads");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("f.ron:11:10: "), "{}", errors[0]);
}

#[test]
fn unknown_and_missing_fields_are_errors() {
    let (_, errors) = parse(&format!("[{}]", record("a", "    colour: \"red\",\n")));
    assert!(
        errors[0].starts_with("f.ron:9:5: ") && errors[0].contains("`colour`"),
        "{errors:?}"
    );
    let (_, errors) = parse("[\n  (id: \"a\", status: held)\n]");
    assert!(errors[0].contains("missing field") && errors[0].contains("`start`"));
    assert!(errors[0].starts_with("f.ron:2:"), "{errors:?}");
}

#[test]
fn bad_dates_name_the_field() {
    let text = format!("[{}]", record("a", "").replace("2017-10-06", "2017-02-30"));
    let (_, errors) = parse(&text);
    assert!(errors[0].starts_with("f.ron:3:"), "{errors:?}");
    assert!(
        errors[0].contains("start: bad date \"2017-02-30\""),
        "{errors:?}"
    );
}

#[test]
fn end_before_start_is_an_error() {
    let (ids, errors) = parse(&format!("[{}]", record("a", "    end: \"2016\",\n")));
    assert!(ids.is_empty());
    assert_eq!(
        errors,
        ["f.ron:9:5: end: end 2016 is before start 2017-10-06 (record `a`)"]
    );
}

#[test]
fn duplicate_ids_name_both_places() {
    let text = format!("[\n{},\n{}\n]", record("a", ""), record("a", ""));
    let (ids, errors) = parse(&text);
    assert_eq!(ids, ["a"]);
    assert_eq!(
        errors,
        ["f.ron:12:5: id: duplicate id, first defined at f.ron:2 (record `a`)"]
    );
}

#[test]
fn dangling_related_is_an_error_and_the_link_is_dropped() {
    let (ids, errors) = parse(&format!("[{}]", record("a", "    related: [\"nope\"],\n")));
    assert_eq!(ids, ["a"]);
    assert_eq!(
        errors,
        ["f.ron:9:15: related[0]: no event has the id `nope` (record `a`)"]
    );
}

#[test]
fn quote_not_in_seed_is_an_error() {
    let text = format!("[{}]", record("a", "")).replace("6 octobre", "7 octobre");
    let (_, errors) = parse(&text);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("f.ron:8:50: sources[0].quote: quote not found in seed 004_"),
        "{errors:?}"
    );
}

#[test]
fn empty_titles_and_bad_ids_are_errors() {
    let text = format!("[{}]", record("Bad Id", "")).replace("(en: \"T\"", "(en: \" \"");
    let (_, errors) = parse(&text);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("id: `Bad Id` is not a valid id"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("title.en: must not be empty"))
    );
}

#[test]
fn user_sources_need_a_url_or_citation() {
    let good = format!("[{}]", record("a", "")).replace(
        &format!("seed: \"{SEED}\", quote: \"{QUOTE}\""),
        "url: \"https://e.eu\"",
    );
    assert!(parse(&good).1.is_empty());
    let bad = good.replace("url: \"https://e.eu\"", "quote: \"q\"");
    assert!(parse(&bad).1[0].contains("needs a `seed` with a `quote`, a `url` or a `citation`"));
}

#[test]
fn extensions_in_files_are_refused() {
    let (_, errors) = parse(&format!(
        "#![enable(unwrap_newtypes)]\n[{}]",
        record("a", "")
    ));
    assert!(
        errors[0].starts_with("f.ron:1:1: RON attributes"),
        "{errors:?}"
    );
}

#[test]
fn crlf_and_bom_load() {
    let text = format!("\u{feff}[{}]", record("a", "")).replace('\n', "\r\n");
    let decoded = decode("f.ron", text.into_bytes()).unwrap();
    assert_eq!(parse(&decoded).0, ["a"]);
}

#[test]
fn invalid_utf8_reports_where() {
    let err = decode("f.ron", b"[\n  (id: \"\xff\")]".to_vec()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "f.ron:2:9: the file is not valid UTF-8 text (save it as UTF-8)"
    );
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    let text = format!("[(a: {})]", "[".repeat(1_000_000));
    let (_, errors) = parse(&text);
    assert!(errors[0].contains("nesting deeper than"), "{errors:?}");
}

#[test]
fn missing_files_and_folders_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ron");
    let catalog = load(&LoadOptions {
        bundled: false,
        paths: vec![missing.clone()],
    });
    assert_eq!(
        catalog.errors[0].to_string(),
        format!("{}: no such file or folder", missing.display())
    );
    std::fs::write(dir.path().join("a.ron"), format!("[{}]", record("a", ""))).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
    let catalog = load(&LoadOptions {
        bundled: false,
        paths: vec![dir.path().to_path_buf()],
    });
    assert_eq!(catalog.events.len(), 1);
    assert!(catalog.errors.is_empty());
}

#[test]
fn escape_sequences_in_text_are_removed_at_load() {
    let text =
        format!("[{}]", record("a", "")).replace("(en: \"T\"", "(en: \"T\\u{1b}]0;x\\u{7}\"");
    let (parsed, errors) = parse_text("f.ron", &text);
    assert!(errors.is_empty());
    assert_eq!(parsed[0].event.title.en, "T");
}

#[test]
fn ongoing_status_inferred_dates_and_dated_user_sources_load() {
    let text = "[(\n    id: \"p\",\n    start: \"2015\",\n    end: \"2020\",\n    \
                date_basis: \"inferred from the dateline\",\n    status: ongoing,\n    \
                kind: programme,\n    title: (en: \"T\", fr: \"T\"),\n    \
                summary: (en: \"S\", fr: \"S\"),\n    sources: [\n        \
                (seed: \"004_31dbb5402f264f54.txt\", quote: \"Il couvrira la période 2015-2020.\"),\n        \
                (citation: \"Later report\", date: \"2019-03\"),\n    ],\n)]";
    let catalog_events = parse_text("f.ron", text).0;
    assert_eq!(catalog_events.len(), 1);
    let event = &catalog_events[0].event;
    assert_eq!(event.status, crate::model::Status::Ongoing);
    assert_eq!(
        event.date_basis.as_deref(),
        Some("inferred from the dateline")
    );
    // The latest source wins: the user source of March 2019 over the seed of 4 October 2017.
    assert_eq!(event.as_of(), chrono::NaiveDate::from_ymd_opt(2019, 3, 1));
    let mut seed_only = event.clone();
    seed_only.sources.truncate(1);
    assert_eq!(
        seed_only.as_of(),
        chrono::NaiveDate::from_ymd_opt(2017, 10, 4)
    );
    seed_only.sources.clear();
    assert_eq!(seed_only.as_of(), None);
}

/// Evidence warnings of a file, as `check` prints them.
fn warnings(text: &str) -> Vec<String> {
    let (parsed, errors) = parse_text("f.ron", text);
    assert!(errors.is_empty(), "{errors:?}");
    let outcome = validate::validate(vec![(parsed, 0)], &["f.ron".to_string()], &[text], true);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    outcome.warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn every_problem_of_a_record_is_reported_in_one_run() {
    let bad = record(
        "a",
        "    kind: workshop,\n    tags: [cyber_norms, e_government],\n    \
         related: [\"nowhere\", \"b\"],\n",
    )
    .replace("    kind: ministerial,\n", "");
    let text = format!("[\n{bad},\n{}\n]", record("b", "    related: [\"a\"],\n"));
    let (ids, errors) = parse(&text);
    assert_eq!(ids, ["b"], "the good record still loads; {errors:?}");
    let expected = [
        "f.ron:9:11: kind: ",
        "f.ron:10:12: tags[0]: ",
        "f.ron:11:15: related[0]: no event has the id `nowhere` (record `a`)",
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:?}");
    for (error, start) in errors.iter().zip(expected) {
        assert!(
            error.starts_with(start),
            "{error:?} should start with {start:?}"
        );
    }
    assert!(errors[0].contains("`workshop`") && errors[1].contains("`cyber_norms`"));
}

#[test]
fn missing_unknown_and_repeated_fields_come_together() {
    let text = "[\n  (id: \"a\", colour: \"red\", id: \"b\", start: \"2020\", status: held)\n]";
    let (ids, errors) = parse(text);
    assert!(ids.is_empty());
    assert_eq!(errors.len(), 3, "{errors:?}");
    for start in [
        "f.ron:2:3: missing fields `kind`, `title`, `summary`, `sources`",
        "f.ron:2:13: unknown field `colour`",
        "f.ron:2:28: `id` is given twice",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(start)),
            "{start:?} in {errors:?}"
        );
    }
}

#[test]
fn syntax_errors_keep_the_parser_message() {
    let text = format!(
        "[\n{}\n]",
        record("a", "").replace("status: planned,", "status: planned")
    );
    let (_, errors) = parse(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("expected `,` after the `status` field"),
        "{errors:?}"
    );
}

#[test]
fn facts_without_evidence_are_warned_about_per_value() {
    let text = format!(
        "[{}]",
        record(
            "a",
            "    places: [\"Tallinn\", \"Tartu\"],\n    organisers: [\"Team Zeta\"],\n    \
             participants: [\"EU member states\"],\n",
        )
        .replace("2017-10-06", "2017-10-07")
    );
    let found = warnings(&text);
    // Tallinn is quoted; the day, Tartu, Team Zeta and the member states are not.
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(found[0].starts_with("f.ron:3:5: warning: start: fact without evidence: no quote"));
    assert!(found[1].starts_with("f.ron:9:25: warning: places[1]: fact without evidence: `Tartu`"));
    assert!(found[2].starts_with("f.ron:10:18: warning: organisers[0]: "));
    assert!(found[3].starts_with("f.ron:11:20: warning: participants[0]: "));
}

#[test]
fn date_basis_and_waivers_silence_the_warnings_they_explain() {
    let text = format!(
        "[{}]",
        record(
            "a",
            "    date_basis: \"inferred\",\n    places: [\"Tallinn\", \"Estonia\"],\n    \
             evidence_waivers: [(field: places, reason: \"Tallinn is in Estonia\"), \
             (field: organisers, reason: \"nothing to waive\")],\n",
        )
        .replace("2017-10-06", "2017-10-07")
    );
    let found = warnings(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("evidence_waivers[1]: every value of `organisers` is in the quotes"));
    let empty = format!(
        "[{}]",
        record(
            "a",
            "    evidence_waivers: [(field: places, reason: \" \")],\n"
        )
    );
    let (ids, errors) = parse(&empty);
    assert!(ids.is_empty());
    assert!(
        errors[0].contains("evidence_waivers[0].reason: say why"),
        "{errors:?}"
    );
    let (ids, errors) = parse(&format!("[{}]", record("a", "    date_basis: \"\",\n")));
    assert!(ids.is_empty());
    assert!(
        errors[0].starts_with("f.ron:9:5: date_basis: say how"),
        "{errors:?}"
    );
}

#[test]
fn bundled_data_has_evidence_for_every_fact() {
    let checked = check(&LoadOptions {
        bundled: true,
        paths: Vec::new(),
    });
    assert!(checked.catalog.errors.is_empty());
    let found: Vec<String> = checked.warnings.iter().map(ToString::to_string).collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_record_with_thousands_of_bad_values_reports_a_bounded_number() {
    let tags = vec!["nope"; 5_000].join(", ");
    let text = format!("[{}]", record("a", &format!("    tags: [{tags}],\n")));
    let (ids, errors) = parse(&text);
    assert!(ids.is_empty());
    assert_eq!(errors.len(), 51, "fifty problems and a count of the rest");
    assert!(errors[50].contains("4950 more problem(s) in this record are not shown"));
}
