//! Match requests: what the model asks the matcher worker (`tui::worker`) to compute.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

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
}

/// Runs a request; `None` when it was cancelled.
pub fn run(request: &MatchRequest) -> Option<Vec<u32>> {
    let index = &request.index;
    let mut hits = index.filter(&request.query, request.within.as_deref(), &request.cancel)?;
    if request.rank {
        index.rank(&request.query, &mut hits);
    }
    Some(hits)
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
        }
    }

    #[test]
    fn within_limits_the_search() {
        let events = vec![event("a", "cyber talks"), event("b", "cyber fair")];
        let index = Arc::new(Index::new(&events));
        let mut req = request(&index, 1, "cyber");
        req.within = Some(vec![1]);
        assert_eq!(run(&req), Some(vec![1]));
    }
}
