//! Walking the query history in the filter bar: Up (or Ctrl-R) for older queries, Down
//! for newer ones and finally the text being typed; a query cleared by mistake is the
//! first one Up brings back.

/// The queries to walk and where the walk is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recall {
    /// Saved queries, oldest first.
    entries: Vec<String>,
    /// A query the user cleared in this session, offered before the saved ones.
    cleared: Option<String>,
    /// Position in `walk()` while walking.
    at: Option<usize>,
    /// The text being typed when the walk began, given back past the newest entry.
    draft: String,
}

impl Recall {
    /// A walker over saved queries, oldest first.
    pub fn new(entries: Vec<String>) -> Recall {
        Recall {
            entries,
            ..Recall::default()
        }
    }

    /// Newest first: the cleared query, then the saved ones (without a repeat of it).
    fn walk(&self) -> Vec<&str> {
        let cleared = self.cleared.as_deref();
        cleared
            .into_iter()
            .chain(
                self.entries
                    .iter()
                    .rev()
                    .map(String::as_str)
                    .filter(|q| Some(*q) != cleared),
            )
            .collect()
    }

    /// Whether a walk is under way.
    pub fn walking(&self) -> bool {
        self.at.is_some()
    }

    /// The next older query, if any; `current` is kept to come back to.
    pub fn older(&mut self, current: &str) -> Option<String> {
        let walk = self.walk();
        let next = self.at.map_or(0, |i| i + 1);
        let query = walk.get(next)?.to_string();
        if self.at.is_none() {
            self.draft = current.to_string();
        }
        self.at = Some(next);
        Some(query)
    }

    /// The next newer query, or the text typed before the walk once past the newest;
    /// `None` when not walking.
    pub fn newer(&mut self) -> Option<String> {
        match self.at? {
            0 => {
                self.at = None;
                Some(std::mem::take(&mut self.draft))
            }
            i => {
                self.at = Some(i - 1);
                self.walk().get(i - 1).map(|q| q.to_string())
            }
        }
    }

    /// Ends the walk where it is (the user edited or submitted the text).
    pub fn stop(&mut self) {
        self.at = None;
        self.draft.clear();
    }

    /// Remembers a query the user just cleared, so that Up brings it back.
    pub fn cleared(&mut self, query: &str) {
        if !query.trim().is_empty() {
            self.cleared = Some(query.to_string());
        }
        self.stop();
    }

    /// Takes a submitted query as the newest entry (as [`crate::saved::history::pushed`]
    /// does on disk).
    pub fn submitted(&mut self, query: &str) {
        self.entries = crate::saved::history::pushed(std::mem::take(&mut self.entries), query);
        self.cleared = None;
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recall() -> Recall {
        Recall::new(vec!["oldest".into(), "middle".into(), "newest".into()])
    }

    #[test]
    fn up_walks_back_and_down_returns_to_the_draft() {
        let mut r = recall();
        assert_eq!(r.older("typing").as_deref(), Some("newest"));
        assert_eq!(r.older("newest").as_deref(), Some("middle"));
        assert_eq!(r.older("middle").as_deref(), Some("oldest"));
        assert_eq!(r.older("oldest"), None);
        assert_eq!(r.newer().as_deref(), Some("middle"));
        assert_eq!(r.newer().as_deref(), Some("newest"));
        assert_eq!(r.newer().as_deref(), Some("typing"));
        assert_eq!(r.newer(), None);
        assert!(!r.walking());
    }

    #[test]
    fn a_cleared_query_comes_back_first() {
        let mut r = recall();
        r.cleared("kind:cc tallinn");
        assert_eq!(r.older("").as_deref(), Some("kind:cc tallinn"));
        assert_eq!(r.older("").as_deref(), Some("newest"));
        r.submitted("middle");
        assert_eq!(r.older("").as_deref(), Some("middle"));
        assert_eq!(r.older("").as_deref(), Some("newest"));
        assert_eq!(r.older("").as_deref(), Some("oldest"));
        assert_eq!(r.older(""), None);
    }

    #[test]
    fn an_empty_history_gives_nothing() {
        let mut r = Recall::default();
        assert_eq!(r.older("x"), None);
        assert_eq!(r.newer(), None);
        r.cleared("   ");
        assert_eq!(r.older(""), None);
    }
}
