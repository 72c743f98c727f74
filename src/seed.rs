//! The five seed documents, compiled in, how each is cited, and the check that a quote is
//! verbatim from one.

mod citation;

pub use citation::{CITATIONS, Citation, citation, long_date, month_name};

/// Every seed as (file name, text), byte for byte as in `seeds/`.
pub const SEEDS: &[(&str, &str)] = &[
    (
        "000_ae5d78150550955e.txt",
        include_str!("../seeds/000_ae5d78150550955e.txt"),
    ),
    (
        "001_8ee4aa9ee3d20ae5.txt",
        include_str!("../seeds/001_8ee4aa9ee3d20ae5.txt"),
    ),
    (
        "002_f7cb95e801fdadb2.txt",
        include_str!("../seeds/002_f7cb95e801fdadb2.txt"),
    ),
    (
        "003_55141309f08b77bc.txt",
        include_str!("../seeds/003_55141309f08b77bc.txt"),
    ),
    (
        "004_31dbb5402f264f54.txt",
        include_str!("../seeds/004_31dbb5402f264f54.txt"),
    ),
];

/// The text of the seed with this file name.
pub fn text(name: &str) -> Option<&'static str> {
    SEEDS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Normalises text for quote matching: drops `**` emphasis and folds every run of white
/// space into one space. Nothing else changes: case, accents and apostrophes must match.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.replace("**", "").chars() {
        if c.is_whitespace() {
            in_space = true;
        } else {
            if in_space && !out.is_empty() {
                out.push(' ');
            }
            in_space = false;
            out.push(c);
        }
    }
    out
}

/// Whether `quote` is a verbatim passage of `seed_text` under the folding rules of
/// [`normalise`]. An empty quote is never found.
pub fn contains_quote(seed_text: &str, quote: &str) -> bool {
    let quote = normalise(quote);
    !quote.is_empty() && normalise(seed_text).contains(&quote)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_white_space_and_emphasis_only() {
        let seed = "la **Banque européenne**\n\n d'investissement";
        assert!(contains_quote(
            seed,
            "la Banque européenne d'investissement"
        ));
        assert!(contains_quote(seed, "**Banque  européenne**"));
        assert!(!contains_quote(seed, "la banque européenne"));
        assert!(!contains_quote(seed, "Banque europeenne"));
        assert!(!contains_quote(
            seed,
            "la Banque européenne d’investissement"
        ));
        assert!(!contains_quote(seed, "   "));
    }

    #[test]
    fn bundled_seeds_match_the_files() {
        for (name, text) in SEEDS {
            let path = format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
            assert_eq!(std::fs::read_to_string(path).ok().as_deref(), Some(*text));
        }
    }
}
