//! Parsing query text into AND-ed groups of OR-ed terms, with errors that say where.

mod span;

pub(crate) use span::day_number;
use span::{is_range, parse_date, parse_range};

use crate::model::{Kind, Status, Tag};
use crate::text::fold;

/// A parsed query: every group must match, and a group matches when one of its terms does.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub(crate) groups: Vec<Vec<Term>>,
}

/// A query that could not be parsed, with the character column where the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// What is wrong, in a few words.
    pub message: String,
    /// 0-based character column in the query text.
    pub column: usize,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (column {})", self.message, self.column + 1)
    }
}

impl std::error::Error for QueryError {}

/// One term of a query, possibly negated.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Term {
    /// `!term`: the record must not match.
    pub negated: bool,
    /// What the term looks for.
    pub matcher: Matcher,
}

/// What a term looks for. Strings are folded with [`crate::text::fold`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Matcher {
    /// Plain term: fuzzy in short fields, word prefix in long text.
    Fuzzy(String),
    /// `'term`: substring anywhere.
    Exact(String),
    /// `^term`: a short field value starts with it.
    Prefix(String),
    /// `term$`: a short field value ends with it.
    Suffix(String),
    /// `^term$`: a short field value is exactly it.
    Whole(String),
    /// `kind:`: bit `i` set for `Kind::ALL[i]`.
    Kind(u64),
    /// `tag:`: bit `i` set for `Tag::ALL[i]`.
    Tag(u64),
    /// `status:`: bit `i` set for `Status::ALL[i]`.
    Status(u8),
    /// `place:`: substring of a place.
    Place(String),
    /// `actor:`: substring of an organiser or participant.
    Actor(String),
    /// `id:`: substring of the id.
    Id(String),
    /// `year:` or `from..to`: the event's days overlap these days (from CE, inclusive).
    Span(i32, i32),
}

fn error(message: impl Into<String>, column: usize) -> QueryError {
    QueryError {
        message: message.into(),
        column,
    }
}

/// Splits query text at unescaped whitespace; `\ ` is a literal space. Columns are chars.
fn tokens(input: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(String, usize)> = None;
    let mut chars = input.chars().enumerate().peekable();
    while let Some((col, c)) = chars.next() {
        if c.is_whitespace() {
            out.extend(current.take());
            continue;
        }
        let c = match c {
            '\\' => chars.next_if(|(_, n)| *n == ' ').map_or('\\', |_| ' '),
            c => c,
        };
        current
            .get_or_insert_with(|| (String::new(), col))
            .0
            .push(c);
    }
    out.extend(current);
    out
}

impl Query {
    /// Parses query text; see the module documentation for the syntax.
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut pending_bar: Option<usize> = None;
        for (token, col) in tokens(input) {
            if token == "|" {
                if groups.is_empty() || pending_bar.is_some() {
                    return Err(error("`|` needs a term on each side", col));
                }
                pending_bar = Some(col);
                continue;
            }
            if let Some(at) = token.find("||") {
                let at = col + token[..at].chars().count();
                return Err(error("`||` is not an operator: write `a | b`", at));
            }
            let term = parse_term(&token, col)?;
            match (pending_bar.take(), groups.last_mut()) {
                (Some(_), Some(group)) => group.push(term),
                _ => groups.push(vec![term]),
            }
        }
        if let Some(col) = pending_bar {
            return Err(error("`|` needs a term after it", col));
        }
        Ok(Query { groups })
    }

    /// Whether the query matches everything.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// Folds a term and drops control chars, which fields never contain after folding.
fn fold_term(text: &str) -> String {
    fold(text).chars().filter(|c| !c.is_control()).collect()
}

const FIELDS: &[&str] = &["kind", "tag", "status", "place", "actor", "id", "year"];

fn parse_term(token: &str, col: usize) -> Result<Term, QueryError> {
    let (negated, body, col) = match token.strip_prefix('!') {
        Some(rest) => (true, rest, col + 1),
        None => (false, token, col),
    };
    if body.is_empty() {
        return Err(error("`!` needs a term after it", col - 1));
    }
    let field = body
        .split_once(':')
        .map(|(name, value)| (fold(name), value))
        .filter(|(name, _)| FIELDS.contains(&name.as_str()));
    let matcher = if let Some((name, value)) = field {
        let value_col = col + name.chars().count() + 1;
        if value.is_empty() {
            return Err(error(format!("`{name}:` needs a value"), value_col));
        }
        parse_field(&name, value, value_col)?
    } else if is_range(body) {
        parse_range(body, col)?
    } else {
        parse_text(body, col)?
    };
    Ok(Term { negated, matcher })
}

fn parse_text(body: &str, col: usize) -> Result<Matcher, QueryError> {
    let non_empty = |text: &str, what: &str| {
        let folded = fold_term(text);
        if folded.is_empty() {
            Err(error(format!("`{what}` needs text after it"), col))
        } else {
            Ok(folded)
        }
    };
    if let Some(rest) = body.strip_prefix('\'') {
        return non_empty(rest, "'").map(Matcher::Exact);
    }
    let prefix = body.strip_prefix('^');
    let inner = prefix.unwrap_or(body);
    let suffix = inner.strip_suffix('$');
    let inner = suffix.unwrap_or(inner);
    Ok(match (prefix.is_some(), suffix.is_some()) {
        (true, true) => Matcher::Whole(non_empty(inner, "^")?),
        (true, false) => Matcher::Prefix(non_empty(inner, "^")?),
        (false, true) => Matcher::Suffix(
            non_empty(inner, "$").map_err(|_| error("`$` needs text before it", col))?,
        ),
        (false, false) => Matcher::Fuzzy(
            non_empty(inner, "").map_err(|_| error("term has nothing to match", col))?,
        ),
    })
}

/// Bits of the vocabulary names that contain `value`.
fn name_mask<T: Copy>(all: &[T], name: fn(T) -> &'static str, value: &str) -> u64 {
    all.iter()
        .enumerate()
        .filter(|(_, v)| name(**v).contains(value))
        .fold(0, |mask, (i, _)| mask | (1 << i))
}

fn parse_field(name: &str, value: &str, col: usize) -> Result<Matcher, QueryError> {
    let folded = fold_term(value);
    let unknown = |what: &str| error(format!("no {what} matches \"{folded}\""), col);
    Ok(match name {
        "kind" => match name_mask(Kind::ALL, Kind::name, &folded) {
            0 => return Err(unknown("kind")),
            mask => Matcher::Kind(mask),
        },
        "tag" => match name_mask(Tag::ALL, Tag::name, &folded) {
            0 => return Err(unknown("tag")),
            mask => Matcher::Tag(mask),
        },
        "status" => match name_mask(Status::ALL, Status::name, &folded) {
            0 => return Err(unknown("status")),
            mask => Matcher::Status(mask as u8),
        },
        "place" => Matcher::Place(folded),
        "actor" => Matcher::Actor(folded),
        "id" => Matcher::Id(folded),
        _ if is_range(value) => parse_range(value, col)?,
        _ => {
            let (from, to) = parse_date(value, col)?;
            Matcher::Span(from, to)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn terms(q: &str) -> Vec<Vec<(bool, Matcher)>> {
        Query::parse(q)
            .unwrap()
            .groups
            .into_iter()
            .map(|g| g.into_iter().map(|t| (t.negated, t.matcher)).collect())
            .collect()
    }

    fn err(q: &str) -> (String, usize) {
        let e = Query::parse(q).unwrap_err();
        (e.message, e.column)
    }

    fn days(date: &str, last: bool) -> i32 {
        let d: Date = date.parse().unwrap();
        day_number(if last { d.last_day() } else { d.first_day() })
    }

    #[test]
    fn parses_text_forms_folded() {
        use Matcher::*;
        let s = |t: &str| t.to_string();
        assert_eq!(
            terms("Luleå 'Sécu ^tall inn$ ^eu$"),
            vec![
                vec![(false, Fuzzy(s("lulea")))],
                vec![(false, Exact(s("secu")))],
                vec![(false, Prefix(s("tall")))],
                vec![(false, Suffix(s("inn")))],
                vec![(false, Whole(s("eu")))],
            ]
        );
        assert_eq!(
            terms("!fire !^x !y$ new\\ york"),
            vec![
                vec![(true, Fuzzy(s("fire")))],
                vec![(true, Prefix(s("x")))],
                vec![(true, Suffix(s("y")))],
                vec![(false, Fuzzy(s("new york")))],
            ]
        );
        assert!(Query::parse("   ").unwrap().is_empty());
    }

    #[test]
    fn or_binds_tighter_than_and() {
        let q = terms("cyber | digital tallinn");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].len(), 2);
        assert_eq!(q[1], vec![(false, Matcher::Fuzzy("tallinn".into()))]);
        assert_eq!(
            terms("a|b"),
            vec![vec![(false, Matcher::Fuzzy("a|b".into()))]]
        );
    }

    #[test]
    fn parses_field_terms() {
        use Matcher::*;
        let kind_bit = |k: crate::model::Kind| {
            1u64 << crate::model::Kind::ALL
                .iter()
                .position(|x| *x == k)
                .unwrap()
        };
        assert_eq!(
            terms("kind:summit")[0][0].1,
            Kind(kind_bit(crate::model::Kind::Summit))
        );
        assert_eq!(
            terms("KIND:Council")[0][0].1,
            Kind(kind_bit(crate::model::Kind::CouncilConclusions))
        );
        assert!(terms("!kind:summit")[0][0].0);
        assert!(matches!(terms("tag:cyber")[0][0].1, Tag(m) if m.count_ones() == 3));
        assert_eq!(terms("status:plan")[0][0].1, Status(2));
        assert_eq!(terms("place:Luleå")[0][0].1, Place("lulea".into()));
        assert_eq!(terms("actor:EEAS")[0][0].1, Actor("eeas".into()));
        assert_eq!(terms("id:2017-10")[0][0].1, Id("2017-10".into()));
        assert_eq!(terms("foo:bar")[0][0].1, Fuzzy("foo:bar".into()));
        let y2021 = Span(days("2021", false), days("2021", true));
        assert_eq!(terms("year:2021")[0][0].1, y2021);
        assert_eq!(terms("2021..2021")[0][0].1, y2021);
    }

    #[test]
    fn parses_ranges() {
        use Matcher::Span;
        assert_eq!(
            terms("2021-05..2022-06")[0][0].1,
            Span(days("2021-05", false), days("2022-06", true))
        );
        assert_eq!(terms("2021..")[0][0].1, Span(days("2021", false), i32::MAX));
        assert_eq!(terms("..2019")[0][0].1, Span(i32::MIN, days("2019", true)));
        assert_eq!(
            terms("year:2020..2021")[0][0].1,
            Span(days("2020", false), days("2021", true))
        );
        assert_eq!(terms("...")[0][0].1, Matcher::Fuzzy("...".into()));
    }

    #[test]
    fn errors_say_what_and_where() {
        let e = |m: &str, c| (m.to_string(), c);
        assert_eq!(
            err("x year:abc"),
            e("bad date \"abc\": the year must be four digits", 7)
        );
        assert_eq!(err("year:"), e("`year:` needs a value", 5));
        assert_eq!(err("kind:"), e("`kind:` needs a value", 5));
        assert_eq!(
            err("ab 2023..2021"),
            e("the range ends before it starts", 3)
        );
        assert_eq!(err(".."), e("a range needs a start or an end", 0));
        assert_eq!(err("2021..2022..2023"), e("a range has one `..`", 6));
        assert_eq!(
            err("2021..2023-13"),
            e("bad date \"2023-13\": month out of range", 6)
        );
        assert_eq!(err("|"), e("`|` needs a term on each side", 0));
        assert_eq!(err("a |"), e("`|` needs a term after it", 2));
        assert_eq!(err("a | | b"), e("`|` needs a term on each side", 4));
        assert_eq!(err("a !"), e("`!` needs a term after it", 2));
        assert_eq!(err("'"), e("`'` needs text after it", 0));
        assert_eq!(err("!'"), e("`'` needs text after it", 1));
        assert_eq!(err("^"), e("`^` needs text after it", 0));
        assert_eq!(err("$"), e("`$` needs text before it", 0));
        assert_eq!(err("kind:zzz"), e("no kind matches \"zzz\"", 5));
        assert_eq!(err("é tag:nope"), e("no tag matches \"nope\"", 6));
        assert_eq!(err("\u{301}"), e("term has nothing to match", 0));
    }
}
