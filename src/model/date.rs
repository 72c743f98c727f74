//! Dates with a precision: `2015`, `2022-07` or `2022-07-18`.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// Only the year, e.g. `2015`.
    Year,
    /// Year and month, e.g. `2022-07`.
    Month,
    /// A single day, e.g. `2022-07-18`.
    Day,
}

/// A calendar date known to the year, the month or the day.
///
/// Dates order by year, then month, then day, a missing part sorting first, so that `2022`
/// comes before `2022-01` and `2022-01` before `2022-01-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    year: i32,
    /// 1-12, or 0 when unknown.
    month: u8,
    /// 1-31, or 0 when unknown.
    day: u8,
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// The text that was given.
    pub input: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bad date {:?}: {} (expected YYYY, YYYY-MM or YYYY-MM-DD)",
            self.input, self.reason
        )
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// A year-precision date. Years run from 1 to 9999.
    pub fn year_only(year: i32) -> Option<Date> {
        (1..=9999).contains(&year).then_some(Date {
            year,
            month: 0,
            day: 0,
        })
    }

    /// A month-precision date.
    pub fn month_only(year: i32, month: u32) -> Option<Date> {
        let date = Date::year_only(year)?;
        (1..=12).contains(&month).then_some(Date {
            month: month as u8,
            ..date
        })
    }

    /// A day-precision date, if it exists in the calendar.
    pub fn ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        Date::year_only(year)?;
        NaiveDate::from_ymd_opt(year, month, day).map(Date::from)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month (1-12), if known.
    pub fn month(self) -> Option<u32> {
        (self.month != 0).then_some(u32::from(self.month))
    }

    /// The day of the month (1-31), if known.
    pub fn day(self) -> Option<u32> {
        (self.day != 0).then_some(u32::from(self.day))
    }

    /// How much of the date is known.
    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// The first calendar day the date covers.
    pub fn first_day(self) -> NaiveDate {
        let month = self.month().unwrap_or(1);
        let day = self.day().unwrap_or(1);
        NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or(NaiveDate::MIN)
    }

    /// The last calendar day the date covers.
    pub fn last_day(self) -> NaiveDate {
        match self.precision() {
            Precision::Day => self.first_day(),
            Precision::Month => {
                let (y, m) = if self.month == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, u32::from(self.month) + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(NaiveDate::MAX)
            }
            Precision::Year => NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Date {
        Date {
            year: d.year(),
            month: d.month() as u8,
            day: d.day() as u8,
        }
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Date) -> Ordering {
        (self.year, self.month, self.day).cmp(&(other.year, other.month, other.day))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Date) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            Precision::Year => write!(f, "{:04}", self.year),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

fn digits(part: &str, len: usize) -> Option<u32> {
    (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
        .then(|| part.parse().ok())
        .flatten()
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let fail = |reason| DateError {
            input: s.to_string(),
            reason,
        };
        let mut parts = s.split('-');
        let year = parts
            .next()
            .and_then(|p| digits(p, 4))
            .ok_or_else(|| fail("the year must be four digits"))?;
        let month = parts
            .next()
            .map(|p| digits(p, 2).ok_or_else(|| fail("the month must be two digits")))
            .transpose()?;
        let day = parts
            .next()
            .map(|p| digits(p, 2).ok_or_else(|| fail("the day must be two digits")))
            .transpose()?;
        if parts.next().is_some() {
            return Err(fail("too many parts"));
        }
        let year = year as i32;
        match (month, day) {
            (None, _) => Date::year_only(year).ok_or_else(|| fail("year out of range 0001-9999")),
            (Some(m), None) => Date::month_only(year, m).ok_or_else(|| fail("month out of range")),
            (Some(m), Some(d)) => {
                if !(1..=12).contains(&m) {
                    return Err(fail("month out of range"));
                }
                Date::ymd(year, m, d).ok_or_else(|| fail("no such day in that month"))
            }
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The label of a span as shown in lists, at the precision of its dates.
///
/// `2017-10-04`; `2015-2020` for years; `2024-06-20..21` within a month; otherwise
/// `start..end`.
pub fn span_label(start: Date, end: Option<Date>) -> String {
    let Some(end) = end.filter(|e| *e != start) else {
        return start.to_string();
    };
    match (start.precision(), end.precision()) {
        (Precision::Year, Precision::Year) => format!("{}-{}", start.year, end.year),
        (Precision::Day, Precision::Day) if start.year == end.year && start.month == end.month => {
            format!("{}..{:02}", start, end.day)
        }
        _ => format!("{start}..{end}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            "2015".parse::<Date>().map(Date::precision),
            Ok(Precision::Year)
        );
        assert_eq!(
            "2022-07".parse::<Date>().map(Date::precision),
            Ok(Precision::Month)
        );
        assert_eq!(
            "2022-07-18".parse::<Date>().map(Date::precision),
            Ok(Precision::Day)
        );
    }

    #[test]
    fn rejects_bad_dates_with_a_reason() {
        for bad in [
            "",
            "22",
            "2022-7",
            "2022-13",
            "2023-02-29",
            "2022-07-18-1",
            "year",
            "0000",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad} should be rejected");
        }
        let err = "2022-02-30".parse::<Date>().err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "bad date \"2022-02-30\": no such day in that month \
                 (expected YYYY, YYYY-MM or YYYY-MM-DD)"
            )
        );
    }

    #[test]
    fn labels_spans_at_their_precision() {
        let d = |s: &str| s.parse::<Date>().ok();
        let label = |a: &str, b: Option<&str>| span_label(d(a).unwrap(), b.and_then(d));
        assert_eq!(label("2017-10-04", None), "2017-10-04");
        assert_eq!(label("2015", Some("2020")), "2015-2020");
        assert_eq!(label("2024-06-20", Some("2024-06-21")), "2024-06-20..21");
        assert_eq!(label("2023-06", Some("2025")), "2023-06..2025");
    }

    fn any_date() -> impl Strategy<Value = Date> {
        prop_oneof![
            (1i32..=9999).prop_filter_map("year", Date::year_only),
            (1i32..=9999, 1u32..=12).prop_filter_map("month", |(y, m)| Date::month_only(y, m)),
            (1i32..=9999, 1u32..=12, 1u32..=31)
                .prop_filter_map("day", |(y, m, d)| Date::ymd(y, m, d)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn display_then_parse_round_trips(date in any_date()) {
            prop_assert_eq!(date.to_string().parse::<Date>(), Ok(date));
        }

        #[test]
        fn order_matches_first_day_then_precision(a in any_date(), b in any_date()) {
            if a.first_day() < b.first_day() {
                prop_assert!(a < b);
            }
            prop_assert!(a.first_day() <= a.last_day());
            if a < b {
                prop_assert!(a.first_day() <= b.first_day());
            }
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,12}") {
            let _ = s.parse::<Date>();
        }
    }
}
