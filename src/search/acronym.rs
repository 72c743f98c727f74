//! Acronyms of runs of capitalised words, so that `ttc` finds "Trade and Technology Council".

use std::ops::Range;

use crate::text::fold_char;

/// Lower-case words that may sit inside a run without breaking it ("Trade *and* Technology").
const LINKS: &[&str] = &[
    "and", "of", "the", "for", "on", "in", "to", "de", "du", "des", "la", "le", "les", "et",
    "pour", "sur", "en", "d", "l",
];

/// The initials of one run of two or more consecutive capitalised words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    /// The folded initials, e.g. `ttc`.
    pub initials: String,
    /// For each byte of `initials`, the byte range of the initial in the original text.
    pub origin: Vec<Range<usize>>,
}

impl Run {
    /// Original byte ranges of the initials that spell `term` wherever it occurs in the run.
    pub fn spelling(&self, term: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        if term.is_empty() {
            return out;
        }
        for (at, _) in self.initials.match_indices(term) {
            for r in &self.origin[at..at + term.len()] {
                if out.last() != Some(r) {
                    out.push(r.clone());
                }
            }
        }
        out
    }
}

/// Whether a separator between two words keeps them in one run: spaces, hyphens, apostrophes.
fn joins(separator: &str) -> bool {
    separator
        .chars()
        .all(|c| matches!(c, ' ' | '-' | '\'' | '\u{2019}'))
}

/// What [`walk`] meets in a text, in order.
enum Step {
    /// The first char of a capitalised word, with its byte range.
    Initial(char, Range<usize>),
    /// Something that ends the current run (a word or separator that does not join).
    Break,
}

/// Walks the words of `text`, telling `step` each initial and each break of a run: the one
/// reading of runs that [`runs`] and [`for_each_initials`] share.
fn walk(text: &str, mut step: impl FnMut(Step)) {
    let mut last_end = 0;
    for (start, word) in crate::search::words::word_spans(text) {
        if !joins(&text[last_end..start]) {
            step(Step::Break);
        }
        last_end = start + word.len();
        let Some(first) = word.chars().next() else {
            continue;
        };
        if first.is_uppercase() {
            step(Step::Initial(first, start..start + first.len_utf8()));
        } else if !LINKS.contains(&word) {
            // A break on an empty run does nothing, so links may also start one.
            step(Step::Break);
        }
    }
    step(Step::Break);
}

/// The runs of `text` whose initials have at least two letters, in order.
///
/// A run is a sequence of capitalised words (first char upper case) separated by spaces,
/// hyphens or apostrophes; lower-case link words such as "and" or "of" may sit inside it.
/// Any other word or punctuation ends it: "EU-US Trade and Technology Council (TTC)" gives
/// `euttc` (and `TTC` is a word of its own).
pub(crate) fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut current = Run {
        initials: String::new(),
        origin: Vec::new(),
    };
    walk(text, |step| match step {
        Step::Initial(first, range) => {
            let before = current.initials.len();
            fold_char(first, &mut current.initials);
            let added = current.initials.len() - before;
            current.origin.extend(std::iter::repeat_n(range, added));
        }
        Step::Break => {
            let run = std::mem::replace(
                &mut current,
                Run {
                    initials: String::new(),
                    origin: Vec::new(),
                },
            );
            if run.initials.chars().count() >= 2 {
                out.push(run);
            }
        }
    });
    out
}

/// Calls `each` with the initials of every run of `text` that [`runs`] gives, in order,
/// without building the runs: for the index, which needs only the initials.
pub(crate) fn for_each_initials(text: &str, mut each: impl FnMut(&str)) {
    let mut initials = String::new();
    walk(text, |step| match step {
        Step::Initial(first, _) => fold_char(first, &mut initials),
        Step::Break => {
            if initials.chars().count() >= 2 {
                each(&initials);
            }
            initials.clear();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn initials(text: &str) -> Vec<String> {
        runs(text).into_iter().map(|r| r.initials).collect()
    }

    #[test]
    fn runs_of_capitalised_words_give_acronyms() {
        assert_eq!(
            initials("Fourth ministerial meeting of the EU-US Trade and Technology Council, Luleå"),
            ["euttc"]
        );
        assert_eq!(
            initials("International Telecommunication Union (ITU)"),
            ["itu"]
        );
        assert_eq!(
            initials("World Summit on the Information Society (WSIS+20)"),
            ["wsis"]
        );
        assert_eq!(initials("Council of the EU"), ["ce"]);
        assert_eq!(initials("EU office opens in San Francisco"), ["sf"]);
        assert_eq!(
            initials("the transatlantic partnership"),
            Vec::<String>::new()
        );
        assert_eq!(initials("Étude Économique"), ["ee"]);
    }

    #[test]
    fn the_index_sees_the_initials_of_every_run() {
        for text in [
            "Fourth ministerial meeting of the EU-US Trade and Technology Council, Luleå",
            "Council of the EU and the Straße Ößen Union, l’Union Européenne pour la Défense",
            "and Of The, x ß Ä, Trade - Tech",
        ] {
            let mut seen = Vec::new();
            for_each_initials(text, |i| seen.push(i.to_string()));
            assert_eq!(seen, initials(text), "{text}");
        }
    }

    #[test]
    fn spelling_points_at_the_initials() {
        let text = "Trade and Technology Council";
        let run = &runs(text)[0];
        assert_eq!(run.spelling("ttc"), [0..1, 10..11, 21..22]);
        assert_eq!(run.spelling("tc"), [10..11, 21..22]);
        assert!(run.spelling("x").is_empty());
    }
}
