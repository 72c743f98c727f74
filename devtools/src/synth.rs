//! Synthetic event archives for benchmarks: realistic records, deterministic from a seed.
//!
//! Records have English and French titles and summaries of real length, accented places,
//! actors, tags, dates over decades, and URL or citation sources (never seed quotes, which
//! would have to exist in the seeds). Ids are unique and `related` only names earlier
//! records, so every generated file passes `cyberdiplo check`.

mod words;

use std::fmt::Write as _;
use std::io::{self, Write};

use cyberdiplo::model::{Kind, Tag};
use words::{BODIES, OUTCOMES, PEOPLE, PLACES, PUBLISHERS, SITES};

/// A small deterministic PRNG (splitmix64): same seed, same archive, on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// A random element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// One generated record, as the fields the text form needs.
struct Record {
    id: String,
    start: String,
    end: Option<String>,
    planned: bool,
    kind: Kind,
    title: (String, String),
    summary: (String, String),
    places: Vec<&'static str>,
    organisers: Vec<&'static str>,
    participants: Vec<&'static str>,
    tags: Vec<Tag>,
    sources: Vec<(bool, String)>,
    related: Vec<usize>,
}

/// Writes a RON archive of `count` synthetic records generated from `seed`.
pub fn generate(count: usize, seed: u64, out: &mut dyn Write) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    let mut ids: Vec<String> = Vec::with_capacity(count);
    let mut text = String::with_capacity(4096);
    out.write_all(b"[\n")?;
    for n in 0..count {
        let record = record(&mut rng, n);
        text.clear();
        write_ron(&record, &ids, &mut text);
        out.write_all(text.as_bytes())?;
        ids.push(record.id);
    }
    out.write_all(b"]\n")?;
    Ok(())
}

/// Writes the same records as [`generate`], one line of text each (title, places, actors,
/// tags, summary in English), as a line-oriented tool such as fzf would read them.
pub fn generate_lines(count: usize, seed: u64, out: &mut dyn Write) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    let mut line = String::with_capacity(4096);
    for n in 0..count {
        let r = record(&mut rng, n);
        line.clear();
        line.push_str(&r.title.0);
        for part in r.places.iter().chain(&r.organisers).chain(&r.participants) {
            line.push(' ');
            line.push_str(part);
        }
        for tag in &r.tags {
            line.push(' ');
            line.push_str(tag.name());
        }
        line.push(' ');
        line.push_str(&r.summary.0);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Makes record number `n`. Ids end with `n` so they are unique whatever else is drawn.
fn record(rng: &mut Rng, n: usize) -> Record {
    // Every random draw happens in the same order as always, so a seed keeps giving the
    // same archive.
    let (year, start, kind, end) = dates(rng);
    let planned = year >= 2026;
    let (city, country) = *rng.pick(PLACES);
    let (other_city, other_country) = *rng.pick(PLACES);
    let tags = pick_tags(rng);
    let body = *rng.pick(BODIES);
    let partner = *rng.pick(BODIES);
    let (kind_en, kind_fr) = words::kind_phrase(kind);
    let people = People {
        person: *rng.pick(PEOPLE),
        topics: (
            words::topic(tags[0], rng.below(3)),
            words::topic(*tags.last().unwrap_or(&tags[0]), rng.below(3) + 1),
        ),
        experts: 20 + rng.below(300),
        millions: 1 + rng.below(120),
        outcome: *rng.pick(OUTCOMES),
    };
    let t1 = people.topics.0;
    let title = (
        format!("{body} {kind_en} on {} in {city}", t1.0),
        format!("{kind_fr} sur {} à {city} ({body})", t1.1),
    );
    let places = [(city, country), (other_city, other_country)];
    let summary = summaries(rng, body, kind_en, places, &people);
    let slug = slug(&format!("{city}-{kind_en}"));
    let id = format!("{}-{slug}-{n}", start);
    let sources = sources(rng, &slug, &start, year);
    let related = related(rng, n);
    let mut participants = vec![country, other_country, partner];
    participants.dedup();
    Record {
        id,
        start,
        end,
        planned,
        kind,
        title,
        summary,
        places: vec![city, country],
        organisers: vec![body],
        participants,
        tags,
        sources,
        related,
    }
}

/// Start date at a random precision, the kind, and an end for some spans.
fn dates(rng: &mut Rng) -> (i32, String, Kind, Option<String>) {
    let year = 1995 + rng.below(36) as i32;
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let precision = rng.below(100);
    let start = match precision {
        0..=79 => format!("{year}-{month:02}-{day:02}"),
        80..=94 => format!("{year}-{month:02}"),
        _ => format!("{year}"),
    };
    let kind = *rng.pick(Kind::ALL);
    let end = match precision {
        0..=79 if rng.chance(25) => Some(format!(
            "{year}-{month:02}-{:02}",
            (day + 1 + rng.below(3)).min(28)
        )),
        95.. if matches!(kind, Kind::Programme | Kind::Strategy) => {
            Some(format!("{}", year + 1 + rng.below(6) as i32))
        }
        _ => None,
    };
    (year, start, kind, end)
}

/// One to four distinct tags.
fn pick_tags(rng: &mut Rng) -> Vec<Tag> {
    let mut tags = vec![*rng.pick(Tag::ALL)];
    for _ in 0..rng.below(4) {
        let tag = *rng.pick(Tag::ALL);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// Who speaks, on what, and with how many experts and how much money.
struct People {
    person: (&'static str, &'static str, &'static str),
    topics: ((&'static str, &'static str), (&'static str, &'static str)),
    experts: usize,
    millions: usize,
    outcome: (&'static str, &'static str),
}

/// The English and French summaries.
fn summaries(
    rng: &mut Rng,
    body: &str,
    kind_en: &str,
    [(city, country), (other_city, other_country)]: [(&str, &str); 2],
    people: &People,
) -> (String, String) {
    let People {
        person: (person, role_en, role_fr),
        topics: (t1, t2),
        experts,
        millions,
        outcome: (outcome_en, outcome_fr),
    } = people;
    let mut summary_en = format!(
        "{body} held in {city}, {country}, a {kind_en} on {} and {}, bringing together \
         {experts} experts and officials from {country}, {other_country} and EU member states.",
        t1.0, t2.0
    );
    let mut summary_fr = format!(
        "{body} a organisé à {city} ({country}) une réunion portant sur {} et sur {}, \
         réunissant {experts} experts et responsables des pays suivants : {country}, \
         {other_country}, ainsi que des États membres de l’UE.",
        t1.1, t2.1
    );
    if rng.chance(60) {
        let _ = write!(
            summary_en,
            " {person}, {role_en}, stressed the importance of cooperation on {} and announced \
             EUR {millions} million of support for partners in {other_city}.",
            t2.0
        );
        let _ = write!(
            summary_fr,
            " {person}, {role_fr}, a souligné l’importance de la coopération pour {} et a \
             annoncé {millions} millions d’euros de soutien aux partenaires de {other_city}.",
            t2.1
        );
    }
    let _ = write!(summary_en, " {outcome_en}");
    let _ = write!(summary_fr, " {outcome_fr}");
    (summary_en, summary_fr)
}

/// `text` as an id slug: lower-case ASCII letters and digits joined by single dashes.
fn slug(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// One or two sources: a URL (`true`) or a citation.
fn sources(rng: &mut Rng, slug: &str, start: &str, year: i32) -> Vec<(bool, String)> {
    let mut sources = Vec::new();
    for _ in 0..1 + rng.below(2) {
        if rng.chance(50) {
            let number = rng.below(900) + 100;
            sources.push((true, format!("{}{}-{number}_en", rng.pick(SITES), slug)));
        } else {
            let number = rng.below(900) + 100;
            sources.push((
                false,
                format!("{} {number}/{}, {start}", rng.pick(PUBLISHERS), year % 100),
            ));
        }
    }
    sources
}

/// Up to two links to the 50 records before record `n`.
fn related(rng: &mut Rng, n: usize) -> Vec<usize> {
    let mut related = Vec::new();
    if n > 0 {
        for _ in 0..rng.below(3) {
            let target = n - 1 - rng.below(n.min(50));
            if !related.contains(&target) {
                related.push(target);
            }
        }
    }
    related
}

/// Appends a RON string literal.
fn quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn list(out: &mut String, name: &str, items: &[&str]) {
    let _ = write!(out, "        {name}: [");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        quoted(out, item);
    }
    out.push_str("],\n");
}

/// Appends one record in the layout of the bundled data.
fn write_ron(r: &Record, ids: &[String], out: &mut String) {
    out.push_str("    (\n        id: ");
    quoted(out, &r.id);
    out.push_str(",\n        start: ");
    quoted(out, &r.start);
    if let Some(end) = &r.end {
        out.push_str(",\n        end: ");
        quoted(out, end);
    }
    let status = if r.planned { "planned" } else { "held" };
    let _ = write!(
        out,
        ",\n        status: {status},\n        kind: {},\n",
        r.kind.name()
    );
    for (name, (en, fr)) in [("title", &r.title), ("summary", &r.summary)] {
        let _ = write!(out, "        {name}: (\n            en: ");
        quoted(out, en);
        out.push_str(",\n            fr: ");
        quoted(out, fr);
        out.push_str(",\n        ),\n");
    }
    list(out, "places", &r.places);
    list(out, "organisers", &r.organisers);
    list(out, "participants", &r.participants);
    let tags: Vec<&str> = r.tags.iter().map(|t| t.name()).collect();
    let _ = writeln!(out, "        tags: [{}],", tags.join(", "));
    out.push_str("        sources: [\n");
    for (is_url, text) in &r.sources {
        out.push_str(if *is_url {
            "            (url: "
        } else {
            "            (citation: "
        });
        quoted(out, text);
        out.push_str("),\n");
    }
    out.push_str("        ],\n");
    let related: Vec<&str> = r
        .related
        .iter()
        .filter_map(|&i| ids.get(i).map(String::as_str))
        .collect();
    list(out, "related", &related);
    out.push_str("    ),\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_archive() {
        let make = |seed| {
            let mut out = Vec::new();
            generate(30, seed, &mut out).unwrap();
            out
        };
        assert_eq!(make(7), make(7));
        assert_ne!(make(7), make(8));
    }

    #[test]
    fn lines_match_records() {
        let mut out = Vec::new();
        generate_lines(5, 1, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 5);
    }
}
