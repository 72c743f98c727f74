//! Days in queries: `year:2021`, `2021-05..2023` and the day numbers events are compared by.

use super::{Matcher, QueryError, error};
use crate::model::Date;

/// Days from the common era of a date's first or last day.
pub(crate) fn day_number(day: chrono::NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&day)
}

/// Whether a term is written as a date range: digits and dashes around `..`, or `..` alone.
pub(super) fn is_range(text: &str) -> bool {
    text.contains("..")
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '.')
        && (text == ".." || text.chars().any(|c| c.is_ascii_digit()))
}

/// First and last day numbers of a date written as `2021`, `2021-05` or `2021-05-03`.
pub(super) fn parse_date(text: &str, col: usize) -> Result<(i32, i32), QueryError> {
    let date: Date = text.parse().map_err(|e: crate::model::DateError| {
        error(format!("bad date \"{text}\": {}", e.reason), col)
    })?;
    Ok((day_number(date.first_day()), day_number(date.last_day())))
}

/// A `from..to` span of days; either end may be left open.
pub(super) fn parse_range(text: &str, col: usize) -> Result<Matcher, QueryError> {
    let Some((from, to)) = text.split_once("..") else {
        return Err(error("expected a range like 2021..2023", col));
    };
    let to_col = col + from.chars().count() + 2;
    if to.contains("..") {
        return Err(error("a range has one `..`", to_col));
    }
    if from.is_empty() && to.is_empty() {
        return Err(error("a range needs a start or an end", col));
    }
    let first = match from {
        "" => i32::MIN,
        from => parse_date(from, col)?.0,
    };
    let last = match to {
        "" => i32::MAX,
        to => parse_date(to, to_col)?.1,
    };
    if first > last {
        return Err(error("the range ends before it starts", col));
    }
    Ok(Matcher::Span(first, last))
}
