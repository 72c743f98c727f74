//! Timeline rows: year and month headers, the today divider and the events under them.

use chrono::NaiveDate;

use crate::model::Event;

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
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// Every row, top to bottom.
    pub rows: Vec<Row>,
    /// Row index of each shown event, by its position in the shown list.
    pub event_rows: Vec<usize>,
    /// Shown events per year, over every year of the catalogue, for the density sparkline.
    pub years: Vec<(i32, u64)>,
}

impl Timeline {
    /// Builds the rows; `grouped` adds headers and the today divider (date order only).
    pub fn build(events: &[Event], shown: &[u32], today: NaiveDate, grouped: bool) -> Timeline {
        let mut timeline = Timeline {
            years: year_counts(events, shown),
            ..Timeline::default()
        };
        let event_at = |i: u32| events.get(i as usize);
        let mut year = None;
        let mut month = None;
        let mut dense = false;
        let mut today_done = !grouped;
        for (position, &index) in shown.iter().enumerate() {
            let Some(event) = event_at(index) else {
                continue;
            };
            if grouped {
                let y = event.start.year();
                // An event known only to the year or month sits below the line while it
                // may still lie ahead: "2026" is not past on 1 March 2026. A span that has
                // begun stays above it, with what has happened.
                if !today_done && event.start.last_day() > today {
                    timeline.rows.push(Row::Today(today));
                    today_done = true;
                }
                if year != Some(y) {
                    let count = shown[position..]
                        .iter()
                        .filter_map(|&i| event_at(i))
                        .take_while(|e| e.start.year() == y)
                        .count();
                    timeline.rows.push(Row::Year { year: y, count });
                    year = Some(y);
                    month = None;
                    dense = count > DENSE_YEAR;
                }
                if dense
                    && let Some(m) = event.start.month()
                    && month != Some(m)
                {
                    timeline.rows.push(Row::Month { year: y, month: m });
                    month = Some(m);
                }
            }
            timeline.event_rows.push(timeline.rows.len());
            timeline.rows.push(Row::Event {
                position,
                event: index,
            });
        }
        if !today_done && !timeline.event_rows.is_empty() {
            timeline.rows.push(Row::Today(today));
        }
        timeline
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
fn year_counts(events: &[Event], shown: &[u32]) -> Vec<(i32, u64)> {
    let (Some(first), Some(last)) = (
        events.iter().map(|e| e.start.year()).min(),
        events.iter().map(|e| e.start.year()).max(),
    ) else {
        return Vec::new();
    };
    let mut counts: Vec<(i32, u64)> = (first..=last).map(|y| (y, 0)).collect();
    for &i in shown {
        if let Some(e) = events.get(i as usize)
            && let Some(slot) = counts.get_mut((e.start.year() - first) as usize)
        {
            slot.1 += 1;
        }
    }
    counts
}
