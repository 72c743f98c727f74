//! Text folding for matching and sanitising of untrusted text.

/// Lower-cases and strips accents so that `Luleå` matches `lulea` and `sécurité` `securite`.
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}
