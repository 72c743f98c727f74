//! Whether a query narrows another, so that only the previous results need filtering.

use super::fuzzy::{SHORT_TERM, TOKEN_TERM};
use super::query::{Matcher, Query, Term};

impl Query {
    /// Whether every record matching `self` also matches `previous`, so that filtering only
    /// the previous results gives the same answer. Conservative: `false` when unsure.
    ///
    /// Typing more letters at the end of a positive term refines; typing after `!` does not.
    pub fn refines(&self, previous: &Query) -> bool {
        self.groups.len() >= previous.groups.len()
            && self.groups.iter().zip(&previous.groups).all(|(new, old)| {
                new.iter()
                    .all(|a| old.iter().any(|b| a == b || term_refines(a, b)))
            })
    }
}

/// Whether records matching `a` all match `b`, judged on their shape alone.
fn term_refines(a: &Term, b: &Term) -> bool {
    use Matcher::*;
    if a.negated || b.negated {
        return a.negated
            && b.negated
            && match (&a.matcher, &b.matcher) {
                (Kind(x), Kind(y)) | (Tag(x), Tag(y)) => x & y == *y,
                _ => false,
            };
    }
    match (&a.matcher, &b.matcher) {
        // Plain terms follow one rule from 3 to 4 chars and another from 5 (see `fuzzy.rs`);
        // within each, adding letters at the end only narrows. Up to 2 chars, long text is
        // matched by whole words, which does not narrow ("un" is not in "uni").
        (Fuzzy(x), Fuzzy(y)) => x.starts_with(y.as_str()) && same_rule(x, y),
        (Prefix(x), Prefix(y)) => x.starts_with(y.as_str()),
        (Suffix(x), Suffix(y)) => x.ends_with(y.as_str()),
        (Whole(x), Whole(y)) => x == y,
        (Whole(x), Prefix(y)) => x.starts_with(y.as_str()),
        (Whole(x), Suffix(y)) => x.ends_with(y.as_str()),
        // A short field value starting with `y` matches the plain term `y`.
        (Prefix(x) | Whole(x), Fuzzy(y)) => x.starts_with(y.as_str()),
        (Exact(x), Exact(y)) | (Place(x), Place(y)) | (Actor(x), Actor(y)) | (Id(x), Id(y)) => {
            x.contains(y.as_str())
        }
        (Kind(x), Kind(y)) | (Tag(x), Tag(y)) => x & !y == 0,
        (Status(x), Status(y)) => x & !y == 0,
        (Span(f1, t1), Span(f2, t2)) => f1 >= f2 && t1 <= t2,
        _ => false,
    }
}

/// Whether a plain term `x` that extends `y` is matched by the same rule, one that narrows.
fn same_rule(x: &str, y: &str) -> bool {
    let (x, y) = (x.chars().count(), y.chars().count());
    y > SHORT_TERM || (y > TOKEN_TERM && x <= SHORT_TERM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_more_letters_refines() {
        let refines = |new: &str, old: &str| {
            Query::parse(new)
                .unwrap()
                .refines(&Query::parse(old).unwrap())
        };
        assert!(refines("cyb", "cyb"));
        assert!(refines("cybe", "cyb"));
        assert!(refines("cybers", "cyber"));
        assert!(!refines("cyb", "cy"));
        assert!(!refines("cyber", "cybe"));
        assert!(refines("cy tal", "cy"));
        assert!(refines("cy", ""));
        assert!(refines("^tall", "^ta"));
        assert!(refines("^tall", "tal"));
        // "install" ends with "tall" but no word of it starts so.
        assert!(!refines("tall$", "tall"));
        assert!(refines("'secu", "'sec"));
        assert!(refines("kind:summit", "kind:s"));
        assert!(refines("2021..2022", "2021.."));
        assert!(!refines("!cyb", "!cy"));
        assert!(!refines("a | b", "a"));
        assert!(!refines("cy", "cyb"));
        assert!(!refines("kind:s", "kind"));
    }
}
