//! Tests of the term matchers, against a brute-force reference.

use super::*;
use proptest::prelude::*;

fn fuzzy(term: &str, hay: &str) -> bool {
    Needle::new(term).in_short(hay)
}

#[test]
fn long_terms_need_compact_alignments_from_a_word_start() {
    assert!(fuzzy("tllinn", "\u{1f}tallinn\u{1f}"));
    assert!(fuzzy("cybsec", "\u{1f}cybersecurity\u{1f}"));
    assert!(fuzzy("cyber", "\u{1f}eu cyber forum\u{1f}"));
    assert!(!fuzzy("cyber", "\u{1f}city by the bay, eleven rooms\u{1f}"));
    assert!(!fuzzy("abcde", "\u{1f}ab\u{1f}cde\u{1f}"));
    assert!(fuzzy("abcde", "a.....abxcxde"));
    assert!(!fuzzy("abcde", "a.....ab.c.de"));
    assert!(!fuzzy("suede", "\u{1f}securite de\u{1f}"));
    assert!(fuzzy("lulea", "\u{1f}lulea\u{1f}"));
    // "Partenariat" holds n-a-t-i-o in order, but no word starts with `n`.
    assert!(!fuzzy("natio", "\u{1f}partenariat oriental\u{1f}"));
    assert!(fuzzy("natio", "\u{1f}united nations\u{1f}"));
}

#[test]
fn short_terms_only_start_words() {
    assert!(fuzzy("tall", "\u{1f}tallinn\u{1f}"));
    assert!(!fuzzy("tlnn", "\u{1f}tallinn\u{1f}"));
    assert!(!fuzzy("nato", "\u{1f}partenariat oriental\u{1f}"));
    assert!(fuzzy("sec", "\u{1f}cyber-security\u{1f}"));
    assert!(!fuzzy("sec", "\u{1f}cybersecurity\u{1f}"));
}

#[test]
fn word_prefix_and_tokens() {
    let n = Needle::new("sec");
    assert!(n.starts_a_word("the security council"));
    assert!(n.starts_a_word("cyber-security"));
    assert!(!n.starts_a_word("cybersecurity"));
    assert!(Needle::new("-sec").starts_a_word("cyber-security"));
    assert!(Needle::new("ete").starts_a_word("l'ete"));
    assert!(Needle::new("un").in_long("the un charter"));
    assert!(!Needle::new("un").in_long("une union"));
    assert!(Needle::new("uni").in_long("une union"));
}

#[test]
fn alignment_gives_the_positions_the_scan_admits() {
    assert_eq!(
        Needle::new("tllinn").alignment("tallinn"),
        Some(vec![0, 2, 3, 4, 5, 6])
    );
    assert_eq!(
        Needle::new("cybsec").alignment("a cybersecurity"),
        Some(vec![2, 3, 4, 7, 8, 9])
    );
    assert_eq!(Needle::new("natio").alignment("partenariat"), None);
    assert_eq!(
        Needle::new("lulea").alignment("in lulea"),
        Some(vec![3, 4, 5, 6, 7])
    );
}

/// Reference: try every alignment that starts at a word start.
fn slow(chars: &[char], hay: &[char]) -> bool {
    fn go(chars: &[char], field: &[char], from: usize, first: bool) -> bool {
        let Some((c, rest)) = chars.split_first() else {
            return true;
        };
        let end = if first {
            field.len()
        } else {
            (from + MAX_GAP as usize + 1).min(field.len())
        };
        (from..end).any(|i| {
            let starts = !first || i == 0 || !is_word(field[i - 1]);
            let gap_in_word = first || field[from..i].iter().all(|c| is_word(*c));
            field[i] == *c && starts && gap_in_word && go(rest, field, i + 1, false)
        })
    }
    // Fields are matched independently.
    hay.split(|c| *c == SEP)
        .any(|field| go(chars, field, 0, true))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn compact_match_agrees_with_brute_force(term in "[abé]{1,6}", hay in "[abcé東 \u{1f}]{0,24}") {
        let chars: Vec<char> = term.chars().collect();
        let hay_chars: Vec<char> = hay.chars().collect();
        let needle = Needle::new(&term);
        prop_assert_eq!(needle.compact_match(&hay).is_some(), slow(&chars, &hay_chars));
        for field in hay.split(SEP) {
            let field_chars: Vec<char> = field.chars().collect();
            let aligned = needle.alignment(field);
            prop_assert_eq!(aligned.is_some(), slow(&chars, &field_chars));
            if let Some(at) = aligned {
                // The positions spell the term, from a word start, with small gaps.
                let spelled: String = at.iter().filter_map(|&b| field[b..].chars().next()).collect();
                prop_assert_eq!(&spelled, &term);
                prop_assert!(word_starts_at(field, at[0]));
            }
        }
    }

    #[test]
    fn adding_letters_never_widens(term in "[abc]{5,6}", extra in "[abc]", hay in "[abc \u{1f}]{0,24}") {
        let longer = format!("{term}{extra}");
        if fuzzy(&longer, &hay) {
            prop_assert!(fuzzy(&term, &hay));
        }
    }
}
