//! Query terms answered before the matcher, shared by the explorer and the command line:
//! `@name` (a saved view, pasted in its place), `marked` (the marked events) and `new:`
//! (the events new or changed since the last explorer run); `!marked` and `!new:` leave
//! them out.
//!
//! `kind:CC` takes the list's two-letter kind codes: a two-letter value that is a code
//! (any case) becomes that kind's name.
//!
//! `marked` and `new:` name sets of ids, so they are taken out of the query text and
//! applied to the matcher's results; they stand alone (AND), never beside a `|`. To find
//! the word "marked" itself, write `'marked`.

use std::collections::BTreeSet;

use crate::search::QueryError;

/// How deep views may refer to other views.
const MAX_DEPTH: usize = 8;

/// Whether a term keeps or leaves out the events of its set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Only events in the set.
    Only,
    /// Events not in the set.
    Without,
}

/// A query with its id-set terms taken out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scoped {
    /// The rest of the query, for the matcher; removed terms are blanked, so columns of
    /// the matcher's errors still point into the text the user wrote.
    pub query: String,
    /// The `marked` / `!marked` term, if any.
    pub marked: Option<Keep>,
    /// The `new:` / `!new:` term, if any.
    pub new: Option<Keep>,
}

impl Scoped {
    /// Whether the event `id` passes the id-set terms, given the marked ids and the new
    /// ones (each only looked at when its term is present).
    pub fn keeps(&self, id: &str, marks: &BTreeSet<String>, news: &BTreeSet<String>) -> bool {
        let passes = |keep: Option<Keep>, set: &BTreeSet<String>| match keep {
            None => true,
            Some(Keep::Only) => set.contains(id),
            Some(Keep::Without) => !set.contains(id),
        };
        passes(self.marked, marks) && passes(self.new, news)
    }

    /// Whether there is no id-set term, so the matcher's results are the answer.
    pub fn is_plain(&self) -> bool {
        self.marked.is_none() && self.new.is_none()
    }
}

/// Byte ranges of the words of `query`: runs of non-blanks, where `\ ` keeps a space.
fn words(query: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut escaped = false;
    for (at, c) in query.char_indices() {
        if c.is_whitespace() && !escaped {
            if let Some(s) = start.take() {
                out.push((s, at));
            }
        } else if start.is_none() {
            start = Some(at);
        }
        escaped = c == '\\' && !escaped;
    }
    if let Some(s) = start {
        out.push((s, query.len()));
    }
    out
}

fn column(query: &str, byte: usize) -> usize {
    query[..byte].chars().count()
}

fn error(message: String, column: usize) -> QueryError {
    QueryError { message, column }
}

/// Whether `query` uses a saved view (`@name`), so the views file is worth reading.
pub fn uses_views(query: &str) -> bool {
    words(query)
        .iter()
        .any(|&(s, e)| query[s..e].starts_with('@'))
}

/// `query` with each `@name` replaced by the query saved under that name (`view` looks
/// it up), recursively; an unknown view, or one that refers to itself, is an error at
/// the column of its `@`.
pub fn expand_views(
    query: &str,
    view: &dyn Fn(&str) -> Option<String>,
) -> Result<String, QueryError> {
    expand(query, view, &mut Vec::new())
        .map_err(|(message, byte)| error(message, byte.map_or(0, |b| column(query, b))))
}

/// The expansion, with errors at a byte of `query` (`None` inside a nested view).
fn expand(
    query: &str,
    view: &dyn Fn(&str) -> Option<String>,
    stack: &mut Vec<String>,
) -> Result<String, (String, Option<usize>)> {
    let mut out = String::with_capacity(query.len());
    let mut copied = 0;
    for (start, end) in words(query) {
        let Some(name) = query[start..end].strip_prefix('@') else {
            continue;
        };
        let shown = crate::text::escape_for_message(name);
        if stack.iter().any(|n| n == name) || stack.len() >= MAX_DEPTH {
            return Err((format!("view `@{shown}` refers to itself"), Some(start)));
        }
        let Some(text) = view(name) else {
            return Err((format!("no saved view `@{shown}`"), Some(start)));
        };
        stack.push(name.to_string());
        let inner = expand(&text, view, stack).map_err(|(m, _)| (m, Some(start)))?;
        stack.pop();
        out.push_str(&query[copied..start]);
        out.push_str(&inner);
        copied = end;
    }
    out.push_str(&query[copied..]);
    Ok(out)
}

/// Takes `marked`, `!marked`, `new:` and `!new:` out of `query`.
///
/// Errors: one of them beside a `|` (an id set cannot be one side of an OR), given
/// twice, or `new:` with a value.
pub fn split(query: &str) -> Result<Scoped, QueryError> {
    let spans = words(query);
    let mut scoped = Scoped {
        query: query.to_string(),
        ..Scoped::default()
    };
    for (i, &(start, end)) in spans.iter().enumerate() {
        let word = &query[start..end];
        let (negated, bare) = match word.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, word),
        };
        let lower = bare.to_ascii_lowercase();
        let slot = match lower.as_str() {
            "marked" => &mut scoped.marked,
            "new:" => &mut scoped.new,
            _ if lower.starts_with("new:") => {
                let message = "`new:` takes no value; it lists new and changed events";
                return Err(error(message.into(), column(query, start)));
            }
            _ => continue,
        };
        let beside_or = |j: Option<usize>| {
            j.and_then(|j| spans.get(j))
                .is_some_and(|&(s, e)| &query[s..e] == "|")
        };
        if beside_or(i.checked_sub(1)) || beside_or(Some(i + 1)) {
            let message = format!("`{lower}` cannot be one side of `|`");
            return Err(error(message, column(query, start)));
        }
        if slot.is_some() {
            return Err(error(
                format!("`{lower}` given twice"),
                column(query, start),
            ));
        }
        *slot = Some(if negated { Keep::Without } else { Keep::Only });
        scoped
            .query
            .replace_range(start..end, &" ".repeat(end - start));
    }
    scoped.query = expand_kind_codes(&scoped.query);
    Ok(scoped)
}

/// `query` with `kind:XX` (also `!kind:XX`) written out when `XX` is a kind's two-letter
/// code, as the list shows them: `kind:CC` is `kind:council_conclusions`.
pub fn expand_kind_codes(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    let mut copied = 0;
    for (start, end) in words(query) {
        let word = &query[start..end];
        let bare = word.strip_prefix('!').unwrap_or(word);
        let is_kind = bare
            .get(..5)
            .is_some_and(|k| k.eq_ignore_ascii_case("kind:"));
        let value = if is_kind { &bare[5..] } else { continue };
        let code = |k: crate::model::Kind| crate::present::words::kind_code(k);
        let kind = crate::model::Kind::ALL
            .iter()
            .find(|&&k| value.len() == 2 && code(k).eq_ignore_ascii_case(value));
        if let Some(kind) = kind {
            out.push_str(&query[copied..end - value.len()]);
            out.push_str(kind.name());
            copied = end;
        }
    }
    out.push_str(&query[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn views(name: &str) -> Option<String> {
        match name {
            "eap" => Some("tag:eastern_partnership".into()),
            "both" => Some("@eap 2017".into()),
            "loop" => Some("x @loop".into()),
            _ => None,
        }
    }

    #[test]
    fn views_are_pasted_in_place_recursively() {
        assert_eq!(
            expand_views("@eap tallinn", &views).unwrap(),
            "tag:eastern_partnership tallinn"
        );
        assert_eq!(
            expand_views("a @both", &views).unwrap(),
            "a tag:eastern_partnership 2017"
        );
        assert_eq!(expand_views("mail@x.eu", &views).unwrap(), "mail@x.eu");
        assert!(uses_views("x @eap") && !uses_views("mail@x.eu"));
    }

    #[test]
    fn unknown_and_looping_views_are_errors_at_their_column() {
        let e = expand_views("tallinn @nope", &views).unwrap_err();
        assert_eq!((e.message.as_str(), e.column), ("no saved view `@nope`", 8));
        let e = expand_views("é @loop", &views).unwrap_err();
        assert_eq!(e.message, "view `@loop` refers to itself");
        assert_eq!(e.column, 2);
    }

    #[test]
    fn id_set_terms_are_taken_out_keeping_columns() {
        let s = split("tallinn marked !new: 2017").unwrap();
        assert_eq!(s.query, "tallinn              2017");
        assert_eq!((s.marked, s.new), (Some(Keep::Only), Some(Keep::Without)));
        let marks = BTreeSet::from(["a".to_string()]);
        let news = BTreeSet::from(["b".to_string()]);
        assert!(s.keeps("a", &marks, &news));
        assert!(!s.keeps("b", &marks, &news));
        assert!(!s.keeps("c", &marks, &news));
        assert!(split("tallinn 'marked").unwrap().is_plain());
    }

    #[test]
    fn two_letter_kind_codes_are_written_out() {
        assert_eq!(
            split("kind:CC !kind:sm kind:summit kind:zz tallinn")
                .unwrap()
                .query,
            "kind:council_conclusions !kind:summit kind:summit kind:zz tallinn"
        );
        assert_eq!(expand_kind_codes("KIND:of x"), "KIND:office_opening x");
    }

    #[test]
    fn id_set_terms_beside_or_or_twice_are_errors() {
        let e = split("a | marked").unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.column),
            ("`marked` cannot be one side of `|`", 4)
        );
        assert_eq!(split("new: | x").unwrap_err().column, 0);
        assert_eq!(
            split("marked !marked").unwrap_err().message,
            "`marked` given twice"
        );
        assert!(
            split("new:x")
                .unwrap_err()
                .message
                .contains("takes no value")
        );
        // An escaped space keeps a word whole.
        assert!(split(r"'is\ marked").unwrap().is_plain());
    }
}
