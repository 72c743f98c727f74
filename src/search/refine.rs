//! Whether a query narrows another, so that only the previous results need filtering.

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
        // Fuzzy matching is monotone when letters are added at the end: see `fuzzy.rs`.
        (Fuzzy(x), Fuzzy(y)) | (Prefix(x), Prefix(y)) => x.starts_with(y.as_str()),
        (Suffix(x), Suffix(y)) => x.ends_with(y.as_str()),
        (Whole(x), Whole(y)) => x == y,
        (Whole(x), Prefix(y)) => x.starts_with(y.as_str()),
        (Whole(x), Suffix(y)) => x.ends_with(y.as_str()),
        // A short field containing `y` matches the fuzzy term `y` with no gaps.
        (Prefix(x) | Suffix(x) | Whole(x), Fuzzy(y)) => x.contains(y.as_str()),
        (Exact(x), Exact(y)) | (Place(x), Place(y)) | (Actor(x), Actor(y)) | (Id(x), Id(y)) => {
            x.contains(y.as_str())
        }
        (Kind(x), Kind(y)) | (Tag(x), Tag(y)) => x & !y == 0,
        (Status(x), Status(y)) => x & !y == 0,
        (Span(f1, t1), Span(f2, t2)) => f1 >= f2 && t1 <= t2,
        _ => false,
    }
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
        assert!(refines("cyb", "cy"));
        assert!(refines("cy tal", "cy"));
        assert!(refines("cy", ""));
        assert!(refines("^tall", "^ta"));
        assert!(refines("tall$", "tall"));
        assert!(refines("'secu", "'sec"));
        assert!(refines("kind:summit", "kind:s"));
        assert!(refines("2021..2022", "2021.."));
        assert!(!refines("!cyb", "!cy"));
        assert!(!refines("a | b", "a"));
        assert!(!refines("cy", "cyb"));
        assert!(!refines("kind:s", "kind"));
    }
}
