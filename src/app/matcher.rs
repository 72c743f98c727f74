//! Match requests: what the model asks the matcher worker (`tui::worker`) to compute.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;

use super::rows::Timeline;
use crate::search::{Index, Query};

/// One request for matches.
#[derive(Debug, Clone)]
pub struct MatchRequest {
    /// Number of the request; the model drops results of older ones.
    pub generation: u64,
    /// What to match.
    pub query: Query,
    /// Search only these events (results of a query this one extends), in index order.
    pub within: Option<Vec<u32>>,
    /// Put the best matches first instead of date order.
    pub rank: bool,
    /// Set by the model when a newer request makes this one useless.
    pub cancel: Arc<AtomicBool>,
    /// The index to search: the events shown when the request was made (events loaded in
    /// the background replace it).
    pub index: Arc<Index>,
    /// The day of the today divider, and whether the rows get headers: the timeline of the
    /// results is built with them on the matcher's thread.
    pub today: NaiveDate,
    /// See `today`.
    pub grouped: bool,
}

/// Up to this many results, the best match is found even in date order, so that the
/// selection can move to it; past it, scoring every result would slow typing down.
pub const BEST_OF_AT_MOST: usize = 20_000;

/// The answer to a request: the matching events in display order, and the best match.
#[derive(Debug, Clone, PartialEq)]
pub struct Matches {
    /// Matching event indices, in display order.
    pub hits: Vec<u32>,
    /// The best match, when known.
    pub best: Option<u32>,
    /// The timeline rows of `hits`.
    pub timeline: Arc<Timeline>,
}

impl Matches {
    /// The message that hands these results to the model.
    pub fn into_message(self, generation: u64) -> super::Message {
        super::Message::ShowMatches {
            generation,
            hits: self.hits,
            best: self.best,
            timeline: Some(self.timeline),
        }
    }
}

/// Runs a request; `None` when it was cancelled.
pub fn run(request: &MatchRequest) -> Option<Matches> {
    let index = &request.index;
    let mut hits = index.filter(&request.query, request.within.as_deref(), &request.cancel)?;
    let best = if request.rank {
        index.rank(&request.query, &mut hits);
        hits.first().copied()
    } else if hits.len() <= BEST_OF_AT_MOST {
        let mut ranked = hits.clone();
        index.rank(&request.query, &mut ranked);
        ranked.first().copied()
    } else {
        None
    };
    let timeline = Timeline::build(index, &hits, request.today, request.grouped);
    Some(Matches {
        hits,
        best,
        timeline: Arc::new(timeline),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, title: &str) -> crate::model::Event {
        let text = format!(
            r#"(id: "{id}", start: "2020", status: held, kind: meeting,
                title: (en: "{title}", fr: "{title}"), summary: (en: "", fr: ""), sources: [])"#
        );
        ron::from_str(&text).unwrap()
    }

    fn request(index: &Arc<Index>, generation: u64, text: &str) -> MatchRequest {
        MatchRequest {
            generation,
            query: Query::parse(text).unwrap(),
            within: None,
            rank: false,
            cancel: Arc::new(AtomicBool::new(false)),
            index: Arc::clone(index),
            today: NaiveDate::default(),
            grouped: true,
        }
    }

    #[test]
    fn within_limits_the_search() {
        let events = vec![event("a", "cyber talks"), event("b", "cyber fair")];
        let index = Arc::new(Index::new(&events));
        let mut req = request(&index, 1, "cyber");
        req.within = Some(vec![1]);
        assert_eq!(run(&req).map(|m| m.hits), Some(vec![1]));
    }
}
