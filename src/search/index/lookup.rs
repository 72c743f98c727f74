//! What the explorer reads of an event without decoding it: its id, its start date and
//! last day, and the event an id names (through a lookup built once, from the index).

use chrono::NaiveDate;
use xxhash_rust::xxh3::xxh3_64;

use super::super::fuzzy::SEP;
use super::Index;
use crate::model::{Date, Precision};

/// Event numbers sorted by the hash of their id, for finding an event by id without a map
/// of a million strings (16 bytes per event, built in tens of milliseconds at 1M).
#[derive(Debug, Default)]
pub(super) struct IdLookup {
    by_hash: Vec<(u64, u32)>,
}

/// The code kept in the index for a date's precision.
pub(super) fn precision_code(date: Date) -> u8 {
    match date.precision() {
        Precision::Year => 0,
        Precision::Month => 1,
        Precision::Day => 2,
    }
}

fn from_day_number(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day)
}

/// The start date whose first day is `first` (a day number), at `precision`; `None` when
/// they do not make a date (a damaged or forged index).
pub(super) fn start_from(first: i32, precision: u8) -> Option<Date> {
    let day = from_day_number(first)?;
    let year = chrono::Datelike::year(&day);
    let start = match precision {
        0 => Date::year_only(year)?,
        1 => Date::month_only(year, chrono::Datelike::month(&day))?,
        2 => Date::from(day),
        _ => return None,
    };
    (start.first_day() == day).then_some(start)
}

impl Index {
    /// Reads (and so checks, when it was deferred) the short text: whether it is sound.
    pub fn short_text_is_sound(&self) -> bool {
        let text: &str = &self.short;
        let _ = text.len();
        !self.short.failed()
    }

    /// Event `i`'s id, as the index holds it (ids are slugs, which folding keeps as they are).
    pub fn id_of(&self, i: usize) -> Option<&str> {
        if i >= self.len() {
            return None;
        }
        let short = self.short_of(i);
        short.strip_prefix(SEP)?.split(SEP).next()
    }

    /// Event `i`'s start date, at its precision.
    pub fn start(&self, i: usize) -> Option<Date> {
        Some(self.entries.get(i)?.start)
    }

    /// The years of the earliest and the latest start.
    pub fn start_years(&self) -> Option<(i32, i32)> {
        let first = self.entries.iter().map(|e| e.start.year()).min()?;
        let last = self.entries.iter().map(|e| e.start.year()).max()?;
        Some((first, last))
    }

    /// Whether event `i`'s start may still lie after `today` (a day number): its start's
    /// last day is later, so "2026" is not past on 1 March 2026.
    pub fn starts_after(&self, i: usize, today: i32) -> bool {
        self.entries.get(i).is_some_and(|e| e.start_last > today)
    }

    /// The last day event `i` covers (its end's, or its start's when it has no end).
    pub fn last_day(&self, i: usize) -> Option<NaiveDate> {
        from_day_number(self.entries.get(i)?.last)
    }

    /// The event whose id is `id`, if there is one.
    pub fn find_id(&self, id: &str) -> Option<u32> {
        let lookup = self.id_lookup.get_or_init(|| self.build_id_lookup());
        let hash = xxh3_64(id.as_bytes());
        let from = lookup.by_hash.partition_point(|&(h, _)| h < hash);
        lookup.by_hash[from..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .map(|&(_, i)| i)
            .find(|&i| self.id_of(i as usize) == Some(id))
    }

    /// Builds the id lookup now, so that the first jump or mark does not wait for it.
    pub fn prepare_ids(&self) {
        let _ = self.id_lookup.get_or_init(|| self.build_id_lookup());
    }

    fn build_id_lookup(&self) -> IdLookup {
        let mut by_hash: Vec<(u64, u32)> = (0..self.len())
            .map(|i| (xxh3_64(self.id_of(i).unwrap_or("").as_bytes()), i as u32))
            .collect();
        by_hash.sort_unstable();
        IdLookup { by_hash }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::load;
    use crate::search::Index;

    #[test]
    fn ids_dates_and_lookups_agree_with_the_events() {
        let events = load::bundled().events;
        let index = Index::new(&events);
        for (i, event) in events.iter().enumerate() {
            assert_eq!(index.id_of(i), Some(event.id.as_str()));
            assert_eq!(index.start(i), Some(event.start), "{}", event.id);
            assert_eq!(index.last_day(i), Some(event.last().last_day()));
            assert_eq!(index.find_id(&event.id), Some(i as u32));
            for today in [event.start.first_day(), event.start.last_day()] {
                let number = chrono::Datelike::num_days_from_ce(&today);
                let after = event.start.last_day() > today;
                assert_eq!(index.starts_after(i, number), after, "{}", event.id);
            }
        }
        assert_eq!(index.find_id("no-such-event"), None);
        assert_eq!(index.id_of(events.len()), None);
    }
}
