//! Timeline rows: year and month headers, the today divider and the events under them.

use chrono::NaiveDate;

use crate::search::Index;

/// A year with more events than this also gets month headers.
pub const DENSE_YEAR: usize = 8;

/// One line of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Header of a year, with how many shown events start in it.
    Year {
        /// The year.
        year: i32,
        /// Shown events starting that year.
        count: usize,
    },
    /// Header of a month in a dense year.
    Month {
        /// The year.
        year: i32,
        /// The month, 1-12.
        month: u32,
    },
    /// The divider between past and future events.
    Today(NaiveDate),
    /// An event.
    Event {
        /// Position in the shown list.
        position: usize,
        /// Index of the event.
        event: u32,
    },
}

/// The rows of the timeline for the shown events, and where each event sits in them.
///
/// Built on the matcher's thread for each result (a million rows take tens of
/// milliseconds, which the run loop must not spend while keys wait).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    /// Every row, top to bottom.
    pub rows: Vec<Row>,
    /// Row index of each shown event, by its position in the shown list.
    pub event_rows: Vec<usize>,
    /// Shown events per year, over every year of the catalogue, for the density sparkline.
    pub years: Vec<(i32, u64)>,
    /// Whether it has headers and the today divider.
    pub grouped: bool,
    /// The day of the today divider.
    pub today: NaiveDate,
}

impl Timeline {
    /// Builds the rows; `grouped` adds headers and the today divider (date order only).
    /// Dates come from the search index, so no event is decoded for it.
    pub fn build(index: &Index, shown: &[u32], today: NaiveDate, grouped: bool) -> Timeline {
        let mut timeline = Timeline {
            years: year_counts(index, shown),
            grouped,
            today,
            ..Timeline::default()
        };
        timeline.rows.reserve(shown.len() + shown.len() / 8);
        timeline.event_rows.reserve(shown.len());
        let start_of = |i: u32| index.start(i as usize);
        let today_number = chrono::Datelike::num_days_from_ce(&today);
        let mut year = None;
        let mut month = None;
        let mut dense = false;
        let mut today_done = !grouped;
        for (position, &event) in shown.iter().enumerate() {
            let Some(start) = start_of(event) else {
                continue;
            };
            if grouped {
                let y = start.year();
                // An event known only to the year or month sits below the line while it
                // may still lie ahead: "2026" is not past on 1 March 2026. A span that has
                // begun stays above it, with what has happened.
                if !today_done && index.starts_after(event as usize, today_number) {
                    timeline.rows.push(Row::Today(today));
                    today_done = true;
                }
                if year != Some(y) {
                    // Grouped rows are in date order: the year's events are all below.
                    let first_year = timeline.years.first().map_or(y, |&(f, _)| f);
                    let count = usize::try_from(y - first_year)
                        .ok()
                        .and_then(|at| timeline.years.get(at))
                        .map_or(0, |&(_, n)| n as usize);
                    timeline.rows.push(Row::Year { year: y, count });
                    year = Some(y);
                    month = None;
                    dense = count > DENSE_YEAR;
                }
                if dense
                    && let Some(m) = start.month()
                    && month != Some(m)
                {
                    timeline.rows.push(Row::Month { year: y, month: m });
                    month = Some(m);
                }
            }
            timeline.event_rows.push(timeline.rows.len());
            timeline.rows.push(Row::Event { position, event });
        }
        if !today_done && !timeline.event_rows.is_empty() {
            timeline.rows.push(Row::Today(today));
        }
        timeline
    }

    /// Whether these are the rows of `shown` (in this order) as `build` would give them:
    /// results of a query are the list it was built for, or that list with some events left
    /// out (marks, `new:`), which changes its length.
    pub fn fits(&self, shown: &[u32], today: NaiveDate, grouped: bool) -> bool {
        self.grouped == grouped && self.today == today && self.event_rows.len() == shown.len()
    }

    /// Position of the event at or nearest to `row` (looking down first when `down`).
    pub fn position_near(&self, row: usize, down: bool) -> usize {
        let row = row.min(self.rows.len().saturating_sub(1));
        let after = self.event_rows.partition_point(|&r| r < row);
        if down {
            after.min(self.event_rows.len().saturating_sub(1))
        } else if self.event_rows.get(after) == Some(&row) {
            after
        } else {
            after.saturating_sub(1)
        }
    }
}

/// Shown events per start year, from the catalogue's first year to its last.
fn year_counts(index: &Index, shown: &[u32]) -> Vec<(i32, u64)> {
    let Some((first, last)) = index.start_years() else {
        return Vec::new();
    };
    let mut counts: Vec<(i32, u64)> = (first..=last).map(|y| (y, 0)).collect();
    for &i in shown {
        if let Some(start) = index.start(i as usize)
            && let Some(slot) = counts.get_mut((start.year() - first) as usize)
        {
            slot.1 += 1;
        }
    }
    counts
}
